"""conflictkg review, and the gate in front of ingest: reviewed records only, a dry run, and incidents the
graph holds already (seed article 003 extracted again under another name)."""

import shutil

import pytest
import yaml
from click.testing import CliRunner
from helpers import NEWS

from conflictkg.cli import main
from conflictkg.core.resources import SEEDS_DIR

SEED = SEEDS_DIR / "articles" / "003_117490c947766292.txt"
AMBUSH = "003_117490c947766292/e06"  # the curated al-Masrab ambush, 13 killed


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def copy003(tmp_path):
    """Seed article 003's text saved under another name, and its extracted candidates."""
    art = tmp_path / "masrab-report.txt"
    shutil.copyfile(SEED, art)
    facts = tmp_path / "masrab-report.facts.yaml"
    r = cli("extract", art, "--published", "2021-11-14", "-o", facts)
    assert r.exit_code == 0, r.output
    return art, facts


@pytest.fixture
def news(tmp_path):
    art = tmp_path / "sukhnah.txt"
    art.write_text(NEWS, encoding="utf-8")
    facts = tmp_path / "sukhnah.facts.yaml"
    assert cli("extract", art, "--published", "2023-05-17", "-o", facts).exit_code == 0
    return art, facts


def ingest(kg, facts, art, *extra, published="2023-05-17"):
    return cli("--store", kg.path, "ingest", facts, art, "--published", published, *extra)


def isis(kg):
    """ISIS's events and killed lower bound, as attacks-by-perpetrator gives them."""
    r = cli("--store", kg.path, "query", "attacks-by-perpetrator", "--format", "csv")
    row = next(line for line in r.output.splitlines() if line.startswith("https://w3id.org/conflictkg/id/actor/isis,"))
    return tuple(int(x) for x in row.split(",")[2:4])


