"""Scoring predicted ACLED rows against ACLED-style gold (gold.py).

A predicted row is one row of `extract --format acled-csv`, with the evidence of its candidate event
(every mention of it) and the values the scorer compares. Three scores:

- fields: each row is paired with the gold event whose evidence overlaps its own most (one to one, the
  same event_type first). event_type, sub_event_type, governorate, location, date (the ranges overlap) and
  killed (the predicted toll in the gold range) are compared on the pairs; an unpaired row's values are
  false positives, an unpaired gold event's false negatives. actor1 and actor2 count only where the gold
  gives a project slug (`actor1_ref`).
- whole events, ACLED's way: a row matches a gold event when the event_type is the same AND (the same
  governorate, or the same location) AND the toll is in range (the predicted killed within [low, high],
  high null meaning no upper bound; or both without a toll). One to one, greedy by evidence overlap, then
  by order. No evidence is needed: ACLED matches rows, not quotes.
- whole events, the seeds' way: the same, and the evidence must overlap too.

Errors: each row left unmatched (ACLED's way) gets one category, each gold event left unmatched one reason
(see classify_rows and classify_misses).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from conflictkg.core.arabic import match_key

from .evaluate import PRF
from .gold import Coded, GoldArticle, GoldEvent

FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "governorate", "location", "date", "killed")
FP_CATEGORIES = ("duplicate row", "not an event", "wrong type", "wrong place", "wrong toll", "no counterpart")
MISS_REASONS = ("no candidate near", "wrong type", "wrong place", "wrong toll")


@dataclass
class Pred(Coded):
    """One predicted row of an article."""

    location_ar: tuple[str, ...]    # the place's Arabic names, match_key-folded
    killed: int | None              # None: no toll stated
    spans: list[tuple[int, int]]
    score: float | None = None


def _spans(x) -> list[tuple[int, int]]:
    if isinstance(x, Pred):
        return x.spans
    if isinstance(x, GoldEvent):
        return [(s.start, s.end) for s in x.evidence]
    return [x.span]  # an event of the seed scorer (evaluate.Ev)


def overlap(a, b) -> int:
    """Code points shared by the evidence of a and b (rows, gold events or the seed scorer's events), over
    all their mentions."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in _spans(a) for s2, e2 in _spans(b))


def toll_ok(p: Pred, g: GoldEvent) -> bool:
    if g.killed is None or p.killed is None:
        return g.killed is None and p.killed is None
    lo, hi = g.killed
    return lo <= p.killed and (hi is None or p.killed <= hi)


def same_place(p: Pred, g: GoldEvent) -> bool:
    """The same governorate (both may be empty: a country-level event) or the same location, by its
    English name or by the Arabic the gold quotes."""
    if p.governorate == g.governorate:
        return True
    if g.location and p.location == g.location:
        return True
    return bool(g.location_ar) and match_key(g.location_ar) in p.location_ar


def date_ok(p: Pred, g: GoldEvent) -> bool:
    if p.earliest is None or g.earliest is None:
        return False
    return p.earliest <= (g.latest or g.earliest) and g.earliest <= (p.latest or p.earliest)


def acled_match(p: Pred, g: GoldEvent) -> bool:
    return p.event_type == g.event_type and same_place(p, g) and toll_ok(p, g)


def seed_match(p: Pred, g: GoldEvent) -> bool:
    return acled_match(p, g) and overlap(p, g) > 0


def one_to_one(preds: list, golds: list, ok, *, same_type_first: bool = False) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (row index, gold index) among those `ok` accepts: the most evidence overlap
    first, then by order (the same event_type before anything else when asked)."""
    cands = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if ok(p, g):
                cands.append((same_type_first and _type(p) != _type(g), -overlap(p, g), i, j))
    used_p, used_g, out = set(), set(), []
    for *_, i, j in sorted(cands):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return sorted(out)


def _type(x) -> str:
    return getattr(x, "event_type", None) or x.type


def _field_values(f: str, p: Pred | None, g: GoldEvent | None):
    """(predicted value, gold value, equal) of one field; None where there is no value to count."""
    if f in ("actor1", "actor2"):
        gv = getattr(g, f + "_ref") if g else None
        pv = getattr(p, f + "_ref") if p and gv else None  # only where the gold gives a slug
        return pv, gv, pv is not None and pv == gv
    if f == "date":
        pv = (p.earliest, p.latest) if p and p.earliest else None
        gv = (g.earliest, g.latest) if g and g.earliest else None
        return pv, gv, bool(pv and gv and date_ok(p, g))
    if f == "killed":
        pv, gv = (p.killed if p else None), (g.killed if g else None)
        return pv, gv, pv is not None and gv is not None and toll_ok(p, g)
    if f == "location":
        pv, gv = (p.location if p else None), (g.location if g else None)
        return pv, gv, bool(p and g and gv and (pv == gv or (g.location_ar and match_key(g.location_ar) in p.location_ar)))
    pv, gv = (getattr(p, f) if p else None), (getattr(g, f) if g else None)
    return pv, gv, pv is not None and pv == gv


@dataclass
class Half:
    """The scores of one set of gold files (a half, or the hand gold of a test)."""

    fields: dict[str, PRF] = field(default_factory=lambda: {f: PRF() for f in FIELDS})
    acled: PRF = field(default_factory=PRF)
    seedway: PRF = field(default_factory=PRF)
    false_positives: Counter = field(default_factory=Counter)   # category (or "not an event: KIND")
    misses_by_type: Counter = field(default_factory=Counter)
    misses_by_reason: Counter = field(default_factory=Counter)
    per_article: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # gold, rows, matched

    def add(self, gold: GoldArticle, preds: list[Pred]) -> None:
        golds = gold.events
        pairs = one_to_one(preds, golds, lambda p, g: overlap(p, g) > 0, same_type_first=True)
        paired_p, paired_g = {i: j for i, j in pairs}, {j: i for i, j in pairs}
        for f in FIELDS:
            prf = self.fields[f]
            for i, p in enumerate(preds):
                g = golds[paired_p[i]] if i in paired_p else None
                pv, gv, eq = _field_values(f, p, g)
                prf.tp += eq
                prf.fp += pv is not None and not eq
                prf.fn += gv is not None and not eq
            for j, g in enumerate(golds):
                if j not in paired_g:
                    prf.fn += _field_values(f, None, g)[1] is not None
        matched = one_to_one(preds, golds, acled_match)
        self.acled.tp += len(matched)
        self.acled.fp += len(preds) - len(matched)
        self.acled.fn += len(golds) - len(matched)
        seeds = one_to_one(preds, golds, seed_match)
        self.seedway.tp += len(seeds)
        self.seedway.fp += len(preds) - len(seeds)
        self.seedway.fn += len(golds) - len(seeds)
        self.false_positives.update(classify_rows(gold, preds, matched))
        for g, reason in classify_misses(gold, preds, matched):
            self.misses_by_type[g.event_type] += 1
            self.misses_by_reason[reason] += 1
        self.per_article[gold.stem] = (len(golds), len(preds), len(matched))


def classify_rows(gold: GoldArticle, preds: list[Pred], matched: list[tuple[int, int]]) -> list[str]:
    """One category per unmatched row, in this order: its evidence overlaps a matched gold event (a
    duplicate row of that incident); it overlaps a skipped mention (not an event, by the skip's kind); it
    overlaps an unmatched gold event (the one it overlaps most) of another type (wrong type), of the type
    but another place (wrong place), or of the type and place (wrong toll); else no counterpart."""
    done_p, done_g = {i for i, _ in matched}, {j for _, j in matched}
    out = []
    for i, p in enumerate(preds):
        if i in done_p:
            continue
        if any(overlap(p, gold.events[j]) for j in done_g):
            out.append("duplicate row")
            continue
        skips = [s for s in gold.skipped if any(max(0, min(e, s.span.end) - max(b, s.span.start)) for b, e in p.spans)]
        if skips:
            out.append(f"not an event: {skips[0].kind}")
            continue
        near = [(overlap(p, g), -j, g) for j, g in enumerate(gold.events) if j not in done_g and overlap(p, g)]
        if not near:
            out.append("no counterpart")
            continue
        g = max(near, key=lambda x: x[:2])[2]
        out.append("wrong type" if p.event_type != g.event_type else "wrong place" if not same_place(p, g)
                   else "wrong toll")
    return out


def classify_misses(gold: GoldArticle, preds: list[Pred], matched: list[tuple[int, int]]
                    ) -> list[tuple[GoldEvent, str]]:
    """Why each unmatched gold event was missed, looking at every row whose evidence overlaps it: none
    (no candidate near), none of its type (wrong type), none of its type and place (wrong place), else a
    row of its type and place with another toll (wrong toll)."""
    done_g = {j for _, j in matched}
    out = []
    for j, g in enumerate(gold.events):
        if j in done_g:
            continue
        near = [p for p in preds if overlap(p, g)]
        typed = [p for p in near if p.event_type == g.event_type]
        placed = [p for p in typed if same_place(p, g)]
        out.append((g, "no candidate near" if not near else "wrong type" if not typed
                    else "wrong place" if not placed else "wrong toll"))
    return out
