"""Where conflictkg's data files live, and where the store goes."""
from __future__ import annotations

import os
from pathlib import Path

# The project's data (ontology, shapes, queries, seeds) sits beside src/ in the checkout.
ROOT = Path(os.environ.get("CONFLICTKG_HOME", Path(__file__).resolve().parents[2]))
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILES = (ONTOLOGY_DIR / "conflictkg.ttl", ONTOLOGY_DIR / "event-types.ttl")
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = ROOT / "queries"
QUALITY_DIR = QUERIES_DIR / "quality"
SEEDS_DIR = ROOT / "seeds"
MAPPINGS_DIR = ROOT / "mappings"


def default_store() -> Path:
    """$CONFLICTKG_STORE, else $XDG_DATA_HOME/conflictkg/store, else ~/.local/share/conflictkg/store."""
    if os.environ.get("CONFLICTKG_STORE"):
        return Path(os.environ["CONFLICTKG_STORE"])
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "conflictkg" / "store"
