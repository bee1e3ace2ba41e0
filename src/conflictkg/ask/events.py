"""Events by date, place, actor, type, kind and source, without SPARQL: `events(store, Filters(...))` gives one
row per event, curated and imported alike, for `conflictkg events` and the filtered exports.

The rules:

- **Dates.** An event is listed for a range when its date span overlaps it: its earliest possible date is
  on or before `end` and its latest possible date on or after `start` (both ends included). An event "after
  March 2019, before 14 November 2021" overlaps 2020. With `within`, only when its whole span lies in the
  range: the rule of every count by period (conflictkg.ask.periods, docs/dates.md). An undated event is in
  no range and is left out as soon as `start` or `end` is given.
- **Places.** `places` takes an event at the place or anywhere `ckg:partOf` it (walking part-of up from the
  event's places: where it happened, where from and where to); `governorates` the same for governorates.
- **Actors.** `actors` takes an event whose perpetrator, target or party (`role`: one of them, or `any`) is
  one of the actors.
- **Types.** `types` takes the class and every subclass of it (Attack takes ambushes and air strikes).
- **Kinds.** event (a specific event told as news), background (a past event told in passing), pattern, or
  anticipated; none given means all four.
- **Sources.** curated (the seed fact files), extracted (an article ingested with `conflictkg ingest`),
  acled, ucdp (imported datasets), read from the named graph that holds the event.
- Several values of one filter are alternatives; different filters must all hold. A second account of an
  event (`same_as`) is no row of its own: its first account's row names it in `other_accounts`.

Names are resolved by conflictkg.ask.names, never pasted into a query: the filters run over the rows of the
export queries, the same rows the exports write."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from conflictkg.core.errors import ConflictKGError
from conflictkg.store import Store, queries

from .names import Names, event_type
from .tabular import Event, Tables, local

KINDS = ("event", "background", "pattern", "anticipated")
ROLES = ("perpetrator", "target", "party", "any")
SOURCES = ("curated", "extracted", "acled", "ucdp")
COLUMNS = ("earliest", "latest", "precision", "type", "subtype", "class", "kind", "places", "governorates",
           "perpetrators", "targets", "parties", "killed_low", "killed_high", "source", "certainty", "summary",
           "evidence", "other_accounts", "event")


class FilterError(ConflictKGError):
    """A filter that cannot hold: a range ending before it starts, an unknown kind, role or source (exit 2)."""


@dataclass(frozen=True)
class Filters:
    """What to keep; the defaults keep everything."""

    start: dt.date | None = None
    end: dt.date | None = None
    governorates: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    role: str = "any"
    types: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    within: bool = False  # the whole span in the range, not only a part of it

    def check(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise FilterError(f"the range ends ({self.end}) before it starts ({self.start})",
                              fix="give --from on or before --to")
        for values, allowed, what in ((self.kinds, KINDS, "kind"), (self.sources, SOURCES, "source"),
                                      ((self.role,), ROLES, "role")):
            bad = [v for v in values if v not in allowed]
            if bad:
                raise FilterError(f"unknown {what} '{bad[0]}'", fix=f"use one of {', '.join(allowed)}")

    @property
    def empty(self) -> bool:
        return self == Filters()


def bound(text: str, *, end: bool = False) -> dt.date:
    """A day from YYYY-MM-DD, YYYY-MM or YYYY: the first day of the month or year, or with `end` the last."""
    import calendar
    import re

    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
    try:
        if m is None:
            raise ValueError
        year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
        if day is None:
            day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, int(day))
    except ValueError:
        raise FilterError(f"'{text}' is not a date", fix="write YYYY-MM-DD, YYYY-MM or YYYY: --from 2021-11-01 "
                          "--to 2021-11") from None


def source_of(graph: str) -> str:
    """curated, extracted, acled, ucdp (or the dataset's name) from the named graph holding an event."""
    if graph.endswith("/graph/facts"):
        return "curated"
    if "/graph/article/" in graph:
        return "extracted"
    if "/graph/import/" in graph:
        return graph.rsplit("/", 1)[-1]
    return local(graph)


@dataclass
class Selection:
    """The events kept, in date order, with what the rows need besides the tables."""

    tables: Tables
    events: list[Event]
    sources: dict[str, dict[str, str | None]]    # event IRI -> its row of ask/event-sources
    accounts: dict[str, list[str]] = field(default_factory=dict)  # first account -> its second accounts


class Matcher:
    """The filters with every name resolved to IRIs (or class names), ready to test events."""

    def __init__(self, tables: Tables, filters: Filters):
        filters.check()
        self.t, self.f = tables, filters
        names = Names(tables) if filters.governorates or filters.places or filters.actors else None
        self.govs = {names.resolve(n, "governorate", names.governorates()) for n in filters.governorates} \
            if names else set()
        self.places = {names.resolve(n, "place", names.places()) for n in filters.places} if names else set()
        self.actors = {names.resolve(n, "actor", names.actors()) for n in filters.actors} if names else set()
        self.classes = set().union(*(tables.subclasses(event_type(n)) for n in filters.types)) \
            if filters.types else set()
        self.roles = ("perpetrator", "target", "party") if filters.role == "any" else (filters.role,)
        self._within: dict[str, set[str]] = {}

    def within(self, ev: Event) -> set[str]:
        """The event's places and every place they lie in."""
        out: set[str] = set()
        for p in dict.fromkeys(ev.role("hasPlace") + ev.role("fromPlace") + ev.role("toPlace")):
            if p not in self._within:
                self._within[p] = set(self.t.ancestors(p))
            out |= self._within[p]
        return out

    def keeps(self, ev: Event, source: str) -> bool:
        f = self.f
        if f.kinds and ev.statement not in f.kinds:
            return False
        if f.sources and source not in f.sources:
            return False
        if (f.start or f.end) and ev.earliest is None:
            return False  # undated: it overlaps no range
        latest = ev.latest or ev.earliest
        if f.within and (f.end and latest > f.end or f.start and ev.earliest < f.start):
            return False
        if f.end and ev.earliest > f.end or f.start and latest < f.start:
            return False
        if self.classes and ev.cls not in self.classes:
            return False
        if self.actors and not self.actors & {a for r in self.roles for a in ev.role(r)}:
            return False
        if self.govs or self.places:
            around = self.within(ev)
            if self.govs and not self.govs & around or self.places and not self.places & around:
                return False
        return True


def select(tables: Tables, filters: Filters) -> Selection:
    """The events the filters keep, first accounts only, ordered by earliest date (undated last), then IRI."""
    matcher = Matcher(tables, filters)
    sources = {r["event"]: r for r in queries.rows(tables.store, "ask/event-sources")}
    accounts: dict[str, list[str]] = {}
    for ev in tables.events:
        if ev.same_as:
            accounts.setdefault(ev.same_as, []).append(ev.iri)
    kept = [ev for ev in tables.events if not ev.same_as
            and matcher.keeps(ev, source_of((sources.get(ev.iri) or {}).get("graph") or ""))]
    kept.sort(key=lambda e: (e.earliest is None, e.earliest or dt.date.min, e.latest or dt.date.min, e.iri))
    return Selection(tables, kept, sources, accounts)


def narrowed(tables: Tables, filters: Filters) -> Tables:
    """A copy of `tables` whose events are those the filters keep, with their second accounts (the exports
    leave those out themselves), in the tables' order: what a filtered export writes."""
    chosen = select(tables, filters)
    keep = {ev.iri for ev in chosen.events}
    out = Tables(tables.store)
    out.__dict__.update({k: v for k, v in tables.__dict__.items() if k != "store"})
    out.__dict__["events"] = [ev for ev in tables.events if ev.iri in keep or ev.same_as in keep]
    return out


class _Row:
    def __init__(self, sel: Selection):
        self.sel, self.t = sel, sel.tables
        self.acled = {local(r["class"]): (r["type"], r["sub"]) for r in queries.rows(sel.tables.store,
                                                                                   "export/acled-types")}
        self.govs: dict[str, list[str]] = {}

    def names(self, iris: list[str]) -> str:
        ents = self.t.entities
        return "; ".join(ents[i].en if i in ents else local(i) for i in dict.fromkeys(iris))

    def governorates(self, ev: Event) -> str:
        found: list[str] = []
        for p in dict.fromkeys(ev.role("hasPlace") + ev.role("fromPlace") + ev.role("toPlace")):
            if p not in self.govs:
                self.govs[p] = [g for g in self.t.ancestors(p)
                                if g in self.t.entities and self.t.entities[g].cls == "Governorate"]
            found += [g for g in self.govs[p] if g not in found]
        return "; ".join(sorted(self.t.entities[g].en.replace(" Governorate", "") for g in found))

    def row(self, ev: Event) -> dict[str, str | int | None]:
        src = self.sel.sources.get(ev.iri) or {}
        etype, sub = self.acled.get(ev.cls, ("", ""))
        if ev.record and ev.record.get("supertype"):
            etype, sub = ev.record["supertype"], ev.record["type"]  # an imported row keeps its own type
        elif ev.record and ev.record.get("type"):
            etype, sub = ev.record["type"], ""
        counted = int(src.get("killed_counts") or 0)
        high = int(src["killed_high"]) if counted and src.get("open_counts") == "0" else None
        evidence = ev.quote or (f"record {ev.record['id']} of {ev.record['file']}, line {ev.record['row']}"
                                if ev.record else "")
        return {
            "earliest": ev.earliest.isoformat() if ev.earliest else None,
            "latest": ev.latest.isoformat() if ev.latest else None, "precision": ev.precision,
            "type": etype, "subtype": sub, "class": ev.cls, "kind": ev.statement,
            "places": self.names(ev.role("hasPlace") + ev.role("fromPlace") + ev.role("toPlace")),
            "governorates": self.governorates(ev), "perpetrators": self.names(ev.role("perpetrator")),
            "targets": self.names(ev.role("target")), "parties": self.names(ev.role("party")),
            "killed_low": ev.killed if counted else None, "killed_high": high,
            "source": source_of(src.get("graph") or ""), "certainty": ev.certainty,
            "summary": " ".join(ev.summary.split()), "evidence": evidence,
            "other_accounts": "; ".join(sorted(self.sel.accounts.get(ev.iri, []))), "event": ev.iri}


def rows(sel: Selection) -> list[dict[str, str | int | None]]:
    """One row per selected event, with the columns of COLUMNS."""
    maker = _Row(sel)
    return [maker.row(ev) for ev in sel.events]


def events(store: Store, filters: Filters | None = None) -> list[dict[str, str | int | None]]:
    """The rows of the events the filters keep (all events, without filters): see the module's rules."""
    return rows(select(Tables(store), filters or Filters()))
