"""The three analysis graphs as library calls, each optionally by period and with simple filters:

    from conflictkg import Store
    from conflictkg.ask import graphs

    g = graphs.actor_interactions(Store(path), period="2021")            # nx.Graph of actors
    g = graphs.actor_places(store, governorate="Deir ez-Zor")            # nx.Graph, actors and places
    g = graphs.fighter_flows(store, start="2017-01-01", end="2018-12-31") # nx.DiGraph of places

Filters (all optional, combined with AND):

- period: "2019" or "2019-03": facts whose whole span of dates lies in that year or month (docs/dates.md:
  a fact known only to a span crossing the period is not in it);
- start / end ("YYYY-MM-DD", the CLI's --from/--to): facts whose whole span lies on or after start, on or
  before end;
- governorate: a governorate's English name ("Deir ez-Zor", with or without "Governorate") or IRI: events
  with a place in it (for actor_places, the place itself lies in it);
- type: an event class, by its name ("Attack", "armed clash", "TransferDeal"), with its subclasses.

A date filter leaves out undated facts; a governorate or type filter leaves out what is not an event (relation
statements, presence reports), which has no event type (and a relation no place). Node and edge attributes
are those of `conflictkg analyze` (ask.analysis); `g.graph["filters"]` says which filters made it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from conflictkg.core.errors import ConflictKGError
from conflictkg.store import Store
from conflictkg.store.queries import rows as query_rows

from . import analysis, periods
from .tabular import Tables, local


def _day(value, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConflictKGError(f"{name} '{value}' is not a date", fix="give it as YYYY-MM-DD") from None


@dataclass
class Filters:
    """Which facts a graph is built from; see the module's docstring."""
    period: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    governorate: str | None = None
    type: str | None = None

    def describe(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in vars(self).items() if v is not None) or "none"


class _Selector:
    """Decides, row by row, whether a fact passes the filters."""

    def __init__(self, tables: Tables, f: Filters):
        self.t, self.f = tables, f
        self.events = {ev.iri: ev for ev in tables.events}
        self.gov = self._governorate(f.governorate) if f.governorate else None
        self.types = self._types(f.type) if f.type else None
        if f.period and not (len(f.period) in (4, 7) and f.period[:4].isdigit()):
            raise ConflictKGError(f"period '{f.period}' is neither a year nor a month", fix="give YYYY or YYYY-MM")

    def _governorate(self, name: str) -> str:
        want = name.strip().lower().removesuffix(" governorate")
        found = [e.iri for e in self.t.entities.values() if e.cls == "Governorate"
                 and (e.iri == name or e.en.lower().removesuffix(" governorate") == want)]
        if not found:
            names = sorted(e.en for e in self.t.entities.values() if e.cls == "Governorate")
            raise ConflictKGError(f"no governorate '{name}'", fix=f"use one of: {', '.join(names)}")
        return found[0]

    def _types(self, name: str) -> set[str]:
        key = name.replace(" ", "").replace("-", "").lower()
        classes = self.t.subclasses("Event")
        match = [c for c in classes if c.lower() == key]
        if not match:
            raise ConflictKGError(f"no event type '{name}'", fix=f"use one of: {', '.join(sorted(classes))}")
        return self.t.subclasses(match[0])

    def dates_ok(self, earliest: str | None, latest: str | None) -> bool:
        f = self.f
        if not (f.period or f.start or f.end):
            return True
        if not earliest or not latest:
            return False
        a, b = dt.date.fromisoformat(earliest), dt.date.fromisoformat(latest)
        if f.period and periods.period(a, b, "year" if len(f.period) == 4 else "month") != f.period:
            return False
        return (f.start is None or a >= f.start) and (f.end is None or b <= f.end)

    def in_governorate(self, place: str) -> bool:
        return self.gov in self.t.ancestors(place)

    def keeps(self, row: dict, source: str, place: str | None = None) -> bool:
        if not self.dates_ok(row.get("earliest"), row.get("latest")):
            return False
        ev = self.events.get(source)
        if self.types is not None and (ev is None or ev.cls not in self.types):
            return False
        if self.gov is not None:
            if place is not None:
                return self.in_governorate(place)
            if ev is None:
                return False
            places = ev.role("hasPlace") + ev.role("fromPlace") + ev.role("toPlace")
            return any(self.in_governorate(p) for p in places)
        return True


def _prepare(store: Store | Tables, period, start, end, governorate, type) -> tuple[Tables, Filters, _Selector]:
    tables = store if isinstance(store, Tables) else Tables(store)
    f = Filters(period=str(period) if period is not None else None, start=_day(start, "start"),
                end=_day(end, "end"), governorate=governorate, type=type)
    return tables, f, _Selector(tables, f)


def actor_interactions(store: Store | Tables, *, period: str | int | None = None, start=None, end=None,
                       governorate: str | None = None, type: str | None = None) -> nx.Graph:
    """Who fights whom and who works with whom: actors, with an edge per pair that keeps hostile and
    cooperative events and statements apart (ask.analysis.interaction_graph)."""
    tables, f, sel = _prepare(store, period, start, end, governorate, type)
    rows = [r for r in query_rows(tables.store, "analysis/interactions") if sel.keeps(r, r["source"])]
    g = analysis.interaction_graph(tables, rows)
    g.graph["filters"] = f.describe()
    return g


def actor_places(store: Store | Tables, *, period: str | int | None = None, start=None, end=None,
                 governorate: str | None = None, type: str | None = None) -> nx.Graph:
    """Actors and the places they are tied to (a role in an event there, or a presence report); bipartite
    attribute "actor" or "place", edge weight the number of facts, `how` every way they are tied (roles,
    kinds of presence), sorted and joined by "; "."""
    tables, f, sel = _prepare(store, period, start, end, governorate, type)
    rows = [r for r in query_rows(tables.store, "analysis/actor-places") if sel.keeps(r, r["source"], r["place"])]
    g = analysis.actor_place_graph(tables, rows)
    g.graph["filters"] = f.describe()
    return g


def fighter_flows(store: Store | Tables, *, period: str | int | None = None, start=None, end=None,
                  governorate: str | None = None, type: str | None = None) -> nx.DiGraph:
    """Places, with an edge from origin to destination of each movement of fighters (transfer deals, flight,
    infiltration, reinforcement, withdrawal), weighted by fighters (lower bound); a governorate filter keeps
    movements from or to it."""
    tables, f, sel = _prepare(store, period, start, end, governorate, type)
    rows = [r for r in query_rows(tables.store, "fighter-flows")
            if sel.keeps({"earliest": r["date"], "latest": r["latest"]}, r["event"])]
    g = analysis.flow_graph(tables, rows)
    g.graph["filters"] = f.describe()
    return g


def label(g: nx.Graph, node: str) -> str:
    """A node's English label (its IRI's last part when it has none)."""
    return g.nodes[node].get("label") or local(node)
