"""What one coded dataset brings to an import: its name, its columns, its IRIs and how a row becomes an Incident.

Each dataset is a subclass (acled.Acled, ucdp.Ucdp); the importer and the RDF writer only ask it questions,
so they never branch on the dataset's name.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from functools import cached_property
from typing import TYPE_CHECKING

from conflictkg.core.ns import GRAPH_IMPORTS
from conflictkg.store import ntriples as nt

if TYPE_CHECKING:
    from .incident import Incident
    from .mapping import Mappings


class Dataset(ABC):
    name: str                  # as given on the command line, and the last part of its IRIs: "acled"
    layout: str                # in messages about its columns: "ACLED"
    title: str                 # the rdfs:label of its ckg:Dataset node
    required: tuple[str, ...]  # columns a file must have; others are ignored
    id_column: str             # the column of the record id, named when two rows share one
    actor_mappings: str        # its file of mappings/ that lines its actor names up with ours
    numeric: tuple[str, ...] = ()  # columns of numbers: kept as they are in the rejected-rows CSV (-12.5)

    @cached_property
    def graph(self) -> str:
        """The named graph its rows are imported into."""
        return GRAPH_IMPORTS + self.name

    @cached_property
    def iri(self) -> str:
        """Its ckg:Dataset node, which source records and imported entities point to."""
        return nt.mint("dataset", self.name)

    @cached_property
    def reporter(self) -> str:
        """The actor (of the seeds) that reports its events."""
        return nt.mint("actor", self.name)

    def mint(self, kind: str, *parts: str) -> str:
        """An IRI in the dataset's own namespace: …/id/KIND/NAME/PARTS."""
        return nt.mint(kind, self.name, *parts)

    @abstractmethod
    def parse(self, values: dict[str, str], line: int, maps: Mappings) -> Incident:
        """A checked Incident from one row. Raises checks.FieldError for the first bad field."""

    def __repr__(self) -> str:
        return f"<Dataset {self.name}>"
