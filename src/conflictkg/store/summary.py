"""Answers kept at write time: the rows of the named queries, computed once per generation.

An aggregate (killed per governorate, attacks per perpetrator, counts per article and class) walks every
event, and a listing (timeline, claims by source, events near a place …) reads and sorts every event before
the engine can cut a page of it: at 100,000 events either takes seconds each time, whatever the page. So
the writer that publishes a generation (a build, the end of an import or an ingest, any writer's last
commit) runs every named query once, whole, on what it publishes (the slow ones are the point; the rest cost
it milliseconds, and one rule is simpler), and keeps their rows in their order in a side table beside the
generation, `gen-<sha>.kept.sqlite`. A page is then read by row number.

An answer is kept under the SPARQL text that computed it (its SHA-256), so a query is answered from the
table only when the very text it would run was run on this very generation: exact by construction, for any
parameters the table holds (every named query's defaults, and the sets in EXTRA). Any other text, and any
generation published without a table (an import's batches before the last, an update through `serve --writable`
before its table is made), is answered by the query itself, so an answer is never stale. The query files
stay the full computation, which any SPARQL client runs as it is.

The table is SQLite (the standard library's), written to a temporary file and moved into place, so a
reader sees all of it or none. Measured in docs/benchmarks.md.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox

# Every named query is kept with its defaults (the slow ones take seconds at 100,000 events, the rest
# milliseconds, so one rule for all costs the writer little more); these parameter sets are kept besides.
EXTRA: dict[str, tuple[dict[str, str], ...]] = {
    "patterns": ({"statement": "anticipated"}, {"statement": "background"}),
}
FORMAT = 2
SUFFIX = ".kept.sqlite"


def path_of(generation: Path) -> Path:
    return generation.with_name(generation.name + SUFFIX)


def key(sparql: str) -> str:
    return hashlib.sha256(sparql.encode("utf-8")).hexdigest()


def compute(db: ox.Store, texts: Iterable[tuple[str, str]]) -> Iterable[tuple[str, str, list[str], list[list]]]:
    """(name, SPARQL, columns, rows as lists of strings or None) of each query in `texts` run whole on `db`."""
    for name, sparql in texts:
        result = db.query(sparql, use_default_graph_as_union=True)
        columns = [v.value for v in result.variables]
        yield name, sparql, columns, [[None if sol[c] is None else sol[c].value for c in columns] for sol in result]


def write(generation: Path, answers: Iterable[tuple[str, str, list[str], list[list]]]) -> None:
    """Keep `answers` beside the generation, written whole or not at all."""
    target = path_of(generation)
    # not ".gen-….tmp", which a reader's tidy() removes as a killed writer's: a table may be made outside the
    # store's lock (serve --writable); pruning removes it with its generation
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE meta (format INTEGER NOT NULL);
            CREATE TABLE answers (key TEXT PRIMARY KEY, name TEXT NOT NULL, columns TEXT NOT NULL,
                                  count INTEGER NOT NULL);
            CREATE TABLE rows (key TEXT NOT NULL, n INTEGER NOT NULL, row TEXT NOT NULL,
                               PRIMARY KEY (key, n)) WITHOUT ROWID;""")
        con.execute("INSERT INTO meta VALUES (?)", (FORMAT,))
        for name, sparql, columns, rows in answers:
            k = key(sparql)
            con.execute("INSERT INTO answers VALUES (?, ?, ?, ?)", (k, name, json.dumps(columns), len(rows)))
            con.executemany("INSERT INTO rows VALUES (?, ?, ?)",
                            ((k, n, json.dumps(r, ensure_ascii=False)) for n, r in enumerate(rows)))
        con.commit()
    finally:
        con.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    tmp.replace(target)


def make(db: ox.Store, generation: Path, texts: Callable[[], list[tuple[str, str]]]) -> None:
    """Keep the answers of `generation`, whose content `db` holds, unless it has them already; `texts()`
    gives the (name, SPARQL) of every kept query."""
    if not path_of(generation).exists():
        write(generation, compute(db, texts()))


def keep(db: ox.Store, generation: Path) -> None:
    """Keep the answers of every kept query (queries.kept) for `generation`, whose content `db` holds, unless it has
    them already."""
    from .queries import kept_texts  # queries reads kept answers through this module

    make(db, generation, kept_texts)


def read(generation: Path | None, sparql: str, limit: int | None = None, offset: int = 0
         ) -> tuple[list[str], list[dict], int] | None:
    """Rows offset … offset+limit (None: to the end) of the answer kept for this SPARQL text on this
    generation, with its columns and its whole count; None when there is none (not kept, or no table made for
    this generation)."""
    if generation is None:
        return None
    path = path_of(generation)
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return None
    try:
        if con.execute("SELECT format FROM meta").fetchone() != (FORMAT,):
            return None
        k = key(sparql)
        found = con.execute("SELECT columns, count FROM answers WHERE key = ?", (k,)).fetchone()
        if found is None:
            return None
        columns, count = json.loads(found[0]), found[1]
        end = count if limit is None else offset + limit
        cur = con.execute("SELECT row FROM rows WHERE key = ? AND n >= ? AND n < ? ORDER BY n", (k, offset, end))
        return columns, [dict(zip(columns, json.loads(r))) for (r,) in cur], count
    except sqlite3.Error:  # no table file (sqlite opens nothing until asked), or not one of ours
        return None
    finally:
        con.close()
