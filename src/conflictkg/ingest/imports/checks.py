"""Checking one field of a dataset row; each failure names the column, the value and the fix."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

EARLIEST = dt.date(1946, 1, 1)  # before any conflict dataset begins: a typo, not an event
_DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%B-%Y", "%d/%m/%Y")
# UTF-8 Arabic or accented Latin read as Latin-1/cp1252 and saved again: Ø§ Ù„ Ã©
_MOJIBAKE = re.compile("[ØÙÚÛ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc]|Ã[\u0080-\u00bf]")


@dataclass
class FieldError(Exception):
    column: str
    value: str
    message: str
    fix: str = ""


_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def date(column: str, value: str) -> dt.date:
    value = value.strip()
    head = value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]", value) else value  # UCDP: '2017-05-09 00:00:00.000'
    iso = _ISO.fullmatch(head)
    try:  # the usual form, without strptime's locale look-up (a third of an import's row checks)
        d = dt.date(int(iso[1]), int(iso[2]), int(iso[3])) if iso else _parsed(head)
    except ValueError:  # 2023-02-30: strptime below refuses it with the same message
        d = _parsed(head)
    if d is None:
        raise FieldError(column, value, "not a real date", "write it as YYYY-MM-DD, 9-May-20 or 09 May 2020")
    if not EARLIEST <= d <= dt.date.today():
        raise FieldError(column, value, f"impossible date (before {EARLIEST.year} or in the future)",
                         "correct the year")
    return d


def _parsed(head: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    return None


def count(column: str, value: str, *, required: bool = True) -> int | None:
    value = value.strip()
    if not value:
        if required:
            raise FieldError(column, value, "missing number", "write 0 when none are reported")
        return None
    if not re.fullmatch(r"\d+(\.0+)?", value):
        raise FieldError(column, value, "not a non-negative whole number", "write a count such as 0, 3 or 12")
    return int(float(value))


def coordinate(column: str, value: str, limit: float) -> float | None:
    value = value.strip()
    if not value:
        return None
    try:
        x = float(value)
    except ValueError:
        raise FieldError(column, value, "not a number", "write decimal degrees such as 35.33") from None
    if not -limit <= x <= limit or x != x:
        raise FieldError(column, value, f"out of range (−{limit:g} to {limit:g})", "swap latitude and longitude?")
    return x


def text(column: str, value: str, *, required: bool = False) -> str:
    value = " ".join(value.split())
    if required and not value:
        raise FieldError(column, value, "empty", "fill it in")
    if _MOJIBAKE.search(value):
        raise FieldError(column, value[:60], "looks mis-encoded (UTF-8 text read as Latin-1 and saved again)",
                         "re-export the file as UTF-8 from the original source")
    return value
