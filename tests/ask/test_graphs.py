"""The analysis graphs as library calls, with filters, and the example scripts an analyst starts from."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conflictkg.ask import graphs
from conflictkg.core.errors import ConflictKGError
from conflictkg.core.resources import SEEDS_DIR

EXAMPLES = Path(__file__).parents[2] / "examples"
ACTOR = "https://w3id.org/conflictkg/id/actor/"
PLACE = "https://w3id.org/conflictkg/id/place/"


def seed_names(name: str) -> set[str]:
    """The English names of the seeds' actors or places, read with plain YAML."""
    doc = yaml.safe_load((SEEDS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    return {x["en"] for x in doc}


def test_filters_keep_only_what_they_say(store):
    everything = graphs.actor_interactions(store)
    y2021 = graphs.actor_interactions(store, period=2021)
    assert 0 < y2021.number_of_edges() < everything.number_of_edges()
    # 003: the 14 November 2021 ambush on the regime forces by ISIS, 13 killed
    assert y2021.edges[ACTOR + "isis", ACTOR + "syrian-regime-forces"]["hostile_killed"] == 13
    assert y2021.graph["filters"] == "period=2021"
    # the May 2018 transfer deal (south Damascus to Sweida) is in 2018 and in Damascus's and Sweida's flows
    flows = graphs.fighter_flows(store, start="2018-01-01", end="2018-12-31", type="TransferDeal")
    assert flows.edges[PLACE + "south-damascus", PLACE + "sweida-governorate"]["fighters"] == 1000
    assert all(d["date"] >= "2018-01-01" and d["date_latest"] <= "2018-12-31" for *_, d in flows.edges(data=True))
    # actor-places by governorate: every place lies in Deir ez-Zor
    dz = graphs.actor_places(store, governorate="Deir ez-Zor")
    places = [n for n, d in dz.nodes(data=True) if d["bipartite"] == "place"]
    assert places and PLACE + "abu-kamal" in places
    assert PLACE + "south-damascus" not in dz and PLACE + "tulul-al-safa" not in dz


def test_bad_filters_say_what_to_give(store):
    with pytest.raises(ConflictKGError, match="no governorate 'Atlantis'"):
        graphs.actor_places(store, governorate="Atlantis")
    with pytest.raises(ConflictKGError, match="no event type"):
        graphs.actor_interactions(store, type="picnic")
    with pytest.raises(ConflictKGError, match="YYYY-MM-DD"):
        graphs.fighter_flows(store, start="May 2018")


def run_example(store, script: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(Path(graphs.__file__).parents[2])}
    res = subprocess.run([sys.executable, str(EXAMPLES / script), "--store", str(store.path), *args],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_centrality_by_year_names_seed_actors(store):
    out = run_example(store, "centrality_by_year.py")
    actors = seed_names("actors")
    ranked = [line[2:47].strip() for line in out.splitlines() if line.startswith("  ")]
    assert ranked and set(ranked) <= actors, set(ranked) - actors
    assert "2021:" in out and "Islamic State (ISIS)" in ranked and "spanning a year" in out


def test_deal_routes_name_seed_places(store):
    out = run_example(store, "deal_routes.py")
    places = seed_names("places")
    routes = [line.strip().split("  (")[0].split(" -> ") for line in out.splitlines() if " -> " in line]
    assert len(routes) >= 5 and all(a in places and b in places for a, b in routes), routes
    # 002: «نحو ألف من مقاتلي داعش من جنوب دمشق» moved to the edges of Sweida in May 2018
    assert ("Southern Damascus (Yarmouk and al-Hajar al-Aswad) -> As-Suwayda Governorate  (2018-05-01..2018-05-31, "
            "month; 1000+ fighters)") in out


def test_actor_neighbourhood_names_seed_actors_and_places(store):
    out = run_example(store, "actor_neighbourhood.py", "--actor", "isis")
    head, places_part = out.split("Places it is tied to (facts):")
    actors = [line[14:59].strip() for line in head.splitlines()[1:]]
    assert actors and set(actors) <= seed_names("actors"), set(actors) - seed_names("actors")
    places = [line.strip().rsplit(": ", 1)[0] for line in places_part.strip().splitlines()]
    assert places and set(places) <= seed_names("places")
    assert head.startswith("Islamic State (ISIS):") and "Syrian regime forces" in actors and "Abu Kamal" in places


def test_an_example_builds_the_seeds_itself(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(graphs.__file__).parents[2]), "TMPDIR": str(tmp_path)}
    res = subprocess.run([sys.executable, str(EXAMPLES / "deal_routes.py"), "--seeds", str(SEEDS_DIR),
                          "--from", "2018-01-01"], capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("2 deal routes") and "Idlib countryside" in res.stdout
