"""The store's events, actors and places as Python records, read with the export queries."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import URIRef
from rdflib.namespace import RDFS

from conflictkg.core.ns import CKG
from conflictkg.model import ontology
from conflictkg.store import Store, queries


def export_rows(store: Store, name: str) -> list[dict]:
    """The rows of queries/export/<name>.rq."""
    return queries.rows(store, f"export/{name}")


# What counts as an event: a specific event, or a background event (one past event told in passing).
# Patterns (an ongoing or habitual activity) and anticipated events (plans, threats) are statements about
# events, not events: counts, the analysis, the map's event points and the ACLED rows leave them out.
COUNTED = ("event", "background")
LEFT_OUT = ("pattern", "anticipated")


def local(iri: str | None) -> str:
    return "" if not iri else iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@dataclass
class Entity:
    iri: str
    kind: str
    cls: str
    en: str
    ar: str
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    geonames: int | None = None
    coord_source: str | None = None
    parents: list[str] = field(default_factory=list)


@dataclass
class Event:
    iri: str
    cls: str
    summary: str
    reporter: str
    outlet: str | None
    certainty: str
    quote: str           # the Arabic evidence; "" for an imported event, whose evidence is its record
    article: str         # the article, or the dataset record, the event was derived from
    published: dt.date | None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    precision: str | None = None
    claim: str | None = None
    claimed_by: str | None = None
    same_as: str | None = None  # the first account, when this is a second account of the same event
    links: dict[str, list[str]] = field(default_factory=dict)
    counts: list[tuple[str, str, int]] = field(default_factory=list)  # kind, side IRI, lower bound
    record: dict | None = None  # an imported event's record: id, file, row, sources, its own type and supertype
    statement: str = "event"    # event, background, pattern or anticipated (ckg:statementKind)

    def role(self, name: str) -> list[str]:
        return self.links.get(name, [])

    @property
    def counted(self) -> bool:
        """An event that counts: specific, or background; not a pattern or an anticipated event."""
        return self.statement in COUNTED

    @property
    def killed(self) -> int:
        return sum(n for kind, _, n in self.counts if kind == "killed")


class Tables:
    """Everything the exports need, read once from the store."""

    def __init__(self, store: Store):
        self.store = store

    @cached_property
    def entities(self) -> dict[str, Entity]:
        out: dict[str, Entity] = {}
        for r in export_rows(self.store, "entities"):
            e = out.get(r["entity"])
            if e is None:
                e = out[r["entity"]] = Entity(
                    r["entity"], r["kind"], local(r["class"]), r["en"], r["ar"] or "",
                    float(r["lat"]) if r["lat"] else None, float(r["lon"]) if r["lon"] else None,
                    int(r["geo_precision"]) if r["geo_precision"] else None,
                    int(r["geonames"]) if r["geonames"] else None, r["coord_source"])
            if r["parent"] and r["parent"] not in e.parents:
                e.parents.append(r["parent"])
        return out

    @cached_property
    def events(self) -> list[Event]:
        events: dict[str, Event] = {}
        for r in export_rows(self.store, "events"):
            events[r["event"]] = Event(
                r["event"], local(r["class"]), r["summary"], r["reporter"], r["outlet"], r["certainty"],
                r["quote"] or "", r["article"], dt.date.fromisoformat(r["published"]) if r["published"] else None,
                dt.date.fromisoformat(r["earliest"]) if r["earliest"] else None,
                dt.date.fromisoformat(r["latest"]) if r["latest"] else None,
                r["precision"], r["claim"], r["claimed_by"], r["same_as"],
                record={"id": r["record_id"], "file": r["source_file"], "row": int(r["row_number"]),
                        "sources": r["source_text"] or "", "type": r["source_type"],
                        "supertype": r["source_supertype"]} if r["record_id"] else None,
                statement=r["statement"] or "event")
        for r in export_rows(self.store, "event-links"):
            ev = events.get(r["event"])
            if ev is None:
                continue
            if r["link"].startswith("count:"):
                side = r["target"] or ""
                ev.counts.append((r["link"][6:], side, int(r["lower"])))
            else:
                ev.links.setdefault(r["link"], []).append(r["target"])
        return [events[k] for k in sorted(events)]

    @cached_property
    def inter_codes(self) -> dict[str, int]:
        """ACLED actor type per class: the code of the class itself or of its nearest ancestor."""
        g = ontology.graph()
        codes = {str(c): int(v) for c, v in g.subject_objects(CKG.acledInterCode)}
        out = {}
        for cls in {e.cls for e in self.entities.values() if e.kind == "actor"}:
            frontier, seen = [CKG[cls]], set()
            while frontier:
                hits = [codes[str(c)] for c in frontier if str(c) in codes]
                if hits:
                    out[cls] = min(hits)
                    break
                seen |= set(frontier)
                frontier = sorted({p for c in frontier for p in g.objects(c, RDFS.subClassOf)
                                   if isinstance(p, URIRef)} - seen)
        return out

    def subclasses(self, top: str) -> set[str]:
        """Local names of `ckg:<top>` and every ontology class under it."""
        return {local(str(c)) for c in ontology.graph().transitive_subjects(RDFS.subClassOf, CKG[top])}

    def ancestors(self, iri: str) -> list[str]:
        """The place and all places it lies in (part-of is transitive), nearest first."""
        out, frontier = [], [iri]
        while frontier:
            nxt = []
            for p in frontier:
                if p not in out:
                    out.append(p)
                    nxt.extend(self.entities[p].parents if p in self.entities else [])
            frontier = nxt
        return out
