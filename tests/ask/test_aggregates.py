"""analyze reads totals with aggregating queries: they must equal the analysis worked out event by event, on
the seeds and on a store with an imported ACLED file."""
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from conflictkg.ask import aggregates
from conflictkg.ask.analysis import EXACT_BETWEENNESS, analyse
from conflictkg.ask.report import markdown
from conflictkg.ask.tabular import Tables
from conflictkg.ingest.imports.run import import_file

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data" / "import"


def nodes(g: nx.Graph) -> dict:
    return dict(g.nodes(data=True))


def edges(g: nx.Graph) -> dict:
    key = (lambda u, v: (u, v)) if g.is_directed() else (lambda u, v: frozenset((u, v)))
    return {key(u, v): d for u, v, d in g.edges(data=True)}


def same_analysis(store) -> None:
    fast, slow = analyse(store), analyse(store, per_event=True)
    assert aggregates.from_store(Tables(store)) is not None  # the aggregating reading, not its fallback
    assert fast.totals == slow.totals
    for a, b in [(fast.interactions, slow.interactions), (fast.actor_places, slow.actor_places),
                 (fast.flows, slow.flows), *((fast.yearly[y], slow.yearly[y]) for y in slow.yearly)]:
        assert nodes(a) == nodes(b) and edges(a) == edges(b)
    assert sorted(fast.yearly) == sorted(slow.yearly)
    assert markdown(fast, []) == markdown(slow, [])


def test_aggregated_analysis_equals_per_event_on_the_seeds(store):
    same_analysis(store)
    t = analyse(store).totals
    assert t.events > 40 and t.kinds["pattern"] > 0 and t.spans and t.places and t.targets


@pytest.fixture(scope="module")
def imported(store, tmp_path_factory):
    """The seeds with 400 synthetic ACLED rows (bench/synth_acled.py) and the real ACLED and UCDP fixtures."""
    from helpers import copy_store

    d = tmp_path_factory.mktemp("aggregates")
    kg = copy_store(store.path, d / "store")
    synthetic = d / "acled-400.csv"
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth_acled.py"), "400", "-o", str(synthetic)], check=True)
    for path, dataset in ((synthetic, "acled"), (DATA / "acled-2025-layout.csv", "acled"),
                          (DATA / "ucdp-ged.csv", "ucdp")):
        assert not import_file(path, dataset, kg, batch_size=200).rejected
    return kg


def test_aggregated_analysis_equals_per_event_after_an_import(imported):
    same_analysis(imported)
    t = analyse(imported).totals
    assert t.events > 400 and len(t.spans) > 10  # ACLED's precision 3 rows: a month's span or wider


def test_betweenness_is_sampled_above_the_limit_with_a_fixed_seed(store):
    """Exact on a graph this small; on a graph past the limit, sampled, the same twice, and said in the report."""
    a = analyse(store)
    assert a.betweenness_sample() is None and "estimated from" not in markdown(a, [])
    exact = {r["actor"]: r["betweenness"] for r in a.centrality()}
    assert exact == {a.interactions.nodes[n]["label"]: b
                     for n, b in nx.betweenness_centrality(a.interactions).items()}
    big = nx.barabasi_albert_graph(EXACT_BETWEENNESS + 50, 3, seed=1)
    nx.set_node_attributes(big, {n: f"actor {n:04d}" for n in big}, "label")
    nx.set_edge_attributes(big, "hostile", "kind")
    nx.set_edge_attributes(big, 1, "weight")
    a.interactions = big
    assert a.betweenness_sample() is not None
    first, second = a.centrality(), a.centrality()
    assert first == second
    assert abs(sum(r["betweenness"] for r in first) - sum(nx.betweenness_centrality(big).values())) \
        < 0.25 * sum(nx.betweenness_centrality(big).values())
    assert f"out of {a.betweenness_sample()} of the {EXACT_BETWEENNESS + 50} actors" in markdown(a, [])


def test_actor_place_edges_name_every_way_the_two_are_tied(store):
    """An edge once kept only the way of its first fact: an actor that was party to events at a place and
    the target of others there showed as one or the other. It lists them all now, and weighs all facts."""
    from conflictkg.store.queries import rows

    facts = rows(store, "analysis/actor-places")
    ways: dict = {}
    for r in facts:
        ways.setdefault((r["actor"], r["place"]), set()).add(r["how"])
    g = analyse(store).actor_places
    several = [k for k, v in ways.items() if len(v) > 1]
    assert several
    for (actor, place), v in ways.items():
        assert g.edges[actor, place]["how"] == "; ".join(sorted(v))
    assert sum(d["weight"] for *_, d in g.edges(data=True)) == len(facts)
