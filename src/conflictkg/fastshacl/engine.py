"""Run the compiled checks on a pyoxigraph store and turn their rows into results like shacl.py's."""
from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDFS, SH

from . import refine
from .compile import Check, Compiled, compile_shapes

SHORT = ("https://w3id.org/conflictkg/shapes#", "https://w3id.org/conflictkg/ontology#")


def _short(node) -> str:
    s = str(node)
    for prefix in SHORT:
        if s.startswith(prefix):
            return s[len(prefix):]
    return s


def as_store(data) -> ox.Store:
    """A pyoxigraph store for `data`: a Store as it is, an rdflib Graph or N-Triples bytes loaded in memory."""
    if isinstance(data, ox.Store):
        return data
    store = ox.Store()
    if isinstance(data, Graph):
        data = data.serialize(format="nt", encoding="utf-8")
    store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


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


def _query(check: Check, classes: dict[str, list[str]]) -> str:
    q = re.sub(r"⟦([^⟧]*)⟧", lambda m: ", ".join(f"<{c}>" for c in classes[m.group(1)]), check.query)
    return re.sub(r"⟪([^⟫]*)⟫", lambda m: " ".join(f"<{c}>" for c in classes[m.group(1)]), q)


def _message(check: Check, row) -> str:
    if check.component == "sparql" and check.message:
        def sub(m):
            try:
                t = row[m.group(1)]
            except (KeyError, ValueError):
                return m.group(0)
            return t.value if t is not None else m.group(0)
        return re.sub(r"\{[?$](\w+)\}", sub, check.message)
    return check.message or f"Constraint sh:{check.component} not satisfied"


def run_check(store: ox.Store, check: Check, classes, focus: set[str] | None) -> list[dict]:
    out = []
    shape, severity = _short(check.shape), _short(check.severity).rsplit("#", 1)[-1]
    comp = check.component
    res = store.query(_query(check, classes), use_default_graph_as_union=True)
    names = {v.value for v in res.variables}
    for row in res:
        this = row["this"].value
        if focus is not None and this not in focus:
            continue
        v = row["v"] if "v" in names else None
        if comp == "datatype" and refine.datatype_ok(v, check.arg):
            continue
        if comp == "pattern" and refine.pattern_ok(v, check.arg, check.flags):
            continue
        if comp in ("lessThan", "lessThanOrEquals") and refine.less_ok(v, row["w"], comp == "lessThanOrEquals"):
            continue
        path = check.path
        if comp == "sparql":
            v = row["value"] if "value" in names else None
            if "path" in names and row["path"] is not None:
                path = row["path"].value
        out.append({"focus": this, "shape": shape, "message": _message(check, row), "path": path,
                    "value": v.value if v is not None else "", "severity": severity})
    return out


def validate(data, *, focus: set[str] | None = None, compiled: Compiled | None = None) -> list[dict]:
    """Results of validating `data` (a pyoxigraph Store, an rdflib Graph or N-Triples bytes, holding the
    data and the ontology) against ontology/shapes.ttl, only for `focus` nodes when given."""
    compiled = compiled or compile_shapes()
    store = as_store(data)
    classes = fill_classes(store, compiled)
    results, seen = [], set()
    for check in compiled.checks:
        for r in run_check(store, check, classes, focus):
            key = tuple(r.values())
            if key not in seen:  # lessThan yields one row per pair, pyshacl one result per value
                seen.add(key)
                results.append(r)
    results.sort(key=lambda r: (r["focus"], r["shape"], r["path"], r["message"], r["value"]))
    return results
