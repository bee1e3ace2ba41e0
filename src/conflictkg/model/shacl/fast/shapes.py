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
               SH["not"], SH["or"], SH["and"], SH.xone, SH.node, SH.property, SH.minCount, SH.maxCount,
               SH.qualifiedValueShape, SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint, SH.uniqueLang,
               SH.closed, SH.sparql}
LIST_VALUED = {SH["in"], SH.languageIn, SH["or"], SH["and"], SH.xone}
SHAPE_LISTS = {SH["or"], SH["and"], SH.xone}
# predicates that carry no constraint (targets and annotations are read separately)
NON_CONSTRAINT = {RDF.type, SH.message, SH.severity, SH.deactivated, SH.name, SH.description, SH.order,
                  SH.group, SH.defaultValue, SH.path, SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
                  SH.targetObjectsOf, SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount,
                  SH.qualifiedValueShapesDisjoint, SH.declare, SH.prefixes, SH.ignoredProperties, RDFS.comment,
                  RDFS.label}
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
    ignored: list = field(default_factory=list)   # sh:ignoredProperties of a closed shape

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
    node: object = None


def _where(g: Graph, node) -> str:
    return node.n3(g.namespace_manager) if isinstance(node, URIRef) else "a blank node"


class Reader:
    def __init__(self, g: Graph):
        self.g = g
        self._seen: dict = {}
        # parameters of SPARQL-based constraint components: a shape using one is refused, never skipped
        self.components = {path: cc for cc in g.subjects(SH.parameter, None)
                           for param in g.objects(cc, SH.parameter) for path in g.objects(param, SH.path)}

    def top_level(self) -> list[Shape]:
        """Shapes with targets: those the validator starts from."""
        g = self.g
        nodes = {s for t in TARGETS for s in g.subjects(t, None)}
        implicit = {s for s in set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
                    if isinstance(s, URIRef) and ((s, RDF.type, RDFS.Class) in g or (s, RDF.type, OWL.Class) in g)}
        nodes |= implicit
        for p in (SH.target,):
            for s in g.subjects(p, None):
                raise Unsupported(f"shape {_where(g, s)} uses sh:target (SPARQL-based targets)")
        out = []
        for s in sorted(nodes, key=str):
            if g.value(s, SH.deactivated) == Literal(True):
                continue  # a deactivated shape has no results by the SHACL spec
            shape = self.shape(s)
            if s in implicit:  # a shape that is also a class targets the instances of that class
                shape.targets.append((SH.targetClass, s))
            out.append(shape)
        return out

    # long: one branch per kind of SHACL parameter, and a refusal for each feature fastshacl cannot check
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
            if p in self.components:
                raise Unsupported(f"shape {_where(g, node)} uses {p.n3(g.namespace_manager)}, a parameter of the "
                                  f"SPARQL-based constraint component {_where(g, self.components[p])}, which "
                                  f"fastshacl does not implement", fix="use pyshacl")
            if p in NON_CONSTRAINT or not str(p).startswith(str(SH)):
                continue
            if p == SH.select and (node, SH.sparql, node) in g:
                continue  # the shape is its own SPARQL constraint
            if p not in CONSTRAINTS:
                raise Unsupported(f"shape {_where(g, node)} uses {p.n3(g.namespace_manager)}, which fastshacl "
                                  f"does not implement", fix="implement it in src/conflictkg/fastshacl or use pyshacl")
            if p in LIST_VALUED:
                items = list(Collection(g, o))
                if p in SHAPE_LISTS:
                    items = [self.shape(i) for i in items]
                s.constraints.append((p, items))
            elif p in (SH["not"], SH.node, SH.property, SH.qualifiedValueShape):
                s.constraints.append((p, self.shape(o)))
            elif p == SH.sparql:
                s.constraints.append((p, self.sparql(o)))
            elif p == SH.closed:
                if o == Literal(True):
                    s.constraints.append((p, o))
            elif p == SH.uniqueLang:
                if o == Literal(True):
                    s.constraints.append((p, o))
            else:
                s.constraints.append((p, o))
        ignored = g.value(node, SH.ignoredProperties)
        s.ignored = list(Collection(g, ignored)) if ignored is not None else []
        if s.path is not None and s.get(SH.closed):
            raise Unsupported(f"property shape {_where(g, node)} uses sh:closed (defined for node shapes)")
        if s.path is None and any(p in (SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.lessThan,
                                        SH.lessThanOrEquals, SH.uniqueLang) for p, _ in s.constraints):
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
        owners = list(g.objects(node, SH.prefixes))
        seen = set()
        while owners:  # the declarations of each owner and of every ontology it owl:imports
            owner = owners.pop()
            if owner in seen:
                continue
            seen.add(owner)
            owners += list(g.objects(owner, OWL.imports))
            for d in g.objects(owner, SH.declare):
                prefixes[str(g.value(d, SH.prefix))] = str(g.value(d, SH.namespace))
        msg = g.value(node, SH.message)
        return SparqlConstraint(str(select), prefixes, str(msg) if msg is not None else None, node)


def read(g: Graph) -> list[Shape]:
    return Reader(g).top_level()
