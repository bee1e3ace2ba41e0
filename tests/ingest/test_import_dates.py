"""The import's date check: its quick path for YYYY-MM-DD gives what strptime over every accepted format gives."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.ingest.imports import checks


def _by_strptime(value: str) -> dt.date | None:
    head = value[:10] if len(value) > 10 and value[10] in " T" else value
    for fmt in checks._DATE_FORMATS:
        try:
            return dt.datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    return None


VALUES = ["2018-03-09", "2020-02-29", "2019-02-29", "2023-02-30", "2023-13-01", "2023-00-10", "0000-01-01",
          "2017-05-09 00:00:00.000", "2017-05-09T12:00", "٢٠١٨-٠٣-٠٩", "2018-3-9", "09 May 2020", "9-May-20",
          "09/05/2020", "1945-12-31", "2018-03-09x", " 2018-03-09 "]


@pytest.mark.parametrize("value", VALUES)
def test_the_quick_path_agrees_with_strptime(value):
    expected = _by_strptime(value.strip())
    if expected is not None and checks.EARLIEST <= expected <= dt.date.today():
        assert checks.date("event_date", value) == expected
    else:
        with pytest.raises(checks.FieldError):
            checks.date("event_date", value)
