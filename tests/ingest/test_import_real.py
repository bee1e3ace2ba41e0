"""Real ACLED files, and the codebook's cases, import whole and come back out of the ACLED export as they were.

The real rows (tests/data/import/real/, see SOURCES.md) are ACLED's own exports in both layouts; the codebook
cases (tests/data/import/codebook/) are written by hand from ACLED's and UCDP's codebooks, for the values the
real rows do not show."""
import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import copy_store

from conflictkg.cli import main
from conflictkg.ingest.imports import mapping
from conflictkg.ingest.imports.run import import_file
from conflictkg.share.exports import export
from conflictkg.store.generations import Store

DATA = Path(__file__).parents[1] / "data" / "import"
REAL = sorted((DATA / "real").glob("acled-*.csv"))
CODEBOOK = DATA / "codebook" / "acled-codebook-cases-handwritten.csv"
UCDP_CASES = DATA / "codebook" / "ucdp-ged-codebook-cases-handwritten.csv"
ID = "https://w3id.org/conflictkg/id/"
PREFIXES = ("PREFIX ckg: <https://w3id.org/conflictkg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")


def rows_of(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def iso(value: str) -> str:
    """ACLED's event_date in any of its layouts' formats, as ISO: the export's one normalisation."""
    for fmt in ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return value


@pytest.fixture(scope="module")
def imported(store, tmp_path_factory) -> Store:
    """The seeds, every real ACLED file and the ACLED and UCDP codebook cases, each imported with the default
    --on-error abort."""
    path = tmp_path_factory.mktemp("real") / "store"
    copy_store(store.path, path)
    s = Store(path)
    for f in [*REAL, CODEBOOK]:
        result = import_file(f, "acled", s, batch_size=10)
        assert (result.rows, result.imported, result.rejected) == (len(rows_of(f)), len(rows_of(f)), []), f.name
    result = import_file(UCDP_CASES, "ucdp", s, batch_size=10)
    assert (result.rows, result.imported, result.rejected) == (7, 7, [])
    return s


@pytest.fixture(scope="module")
def exported(imported) -> dict[str, dict]:
    return {r["event_id_cnty"]: r for r in csv.DictReader(export(imported, "acled-csv").decode("utf-8").splitlines())}


def select(store: Store, sparql: str) -> list[dict]:
    return store.select(PREFIXES + sparql)[1]


def test_real_files_cover_both_layouts():
    headers = {tuple(rows_of(f)[0]) for f in REAL}
    assert any("data_id" in h and "iso3" in h for h in headers)                      # before 2023
    assert any("disorder_type" in h and "civilian_targeting" in h and "tags" in h for h in headers)  # 2023 on
    assert sum(len(rows_of(f)) for f in REAL) == 45


@pytest.mark.parametrize("path", [*REAL, CODEBOOK], ids=lambda p: p.name)
def test_export_gives_every_cell_back(exported, path):
    """Every column of every row comes back as the file wrote it (event_date as ISO): ≥ 99% is the promise,
    these files give back all of them."""
    source = rows_of(path)
    for column in source[0]:
        same = sum(exported[r["event_id_cnty"]][column] == (iso(r[column]) if column == "event_date" else r[column])
                   for r in source)
        assert same == len(source), (path.name, column, same, len(source))


def test_export_keeps_the_source_values_not_our_aligned_ones(exported, imported):
    """Regression: the export wrote our actors' names, our gazetteer's admin names and points and our own
    source scale over the row's: Idleb came back as our spelling, geo_precision as ours, tags filled in."""
    row = exported["SYR78147"]
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"], row["assoc_actor_2"]) == (
        "Military Forces of Syria (2000-)", "Militia (Pro-Government)", "Opposition Rebels (Syria)",
        "Islamist Militia (Syria)")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "2", "12")
    assert (row["admin1"], row["admin2"], row["admin3"], row["location"]) == ("Idleb", "Al Ma'ra", "Kafr Nobol",
                                                                              "Ftireh")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("35.6097", "36.4853", "2")
    assert (row["source_scale"], row["tags"], row["civilian_targeting"], row["timestamp"]) == (
        "Other", "", "", "1589243119")
    assert (row["data_id"], row["event_id_no_cnty"], row["iso3"]) == ("7083619", "78147", "SYR")
    # ours come after, in our own columns: the event and the entities the names were aligned to
    assert row["ckg_event"] == ID + "event/acled/SYR78147"
    assert len(row["ckg_actors"].split("; ")) == 4 and row["ckg_place"].startswith(ID + "place/")
    # the record keeps the row itself, linked from the event
    kept = select(imported, f"SELECT ?row WHERE {{ <{ID}event/acled/SYR78147> prov:wasDerivedFrom/ckg:sourceRow ?row }}")
    written = {r["event_id_cnty"]: r for r in rows_of(DATA / "real" / "acled-2020-old-layout.csv")}["SYR78147"]
    assert json.loads(kept[0]["row"]) == written


