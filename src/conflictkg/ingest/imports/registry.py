"""The datasets an import can read, by the name the command line gives."""
from __future__ import annotations

from conflictkg.core.errors import ConflictKGError

from .acled import Acled
from .dataset import Dataset
from .ucdp import Ucdp

DATASETS: dict[str, Dataset] = {d.name: d for d in (Acled(), Ucdp())}


def find(dataset: str | Dataset) -> Dataset:
    """The Dataset of a name ("acled"); a Dataset is returned as it is."""
    if isinstance(dataset, Dataset):
        return dataset
    if dataset not in DATASETS:
        raise ConflictKGError(f"unknown dataset '{dataset}'", fix=f"use one of {', '.join(DATASETS)}")
    return DATASETS[dataset]
