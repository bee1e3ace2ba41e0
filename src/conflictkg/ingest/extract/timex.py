"""Dates in the text, resolved against the publication date, with their precision.

Understood: day month [year] (14 نوفمبر، 26 أغسطس/ آب 2017), month [year] (مارس 2019، مايو الماضي),
a year (عام 2016), weekdays (الثلاثاء: the last Tuesday before publication), أمس / اليوم, and relative
periods (الشهر الماضي، العام الماضي). Without a publication date, only absolute dates are resolved.

>>> import datetime as dt
>>> from .lexicon import Lexicon
>>> from .normalise import normalise
>>> from .match import tokens
>>> lex, pub = Lexicon.load(), Published.parse("2021-11-14")
>>> def first(s):
...     return find_dates(tokens(normalise(s)), 0, 99, lex, pub)[0]
>>> first("يوم الثلاثاء").value, first("أمس").value, first("مايو الماضي").value, first("في 26 أغسطس/ آب 2017").value
('2021-11-09', '2021-11-13', '2021-05', '2017-08-26')
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from conflictkg.core import dates as kgdates
from .match import Token

_YEAR = re.compile(r"^(?:و|ب|ل)?(19[5-9]\d|20[0-4]\d)$")
_DAY = re.compile(r"^(\d{1,2})$")


@dataclass(frozen=True)
class Published:
    earliest: dt.date
    latest: dt.date
    precision: str  # day | month | year
    label: str

    @classmethod
    def parse(cls, value) -> "Published | None":
        if value in (None, ""):
            return None
        d = kgdates.parse(value)
        return cls(d.earliest, d.latest, d.precision, d.label)


@dataclass
class FoundDate:
    first: int
    last: int
    value: object      # a fact-file date: "YYYY-MM-DD", "YYYY-MM", "YYYY" or {begin, end}
    precision: str     # day | month | year | range
    basis: str | None  # how it was worked out, when it was not written in full


def _month_back(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _range(begin: dt.date, end: dt.date) -> object:
    if begin == end:
        return begin.isoformat()
    if begin.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1] and \
            (begin.year, begin.month) == (end.year, end.month):
        return f"{begin.year:04d}-{begin.month:02d}"
    return {"begin": begin.isoformat(), "end": end.isoformat()}


def find_dates(toks: list[Token], lo: int, hi: int, lex, pub: Published | None) -> list[FoundDate]:
    """Every date expression in tokens [lo, hi)."""
    hi = min(hi, len(toks))
    out: list[FoundDate] = []
    i = lo
    past = lex.past_words
    while i < hi:
        t = toks[i].text
        # day month [/ month] [year]; the day in digits (14 نوفمبر) or as an ordinal (الثامن من تشرين الثاني)
        mday, day_last = _DAY.match(t), i
        ordinal = lex.ordinal_matcher.at(toks, i)
        if ordinal is not None and ordinal.last + 2 < hi and toks[ordinal.last + 1].text == "من" and \
                lex.month_matcher.at(toks, ordinal.last + 2) is not None:
            mday, day_last = re.match(r"(\d+)", str(ordinal.value)), ordinal.last + 1
        if mday and day_last + 1 < hi:
            mon = lex.month_matcher.at(toks, day_last + 1)
            if mon is not None and 1 <= int(mday.group(1)) <= 31:
                last, year, alt = mon.last, None, lex.month_matcher.at(toks, mon.last + 1) if mon.last + 1 < hi else None
                if alt is not None:
                    last = alt.last
                if last + 1 < hi and _YEAR.match(toks[last + 1].text):
                    year, last = int(_YEAR.match(toks[last + 1].text).group(1)), last + 1
                day, month = int(mday.group(1)), mon.value
                basis = None
                if year is None:
                    if pub is None:
                        i = last + 1
                        continue
                    year = pub.latest.year if month <= pub.latest.month else pub.latest.year - 1
                    basis = f"day and month in the text; the year is that of the publication ({pub.label})"
                if day <= calendar.monthrange(year, month)[1]:
                    out.append(FoundDate(i, last, dt.date(year, month, day).isoformat(), "day", basis))
                i = last + 1
                continue
        mon = lex.month_matcher.at(toks, i)
        if mon is not None:
            last, month = mon.last, mon.value
            alt = lex.month_matcher.at(toks, last + 1) if last + 1 < hi else None
            if alt is not None:
                last = alt.last
            if last + 1 < hi and _YEAR.match(toks[last + 1].text):
                year = int(_YEAR.match(toks[last + 1].text).group(1))
                out.append(FoundDate(i, last + 1, f"{year:04d}-{month:02d}", "month", None))
                i = last + 2
                continue
            if pub is not None:
                is_past = last + 1 < hi and toks[last + 1].text in past
                year = pub.latest.year if month < pub.latest.month or (month == pub.latest.month and not is_past) \
                    else pub.latest.year - 1
                out.append(FoundDate(i, last + (1 if is_past else 0), f"{year:04d}-{month:02d}", "month",
                                     f"the month named in the text, the last one by the publication ({pub.label})"))
            i = last + 1
            continue
        my = _YEAR.match(t)
        if my and (i == 0 or not _DAY.match(toks[i - 1].text)):
            out.append(FoundDate(i, i, my.group(1), "year", None))
            i += 1
            continue
        if pub is not None:
            rel = lex.relday_matcher.at(toks, i)
            if rel is not None:
                back = int(rel.value)
                if pub.precision == "day":
                    day = pub.latest - dt.timedelta(days=back)
                    out.append(FoundDate(i, rel.last, day.isoformat(), "day",
                                         f"'{rel.phrase}' in an article published on {pub.label}"))
                else:
                    out.append(FoundDate(i, rel.last, _range(pub.earliest - dt.timedelta(days=back), pub.latest),
                                         "range", f"'{rel.phrase}' in an article published in {pub.label}"))
                i = rel.last + 1
                continue
            wd = lex.weekday_matcher.at(toks, i)
            if wd is not None:
                target = int(wd.value)
                if pub.precision == "day":
                    back = (pub.latest.weekday() - target) % 7
                    day = pub.latest - dt.timedelta(days=back)
                    out.append(FoundDate(i, wd.last, day.isoformat(), "day",
                                         f"the last {calendar.day_name[target]} by the publication date {pub.label}"))
                else:
                    begin = pub.earliest - dt.timedelta(days=6)
                    out.append(FoundDate(i, wd.last, {"begin": begin.isoformat(), "end": pub.label}, "range",
                                         f"a {calendar.day_name[target]} in the week before or during the "
                                         f"publication period {pub.label}"))
                i = wd.last + 1
                continue
            rp = lex.relative_matcher.at(toks, i)
            if rp is not None:
                spec = rp.value
                y, m = pub.latest.year, pub.latest.month
                basis = f"'{rp.phrase}' relative to the publication ({pub.label})"
                if "months" in spec:
                    y, m = _month_back(y, m, int(spec["months"]))
                    out.append(FoundDate(i, rp.last, f"{y:04d}-{m:02d}", "month", basis))
                elif "years" in spec:
                    out.append(FoundDate(i, rp.last, f"{y + int(spec['years']):04d}", "year", basis))
                elif "weeks" in spec:
                    end = pub.latest + dt.timedelta(days=7 * int(spec["weeks"]))
                    begin = end - dt.timedelta(days=6)
                    out.append(FoundDate(i, rp.last, _range(begin, end), "range", basis))
                i = rp.last + 1
                continue
        i += 1
    return [d for d in out if _valid(d.value)]


def _valid(value) -> bool:
    try:
        kgdates.parse(value)
        return True
    except ValueError:
        return False
