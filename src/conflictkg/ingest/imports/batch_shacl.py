"""SHACL validation of one import batch, restricted to the nodes the batch creates. The shapes run as
compiled SPARQL (conflictkg.fastshacl), which gives the same results as pyshacl (tests/test_fastshacl.py)
some hundred times faster."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from conflictkg.model.shacl import fast as fastshacl
from conflictkg.model import ontology


@dataclass
class Violation:
    focus: str
    shape: str
    message: str
    path: str
    value: str


@lru_cache(maxsize=1)
def _ontology_nt() -> bytes:
    return ontology.graph().serialize(format="nt", encoding="utf-8")


def batch(data: bytes, context: bytes, focus: set[str]) -> list[Violation]:
    """Violations on `focus` nodes of the batch `data`, with `context` (types of entities the batch refers to)
    and the ontology as background."""
    store = ox.Store()  # in memory: the batch alone, so a batch is judged the same whatever the store holds
    # lenient: our own writer made these lines; skipping IRI checks halves the load
    store.load(data + b"\n" + context + b"\n" + _ontology_nt(), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return [Violation(r["focus"], r["shape"], r["message"], r["path"], r["value"])
            for r in fastshacl.validate(store, focus=focus) if r["severity"] == "Violation"]
