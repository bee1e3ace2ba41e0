"""GeoJSON: one feature per event, never one per place, so a sum in QGIS counts each event once."""
import json
import re
import subprocess

from helpers import needs

from conflictkg.share.exports import export

TOTAL_KILLED = """
PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
SELECT (COUNT(DISTINCT ?e) AS ?events) (SUM(?k) AS ?killed) WHERE {
  { SELECT ?e (SUM(COALESCE(?n, 0)) AS ?k) WHERE {
      ?e ckg:statementKind ?sk FILTER (?sk IN (ckg:SpecificEvent, ckg:BackgroundEvent))
      FILTER NOT EXISTS { ?e ckg:sameEventAs ?first }
      OPTIONAL { ?e ckg:hasCount ?c . ?c ckg:countKind ckg:Killed ; ckg:lowerBound ?n }
  } GROUP BY ?e } }
"""


def test_one_feature_per_event_and_killed_sums_to_the_graph_total_bug(store, tmp_path):
    """Regression: an event was one point per place (152 points for about 85 events), so summing `killed`
    in QGIS over-counted. The graph's total is computed here with SPARQL, the sum with GDAL's SQL."""
    path = tmp_path / "kg.geojson"
    path.write_bytes(export(store, "geojson"))
    want = store.select(TOTAL_KILLED)[1][0]
    assert int(want["killed"]) > 50
    res = subprocess.run([needs("ogrinfo"), "-ro", "-q", "-sql",
                          "SELECT SUM(killed) AS total, COUNT(iri) AS n, COUNT(DISTINCT iri) AS distinct_events "
                          "FROM kg WHERE feature = 'event'", str(path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    got = dict(re.findall(r"(\w+) \(Integer\S*\) = (\d+)", res.stdout))
    assert got == {"total": want["killed"], "n": want["events"], "distinct_events": want["events"]}, res.stdout
    info = subprocess.run([needs("ogrinfo"), "-ro", "-so", "-al", str(path)], capture_output=True, text=True)
    assert "Geometry: Point" in info.stdout  # one geometry type: QGIS opens it as one layer


def test_event_point_is_the_acled_place_and_keeps_the_others(store):
    doc = json.loads(export(store, "geojson"))
    events = {f["properties"]["iri"]: f for f in doc["features"] if f["properties"]["feature"] == "event"}
    # 003's ambush near al-Masrab: the salt mine (the most specific place), the desert and the countryside kept
    masrab = [f for f in events.values() if f["properties"]["killed"] == 13]
    assert len(masrab) == 1
    p = masrab[0]["properties"]
    assert (p["place"], p["admin1"], p["year"], p["month"]) == ("Salt mine near al-Masrab", "Deir ez-Zor", "2021",
                                                                "2021-11")
    assert "Al-Masrab desert" in p["other_places"] and p["other_places_wkt"].startswith("POINT (")
    # 003's attacks known only to 2019-03..2021-11-14 are features with that span, spanning years
    spanning = [f["properties"] for f in events.values() if f["properties"]["date_earliest"] == "2019-03-01"
                and f["properties"]["date_latest"] == "2021-11-14"]
    assert spanning and all(x["year"] == "spanning" and x["month"] == "spanning" for x in spanning)
