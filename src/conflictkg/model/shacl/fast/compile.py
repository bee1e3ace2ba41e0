"""Every constraint of every targeted shape as one SPARQL SELECT that returns its violations (or a superset
of them, which refine.py narrows with pyshacl's own rules)."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH, XSD

from . import paths
from .exprs import MAX_NESTED_COUNT, Exprs, closed_allowed, term
from .shapes import Shape, SparqlConstraint, Unsupported, read

RDF_TYPE = f"<{RDF.type}>"
# datatypes whose lexical form SPARQL can check by a round trip through a cast (see not_surely_valid)
CASTABLE = {XSD.integer, XSD.decimal, XSD.boolean, XSD.date, XSD.dateTime, XSD.float, XSD.double}
# pyoxigraph stores these as xsd:integer (or xsd:dateTime), so sh:datatype on them can never pass on a store
REWRITTEN = {XSD[t] for t in ("nonNegativeInteger positiveInteger negativeInteger nonPositiveInteger int long "
                              "short byte unsignedInt unsignedLong unsignedShort unsignedByte dateTimeStamp").split()}


@dataclass
class Sub:
    """One constraint answered by a boolean column ?b<i> of a merged query (false: a result)."""
    component: str             # e.g. "minCount": what refine.py and messages need
    source: Shape              # the shape the result comes from (sh:sourceShape)
    path: str = ""
    message: str | None = None
    severity: URIRef = SH.Violation
    arg: object = None         # the parameter's value, for refine.py
    flags: str = ""
    value: str = ""            # the variable that holds the value node ("this", "v") or "" for none


@dataclass
class Check:
    """One query: ?this, maybe ?v and ?w, and one boolean column per Sub; or, with no Subs, rows that
    are each one result of `single`."""
    query: str                 # with class placeholders
    shape: URIRef              # the targeted node shape that reports it
    subs: list[Sub] = field(default_factory=list)
    single: Sub | None = None
    sparql: SparqlConstraint | None = None
    probe: str | None = None   # same ?this rows (a superset), cheaper: the query runs only if it finds some
    prebind: str | None = None  # SHACL-SPARQL run once per focus node of `query`, with ⟨THIS⟩ replaced by it


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
    """Per node shape: one query for every constraint judged once per focus node (counts, hasValue,
    qualified counts, node-level constraints), one query per property path for the constraints judged per
    value, and one query each for lessThan, large counts and SHACL-SPARQL. Merging saves scanning the
    targets again for every constraint, which is most of the cost."""

    def __init__(self, g: Graph):
        self.g = g
        self.ex = Exprs(g)
        self.out = Compiled()
        self._levels = itertools.count()

    def node_shape(self, ns: Shape) -> None:
        self.shape_at(ns, ns, _target(self.g, ns))

    def shape_at(self, owner: Shape, s: Shape, t: str) -> None:
        """Every constraint of `s` for the focus nodes that pattern `t` binds to ?this; results are reported
        against the targeted shape `owner`."""
        per_focus: list[tuple[Sub, str]] = []
        per_value: dict[str, list[tuple[Sub, str]]] = {}
        if s.is_property:
            self.property_shape(owner, s, t, per_focus, per_value)
        for p, a in ([] if s.is_property else s.constraints):
            if p == SH.property:
                self.property_shape(owner, a, t, per_focus, per_value)
            elif p == SH.sparql:
                self.sparql(owner, s, a, t)
            elif p in (SH.equals, SH.disjoint):
                self.pair(owner, s, p, a, t, None)
            elif p == SH.closed:
                self.closed(owner, s, t)
            else:  # the focus node is the value node (sh:hasValue reports none)
                sub = Sub(_name(p), s, message=s.message, severity=s.severity, arg=a, flags=s.flags,
                          value="" if p == SH.hasValue else "this")
                per_focus.append((sub, self.value_ok(p, a, "?this", s)))
        if per_focus:
            self.merged(owner, t, "", [(s, ok, None) for s, ok in per_focus])
        if per_value:
            # every path's values in one UNION, ?k telling which path a row comes from
            union = " UNION ".join(f"{{ ?this {path} ?v . BIND({k} AS ?k) }}" for k, path in enumerate(per_value))
            probe = " UNION ".join(
                f"{{ ?this {path} ?v . FILTER({' || '.join(f'!COALESCE({ok}, false)' for _, ok in subs)}) }}"
                for path, subs in per_value.items())
            self.merged(owner, t, union, [(s, ok, k) for k, subs in enumerate(per_value.values()) for s, ok in subs],
                        probe=f"SELECT ?this WHERE {{ {t} {probe} }}")

    def merged(self, ns: Shape, t: str, values: str, subs: list[tuple[Sub, str, int | None]],
               probe: str | None = None) -> None:
        """A query with one boolean column per constraint, and a cheaper probe without the columns that
        says whether there is anything to report at all (usually not: then the query is not run)."""
        binds = " ".join(f"BIND(COALESCE({ok}, false) AS ?b{i})" if k is None else
                         f"BIND(IF(?k = {k}, COALESCE({ok}, false), true) AS ?b{i})"
                         for i, (_, ok, k) in enumerate(subs))
        bad = " || ".join(f"!?b{i}" for i in range(len(subs)))
        cols = " ".join(f"?b{i}" for i in range(len(subs)))
        v = "?v ?k " if values else ""
        q = f"SELECT DISTINCT ?this {v}{cols} WHERE {{ {t} {values} {binds} FILTER({bad}) }}"
        if probe is None:
            probe = (f"SELECT ?this WHERE {{ {t} "
                     f"FILTER({' || '.join(f'!COALESCE({ok}, false)' for _, ok, _ in subs)}) }}")
        self.add(Check(q, ns.node, subs=[s for s, _, _ in subs], probe=probe))

    # long: one branch per property-shape parameter, each a few lines of SPARQL
    def property_shape(self, ns: Shape, ps: Shape, t: str, per_focus, per_value) -> None:
        if not ps.is_property:
            raise Unsupported(f"sh:property {ps.node} has no sh:path")
        path = paths.sparql(self.g, ps.path)
        shown = paths.render(self.g, ps.path)

        def sub(p, a=None, value=""):
            return Sub(_name(p), ps, path=shown, message=ps.message, severity=ps.severity, arg=a,
                       flags=ps.flags, value=value)

        for p, a in ps.constraints:
            if p in (SH.minCount, SH.maxCount):
                n = int(a) if p == SH.minCount else int(a) + 1
                if n == 0:
                    continue
                if n <= MAX_NESTED_COUNT:
                    ok = self.ex.at_least("?this", path, n, None)
                    per_focus.append((sub(p, a), ok if p == SH.minCount else f"!{ok}"))
                else:
                    op = "<" if p == SH.minCount else ">"
                    opt = ("OPTIONAL { ?this %s ?v }" if p == SH.minCount else "?this %s ?v") % path
                    q = (f"SELECT ?this WHERE {{ {t} {opt} }} "
                         f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) {op} {int(a)})")
                    self.add(Check(q, ns.node, single=sub(p, a)))
            elif p == SH.hasValue:
                ok = f"EXISTS {{ ?this {path} ?_hv . FILTER(sameTerm(?_hv, {term(a)})) }}"
                per_focus.append((sub(p, a), ok))
            elif p == SH.qualifiedValueShape:
                for kind, n in ((SH.qualifiedMinCount, ps.qualified_min), (SH.qualifiedMaxCount, ps.qualified_max)):
                    if n is None or (kind == SH.qualifiedMinCount and n == 0):
                        continue
                    m = n if kind == SH.qualifiedMinCount else n + 1
                    if m > MAX_NESTED_COUNT:
                        raise Unsupported(f"{kind} of {n} (at most {MAX_NESTED_COUNT - 1})")
                    ok = self.ex.at_least("?this", path, m, a)
                    per_focus.append((sub(kind), ok if kind == SH.qualifiedMinCount else f"!{ok}"))
            elif p in (SH.lessThan, SH.lessThanOrEquals):
                op = "<" if p == SH.lessThan else "<="
                if not isinstance(a, URIRef):
                    raise Unsupported(f"{p} with a path that is not a predicate")
                q = (f"SELECT DISTINCT ?this ?v ?w WHERE {{ {t} ?this {path} ?v . ?this <{a}> ?w . "
                     f"FILTER(!COALESCE(?v {op} ?w, false)) }}")
                self.add(Check(q, ns.node, single=sub(p, a, "v")))
            elif p == SH.sparql:
                raise Unsupported("sh:sparql on a property shape")
            elif p == SH.property:  # its focus nodes are this shape's value nodes
                self.shape_at(ns, a, self.values_of(t, path))
            elif p in (SH.equals, SH.disjoint):
                self.pair(ns, ps, p, a, t, path)
            elif p == SH.uniqueLang:
                q = f"SELECT DISTINCT ?this ?_lang WHERE {{ {t} {self.ex.same_lang('?this', path)} }}"
                self.add(Check(q, ns.node, single=sub(p, a)))
            else:
                per_value.setdefault(path, []).append((sub(p, a, "v"), self.value_ok(p, a, "?v", ps)))

    def value_ok(self, p, a, var: str, src: Shape) -> str:
        """False for a value that (may) violate `p a`: refine.py has the last word on datatype and pattern."""
        if p == SH.datatype:
            return f"!({_not_surely_valid(a, var)})"
        if p == SH.pattern:
            return "false"  # every value goes to Python's re (refine.py), as in pyshacl
        if p in (SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.lessThan, SH.lessThanOrEquals):
            raise Unsupported(f"{p} on a node shape")
        return self.ex.value(p, a, var, src)

    def values_of(self, t: str, path: str) -> str:
        """A pattern binding ?this to each value of `path` from the focus nodes of `t` (nested shapes)."""
        n = next(self._levels)
        inner = re.sub(r"\?this\b", f"?_f{n}", t)
        return f"{{ SELECT DISTINCT (?_n{n} AS ?this) WHERE {{ {inner} ?_f{n} {path} ?_n{n} . }} }}"

    def pair(self, ns: Shape, s: Shape, p, other, t: str, path: str | None) -> None:
        """sh:equals / sh:disjoint: one result per value found on one side only / on both sides."""
        if not isinstance(other, URIRef):
            raise Unsupported(f"{p} with a path that is not a predicate")
        mine = f"?this {path} ?v ." if path else "BIND(?this AS ?v)"
        if p == SH.disjoint:
            where = f"{t} {mine} ?this <{other}> ?v ."
        else:
            only_theirs = f"FILTER NOT EXISTS {{ ?this {path} ?v }}" if path else "FILTER(!sameTerm(?v, ?this))"
            where = (f"{{ {t} {mine} FILTER NOT EXISTS {{ ?this <{other}> ?v }} }} UNION "
                     f"{{ {t} ?this <{other}> ?v . {only_theirs} }}")
        sub = Sub(_name(p), s, path=paths.render(self.g, s.path) if path else "", message=s.message,
                  severity=s.severity, arg=other, value="v")
        self.add(Check(f"SELECT DISTINCT ?this ?v WHERE {{ {where} }}", ns.node, single=sub))

    def closed(self, ns: Shape, s: Shape, t: str) -> None:
        """sh:closed: one result per triple of the focus node whose predicate is not allowed."""
        allowed = closed_allowed(s)
        cond = f"FILTER(?path NOT IN ({', '.join(allowed)}))" if allowed else ""
        sub = Sub("closed", s, message=s.message, severity=s.severity, value="v")
        self.add(Check(f"SELECT DISTINCT ?this ?path ?v WHERE {{ {t} ?this ?path ?v . {cond} }}", ns.node,
                       single=sub))

    # the SHACL specification forbids these with pre-bound variables; fastshacl refuses them
    _FORBIDDEN = re.compile(r"\b(MINUS|SERVICE|VALUES|SELECT)\b|\bAS\s*[?$]this\b", re.I)
    _NESTED = re.compile(r"[{}]|\b(OPTIONAL|EXISTS|UNION|BIND|GRAPH|GROUP|HAVING|ORDER|LIMIT|OFFSET)\b", re.I)

    def sparql(self, ns: Shape, s: Shape, c: SparqlConstraint, t: str) -> None:
        """A SHACL-SPARQL constraint: $this is pre-bound to each focus node. For a query of triple patterns
        and FILTERs that is the same as joining the query with the targets, which is what this does. Any
        other query runs once per focus node with $this written in (a bound($this) is true)."""
        m = re.match(r"\s*SELECT\s+(.*?)\s*WHERE\s*\{(.*)\}\s*$", c.select, re.S | re.I)
        if not m:
            raise Unsupported(f"cannot read the sh:select of {c.node or ns.node}")
        head, body = m.group(1), m.group(2)
        if self._FORBIDDEN.search(body) or re.search(r"\$(?!this\b)[A-Za-z_]", c.select):
            raise Unsupported(f"the sh:select of {c.node or ns.node} uses MINUS, SERVICE, VALUES, a sub-select, "
                              f"a pre-bound variable other than $this or assigns $this, which SHACL-SPARQL "
                              f"forbids or fastshacl does not pre-bind")
        if not re.search(r"[?$]this\b", head) and head.strip() != "*":
            raise Unsupported(f"the sh:select of {c.node or ns.node} does not select $this")
        prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in c.prefixes.items())
        sub = Sub("sparql", s, message=c.message or s.message, severity=s.severity, arg=c)
        if not self._NESTED.search(body):
            head, body = (re.sub(r"[?$]this\b", "?this", x) for x in (head, body))
            q = f"{prefixes}SELECT DISTINCT {head} WHERE {{ {t} {body} }}"
            self.add(Check(q, ns.node, single=sub, sparql=c))
            return
        written = re.sub(r"\bbound\s*\(\s*[?$]this\s*\)", "(true)", body, flags=re.I)
        written = re.sub(r"[?$]this\b", "⟨THIS⟩", written)
        cols = re.sub(r"[?$]this\b", "", head).strip() or "*"
        self.add(Check(f"SELECT DISTINCT ?this WHERE {{ {t} }}", ns.node, single=sub, sparql=c,
                       prebind=f"{prefixes}SELECT DISTINCT {cols} WHERE {{ {written} }}"))

    def add(self, check: Check) -> None:
        self.out.checks.append(check)
        for q in (check.query, check.probe or "", check.prebind or ""):
            self.out.classes.update(re.findall(r"[⟦⟪]([^⟧⟫]*)[⟧⟫]", q))


def _name(p) -> str:
    return str(p).split("#")[1]


def compile_graph(g: Graph) -> Compiled:
    c = Compiler(g)
    for ns in read(g):
        c.node_shape(ns)
    return c.out


@lru_cache(maxsize=4)
def compile_shapes(path: Path | None = None) -> Compiled:
    """Compile a shapes file (by default ontology/shapes.ttl); cached, the queries do not depend on data."""
    from conflictkg.core.resources import SHAPES_FILE
    g = Graph()
    g.parse(str(path or SHAPES_FILE), format="turtle")
    return compile_graph(g)
