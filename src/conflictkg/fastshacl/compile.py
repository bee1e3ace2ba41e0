"""Every constraint of every targeted shape as one SPARQL SELECT that returns its violations (or a superset
of them, which refine.py narrows with pyshacl's own rules)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH, XSD

from . import paths
from .exprs import Exprs, term
from .shapes import Shape, SparqlConstraint, Unsupported, read

RDF_TYPE = f"<{RDF.type}>"
# datatypes whose lexical form SPARQL can check by a round trip through a cast (see not_surely_valid)
CASTABLE = {XSD.integer, XSD.decimal, XSD.boolean, XSD.date, XSD.dateTime, XSD.float, XSD.double}
# pyoxigraph stores these as xsd:integer (or xsd:dateTime), so sh:datatype on them can never pass on a store
REWRITTEN = {XSD[t] for t in ("nonNegativeInteger positiveInteger negativeInteger nonPositiveInteger int long "
                              "short byte unsignedInt unsignedLong unsignedShort unsignedByte dateTimeStamp").split()}


@dataclass
class Check:
    query: str                 # with class placeholders; returns ?this and maybe ?v / ?w
    shape: URIRef              # the targeted node shape that reports it
    source: object             # the shape (or SPARQL constraint) the result comes from
    component: str             # e.g. "minCount": what refine.py and messages need
    path: str = ""
    message: str | None = None
    severity: URIRef = SH.Violation
    arg: object = None         # the parameter's value, for refine.py
    flags: str = ""
    sparql: SparqlConstraint | None = None


@dataclass
class Compiled:
    checks: list[Check] = field(default_factory=list)
    classes: set[str] = field(default_factory=set)   # classes whose subclass closure the queries need


def _target(g: Graph, shape: Shape) -> str:
    parts = []
    for kind, value in shape.targets:
        if kind == SH.targetClass:
            parts.append(f"VALUES ?_tc {{ ⟪{value}⟫ }} ?this {RDF_TYPE} ?_tc .")
        elif kind == SH.targetNode:
            parts.append(f"VALUES ?this {{ {term(value)} }}")
        elif kind == SH.targetSubjectsOf:
            parts.append(f"?this <{value}> ?_ts .")
        elif kind == SH.targetObjectsOf:
            parts.append(f"?_to <{value}> ?this .")
    if len(parts) == 1:
        return parts[0]
    return " UNION ".join(f"{{ {p} }}" for p in parts)


def _not_surely_valid(datatype, var: str) -> str:
    """True for values that may fail sh:datatype: a different datatype, or a lexical form SPARQL cannot
    confirm. pyoxigraph keeps a literal it cannot parse as written, so the cast fails on exactly those."""
    if datatype in REWRITTEN:
        raise Unsupported(f"sh:datatype {datatype}: pyoxigraph stores it as xsd:integer, so data read back from "
                          f"a store would never match", fix="use xsd:integer with sh:minInclusive/maxInclusive")
    same = f"(isLiteral({var}) && datatype({var}) = <{datatype}>)"
    if datatype in CASTABLE:
        sure = f"COALESCE(STR(<{datatype}>(STR({var}))) = STR({var}), false)"
        if datatype in (XSD.date, XSD.dateTime):
            # rdflib (so pyshacl) rejects years that are not four digits or are 0000; pyoxigraph accepts them
            sure += f' && REGEX(STR({var}), "^[0-9]{{4}}-") && !STRSTARTS(STR({var}), "0000")'
        return f"!({same} && {sure})"
    if datatype in (XSD.string, RDF.langString) or not str(datatype).startswith(str(XSD)):
        return f"!{same}"  # no lexical rule that rdflib enforces: the datatype decides
    return "true"  # any other XSD type: let refine.py look at every value


class Compiler:
    def __init__(self, g: Graph):
        self.g = g
        self.ex = Exprs(g)
        self.out = Compiled()

    def name(self, node) -> URIRef:
        return node

    def node_shape(self, ns: Shape) -> None:
        t = _target(self.g, ns)
        for p, a in ns.constraints:
            if p == SH.property:
                self.property_shape(ns, a, t)
            elif p == SH.sparql:
                self.sparql(ns, a, t)
            else:
                # the focus node is the value node
                self.per_value(ns, ns, p, a, t, "BIND(?this AS ?v)", "")

    def property_shape(self, ns: Shape, ps: Shape, t: str) -> None:
        if not ps.is_property:
            raise Unsupported(f"sh:property {ps.node} has no sh:path")
        path = paths.sparql(self.g, ps.path)
        shown = paths.render(self.g, ps.path)
        common = dict(shape=ns.node, source=ps, path=shown, message=ps.message, severity=ps.severity)
        for p, a in ps.constraints:
            if p == SH.minCount:
                if int(a) > 0:
                    q = (f"SELECT ?this WHERE {{ {t} OPTIONAL {{ ?this {path} ?v }} }} "
                         f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(a)})")
                    self.add(Check(q, component="minCount", arg=a, **common))
            elif p == SH.maxCount:
                q = (f"SELECT ?this WHERE {{ {t} ?this {path} ?v }} "
                     f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(a)})")
                self.add(Check(q, component="maxCount", arg=a, **common))
            elif p == SH.hasValue:
                q = (f"SELECT DISTINCT ?this WHERE {{ {t} FILTER NOT EXISTS {{ ?this {path} ?_hv . "
                     f"FILTER(sameTerm(?_hv, {term(a)})) }} }}")
                self.add(Check(q, component="hasValue", arg=a, **common))
            elif p == SH.qualifiedValueShape:
                ok = self.ex.cond(a, "?v")
                if ps.qualified_min:
                    q = (f"SELECT ?this WHERE {{ {t} OPTIONAL {{ ?this {path} ?v . FILTER({ok}) }} }} "
                         f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {ps.qualified_min})")
                    self.add(Check(q, component="qualifiedMinCount", **common))
                if ps.qualified_max is not None:
                    q = (f"SELECT ?this WHERE {{ {t} ?this {path} ?v . FILTER({ok}) }} "
                         f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {ps.qualified_max})")
                    self.add(Check(q, component="qualifiedMaxCount", **common))
            elif p in (SH.lessThan, SH.lessThanOrEquals):
                op = "<" if p == SH.lessThan else "<="
                if not isinstance(a, URIRef):
                    raise Unsupported(f"{p} with a path that is not a predicate")
                q = (f"SELECT DISTINCT ?this ?v ?w WHERE {{ {t} ?this {path} ?v . ?this <{a}> ?w . "
                     f"FILTER(!COALESCE(?v {op} ?w, false)) }}")
                self.add(Check(q, component=str(p).split("#")[1], arg=a, **common))
            elif p == SH.sparql:
                raise Unsupported("sh:sparql on a property shape")
            else:
                self.per_value(ns, ps, p, a, t, f"?this {path} ?v .", shown)

    def per_value(self, ns: Shape, src: Shape, p, a, t: str, values: str, shown: str) -> None:
        """A constraint that judges each value node on its own: one result per failing value."""
        kind = str(p).split("#")[1]
        if p == SH.datatype:
            bad = _not_surely_valid(a, "?v")
        elif p == SH.pattern:
            bad = "true"  # every value goes to Python's re decides (refine.py), as in pyshacl
        elif p in (SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.lessThan, SH.lessThanOrEquals):
            raise Unsupported(f"{p} on a node shape")
        else:
            bad = f"!({self.ex.value(p, a, '?v', src)})"
        q = f"SELECT DISTINCT ?this ?v WHERE {{ {t} {values} FILTER({bad}) }}"
        self.add(Check(q, shape=ns.node, source=src, component=kind, path=shown, message=src.message,
                       severity=src.severity, arg=a, flags=src.flags))

    _FORBIDDEN = re.compile(r"\b(SELECT|MINUS|OPTIONAL|GRAPH|SERVICE|VALUES|BIND|EXISTS|GROUP|UNION|LIMIT|"
                            r"OFFSET|HAVING|ORDER)\b|\$(?!this\b)", re.I)

    def sparql(self, ns: Shape, c: SparqlConstraint, t: str) -> None:
        """A SHACL-SPARQL constraint: $this is pre-bound to each focus node. For a query of triple patterns
        and FILTERs that is the same as joining the query with the targets, which is what this does; any
        other construct could differ, so it is refused."""
        m = re.match(r"\s*SELECT\s+(.*?)\s*WHERE\s*\{(.*)\}\s*$", c.select, re.S | re.I)
        if not m:
            raise Unsupported(f"cannot read the sh:select of {ns.node}")
        head, body = m.group(1), m.group(2)
        if self._FORBIDDEN.search(body) or "$this" not in head:
            raise Unsupported(f"the sh:select of {ns.node} uses a construct fastshacl does not pre-bind "
                              f"(only triple patterns and FILTER, with $this selected)")
        prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in c.prefixes.items())
        q = f"{prefixes}SELECT DISTINCT {head.replace('$this', '?this')} WHERE {{ {t} {body.replace('$this', '?this')} }}"
        self.add(Check(q, shape=ns.node, source=c, component="sparql", path="",
                       message=c.message or ns.message, severity=ns.severity, sparql=c))

    def add(self, check: Check) -> None:
        self.out.checks.append(check)
        self.out.classes.update(re.findall(r"[⟦⟪]([^⟧⟫]*)[⟧⟫]", check.query))


def compile_graph(g: Graph) -> Compiled:
    c = Compiler(g)
    for ns in read(g):
        c.node_shape(ns)
    return c.out


@lru_cache(maxsize=4)
def compile_shapes(path: Path | None = None) -> Compiled:
    """Compile a shapes file (by default ontology/shapes.ttl); cached, the queries do not depend on data."""
    from ..paths import SHAPES_FILE
    g = Graph()
    g.parse(str(path or SHAPES_FILE), format="turtle")
    return compile_graph(g)
