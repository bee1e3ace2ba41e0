"""The shapes graph (ontology/shapes.ttl), read once."""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from conflictkg.core.resources import SHAPES_FILE
from conflictkg.model import ontology


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return ontology.parse_file(SHAPES_FILE)
