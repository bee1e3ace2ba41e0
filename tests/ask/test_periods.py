"""One rule for spans of dates: counts by year in `analyze`, the timeline query and the ACLED CSV agree."""
import csv
import datetime as dt
import io
from collections import Counter

from conflictkg.ask import periods
from conflictkg.ask.analysis import analyse
from conflictkg.share.exports import export
from conflictkg.store.queries import run

EVENT_SPANS = """
PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT ?e ?a ?b WHERE {
  ?e ckg:statementKind ?sk FILTER (?sk IN (ckg:SpecificEvent, ckg:BackgroundEvent))
  FILTER NOT EXISTS { ?e ckg:sameEventAs ?first }
  OPTIONAL { ?e sem:hasEarliestBeginTimeStamp ?a ; sem:hasLatestEndTimeStamp ?b } }
"""


def expected_by_year(store) -> Counter:
    """Events per year, computed here from plain SPARQL: a year counts an event only when it holds the whole
    span; a span crossing a year is 'spanning'."""
    out: Counter = Counter()
    for r in store.select(EVENT_SPANS)[1]:
        if not r.get("a"):
            out["undated"] += 1
        else:
            out[r["a"][:4] if r["a"][:4] == r["b"][:4] else "spanning"] += 1
    return out


def test_rule_on_spans():
    d = dt.date
    assert periods.period(d(2019, 3, 1), d(2021, 11, 14)) == "spanning"
    assert periods.period(d(2018, 1, 1), d(2018, 12, 31)) == "2018"
    assert periods.period(d(2018, 1, 1), d(2018, 12, 31), "month") == "spanning"
    assert periods.period(d(2018, 5, 1), d(2018, 5, 31), "month") == "2018-05"
    assert periods.period(None, None) == "undated"
    assert periods.acled_codable(d(2021, 10, 29), d(2021, 11, 4))       # a week across a month's end
    assert periods.acled_codable(d(2018, 4, 1), d(2018, 4, 30))         # within a month
    assert not periods.acled_codable(d(2018, 3, 27), d(2018, 4, 30))    # 35 days across two months
    assert periods.months(d(2018, 11, 28), d(2019, 2, 1)) == ["2018-11", "2018-12", "2019-01", "2019-02"]


def test_analyze_timeline_and_acled_count_years_alike_bug(store):
    """Regression: analyze counted an event in the year of its earliest possible date and the ACLED CSV in the
    year of its span's middle, so they disagreed (2018: 23 vs 37; 2019: 25 vs 17)."""
    want = expected_by_year(store)
    assert want["spanning"] > 10 and want["2018"] > 0
    assert analyse(store).by_period("year") == want
    # the timeline lists every account; the events told once are those without a first account
    second = {r["e"] for r in store.select("SELECT ?e { ?e <https://w3id.org/conflictkg/ontology#sameEventAs> ?f }")[1]}
    timeline = Counter(r["year"] for r in run("timeline", store=store).rows if r["event"] not in second)
    assert timeline == want - Counter({"undated": want["undated"]})
    # every ACLED row's year is the year that holds its event's whole span
    rows = list(csv.DictReader(io.StringIO(export(store, "acled-csv").decode("utf-8"))))
    for r in rows:
        assert r["year"] == r["ckg_date_earliest"][:4] == r["ckg_date_latest"][:4]
    acled_years = Counter(r["year"] for r in rows)
    assert all(acled_years[y] <= want[y] for y in acled_years)


def test_report_counts_spanning_events_apart(store, tmp_path):
    from conflictkg.ask.report import run as report

    text = report(store, tmp_path)["report"].read_text(encoding="utf-8")
    want = expected_by_year(store)
    assert f"| spanning (known only to a span crossing a year) | {want['spanning']} |" in text
    assert f"| 2018 | {want['2018']} |" in text


def test_named_queries_with_a_date_give_its_bounds_and_precision_bug(store):
    """Regression: arrests, control-changes, deals, transfer-deals, ambushes and fighter-flows gave only the
    earliest possible date as `date`, so an event known only to 2019-2021 read as a day in March 2019."""
    from conflictkg.store.queries import library

    known = {r["e"]: r for r in store.select(EVENT_SPANS)[1]}
    with_dates = 0
    for name in library():
        result = run(name, store=store)
        if "date" not in result.columns:
            continue
        with_dates += 1
        assert {"latest", "precision"} <= set(result.columns), name
        for r in result.rows:
            iri = r.get("event") or r.get("deal")
            if r["date"] and iri in known:
                assert (r["date"], r["latest"]) == (known[iri]["a"], known[iri]["b"]), (name, iri)
                assert r["precision"] in ("day", "month", "year", "range"), (name, iri)
    assert with_dates >= 6
