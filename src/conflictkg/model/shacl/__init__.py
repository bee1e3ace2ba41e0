"""SHACL validation: one `validate()`, two engines, one result type; ontology/shapes.ttl by default, or any
shapes graph.

pySHACL (the reference) validates curated graphs and traces each result to its fact file and record; the
compiled engine (fast/: the shapes as SPARQL on pyoxigraph, with pySHACL's results on our shapes) validates
import batches and stores some hundred times faster. tests/model/test_fastshacl.py holds the two to the same
answers on our shapes, tests/model/test_w3c_shacl.py both to the W3C SHACL test suite.
"""
from __future__ import annotations

from rdflib import Graph

from .report import Report, Result
from .source import shapes
from .standard import report_graph

ENGINES = ("pyshacl", "fast")


def validate(data, *, engine: str = "pyshacl", focus: set[str] | None = None,
             with_ontology: bool = True, shapes: Graph | None = None) -> Report:
    """Validate `data` against `shapes` (by default ontology/shapes.ttl). pyshacl takes an rdflib Graph;
    fast also takes a pyoxigraph store, conflictkg's Store or N-Triples bytes. `with_ontology` adds the
    ontology (so subclass targets apply); `focus` keeps only results on those nodes. The fast engine raises
    fast.Unsupported, naming the feature, for shapes it cannot check."""
    if engine == "pyshacl":
        from . import pyshacl_engine

        results = pyshacl_engine.run(data, with_ontology=with_ontology, shapes_graph=shapes)
    elif engine == "fast":
        from . import fast

        compiled = fast.compile_graph(shapes) if shapes is not None else None
        results = fast.validate(fast.with_ontology(data) if with_ontology else data, focus=focus,
                                compiled=compiled)
    else:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if focus is not None:
        results = [r for r in results if r.focus in focus]
    return Report(results)


__all__ = ["ENGINES", "Report", "Result", "report_graph", "shapes", "validate"]
