"""pySHACL on our shapes, with each result traced back to the fact file and record of its focus node."""
from __future__ import annotations

from pyshacl import validate as _pyshacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from conflictkg.core.errors import InputError
from conflictkg.core.ns import CKG
from conflictkg.model import ontology

from .fast.paths import render as render_path
from .report import Result
from .source import shapes
from .standard import severity_name


def _origin(data: Graph, focus) -> tuple[str | None, str | None]:
    """The fact file and record a node comes from: its own, or that of the fact whose IRI prefixes it."""
    node = focus
    while isinstance(node, URIRef):
        file, rec = data.value(node, CKG.sourceFile), data.value(node, CKG.localId)
        if file is not None:
            return str(file), str(rec)
        head, sep, _ = str(node).rpartition("/")
        if not sep:
            break
        node = URIRef(head)
    for s in data.subjects(None, focus):  # e.g. a count reached from its fact
        file, rec = data.value(s, CKG.sourceFile), data.value(s, CKG.localId)
        if file is not None:
            return str(file), str(rec)
    return None, None


def _short(node) -> str:
    s = str(node)
    for prefix in ("https://w3id.org/conflictkg/shapes#", "https://w3id.org/conflictkg/ontology#"):
        if s.startswith(prefix):
            return s[len(prefix):]
    return s


def run(data: Graph, *, with_ontology: bool = True, shapes_graph: Graph | None = None) -> list[Result]:
    """pySHACL's results for `data` (plus the ontology, so subclass targets apply) against `shapes_graph`
    (ontology/shapes.ttl by default), sorted."""
    graph = data + ontology.graph() if with_ontology else data
    sg = shapes() if shapes_graph is None else shapes_graph
    try:
        conforms, results, text = _pyshacl_validate(graph, shacl_graph=sg, inference="none",
                                                    allow_warnings=True, abort_on_first=False)
    except NotImplementedError as e:
        raise InputError(f"pySHACL does not implement what the shapes use: {e}") from None
    if not isinstance(results, Graph):  # a ValidationFailure: the shapes are not valid SHACL
        raise InputError(f"pySHACL refuses the shapes: {str(results).strip()[:300]}")
    out = []
    # the report's own results; those nested under sh:detail are explained by them
    for res in results.objects(None, SH.result):
        focus = results.value(res, SH.focusNode)
        shape = results.value(res, SH.sourceShape)
        # property shapes are blank nodes: name the node shape that owns them
        owner = next(results.subjects(SH.property, shape), None) or next(sg.subjects(SH.property, shape), None)
        file, record = _origin(graph, focus)
        value = results.value(res, SH.value)
        component = results.value(res, SH.sourceConstraintComponent)
        out.append(Result(focus=str(focus), shape=_short(owner or shape),
                          message=str(results.value(res, SH.resultMessage) or "violation"),
                          # complex paths are blank nodes of the shapes graph: write them in SPARQL syntax
                          path=render_path(sg, results.value(res, SH.resultPath)),
                          value=str(value) if value is not None else "",
                          severity=severity_name(results.value(res, SH.resultSeverity)),
                          file=file, record=record, focus_node=focus.n3(),
                          value_node=value.n3() if value is not None else "", source=shape.n3(),
                          component=str(component or "")))
    out.sort(key=lambda r: (r.file or "", r.record or "", r.shape, r.message, r.value))
    return out
