"""conflictkg ingest: all or nothing, idempotent, and kept by a rebuild."""

import pytest
from click.testing import CliRunner
from helpers import NEWS

from conflictkg.cli import main
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.curation.build import build

GRAPH = "https://w3id.org/conflictkg/graph/article/sukhnah-attack"


@pytest.fixture
def files(tmp_path):
    art = tmp_path / "sukhnah-attack.txt"
    art.write_text(NEWS, encoding="utf-8")
    facts = tmp_path / "sukhnah-attack.facts.yaml"
    r = CliRunner().invoke(main, ["extract", str(art), "--published", "2023-05-17", "-o", str(facts)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["review", str(facts), "--article", str(art), "--accept-all", "--by", "tester"])
    assert r.exit_code == 0, r.output
    return art, facts


def ingest(kg, facts, art, *extra):
    return CliRunner().invoke(main, ["--store", str(kg.path), "ingest", str(facts), str(art),
                                     "--published", "2023-05-17", *extra])


def events_in(kg, graph=GRAPH):
    _, rows = kg.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?e a ?c . ?e <https://w3id.org/"
                        "conflictkg/ontology#localId> ?id FILTER(STRSTARTS(?id, 'e')) }}")
    return int(rows[0]["n"])


def test_ingest_adds_one_graph_and_twice_adds_nothing(kg, files):
    art, facts = files
    before = kg.manifest()["generation"]
    r = ingest(kg, facts, art)
    assert r.exit_code == 0, r.output
    assert "Ingested 4 events" in r.output and GRAPH in r.output
    gen = kg.manifest()["generation"]
    assert gen != before and GRAPH in kg.graphs()
    triples = kg.graphs()[GRAPH]
    r2 = ingest(kg, facts, art)
    assert r2.exit_code == 0 and "Nothing new" in r2.output
    assert kg.manifest()["generation"] == gen and kg.graphs()[GRAPH] == triples
    # the facts are queryable with the rest: the attack near al-Sukhnah killed 7
    _, rows = kg.select("""PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
        SELECT ?n WHERE { GRAPH <%s> { ?e a ckg:Attack ; ckg:hasCount ?c . ?c ckg:lowerBound ?n } }""" % GRAPH)
    assert [r["n"] for r in rows] == ["7"]


def test_a_bad_fact_file_leaves_the_store_unchanged(kg, files):
    art, facts = files
    text = facts.read_text(encoding="utf-8")
    bad = facts.with_name("bad.facts.yaml")
    # one word of one quote changed: the quote is no longer in the article
    bad.write_text(text.replace("بهجوم شنّه", "بهجوم نفذه", 1), encoding="utf-8")
    before = kg.manifest()["generation"]
    r = ingest(kg, bad, art)
    assert r.exit_code == 1 and "do not hold the quote" in r.output and "bad.facts.yaml" in r.output
    assert kg.manifest()["generation"] == before and GRAPH not in kg.graphs()


def test_a_shacl_violation_leaves_the_store_unchanged(kg, files):
    art, facts = files
    # an ambush must name its target (ontology/shapes.ttl); the loader accepts it, SHACL does not
    text = facts.read_text(encoding="utf-8").replace("type: Attack", "type: Ambush", 1)
    lines = [ln for ln in text.splitlines() if not ln.startswith("  target: [syrian-regime-forces]")]
    bad = facts.with_name("noshape.facts.yaml")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert ingest(kg, facts, art).exit_code == 0
    gen = kg.manifest()["generation"]
    triples = kg.graphs()[GRAPH]
    r = ingest(kg, bad, art)
    assert r.exit_code == 1 and "SHACL" in r.output and "ambushed side" in r.output
    assert kg.manifest()["generation"] == gen and kg.graphs()[GRAPH] == triples  # the earlier ingest stays


def test_changed_facts_replace_the_article_graph(kg, files):
    art, facts = files
    assert ingest(kg, facts, art).exit_code == 0
    text = facts.read_text(encoding="utf-8")
    start = text.index("- id: e04")
    facts.write_text(text[:start] + text[text.index("\n- id", start + 1) + 1:] if "\n- id" in text[start + 1:]
                     else text[:start], encoding="utf-8")
    r = ingest(kg, facts, art)
    assert r.exit_code == 0 and "Ingested 3 events" in r.output


def test_ingested_graph_survives_a_rebuild(kg, files):
    art, facts = files
    assert ingest(kg, facts, art).exit_code == 0
    triples = kg.graphs()[GRAPH]
    build(SEEDS_DIR, kg.path)
    assert kg.graphs()[GRAPH] == triples
    r = CliRunner().invoke(main, ["--store", str(kg.path), "stats", "--json"])
    assert '"article": "sukhnah-attack"' in r.output


def test_no_publication_date_is_an_input_error(kg, files):
    art, facts = files
    r = CliRunner().invoke(main, ["--store", str(kg.path), "ingest", str(facts), str(art)])
    assert r.exit_code == 2 and "--published" in r.output and "sukhnah-attack.meta.yaml" in r.output


def test_a_seed_article_is_refused(kg, tmp_path):
    facts = tmp_path / "f.yaml"
    facts.write_text("article: 003_117490c947766292\nevents: []\n", encoding="utf-8")
    r = ingest(kg, facts, SEEDS_DIR / "articles" / "003_117490c947766292.txt")
    assert r.exit_code == 1 and "seed article" in r.output


def test_missing_fact_file(kg, files):
    art, _ = files
    r = ingest(kg, art.with_name("none.yaml"), art)
    assert r.exit_code == 2 and "fact file not found" in r.output
