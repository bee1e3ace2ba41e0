"""GeoJSON (RFC 7946): every located place, and every dated event at each of its located places.

Event points are events only: specific events and background events (past events told in passing, marked
by the property statement). Patterns (an ongoing or habitual activity) and anticipated events are not
events and get no point; a second account of an event gets none either (its first account has them)."""
from __future__ import annotations

import json

from conflictkg.ask.tabular import Tables, local
from conflictkg.store.generations import Store

from .base import Exporter


def _point(e) -> dict:
    return {"type": "Point", "coordinates": [round(e.lon, 5), round(e.lat, 5)]}


def features(tables: Tables) -> list[dict]:
    ents = tables.entities
    out = []
    for e in sorted(ents.values(), key=lambda x: x.iri):
        if e.kind != "place" or e.lat is None:
            continue
        out.append({"type": "Feature", "id": f"place/{local(e.iri)}", "geometry": _point(e), "properties": {
            "feature": "place", "iri": e.iri, "name_en": e.en, "name_ar": e.ar, "type": e.cls,
            "geonames_id": e.geonames, "geo_precision": e.geo_precision, "coord_source": e.coord_source}})
    for ev in tables.events:
        if ev.earliest is None or not ev.counted or ev.same_as:
            continue
        actors = sorted({ents[a].en for role in ("perpetrator", "target", "party", "approver", "supporter")
                         for a in ev.role(role) if a in ents})
        for p in sorted(set(ev.role("hasPlace") + ev.role("fromPlace") + ev.role("toPlace"))):
            place = ents.get(p)
            if place is None or place.lat is None:
                continue
            out.append({"type": "Feature", "id": f"event/{local(ev.article)[:3]}-{local(ev.iri)}/{local(p)}",
                        "geometry": _point(place), "properties": {
                            "feature": "event", "iri": ev.iri, "type": ev.cls, "statement": ev.statement,
                            "date": ev.earliest.isoformat(),
                            "date_latest": ev.latest.isoformat(), "date_precision": ev.precision,
                            "place": place.en, "actors": "; ".join(actors), "killed": ev.killed,
                            "certainty": ev.certainty, "summary": ev.summary,
                            "evidence": ev.quote or _record(ev)}})
    return out


def _record(ev) -> str:
    r = ev.record or {}
    return f"record {r.get('id')} of {r.get('file')}, line {r.get('row')}" if r else ""


def to_geojson(tables: Tables) -> bytes:
    doc = {"type": "FeatureCollection", "features": features(tables)}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


class GeoJson(Exporter):
    name, suffix, media_type = "geojson", ".geojson", "application/geo+json"
    help = "GeoJSON points of places and events"

    def write(self, store: Store, ontology: bool = True) -> bytes:
        return to_geojson(Tables(store))
