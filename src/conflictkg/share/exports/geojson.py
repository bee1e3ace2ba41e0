"""GeoJSON (RFC 7946): every located place, and one feature per event.

An event is one Point, at the place the ACLED export codes it to (admin.Locator: the most specific place in
one governorate), with its other places as properties (other_places, and other_places_wkt with their points).
Not a MultiPoint: QGIS then reads the file as one layer of one geometry type, and "count points in polygon"
or a sum of `killed` by governorate counts each event once, in one governorate, as the ACLED CSV does; a
MultiPoint would count it again in every governorate it touches. An event with no located place, or no date,
is still a feature (null geometry, null dates), so sums over the features equal the graph's.

Event features are events only: specific events and background events (past events told in passing, marked
by the property statement). Patterns (an ongoing or habitual activity) and anticipated events are not
events and get no feature; a second account of an event gets none either (its first account has it).
Dates are the span the text supports (date_earliest, date_latest, date_precision) and the year or month that
holds all of it, else "spanning" (ask.periods)."""
from __future__ import annotations

import json

from conflictkg.ask import periods
from conflictkg.ask.tabular import Tables, local
from conflictkg.store.generations import Store

from .admin import Locator
from .base import Exporter


def _point(e) -> dict:
    return {"type": "Point", "coordinates": [round(e.lon, 5), round(e.lat, 5)]}


def _wkt(e) -> str:
    return f"POINT ({round(e.lon, 5)} {round(e.lat, 5)})"


def features(tables: Tables) -> list[dict]:
    ents = tables.entities
    out = []
    for e in sorted(ents.values(), key=lambda x: x.iri):
        if e.kind != "place" or e.lat is None:
            continue
        out.append({"type": "Feature", "id": f"place/{local(e.iri)}", "geometry": _point(e), "properties": {
            "feature": "place", "iri": e.iri, "name_en": e.en, "name_ar": e.ar, "type": e.cls,
            "geonames_id": e.geonames, "geo_precision": e.geo_precision, "coord_source": e.coord_source}})
    locator = Locator(tables)
    for ev in tables.events:
        if not ev.counted or ev.same_as:
            continue
        out.append(_event(tables, locator, ev))
    return out


def _event(tables: Tables, locator: Locator, ev) -> dict:
    ents = tables.entities
    actors = sorted({ents[a].en for role in ("perpetrator", "target", "party", "approver", "supporter")
                     for a in ev.role(role) if a in ents})
    loc = locator.locate(ev)
    place = loc.place if loc else None
    others = [ents[p] for p in sorted(set(ev.role("hasPlace") + ev.role("fromPlace") + ev.role("toPlace")))
              if p in ents and (place is None or p != place.iri)]
    others.sort(key=lambda e: (e.en, e.iri))
    day = lambda d: d.isoformat() if d else None  # noqa: E731
    return {"type": "Feature", "id": f"event/{local(ev.article)[:3]}-{local(ev.iri)}",
            "geometry": _point(place) if place else None, "properties": {
                "feature": "event", "iri": ev.iri, "type": ev.cls, "statement": ev.statement,
                "date_earliest": day(ev.earliest), "date_latest": day(ev.latest), "date_precision": ev.precision,
                "year": periods.period(ev.earliest, ev.latest, "year"),
                "month": periods.period(ev.earliest, ev.latest, "month"),
                "place": place.en if place else None, "admin1": loc.admin["admin1"] if loc else None,
                "geo_precision": loc.geo_precision if loc else None,
                "other_places": "; ".join(e.en for e in others),
                "other_places_wkt": "; ".join(_wkt(e) for e in others if e.lat is not None),
                "actors": "; ".join(actors), "killed": ev.killed,
                "certainty": ev.certainty, "summary": ev.summary, "evidence": ev.quote or _record(ev)}}
def _record(ev) -> str:
    r = ev.record or {}
    return f"record {r.get('id')} of {r.get('file')}, line {r.get('row')}" if r else ""


def to_geojson(tables: Tables) -> bytes:
    doc = {"type": "FeatureCollection", "features": features(tables)}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


class GeoJson(Exporter):
    name, suffix, media_type = "geojson", ".geojson", "application/geo+json"
    help = "GeoJSON points of places, and one point per event"

    def write(self, store: Store, ontology: bool = True) -> bytes:
        return to_geojson(Tables(store))
