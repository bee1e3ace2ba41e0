"""Rows an import leaves out, with the reason: so that nothing is silently lost."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from conflictkg.core import controls, csvsafe


@dataclass
class Rejected:
    line: int
    column: str
    value: str
    message: str
    fix: str = ""
    raw: list[str] = field(default_factory=list)
    unit: str = "line"  # what `line` counts: the file's lines (CSV) or its records (JSON)

    def __str__(self) -> str:
        where = where_of(self.line, self.unit) + (f", column {self.column}" if self.column else "")
        value = f" = {self.value!r}" if self.value else ""
        return f"{where}{value}: {self.message}" + (f"; fix: {self.fix}" if self.fix else "")


def where_of(n: int, unit: str) -> str:
    """'row at line 12' in a CSV file, 'record 12' in a JSON one."""
    return f"row at line {n}" if unit == "line" else f"{unit} {n}"


class RejectedFile:
    """The rejected rows as they were read, after their line, column, value and error. Opened at the first
    rejected row, so that a clean import leaves no file behind; with no path, nothing is written. Cells that
    would start a spreadsheet formula get a leading ' (core.csvsafe), except plain numbers in the dataset's
    `numeric` columns; the importers drop that ' again, so the fixed rows import as they were."""

    def __init__(self, path: Path | None, header: list[str], numeric: Iterable[str] = (), unit: str = "line"):
        self.path, self.header, self._fh, self._w = path, header, None, None
        self.numeric, self.unit = set(numeric), unit

    def write(self, r: Rejected) -> None:
        if self.path is None:
            return
        if self._w is None:
            self._fh = open(self.path, "w", encoding="utf-8", newline="")
            self._w = csv.writer(self._fh, lineterminator="\n")
            self._w.writerow([self.unit, "column", "value", "error", *self.header])
        error = r.message + (f"; fix: {r.fix}" if r.fix else "")
        kinds = [True, False, r.column in self.numeric, False] + [c in self.numeric for c in self.header]
        self._w.writerow(csvsafe.row([r.line, r.column, controls.escaped(r.value), error, *r.raw], kinds))

    def close(self) -> None:
        if self._fh:
            self._fh.close()
