"""Real UCDP GED records import whole, and their source records give back the deaths, precision codes and sides.

Two real samples (tests/data/import/real/, see SOURCES.md): rows of the GED 19.1 CSV as the Humanitarian Data
Exchange republishes it (with its HXL hashtag row under the header), and records of the UCDP API's gedevents
answer (JSON)."""
import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import copy_store

from conflictkg.cli import main
from conflictkg.core.errors import InputError
from conflictkg.ingest.imports.csvfile import Reader, hxl_row
from conflictkg.ingest.imports.jsonfile import JsonRecords
from conflictkg.ingest.imports.run import import_file
from conflictkg.store.generations import Store

REAL = Path(__file__).parents[1] / "data" / "import" / "real"
GED_CSV = REAL / "ucdp-ged-19.1-hdx-bangladesh.csv"
API_JSON = REAL / "ucdp-api-gedevents-middle-east.json"
ID = "https://w3id.org/conflictkg/id/"
PREFIXES = ("PREFIX ckg: <https://w3id.org/conflictkg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> ")
KEPT = ("id", "where_prec", "date_prec", "date_start", "date_end", "side_a", "side_b", "low", "best", "high",
        "latitude", "longitude", "adm_1", "adm_2", "source_article")


def csv_records() -> list[dict]:
    """The CSV's records as written, spaces included, without HDX's hashtag row."""
    with GED_CSV.open(encoding="utf-8", newline="") as fh:
        return [dict(r) for r in csv.DictReader(fh) if r["id"]]


def as_written(value) -> str:
    """A JSON value as its text in the file: numbers in their own digits, true/false, null empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def json_records() -> list[dict]:
    records = json.loads(API_JSON.read_text(encoding="utf-8"), parse_int=str, parse_float=str)
    return [{k: as_written(v) for k, v in r.items()} for r in records]


@pytest.fixture(scope="module")
def imported(store, tmp_path_factory) -> Store:
    """The seeds and both real UCDP samples, each imported with the default --on-error abort."""
    s = copy_store(store.path, tmp_path_factory.mktemp("ucdp") / "store")
    for path, n in ((GED_CSV, 13), (API_JSON, 10)):
        result = import_file(path, "ucdp", s, batch_size=5)
        assert (result.rows, result.imported, result.rejected) == (n, n, []), path.name
    return s


def select(store: Store, sparql: str) -> list[dict]:
    return store.select(PREFIXES + sparql)[1]


def test_the_samples_cover_the_codebook_values_they_claim():
    rows = csv_records() + json_records()
    assert {r["type_of_violence"] for r in rows} == {"1", "2", "3"}
    assert {r["where_prec"] for r in rows} == {"1", "2", "3", "4", "6"}
    assert {r["date_prec"] for r in rows} == {"1", "2"}
    assert any(r["low"] < r["high"] for r in rows) and any(r["date_start"] != r["date_end"] for r in rows)


@pytest.mark.parametrize("records", [csv_records, json_records], ids=["ged-csv", "api-json"])
def test_real_records_keep_deaths_precision_codes_and_sides(imported, records):
    """Each record's source record holds the whole record as written; the count carries low/best/high; the
    sides are the event's actors; the event spans date_start to date_end."""
    want = {r["id"]: r for r in records()}
    got = select(imported, """SELECT ?e ?row ?min ?best ?max ?from ?to WHERE { ?e prov:wasDerivedFrom ?rec .
        ?rec ckg:dataset <https://w3id.org/conflictkg/id/dataset/ucdp> ; ckg:sourceRow ?row .
        ?e ckg:hasCount ?c . ?c ckg:minValue ?min ; ckg:bestEstimate ?best ; ckg:maxValue ?max .
        ?e sem:hasEarliestBeginTimeStamp ?from ; sem:hasLatestEndTimeStamp ?to }""")
    kept = {json.loads(r["row"])["id"]: r for r in got}
    assert set(want) <= set(kept)
    for rid, w in want.items():
        row = json.loads(kept[rid]["row"])
        assert row == w, rid  # every field, as the file wrote it
        assert {c: row[c] for c in KEPT} == {c: w[c] for c in KEPT}
        k = kept[rid]
        assert (k["min"], k["best"], k["max"]) == (w["low"], w["best"], w["high"]), rid
        assert (k["from"], k["to"]) == (w["date_start"][:10], w["date_end"][:10]), rid
        sides = select(imported, f"""SELECT ?label WHERE {{ <{k['e']}> ckg:perpetrator|ckg:target ?a .
            ?a rdfs:label|skos:altLabel ?label }}""")
        assert {w["side_a"].strip(), w["side_b"].strip()} <= {s["label"] for s in sides}, rid


