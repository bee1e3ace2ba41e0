"""Before an ingest: which of a new article's events look like incidents the graph holds already.

A new event looks like a stored one when all of these hold:

- the same type family: one type is the other or a subtype of it (an Ambush is an Attack);
- the date spans overlap (a day of slack, as the cross-source linker allows);
- the same place, or one place inside the other (never just "somewhere in the same country");
- at least one shared actor (an actor counts as shared when it is part of the other side's: regime forces
  and the regime);
- a compatible toll: one side gives no killed count, or the smaller lower bound is at least TOLL of the larger.

Only events are compared (statement `event` or `background`): patterns and anticipated events are not
incidents. A new event that already says `same_as` is resolved. A stored second account is proposed as its
first account, so a link never points at a copy. The scores and their wording are those of `links`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from conflictkg.core import ns
from conflictkg.core.ns import CKG, GRAPH_IMPORTS, GRAPH_ONTOLOGY, SEM
from conflictkg.store import queries
from conflictkg.store.generations import Store

from . import links

TOLL = 0.75
_COUNTED = {str(CKG.SpecificEvent), str(CKG.BackgroundEvent)}
_FACT = str(ns.ID["fact/"])


@dataclass(frozen=True)
class Match:
    new: str        # local id of the new event
    existing: str   # IRI of the stored event (its first account)
    score: float
    basis: str

    @property
    def proposal(self) -> str:
        """What to write as the new event's `same_as`."""
        return self.existing[len(_FACT):] if self.existing.startswith(_FACT) else self.existing


def new_events(graph: Graph) -> dict[str, links.Ev]:
    """The events of an article's graph that count as incidents, by local id, as the linker sees them."""
    out = {}
    for node, kind in graph.subject_objects(CKG.statementKind):
        if str(kind) not in _COUNTED or graph.value(node, CKG.sameEventAs) is not None:
            continue
        earliest, latest = graph.value(node, SEM.hasEarliestBeginTimeStamp), graph.value(node, SEM.hasLatestEndTimeStamp)
        cls = next((str(c) for c in graph.objects(node, RDF.type) if str(c).startswith(str(CKG))), None)
        if earliest is None or latest is None or cls is None:
            continue
        e = links.Ev(str(node), "new", cls.rsplit("#", 1)[-1], dt.date.fromisoformat(str(earliest)[:10]),
                     dt.date.fromisoformat(str(latest)[:10]))
        e.places = {str(p) for p in graph.objects(node, SEM.hasPlace)}
        e.actors = {str(a) for p in (CKG.perpetrator, CKG.target, CKG.party) for a in graph.objects(node, p)}
        bounds = [int(graph.value(c, CKG.lowerBound)) for c in graph.objects(node, CKG.hasCount)
                  if graph.value(c, CKG.countKind) == CKG.Killed and graph.value(c, CKG.lowerBound) is not None]
        e.killed = max(bounds) if bounds else None
        out[str(graph.value(node, CKG.localId))] = e
    return out


def _stored(store: Store, skip: str, days: set[dt.date]) -> dict[str, links.Ev]:
    """The stored events: article graphs whole, dataset graphs only on the days worth comparing."""
    text = queries.text("import/link-events")
    out: dict[str, links.Ev] = {}
    for g in sorted(g.value for g in store.open().named_graphs()):
        if g in (skip, links.GRAPH, str(GRAPH_ONTOLOGY)):
            continue
        links._fetch(store, text, g, out, days if g.startswith(GRAPH_IMPORTS) else None)
    return out


def _kinds(store: Store, events) -> tuple[dict[str, str], dict[str, str]]:
    """The statement kind and the first account (sameEventAs) of each of `events`: only those, so that an
    ingest into a store of a million events does not read every event's kind."""
    values = " ".join(f"<{e}>" for e in sorted(events))
    if not values:
        return {}, {}
    _, rows = store.select("PREFIX ckg: <https://w3id.org/conflictkg/ontology#> SELECT ?e ?kind ?first WHERE { "
                           f"VALUES ?e {{ {values} }} ?e ckg:statementKind ?kind OPTIONAL {{ ?e ckg:sameEventAs ?first }} }}")
    return {r["e"]: r["kind"] for r in rows}, {r["e"]: r["first"] for r in rows if r["first"]}


def _toll(a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return True
    lo, hi = sorted((a, b))
    return lo >= TOLL * hi


def similar(store: Store, graph: Graph, skip_graph: str) -> list[Match]:
    """Each new event of `graph` that looks like a stored incident, with its best match. `skip_graph` is the
    article's own graph (replaced by this ingest, so not a duplicate of itself)."""
    new = new_events(graph)
    if not new:
        return []
    days = {e.earliest + dt.timedelta(days=k) for e in new.values() if (e.latest - e.earliest).days <= links.SPAN
            for k in range(-links.SPAN - 1, (e.latest - e.earliest).days + 2)}
    stored = _stored(store, skip_graph, days)
    kinds, first = _kinds(store, stored)
    world = links._World(store)
    out = []
    for fid, a in sorted(new.items()):
        best: Match | None = None
        for iri, b in sorted(stored.items()):
            if iri in kinds and kinds[iri] not in _COUNTED:
                continue
            if not world.same_type(a.cls, b.cls) or not _toll(a.killed, b.killed):
                continue
            place, _ = world.place_score(a, b)
            if place < 0.7:  # the same place or one inside the other; nearness alone is not enough
                continue
            lifted_b = set().union(*(world.up(x) for x in b.actors)) if b.actors else set()
            lifted_a = set().union(*(world.up(x) for x in a.actors)) if a.actors else set()
            if not ({x for x in a.actors if world.up(x) & lifted_b} | {x for x in b.actors if world.up(x) & lifted_a}):
                continue
            s = links.score(a, b, world)
            if s is None:  # the dates do not overlap
                continue
            target = first.get(iri, iri)
            if best is None or s[0] > best.score:
                best = Match(fid, target, s[0], s[1])
        if best is not None:
            out.append(best)
    return out


def not_events(store: Store, targets: list[URIRef]) -> list[str]:
    """Those of `targets` (named by `same_as` outside the file) that are not events of the store."""
    missing = []
    for t in targets:
        ok = store.query("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                         f"ASK {{ <{t}> a/rdfs:subClassOf* <{CKG.Event}> }}")
        if not bool(ok):
            missing.append(str(t))
    return sorted(missing)
