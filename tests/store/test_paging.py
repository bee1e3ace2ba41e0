"""Listing queries come a page at a time: the library adds LIMIT and OFFSET (the files stay as any client runs
them), pages follow the query's order without overlap or gap, and the CLI says when more rows follow."""
import pytest
from click.testing import CliRunner

from conflictkg.cli import main
from conflictkg.store import queries as query
from conflictkg.store.paging import DEFAULT_LIMIT, paged

ORDERED = [n for n, q in query.library().items() if "ORDER BY" in q.text]


@pytest.mark.parametrize("name", ORDERED)
def test_pages_follow_the_order_without_overlap_or_gap(store, name):
    every = query.run(name, store=store, limit=None).rows
    size, pages, offset = 4, [], 0
    while True:
        page = query.run(name, store=store, limit=size, offset=offset)
        assert len(page.rows) <= size and page.offset == offset
        pages += page.rows
        offset += size
        if not page.more:
            break
        assert len(page.rows) == size
    assert pages == every, f"{name}: the pages differ from the whole answer ({len(pages)} against {len(every)} rows)"
    assert offset >= len(every) > offset - size or not every


def test_the_default_page_and_the_message_on_more(store):
    every = query.run("claims-by-source", store=store, limit=None).rows
    assert len(every) > DEFAULT_LIMIT  # the seeds' 219 claims: more than a page
    first = query.run("claims-by-source", store=store)
    assert first.rows == every[:DEFAULT_LIMIT] and first.more
    runner = CliRunner()
    r = runner.invoke(main, ["--store", str(store.path), "query", "claims-by-source", "--format", "csv"])
    assert r.exit_code == 0
    assert r.stdout.count("\n") == DEFAULT_LIMIT + 1
    assert "rows 1-100 shown; more follow: add --offset 100" in r.stderr
    r = runner.invoke(main, ["--store", str(store.path), "query", "claims-by-source", "--format", "csv", "--all"])
    assert r.exit_code == 0 and r.stdout.count("\n") == len(every) + 1 and "more follow" not in r.stderr
    r = runner.invoke(main, ["--store", str(store.path), "query", "claims-by-source", "--format", "csv",
                             "--limit", "30", "--offset", "200"])
    assert r.exit_code == 0 and r.stdout.count("\n") == len(every) - 200 + 1 and "more follow" not in r.stderr
    r = runner.invoke(main, ["--store", str(store.path), "query", "timeline", "--all", "--limit", "5"])
    assert r.exit_code == 2 and "--all gives every row" in r.output


def test_a_query_with_its_own_limit_runs_as_written(store, tmp_path):
    own = tmp_path / "own.rq"
    own.write_text("SELECT ?s WHERE { ?s a ?c } ORDER BY ?s LIMIT 3 # three\n", encoding="utf-8")
    assert len(query.run(str(own), store=store).rows) == 3
    r = CliRunner().invoke(main, ["--store", str(store.path), "query", str(own), "--offset", "2"])
    assert r.exit_code == 2 and "sets its own LIMIT" in r.output


def test_the_page_goes_below_a_comment_on_the_last_line():
    text, on = paged("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s # by subject", "SELECT * WHERE { ?s ?p ?o } "
                     "ORDER BY ?s             ", 10, 20)
    assert on and text.endswith("# by subject\nLIMIT 11\nOFFSET 20\n")
