"""The knowledge graph of the five seed articles."""
import os
import subprocess
import sys
import unicodedata

from conflictkg.ask import stats
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.curation.build import build
from conflictkg.share.exports import export
from conflictkg.store.generations import Store

EVIDENCE = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
SELECT ?body ?file ?start ?end ?exact WHERE {
  ?ann a oa:Annotation ; oa:hasBody ?body ; oa:hasTarget ?t .
  ?t oa:hasSource ?article ; oa:hasSelector ?p , ?q .
  ?article ckg:sourceFile ?file .
  ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?q a oa:TextQuoteSelector ; oa:exact ?exact .
}"""

FACTS_WITHOUT_EVIDENCE = """
PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?f WHERE {
  GRAPH <https://w3id.org/conflictkg/graph/facts> { ?f a ?c }
  ?c rdfs:subClassOf* ckg:Fact .
  FILTER NOT EXISTS { ?f ckg:hasEvidence ?e }
}"""


def test_every_evidence_offset_reproduces_its_quote_in_the_article_file(store):
    rows = list(store.query(EVIDENCE))
    assert len(rows) > 300
    texts = {}
    for r in rows:
        f = r["file"].value
        if f not in texts:
            raw = (SEEDS_DIR / f).read_text(encoding="utf-8")
            texts[f] = unicodedata.normalize("NFC", raw)
        start, end = int(r["start"].value), int(r["end"].value)
        assert texts[f][start:end] == r["exact"].value, r["body"]


def test_every_fact_has_evidence(store):
    assert list(store.query(FACTS_WITHOUT_EVIDENCE)) == []


def test_totals_cover_the_five_articles(store):
    t = stats.totals(store)
    assert t["Article"] == 5
    assert t["Event"] + t["Tally"] > 50
    assert t["Actor"] >= 25
    assert t["Place"] >= 60
    per = stats.per_article(store)
    assert len(per) == 5
    for a in per:  # every article contributes events or tallies, actors and places
        assert a["events"] + a["tallies"] > 0 and a["actors"] > 0 and a["places"] > 0, a


def test_rebuild_is_idempotent(built, tmp_path):
    again = build(SEEDS_DIR, built.store)
    assert again.manifest["generation"] == built.manifest["generation"]
    gen = built.manifest["generation"]
    names = sorted(p.name for p in built.store.iterdir())
    if ".leases" in names:  # readers' leases (store/leases.py): other tests' servers and snapshots may hold some
        names.remove(".leases")
    assert names == sorted([".lock", "CURRENT", gen, gen + ".json", gen + ".kept.sqlite"])


def test_export_is_byte_identical_across_processes(store, tmp_path):
    ttl = export(store, "ttl")
    assert export(store, "ttl") == ttl
    assert export(store, "nt") == export(store, "nt")
    # a fresh process, with other hash seeds, building its own store
    outputs = []
    for seed in ("1", "2"):
        other = tmp_path / f"s{seed}"
        code = ("from conflictkg.curation.build import build; from conflictkg.share.exports import export; "
                "from conflictkg.store import Store; import sys; "
                f"build(store={str(other)!r}); sys.stdout.buffer.write(export(Store({str(other)!r}), 'ttl'))")
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outputs.append(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                      check=True).stdout)
    assert outputs[0] == outputs[1] == ttl


def test_facts_have_no_blank_nodes(store):
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/conflictkg/graph/facts> { ?s ?p ?o FILTER (isBlank(?s) || isBlank(?o)) } }"
    assert int(next(iter(store.query(q)))["n"].value) == 0


def test_store_is_reopened_from_disk(built):
    assert Store(built.store).manifest()["fact_triples"] == built.manifest["fact_triples"]
