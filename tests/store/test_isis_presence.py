"""isis-presence reads each date in an OPTIONAL of its own (one OPTIONAL of the three read every event's
dates first: seconds at 100,000 events); it answers exactly what the one OPTIONAL of three answered."""
import re

import pytest

from conflictkg.store import queries as query

ONE_OPTIONAL = """  OPTIONAL { ?report sem:hasEarliestBeginTimeStamp ?earliest ; sem:hasLatestEndTimeStamp ?latest ;
                     ckg:datePrecision/skos:notation ?precision }
"""


def as_before(sparql: str) -> str:
    """The query with its dates read by one OPTIONAL of three patterns, as it was written before."""
    out, n = re.subn(r"  # the dates only when all three.*?AS \?precision\)\n", lambda _: ONE_OPTIONAL, sparql, flags=re.S)
    assert n == 1
    return out


@pytest.mark.parametrize("given", [{}, {"from": "2023", "to": "2023"}, {"from": "2019-03", "to": "2024-06-30"},
                                   {"from": "2030", "to": "2031"}])
def test_the_same_rows_as_one_optional_of_three(store, given):
    sparql = query.bind(query.find("isis-presence"), given)
    rows = store.select(sparql)[1]
    assert rows == store.select(as_before(sparql))[1]
    if not given:
        assert any(r["earliest"] for r in rows)  # dated reports are listed with their dates
    if given.get("from") == "2030":
        assert rows == []  # no report overlaps the range, and undated ones are listed only with the defaults
