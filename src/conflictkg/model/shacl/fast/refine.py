"""Python checks for candidates a query returns: the few rules where pyshacl's behaviour (rdflib literal
parsing, Python's re, Python comparison) is not SPARQL's. Each function mirrors pyshacl 0.40's code."""
from __future__ import annotations

import logging
import re
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

_log = logging.getLogger("rdflib.term")


def to_rdflib(t):
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    if t.datatype.value == str(XSD.string):
        return Literal(t.value)
    level = _log.level
    _log.setLevel(logging.ERROR)  # rdflib logs every ill-typed literal it parses
    try:
        return Literal(t.value, datatype=URIRef(t.datatype.value))
    finally:
        _log.setLevel(level)


_TYPES = {XSD.integer: int, XSD.float: float, XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date,
          XSD.time: time, XSD.dateTime: datetime}


def datatype_ok(v, rule) -> bool:
    """pyshacl's DatatypeConstraintComponent for one value."""
    v = to_rdflib(v)
    if not isinstance(v, Literal):
        return False
    if v.datatype == rule:
        if getattr(v, "ill_typed", None) is True:
            return False
        if rule in (XSD.string, RDF.langString):
            return isinstance(v.value, (str, bytes))
        return isinstance(v.value, _TYPES[rule]) if rule in _TYPES else True
    if v.datatype is None and v.language is None and rule == XSD.string:
        return True
    if rule == RDF.langString and v.language:
        return True
    return False


_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def pattern_ok(v, pattern, flags: str) -> bool:
    if isinstance(v, ox.BlankNode):
        return False
    f = 0
    for ch in flags:
        f |= _FLAGS.get(ch, 0)
    return re.compile(str(pattern), f).search(v.value) is not None


def _comparable(t):
    n = to_rdflib(t)
    if isinstance(n, URIRef):
        return str(n), True
    if isinstance(n, Literal) and isinstance(n.value, str):
        return n.value, True
    return n, False


def less_ok(v, w, or_equal: bool) -> bool:
    """pyshacl's sh:lessThan / sh:lessThanOrEquals for one pair of values."""
    a, a_str = _comparable(v)
    b, b_str = _comparable(w)
    if a_str != b_str:
        return False
    try:
        return bool(a <= b) if or_equal else bool(a < b)
    except TypeError:
        return False
