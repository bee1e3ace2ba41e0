"""Counts of what the knowledge graph holds, per class and per article."""
from __future__ import annotations

from conflictkg.store import Store
from conflictkg.store.queries import rows as _rows


def per_class(store: Store) -> list[tuple[str, int]]:
    return [(r["class"].rsplit("#", 1)[-1], int(r["count"])) for r in _rows(store, "stats-classes")]


def per_article(store: Store) -> list[dict]:
    out = []
    for r in _rows(store, "stats-articles"):
        out.append({"article": r["article"].rsplit("/", 1)[-1],
                    **{k: int(r[k]) for k in ("events", "tallies", "actors", "places", "patterns_left_out",
                                                  "anticipated_left_out")}})
    return out


def totals(store: Store) -> dict[str, int]:
    """Distinct events, tallies, actors and places in the whole graph (with their subclasses). Events are
    specific and background events; PatternStatement and AnticipatedEvent count the statements left out."""
    return {r["top"].rsplit("#", 1)[-1]: int(r["n"]) for r in _rows(store, "stats-totals")}
