"""SHACL property paths as SPARQL 1.1 property paths (the two have the same semantics)."""
from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from .shapes import Unsupported


def sparql(g: Graph, node) -> str:
    """The SPARQL path for the SHACL path `node` of graph `g`."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if not isinstance(node, BNode):
        raise Unsupported(f"a SHACL path must be an IRI or a blank node, not {node!r}")
    if (node, RDF.first, None) in g:
        return "(" + "/".join(sparql(g, n) for n in Collection(g, node)) + ")"
    kinds = {SH.alternativePath: "|", SH.inversePath: "^", SH.zeroOrMorePath: "*",
             SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}
    preds = [p for p in g.predicates(node, None)]
    if len(preds) != 1 or preds[0] not in kinds:
        raise Unsupported(f"a SHACL path node with predicates {[str(p) for p in preds]}")
    p = preds[0]
    o = g.value(node, p)
    if p == SH.alternativePath:
        return "(" + "|".join(sparql(g, n) for n in Collection(g, o)) + ")"
    if p == SH.inversePath:
        return f"(^{sparql(g, o)})"
    return f"({sparql(g, o)}){kinds[p]}"


def render(g: Graph, node) -> str:
    """A path as text for reports: the IRI of a predicate path, SPARQL syntax for the others. pyshacl
    results name complex paths by a blank node, which is useless to a reader."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return str(node)
    return sparql(g, node)
