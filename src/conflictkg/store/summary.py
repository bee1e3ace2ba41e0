"""Answers kept per generation: the rows of the named queries, computed once per generation.

An aggregate (killed per governorate, attacks per perpetrator, counts per article and class) walks every
event, and a listing (timeline, claims by source, events near a place …) reads and sorts every event before
the engine can cut a page of it: at 100,000 events either takes seconds each time, whatever the page. So each
answer is computed once per generation, whole, and its rows are kept in their order in a side table beside the
generation, `gen-<sha>.kept.sqlite`; a page is then read by row number.

Who pays: the writer that publishes a generation (a build, the end of an import or an ingest, any writer's
last commit) computes the aggregates (AT_WRITE), which every `stats` and report reads. A listing is kept the
first time it is asked of a generation (`answer`): that ask costs what the query costs, every later page of
it costs milliseconds. A writer does not pay for listings nobody reads: at 100,000 events they take minutes
(docs/benchmarks.md), and an ingest of one article would pay them each time.

An answer is kept under the SPARQL text that computed it (its SHA-256), so a query is answered from the
table only when the very text it would run was run on this very generation: exact by construction, for any
parameters the table holds (every named query's defaults, and the sets in EXTRA). Any other text is answered
by the query itself. Each answer is added in one SQLite transaction: a reader sees all of it or none.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from conflictkg.core import memory

from .solutions import strings

# Every named query is kept with its defaults (at its first ask, or by the writer for AT_WRITE); these
# parameter sets are kept besides.
EXTRA: dict[str, tuple[dict[str, str], ...]] = {
    "patterns": ({"statement": "anticipated"}, {"statement": "background"}),
}
# computed by every writer: the answers `stats` and the reports read, a few hundred rows each
AT_WRITE = ("attacks-by-perpetrator", "casualties-by-governorate", "stats-articles", "stats-classes",
            "stats-totals")
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
        columns, solutions = strings(result)
        rows = list(solutions)
        del result, solutions
        memory.release()  # the query's working memory (hundreds of MB at 400k events) back to the system
        yield name, sparql, columns, rows


def add(generation: Path, answers: Iterable[tuple[str, str, list[str], list[list]]]) -> None:
    """Keep `answers` beside the generation, each whole or not at all (one transaction each); an answer kept
    already (by another reader at the same time) stays as it is."""
    con = sqlite3.connect(path_of(generation), timeout=60)
    try:
        con.executescript("""
            CREATE TABLE IF NOT EXISTS meta (format INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, name TEXT NOT NULL, columns TEXT NOT NULL,
                                                count INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS rows (key TEXT NOT NULL, n INTEGER NOT NULL, row TEXT NOT NULL,
                                             PRIMARY KEY (key, n)) WITHOUT ROWID;""")
        with con:
            if con.execute("SELECT format FROM meta").fetchone() is None:
                con.execute("INSERT INTO meta VALUES (?)", (FORMAT,))
        if con.execute("SELECT format FROM meta").fetchone() != (FORMAT,):
            return  # a table of another format: read() ignores it, and it goes with its generation
        for name, sparql, columns, rows in answers:
            k = key(sparql)
            with con:
                con.execute("BEGIN IMMEDIATE")
                if con.execute("SELECT 1 FROM answers WHERE key = ?", (k,)).fetchone():
                    continue
                con.execute("INSERT INTO answers VALUES (?, ?, ?, ?)", (k, name, json.dumps(columns), len(rows)))
                con.executemany("INSERT INTO rows VALUES (?, ?, ?)",
                                ((k, n, json.dumps(r, ensure_ascii=False)) for n, r in enumerate(rows)))
    finally:
        con.close()


def held(generation: Path) -> set[str]:
    """The keys of the answers kept for `generation`."""
    if not path_of(generation).is_file():
        return set()
    try:
        con = sqlite3.connect(f"file:{path_of(generation)}?mode=ro", uri=True)
        try:
            return {k for (k,) in con.execute("SELECT key FROM answers")}
        finally:
            con.close()
    except sqlite3.Error:
        return set()


def at_write() -> list[tuple[str, str]]:
    """(name, SPARQL) of the writer's answers: AT_WRITE, with their defaults, and the keys and groups of the
    listings' page texts that their first pages read (first.kept_texts)."""
    from . import first  # which reads kept answers through this module
    from .queries import kept_texts  # likewise

    return [(n, t) for n, t in kept_texts() if n in AT_WRITE] + first.kept_texts()


def missing(generation: Path) -> list[tuple[str, str]]:
    """The writer's answers (at_write) that `generation` lacks."""
    have = held(generation)
    return [(n, t) for n, t in at_write() if key(t) not in have]


def keep(db: ox.Store, generation: Path) -> None:
    """Keep the writer's answers for `generation`, whose content `db` holds, that it lacks."""
    todo = missing(generation)
    if todo:  # else not one file touched
        add(generation, compute(db, todo))


def answer(snapshot, name: str, sparql: str, limit: int | None, offset: int
           ) -> tuple[list[str], list[dict], int]:
    """Compute a kept query's answer whole on the snapshot's generation, keep it there (when the store's folder
    can be written) and give its page, as read() does."""
    columns, rows = snapshot.select(sparql)
    try:
        add(snapshot.current(), [(name, sparql, columns, [[r[c] for c in columns] for r in rows])])
    except (OSError, sqlite3.Error):
        pass  # a store this user may only read: the answer is still right, only not kept
    end = len(rows) if limit is None else offset + limit
    return columns, rows[offset:end], len(rows)


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
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
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
