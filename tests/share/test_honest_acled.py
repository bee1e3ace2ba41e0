"""The ACLED CSV is honest about dates and places: no day for an event known only to a wide span, every
place of an event kept in one row, the Arabic evidence beside the notes, and a BOM for spreadsheets."""
import csv
import datetime as dt
import io

import pytest
from click.testing import CliRunner

from conflictkg.ask.tabular import Tables
from conflictkg.cli import main
from conflictkg.share.exports import acled_csv as acled

PREFIXES = """PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


def row_iri(row) -> str:
    return next(t[len("conflictkg: "):] for t in row["tags"].split("; ") if t.startswith("conflictkg: "))


def spans(store) -> dict[str, tuple[dt.date, dt.date]]:
    """Every dated event's earliest and latest possible dates, read with plain SPARQL."""
    q = PREFIXES + "SELECT ?e ?a ?b { ?e sem:hasEarliestBeginTimeStamp ?a ; sem:hasLatestEndTimeStamp ?b ; " \
                   "ckg:summary ?s }"
    return {r["e"]: (dt.date.fromisoformat(r["a"]), dt.date.fromisoformat(r["b"])) for r in store.select(q)[1]}


def wide(span) -> bool:
    """Wider than ACLED can code as a day: over a week, and not within one calendar month."""
    a, b = span
    return (b - a).days > 6 and (a.year, a.month) != (b.year, b.month)


