"""The Turtle export for OWL 2 DL tools and reasoners (the OWL API, Protégé, HermiT).

The ttl export is OWL 2 DL in its vocabulary (the ontology declares every term it reuses), but two of its
datatypes are outside the OWL 2 datatype map: xsd:date (HermiT stops at the first dated event) and
geo:wktLiteral (OWL 2 DL allows no literal of a datatype outside the map, declared or not). This export is
the ttl export with every literal moved into the map by model.reason.for_reasoner, as `conflictkg reason`
gives it to HermiT: each xsd:date becomes the xsd:dateTime it stands for and each WKT geometry an xsd:string
of the same text. Nothing else changes."""
from __future__ import annotations

import pyoxigraph as ox

from conflictkg.core import ns
from conflictkg.model.reason import reasoning_ntriples
from conflictkg.store import Store

from .base import Exporter
from .rdf import sorted_ntriples


class OwlTurtle(Exporter):
    name, suffix, media_type = "owl", ".owl.ttl", "text/turtle"
    help = "Turtle for OWL 2 DL tools and reasoners (HermiT, Protégé): dates as xsd:dateTime, WKT as xsd:string"

    def write(self, store: Store, ontology: bool = True) -> bytes:
        nt = reasoning_ntriples(sorted_ntriples(store, ontology=ontology))
        triples = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                            prefixes={k: str(v) for k, v in ns.PREFIXES.items()})
