"""What `conflictkg analyze` counts, as totals: read with aggregating queries (queries/analysis/*), or worked
out event by event from the tables (the reference the aggregating reading must equal, and the fallback).

At 100,000 imported events, reading every event into Python took minutes (the events export query alone, and
a row per event); the aggregating queries give a few thousand rows of totals: events by kind, class and
month; actor pairs by kind and year; actors and places by the violent events they suffered. Both readings
follow the same rules (ask.analysis): events only (specific and background), each told once (first
accounts), killed as conservative lower bounds, a period only when it holds the whole span (ask.periods)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from conflictkg.store.queries import rows

from . import periods
from .tabular import COUNTED, Tables, local


@dataclass
class Span:
    """An event known only to a span crossing a month: the timeline draws it as that span."""
    iri: str
    cls: str
    earliest: dt.date
    latest: dt.date


@dataclass
class Totals:
    """The event counts of the analysis; see the module's docstring."""
    kinds: Counter = field(default_factory=Counter)        # statement kind -> first accounts
    years: Counter = field(default_factory=Counter)        # year, SPANNING or UNDATED -> events
    months: Counter = field(default_factory=Counter)       # (month, class) -> events within that month
    spans: list[Span] = field(default_factory=list)        # events whose span crosses a month, in date order
    first: dt.date | None = None                           # the earliest date of a dated event
    last: dt.date | None = None                            # the latest date of a dated event
    targets: dict[str, tuple[int, int]] = field(default_factory=dict)  # actor -> (events, killed on its side)
    places: dict[str, tuple[int, int]] = field(default_factory=dict)   # place -> (violent events, killed)

    @property
    def events(self) -> int:
        return sum(self.kinds[k] for k in COUNTED)

    @property
    def undated(self) -> int:
        return self.years[periods.UNDATED]


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _month(y: str | None, m: str | None) -> str:
    return f"{int(y):04d}-{int(m):02d}"


def from_store(tables: Tables) -> Totals | None:
    """The totals from the aggregating queries; None when the events by class do not add up to the events by
    kind (an event with several classes, or none): the caller then works them out event by event."""
    store, t = tables.store, Totals()
    t.kinds.update({r["statement"]: int(r["n"]) for r in rows(store, "analysis/events-by-kind")})
    by_class: Counter = Counter()
    for r in rows(store, "analysis/events-by-period"):
        n = int(r["n"])
        by_class[r["statement"]] += n
        if r["statement"] not in COUNTED:
            continue
        if not r["y1"]:
            t.years[periods.UNDATED] += n
            t.months[(periods.UNDATED, local(r["class"]))] += n
            continue
        t.years[r["y1"] if r["y1"] == r["y2"] else periods.SPANNING] += n
        month = _month(r["y1"], r["m1"])
        t.months[(month if month == _month(r["y2"], r["m2"]) else periods.SPANNING, local(r["class"]))] += n
        a, b = _day(r["first_day"]), _day(r["last_day"])
        t.first = a if t.first is None else min(t.first, a)
        t.last = b if t.last is None else max(t.last, b)
    if by_class != t.kinds:
        return None
    t.spans = [Span(r["event"], local(r["class"]), _day(r["earliest"]), _day(r["latest"]))
               for r in rows(store, "analysis/month-spans")]
    t.targets = {r["target"]: (int(r["events"]), int(r["killed"])) for r in rows(store, "analysis/targets")}
    t.places = _rolled_up(tables, rows(store, "analysis/violent-places"))
    return t


def _rolled_up(tables: Tables, found: list[dict]) -> dict[str, tuple[int, int]]:
    """Violent events and killed per place and every place it lies in, each event counted once per place:
    the rows of events at one place are summed by place, those at several are taken event by event."""
    events: Counter = Counter()
    killed: Counter = Counter()
    several: dict[str, set[str]] = {}
    toll: dict[str, int] = {}
    for r in found:
        if r["several"] == "1":
            several.setdefault(r["one"], set()).add(r["place"])
            toll[r["one"]] = int(r["killed"])
            continue
        for p in tables.ancestors(r["place"]):
            events[p] += int(r["events"])
            killed[p] += int(r["killed"])
    for ev, places in several.items():
        for p in {a for place in places for a in tables.ancestors(place)}:
            events[p] += 1
            killed[p] += toll[ev]
    return {p: (events[p], killed[p]) for p in events}


def per_event(tables: Tables) -> Totals:
    """The same totals worked out from every event of the tables (the way analyze counted before)."""
    t = Totals()
    once = [ev for ev in tables.events if not ev.same_as]
    t.kinds.update(ev.statement for ev in once)
    counted = [ev for ev in once if ev.counted]
    t.years.update(periods.period(ev.earliest, ev.latest, "year") for ev in counted)
    t.months.update((periods.period(ev.earliest, ev.latest, "month"), ev.cls) for ev in counted)
    dated = [ev for ev in counted if ev.earliest is not None]
    if dated:
        t.first, t.last = min(ev.earliest for ev in dated), max(ev.latest for ev in dated)
    t.spans = sorted((Span(ev.iri, ev.cls, ev.earliest, ev.latest) for ev in dated
                      if periods.period(ev.earliest, ev.latest, "month") == periods.SPANNING),
                     key=lambda s: (s.earliest, s.latest, s.iri))
    score: Counter = Counter()
    hit: Counter = Counter()
    for ev in counted:
        for target in set(ev.role("target")):
            score[target] += 1
            hit[target] += sum(k for kind, side, k in ev.counts if kind == "killed" and side == target)
    t.targets = {a: (score[a], hit[a]) for a in score}
    events: Counter = Counter()
    killed: Counter = Counter()
    violent = tables.subclasses("ViolentEvent")
    for ev in counted:
        if ev.cls in violent:
            for p in {a for place in ev.role("hasPlace") for a in tables.ancestors(place)}:
                events[p] += 1
                killed[p] += ev.killed
    t.places = {p: (events[p], killed[p]) for p in events}
    return t
