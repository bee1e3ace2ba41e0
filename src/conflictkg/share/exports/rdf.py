"""The RDF exports (Turtle, N-Triples, JSON-LD) and the store as one rdflib graph."""
from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from conflictkg.core import ns
from conflictkg.core.ns import GRAPH_ONTOLOGY
from conflictkg.store import Store
from conflictkg.store.ntriples import canonical_lines

from .base import Exporter


def store_graph(store: Store, *, ontology: bool = True) -> Graph:
    """The facts of every graph (built, ingested, imported) and by default the ontology, as one rdflib graph."""
    db = store.open()
    g = Graph()
    ns.bind(g)
    graphs = sorted(n.value for n in db.named_graphs() if ontology or n.value != str(GRAPH_ONTOLOGY))
    for name in graphs:
        data = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def _canonical(g: Graph) -> Graph:
    """The graph with canonical blank-node labels: random labels would reorder the output."""
    if not any(isinstance(t, BNode) for triple in g for t in triple):
        return g
    canonical = Graph()
    ns.bind(canonical)
    for triple in to_canonical_graph(g):
        canonical.add(triple)
    return canonical


def _sorted_json(value):
    """JSON-LD with every object's keys and every unordered array sorted (lists under @list keep order)."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sorted_json(v)) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def sorted_ntriples(store: Store, *, ontology: bool) -> bytes:
    """Every graph's triples as sorted, de-duplicated N-Triples. Only graphs with blank nodes (the ontology's
    OWL lists) go through rdflib to get canonical labels; the rest stays in pyoxigraph, which at a few
    million imported triples is the difference between seconds and many minutes."""
    db = store.open()
    lines: set[bytes] = set()
    for name in (n.value for n in db.named_graphs()):
        if not ontology and name == str(GRAPH_ONTOLOGY):
            continue
        data = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        lines.update(line for line in (canonical_lines(data) if b"_:" in data else data.splitlines())
                     if line.strip())
    return b"".join(line + b"\n" for line in sorted(lines))


class NTriples(Exporter):
    name, suffix, media_type = "nt", ".nt", "application/n-triples"
    help = "N-Triples, sorted"

    def write(self, store: Store, ontology: bool = True) -> bytes:
        return sorted_ntriples(store, ontology=ontology)


class Turtle(Exporter):
    name, suffix, media_type = "ttl", ".ttl", "text/turtle"
    help = "Turtle"

    def write(self, store: Store, ontology: bool = True) -> bytes:
        nt = sorted_ntriples(store, ontology=ontology)
        # sorted input keeps each subject's triples together, so the Turtle groups them under one subject
        triples = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                            prefixes={k: str(v) for k, v in ns.PREFIXES.items()})


class JsonLd(Exporter):
    name, suffix, media_type = "jsonld", ".jsonld", "application/ld+json"
    help = "JSON-LD, compacted"

    def write(self, store: Store, ontology: bool = True) -> bytes:
        g = _canonical(store_graph(store, ontology=ontology))
        context = {k: str(v) for k, v in ns.PREFIXES.items()}
        doc = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
        return (json.dumps(_sorted_json(doc), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
