"""conflictkg import: ACLED (both layouts) and UCDP GED, round trip, alignment, duplicates, idempotence."""
import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import copy_store

from conflictkg.cli import main
from conflictkg.ingest.imports.run import import_file
from conflictkg.share.exports import export
from conflictkg.store.generations import Store
from conflictkg.store.queries import run as run_query

DATA = Path(__file__).parents[1] / "data" / "import"
ID = "https://w3id.org/conflictkg/id/"
ACLED_GRAPH = "https://w3id.org/conflictkg/graph/import/acled"


@pytest.fixture
def live(store, tmp_path) -> Store:
    path = tmp_path / "store"
    copy_store(store.path, path)
    return Store(path)


@pytest.fixture(scope="module")
def all_sources(store, tmp_path_factory) -> Store:
    """The seeds plus both ACLED fixtures and the UCDP fixture, imported once."""
    path = tmp_path_factory.mktemp("imported") / "store"
    copy_store(store.path, path)
    s = Store(path)
    for dataset, name in (("acled", "acled-2019-layout"), ("acled", "acled-2025-layout"), ("ucdp", "ucdp-ged")):
        result = import_file(DATA / f"{name}.csv", dataset, s, batch_size=2)
        assert not result.rejected, result.rejected
    return s


def one(store: Store, sparql: str) -> list[dict]:
    prefixes = ("PREFIX ckg: <https://w3id.org/conflictkg/ontology#> PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
                "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")
    return store.select(prefixes + sparql)[1]


def test_acled_csv_export_imports_back_to_the_same_rows(live, tmp_path):
    exported = tmp_path / "export.csv"
    exported.write_bytes(export(live, "acled-csv"))
    before = {r["event_id_cnty"]: r for r in csv.DictReader(exported.open(encoding="utf-8"))}
    result = import_file(exported, "acled", live, batch_size=40)
    assert (result.rows, result.imported, result.rejected) == (len(before), len(before), [])
    again = [r for r in csv.DictReader(export(live, "acled-csv").decode("utf-8").splitlines())
             if "/event/acled/" in r["ckg_event"]]
    assert len(again) == len(before)
    for row in again:
        old = before[row["event_id_cnty"]]
        # an imported row is written back as the file had it; only our own columns (ckg_…) are new
        for col in (c for c in old if not c.startswith("ckg_")):
            assert row[col] == old[col], (row["event_id_cnty"], col)


def test_old_layout_row_becomes_a_mapped_event(all_sources):
    rows = one(all_sources, f"""
        SELECT ?cls ?day ?place ?killed ?line ?rid WHERE {{
          <{ID}event/acled/SYR90001> a ?cls ; sem:hasTimeStamp ?day ; sem:hasPlace ?place ;
             ckg:hasCount/ckg:exactValue ?killed ; prov:wasDerivedFrom ?rec .
          ?rec ckg:rowNumber ?line ; ckg:recordId ?rid }}""")
    assert rows == [{"cls": "https://w3id.org/conflictkg/ontology#ArmedClash", "day": "2020-05-09",
                     "place": f"{ID}place/acled/syria/deir-ez-zor/al-mayadin/thiban/thiban", "killed": "4",
                     "line": "2", "rid": "SYR90001"}]
    actors = {r["a"] for r in one(all_sources, f"SELECT ?a WHERE {{ <{ID}event/acled/SYR90001> ckg:perpetrator|ckg:target ?a }}")}
    assert actors == {f"{ID}actor/isis", f"{ID}actor/syrian-regime-forces", f"{ID}actor/national-defence-forces"}
    # Al Mayadin is our district (mappings/place-names.yaml), so the new places hang under it
    chain = one(all_sources, f"SELECT ?p WHERE {{ <{ID}place/acled/syria/deir-ez-zor/al-mayadin/thiban> ckg:partOf ?p }}")
    assert chain == [{"p": f"{ID}place/mayadin-district"}]


def test_2025_layout_with_text_inter_codes_and_long_dates(all_sources):
    rows = one(all_sources, f"""
        SELECT ?e ?day ?place WHERE {{ VALUES ?e {{ <{ID}event/acled/SYR91001> <{ID}event/acled/SYR91003> }}
          ?e sem:hasTimeStamp ?day ; sem:hasPlace ?place }} ORDER BY ?e""")
    assert [(r["day"], r["place"]) for r in rows] == [("2024-03-15", f"{ID}place/deir-ez-zor"),
                                                      ("2024-03-20", f"{ID}place/mayadin")]
    protesters = one(all_sources, f"SELECT ?c ?from WHERE {{ <{ID}actor/acled/protesters-syria> a ?c ; ckg:importedFrom ?from }}")
    assert protesters == [{"c": "https://w3id.org/conflictkg/ontology#CivilianGroup", "from": f"{ID}dataset/acled"}]


