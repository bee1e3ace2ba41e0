"""Dates with precision: '2021-11-14', '2021-11', '2021' or {begin, end}, checked to be real dates."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EARLIEST_YEAR = 1900  # the corpus is about the 2010s–2020s; anything before this is a typo


@dataclass(frozen=True)
class DateSpec:
    earliest: dt.date
    latest: dt.date
    precision: str  # day | month | year | range
    label: str

    @property
    def day(self) -> dt.date | None:
        return self.earliest if self.precision == "day" else None


def _bounds(value: str) -> tuple[dt.date, dt.date, str]:
    m = _FORM.match(value)
    if not m:
        raise ValueError(f"'{value}' is not a date; fix: write YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if not EARLIEST_YEAR <= y <= dt.date.today().year:
        raise ValueError(f"year {y} is impossible; fix: use a year between {EARLIEST_YEAR} and today")
    if mo is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    if not 1 <= mo <= 12:
        raise ValueError(f"month {mo} in '{value}' is impossible; fix: use 01–12")
    last = calendar.monthrange(y, mo)[1]
    if d is None:
        return dt.date(y, mo, 1), dt.date(y, mo, last), "month"
    if not 1 <= d <= last:
        raise ValueError(f"'{value}' is not a real day ({y}-{mo:02d} has {last} days); fix: correct the day")
    day = dt.date(y, mo, d)
    return day, day, "day"


def parse(spec) -> DateSpec:
    """Parse a fact's `date` value. Raises ValueError naming the problem and the fix."""
    if isinstance(spec, (dt.date,)):  # YAML reads 2021-11-14 as a date
        spec = spec.isoformat()
    if isinstance(spec, int):
        spec = str(spec)
    if isinstance(spec, str):
        e, l, p = _bounds(spec.strip())
        return DateSpec(e, l, p, spec.strip())
    if isinstance(spec, dict) and set(spec) <= {"begin", "end"} and spec:
        b = spec.get("begin")
        e = spec.get("end")
        b = parse(b) if b is not None else None
        e = parse(e) if e is not None else None
        if b and e and b.earliest > e.latest:
            raise ValueError(f"period begins ({b.label}) after it ends ({e.label}); fix: swap or correct them")
        earliest = b.earliest if b else dt.date(EARLIEST_YEAR, 1, 1)
        latest = e.latest if e else dt.date.today()
        return DateSpec(earliest, latest, "range", f"{b.label if b else '..'}/{e.label if e else '..'}")
    raise ValueError(f"cannot read date {spec!r}; fix: write YYYY, YYYY-MM, YYYY-MM-DD or {{begin: .., end: ..}}")
