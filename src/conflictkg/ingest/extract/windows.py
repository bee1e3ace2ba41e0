"""Where the text is cut: sentences (and headline fragments), comma clauses, a heading glued to its story,
and the window each run of triggers owns in its sentence."""
from __future__ import annotations

import re

from conflictkg.core.normalise import Normalised

from .context import Doc
from .match import Match, Token

_SENTENCE = re.compile(r"[.!?؟؛\n]+|\s[-–—](?=\S)|:\s")


def sentences(norm: Normalised, toks: list[Token]) -> list[tuple[int, int]]:
    """Token ranges [lo, hi) of the sentences (and headline fragments) of the text."""
    bounds, lo = [], 0
    cuts = [m.start() for m in _SENTENCE.finditer(norm.text)]
    ci = 0
    for i, t in enumerate(toks):
        while ci < len(cuts) and cuts[ci] < t.start:
            if i > lo:
                bounds.append((lo, i))
            lo = i
            ci += 1
    if len(toks) > lo:
        bounds.append((lo, len(toks)))
    return bounds


def clause(doc: Doc, i: int, lo: int, hi: int) -> tuple[int, int]:
    """The comma-delimited clause [clo, chi) around token i, within the sentence [lo, hi)."""
    t, text = doc.toks, doc.norm.text
    clo = i
    while clo > lo and not any(ch in text[t[clo - 1].end:t[clo].start] for ch in "،,"):
        clo -= 1
    chi = i + 1
    while chi < hi and not any(ch in text[t[chi - 1].end:t[chi].start] for ch in "،,"):
        chi += 1
    return clo, chi


def same_clause(doc: Doc, a: Match, b: Match) -> bool:
    lo, hi = sorted((a.start, b.start))
    return "،" not in doc.norm.text[lo:hi] and "," not in doc.norm.text[lo:hi]


def heading(doc: Doc, lo: int, hi: int) -> int:
    """Where the story starts when the sentence opens with a heading after a dash (0 if it does not)."""
    t, text, g = doc.toks, doc.norm.text, doc.grammar
    before = text[max(0, t[lo].start - 3):t[lo].start]
    if "-" not in before and "–" not in before:
        return 0
    for k in range(lo + 2, min(hi, lo + g.heading_words + 1)):
        w = t[k].text
        if w in g.clause_openers or (w[:1] in "وف" and w[1:] in g.clause_openers):
            return k
    return 0


def under_way(doc: Doc, lo: int, m: Match) -> bool:
    """Whether trigger m names an activity under way (أثناء تنفيذهم عمليات تمشيط): a word of 'during' in the
    three words before it, within the sentence starting at lo."""
    return any(x.text in doc.grammar.during for x in doc.toks[max(lo, m.first - 3):m.first])


def runs(trigs: list[Match], toks: list[Token]) -> list[list[Match]]:
    """Runs of joined triggers, which share one window: هجمات وتفجيرات وكمائن."""
    groups: list[list[Match]] = []
    for m in trigs:
        if groups and m.first - groups[-1][-1].last <= 1 and toks[m.first].text.startswith("و"):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def spans(groups: list[list[Match]], during: list[bool], lo: int, hi: int) -> list[tuple[int, int]]:
    """The window [wlo, whi) of each run: from the end of the previous run to the next run. An activity under
    way does not end the window of the run before it (that event's places and casualties come after it)."""
    out = []
    for gi in range(len(groups)):
        wlo = groups[gi - 1][-1].last + 1 if gi else lo
        nxt = next((j for j in range(gi + 1, len(groups)) if not during[j]), None)
        whi = groups[nxt][0].first if nxt is not None else hi
        if during[gi] and gi + 1 < len(groups):
            whi = groups[gi + 1][0].first
        out.append((wlo, whi))
    return out
