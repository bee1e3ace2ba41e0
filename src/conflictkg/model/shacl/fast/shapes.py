"""The shapes graph as plain Python objects. Every SHACL feature the compiler cannot check exactly is
refused here with Unsupported, so that no constraint is ever silently skipped."""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from conflictkg.core.errors import ConflictKGError


class Unsupported(ConflictKGError):
    """The shapes use a SHACL feature fastshacl does not implement."""


# parameters a constraint may carry (sh:flags goes with sh:pattern, qualifiedMin/Max with the shape)
CONSTRAINTS = {SH["class"], SH.datatype, SH["in"], SH.hasValue, SH.languageIn, SH.minLength, SH.maxLength,
               SH.pattern, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.nodeKind,
               SH["not"], SH["or"], SH["and"], SH.node, SH.property, SH.minCount, SH.maxCount,
               SH.qualifiedValueShape, SH.lessThan, SH.lessThanOrEquals, SH.sparql}
LIST_VALUED = {SH["in"], SH.languageIn, SH["or"], SH["and"]}
# predicates that carry no constraint (targets and annotations are read separately)
NON_CONSTRAINT = {RDF.type, SH.message, SH.severity, SH.deactivated, SH.name, SH.description, SH.order,
                  SH.group, SH.defaultValue, SH.path, SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
                  SH.targetObjectsOf, SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount,
                  SH.qualifiedValueShapesDisjoint, SH.declare, SH.prefixes, RDFS.comment, RDFS.label}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


@dataclass
class Shape:
    node: URIRef | BNode
    path: object = None            # a SHACL path node (property shapes only)
    message: str | None = None
    severity: URIRef = SH.Violation
    targets: list[tuple[URIRef, object]] = field(default_factory=list)
    # (parameter, value): value is a term, a list of terms (sh:in …), a Shape, or a list of Shapes
    constraints: list[tuple[URIRef, object]] = field(default_factory=list)
    qualified_min: int | None = None
    qualified_max: int | None = None
    flags: str = ""

    @property
    def is_property(self) -> bool:
        return self.path is not None

    def get(self, param):
        return [v for p, v in self.constraints if p == param]


@dataclass
class SparqlConstraint:
    select: str
    prefixes: dict[str, str]
    message: str | None


def _where(g: Graph, node) -> str:
    return node.n3(g.namespace_manager) if isinstance(node, URIRef) else "a blank node"


class Reader:
    def __init__(self, g: Graph):
        self.g = g
        self._seen: dict = {}

    def top_level(self) -> list[Shape]:
        """Shapes with targets: those the validator starts from."""
        g = self.g
        nodes = {s for t in TARGETS for s in g.subjects(t, None)}
        for s in set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape)):
            if (s, RDF.type, RDFS.Class) in g or (s, RDF.type, OWL.Class) in g:
                raise Unsupported(f"shape {_where(g, s)} is also a class (implicit class target)")
        for p in (SH.target,):
            for s in g.subjects(p, None):
                raise Unsupported(f"shape {_where(g, s)} uses sh:target (SPARQL-based targets)")
        out = []
        for s in sorted(nodes, key=str):
            if g.value(s, SH.deactivated) == Literal(True):
                continue  # a deactivated shape has no results by the SHACL spec
            shape = self.shape(s)
            if shape.is_property:
                raise Unsupported(f"property shape {_where(g, s)} has its own targets")
            out.append(shape)
        return out

    def shape(self, node) -> Shape:
        if node in self._seen:
            if self._seen[node] is None:
                raise Unsupported(f"shape {_where(self.g, node)} refers to itself (recursive shapes)")
            return self._seen[node]
        self._seen[node] = None
        g = self.g
        s = Shape(node, path=g.value(node, SH.path))
        msgs = list(g.objects(node, SH.message))
        if len(msgs) > 1:
            raise Unsupported(f"shape {_where(g, node)} has several sh:message values")
        s.message = str(msgs[0]) if msgs else None
        s.severity = g.value(node, SH.severity) or SH.Violation
        if g.value(node, SH.deactivated) == Literal(True):
            raise Unsupported(f"nested shape {_where(g, node)} is deactivated")
        for t in TARGETS:
            s.targets += [(t, o) for o in g.objects(node, t)]
        for p, o in g.predicate_objects(node):
            if p in NON_CONSTRAINT or not str(p).startswith(str(SH)):
                continue
            if p not in CONSTRAINTS:
                raise Unsupported(f"shape {_where(g, node)} uses {p.n3(g.namespace_manager)}, which fastshacl "
                                  f"does not implement", fix="implement it in src/conflictkg/fastshacl or use pyshacl")
            if p in LIST_VALUED:
                items = list(Collection(g, o))
                if p in (SH["or"], SH["and"]):
                    items = [self.shape(i) for i in items]
                s.constraints.append((p, items))
            elif p in (SH["not"], SH.node, SH.property, SH.qualifiedValueShape):
                s.constraints.append((p, self.shape(o)))
            elif p == SH.sparql:
                s.constraints.append((p, self.sparql(o)))
            else:
                s.constraints.append((p, o))
        if s.path is None and any(p in (SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.lessThan,
                                        SH.lessThanOrEquals) for p, _ in s.constraints):
            raise Unsupported(f"node shape {_where(g, node)} uses a property-shape parameter without sh:path")
        qmin, qmax = g.value(node, SH.qualifiedMinCount), g.value(node, SH.qualifiedMaxCount)
        s.qualified_min = int(qmin) if qmin is not None else None
        s.qualified_max = int(qmax) if qmax is not None else None
        if (s.qualified_min is not None or s.qualified_max is not None) != bool(s.get(SH.qualifiedValueShape)):
            raise Unsupported(f"shape {_where(g, node)}: qualified counts need exactly one sh:qualifiedValueShape")
        if len(s.get(SH.qualifiedValueShape)) > 1:
            raise Unsupported(f"shape {_where(g, node)} has several sh:qualifiedValueShape")
        if g.value(node, SH.qualifiedValueShapesDisjoint) == Literal(True):
            raise Unsupported(f"shape {_where(g, node)} uses sh:qualifiedValueShapesDisjoint true")
        flags = list(g.objects(node, SH.flags))
        s.flags = str(flags[0]) if flags else ""
        for p in (SH.datatype, SH.minCount, SH.maxCount, SH.pattern, SH.minLength, SH.maxLength, SH.nodeKind):
            if len(s.get(p)) > 1:
                raise Unsupported(f"shape {_where(g, node)} has several {p.n3(g.namespace_manager)}")
        self._seen[node] = s
        return s

    def sparql(self, node) -> SparqlConstraint:
        g = self.g
        for p in g.predicates(node, None):
            if p not in (SH.select, SH.prefixes, SH.message, RDF.type) and str(p).startswith(str(SH)):
                raise Unsupported(f"SPARQL constraint {_where(g, node)} uses {p.n3(g.namespace_manager)}")
        select = g.value(node, SH.select)
        if select is None:
            raise Unsupported("a sh:sparql constraint without sh:select (sh:ask or a validator)")
        prefixes = {}
        for owner in g.objects(node, SH.prefixes):
            for d in g.objects(owner, SH.declare):
                prefixes[str(g.value(d, SH.prefix))] = str(g.value(d, SH.namespace))
        msg = g.value(node, SH.message)
        return SparqlConstraint(str(select), prefixes, str(msg) if msg is not None else None)


def read(g: Graph) -> list[Shape]:
    return Reader(g).top_level()
