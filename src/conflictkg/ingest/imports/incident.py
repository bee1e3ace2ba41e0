"""One row of a dataset, read and checked: the dataset-neutral shape that becomes RDF."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dataset import Dataset


@dataclass
class Incident:
    dataset: Dataset             # the dataset the row was read from
    record_id: str
    line: int
    cls: str                     # ontology class (local name)
    source_type: str             # the dataset's own type: an acled: or ucdp: concept IRI
    earliest: dt.date
    latest: dt.date
    precision: str               # day | range
    side1: list[str] = field(default_factory=list)   # actor names: perpetrators
    side2: list[str] = field(default_factory=list)   # actor names: targets
    roles: tuple[str, str] = ("perpetrator", "target")
    kind1: str = ""              # ACLED inter code or label of side 1, for actors no mapping names
    kind2: str = ""
    admin: list[str] = field(default_factory=list)   # admin1, admin2, admin3 names (may be empty strings)
    location: str = ""
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    killed: int | None = None
    killed_low: int | None = None
    killed_high: int | None = None
    killed_best: int | None = None
    summary: str = ""
    sources: str = ""
    country: str = ""
    source_values: dict[str, str] = field(default_factory=dict)  # the row as the file wrote it, column → value
