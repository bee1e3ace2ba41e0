"""`conflictkg events` on the built seeds and on a store with ACLED and UCDP imports: the rows an independent
SPARQL query finds, in every format, read back with a real reader."""
import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import copy_store

from conflictkg.cli import main
from conflictkg.ingest.imports.run import import_file

DATA = Path(__file__).parents[1] / "data" / "import"
ID = "https://w3id.org/conflictkg/id/"
AMBUSH = ID + "fact/003_117490c947766292/e06"
NOVEMBER = ["--governorate", "Deir ez-Zor", "--from", "2021-11-01", "--to", "2021-11-30"]

# Written apart from the library: specific events (no second accounts) at a place part of the Deir ez-Zor
# governorate whose date span overlaps November 2021.
INDEPENDENT = """
PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT DISTINCT ?e WHERE {
  ?e ckg:statementKind ckg:SpecificEvent ; sem:hasEarliestBeginTimeStamp ?a ; sem:hasLatestEndTimeStamp ?b .
  ?e sem:hasPlace|ckg:fromPlace|ckg:toPlace ?p . ?p ckg:partOf* <https://w3id.org/conflictkg/id/place/deir-ez-zor-governorate> .
  FILTER NOT EXISTS { ?e ckg:sameEventAs ?first }
  FILTER (STR(?a) <= "2021-11-30" && STR(?b) >= "2021-11-01")
}"""


@pytest.fixture(scope="module")
def imported(store, tmp_path_factory):
    """The seeds plus both ACLED fixtures and the UCDP fixture, imported."""
    s = copy_store(store.path, tmp_path_factory.mktemp("events-imported") / "store")
    for dataset, name in (("acled", "acled-2019-layout"), ("acled", "acled-2025-layout"), ("ucdp", "ucdp-ged")):
        assert not import_file(DATA / f"{name}.csv", dataset, s, batch_size=2).rejected
    return s


def run(store, *args):
    return CliRunner().invoke(main, ["--store", str(store.path), "events", *args])