def test_inter_zero_and_plural_labels_are_codebook_values_bug():
    """Regression: inter2 = 0 (no second actor) was refused as 'not an ACLED inter code' although the message
    offered 0–8, and the plural labels of the codebook's tables ('Rebel groups') were refused."""
    maps = mapping.load()
    assert maps.inter_class("0") == "" and maps.inter_class("") == ""
    assert maps.inter_class("Rebel groups") == maps.inter_class("rebel group") == maps.inter_class("2")
    assert maps.inter_class("Political militias") == maps.inter_class("Identity militias") == "Militia"
    assert maps.inter_class("External/Other forces") == maps.inter_class("8") == "ForeignMilitaryForce"
    assert maps.inter_class("9") is None and maps.inter_class("Tribes") is None


def test_same_actor_on_both_sides_and_one_sided_battles_import_as_clashes_bug(imported):
    """Regression: ArmedClashShape refused real battles with one side unnamed, and clashes within one group
    (the same actor on both sides) for 'Name both sides of the clash'; one-sided battles became attacks."""
    rows = select(imported, f"""SELECT ?e ?p ?t WHERE {{
        VALUES ?e {{ <{ID}event/acled/CBK001> <{ID}event/acled/CBK002> <{ID}event/acled/YEM52361> }}
        ?e a ckg:ArmedClash . OPTIONAL {{ ?e ckg:perpetrator ?p }} OPTIONAL {{ ?e ckg:target ?t }} }}""")
    by = {}
    for r in rows:
        by.setdefault(r["e"].rsplit("/", 1)[1], set()).add((r["p"], r["t"]))
    assert set(by) == {"CBK001", "CBK002", "YEM52361"}
    (p, t), = by["CBK001"]
    assert p == t  # one entity on both sides
    assert {t for _, t in by["CBK002"]} == {None}


def test_arabic_only_actor_names_get_distinct_stable_iris_bug(imported):
    """Regression: every actor name without Latin letters was minted as …/actor/acled/unnamed, so two Arabic
    names became one actor."""
    a, b = "قوات العشائر", "جيش الثوار"
    assert mapping.name_slug(a) != mapping.name_slug(b)
    assert mapping.name_slug(a) == mapping.name_slug("قوات  العشائر") == "h6248b9e0c1874e8c"
    rows = select(imported, f"""SELECT ?actor ?label WHERE {{ <{ID}event/acled/CBK027> ckg:perpetrator|ckg:target ?actor .
        ?actor rdfs:label ?label }}""")
    assert {r["label"] for r in rows} == {a, b} and len({r["actor"] for r in rows}) == 2
    assert all("unnamed" not in r["actor"] for r in rows)


def test_arabic_only_actors_are_in_the_export_tables_bug(imported, exported):
    """Regression: queries/export/entities.rq asked every entity for an English label, so an actor a dataset
    named only in Arabic was missing from the export tables and ckg_actor_names showed its digest id."""
    from conflictkg.ask.tabular import Tables

    names = {"قوات العشائر", "جيش الثوار"}
    assert set(exported["CBK027"]["ckg_actor_names"].split("; ")) == names
    entities = Tables(imported).entities
    for name in names:
        e = entities[f"{ID}actor/acled/{mapping.name_slug(name)}"]
        assert (e.en, e.ar, e.kind) == (name, name, "actor")


@pytest.mark.parametrize("column, value, needle", [
    ("sub_event_type", "Alien invasion", "column sub_event_type = 'Battles / Alien invasion': not an ACLED event type"),
    ("latitude", "999", "column latitude = '999': out of range"),
    ("event_date", "31-Feb-20", "column event_date = '31-Feb-20': not a real date"),
    ("inter2", "9", "column inter2 = '9': not an ACLED inter code; fix: use 0–8"),
])
def test_rows_that_break_the_codebook_are_still_refused(store, tmp_path, column, value, needle):
    """A row the codebook does not allow stops the import with its line, column, value and fix; nothing of it
    is written."""
    live = tmp_path / "store"
    copy_store(store.path, live)
    rows = rows_of(REAL[0])
    rows[3][column] = value
    path = tmp_path / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    before = sorted(p.name for p in live.iterdir())
    r = CliRunner().invoke(main, ["--store", str(live), "import", "acled", str(path), "--batch-size", "100"])
    assert r.exit_code == 1 and "acled.csv:5" in r.output and needle in r.output and "fix:" in r.output, r.output
    assert sorted(p.name for p in live.iterdir() if p.name != ".lock") == [n for n in before if n != ".lock"]


