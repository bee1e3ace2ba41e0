"""A batch of incidents as triples, knowing which row each node comes from: what SHACL blames is a row."""
from __future__ import annotations

from typing import Iterable, Iterator, TypeVar

from conflictkg.store import ntriples as nt

from . import triples
from .entities import EntityMatcher
from .incident import Incident

T = TypeVar("T")


def chunks(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    """`rows` in lists of `size`, the last one shorter: batches read as a stream."""
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Batch:
    """Triples of a batch of incidents, and which row each node comes from."""

    def __init__(self, incidents: list[Incident], matcher: EntityMatcher, source: str, first: bool):
        self.incidents = incidents
        self.out = nt.Lines()
        self.origin: dict[str, Incident] = {}
        matcher.start_batch()
        if first:
            triples.dataset_triples(matcher, self.out)
        for inc in incidents:
            before = len(matcher.created)
            triples.incident(inc, matcher, source, self.out)
            for s in triples.subjects(inc.dataset, inc.record_id) + matcher.created[before:]:
                self.origin[s] = inc
        self.created = list(matcher.created)
        # the nodes this batch creates; English names it adds to existing entities cannot break a shape
        known, created = matcher.known, set(self.created)
        self.focus = {s for s in {line[1:line.index(">")] for line in self.out.lines}
                      if s not in known or s in created}

    def row_of(self, focus: str) -> Incident | None:
        node = focus
        while node and node not in self.origin:
            node = node.rpartition("/")[0]  # e.g. a geometry or count node under its parent's IRI
        return self.origin.get(node)
