"""CSV cells that a spreadsheet cannot run: OWASP's rule against formula injection, in one place.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`), so every CSV we write puts a `'` before
it (and one more before a value that already starts with quotes and then one of those). A cell of a
numeric column that is a plain number (`-12.5`, `+3`, `1e-5`) is a number, never a formula,
and stays as it is. Our importers undo the `'` (restore), so an exported file imports back to the same values.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = re.compile("'*[=+\\-@\t\r]")  # a formula's start, or a value that already looks guarded ('=…)
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def cell(value, *, numeric: bool = False) -> str:
    """The value as a CSV cell: None is empty; text that would start a formula gets a leading `'`.
    With `numeric`, a plain number keeps its sign."""
    text = "" if value is None else str(value)
    if not _GUARDED.match(text):
        return text
    if numeric and NUMBER.fullmatch(text):
        return text
    return "'" + text


def row(values: Iterable, numeric: Iterable[bool] | None = None) -> list[str]:
    """A row of cells; `numeric` says, column by column, which ones are numbers."""
    values = list(values)
    kinds = list(numeric) if numeric is not None else [False] * len(values)
    return [cell(v, numeric=k) for v, k in zip(values, kinds + [False] * (len(values) - len(kinds)))]


def record(values: Mapping[str, object], numeric: Iterable[str] = ()) -> dict[str, str]:
    """A dict row (csv.DictWriter) with each cell made safe; columns named in `numeric` hold numbers."""
    numbers = set(numeric)
    return {k: cell(v, numeric=k in numbers) for k, v in values.items()}


def numeric_columns(columns: list[str], rows: list[Mapping[str, object]]) -> set[str]:
    """The columns whose every non-empty value is a plain number: the numeric columns of query results,
    whose rows carry no types."""
    out = set()
    for c in columns:
        seen = [r.get(c) for r in rows if r.get(c) not in (None, "")]
        if seen and all(NUMBER.fullmatch(str(v)) for v in seen):
            out.add(c)
    return out


def restore(value: str) -> str:
    """A cell as it was before `cell` guarded it: the `'` it added is dropped. A value that starts with quotes
    before a formula's first character ('=x) got one more, so every value comes back as it was."""
    return value[1:] if value.startswith("'") and _GUARDED.match(value) else value
