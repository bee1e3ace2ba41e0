"""Nested shapes (members of sh:or/sh:and, sh:not, sh:node, sh:qualifiedValueShape) as SPARQL boolean
expressions: cond(shape, "?x") is true exactly when the node bound to ?x conforms to the shape.

Classes are written as a placeholder (class_ref) that the engine fills with the class and its subclasses
as found in the data, so rdf:type/rdfs:subClassOf* is computed once per run instead of once per value."""
from __future__ import annotations

import itertools

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from . import paths
from .shapes import Shape, Unsupported

MAX_NESTED_COUNT = 4  # nested counts compare every pair of values: fine for the small counts shapes use


def term(t) -> str:
    """An rdflib term in SPARQL syntax."""
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, Literal):
        body = str(t).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if t.language:
            return f'"{body}"@{t.language}'
        return f'"{body}"^^<{t.datatype or XSD.string}>'
    raise Unsupported(f"a blank node as a constraint value ({t})")


def class_ref(cls) -> str:
    """Placeholder for the list of `cls` and its subclasses (filled by engine.fill_classes)."""
    if not isinstance(cls, URIRef):
        raise Unsupported(f"sh:class must be an IRI, not {cls!r}")
    return f"⟦{cls}⟧"


def has_class(var: str, cls, fresh) -> str:
    t = fresh()
    return f"EXISTS {{ {var} <{RDF.type}> {t} . FILTER({t} IN ({class_ref(cls)})) }}"


def language_in(var: str, langs: list) -> str:
    # pyshacl: the tag, lower-cased, or its first subtag is in the list; "*" takes any tag
    wanted = [str(x).lower() for x in langs]
    if "*" in wanted:
        return f"(isLiteral({var}) && LANG({var}) != \"\")"
    items = ", ".join(f'"{w}"' for w in wanted)
    return (f"(isLiteral({var}) && LANG({var}) != \"\" && (LCASE(LANG({var})) IN ({items}) || "
            f"LCASE(STRBEFORE(LANG({var}), \"-\")) IN ({items})))")


def closed_allowed(shape: Shape) -> list[str]:
    """The predicates a closed node shape allows: its property shapes' predicate paths and the ignored ones."""
    allowed = [f"<{ps.path}>" for ps in shape.get(SH.property) if isinstance(ps.path, URIRef)]
    return sorted(set(allowed) | {term(t) for t in shape.ignored})


