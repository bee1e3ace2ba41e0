"""A SELECT's answer as plain strings, read as the engine gives it (never held whole here)."""
from __future__ import annotations

from typing import Iterator

import pyoxigraph as ox


def strings(result: ox.QuerySolutions) -> tuple[list[str], Iterator[list[str | None]]]:
    """The column names, and each row as its values' strings in column order (None where unbound)."""
    columns = [v.value for v in result.variables]
    return columns, ([None if s[c] is None else s[c].value for c in columns] for s in result)


def records(result: ox.QuerySolutions) -> tuple[list[str], Iterator[dict[str, str | None]]]:
    """The column names, and each row as a dict of its values' strings (None where unbound)."""
    columns, rows = strings(result)
    return columns, (dict(zip(columns, r)) for r in rows)
