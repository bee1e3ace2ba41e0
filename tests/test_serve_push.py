"""serve and push, against real Oxigraph servers on loopback."""
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from helpers import free_port, wait_until_up

from conflictkg import query
from conflictkg.cli import main
from conflictkg.serve import oxigraph_exe, start, stop


# GROUP_CONCAT lists: SPARQL leaves their order to the engine, and it changes with the store's layout
LIST_COLUMNS = {"from_place", "to_place", "parties", "approvers", "terms", "areas"}


def unordered(rows):
    return [{k: (sorted(v.split("; ")) if k in LIST_COLUMNS and v else v) for k, v in r.items()} for r in rows]


def refused(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def test_read_only_endpoint_answers_and_refuses_update(store):
    proc, url = start(store, port=free_port())
    try:
        assert query.run("transfer-deals", endpoint=url).rows == query.run("transfer-deals", store=store).rows
        update = urllib.request.Request(url.replace("/query", "/update"), method="POST",
                                        data=b"DELETE WHERE { ?s ?p ?o }",
                                        headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(update, timeout=10)
        assert 400 <= err.value.code < 500
        assert len(query.run("tallies", endpoint=url).rows) == len(query.run("tallies", store=store).rows)
    finally:
        stop(proc)


def test_serve_command_stops_cleanly_on_ctrl_c(store):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "conflictkg", "--store", str(store.path), "serve", "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"SPARQL endpoint: http://127.0.0.1:{port}/query (read-only")
        assert query.run("ambushes", endpoint=f"http://127.0.0.1:{port}/query").rows
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
        time.sleep(0.2)
        assert refused(port)  # no stray server left behind
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.fixture
def target():
    """A writable, in-memory Oxigraph server to push to."""
    port = free_port()
    proc = subprocess.Popen([oxigraph_exe(), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    assert wait_until_up(f"{base}/query?query=ASK%7B%7D")
    yield base
    stop(proc)


def test_push_replace_then_query_back(store, target):
    runner = CliRunner()
    args = ["--store", str(store.path), "push", "--endpoint", f"{target}/store", "--graph",
            "https://example.org/conflictkg", "--replace", "--chunk-size", "3000"]
    r = runner.invoke(main, args)
    assert r.exit_code == 0, r.output
    sent = int(r.output.split("Pushed ")[1].split()[0])
    assert f"the store now holds {sent}" in r.output and "request(s)" in r.output
    # pushing again with --replace gives the same graph, not a doubled one
    r = runner.invoke(main, args)
    assert r.exit_code == 0 and f"the store now holds {sent}" in r.output
    for name in ("transfer-deals", "tallies", "alliances"):
        remote = query.run(name, endpoint=f"{target}/query").rows
        assert unordered(remote) == unordered(query.run(name, store=store).rows)


def test_push_to_nowhere_is_a_clear_error(store):
    r = CliRunner().invoke(main, ["--store", str(store.path), "push", "--endpoint",
                                  f"http://127.0.0.1:{free_port()}/store"])
    assert r.exit_code == 2 and "cannot reach the store" in r.output


def test_malformed_query_gets_a_400_and_the_server_keeps_answering(store):
    proc, url = start(store, port=free_port())
    try:
        bad = urllib.request.Request(url + "?query=" + urllib.parse.quote("SELEC ?x WHERE {"))
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(bad, timeout=10)
        assert err.value.code == 400
        assert query.run("tallies", endpoint=url).rows  # still answering
    finally:
        stop(proc)
