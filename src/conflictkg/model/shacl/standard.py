"""A Report as a standard sh:ValidationReport graph, and a report graph read back as comparable keys.

By the SHACL specification a report conforms only when it has no result at all, whatever the severity
(the project's own Report.conforms lets warnings pass, as pySHACL's allow_warnings does)."""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.util import from_n3

from .report import Report

SEVERITIES = {"Violation": SH.Violation, "Warning": SH.Warning, "Info": SH.Info}


def severity_name(iri) -> str:
    """sh:Violation → "Violation"; a severity of one's own keeps its IRI."""
    s = str(iri)
    return s[len(str(SH)):] if s.startswith(str(SH)) else s


def _term(n3: str):
    return from_n3(n3) if n3 else None


def _copy(src: Graph, node, out: Graph, seen: set) -> None:
    """Copy the blank-node closure of `node` (a shape) from `src` into `out`."""
    if not isinstance(node, BNode) or node in seen:
        return
    seen.add(node)
    for p, o in src.predicate_objects(node):
        out.add((node, p, o))
        _copy(src, o, out, seen)


PATH_KINDS = (SH.alternativePath, SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath)


def _path(src: Graph, node, out: Graph):
    """A SHACL path of `src` written afresh into `out` as the validator read it (a list is a sequence)."""
    if not isinstance(node, BNode):
        return node
    new = BNode()
    if (node, RDF.first, None) in src:
        out.add((new, RDF.first, _path(src, src.value(node, RDF.first), out)))
        out.add((new, RDF.rest, _path(src, src.value(node, RDF.rest), out)))
        return new
    for kind in PATH_KINDS:
        inner = src.value(node, kind)
        if inner is not None:
            out.add((new, kind, _path(src, inner, out)))
            return new
    return new


def report_graph(report: Report, shapes: Graph) -> Graph:
    """`report` as an sh:ValidationReport. Source shapes and paths that are blank nodes of `shapes` are
    copied with everything under them, so the report says what they are."""
    g = Graph()
    g.bind("sh", SH)
    rep = BNode()
    g.add((rep, RDF.type, SH.ValidationReport))
    g.add((rep, SH.conforms, Literal(not report.results)))
    seen: set = set()
    for r in sorted(report.results, key=lambda r: (r.focus_node or r.focus, r.source, r.component, r.path,
                                                   r.value_node or r.value)):
        res = BNode()
        g.add((rep, SH.result, res))
        g.add((res, RDF.type, SH.ValidationResult))
        g.add((res, SH.focusNode, _term(r.focus_node) or URIRef(r.focus)))
        g.add((res, SH.resultSeverity, SEVERITIES.get(r.severity) or URIRef(r.severity)))
        g.add((res, SH.resultMessage, Literal(r.message)))
        if r.component:
            g.add((res, SH.sourceConstraintComponent, URIRef(r.component)))
        source = _term(r.source)
        if source is not None:
            g.add((res, SH.sourceShape, source))
            _copy(shapes, source, g, seen)
        if r.value_node:
            g.add((res, SH.value, _term(r.value_node)))
        path = shapes.value(source, SH.path) if source is not None else None
        if path is not None and r.path == _rendered(shapes, path):
            g.add((res, SH.resultPath, _path(shapes, path, g)))
        elif r.path:
            g.add((res, SH.resultPath, URIRef(r.path)))
    return g


def _rendered(shapes: Graph, path) -> str:
    from .fast.paths import render

    return render(shapes, path)


__all__ = ["report_graph", "severity_name"]
