"""Pages of a query's rows: the library asks for one row more than the page, so it knows whether more follow.

The query files stay as they are (any SPARQL client runs them whole); `LIMIT` and `OFFSET` are added to the
text sent to the engine. A page is a slice of the query's own `ORDER BY`, which names a key that is unique
per row, so pages neither overlap nor skip rows (tests/store/test_paging.py checks it for every listing).
"""
from __future__ import annotations

import re

DEFAULT_LIMIT = 100

# a LIMIT or OFFSET written at the end of a query, after its last closing brace
_OWN = re.compile(r"\}[^{}]*\b(LIMIT|OFFSET)\s+\d+[^{}]*$", re.IGNORECASE)


def own_limit(blanked: str) -> bool:
    """Whether a query (its text with comments, strings and IRIs blanked) sets its own LIMIT or OFFSET."""
    return _OWN.search(blanked) is not None


def paged(sparql: str, blanked: str, limit: int | None, offset: int) -> tuple[str, bool]:
    """The query text asking for rows offset … offset+limit (and one more, to tell whether more follow), and
    whether it was paged. A query with its own LIMIT or OFFSET runs as written; so does `limit` None from
    offset 0 (every row)."""
    if own_limit(blanked) or (limit is None and offset == 0):
        return sparql, False
    # on lines of their own: a comment on the query's last line would swallow them
    tail = (f"\nLIMIT {limit + 1}" if limit is not None else "") + (f"\nOFFSET {offset}" if offset else "")
    return sparql.rstrip() + tail + "\n", True
