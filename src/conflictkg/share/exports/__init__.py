"""Exports of the store. The same store always gives the same bytes.

Each format is a small class (see base.Exporter) with its name, suffix, media type, one-line help and
`write(store, ontology=True) -> bytes`; EXPORTERS lists them in order and gives the CLI its --format
choices and help. Add a format by writing its class and listing it here."""
from __future__ import annotations

from conflictkg.core.errors import ConflictKGError
from conflictkg.store.generations import Store

from .acled_csv import AcledCsv
from .base import Exporter
from .geojson import GeoJson
from .graphs import Gexf, GraphML
from .owl import OwlTurtle
from .rdf import JsonLd, NTriples, Turtle, store_graph

EXPORTERS: dict[str, type[Exporter]] = {cls.name: cls for cls in (
    Turtle, NTriples, JsonLd, OwlTurtle, GraphML, Gexf, GeoJson, AcledCsv)}
FORMATS = tuple(EXPORTERS)

__all__ = ["EXPORTERS", "FORMATS", "Exporter", "export", "store_graph"]


def export(store: Store, fmt: str = "ttl", *, ontology: bool = True) -> bytes:
    """Serialise the store in `fmt` (see FORMATS). The same store always gives the same bytes."""
    if fmt not in EXPORTERS:
        raise ConflictKGError(f"unknown export format '{fmt}'", fix=f"use one of {', '.join(FORMATS)}")
    return EXPORTERS[fmt]().write(store, ontology=ontology)
