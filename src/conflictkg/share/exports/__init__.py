"""Exports of the store. The same store always gives the same bytes.

Each format is a small class (see base.Exporter) with its name, suffix, media type, one-line help and
`write(store, ontology=True) -> bytes`; EXPORTERS lists them in order and gives the CLI its --format
choices and help. Add a format by writing its class and listing it here."""
from __future__ import annotations

from conflictkg.ask.tabular import Tables
from conflictkg.core.errors import ConflictKGError
from conflictkg.store.generations import Store

from . import acled_csv, geojson
from .acled_csv import AcledCsv
from .base import Exporter
from .geojson import GeoJson
from .graphs import Gexf, GraphML
from .owl import OwlTurtle
from .rdf import JsonLd, NTriples, Turtle, store_graph

EXPORTERS: dict[str, type[Exporter]] = {cls.name: cls for cls in (
    Turtle, NTriples, JsonLd, OwlTurtle, GraphML, Gexf, GeoJson, AcledCsv)}
FORMATS = tuple(EXPORTERS)
# the formats of one row or feature per event, which take event filters (conflictkg.ask.events.Filters)
FILTERED = ("acled-csv", "geojson")

__all__ = ["EXPORTERS", "FILTERED", "FORMATS", "Exporter", "acled", "event_tables", "export", "store_graph"]


def event_tables(store: Store, filters=None) -> Tables:
    """The store's tables, with only the events `filters` keeps (conflictkg.ask.events.Filters; all without)."""
    tables = Tables(store)
    if filters is None or filters.empty:
        return tables
    from conflictkg.ask.events import narrowed

    return narrowed(tables, filters)


def export(store: Store, fmt: str = "ttl", *, ontology: bool = True, filters=None) -> bytes:
    """Serialise the store in `fmt` (see FORMATS). The same store always gives the same bytes. `filters`
    (conflictkg.ask.events.Filters) keeps only some events, in the formats of FILTERED."""
    if fmt not in EXPORTERS:
        raise ConflictKGError(f"unknown export format '{fmt}'", fix=f"use one of {', '.join(FORMATS)}")
    if filters is not None and not filters.empty:
        if fmt not in FILTERED:
            raise ConflictKGError(f"the {fmt} export takes no event filters",
                                  fix=f"filter the {' or '.join(FILTERED)} export, or leave out --from, --to, "
                                  "--governorate, --place, --actor, --type, --kind and --source")
        tables = event_tables(store, filters)
        return acled_csv.to_csv(tables) if fmt == "acled-csv" else geojson.to_geojson(tables)
    return EXPORTERS[fmt]().write(store, ontology=ontology)


def acled(store: Store, *, include_vague: bool = False, bom: bool = False, filters=None) -> acled_csv.Written:
    """The ACLED CSV of the events `filters` keeps, with what it left out (see acled_csv.write_csv)."""
    return acled_csv.write_csv(event_tables(store, filters), include_vague, bom)