def records(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {r["id"]: r for s in ("events", "tallies") for r in data.get(s) or []}


def test_raw_extract_output_is_refused_until_reviewed_bug(kg, news):
    """Regression: ingest took raw extraction candidates, still labelled 'candidate, not reviewed'."""
    art, facts = news
    before = kg.manifest()["generation"]
    r = ingest(kg, facts, art)
    assert r.exit_code == 1
    assert "4 candidate(s) not reviewed: e01, e02, e03, e04" in r.output and str(facts) in r.output
    assert f"conflictkg review {facts} --article {art}" in r.output
    assert kg.manifest()["generation"] == before
    r = cli("review", facts, "--article", art, "--accept-all", "--by", "tester")
    assert r.exit_code == 0 and "4 accepted, 0 rejected, 0 left to review" in r.output
    recs = records(facts)
    assert all(x["review"]["by"] == "tester" for x in recs.values())
    assert not any("not reviewed" in x["summary"] for x in recs.values())
    r = ingest(kg, facts, art)
    assert r.exit_code == 0 and "Ingested 4 events" in r.output, r.output
    assert kg.manifest()["generation"] != before


def test_allow_unreviewed_ingests_candidates_as_they_are(kg, news):
    art, facts = news
    r = ingest(kg, facts, art, "--allow-unreviewed")
    assert r.exit_code == 0 and "Ingested 4 events" in r.output


def test_the_same_incidents_under_another_name_are_flagged_bug(kg, copy003):
    """Regression: ingesting article 003 again under another name raised ISIS's killed total from 58 to 129
    without a word. The reviewed copy is refused, with the curated ambush proposed as same_as."""
    art, facts = copy003
    assert isis(kg) == (9, 58)
    assert cli("review", facts, "--article", art, "--accept-all").exit_code == 0
    before = kg.manifest()["generation"]
    r = ingest(kg, facts, art, published="2021-11-14")
    assert r.exit_code == 1, r.output
    assert "look like incidents already in the graph" in r.output
    # the extracted ambush (13 killed at the salt mine, 14 November) is the curated one
    line = next(ln for ln in r.output.splitlines() if ln.strip().startswith("e04:"))
    assert f"same_as: {AMBUSH}" in line and "the same day" in line and "13 killed in both" in line
    assert "--accept-duplicates" in r.output
    assert kg.manifest()["generation"] == before and isis(kg) == (9, 58)
    # the dry run lists them too, and writes nothing
    r = ingest(kg, facts, art, "--dry-run", published="2021-11-14")
    assert r.exit_code == 1 and f"e04: same_as: {AMBUSH}" in r.output and "Dry run, nothing written" in r.output
    assert kg.manifest()["generation"] == before
    # told they are different incidents, ingest counts them twice, as it did before
    r = ingest(kg, facts, art, "--accept-duplicates", published="2021-11-14")
    assert r.exit_code == 0 and "Kept as a separate incident" in r.output
    events, killed = isis(kg)
    assert events > 9 and killed > 58


def test_a_same_as_link_resolves_the_flag_and_counts_once(kg, copy003):
    art, facts = copy003
    ids = sorted(records(facts))
    r = cli("review", facts, "--article", art, "--set", f"e04.same_as={AMBUSH}", "--accept", "e04",
            "--reject", ",".join(i for i in ids if i != "e04"))
    assert r.exit_code == 0 and f"1 accepted, {len(ids) - 1} rejected, 0 left to review" in r.output, r.output
    assert list(records(facts)) == ["e04"] and records(facts)["e04"]["same_as"] == AMBUSH
    r = ingest(kg, facts, art, "--dry-run", published="2021-11-14")
    assert r.exit_code == 0 and "would add 1 events" in r.output and "SHACL: Conforms" in r.output
    r = ingest(kg, facts, art, published="2021-11-14")
    assert r.exit_code == 0 and "Ingested 1 events" in r.output
    assert isis(kg) == (9, 58)  # a second account: counted once
    _, rows = kg.select("PREFIX ckg: <https://w3id.org/conflictkg/ontology#> SELECT ?o WHERE { "
                        "<https://w3id.org/conflictkg/id/fact/masrab-report/e04> ckg:sameEventAs ?o }")
    assert [x["o"] for x in rows] == [f"https://w3id.org/conflictkg/id/fact/{AMBUSH}"]


def test_same_as_to_an_event_not_in_the_store_is_refused(kg, news):
    art, facts = news
    assert cli("review", facts, "--article", art, "--set", "e01.same_as=003_117490c947766292/e99",
               "--accept-all").exit_code == 0
    before = kg.manifest()["generation"]
    r = ingest(kg, facts, art)
    assert r.exit_code == 1 and "003_117490c947766292/e99, which is not in the store" in r.output
    assert kg.manifest()["generation"] == before


def test_dry_run_writes_nothing(kg, news):
    art, facts = news
    assert cli("review", facts, "--article", art, "--accept-all").exit_code == 0
    before, graphs = kg.manifest()["generation"], kg.graphs()
    r = ingest(kg, facts, art, "--dry-run")
    assert r.exit_code == 0, r.output
    assert "would add 4 events and 0 tallies of sukhnah" in r.output and "SHACL: Conforms" in r.output
    assert kg.manifest()["generation"] == before and kg.graphs() == graphs
    assert ingest(kg, facts, art).exit_code == 0
    r = ingest(kg, facts, art, "--dry-run")
    assert r.exit_code == 0 and "nothing new" in r.output


def test_review_edits_rejects_and_unlinks(news):
    art, facts = news
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("- id: e02\n", "- id: e02\n  part_of: e01\n", 1), encoding="utf-8")
    r = cli("review", facts, "--article", art, "--set", "e01.killed=8+", "--set", "e01.date=2023-05-16",
            "--set", "e03.places=rif-raqqa", "--accept", "e01,e03", "--reject", "e02")
    assert r.exit_code == 0, r.output
    assert "2 accepted, 1 rejected, 1 left to review (e04)" in r.output
    recs = records(facts)
    assert sorted(recs) == ["e01", "e03", "e04"]
    assert recs["e01"]["counts"][0] == {"kind": "killed", "side": "syrian-regime-forces", "min": 8}
    assert recs["e01"]["date"] == "2023-05-16" and "date_basis" not in recs["e01"]
    assert recs["e03"]["places"] == ["rif-raqqa"] and "review" not in recs["e04"]
    assert "Reviewed with 'conflictkg review': 2 of 3 records reviewed, 1 still to review (e04)" in \
        facts.read_text(encoding="utf-8")