class Exprs:
    def __init__(self, g: Graph):
        self.g = g
        self._n = itertools.count()

    def fresh(self) -> str:
        return f"?_x{next(self._n)}"

    # ------------------------------------------------------------- one value node against one parameter
    def value(self, param, arg, var: str, shape: Shape) -> str:
        """True when the value node in `var` satisfies `param arg` (a constraint that looks at one value)."""
        if param == SH["class"]:
            return has_class(var, arg, self.fresh)
        if param == SH["in"]:
            return "(" + " || ".join(f"sameTerm({var}, {term(t)})" for t in arg) + ")" if arg else "false"
        if param == SH.languageIn:
            return language_in(var, arg)
        if param == SH.minLength:
            return f"(!isBlank({var}) && STRLEN(STR({var})) >= {int(arg)})"
        if param == SH.maxLength:
            return f"(!isBlank({var}) && STRLEN(STR({var})) <= {int(arg)})"
        if param in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
            op = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}[param]
            return f"COALESCE({var} {op} {term(arg)}, false)"  # incomparable values fail, as in pyshacl
        if param == SH.nodeKind:
            kinds = {SH.IRI: f"isIRI({var})", SH.BlankNode: f"isBlank({var})", SH.Literal: f"isLiteral({var})",
                     SH.BlankNodeOrIRI: f"(isIRI({var}) || isBlank({var}))",
                     SH.BlankNodeOrLiteral: f"(isBlank({var}) || isLiteral({var}))",
                     SH.IRIOrLiteral: f"(isIRI({var}) || isLiteral({var}))"}
            return kinds[arg]
        if param == SH.datatype:
            # exact in SPARQL only where no lexical check is needed; the rest is checked in refine.py
            if arg == XSD.string or arg == RDF.langString:
                return f"(isLiteral({var}) && datatype({var}) = {term(arg)})"
            raise Unsupported(f"sh:datatype {arg} inside a nested shape (its lexical check runs in Python)")
        if param == SH["not"]:
            return f"!({self.cond(arg, var)})"
        if param == SH["or"]:
            return "(" + " || ".join(self.cond(s, var) for s in arg) + ")" if arg else "false"
        if param == SH["and"]:
            return "(" + " && ".join(self.cond(s, var) for s in arg) + ")" if arg else "true"
        if param == SH.xone:
            return "((" + " + ".join(f"IF({self.cond(s, var)}, 1, 0)" for s in arg) + ") = 1)" if arg else "false"
        if param == SH.closed:
            return self.closed(var, shape)
        if param in (SH.equals, SH.disjoint):  # on a node shape the only value node is the node itself
            return self.pair(param, arg, var, None)
        if param in (SH.node, SH.property):
            return self.cond(arg, var)
        if param == SH.hasValue:
            return f"sameTerm({var}, {term(arg)})"
        raise Unsupported(f"{param} inside a nested shape")

    # ------------------------------------------------------------- a whole shape
    def cond(self, shape: Shape, var: str) -> str:
        """True when the node in `var` conforms to `shape` (a node shape, or a property shape from var)."""
        if not shape.is_property:
            parts = [self.value(p, a, var, shape) for p, a in shape.constraints]
            return "(" + " && ".join(parts) + ")" if parts else "true"
        path = paths.sparql(self.g, shape.path)
        parts = []
        per_value = []
        for p, a in shape.constraints:
            if p == SH.minCount:
                n = int(a)
                if n > 0:
                    parts.append(self.at_least(var, path, n, None))
            elif p == SH.maxCount:
                parts.append("!" + self.at_least(var, path, int(a) + 1, None))
            elif p == SH.hasValue:
                v = self.fresh()
                parts.append(f"EXISTS {{ {var} {path} {v} . FILTER(sameTerm({v}, {term(a)})) }}")
            elif p == SH.qualifiedValueShape:
                if shape.qualified_min:
                    parts.append(self.at_least(var, path, shape.qualified_min, a))
                if shape.qualified_max is not None:
                    parts.append("!" + self.at_least(var, path, shape.qualified_max + 1, a))
            elif p in (SH.lessThan, SH.lessThanOrEquals, SH.sparql):
                raise Unsupported(f"{p} inside a nested shape")
            elif p in (SH.equals, SH.disjoint):
                parts.append(self.pair(p, a, var, path))
            elif p == SH.uniqueLang:
                parts.append(f"NOT EXISTS {{ {self.same_lang(var, path)} }}")
            else:
                per_value.append((p, a))
        if per_value:
            v = self.fresh()
            ok = " && ".join(self.value(p, a, v, shape) for p, a in per_value)
            parts.append(f"NOT EXISTS {{ {var} {path} {v} . FILTER(!({ok})) }}")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def pair(self, param, other, var: str, path: str | None) -> str:
        """sh:equals / sh:disjoint: the values of `path` from `var` (`var` itself for None) against the
        values of the predicate `other`."""
        if not isinstance(other, URIRef):
            raise Unsupported(f"{param} with a path that is not a predicate")
        v = self.fresh()
        mine = f"{var} {path} {v} ." if path else f"BIND({var} AS {v})"
        if param == SH.disjoint:
            return f"NOT EXISTS {{ {mine} {var} <{other}> {v} . }}"
        w = self.fresh()
        theirs = f"FILTER NOT EXISTS {{ {var} {path} {w} . FILTER(sameTerm({w}, {v})) }}" if path else \
            f"FILTER(!sameTerm({v}, {var}))"
        return (f"(NOT EXISTS {{ {mine} FILTER NOT EXISTS {{ {var} <{other}> {v} }} }} && "
                f"NOT EXISTS {{ {var} <{other}> {v} . {theirs} }})")

    def same_lang(self, var: str, path: str) -> str:
        """Patterns for two different values of `path` with the same non-empty language tag (?_lang)."""
        a, b = self.fresh(), self.fresh()
        return (f"{var} {path} {a} . {var} {path} {b} . FILTER(!sameTerm({a}, {b}) && LANG({a}) != \"\" && "
                f"LCASE(LANG({a})) = LCASE(LANG({b}))) BIND(LCASE(LANG({a})) AS ?_lang)")

    def closed(self, var: str, shape: Shape) -> str:
        allowed = closed_allowed(shape)
        p, o = self.fresh(), self.fresh()
        cond = f"FILTER({p} NOT IN ({', '.join(allowed)}))" if allowed else ""
        return f"NOT EXISTS {{ {var} {p} {o} . {cond} }}"

    def at_least(self, var: str, path: str, n: int, qualified: Shape | None) -> str:
        """EXISTS n pairwise different values of `path` from `var` (that conform to `qualified`)."""
        if n > MAX_NESTED_COUNT:
            raise Unsupported(f"a count of {n} inside a nested shape (at most {MAX_NESTED_COUNT})")
        vs = [self.fresh() for _ in range(n)]
        pats = " ".join(f"{var} {path} {v} ." for v in vs)
        conds = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(vs, 2)]
        if qualified is not None:
            conds += [self.cond(qualified, v) for v in vs]
        filt = f" FILTER({' && '.join(conds)})" if conds else ""
        return f"EXISTS {{ {pats}{filt} }}"
