"""Ontology quality checks in the style of ROBOT report: SPARQL files whose rows are failures."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from conflictkg.core.errors import ConflictKGError
from conflictkg.store import queries
from conflictkg.store.solutions import strings

from . import ontology


class QualityFailure(ConflictKGError):
    exit_code = 1


def run(graph: Graph | None = None) -> dict[str, list[tuple[str, ...]]]:
    """Run every quality check; map check name to its failing rows (empty lists mean it passes)."""
    graph = graph if graph is not None else ontology.graph()
    # pyoxigraph answers these in milliseconds where rdflib takes seconds (docs/benchmarks.md)
    store = ox.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    out = {}
    for name in queries.folder("quality"):
        _, rows = strings(store.query(queries.text(name)))
        out[name.split("/", 1)[1]] = [tuple("" if v is None else v for v in row) for row in rows]
    return out


def check(graph: Graph | None = None) -> None:
    """Raise QualityFailure listing every failing row."""
    failures = {k: v for k, v in run(graph).items() if v}
    if failures:
        lines = [f"{name}: {' | '.join(row)}" for name, rows in failures.items() for row in rows]
        raise QualityFailure(f"{len(lines)} ontology quality failure(s):\n" + "\n".join(lines),
                             file="ontology/conflictkg.ttl", fix="add the missing labels/definitions or declarations")
