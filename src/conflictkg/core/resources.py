"""Where conflictkg's data files live, and where the store goes.

The ontology, shapes, queries, lexicon, mappings and the demo corpus (the seeds) are package data under
conflictkg/resources/, found with importlib.resources, so an installed wheel carries and finds them. The
checkout's top-level ontology/, queries/ and seeds/ are symlinks to the same files.
"""
from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path


def _resources() -> Path:
    root = files("conflictkg") / "resources"
    if not isinstance(root, Path):  # a zipped install: our readers need real files (RocksDB, pyshacl, glob)
        raise RuntimeError("conflictkg must be installed as files, not run from a zip archive")
    return root


RESOURCES = _resources()
ONTOLOGY_DIR = RESOURCES / "ontology"
ONTOLOGY_FILES = (ONTOLOGY_DIR / "conflictkg.ttl", ONTOLOGY_DIR / "event-types.ttl")
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = RESOURCES / "queries"
QUALITY_DIR = QUERIES_DIR / "quality"
SEEDS_DIR = RESOURCES / "seeds"
MAPPINGS_DIR = RESOURCES / "mappings"
LEXICON_DIR = RESOURCES / "lexicon"


def default_store() -> Path:
    """$CONFLICTKG_STORE, else $XDG_DATA_HOME/conflictkg/store, else ~/.local/share/conflictkg/store."""
    if os.environ.get("CONFLICTKG_STORE"):
        return Path(os.environ["CONFLICTKG_STORE"])
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "conflictkg" / "store"