def test_ucdp_cases_keep_deaths_precision_codes_and_sides(imported):
    """Every where_prec (1–7) and date_prec (1–5) of the UCDP codebook imports; low/best/high are the count's
    range and best estimate, the sides are the event's actors, and the record keeps the codes as written."""
    source = {r["id"]: r for r in rows_of(UCDP_CASES)}
    got = select(imported, """SELECT ?rec ?row ?min ?best ?max WHERE { ?e prov:wasDerivedFrom ?rec .
        ?rec ckg:dataset <https://w3id.org/conflictkg/id/dataset/ucdp> ; ckg:sourceRow ?row .
        ?e ckg:hasCount ?c . ?c ckg:minValue ?min ; ckg:bestEstimate ?best ; ckg:maxValue ?max }""")
    kept = {json.loads(r["row"])["id"]: r for r in got}
    assert set(kept) >= set(source)
    for rid, want in source.items():
        row = json.loads(kept[rid]["row"])
        assert {c: row[c] for c in ("where_prec", "date_prec", "side_a", "side_b", "low", "best", "high")} == {
            c: want[c] for c in ("where_prec", "date_prec", "side_a", "side_b", "low", "best", "high")}
        assert (kept[rid]["min"], kept[rid]["best"], kept[rid]["max"]) == (want["low"], want["best"], want["high"])
        sides = select(imported, f"""SELECT ?label WHERE {{ <{ID}event/ucdp/{rid}> ckg:perpetrator|ckg:target ?a .
            ?a rdfs:label|<http://www.w3.org/2004/02/skos/core#altLabel> ?label }}""")
        assert {want["side_a"], want["side_b"]} <= {s["label"] for s in sides}, rid


@pytest.mark.parametrize("labels", [False, True], ids=["codes", "labels"])
def test_benchmark_generator_writes_what_the_codebook_allows(store, tmp_path, labels):
    """bench/synth_acled.py writes rows real files have: about a third with no second actor (inter2 0, or empty
    in the label style), the plural labels in the label style; every row imports with --on-error abort."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("synth_acled", Path(__file__).parents[2] / "bench" / "synth_acled.py")
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    rows = list(synth.rows(300, 7, labels))
    assert 0.25 < sum(not r["actor2"] for r in rows) / len(rows) < 0.5
    assert {r["inter2"] for r in rows if not r["actor2"]} == ({""} if labels else {0})
    if labels:
        assert "Rebel groups" in {r["inter1"] for r in rows} | {r["inter2"] for r in rows}
    path = tmp_path / "synth.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=synth.HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    live = tmp_path / "store"
    copy_store(store.path, live)
    result = import_file(path, "acled", Store(live), batch_size=100)
    assert (result.imported, result.rejected) == (300, [])


def test_acled_api_json_page_imports_like_its_csv_bug(store, tmp_path):
    """ACLED's API answers {"status": 200, "success": true, "count": N, "data": [...]}, every value a string:
    the real 2024 rows served that way import whole and export the same cells as from the CSV. Regression: only
    UCDP's page object (`Result`) was read, and ACLED's was refused as "not a UCDP API answer"."""
    path = next(f for f in REAL if "2024" in f.name)
    rows = rows_of(path)
    page = tmp_path / "acled-api.json"
    page.write_text(json.dumps({"status": 200, "success": True, "last_update": 0, "count": len(rows),
                                "messages": [], "data": rows}, ensure_ascii=False), encoding="utf-8")
    s = copy_store(store.path, tmp_path / "store")
    result = import_file(page, "acled", s, batch_size=10)
    assert (result.rows, result.imported, result.rejected) == (len(rows), len(rows), [])
    out = {r["event_id_cnty"]: r for r in csv.DictReader(export(s, "acled-csv").decode("utf-8").splitlines())}
    for r in rows:
        got = out[r["event_id_cnty"]]
        assert {c: got[c] for c in r} == {c: iso(v) if c == "event_date" else v for c, v in r.items()}
