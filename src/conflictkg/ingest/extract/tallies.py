"""Tallies: a clause that sums many events is an aggregate, never an event. It is marked by a tally word
(حصيلة، وثقت), by a large toll (50 or more) beside plural event words (هجمات، تفجيرات، كمائن), or by a toll
beside a count of operations ("مقتل 74 … في 19 هجوماً"). Its triggers and counts make no event."""
from __future__ import annotations

from conflictkg.core.normalise import fold

from . import numbers, windows
from .candidates import Candidate, uniq
from .certainty import certainty
from .context import Sentence
from .match import Match
from .places import in_focus
from .roles import side_of
from .timex import FoundDate


def take(s: Sentence, cues: list[Match]) -> list[Candidate]:
    """The tallies of the sentence's aggregate clauses (`cues` are its tally words). The triggers and
    casualty statements of those clauses are taken out of `s`."""
    cues = list(cues) + _large_tolls(s) + _operation_counts(s)
    found: list[Candidate] = []
    for cue in cues:
        clo, chi = _clause(s, cue)
        made = _tally(s, clo, chi)
        found += made
        if made or any(k.kind == "killed" and k.number is not None and clo <= k.first < chi for k in s.cas):
            s.trigs = [m for m in s.trigs if not clo <= m.first < chi]
            s.cas = [k for k in s.cas if not clo <= k.first < chi]
    return found


def _large_tolls(s: Sentence) -> list[Match]:
    """Death tolls of 50 or more, when a plural event word is in the sentence."""
    t, g = s.doc.toks, s.doc.grammar
    plural = [m for m in s.trigs if fold(m.surface).split()[-1].endswith(("ات", "ايات")) or
              fold(m.surface).split()[-1] in g.plurals]
    if not plural:
        return []
    return [Match(True, k.first, k.last, t[k.first].start, t[k.last].end, "", "") for k in s.cas
            if k.kind == "killed" and k.number is not None and k.number.lower >= g.large_toll]


def _operation_counts(s: Sentence) -> list[Match]:
    """Triggers counted by a number of two or more (في 19 هجوماً), in a sentence with a death toll."""
    if not any(k.kind == "killed" and k.number is not None for k in s.cas):
        return []
    t, lex = s.doc.toks, s.doc.lex
    in_dates = {j for d in s.dates for j in range(d.first, d.last + 1)}
    out = []
    for m in s.trigs:
        j = m.first - 1
        num = numbers.number_at(t, j, lex) if j >= s.lo and j not in in_dates else None
        if num is not None and num.last == j and num.lower >= 2:
            out.append(m)
    return out


def _clause(s: Sentence, cue: Match) -> tuple[int, int]:
    """The clause of the tally word, joined with the clause of a death toll near it (the number may sit in
    the clause next to the word)."""
    clo, chi = windows.clause(s.doc, cue.first, s.lo, s.hi)
    near = [k for k in s.cas if k.kind == "killed" and k.number is not None and abs(k.first - cue.first) <= 15]
    if near:
        klo, khi = windows.clause(s.doc, near[0].first, s.lo, s.hi)
        clo, chi = min(clo, klo), max(chi, khi)
    return clo, chi


def _tally(s: Sentence, lo: int, hi: int) -> list[Candidate]:
    """The tally of clause [lo, hi): its death tolls, places (else the place in focus) and period (else up to
    the publication); none without all three."""
    doc = s.doc
    actors = [a for a in s.actors if lo <= a.first < hi]
    killed = [k for k in s.cas if lo <= k.first < hi and k.kind == "killed" and k.number is not None]
    dates = [d for d in s.dates if lo <= d.first < hi] or s.dates
    if not dates and doc.pub is not None:
        dates = [FoundDate(lo, lo, {"end": doc.pub.label}, "range",
                           f"an aggregate up to the publication ({doc.pub.label}); its start is not stated")]
    places = uniq(p.value for p in s.places if lo <= p.first < hi) or in_focus(doc, lo, doc.toks[lo].start)
    if not killed or not places or not dates:
        return []
    c = Candidate("tally", "Tally", "", lo, hi - 1)
    c.places = places
    c.date = dates[0]
    for k in killed:
        side = side_of(doc, k, actors)
        c.counts.append({"kind": "killed", **({"side": side} if side else {}), **k.number.spec})
    c.perpetrator = uniq(a.value.id for a in actors[:1])
    c.certainty, c.cue = certainty(doc.toks, lo, hi, doc.lex)
    c.reporter = s.rep
    return [c]
