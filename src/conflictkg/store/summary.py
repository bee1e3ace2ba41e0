"""Summaries kept at write time: the rows of the aggregate queries, computed once per generation.

An aggregate (killed per governorate, attacks per perpetrator, counts per article, class and top class) walks
every event. At 100,000 events that takes seconds each time. So the writer that publishes a generation (a
build, the end of an import or an ingest, any writer's last commit) runs those queries once on what it
publishes and keeps their rows in a side table beside the generation, `gen-<sha>.summary.json`. A query
answers from it only when it was made for the live generation: a generation published without one (an
import's batches before the last) is answered by the query itself, so an answer is never stale.

The table is a JSON file, not a named graph, for two reasons measured in docs/benchmarks.md: it is read in
about a millisecond, and a graph would be carried by every export, push and count of the store's triples.
The query files stay the full computation, which any SPARQL client runs as it is.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

# the named queries kept as summaries: each has no parameters and answers a few hundred rows at most
SUMMARISED = ("attacks-by-perpetrator", "casualties-by-governorate", "stats-articles", "stats-classes",
              "stats-totals")
FORMAT = 1


def path_of(generation: Path) -> Path:
    return generation.with_name(generation.name + ".summary.json")


def compute(db: ox.Store, text) -> dict:
    """The rows of every summarised query on `db`; `text(name)` gives a query's SPARQL."""
    out = {}
    for name in SUMMARISED:
        result = db.query(text(name), use_default_graph_as_union=True)
        columns = [v.value for v in result.variables]
        out[name] = {"columns": columns,
                     "rows": [{c: (None if sol[c] is None else sol[c].value) for c in columns} for sol in result]}
    return {"format": FORMAT, "queries": out}


def write(generation: Path, table: dict) -> None:
    """Keep `table` beside the generation, written whole or not at all."""
    target = path_of(generation)
    tmp = target.with_name("." + target.name + ".tmp")
    tmp.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    tmp.replace(target)


def read(generation: Path | None, name: str) -> tuple[list[str], list[dict]] | None:
    """The kept rows of `name` for this generation, or None when there are none (not summarised, or no
    table made for this generation)."""
    if generation is None or name not in SUMMARISED:
        return None
    try:
        table = json.loads(path_of(generation).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entry = table.get("queries", {}).get(name) if table.get("format") == FORMAT else None
    return (entry["columns"], entry["rows"]) if entry else None
