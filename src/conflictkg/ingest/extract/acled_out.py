"""Candidate events as ACLED-style CSV: the rows 'conflictkg export --format acled-csv' would give once the
facts are ingested. The candidates are loaded into a throw-away store beside the registries and read with
the export's own code."""
from __future__ import annotations

import tempfile
from pathlib import Path

from rdflib import Graph


def acled_csv(extractions) -> bytes:
    from conflictkg.share.exports import acled_csv as acled
    from conflictkg.model import ontology
    from conflictkg.store.generations import Store
    from conflictkg.ask.tabular import Tables
    from .pipeline import check

    graph = Graph()
    for ex in extractions:
        graph += check(ex, graph=True)
    with tempfile.TemporaryDirectory(prefix="conflictkg-extract-") as tmp:
        store = Store(Path(tmp) / "store")
        store.replace(ontology.graph(), graph, {"articles": len(extractions)})
        return acled.to_csv(Tables(store))