def read(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def cli_export(store, tmp_path_factory):
    d = tmp_path_factory.mktemp("acled")
    out = {}
    for name, extra in (("default", []), ("vague", ["--include-vague", "--bom"])):
        r = CliRunner().invoke(main, ["--store", str(store.path), "export", "--format", "acled-csv",
                                      "-o", str(d / f"{name}.csv"), *extra])
        assert r.exit_code == 0, r.output
        out[name] = ((d / f"{name}.csv").read_bytes(), r.stderr)
    return out


def test_no_acled_row_carries_a_day_for_a_wide_span_bug(store, cli_export):
    """Regression: 003's two attacks dated only «after March 2019, before 14 November 2021» (e08, e09) were
    written as 2020-07-07, the day that looked deadliest (25 killed), a day no article reports."""
    known = spans(store)
    rows = read(cli_export["default"][0])
    assert rows
    for r in rows:
        assert not wide(known[row_iri(r)]), (r["event_date"], r["notes"])
        a, b = known[row_iri(r)]
        assert (r["ckg_date_earliest"], r["ckg_date_latest"]) == (a.isoformat(), b.isoformat())
        assert a <= dt.date.fromisoformat(r["event_date"]) <= b
    assert not [r for r in rows if r["event_date"] == "2020-07-07"]
    # the seeds have spans of years: 002's 2016 evacuation from the Qalamoun, 003's 2019-2021 attacks
    vague = read(cli_export["vague"][0])
    left = [r for r in vague if wide(known[row_iri(r)])]
    assert len(left) == len(vague) - len(rows) > 0
    assert max((known[row_iri(r)][1] - known[row_iri(r)][0]).days for r in left) > 900
    # the CLI says how many it left out, and the library returns them
    assert f"Left out {len(left)} event(s) with a vague date" in cli_export["default"][1]
    written = acled.write_csv(Tables(store))
    assert written.vague == len(left) and set(written.left_out[acled.VAGUE]) == {row_iri(r) for r in left}


def test_include_vague_keeps_them_tagged_with_their_bounds(store, cli_export):
    known = spans(store)
    rows = read(cli_export["vague"][0])
    for r in rows:
        a, b = known[row_iri(r)]
        assert (r["ckg_date_earliest"], r["ckg_date_latest"]) == (a.isoformat(), b.isoformat())
        assert ("vague date: known only to " in r["tags"]) == wide((a, b)), r["notes"]
    attacks = [r for r in rows if r["ckg_date_earliest"] == "2019-03-01" and r["ckg_date_latest"] == "2021-11-14"
               and r["fatalities"] in ("6", "19")]
    assert len(attacks) == 2 and all(r["ckg_date_precision"] == "range" and r["time_precision"] == "3" for r in attacks)


def test_bom_only_when_asked(cli_export):
    assert cli_export["vague"][0].startswith(b"\xef\xbb\xbfevent_id_cnty,")
    assert cli_export["default"][0].startswith(b"event_id_cnty,")


def test_one_row_per_event_lists_its_other_places(store, cli_export):
    """The row is placed at one place (the most specific in one governorate); the others are in
    ckg_other_places, so a governorate filter can still find the event."""
    q = PREFIXES + """SELECT ?e ?n { ?e sem:hasPlace|ckg:fromPlace|ckg:toPlace ?p .
                      ?p rdfs:label ?n FILTER (LANG(?n) = "en") }"""
    places: dict[str, set] = {}
    for r in store.select(q)[1]:
        places.setdefault(r["e"], set()).add(r["n"])
    rows = read(cli_export["vague"][0])
    assert len({row_iri(r) for r in rows}) == len(rows)
    for r in rows:
        others = set(r["ckg_other_places"].split("; ")) - {""}
        assert {r["location"]} | others == places[row_iri(r)] and r["location"] not in others, r["notes"]
    # 003's ambush at the salt mine near al-Masrab keeps the al-Masrab desert and western Deir ez-Zor
    masrab = [r for r in rows if r["event_date"] == "2021-11-14" and r["fatalities"] == "13"]
    assert masrab and "Al-Masrab desert" in masrab[0]["ckg_other_places"]


def test_arabic_evidence_beside_the_notes(store, cli_export):
    q = PREFIXES + "SELECT ?e ?q { ?e ckg:hasEvidence/oa:hasTarget/oa:hasSelector/oa:exact ?q }"
    quotes: dict[str, set] = {}
    for r in store.select(q)[1]:
        quotes.setdefault(r["e"], set()).add(" ".join(r["q"].split()))
    for r in read(cli_export["vague"][0]):
        assert r["ckg_notes_ar"] in quotes[row_iri(r)]
    ambush = [r for r in read(cli_export["default"][0]) if r["fatalities"] == "13"]
    assert ambush and ambush[0]["ckg_notes_ar"].startswith("نفذ تنظيم داعش الإرهابي اليوم 14 نوفمبر كمينًا")


def test_bom_and_include_vague_refused_for_other_formats(store):
    r = CliRunner().invoke(main, ["--store", str(store.path), "export", "--format", "ttl", "--bom"])
    assert r.exit_code == 2 and "acled-csv only" in r.output


def test_query_csv_with_a_bom_for_spreadsheets(store):
    runner = CliRunner()
    r = runner.invoke(main, ["--store", str(store.path), "query", "transfer-deals", "--format", "csv", "--bom"])
    assert r.exit_code == 0, r.output
    assert r.stdout_bytes.startswith(b"\xef\xbb\xbfdeal,")
    rows = read(r.stdout_bytes)
    assert any("Arsal" in row["summary"] for row in rows)
    plain = runner.invoke(main, ["--store", str(store.path), "query", "transfer-deals", "--format", "csv"])
    assert plain.stdout_bytes.startswith(b"deal,") and read(plain.stdout_bytes) == rows
    r = runner.invoke(main, ["--store", str(store.path), "query", "transfer-deals", "--bom"])
    assert r.exit_code == 2 and "csv or tsv only" in r.output


def test_imported_rows_carry_their_date_bounds_too(store, tmp_path):
    from pathlib import Path

    from helpers import copy_store

    from conflictkg.ingest.imports.run import import_file
    from conflictkg.store.generations import Store

    copy_store(store.path, tmp_path / "store")
    live = Store(tmp_path / "store")
    import_file(Path(__file__).parents[1] / "data" / "import" / "acled-2019-layout.csv", "acled", live)
    imported = [r for r in read(acled.write_csv(Tables(live)).data) if "/event/acled/" in r["ckg_event"]]
    assert imported
    for r in imported:
        assert r["ckg_date_earliest"] <= r["event_date"] <= r["ckg_date_latest"], r["event_id_cnty"]
        assert r["ckg_date_precision"] == ("day" if r["time_precision"] == "1" else "range")
