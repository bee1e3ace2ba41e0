"""The aggregates answered from the summary kept at write time, and the keys the listings' first pages read
(first.kept_texts), are exactly what the queries compute over the whole store, after every kind of write:
build, import, ingest, and an import stopped by a bad row."""
import csv
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import NEWS

from conflictkg.cli import main
from conflictkg.core.errors import ConflictKGError
from conflictkg.curation import links
from conflictkg.ingest.imports.run import import_file
from conflictkg.store import first, paging, summary
from conflictkg.store import queries as query
from conflictkg.store.generations import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def acled(tmp_path_factory) -> Path:
    """300 synthetic ACLED rows (bench/synth_acled.py: our gazetteer's places, ACLED's actors and types)."""
    path = tmp_path_factory.mktemp("acled") / "acled-300.csv"
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth_acled.py"), "300", "-o", str(path)], check=True)
    return path


def answers(kg: Store) -> dict:
    """(name, parameters) -> (rows as the library answers them, rows of the query's text run over the whole
    store, that text), for every answer a writer keeps."""
    out = {}
    for name, given in query.kept():
        sparql = query.bind(query.find(name), given)
        # the library gives a listing's joined values sorted (paging.JOINED); the engine, in its own order
        out[(name, tuple(sorted(given.items())))] = (query.run(name, given, store=kg, limit=None).rows,
                                                     paging.ordered(name, kg.select(sparql)[1]), sparql)
    return out


# answers that may be empty on a small store: the seeds state no anticipated events, and the synthetic rows
# duplicate no seed event
MAY_BE_EMPTY = {("patterns", (("statement", "anticipated"),)), ("patterns", (("statement", "background"),)),
                ("cross-source-events", ())}


def assert_exact_and_kept(kg: Store) -> dict:
    assert summary.path_of(kg.current()).is_file(), "the writer kept no answers for the live generation"
    got = answers(kg)
    for key, (kept, full, sparql) in got.items():
        table = summary.read(kg.current(), sparql)
        assert table is not None and paging.ordered(key[0], table[1]) == kept, key  # the answer came from the table
        assert kept == full, f"{key}: the kept answer differs from the full computation"
        assert full or key in MAY_BE_EMPTY, key
    for name, sparql in first.kept_texts():  # the keys the page texts' first pages read
        table = summary.read(kg.current(), sparql)
        full = kg.select(sparql)[1]
        assert table is not None, f"{name}: not kept by the writer"
        assert [r.get("cut_s") for r in table[1]] == [r.get("cut_s") for r in full], name  # in order
        assert sorted(map(repr, table[1])) == sorted(map(repr, full)), f"{name}: differs from the full computation"
    return {name: kept for (name, given), (kept, _, _) in got.items() if not given}


def test_after_a_build(store):
    assert_exact_and_kept(store)


def test_after_an_import(kg, acled):
    before = assert_exact_and_kept(kg)
    import_file(acled, "acled", kg, batch_size=100)  # three batches, then the links, in the same writer
    after = assert_exact_and_kept(kg)
    assert after["attacks-by-perpetrator"] != before["attacks-by-perpetrator"]  # refreshed, not kept from before
    assert after["stats-totals"] != before["stats-totals"]


def test_an_import_and_its_linking_keep_the_aggregates_once_bug(kg, monkeypatch):
    """Regression: the import's last commit kept the aggregates, then the linking published a generation of its
    own and kept them all again (two full computations at the end of every import). Now the links are written
    by the import's writer, and its one last generation keeps them once, exact, with the links in it."""
    computed = []
    real = summary.compute

    def counted(db, texts):
        texts = list(texts)
        computed.extend(name for name, _ in texts)
        return real(db, texts)

    data = ROOT / "tests" / "data" / "import"
    import_file(data / "ucdp-ged.csv", "ucdp", kg, batch_size=2)
    monkeypatch.setattr(summary, "compute", counted)
    result = import_file(data / "acled-2019-layout.csv", "acled", kg, batch_size=2)
    assert result.batches > 1 and result.duplicates > 0  # rows that tell the UCDP rows' events: links are written
    assert sorted(computed) == sorted(n for n, _ in summary.at_write())  # each once
    assert set(summary.AT_WRITE) <= set(computed)
    assert_exact_and_kept(kg)
    assert kg.graphs()[links.GRAPH] == result.duplicates * 5  # the links are in the live generation


