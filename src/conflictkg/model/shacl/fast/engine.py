"""Run the compiled checks on a pyoxigraph store and turn their rows into results like pySHACL's."""
from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDFS, SH

from conflictkg.model import ontology
from conflictkg.store import Store

from ..report import Result
from ..standard import severity_name
from . import refine
from .compile import Check, Compiled, Sub, compile_shapes
from .shapes import Unsupported

SHORT = ("https://w3id.org/conflictkg/shapes#", "https://w3id.org/conflictkg/ontology#")


def _short(node) -> str:
    s = str(node)
    for prefix in SHORT:
        if s.startswith(prefix):
            return s[len(prefix):]
    return s


def as_store(data) -> ox.Store:
    """A pyoxigraph store for `data`: a pyoxigraph Store as it is, conflictkg's Store opened read-only, an
    rdflib Graph or N-Triples bytes loaded in memory."""
    if isinstance(data, ox.Store):
        return data
    if isinstance(data, Store):
        return data.open()
    store = ox.Store()
    if isinstance(data, Graph):
        data = data.serialize(format="nt", encoding="utf-8")
    store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


def with_ontology(data):
    """`data` with the ontology beside it. A built Store holds it already; a pyoxigraph store is the caller's
    to fill (it is never changed here)."""
    if isinstance(data, (Store, ox.Store)):
        return data
    if isinstance(data, Graph):
        return data + ontology.graph()
    return bytes(data) + b"\n" + ontology.ntriples()


def fill_classes(store: ox.Store, compiled: Compiled) -> dict[str, list[str]]:
    """Each class the queries name with its subclasses in the data (rdfs:subClassOf*), in one query."""
    if not compiled.classes:
        return {}
    values = " ".join(f"<{c}>" for c in compiled.classes)
    closure = {c: {c} for c in compiled.classes}
    for row in store.query(f"SELECT ?c ?sub WHERE {{ VALUES ?c {{ {values} }} ?sub <{RDFS.subClassOf}>+ ?c }}",
                           use_default_graph_as_union=True):
        closure[row["c"].value].add(row["sub"].value)
    return {c: sorted(s) for c, s in closure.items()}


def _query(q: str, classes: dict[str, list[str]]) -> str:
    q = re.sub(r"⟦([^⟧]*)⟧", lambda m: ", ".join(f"<{c}>" for c in classes[m.group(1)]), q)
    return re.sub(r"⟪([^⟫]*)⟫", lambda m: " ".join(f"<{c}>" for c in classes[m.group(1)]), q)


def _message(sub: Sub, row) -> str:
    if sub.component == "sparql" and sub.message:
        def fill(m):
            try:
                t = row[m.group(1)]
            except (KeyError, ValueError):
                return m.group(0)
            return t.value if t is not None else m.group(0)
        return re.sub(r"\{[?$](\w+)\}", fill, sub.message)
    if sub.component == "uniqueLang" and not sub.message:
        return f"More than one value with the language tag {row['_lang'].value}"
    return sub.message or f"Constraint sh:{sub.component} not satisfied"


def _violates(sub: Sub, row, v) -> bool:
    """A candidate row of `sub` is a result unless pyshacl's own rule (refine.py) lets it pass."""
    comp = sub.component
    if comp == "datatype":
        return not refine.datatype_ok(v, sub.arg)
    if comp == "pattern":
        return not refine.pattern_ok(v, sub.arg, sub.flags)
    if comp in ("lessThan", "lessThanOrEquals"):
        return not refine.less_ok(v, row["w"], comp == "lessThanOrEquals")
    return True


def component(name: str) -> str:
    """The IRI of a constraint component: "minCount" → sh:MinCountConstraintComponent."""
    if name == "sparql":
        return f"{SH}SPARQLConstraintComponent"
    return f"{SH}{name[0].upper()}{name[1:]}ConstraintComponent"


def _rows(store: ox.Store, check: Check, classes):
    """(focus node, row) for each row of the check: for a pre-bound SHACL-SPARQL query, the query once per
    focus node with $this written in."""
    res = store.query(_query(check.query, classes), use_default_graph_as_union=True)
    names = {v.value for v in res.variables}
    if check.prebind is None:
        return names, [(row["this"], row) for row in res]
    out = []
    for focus in [row["this"] for row in res]:
        if isinstance(focus, ox.BlankNode):
            raise Unsupported("SHACL-SPARQL with a blank node as focus node: $this cannot be written into "
                              "a query that needs pre-binding", fix="use pyshacl")
        found = store.query(_query(check.prebind, classes).replace("⟨THIS⟩", str(focus)),
                            use_default_graph_as_union=True)
        names = {v.value for v in found.variables}
        out += [(focus, row) for row in found]
    return names, out


def run_check(store: ox.Store, check: Check, classes, focus: set[str] | None) -> list[Result]:
    out = []
    shape = _short(check.shape)
    if check.probe is not None:
        found = store.query(_query(check.probe, classes), use_default_graph_as_union=True)
        if not any(focus is None or row["this"].value in focus for row in found):
            return out
    names, rows = _rows(store, check, classes)
    subs = [(f"b{i}", s) for i, s in enumerate(check.subs)] if check.subs else [(None, check.single)]
    for this, row in rows:
        if focus is not None and this.value not in focus:
            continue
        for col, sub in subs:
            if col is not None and row[col].value == "true":
                continue
            v = row[sub.value] if sub.value == "v" or (sub.value and sub.value in names) else None
            if sub.value == "this":
                v = this
            if not _violates(sub, row, v):
                continue
            path = sub.path
            if sub.component in ("sparql", "closed"):
                v = row["value"] if "value" in names and row["value"] is not None else None
                if sub.component == "closed":
                    v = row["v"]
                elif v is None and not sub.source.is_property:
                    v = this  # a node shape's SPARQL constraint without ?value: the focus node is the value
                if "path" in names and row["path"] is not None:
                    path = row["path"].value
            out.append(Result(focus=this.value, shape=shape, message=_message(sub, row), path=path,
                              value=v.value if v is not None else "", severity=severity_name(sub.severity),
                              focus_node=str(this), value_node=str(v) if v is not None else "",
                              source=sub.source.node.n3(), component=component(sub.component)))
    return out


def validate(data, *, focus: set[str] | None = None, compiled: Compiled | None = None) -> list[Result]:
    """Results of validating `data` (a pyoxigraph Store, an rdflib Graph or N-Triples bytes, holding the
    data and the ontology) against ontology/shapes.ttl or the `compiled` shapes, only for `focus` nodes
    when given."""
    compiled = compiled or compile_shapes()
    store = as_store(data)
    classes = fill_classes(store, compiled)
    results, seen = [], set()
    for check in compiled.checks:
        for r in run_check(store, check, classes, focus):
            if r not in seen:  # lessThan yields one row per pair, pyshacl one result per value
                seen.add(r)
                results.append(r)
    results.sort(key=lambda r: (r.focus, r.shape, r.path, r.message, r.value, r.focus_node, r.value_node,
                                r.source, r.component))
    return results
