"""One rule for events known only to a span of dates, used by every count by period, the timeline figure, the
analysis report and the ACLED export (docs/dates.md says why).

An event is known to lie between its earliest and latest possible dates. It is counted in a period (a year,
a month) only when that period holds its whole span; otherwise it is **spanning**: counted apart, never moved
to its earliest date, its middle, or a share of each period. So a count for 2019 holds only events that
certainly happened in 2019, and the periods' counts plus the spanning ones give the total. An event the text
does not date is **undated**, also counted apart.

For ACLED, whose finest vague precision is a month (time_precision 3), an event can be written as a day when
its span is at most a week (precision 2), or lies within one calendar month (precision 3). A wider span is
vague: its month is not known."""
from __future__ import annotations

import datetime as dt

SPANNING, UNDATED = "spanning", "undated"
WEEK_DAYS = 6  # a span of up to 7 calendar days (latest - earliest <= 6): ACLED's time_precision 2


def period(earliest: dt.date | None, latest: dt.date | None, by: str = "year") -> str:
    """The period ("2019", or "2019-03" by month) that holds the whole span, else SPANNING, or UNDATED when
    there is no date."""
    if earliest is None or latest is None:
        return UNDATED
    a, b = (str(earliest.year), str(latest.year)) if by == "year" else \
        (f"{earliest:%Y-%m}", f"{latest:%Y-%m}")
    return a if a == b else SPANNING


def acled_codable(earliest: dt.date | None, latest: dt.date | None) -> bool:
    """Whether an ACLED row may carry a day for this span: at most a week, or within one calendar month."""
    if earliest is None or latest is None:
        return False
    return (latest - earliest).days <= WEEK_DAYS or period(earliest, latest, "month") != SPANNING


def describe(earliest: dt.date | None, latest: dt.date | None) -> str:
    """The span in words for tags and tables: "2019-03-01..2021-11-14 (989 days)"."""
    if earliest is None or latest is None:
        return "undated"
    if earliest == latest:
        return earliest.isoformat()
    return f"{earliest.isoformat()}..{latest.isoformat()} ({(latest - earliest).days + 1} days)"


def months(earliest: dt.date, latest: dt.date) -> list[str]:
    """The months ("2019-03") the span touches, in order."""
    out, y, m = [], earliest.year, earliest.month
    while (y, m) <= (latest.year, latest.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