def test_after_an_import_stopped_by_a_bad_row(kg, acled, tmp_path):
    rows = list(csv.reader(acled.open(encoding="utf-8", newline="")))
    rows[150][rows[0].index("latitude")] = "north"  # the second batch holds a bad row: the first is published
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    before = assert_exact_and_kept(kg)
    with pytest.raises(ConflictKGError):
        import_file(bad, "acled", kg, batch_size=100)
    after = assert_exact_and_kept(kg)
    assert after["stats-totals"] != before["stats-totals"]  # the first batch's 100 events count


def test_after_an_ingest(kg, tmp_path):
    art = tmp_path / "sukhnah-attack.txt"
    art.write_text(NEWS, encoding="utf-8")
    facts = tmp_path / "sukhnah-attack.facts.yaml"
    cli = CliRunner()
    assert cli.invoke(main, ["extract", str(art), "--published", "2023-05-17", "-o", str(facts)]).exit_code == 0
    assert cli.invoke(main, ["review", str(facts), "--article", str(art), "--accept-all", "--by", "t"]).exit_code == 0
    before = assert_exact_and_kept(kg)
    r = cli.invoke(main, ["--store", str(kg.path), "ingest", str(facts), str(art), "--published", "2023-05-17"])
    assert r.exit_code == 0, r.output
    after = assert_exact_and_kept(kg)
    assert len(after["stats-articles"]) == len(before["stats-articles"]) + 1


def test_a_generation_without_kept_answers_is_answered_by_the_query(kg):
    kept = answers(kg)
    summary.path_of(kg.current()).unlink()
    for (name, given), (_, full, sparql) in kept.items():
        assert summary.read(kg.current(), sparql) is None
        assert query.run(name, dict(given), store=kg, limit=None).rows == full


def test_every_page_of_a_kept_listing_is_the_slice_of_the_whole(kg):
    whole = kg.select(query.text("timeline"))[1]
    assert len(whole) > 25
    for limit, offset in ((10, 0), (10, 10), (7, len(whole) - 7), (7, len(whole) - 3), (5, len(whole) + 2)):
        got = query.run("timeline", store=kg, limit=limit, offset=offset)
        assert got.rows == whole[offset:offset + limit], (limit, offset)
        assert got.more == (offset + limit < len(whole)) and got.offset == offset


def test_a_parameter_given_as_its_default_is_answered_from_the_table(kg):
    default = query.run("patterns", store=kg, limit=None).rows
    assert query.run("patterns", {"statement": "pattern"}, store=kg, limit=None).rows == default
    assert query.run("events-near", {"place": "Abu Kamal", "km": "50"}, store=kg, limit=None).rows == \
        query.run("events-near", store=kg, limit=None).rows


def test_parameters_not_kept_are_answered_by_the_query(kg):
    near = query.find("events-near")
    sparql = query.bind(near, {"km": "20"})
    assert summary.read(kg.current(), sparql) is None
    rows = query.run("events-near", {"km": "20"}, store=kg, limit=None).rows
    assert rows == kg.select(sparql)[1]
    assert len(rows) < len(query.run("events-near", store=kg, limit=None).rows)


def test_a_query_file_of_the_same_name_is_not_answered_from_the_table(kg, tmp_path):
    own = tmp_path / "stats-totals.rq"
    own.write_text("SELECT ?top WHERE { VALUES ?top { 1 } }\n", encoding="utf-8")
    assert query.run(str(own), store=kg).rows == [{"top": "1"}]


def test_a_writer_keeps_the_aggregates_and_a_listing_is_kept_when_first_asked(kg, acled):
    """The writer pays for the aggregates only; a listing is kept by its first ask of more than its first
    rows (those come from its page text, store/paging.py), for that generation alone."""
    import_file(acled, "acled", kg, batch_size=1000)
    texts = dict(query.kept_texts())
    writers = {summary.key(t) for _, t in summary.at_write()}
    assert summary.held(kg.current()) == writers  # no listing yet
    first = query.run("timeline", store=kg, limit=5)
    assert summary.held(kg.current()) == writers  # the first page came from the page text
    assert first.rows == kg.select(texts["timeline"])[1][:5] and first.more
    assert query.run("timeline", store=kg, limit=None).rows == kg.select(texts["timeline"])[1]
    assert summary.key(texts["timeline"]) in summary.held(kg.current())
    with kg.writer() as w:  # any write publishes a new generation, which starts with the writer's answers only
        w.add("urn:x:g", b"<urn:x:a> <urn:x:p> <urn:x:o> .\n")
    assert summary.held(kg.current()) == writers
    assert query.run("timeline", store=kg, limit=None).rows == kg.select(texts["timeline"])[1]
