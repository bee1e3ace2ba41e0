"""Printing query results as a table, CSV, TSV or JSON."""
from __future__ import annotations

import csv
import io
import json
import unicodedata

from conflictkg.core import csvsafe
from conflictkg.store.queries import Result

FORMATS = ("table", "csv", "tsv", "json")


def _width(s: str) -> int:
    return sum(0 if unicodedata.combining(c) else 1 for c in s)


def render(result: Result, fmt: str = "table", *, max_width: int = 60) -> str:
    if fmt == "json":
        return json.dumps({"columns": result.columns, "rows": result.rows}, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        # cells that would start a spreadsheet formula get a ' (core.csvsafe); a column of plain numbers keeps -12.5
        numeric = csvsafe.numeric_columns(result.columns, result.rows)
        w.writerow(csvsafe.row(result.columns))
        kinds = [c in numeric for c in result.columns]
        for row in result.rows:
            w.writerow(csvsafe.row([row[c] for c in result.columns], kinds))
        return buf.getvalue()

    def cell(v):
        s = "" if v is None else str(v).replace("\n", " ")
        s = s.replace("https://w3id.org/conflictkg/id/", "")
        return s if _width(s) <= max_width else s[:max_width - 1] + "…"

    cells = [[cell(r[c]) for c in result.columns] for r in result.rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(result.columns)]
    line = lambda vals: "  ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(result.columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out) + "\n"
