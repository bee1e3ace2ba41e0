"""What a query may make the server fetch: SERVICE (and, in an update, LOAD) are off unless the server was
started with --allow-service.

The decision is taken on the query as parsed by rdflib's SPARQL parser, not on its text: a comment, a `#`
inside an IRI or a string cannot hide a SERVICE clause from it. Only a text holding the letters of the
keyword (in any case) can contain one, so other queries skip the parse; a text that holds them but that
rdflib cannot parse (it lacks some of Oxigraph's extensions) is refused while the policy is on, as it
cannot be checked.
"""
from __future__ import annotations

import functools
import re

from pyparsing import ParseException

KEYWORDS = {"query": re.compile(r"service", re.IGNORECASE), "update": re.compile(r"service|load", re.IGNORECASE)}
OUTBOUND = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}
MAX_CHECKED = 1024 * 1024  # characters of a query that mentions SERVICE that the parser is given


class ServiceRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _walk(node):
    """Every parse-tree node below `node` (rdflib's CompValue are dicts, ParseResults and lists sequences)."""
    yield node
    if isinstance(node, dict):
        children = node.values()
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        children = node
    else:
        return
    for child in children:
        yield from _walk(child)


@functools.lru_cache(maxsize=512)
def outbound(op: str, text: str) -> str | None:
    """The first clause of the parsed query (op "query") or update (op "update") that would fetch from the
    network, "SERVICE" or "LOAD", or None when there is none. Raises ValueError when the text mentions one
    but cannot be parsed."""
    if not KEYWORDS[op].search(text):
        return None
    if len(text) > MAX_CHECKED:
        raise ValueError(f"it mentions SERVICE or LOAD and is over {MAX_CHECKED} characters")
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = (parseQuery if op == "query" else parseUpdate)(text)
    except (ParseException, ValueError, TypeError, RecursionError) as e:
        raise ValueError(f"rdflib's SPARQL parser cannot read it ({str(e).splitlines()[0][:200]})") from None
    for node in _walk(tree):
        name = getattr(node, "name", None)
        if name in OUTBOUND:
            return OUTBOUND[name]
    return None


def check(op: str, text: str, allow_service: bool) -> None:
    """Raise ServiceRefused (403) if the query or update would make the server fetch from the network and the
    server does not allow it."""
    if allow_service:
        return
    try:
        found = outbound(op, text)
    except ValueError as e:
        raise ServiceRefused(403, f"SERVICE and LOAD are off on this server (--allow-service), and this {op} cannot "
                           f"be checked for them: {e}") from None
    if found:
        raise ServiceRefused(403, f"{found} is off on this server: it would make the server fetch from the network "
                           "(start it with --allow-service to allow federated queries)")
