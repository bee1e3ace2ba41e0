"""push and query against Virtuoso Open Source (Debian's virtuoso-opensource-7-bin), with digest auth."""
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import free_port, needs, stop, wait_until_up

from conflictkg.cli import main
from conflictkg.store import queries as query

INI = Path(__file__).parents[1] / "data" / "virtuoso.ini"
LIST_COLUMNS = {"from_place", "to_place", "parties", "approvers", "terms", "areas", "places", "perpetrators",
                "targets", "took_or_left", "from_or_to_side", "arrested_by", "arrested", "mediators"}


def comparable(rows):
    """GROUP_CONCAT order is the engine's, and an empty one is "" on Virtuoso but unbound on Oxigraph."""
    return [{k: (sorted(v.split("; ")) if k in LIST_COLUMNS and v else (v or None)) for k, v in r.items()}
            for r in rows]


@pytest.fixture(scope="module")
def virtuoso(store, tmp_path_factory):
    exe = needs("virtuoso-t")
    d = tmp_path_factory.mktemp("virtuoso")
    http = free_port()
    ini = d / "virtuoso.ini"
    ini.write_text(INI.read_text().format(dir=d, sql_port=free_port(), http_port=http))
    proc = subprocess.Popen([exe, "+foreground", "+configfile", str(ini)], cwd=d,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http}"
    try:  # stop Virtuoso whatever happens, a failed push included
        if not wait_until_up(f"{base}/sparql?query=ASK%7B%7D"):
            pytest.fail("Virtuoso did not start")
        r = CliRunner().invoke(main, ["--store", str(store.path), "push", "--endpoint",
                                      f"{base}/sparql-graph-crud-auth", "--graph",
                                      "https://w3id.org/conflictkg/graph/all", "--replace",
                                      "--user", "dba", "--password", "dba", "--auth", "digest"])
        assert r.exit_code == 0, r.output + (d / "virtuoso.log").read_text(errors="replace")[-2000:]
        yield base, r.output
    finally:
        stop(proc, 30)


def test_push_with_digest_auth_and_count_check(virtuoso, store):
    _, output = virtuoso
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    local = int(next(iter(store.query(q)))["n"].value)
    assert f"Pushed {local} triples" in output and f"the store now holds {local}" in output


def test_wrong_password_is_refused(virtuoso, store):
    base, _ = virtuoso
    r = CliRunner().invoke(main, ["--store", str(store.path), "push", "--endpoint", f"{base}/sparql-graph-crud-auth",
                                  "--graph", "https://example.org/other", "--user", "dba", "--password", "wrong",
                                  "--auth", "digest"])
    assert r.exit_code == 2 and "HTTP 401" in r.output


@pytest.mark.parametrize("name", sorted(n for n in query.library() if not n.startswith("stats")))
def test_named_queries_answer_the_same_on_virtuoso(virtuoso, store, name):
    # all of them: timeline, claims-by-source and casualties-by-governorate unroll their hierarchies for this
    base, _ = virtuoso
    remote = query.run(name, endpoint=f"{base}/sparql", timeout=60).rows
    assert comparable(remote) == comparable(query.run(name, store=store).rows)


def test_query_with_digest_auth(virtuoso, store):
    base, _ = virtuoso
    args = ["query", "tallies", "--endpoint", f"{base}/sparql-auth", "--user", "dba", "--auth", "digest",
            "--format", "csv"]
    r = CliRunner().invoke(main, args + ["--password", "dba"])
    assert r.exit_code == 0 and r.output.count("\n") == len(query.run("tallies", store=store).rows) + 1
    r = CliRunner().invoke(main, args + ["--password", "wrong"])
    assert r.exit_code == 2 and "Unauthorized" in r.output
