"""SHACL validation against ontology/shapes.ttl: one `validate()`, two engines, one result type.

pySHACL (the reference) validates curated graphs and traces each result to its fact file and record; the
compiled engine (fast/: the shapes as SPARQL on pyoxigraph, with pySHACL's results on our shapes) validates
import batches and stores some hundred times faster. tests/test_fastshacl.py holds the two to the same answers.
"""
from __future__ import annotations

from .report import Report, Result
from .source import shapes

ENGINES = ("pyshacl", "fast")


def validate(data, *, engine: str = "pyshacl", focus: set[str] | None = None,
             with_ontology: bool = True) -> Report:
    """Validate `data` against the shapes. pyshacl takes an rdflib Graph; fast also takes a pyoxigraph store,
    conflictkg's Store or N-Triples bytes. `with_ontology` adds the ontology (so subclass targets apply);
    `focus` keeps only results on those nodes."""
    if engine == "pyshacl":
        from . import pyshacl_engine

        results = pyshacl_engine.run(data, with_ontology=with_ontology)
    elif engine == "fast":
        from . import fast

        results = fast.validate(fast.with_ontology(data) if with_ontology else data, focus=focus)
    else:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if focus is not None:
        results = [r for r in results if r.focus in focus]
    return Report(results)


__all__ = ["ENGINES", "Report", "Result", "shapes", "validate"]