def test_ucdp_keeps_low_best_high(all_sources):
    rows = one(all_sources, f"""
        SELECT ?cls ?low ?best ?high ?lower ?begin ?end WHERE {{
          <{ID}event/ucdp/310002> a ?cls ; sem:hasEarliestBeginTimeStamp ?begin ; sem:hasLatestEndTimeStamp ?end ;
             ckg:hasCount ?c . ?c ckg:minValue ?low ; ckg:bestEstimate ?best ; ckg:maxValue ?high ; ckg:lowerBound ?lower }}""")
    assert rows == [{"cls": "https://w3id.org/conflictkg/ontology#AttackOnCivilians", "low": "2", "best": "2",
                     "high": "3", "lower": "2", "begin": "2020-06-15", "end": "2020-06-21"}]


def test_one_entity_per_actor_and_place_across_sources(all_sources):
    # ISIS from the articles, ACLED's 'Islamic State (Syria)' and UCDP's 'IS' are one actor with all three names
    names = {r["n"] for r in one(all_sources, f"SELECT ?n WHERE {{ <{ID}actor/isis> rdfs:label|skos:altLabel ?n }}")}
    assert {"Islamic State (ISIS)", "Islamic State (Syria)", "IS", "داعش"} <= names
    sources = {r["d"] for r in one(all_sources, f"""
        SELECT DISTINCT ?d WHERE {{ ?e ckg:perpetrator|ckg:target|ckg:party <{ID}actor/isis> ; prov:wasDerivedFrom ?o .
          OPTIONAL {{ ?o ckg:dataset ?ds }} BIND (COALESCE(?ds, "article") AS ?d) }}""")}
    assert sources == {"article", f"{ID}dataset/acled", f"{ID}dataset/ucdp"}
    # UCDP's 'Thiban town' in 'Al Mayadin district' is the Thiban ACLED created
    place = one(all_sources, f"SELECT ?p WHERE {{ <{ID}event/ucdp/310001> sem:hasPlace ?p }}")
    assert place == [{"p": f"{ID}place/acled/syria/deir-ez-zor/al-mayadin/thiban/thiban"}]
    # asserted, not merged: ACLED's police is its own actor, closely matched to the regime forces
    police = one(all_sources, f"""SELECT ?x WHERE {{ ?x skos:closeMatch <{ID}actor/syrian-regime-forces> .
                                  <{ID}event/acled/SYR91001> ckg:target ?x }}""")
    assert police == [{"x": f"{ID}actor/acled/police-forces-of-syria-2000"}]


def test_cross_source_duplicates_are_scored_links(all_sources):
    rows = run_query("cross-source-events", {"min_score": "0.9"}, store=all_sources).rows
    pairs = {(r["event_a"].split("/id/")[1], r["event_b"].split("/id/")[1]): float(r["score"]) for r in rows}
    assert pairs[("event/acled/SYR90001", "event/ucdp/310001")] >= 0.9  # same day, place, sides and toll
    assert pairs[("event/acled/SYR91002", "event/ucdp/310003")] == 1.0
    assert all(r["source_a"] != r["source_b"] for r in rows)
    # the Fatemiyoun clash the same day at Thiban shares only ISIS: a weaker link
    weaker = run_query("cross-source-events", {"min_score": "0"}, store=all_sources).rows
    score = {(r["event_a"], r["event_b"]): float(r["score"]) for r in weaker}
    assert score[(f"{ID}event/acled/SYR90005", f"{ID}event/ucdp/310001")] < 0.9


def test_import_again_changes_nothing(live):
    import_file(DATA / "acled-2019-layout.csv", "acled", live, batch_size=2)
    first = live.graphs()[ACLED_GRAPH]
    generation = live.manifest()["generation"]
    import_file(DATA / "acled-2019-layout.csv", "acled", live, batch_size=2)
    assert live.graphs()[ACLED_GRAPH] == first
    assert export(live, "nt") == export(Store(live.path), "nt")
    assert live.manifest()["generation"] != "" and generation


def test_changed_row_is_rewritten_not_added(live, tmp_path):
    import_file(DATA / "acled-2019-layout.csv", "acled", live, batch_size=10)
    changed = tmp_path / "acled.csv"
    changed.write_text((DATA / "acled-2019-layout.csv").read_text(encoding="utf-8").replace(
        "4 regime soldiers were killed.\",4,", "5 regime soldiers were killed.\",5,"), encoding="utf-8")
    import_file(changed, "acled", live, batch_size=10)
    killed = one(live, f"SELECT ?n WHERE {{ <{ID}event/acled/SYR90001> ckg:hasCount/ckg:exactValue ?n }}")
    assert killed == [{"n": "5"}]


def test_import_command_reports_rows_and_duplicates(live):
    r = CliRunner().invoke(main, ["--store", str(live.path), "import", "ucdp", str(DATA / "ucdp-ged.csv")])
    assert r.exit_code == 0, r.output
    assert "Imported 3 of 3 rows" in r.output and "possible duplicate pair(s)" in r.output
