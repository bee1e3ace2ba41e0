"""SHACL validation of one import batch, restricted to the nodes the batch touches."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from .. import shacl


@dataclass
class Violation:
    focus: str
    shape: str
    message: str
    path: str
    value: str


def batch(data: bytes, context: bytes, focus: set[str]) -> list[Violation]:
    """Violations on `focus` nodes of the batch `data`, with `context` (types of entities the batch refers to)
    and the ontology as background."""
    g = Graph()
    g.parse(data=(data + context).decode("utf-8"), format="nt")
    report = shacl.validate(g)
    return [Violation(r["focus"], r["shape"], r["message"], r["path"], r["value"])
            for r in report.results if r["focus"] in focus]
