"""The first ask of a kept query (a named query with its defaults) on a generation: a page near the start of a
listing from its page text (paging.first_rows), else the query's whole answer, computed and kept (summary.answer).

Every query of one ask runs on one generation, opened once: the page text's cut, its undated rows and its
page (a writer publishing between them would otherwise mix two generations' rows), and the RocksDB files
are opened, and their blocks read, once instead of once per query (about 10 ms each at 100,000 events).
"""
from __future__ import annotations

from typing import Callable

from . import paging, summary
from .generations import Snapshot, Store


def answer(store: Store, name: str, sparql: str, limit: int | None, offset: int, text: Callable[[str], str]):
    """The page (columns, rows, count as summary.read gives it: the count only tells whether more follow) of
    the kept query `name` whose bound text is `sparql`; `text` reads a packaged query ("page/NAME")."""
    snap, own = reader(store)
    try:
        return (summary.read(snap.current(), sparql, limit, offset)
                or first_rows(kept_select(snap), name, limit, offset, text)
                or summary.answer(snap, name, sparql, limit, offset))
    finally:
        if own:
            snap.release()


def reader(store: Store) -> tuple[Store, bool]:
    """The store as one leased, opened generation (a Snapshot) and whether it was taken here; the store itself
    when it is one already, or when no lease can be written (a store this user may only read)."""
    if isinstance(store, Snapshot):
        return store, False
    try:
        return store.snapshot(), True
    except OSError:
        return store, False


def kept_select(store: Store) -> Callable:
    """store.select, answering the texts whose answers are kept for the store's generation (kept_texts) from
    the table (summary.read: the very text, run on this very generation)."""
    generation = store.current()
    held = summary.held(generation) if generation is not None else set()

    def select(sparql: str) -> tuple[list[str], list[dict]]:
        got = summary.read(generation, sparql) if summary.key(sparql) in held else None
        return (got[0], got[1]) if got is not None else store.select(sparql)
    return select


def kept_texts() -> list[tuple[str, str]]:
    """(name, SPARQL) of what every writer keeps for the page texts besides the aggregates (summary.at_write):
    each one's smallest keys and their items (paging.cuts_query), its groups (paging.groups_query) and its
    items with no key (paging.undated_query): each a pass over every event's date or class (tens to hundreds
    of milliseconds at 100,000 events), which a first page then reads from the table in a millisecond."""
    from .queries import text  # which reads first answers through this module

    out: dict[str, str] = {}
    for name in paging.PAGED:
        page = text(f"page/{name}")
        for sparql in (paging.cuts_query(page), paging.groups_query(page), paging.undated_query(page)):
            if sparql is not None:
                out.setdefault(sparql, f"page/{name}")
    return [(name, sparql) for sparql, name in out.items()]


def first_rows(select: Callable, name: str, limit: int | None, offset: int, text: Callable[[str], str]):
    """A page near the start of a listing with its defaults, from its page text (queries/page/NAME.rq, see
    paging.first_rows); None when the listing has no page text, the page is not near the start, or the page
    text gave too few rows."""
    if limit is None or name not in paging.PAGED or not paging.near_start(limit, offset):
        return None
    got = paging.first_rows(select, text(f"page/{name}"), limit, offset)
    if got is None:
        return None
    columns, rows_ = got
    return columns, rows_[offset:offset + limit], len(rows_)  # more follow when there are rows past the page
