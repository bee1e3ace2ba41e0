"""Linking events from different sources that may be the same event: scored hints, never merges.

Two events are compared when they come from different sources (articles, ACLED, UCDP), their dates overlap
(a day of slack), and their places are related: the same place, one inside the other, or points within
NEAR_KM. The score weighs date, place, actors, type and the killed count.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field

from conflictkg.core.ns import GRAPH_IMPORTS, GRAPH_ONTOLOGY
from conflictkg.store import ntriples as nt
from conflictkg.store import queries
from conflictkg.store.generations import Store, Writer
from conflictkg.store.solutions import records

GRAPH = "https://w3id.org/conflictkg/graph/links"
NEAR_KM = 10
THRESHOLD = 0.7
WEIGHTS = {"date": 0.3, "place": 0.3, "actors": 0.25, "type": 0.1, "killed": 0.05}


@dataclass
class Ev:
    iri: str
    source: str
    cls: str
    earliest: dt.date
    latest: dt.date
    places: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    killed: int | None = None


SPAN = 31  # events known to a month or better; longer spans would match anything


def _fetch(store: Store, text: str, graph: str, out: dict[str, Ev], days: set[dt.date] | None = None) -> None:
    # the graph as a constant, not a VALUES binding: only then does the engine scan that graph's index alone
    text = text.replace("GRAPH ?g", f"GRAPH <{graph}>")
    if days is not None:
        if not days:
            return
        values = " ".join(f'"{d.isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date>' for d in sorted(days))
        text = text.replace("WHERE {", "WHERE {\n  VALUES ?earliest { " + values + " }", 1)
    _, rows = records(store.query(text))  # read as they come, not held in a list
    for r in rows:
        e = out.get(r["event"])
        if e is None:
            e = out[r["event"]] = Ev(r["event"], r["source"].rsplit("/", 1)[-1], r["class"].rsplit("#", 1)[-1],
                                      dt.date.fromisoformat(r["earliest"]), dt.date.fromisoformat(r["latest"]))
        if r["place"]:
            e.places.add(r["place"])
        if r["actor"]:
            e.actors.add(r["actor"])
        if r["killed"] is not None:
            e.killed = max(e.killed or 0, int(r["killed"]))


def _events(store: Store) -> list[Ev]:
    """The events worth comparing. Article graphs and all dataset graphs but the last are read whole; the last
    dataset graph, usually the big one, only on the days near an event already read, so that linking one
    100k-row import against the articles does not read all 100k events. Every pair of sources still has one
    side read whole, so no candidate pair is missed."""
    text = queries.text("import/link-events")
    graphs = sorted(g.value for g in store.open().named_graphs())
    datasets = [g for g in graphs if g.startswith(GRAPH_IMPORTS)]
    out: dict[str, Ev] = {}
    for g in graphs:
        if g not in datasets[-1:] and g not in (GRAPH, str(GRAPH_ONTOLOGY)):
            _fetch(store, text, g, out)
    if datasets:
        # a dataset event (its span at most SPAN days) meets an event read already only if it starts
        # between SPAN + 1 days before that event and a day after its end
        days = {e.earliest + dt.timedelta(days=k) for e in out.values() if (e.latest - e.earliest).days <= SPAN
                for k in range(-SPAN - 1, (e.latest - e.earliest).days + 2)}
        _fetch(store, text, datasets[-1], out, days)
    return [out[k] for k in sorted(out)]


class _World:
    """Part-of chains and points of places and actors, and the class hierarchy."""

    def __init__(self, store: Store):
        self.parents: dict[str, set[str]] = defaultdict(set)
        self.points: dict[str, tuple[float, float]] = {}
        self.labels: dict[str, str] = {}
        self.classes: dict[str, str] = {}
        for r in queries.rows(store, "import/entities"):
            self.labels.setdefault(r["entity"], r["en"])
            self.classes[r["entity"]] = r["class"].rsplit("#", 1)[-1]
            if r["parent"]:
                self.parents[r["entity"]].add(r["parent"])
            if r["lat"] is not None:
                self.points[r["entity"]] = (float(r["lat"]), float(r["lon"]))
        _, rows = store.select("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                               "SELECT ?c ?p WHERE { ?c rdfs:subClassOf ?p }")
        self.superclasses: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            self.superclasses[r["c"].rsplit("#", 1)[-1]].add(r["p"].rsplit("#", 1)[-1])

    def up(self, iri: str, table=None) -> set[str]:
        table = self.parents if table is None else table
        seen, frontier = {iri}, [iri]
        while frontier:
            frontier = [p for x in frontier for p in table.get(x, ()) if p not in seen]
            seen.update(frontier)
        return seen

    def place_score(self, a: Ev, b: Ev) -> tuple[float, str]:
        if a.places & b.places:
            return 1.0, "the same place (" + ", ".join(sorted(self.labels.get(p, p) for p in a.places & b.places)) + ")"
        for x in sorted(a.places):
            for y in sorted(b.places):
                if x in self.up(y) or y in self.up(x):
                    inner, outer = (y, x) if x in self.up(y) else (x, y)
                    if self.classes.get(outer) == "Country":
                        continue  # "somewhere in Syria" says nothing
                    return 0.7, f"{self.labels.get(inner, inner)} lies in {self.labels.get(outer, outer)}"
        for x in sorted(a.places):
            for y in sorted(b.places):
                if x in self.points and y in self.points:
                    km = _km(self.points[x], self.points[y])
                    if km <= NEAR_KM:
                        return 0.6, f"places {km:.1f} km apart"
        return 0.0, ""

    def same_type(self, a: str, b: str) -> bool:
        if "Event" in (a, b):  # the bare class says nothing about the kind of event
            return False
        return a == b or a in self.up(b, self.superclasses) or b in self.up(a, self.superclasses)


def _km(a, b) -> float:
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def score(a: Ev, b: Ev, world: _World) -> tuple[float, str] | None:
    slack = dt.timedelta(days=1)
    if a.earliest > b.latest + slack or b.earliest > a.latest + slack:
        return None
    place, where = world.place_score(a, b)
    if not place:
        return None
    same_day = a.earliest == a.latest == b.earliest == b.latest
    week = max((a.latest - a.earliest).days, (b.latest - b.earliest).days) <= 7
    parts = {"date": 1.0 if same_day else 0.6 if week else 0.3, "place": place}
    lifted_a = set().union(*(world.up(x) for x in a.actors)) if a.actors else set()
    lifted_b = set().union(*(world.up(x) for x in b.actors)) if b.actors else set()
    shared = lifted_a & lifted_b
    # actors count as shared when one side's actor is part of the other's (regime forces ⊂ regime)
    direct = {x for x in a.actors if world.up(x) & lifted_b} | {x for x in b.actors if world.up(x) & lifted_a}
    parts["actors"] = len(direct) / len(a.actors | b.actors) if a.actors | b.actors else 0.0
    parts["type"] = 1.0 if world.same_type(a.cls, b.cls) else 0.0
    parts["killed"] = (1.0 if a.killed == b.killed else 0.0) if a.killed is not None and b.killed is not None else 0.5
    total = round(sum(WEIGHTS[k] * v for k, v in parts.items()), 2)
    basis = ["the same day" if same_day else "dates within the same week" if week else "overlapping dates", where]
    if shared:
        names = sorted({world.labels.get(x, x) for x in direct})
        basis.append("actors: " + ", ".join(names))
    if parts["type"]:
        basis.append(f"types {a.cls}/{b.cls}")
    if parts["killed"] == 1.0:
        basis.append(f"{a.killed} killed in both")
    return total, "; ".join(basis)


def candidates(store: Store, threshold: float = THRESHOLD) -> list[tuple[str, str, float, str]]:
    """Scored pairs (a, b, score, basis), a < b, of events from different sources."""
    world = _World(store)
    events = _events(store)
    by_day: dict[dt.date, list[Ev]] = defaultdict(list)
    for e in events:
        if (e.latest - e.earliest).days <= SPAN:
            for i in range((e.latest - e.earliest).days + 1):
                by_day[e.earliest + dt.timedelta(days=i)].append(e)
    out, seen = [], set()
    for day in sorted(by_day):
        near = by_day[day] + by_day.get(day + dt.timedelta(days=1), [])
        for i, a in enumerate(by_day[day]):
            for b in near:
                if a.source == b.source or a.iri == b.iri:
                    continue
                pair = (a.iri, b.iri) if a.iri < b.iri else (b.iri, a.iri)
                if pair in seen:
                    continue
                seen.add(pair)
                s = score(a, b, world)
                if s and s[0] >= threshold:
                    out.append((*pair, *s))
    return sorted(out)


def triples(pairs) -> bytes:
    lines = nt.Lines()
    for a, b, s, basis in pairs:
        link = nt.iri(nt.mint("duplicate", hashlib.sha256(f"{a} {b}".encode()).hexdigest()[:16]))
        lines.add(link, nt.RDF_TYPE, nt.ckg("DuplicateCandidate"))
        lines.add(link, nt.ckg("candidate"), nt.iri(a))
        lines.add(link, nt.ckg("candidate"), nt.iri(b))
        lines.add(link, nt.ckg("matchScore"), nt.typed(f"{s:.2f}", "decimal"))
        lines.add(link, nt.ckg("matchBasis"), nt.text(basis))
    return lines.bytes()


def link(store: Store, writer: Writer | None = None) -> int:
    """Recompute the possible-duplicate links of the whole graph into their own graph. Returns their number.
    With `writer` (whose working copy holds what is live: everything it wrote is committed) the links are
    written into it, and published with its next commit: a writer that links at its end (an import) publishes
    one generation and keeps its aggregates once; else the links are published by a writer of their own."""
    pairs = candidates(store)
    data = triples(pairs)
    if writer is not None:
        _put(writer, data)
    else:
        with store.writer() as w:
            _put(w, data)
    return len(pairs)


def _put(w: Writer, data: bytes) -> None:
    if w.triples(GRAPH) != b"".join(sorted(set(line + b"\n" for line in data.split(b"\n") if line))):
        w.put(GRAPH, data) if data else w.drop(GRAPH)
