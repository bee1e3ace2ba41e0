"""conflictkg analyze: graphs, figures and report on the five articles."""
import re
from collections import Counter

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner

from conflictkg.ask.analysis import analyse
from conflictkg.ask.tabular import Tables
from conflictkg.cli import main
from conflictkg.core.resources import SEEDS_DIR

ISIS = "https://w3id.org/conflictkg/id/actor/isis"
REGIME_FORCES = "https://w3id.org/conflictkg/id/actor/syrian-regime-forces"
ACTOR = "https://w3id.org/conflictkg/id/actor/"


def curated_events() -> list[dict]:
    """Every event of the fact files as curated, read with plain YAML (not with the code under test)."""
    out = []
    for path in sorted((SEEDS_DIR / "facts").glob("*.yaml")):
        out += yaml.safe_load(path.read_text(encoding="utf-8")).get("events") or []
    return out


@pytest.fixture(scope="module")
def out(store, tmp_path_factory):
    d = tmp_path_factory.mktemp("analysis")
    r = CliRunner().invoke(main, ["--store", str(store.path), "analyze", "--out", str(d)])
    assert r.exit_code == 0, r.output
    return d


def test_figures_are_real_pngs(out):
    for name in ("actor-network.png", "fighter-flows.png", "timeline.png"):
        data = (out / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000, name


def test_report_reads_by_itself(out):
    text = (out / "report.md").read_text(encoding="utf-8")
    for section in ("## Who fights whom", "### Centrality", "### Communities", "## Most attacked",
                    "## Where fighters were moved", "## Over time", "## Files"):
        assert section in text
    for fig in ("actor-network.png", "fighter-flows.png", "timeline.png"):
        assert f"]({fig})" in text
    # 002's deal routes, with the fighters the text gives: "نحو ألف من مقاتلي داعش من جنوب دمشق"
    assert ("| Southern Damascus (Yarmouk and al-Hajar al-Aswad) | As-Suwayda Governorate | 2018-05-01 | 2018-05-31 "
            "| month | 1000 |") in text
    assert "| Arsal barrens (jurud) | Deir ez-Zor Governorate | 2017-08-26 | 2017-08-26 | day | not stated |" in text


def test_graph_files_open_in_networkx(out):
    g = nx.read_graphml(out / "actor-interactions.graphml")
    # ISIS against the regime forces is the heaviest hostile tie of the articles
    assert g.edges[ISIS, REGIME_FORCES]["kind"] == "hostile"
    assert int(g.edges[ISIS, REGIME_FORCES]["hostile_events"]) >= 5
    flows = nx.read_gexf(out / "fighter-flows.gexf")
    assert flows.is_directed() and flows.number_of_edges() >= 6
    yearly = sorted(p.name for p in out.glob("actor-interactions-20*.graphml"))
    assert "actor-interactions-2018.graphml" in yearly and "actor-interactions-2021.graphml" in yearly


def test_centrality_and_communities(store):
    a = analyse(store)
    top = a.centrality()[0]
    assert top["actor"] == "Islamic State (ISIS)" and top["betweenness"] > 0.3
    communities = a.communities()
    # the SDF and the coalition end up together, apart from the regime and its allies
    sdf = next(c for c in communities if "Syrian Democratic Forces (SDF)" in c)
    assert "US-led international coalition" in sdf and "Syrian regime forces" not in sdf


def test_most_attacked_place_rolls_up_the_hierarchy(store):
    places = dict((p, n) for p, n, _ in analyse(store).most_attacked_places(20))
    assert places["Syria"] >= places["Deir ez-Zor Governorate"] >= places.get("Abu Kamal", 0) > 0


def test_regression_hostile_pairs_keep_direction(store):
    """The report once named the regime forces as attacker of ISIS: the undirected graph had lost direction."""
    pairs = analyse(store).hostile_pairs()
    attacker, attacked, events, killed = pairs[0]
    # 003: "نفذ تنظيم داعش الإرهابي ... كمينًا أستهدف قوات الحكومة السورية"; 004/001: ISIS attacks on the army
    assert (attacker, attacked) == ("Islamic State (ISIS)", "Syrian regime forces") and events >= 5
    assert ("Syrian Democratic Forces (SDF)", "Islamic State (ISIS)") in {(a, b) for a, b, *_ in pairs}


def test_report_says_how_many_patterns_it_left_out(out):
    """Regression: the report counted habitual statements ("Pattern: ISIS keeps up sharply escalating
    activity in the Badia", 001: «يواصل التنظيم نشاطه المتصاعد») as events."""
    text = (out / "report.md").read_text(encoding="utf-8")
    once = [e for e in curated_events() if not e.get("same_as")]
    events = sum(e.get("statement", "event") in ("event", "background") for e in once)
    patterns = sum(e.get("statement") == "pattern" for e in once)
    m = re.search(r"Built from (\d+) events .* Left out: (\d+) patterns? .* and (\d+) anticipated event", text)
    assert m and (int(m[1]), int(m[2])) == (events, patterns) and patterns > 0
    assert int(m[3]) == sum(e.get("statement") == "anticipated" for e in once)


def test_network_weights_count_events_only(store):
    """Each hostile tie's weight is the number of events, told once, in which one side attacked the other;
    patterns add nothing (001's Russian strikes on ISIS in the Badia are a habit, not events)."""
    tables = Tables(store)
    hostile = set().union(*(tables.subclasses(c) for c in ("ViolentEvent", "SecurityEvent", "ControlChange",
                                                              "MilitaryCampaign")))
    expected: Counter = Counter()
    for e in curated_events():
        if e["type"] in hostile and not e.get("same_as") and e.get("statement", "event") in ("event", "background"):
            for a in set(e.get("perpetrator") or []):
                for b in set(e.get("target") or []):
                    if a != b:
                        expected[(ACTOR + a, ACTOR + b)] += 1
    a = analyse(store)
    got: Counter = Counter()
    for r in a.pairs:
        if r["via"] == "event" and r["kind"] == "hostile":
            got[(r["a"], r["b"])] += int(r["n"])
    assert got == expected
    russia_isis = sum(n for (x, y), n in got.items() if x == ACTOR + "russian-forces" and y == ISIS)
    strikes = [e for e in curated_events() if "russian-forces" in (e.get("perpetrator") or [])]
    assert russia_isis < len(strikes)
