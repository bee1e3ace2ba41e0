"""Dates in the text, resolved against the publication date, with their precision.

Understood: day month [year] (14 نوفمبر، 26 أغسطس/ آب 2017), month [year] (مارس 2019، مايو الماضي),
a year (عام 2016), weekdays (الثلاثاء: the last Tuesday before publication), أمس / اليوم, and relative
periods (الشهر الماضي، العام الماضي). Without a publication date, only absolute dates are resolved.

>>> import datetime as dt
>>> from conflictkg.ingest.extract.lexicon import Lexicon
>>> from conflictkg.core.normalise import normalise
>>> from conflictkg.ingest.extract.match import tokens
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


# A reader tries to read a date at token i: None when there is none, else the date (or None when the words
# are a date that cannot be resolved) and the token after them.
Read = tuple[FoundDate | None, int] | None


def find_dates(toks: list[Token], lo: int, hi: int, lex, pub: Published | None) -> list[FoundDate]:
    """Every date expression in tokens [lo, hi)."""
    hi = min(hi, len(toks))
    readers = (_day_month, _month, _year) + ((_relative_day, _weekday, _relative_period) if pub is not None else ())
    out: list[FoundDate] = []
    i = lo
    while i < hi:
        for read in readers:
            got = read(toks, i, hi, lex, pub)
            if got is not None:
                found, i = got
                if found is not None:
                    out.append(found)
                break
        else:
            i += 1
    return [d for d in out if _valid(d.value)]


def _day_month(toks: list[Token], i: int, hi: int, lex, pub: Published | None) -> Read:
    """Day month [/ month] [year]; the day in digits (14 نوفمبر) or as an ordinal (الثامن من تشرين الثاني)."""
    mday, day_last = _DAY.match(toks[i].text), i
    ordinal = lex.ordinal_matcher.at(toks, i)
    if ordinal is not None and ordinal.last + 2 < hi and toks[ordinal.last + 1].text == "من" and \
            lex.month_matcher.at(toks, ordinal.last + 2) is not None:
        mday, day_last = re.match(r"(\d+)", str(ordinal.value)), ordinal.last + 1
    if not (mday and day_last + 1 < hi):
        return None
    mon = lex.month_matcher.at(toks, day_last + 1)
    if mon is None or not 1 <= int(mday.group(1)) <= 31:
        return None
    last, year, alt = mon.last, None, lex.month_matcher.at(toks, mon.last + 1) if mon.last + 1 < hi else None
    if alt is not None:
        last = alt.last
    if last + 1 < hi and _YEAR.match(toks[last + 1].text):
        year, last = int(_YEAR.match(toks[last + 1].text).group(1)), last + 1
    day, month = int(mday.group(1)), mon.value
    basis = None
    if year is None:
        if pub is None:
            return None, last + 1
        year = pub.latest.year if month <= pub.latest.month else pub.latest.year - 1
        basis = f"day and month in the text; the year is that of the publication ({pub.label})"
    if day <= calendar.monthrange(year, month)[1]:
        return FoundDate(i, last, dt.date(year, month, day).isoformat(), "day", basis), last + 1
    return None, last + 1


def _month(toks: list[Token], i: int, hi: int, lex, pub: Published | None) -> Read:
    """Month [/ month] [year]; without the year, the last such month by the publication (مايو الماضي)."""
    mon = lex.month_matcher.at(toks, i)
    if mon is None:
        return None
    last, month = mon.last, mon.value
    alt = lex.month_matcher.at(toks, last + 1) if last + 1 < hi else None
    if alt is not None:
        last = alt.last
    if last + 1 < hi and _YEAR.match(toks[last + 1].text):
        year = int(_YEAR.match(toks[last + 1].text).group(1))
        return FoundDate(i, last + 1, f"{year:04d}-{month:02d}", "month", None), last + 2
    if pub is None:
        return None, last + 1
    is_past = last + 1 < hi and toks[last + 1].text in lex.past_words
    year = pub.latest.year if month < pub.latest.month or (month == pub.latest.month and not is_past) \
        else pub.latest.year - 1
    return FoundDate(i, last + (1 if is_past else 0), f"{year:04d}-{month:02d}", "month",
                     f"the month named in the text, the last one by the publication ({pub.label})"), last + 1


def _year(toks: list[Token], i: int, hi: int, lex, pub: Published | None) -> Read:
    """A year (عام 2016), not the year of a day written before it."""
    my = _YEAR.match(toks[i].text)
    if my and (i == 0 or not _DAY.match(toks[i - 1].text)):
        return FoundDate(i, i, my.group(1), "year", None), i + 1
    return None


def _relative_day(toks: list[Token], i: int, hi: int, lex, pub: Published) -> Read:
    """أمس، اليوم: days back from the publication."""
    rel = lex.relday_matcher.at(toks, i)
    if rel is None:
        return None
    back = int(rel.value)
    if pub.precision == "day":
        day = pub.latest - dt.timedelta(days=back)
        return FoundDate(i, rel.last, day.isoformat(), "day",
                         f"'{rel.phrase}' in an article published on {pub.label}"), rel.last + 1
    return FoundDate(i, rel.last, _range(pub.earliest - dt.timedelta(days=back), pub.latest),
                     "range", f"'{rel.phrase}' in an article published in {pub.label}"), rel.last + 1


def _weekday(toks: list[Token], i: int, hi: int, lex, pub: Published) -> Read:
    """A weekday (الثلاثاء): the last one before the publication."""
    wd = lex.weekday_matcher.at(toks, i)
    if wd is None:
        return None
    target = int(wd.value)
    if pub.precision == "day":
        back = (pub.latest.weekday() - target) % 7
        day = pub.latest - dt.timedelta(days=back)
        return FoundDate(i, wd.last, day.isoformat(), "day",
                         f"the last {calendar.day_name[target]} by the publication date {pub.label}"), wd.last + 1
    begin = pub.earliest - dt.timedelta(days=6)
    return FoundDate(i, wd.last, {"begin": begin.isoformat(), "end": pub.label}, "range",
                     f"a {calendar.day_name[target]} in the week before or during the "
                     f"publication period {pub.label}"), wd.last + 1


def _relative_period(toks: list[Token], i: int, hi: int, lex, pub: Published) -> Read:
    """الشهر الماضي، العام الماضي، الأسبوع الماضي: a period counted from the publication."""
    rp = lex.relative_matcher.at(toks, i)
    if rp is None:
        return None
    spec = rp.value
    y, m = pub.latest.year, pub.latest.month
    basis = f"'{rp.phrase}' relative to the publication ({pub.label})"
    if "months" in spec:
        y, m = _month_back(y, m, int(spec["months"]))
        return FoundDate(i, rp.last, f"{y:04d}-{m:02d}", "month", basis), rp.last + 1
    if "years" in spec:
        return FoundDate(i, rp.last, f"{y + int(spec['years']):04d}", "year", basis), rp.last + 1
    if "weeks" in spec:
        end = pub.latest + dt.timedelta(days=7 * int(spec["weeks"]))
        begin = end - dt.timedelta(days=6)
        return FoundDate(i, rp.last, _range(begin, end), "range", basis), rp.last + 1
    return None, rp.last + 1


# the words of a time of day or part of a period, which may stand between منذ and its date (منذ مساء الخميس، منذ
# مطلع 2018): the span of the act itself, not of another thing
_TIME_WORDS = ("يوم", "مساء", "صباح", "فجر", "ليل", "ليله", "ظهر", "مطلع", "بدايه", "اوائل", "اواخر", "منتصف", "نهايه",
               "اول", "اليوم", "في", "من", "عام", "العام", "شهر", "الشهر")
SINCE_REACH = 6  # words from منذ to the date of the thing it names (منذ وقف إطلاق النار عام 2017)


def since_another(toks: list[Token], d: FoundDate, text: str, trigger: int) -> bool:
    """Whether the date ends a phrase "منذ + what happened then": "للمرة الأولى منذ وقف إطلاق النار عام 2017"،
    "منذ سيطرة التنظيم عليها في 2014". The date is that of the other thing (the ceasefire), not of the act
    told beside it. Not "منذ الأربعاء"، "منذ مساء الخميس"، "منذ 20 يناير": the span of the act itself. Within its
    clause (no comma or full stop between منذ and the date); `text` is the folded text of the tokens. The date
    stays the act's when the act's trigger (token `trigger`) is the thing named (منذ وقف إطلاق النار عام 2017 dates
    the ceasefire)."""
    for j in range(d.first - 1, max(-1, d.first - 1 - SINCE_REACH), -1):
        if any(ch in text[toks[j].end:toks[j + 1].start] for ch in "،,.؛:"):
            return False
        if toks[j].text in ("منذ", "ومنذ"):
            between = [t.text for t in toks[j + 1:d.first]]
            return not j < trigger < d.first and any(w not in _TIME_WORDS for w in between)
    return False


def _valid(value) -> bool:
    try:
        kgdates.parse(value)
        return True
    except ValueError:
        return False
