"""Run the compiled checks on a pyoxigraph store and turn their rows into results like pySHACL's."""
from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDFS

from conflictkg.model import ontology
from conflictkg.store import Store

from ..report import Result
from . import refine
from .compile import Check, Compiled, Sub, compile_shapes

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


def run_check(store: ox.Store, check: Check, classes, focus: set[str] | None) -> list[Result]:
    out = []
    shape = _short(check.shape)
    if check.probe is not None:
        found = store.query(_query(check.probe, classes), use_default_graph_as_union=True)
        if not any(focus is None or row["this"].value in focus for row in found):
            return out
    res = store.query(_query(check.query, classes), use_default_graph_as_union=True)
    names = {v.value for v in res.variables}
    subs = [(f"b{i}", s) for i, s in enumerate(check.subs)] if check.subs else [(None, check.single)]
    for row in res:
        this = row["this"]
        if focus is not None and this.value not in focus:
            continue
        for col, sub in subs:
            if col is not None and row[col].value == "true":
                continue
            v = row[sub.value] if sub.value else None
            if not _violates(sub, row, v):
                continue
            path = sub.path
            if sub.component == "sparql":
                v = row["value"] if "value" in names else None
                if "path" in names and row["path"] is not None:
                    path = row["path"].value
            out.append(Result(focus=this.value, shape=shape, message=_message(sub, row), path=path,
                              value=v.value if v is not None else "",
                              severity=_short(sub.severity).rsplit("#", 1)[-1]))
    return out


def validate(data, *, focus: set[str] | None = None, compiled: Compiled | None = None) -> list[Result]:
    """Results of validating `data` (a pyoxigraph Store, an rdflib Graph or N-Triples bytes, holding the
    data and the ontology) against ontology/shapes.ttl, only for `focus` nodes when given."""
    compiled = compiled or compile_shapes()
    store = as_store(data)
    classes = fill_classes(store, compiled)
    results, seen = [], set()
    for check in compiled.checks:
        for r in run_check(store, check, classes, focus):
            if r not in seen:  # lessThan yields one row per pair, pyshacl one result per value
                seen.add(r)
                results.append(r)
    results.sort(key=lambda r: (r.focus, r.shape, r.path, r.message, r.value))
    return results
