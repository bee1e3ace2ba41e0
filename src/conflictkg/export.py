"""Exports of the store. The same store always gives the same bytes."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from . import ns
from .errors import ConflictKGError
from .ns import GRAPH_FACTS, GRAPH_ONTOLOGY
from .store import Store, _ntriples

FORMATS = ("ttl", "nt")


def store_graph(store: Store, *, ontology: bool = True) -> Graph:
    """The facts (and by default the ontology) of the store as one rdflib graph."""
    db = store.open()
    g = Graph()
    ns.bind(g)
    graphs = [GRAPH_FACTS] + ([GRAPH_ONTOLOGY] if ontology else [])
    for name in graphs:
        data = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def export(store: Store, fmt: str = "ttl", *, ontology: bool = True) -> bytes:
    """Serialise the store as Turtle (`ttl`) or sorted N-Triples (`nt`)."""
    if fmt not in FORMATS:
        raise ConflictKGError(f"unknown export format '{fmt}'", fix=f"use one of {', '.join(FORMATS)}")
    g = store_graph(store, ontology=ontology)
    if fmt == "nt":
        return _ntriples(g)
    # blank-node labels are random per parse and the serializer orders by them: make them canonical
    if any(isinstance(t, BNode) for triple in g for t in triple):
        canonical = Graph()
        ns.bind(canonical)
        for triple in to_canonical_graph(g):
            canonical.add(triple)
        g = canonical
    return g.serialize(format="turtle", encoding="utf-8")