def csv_rows(store, *args):
    result = run(store, *args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


@pytest.mark.parametrize("which", ["seeds", "imported"])
def test_deir_ez_zor_in_november_2021_as_csv(which, store, imported):
    s = store if which == "seeds" else imported
    rows = csv_rows(s, *NOVEMBER)
    expected = {r["e"] for r in s.select(INDEPENDENT)[1]}
    assert {r["event"] for r in rows} == expected and AMBUSH in expected
    ambush = next(r for r in rows if r["event"] == AMBUSH)
    assert (ambush["killed_low"], ambush["killed_high"], ambush["class"]) == ("13", "13", "Ambush")
    assert "كمينًا" in ambush["evidence"]
    for r in rows:
        assert "Deir ez-Zor" in r["governorates"].split("; ")
        assert r["earliest"] <= "2021-11-30" and r["latest"] >= "2021-11-01"


def test_xlsx_opens_with_openpyxl_arabic_intact(store, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "nov.xlsx"
    result = run(store, *NOVEMBER, "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["events"]
    values = list(sheet.values)
    header, body = values[0], [dict(zip(values[0], v)) for v in values[1:]]
    assert [r["event"] for r in body] == [r["event"] for r in csv_rows(store, *NOVEMBER)]
    ambush = next(r for r in body if r["event"] == AMBUSH)
    assert ambush["killed_low"] == 13 and ambush["killed_high"] == 13 and "earliest" in header
    assert "نفذ تنظيم داعش الإرهابي اليوم 14 نوفمبر كمينًا" in ambush["evidence"]
    again = tmp_path / "again.xlsx"
    run(store, *NOVEMBER, "--format", "xlsx", "-o", str(again))
    assert again.read_bytes() == out.read_bytes()  # deterministic, clock readings and all


def test_imported_events_by_source_and_governorate(imported):
    march = ["--governorate", "دير الزور", "--from", "2024-03", "--to", "2024-03"]
    acled = csv_rows(imported, *march, "--source", "acled")
    assert {r["evidence"].split(" of ")[0] for r in acled} == {"record SYR91001", "record SYR91002",
                                                               "record SYR91003"}  # a bombing, a clash, a protest
    assert {r["source"] for r in acled} == {"acled"}
    bombing = next(r for r in acled if "SYR91001" in r["evidence"])
    assert (bombing["killed_low"], bombing["type"], bombing["governorates"]) == ("5", "Explosions/Remote violence",
                                                                                "Deir ez-Zor")
    ucdp = csv_rows(imported, *march, "--source", "ucdp")
    assert [r["source"] for r in ucdp] == ["ucdp"] and ucdp[0]["evidence"].startswith("record 310003")
    both = csv_rows(imported, *march, "--source", "acled", "--source", "ucdp", "--source", "curated")
    assert len(both) == len(acled) + len(ucdp)


def test_geojson_has_one_feature_per_event(imported):
    result = run(imported, "--kind", "event", "--kind", "background", "--format", "geojson")
    doc = json.loads(result.output)
    rows = csv_rows(imported, "--kind", "event", "--kind", "background")
    assert [f["id"] for f in doc["features"]] == [r["event"] for r in rows]
    assert sum(f["properties"]["killed_low"] or 0 for f in doc["features"]) == \
        sum(int(r["killed_low"] or 0) for r in rows)
    kinds = {f["geometry"]["type"] for f in doc["features"] if f["geometry"]}
    assert kinds == {"Point", "MultiPoint"}


def test_within_on_the_command_line(store):
    spans = csv_rows(store, "--from", "2019", "--to", "2019", "--kind", "event", "--kind", "background")
    inside = csv_rows(store, "--from", "2019", "--to", "2019", "--within", "--kind", "event", "--kind", "background")
    assert {r["event"] for r in inside} < {r["event"] for r in spans}
    assert all(r["earliest"] >= "2019-01-01" and r["latest"] <= "2019-12-31" for r in inside)


def test_json_tsv_and_table(store):
    data = json.loads(run(store, *NOVEMBER, "--format", "json").output)
    assert AMBUSH in [r["event"] for r in data["rows"]] and data["columns"][0] == "earliest"
    tsv = run(store, *NOVEMBER, "--format", "tsv").output.splitlines()
    assert tsv[0].split("\t")[0] == "earliest" and len(tsv) == len(data["rows"]) + 1
    table = run(store, *NOVEMBER).output
    assert "fact/003_117490c947766292/e06" in table and f"({len(data['rows'])} row" in table


def test_unknown_names_and_bad_dates_exit_2(store):
    result = run(store, "--governorate", "Deir ez-Zr")
    assert result.exit_code == 2 and "did you mean: Deir ez-Zor" in result.output
    result = run(store, "--actor", "isiss")
    assert result.exit_code == 2 and "isis" in result.output
    result = run(store, "--from", "2021-13-01")
    assert result.exit_code == 2 and "not a date" in result.output
    result = run(store, "--from", "2022", "--to", "2021")
    assert result.exit_code == 2 and "before it starts" in result.output


def export(store, *args):
    return CliRunner().invoke(main, ["--store", str(store.path), "export", *args])


def test_export_takes_the_same_filters(imported):
    def iri(row):  # an imported ACLED row keeps its source's tags: our IRI is in ckg_event
        return row.get("ckg_event") or row["tags"].rsplit("conflictkg: ", 1)[1]

    every = list(csv.DictReader(io.StringIO(export(imported, "--format", "acled-csv").stdout)))
    for filters in (NOVEMBER, ["--actor", "isis", "--role", "perpetrator", "--type", "Attack"],
                    ["--from", "2024", "--source", "acled", "--source", "ucdp"]):
        result = export(imported, "--format", "acled-csv", *filters)
        assert result.exit_code == 0, result.output
        kept = list(csv.DictReader(io.StringIO(result.stdout)))  # stderr counts the vague dates left out
        listed = {r["event"] for r in csv_rows(imported, *filters, "--kind", "event", "--kind", "background")}
        assert kept and {iri(r) for r in kept} == {iri(r) for r in every} & listed, filters
        doc = json.loads(export(imported, "--format", "geojson", *filters).stdout)
        assert {f["properties"]["iri"] for f in doc["features"] if f["properties"]["feature"] == "event"} <= listed


def test_export_formats_without_rows_refuse_filters(store):
    result = export(store, "--format", "ttl", "--from", "2021")
    assert result.exit_code == 2 and "takes no event filters" in result.output


def test_an_ingested_article_is_the_extracted_source(store, tmp_path):
    """extract → review → ingest, then `events --source extracted` lists what was ingested, and only that."""
    from helpers import NEWS

    kg = copy_store(store.path, tmp_path / "store")
    art, facts = tmp_path / "sukhnah-attack.txt", tmp_path / "sukhnah-attack.facts.yaml"
    art.write_text(NEWS, encoding="utf-8")
    runner = CliRunner()
    for args in (["extract", str(art), "--published", "2023-05-17", "-o", str(facts)],
                 ["review", str(facts), "--article", str(art), "--accept-all", "--by", "tester"],
                 ["--store", str(kg.path), "ingest", str(facts), str(art), "--published", "2023-05-17"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    graph = "https://w3id.org/conflictkg/graph/article/sukhnah-attack"
    kind = "<https://w3id.org/conflictkg/ontology#statementKind>"
    _, rows = kg.select(f"SELECT DISTINCT ?e WHERE {{ GRAPH <{graph}> {{ ?e {kind} ?k }} }}")
    ingested = {r["e"] for r in rows}
    kinds = [a for k in ("event", "background", "pattern", "anticipated") for a in ("--kind", k)]
    listed = csv_rows(kg, "--source", "extracted", *kinds)
    assert ingested and {r["event"] for r in listed} == ingested
    assert {r["source"] for r in listed} == {"extracted"}
    sukhnah = csv_rows(kg, "--source", "extracted", "--place", "السخنة", "--actor", "داعش", "--role", "perpetrator")
    assert [(r["killed_low"], r["earliest"]) for r in sukhnah] == [("7", "2023-05-16")]
    assert "extracted" not in {r["source"] for r in csv_rows(kg, "--source", "curated")}
