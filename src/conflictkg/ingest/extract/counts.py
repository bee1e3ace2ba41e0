"""Casualty counts of an event: the statements in its window with their side, the people an act counts
(اعتقال 12 شخصاً), and counts told on in the next sentence about the same attack."""
from __future__ import annotations

from functools import lru_cache

from conflictkg.core.normalise import fold

from . import numbers
from .candidates import Candidate
from .context import Sentence, Window
from .match import Match, Token
from .numbers import Casualty
from .roles import side_of

HARM = ("killed", "wounded")
LINK_GAP = 3  # words between a toll's number and the link word before a trigger (the victims: أشخاص، مدنيين)


def add(w: Window, c: Candidate) -> None:
    """The counts of the event of window `w`."""
    _stated(w, c)
    _counted(w, c)


def _stated(w: Window, c: Candidate) -> None:
    """Casualty statements in the window; those before the trigger only for the sentence's first run, and
    none for an activity under way (the background of another event), unless the toll comes before it and
    no event does ("قتلوا أثناء قصف …": the dead are the shelling's). A lone target is the side of an
    unattributed death toll."""
    m = w.trigger
    agreement = _agreement(c.type)
    for k in w.s.cas:
        if agreement and k.kind in HARM:
            continue  # "قتل 14 مقاتلا من … فصائل وافقت مؤخرا على المصالحة": the dead of another act
        bound = bound_to(w.toks, k, w.s.trigs, w.lex)
        if bound is not None and bound.first >= w.hi:
            continue  # "مقتل ستة أشخاص في قصف …" after this trigger: the dead of that later act
        if bound is not None and w.lo <= k.first and w.lo <= bound.first:
            pass      # told of this act (or of a word of it that names no act of its own)
        elif not (w.lo <= k.first and k.last < w.hi) or (k.last < m.first and not w.first) or \
                (w.during and not (w.first and k.last < m.first)):
            continue
        side = side_of(w.doc, k, w.s.actors)
        count = {"kind": k.kind}
        if side:
            count["side"] = side
        elif k.kind == "killed" and len(c.target) == 1:
            count["side"] = c.target[0]
        if k.number is not None:
            count.update(k.number.spec)
        if count not in c.counts:
            c.counts.append(count)
        w.used += [k.first, k.last] + ([k.number.last] if k.number else [])


def _agreement(t: str) -> bool:
    """Whether an event class is coded as an agreement (ACLED Strategic developments / Agreement), which
    harms nobody: a toll in its sentence is another act's."""
    from .incidents import families

    return families().get(t) == families().get("Deal")


@lru_cache(maxsize=4)
def _links(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(x) for x in words)


def bound_to(toks: list[Token], k: Casualty, trigs: list[Match], lex) -> Match | None:
    """The trigger a toll is told of by a link word right before it: "مقتل ستة أشخاص في قصف روسي"، "مقتل
    أربعة مدنيين جراء الغارات" (numbers.yaml toll_links; ب glued to the trigger, بقصف، links too). The toll
    ends at its number (or its word), and at most LINK_GAP words (the victims) come before the link."""
    if k.kind != "killed":
        return None
    links = _links(tuple(lex.numbers.get("toll_links") or ()))
    end = max(k.last, k.number.last if k.number else k.last)
    for m in trigs:
        if m.first <= end or m.first - end > LINK_GAP + 2:
            continue
        if toks[m.first].text.startswith("ب") and m.first - end <= LINK_GAP + 1 and \
                not toks[m.first].text.startswith("بين"):
            return m
        if toks[m.first - 1].text in links:
            return m
    return None


def _counted(w: Window, c: Candidate) -> None:
    """The people an act counts, from a number in the seven words after its trigger (اعتقال 12 شخصاً), unless
    a statement gave them already. A number of four or more characters starting 19 or 20 is taken for a year."""
    m, t, g = w.trigger, w.toks, w.g
    etype = m.value.type
    if etype not in g.counted or any(k["kind"] == g.counted[etype] for k in c.counts):
        return
    for i in range(m.last + 1, min(w.hi, m.last + 8)):
        num = numbers.number_at(t, i, w.lex)
        if num is not None and not t[i].text.startswith(("19", "20")) or \
                (num is not None and len(t[i].text) < 4):
            count = {"kind": g.counted[etype], **({"side": c.target[0]} if len(c.target) == 1 else {}),
                     **num.spec}
            c.counts.append(count)
            w.used += [num.first, num.last]
            break


def carry_over(s: Sentence, last: Candidate, after: int, before: int) -> None:
    """Counts of the sentence between tokens `after` and `before` (exclusive) go to `last`, the event the
    sentence goes on telling ("وأدى الهجوم إلى مقتل …"), for the kinds it has no count of yet."""
    for k in s.cas:
        if after < k.first < before and not any(c["kind"] == k.kind for c in last.counts):
            side = side_of(s.doc, k, s.actors)
            last.counts.append({"kind": k.kind, **({"side": side} if side else {}),
                                **(k.number.spec if k.number else {})})
