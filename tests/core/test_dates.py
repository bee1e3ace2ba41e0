import datetime as dt

import pytest

from conflictkg.core import dates


def test_precisions():
    assert dates.parse("2021-11-14").precision == "day"
    m = dates.parse("2019-02")
    assert (m.earliest, m.latest, m.precision) == (dt.date(2019, 2, 1), dt.date(2019, 2, 28), "month")
    y = dates.parse(2017)
    assert (y.earliest, y.latest) == (dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    r = dates.parse({"begin": "2019-03-24", "end": "2020-06"})
    assert (r.earliest, r.latest, r.precision) == (dt.date(2019, 3, 24), dt.date(2020, 6, 30), "range")


@pytest.mark.parametrize("bad, why", [
    ("2021-02-30", "not a real day"),
    ("2021-13", "month 13"),
    ("0025-01-01", "year 25 is impossible"),
    ("2999-01-01", "year 2999 is impossible"),
    ("14/11/2021", "not a date"),
    ({"begin": "2020-01", "end": "2019-01"}, "begins .* after it ends"),
])
def test_impossible_dates_are_refused(bad, why):
    with pytest.raises(ValueError, match=why):
        dates.parse(bad)