def test_an_edited_record_is_reviewed_again(news):
    art, facts = news
    assert cli("review", facts, "--article", art, "--accept-all").exit_code == 0
    r = cli("review", facts, "--article", art, "--set", "e01.killed=none")
    assert r.exit_code == 0 and "0 accepted, 0 rejected, 1 left to review (e01)" in r.output
    assert "counts" not in records(facts)["e01"] and "review" not in records(facts)["e01"]


def test_review_of_a_rejected_part_of_drops_the_link(news):
    art, facts = news
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("- id: e02\n", "- id: e02\n  part_of: e01\n", 1), encoding="utf-8")
    r = cli("review", facts, "--article", art, "--reject", "e01", "--accept-all")
    assert r.exit_code == 0 and "dropped the link e02.part_of e01" in r.output
    assert "part_of" not in records(facts)["e02"]


@pytest.mark.parametrize("args, message", [
    (["--accept", "e09"], "no record with id e09"),
    (["--set", "e01.killed=many"], "cannot read killed 'many'"),
    (["--set", "e01.places=atlantis"], "unknown place id(s): atlantis"),
    (["--set", "e01.type=Picnic"], "'Picnic' is not an event type"),
    (["--set", "e01.date=2023-02-30"], "not a real day"),
    (["--accept", "e01", "--reject", "e01"], "both accepted and rejected"),
])
def test_a_bad_decision_leaves_the_file_as_it_was(news, args, message):
    art, facts = news
    before = facts.read_bytes()
    r = cli("review", facts, "--article", art, *args)
    assert r.exit_code == 2 and message in r.output, r.output
    assert facts.read_bytes() == before
    assert [p.name for p in facts.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_interactive_review_shows_the_evidence_in_its_sentence(news):
    art, facts = news
    # e01: edit the killed count then accept; e02: reject; e03: skip; then quit before e04
    r = CliRunner().invoke(main, ["review", str(facts), "--article", str(art), "--no-color", "--by", "me"],
                           input="e\nkilled\n7\na\nr\ns\nq\n")
    assert r.exit_code == 0, r.output
    # the quote in brackets inside its sentence, Arabic as written
    assert "[[" in r.output and "قُتل سبعة عناصر من قوات النظام السوري" in r.output
    assert "[1/4] e01 (event" in r.output and "killed      7" in r.output
    assert "1 accepted, 1 rejected, 2 left to review (e03, e04)" in r.output
    recs = records(facts)
    assert recs["e01"]["review"]["by"] == "me" and "e02" not in recs
    r = CliRunner().invoke(main, ["review", str(facts), "--article", str(art), "--color"], input="a\na\n")
    assert "\x1b[1;30;43m" in r.output and "2 accepted, 0 rejected, 0 left to review" in r.output


def test_validate_any_article_fact_file_given_the_article_bug(tmp_path, news):
    """Regression: validate refused a fact file for an article that is not a seed."""
    art, facts = news
    r = cli("validate", facts)
    assert r.exit_code == 2 and "--article ARTICLE.txt" in r.output
    r = cli("validate", facts, "--article", art, "--published", "2023-05-17")
    assert r.exit_code == 0 and "Conforms" in r.output, r.output
    bad = tmp_path / "bad.facts.yaml"
    bad.write_text(facts.read_text(encoding="utf-8").replace("  perpetrator: [russian-forces]\n", ""),
                   encoding="utf-8")
    r = cli("validate", bad, "--article", art, "--published", "2023-05-17")
    assert r.exit_code == 1 and "AirStrikeShape" in r.output and "bad.facts.yaml [e03]" in r.output
    r = cli("validate", facts, "--article", art)
    assert r.exit_code == 2 and "--published" in r.output
    r = cli("validate", SEEDS_DIR / "facts" / "003_117490c947766292.yaml", "--article", SEED)
    assert r.exit_code == 0 and "Conforms" in r.output


def test_a_write_that_fails_leaves_the_file_whole(news, monkeypatch):
    """The file is replaced by a rename: a failure before it leaves the old file and no temporary one."""
    import os

    art, facts = news
    before = facts.read_bytes()

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    r = cli("review", facts, "--article", art, "--accept-all")
    assert r.exit_code == 2 and "cannot write: No space left on device; the file is as it was" in r.output
    assert facts.read_bytes() == before
    assert [p.name for p in facts.parent.iterdir() if p.name.endswith(".tmp")] == []
