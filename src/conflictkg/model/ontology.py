"""Reading the ontology and other RDF files, with syntax errors reported by line."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from conflictkg.core import ns, rdflimits
from conflictkg.core.errors import InputError
from conflictkg.core.resources import ONTOLOGY_FILES

FORMATS = {".ttl": "turtle", ".nt": "nt", ".n3": "n3", ".jsonld": "json-ld", ".json": "json-ld",
           ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".trig": "trig", ".nq": "nquads"}


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse an RDF file by its extension. Syntax errors become InputError with the line number. The file is
    first checked against core.rdflimits (no XML entities, bounded lists and nesting, no JSON-LD @context
    from outside the file), so that a small hostile file cannot take minutes, gigabytes or a network request."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unknown RDF file type '{path.suffix}'", file=str(path),
                         fix=f"use one of {', '.join(sorted(FORMATS))}")
    graph = graph if graph is not None else Graph()
    try:
        rdflimits.check(path, fmt)  # raises InputError itself
        graph.parse(path, format=fmt)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError("file not found", file=str(path)) from None
    except Exception as e:  # rdflib raises many parser-specific types
        msg = str(e)
        m = re.search(r"line (\d+)", msg) or re.search(r":(\d+):\d+", msg)
        raise InputError(f"{fmt} syntax error: {msg.strip().splitlines()[-1][:300]}", file=str(path),
                         line=int(m[1]) if m else None, fix="correct the syntax at that line") from None
    return graph


@lru_cache(maxsize=1)
def _graph() -> Graph:
    g = Graph()
    ns.bind(g)
    for f in ONTOLOGY_FILES:
        parse_file(f, g)
    return g


def graph() -> Graph:
    """The ontology with its event-type scheme (a copy: callers may add to it)."""
    g = Graph()
    ns.bind(g)
    for t in _graph():
        g.add(t)
    return g


@lru_cache(maxsize=1)
def ntriples() -> bytes:
    """The ontology as N-Triples, for loading beside data in pyoxigraph."""
    return _graph().serialize(format="nt", encoding="utf-8")
