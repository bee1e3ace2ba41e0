"""Every export format is read back by a real reader, and is byte-identical across runs."""
import csv
import io
import json
import re
import subprocess

import networkx as nx
import pytest
import rdflib
import yaml
from helpers import needs

from conflictkg.ask.tabular import Tables
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.share.exports import FORMATS, export
from conflictkg.share.exports import acled_csv as acled

FACT = "https://w3id.org/conflictkg/id/fact/"


def curated_events() -> dict[str, dict]:
    """Every event of the fact files as curated, by IRI, read with plain YAML (not with the code under test)."""
    out = {}
    for path in sorted((SEEDS_DIR / "facts").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.update({f"{FACT}{doc['article']}/{e['id']}": e for e in doc.get("events") or []})
    return out


def row_iri(row) -> str:
    return next(t[len("conflictkg: "):] for t in row["tags"].split("; ") if t.startswith("conflictkg: "))


def tool(name):
    """A command-line reader (skipped where absent; CI, which installs it, fails on that skip)."""
    return needs(name)


@pytest.fixture(scope="module")
def files(store, tmp_path_factory):
    d = tmp_path_factory.mktemp("exports")
    out = {}
    for fmt in FORMATS:
        data = export(store, fmt)
        assert export(store, fmt) == data, f"{fmt} is not reproducible"
        (d / f"kg.{fmt}").write_bytes(data)
        out[fmt] = d / f"kg.{fmt}"
    return out


def triples_in_store(store):
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    return int(next(iter(store.query(q)))["n"].value)


@pytest.mark.parametrize("fmt, syntax", [("ttl", "turtle"), ("nt", "ntriples")])
def test_rdf_exports_read_by_rapper_and_rdflib(files, store, fmt, syntax):
    expected = triples_in_store(store)
    g = rdflib.Graph().parse(files[fmt], format="turtle" if fmt == "ttl" else "nt")
    assert len(g) == expected
    res = subprocess.run([tool("rapper"), "-i", syntax, "-c", str(files[fmt])], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert f"returned {expected} triples" in res.stderr


def test_jsonld_read_by_rdflib(files, store):
    g = rdflib.Graph().parse(files["jsonld"], format="json-ld")
    assert len(g) == triples_in_store(store)


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_files_read_by_networkx(files, fmt, reader):
    g = reader(files[fmt])
    kinds = {d.get("kind") for _, d in g.nodes(data=True)}
    assert kinds == {"actor", "place", "event"}
    abu_kamal = g.nodes["https://w3id.org/conflictkg/id/place/abu-kamal"]
    assert abu_kamal["label_ar"] == "البو كمال" and abs(float(abu_kamal["lat"]) - 34.45226) < 1e-6
    assert g.number_of_edges() > 300


def test_geojson_read_by_ogrinfo(files):
    doc = json.loads(files["geojson"].read_text(encoding="utf-8"))
    n = len(doc["features"])
    res = subprocess.run([tool("ogrinfo"), "-ro", "-so", "-al", str(files["geojson"])], capture_output=True,
                         text=True)
    assert res.returncode == 0, res.stderr
    assert re.search(rf"Feature Count: {n}\b", res.stdout), res.stdout
    assert "Geometry: Point" in res.stdout
    places = [f for f in doc["features"] if f["properties"]["feature"] == "place"]
    events = [f for f in doc["features"] if f["properties"]["feature"] == "event"]
    assert len(places) >= 60 and len(events) > 40
    for f in doc["features"]:
        if f["geometry"]:
            lon, lat = f["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    # the 14 November 2021 ambush, at its place, with its quote
    masrab = [f for f in events if f["properties"]["date_earliest"] == "2021-11-14" and f["properties"]["killed"] == 13]
    assert masrab and "كمينًا" in masrab[0]["properties"]["evidence"]


@pytest.fixture(scope="module")
def with_vague(store):
    """The ACLED rows with --include-vague: events known only to a wide span kept, tagged."""
    written = acled.write_csv(Tables(store), include_vague=True)
    return list(csv.DictReader(io.StringIO(written.data.decode("utf-8"))))


def test_acled_csv_layout_and_types(files, store, with_vague):
    text = files["acled-csv"].read_text(encoding="utf-8")
    default = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == ",".join(acled.HEADER)
    # 43 events told once (29 specific, 18 background after 6 second accounts), less 3 background events the
    # text does not date (000's smuggling «كان قد أتى بها», 002's Palmyra handover and displacement); by
    # default, those with a vague date are left out too
    rows = with_vague
    assert len(rows) == 40 and len(default) == 40 - acled.write_csv(Tables(store)).vague
    for r in rows:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["event_date"]) and int(r["year"]) == int(r["event_date"][:4])
        assert r["time_precision"] in {"1", "2", "3"}
        assert int(r["fatalities"]) >= 0
        assert r["geo_precision"] in {"1", "2", "3"}
        assert -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180
        assert r["inter1"] == "" or 1 <= int(r["inter1"]) <= 8
        assert r["event_type"] in {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                   "Strategic developments"}
        assert "\n" not in r["notes"]
    ids = [r["event_id_cnty"] for r in rows]
    assert len(ids) == len(set(ids))


def test_acled_rows_follow_the_articles(files):
    rows = {r["notes"]: r for r in csv.DictReader(io.StringIO(files["acled-csv"].read_text(encoding="utf-8")))}
    # 003: "نفذ تنظيم داعش الإرهابي اليوم 14 نوفمبر كمينًا ... وأسفر عنه مقتل 13 عسكريًا سوريًا"
    ambush = [r for r in rows.values() if r["event_date"] == "2021-11-14" and r["sub_event_type"] == "Armed clash"
              and r["fatalities"] == "13"]
    assert ambush and ambush[0]["actor1"] == "Islamic State (ISIS)" and ambush[0]["inter1"] == "2"
    assert ambush[0]["time_precision"] == "1" and ambush[0]["admin1"] == "Deir ez-Zor"
    # 002: the May 2018 south-Damascus deal is an Agreement dated to the middle of May, precision 3
    deal = [r for r in rows.values() if "southern Damascus" in r["notes"] and r["sub_event_type"] == "Agreement"]
    assert deal and deal[0]["event_date"].startswith("2018-05") and deal[0]["time_precision"] == "3"
    # tallies are never rows: SOHR's "1020 killed since 24 March 2019" appears in no row
    assert not any("1020" in r["notes"] for r in rows.values())


def test_regression_acled_has_one_row_per_event_not_per_account(files):
    rows = list(csv.DictReader(io.StringIO(files["acled-csv"].read_text(encoding="utf-8"))))
    # 003 tells the 14 November 2021 ambush twice (the outlet, then the expert al-Haddad)
    assert len([r for r in rows if r["event_date"] == "2021-11-14" and r["fatalities"] == "13"]) == 1


def acled_rows(files):
    return list(csv.DictReader(io.StringIO(files["acled-csv"].read_text(encoding="utf-8"))))


def test_acled_csv_holds_events_only(files, store):
    """Regression: 25 of the 85 rows were habitual statements, such as 001's «يواصل التنظيم نشاطه المتصاعد
    بشكل كبير ضمن مناطق متفرقة من البادية السورية» (ISIS keeps up its activity in the Badia), coded to "Syria"
    and a made-up mid-month date. Patterns and anticipated events are never rows; a background event is a
    row only when dated, and tagged so."""
    curated = curated_events()
    rows = acled_rows(files)
    for r in rows:
        e = curated[row_iri(r)]
        kind = e.get("statement", "event")
        assert kind in ("event", "background"), (r["notes"], kind)
        assert (kind == "background") == ("background: a past event told in passing" in r["tags"])
        if kind == "background":
            assert "date" in e, r["notes"]
    # every event that should be a row is one, unless none of its places has a point
    data, left = acled.rows(Tables(store))
    wanted = {iri for iri, e in curated.items() if not e.get("same_as") and (
        e.get("statement", "event") == "event" or (e.get("statement") == "background" and "date" in e))}
    assert {row_iri(r) for r in rows} == wanted - set(left.get("no located place", [])) - set(left[acled.VAGUE])
    assert set(left.get("pattern", [])) == {i for i, e in curated.items() if e.get("statement") == "pattern"
                                            and not e.get("same_as")}
    assert len(data) == len(rows)


GOVERNORATES = """
PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?event ?place ?governorate WHERE {
  ?event sem:hasPlace|ckg:fromPlace|ckg:toPlace ?place .
  ?place ckg:partOf* ?governorate . ?governorate a ckg:Governorate }
"""


def test_every_syrian_row_in_a_governorate_has_admin1(with_vague, store):
    """Regression: 11 of the 54 Syrian rows had no admin1 although a place of theirs lies in a governorate;
    003's attack that killed 19 regime personnel «هجوم شرق حماة» (east of Hama) was coded to "Central Syria"."""
    govs: dict[str, dict[str, set]] = {}
    for r in store.select(GOVERNORATES)[1]:
        govs.setdefault(r["event"], {}).setdefault(r["place"], set()).add(r["governorate"])
    names = {r["g"]: r["n"] for r in store.select(
        "SELECT ?g ?n WHERE { ?g a <https://w3id.org/conflictkg/ontology#Governorate> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?n FILTER (LANG(?n) = 'en') }")[1]}
    syrian = [r for r in with_vague if r["country"] == "Syria"]
    assert syrian
    for r in syrian:
        # the governorates of the event's places that lie in exactly one
        single = {next(iter(g)) for g in govs.get(row_iri(r), {}).values() if len(g) == 1}
        if single:
            assert r["admin1"] in {names[g].replace(" Governorate", "") for g in single}, r["notes"]
        else:
            assert r["admin1"] == "" and "region-level: " in r["tags"] and r["geo_precision"] == "3", r["notes"]
    hama = [r for r in syrian if r["fatalities"] == "19" and "Hama" in r["notes"]]
    assert hama and all(r["admin1"] == "Hama" for r in hama)
    # admin2 is the district on the way: 000's «اشتباكات ... في البوكمال بدير الزور» lies in Abu Kamal district
    # (002's Palmyra rows are gone: «سيطر عليها أكثر من مرة» is a pattern, the handover undated background)
    abu_kamal = [r for r in syrian if r["location"] == "Abu Kamal"]
    assert abu_kamal and all((r["admin1"], r["admin2"], r["geo_precision"]) == ("Deir ez-Zor", "Abu Kamal", "1")
                             for r in abu_kamal)
    # 002's strike on «الضفة الشرقية من نهر الفرات» during the attack from al-Baghuz: the ISIS pocket of 2019
    strike = [r for r in syrian if "east bank of the Euphrates" in r["notes"]]
    assert [(r["admin1"], r["admin2"]) for r in strike] == [("Deir ez-Zor", "Abu Kamal")]


def test_geojson_event_points_are_events_only(files):
    doc = json.loads(files["geojson"].read_text(encoding="utf-8"))
    curated = curated_events()
    events = [f["properties"] for f in doc["features"] if f["properties"]["feature"] == "event"]
    assert events and all(curated[p["iri"]].get("statement", "event") in ("event", "background")
                          and p["statement"] == curated[p["iri"]].get("statement", "event") for p in events)
    # places stay, patterns' areas included: the whole Syrian Badia is a place feature
    assert any(f["id"] == "place/syrian-badia" for f in doc["features"])