def test_a_value_keeps_the_spaces_the_source_wrote_bug(imported):
    """Regression: values were trimmed on their way into the source record, so the API record whose
    where_description starts with a space came back without it."""
    spaced = {r["id"]: r["where_description"] for r in json_records()
              if r["where_description"] != r["where_description"].strip()}
    assert spaced  # the real sample has one
    rows = [json.loads(r["row"]) for r in select(imported, "SELECT ?row WHERE { ?rec ckg:sourceRow ?row }")]
    assert {r["id"]: r["where_description"] for r in rows if r["id"] in spaced} == spaced


def test_hdx_hashtag_row_is_not_a_record_bug():
    """Regression: the HXL hashtag row HDX puts under the header (',#date+year,…') was read as a record and
    stopped the import at line 2 for 'id: missing or not an id'."""
    rows = list(Reader(GED_CSV))
    assert (rows[0].line, rows[0].values["id"], len(rows)) == (3, "71663", 13)
    assert hxl_row(["", "#date+year", "#adm1+name", "#geo+lat", "#affected+killed"])
    assert not hxl_row(["", "", ""]) and not hxl_row(["73906", "#date+year"]) and not hxl_row(["# 3 killed"])


def test_ucdp_api_answer_imports_as_served_bug(store, tmp_path):
    """Regression: a UCDP API answer (JSON) was read as a CSV and refused for missing columns. The page object
    the API serves, on one line ({"TotalCount": …, "Result": […]}), imports like the array of its records; a
    bad record is refused by its number, field, value and fix, and nothing of its batch is written."""
    records = json.loads(API_JSON.read_text(encoding="utf-8"))
    page = tmp_path / "gedevents-page.json"
    page.write_text(json.dumps({"TotalCount": len(records), "TotalPages": 1, "PreviousPageUrl": "", "NextPageUrl": "",
                                "Result": records}), encoding="utf-8")
    rows = list(JsonRecords(page))
    assert [r.line for r in rows] == list(range(1, 11)) and rows[5].values["active_year"] == "false"
    assert [r.values["id"] for r in rows] == [str(r["id"]) for r in records]
    live = copy_store(store.path, tmp_path / "store")
    result = import_file(page, "ucdp", live, batch_size=100)
    assert (result.imported, result.rejected) == (10, [])

    records[4]["latitude"] = 999
    page.write_text(json.dumps(records), encoding="utf-8")
    fresh = tmp_path / "fresh"
    copy_store(store.path, fresh)
    before = sorted(p.name for p in fresh.iterdir() if p.name != ".lock")
    r = CliRunner().invoke(main, ["--store", str(fresh), "import", "ucdp", str(page), "--batch-size", "100"])
    assert r.exit_code == 1 and "gedevents-page.json: record 5, column latitude = '999'" in r.output \
        and "fix:" in r.output, r.output
    assert sorted(p.name for p in fresh.iterdir() if p.name != ".lock") == before
    # with --on-error skip only that record is left out, though every record is on line 1
    rejected = tmp_path / "left-out.csv"
    result = import_file(page, "ucdp", Store(fresh), batch_size=100, on_error="skip", rejected_path=rejected)
    assert result.imported == 9 and [(x.line, x.column) for x in result.rejected] == [(5, "latitude")]
    with rejected.open(encoding="utf-8") as fh:
        left = list(csv.DictReader(fh))
    assert [(x["record"], x["id"], x["latitude"]) for x in left] == [("5", "164130", "999")]


@pytest.mark.parametrize("text, needle", [
    ('[{"id": 1},\n {"id": 2,', "not valid JSON"),
    ('{"TotalCount": 0, "Result": []}', "holds no records"),
    ('{"error": "Invalid version"}', "neither an array of records nor a page object"),
    ('[1, 2]', "a record is not a JSON object: 1"),
])
def test_json_that_is_no_api_answer_is_refused_clearly(tmp_path, text, needle):
    path = tmp_path / "answer.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        JsonRecords(path)
    assert needle in str(e.value) and "answer.json" in str(e.value)
