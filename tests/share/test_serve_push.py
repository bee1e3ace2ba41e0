"""serve and push, against real Oxigraph servers on loopback."""
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from helpers import copy_store, free_port, http, wait_until_up

from conflictkg.cli import main
from conflictkg.share.serve.server import oxigraph_exe, start, stop
from conflictkg.store import queries as query

# GROUP_CONCAT lists: SPARQL leaves their order to the engine, and it changes with the store's layout
LIST_COLUMNS = {"from_place", "to_place", "parties", "approvers", "terms", "areas"}


def unordered(rows):
    return [{k: (sorted(v.split("; ")) if k in LIST_COLUMNS and v else v) for k, v in r.items()} for r in rows]


def refused(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def children(pid: int) -> list[int]:
    out = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as fh:
            out += [int(p) for p in fh.read().split()]
    return out


def sparql(url, text: str, accept: str = "application/sparql-results+json", timeout: float = 30):
    return http(url, text.encode("utf-8"), {"Content-Type": "application/sparql-query", "Accept": accept},
                timeout)


@pytest.fixture(scope="module")
def server(store):
    """A read-only endpoint with a short timeout and a small row limit, shared by the tests below."""
    srv = start(store, port=free_port(), timeout=2, max_rows=1000, workers=2)
    yield srv
    stop(srv)


def test_read_only_endpoint_answers_and_refuses_update(store):
    srv = start(store, port=free_port())
    url = srv.url
    try:
        assert query.run("transfer-deals", endpoint=url).rows == query.run("transfer-deals", store=store).rows
        update = urllib.request.Request(url.replace("/query", "/update"), method="POST",
                                        data=b"DELETE WHERE { ?s ?p ?o }",
                                        headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(update, timeout=10)
        assert err.value.code == 403 and b"read-only" in err.value.read()
        assert len(query.run("tallies", endpoint=url).rows) == len(query.run("tallies", store=store).rows)
    finally:
        stop(srv)


def test_serve_command_stops_cleanly_on_ctrl_c(store):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "conflictkg", "--store", str(store.path), "serve", "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"SPARQL endpoint: http://127.0.0.1:{port}/query (read-only")
        assert query.run("ambushes", endpoint=f"http://127.0.0.1:{port}/query").rows
        workers = children(proc.pid)
        assert len(workers) >= 2 and all(alive(p) for p in workers)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
        time.sleep(0.2)
        assert refused(port)  # no stray server left behind
        assert not [p for p in workers if alive(p)]  # nor a stray query worker
    finally:
        if proc.poll() is None:
            proc.kill()


def test_serve_started_with_sigint_ignored_still_stops_on_ctrl_c_bug(store):
    """A shell starts background jobs with SIGINT ignored; Python kept it ignored and serve ran on."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "conflictkg", "--store", str(store.path), "serve", "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert proc.stdout.readline().startswith("SPARQL endpoint:")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
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


LONG = {
    "triple cross join": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",  # 2.6e8 rows, ~28 s alone
    "unbounded path": "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:x:p>|!<urn:x:p>)* ?b }",  # ~11 s alone
}


@pytest.mark.parametrize("text", LONG.values(), ids=LONG.keys())
def test_a_long_query_is_cut_off_at_the_timeout_and_the_server_keeps_answering(server, store, text):
    before = server.pool.pids()
    t = time.monotonic()
    status, body = sparql(server.url, text)
    took = time.monotonic() - t
    assert status == 503 and "longer than the server's timeout of 2 s" in body
    assert 2 <= took < 6, took
    killed = set(before) - set(server.pool.pids())
    assert len(killed) == 1 and not alive(killed.pop())  # its worker is gone, not burning a core
    assert query.run("tallies", endpoint=server.url).rows == query.run("tallies", store=store).rows
    deadline = time.monotonic() + 10
    while len(server.pool.pids()) < 2 and time.monotonic() < deadline:  # the pool is made whole again
        time.sleep(0.1)
    assert len(server.pool.pids()) == 2


def test_other_queries_are_answered_while_a_long_one_runs(store):
    srv = start(store, port=free_port(), timeout=8, workers=2)
    try:
        got = {}
        slow = threading.Thread(target=lambda: got.update(slow=sparql(srv.url, LONG["triple cross join"])))
        slow.start()
        time.sleep(0.5)
        assert query.run("transfer-deals", endpoint=srv.url).rows == query.run("transfer-deals", store=store).rows
        assert slow.is_alive()  # answered while the long query was still running
        slow.join()
        assert got["slow"][0] == 503
    finally:
        stop(srv)


def test_too_many_rows_is_refused_with_422(server):
    status, body = sparql(server.url, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422 and "more than 1000 rows" in body and "--max-rows" in body
    status, body = sparql(server.url, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/turtle")
    assert status == 422 and "more than 1000 triples" in body
    status, body = sparql(server.url, "SELECT * WHERE { ?s ?p ?o } LIMIT 1000")  # exactly the limit is fine
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 1000


def test_query_command_on_the_endpoint_says_why_it_was_refused(server, store):
    r = CliRunner().invoke(main, ["query", "tallies", "--endpoint", server.url, "--format", "csv"])
    assert r.exit_code == 0 and r.output.count("\n") == len(query.run("tallies", store=store).rows) + 1
    # --all sends the text whole: a first page (LIMIT 101) would stay under the server's row limit
    r = CliRunner().invoke(main, ["query", LONG_QUERY_FILE, "--endpoint", server.url, "--all"])
    assert r.exit_code == 2 and "HTTP 422" in r.output and "--max-rows" in r.output


LONG_QUERY_FILE = str(__import__("pathlib").Path(__file__).parents[1] / "data" / "all-triples.rq")


def test_results_in_every_format(server):
    text = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label LIMIT 3"
    status, body = sparql(server.url, text, accept="text/csv")
    assert status == 200 and body.startswith("s,label\r\n") and body.count("\r\n") == 4
    status, body = sparql(server.url, text, accept="text/tab-separated-values")
    assert status == 200 and body.startswith("?s\t?label\n<https://") and body.count("\n") == 4
    status, body = sparql(server.url, text, accept="application/sparql-results+xml")
    assert status == 200 and body.count("<result>") == 3 and "xml:lang=" in body
    status, body = sparql(server.url, "ASK { ?s ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, body = sparql(server.url, "CONSTRUCT WHERE { ?s a ?o } LIMIT 2", accept="application/n-triples")
    assert status == 200 and body.count(" .\n") == 2


@pytest.mark.parametrize("method, path, data, headers, code", [
    ("GET", "/query?query=" + urllib.parse.quote("SELEC ?x WHERE {"), None, {}, 400),
    ("GET", "/query", None, {}, 400),  # no query at all
    ("GET", "/query?query=ASK%7B%7D&query=ASK%7B%7D", None, {}, 400),  # two
    ("POST", "/query", b"ASK {}", {"Content-Type": "text/plain"}, 415),
    ("POST", "/query", b"query=%FF", {"Content-Type": "application/x-www-form-urlencoded"}, 400),
    ("POST", "/query", b"ASK {}", {"Content-Type": "application/sparql-query", "Accept": "image/png"}, 406),
    ("POST", "/query", b"INSERT DATA { <a:b> <a:c> 1 }", {"Content-Type": "application/sparql-query"}, 400),
    ("POST", "/update", b"update=DELETE+WHERE+%7B%3Fs+%3Fp+%3Fo%7D",
     {"Content-Type": "application/x-www-form-urlencoded"}, 403),
    ("GET", "/update", None, {}, 405),
    ("GET", "/store", None, {}, 404),
])
def test_malformed_requests_get_a_4xx_and_the_server_keeps_answering(server, store, method, path, data, headers,
                                                                     code):
    base = server.url.rsplit("/", 1)[0]
    req = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == code and err.value.read().strip()  # with a message
    assert query.run("tallies", endpoint=server.url).rows  # still answering


def test_oversized_body_gets_413(server):
    with socket.create_connection(("127.0.0.1", int(server.url.split(":")[2].split("/")[0]))) as s:
        s.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 999999999\r\n\r\nASK {}")
        assert s.recv(100).startswith(b"HTTP/1.1 413")


def test_writable_endpoint_takes_updates(store, tmp_path):
    copy_store(store.path, tmp_path / "store")  # its own copy: updates change the served generation
    from conflictkg.store.generations import Store

    srv = start(Store(tmp_path / "store"), port=free_port(), writable=True, timeout=2)
    try:
        base = srv.url.rsplit("/", 1)[0]
        status, _ = http(base + "/update", b"INSERT DATA { <urn:x:a> <urn:x:b> 'added' }",
                         {"Content-Type": "application/sparql-update"})
        assert status == 204
        status, _ = http(base + "/update", urllib.parse.urlencode(
            {"update": "INSERT DATA { <urn:x:a> <urn:x:b> 'again' }"}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 204
        status, body = sparql(srv.url, "SELECT ?o WHERE { <urn:x:a> <urn:x:b> ?o } ORDER BY ?o")
        assert status == 200 and [b["o"]["value"] for b in json.loads(body)["results"]["bindings"]] == \
            ["added", "again"]
        # a long query on the single writing worker is stopped too, and the replacement takes updates
        assert sparql(srv.url, LONG["triple cross join"])[0] == 503
        status, _ = http(base + "/update", b"DELETE DATA { <urn:x:a> <urn:x:b> 'added' }",
                         {"Content-Type": "application/sparql-update"}, timeout=30)
        assert status == 204
        status, body = sparql(srv.url, "SELECT ?o WHERE { <urn:x:a> <urn:x:b> ?o }")
        assert [b["o"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["again"]
    finally:
        stop(srv)


def test_a_busy_port_is_a_clear_error(store, server):
    port = server.url.split(":")[2].split("/")[0]
    r = CliRunner().invoke(main, ["--store", str(store.path), "serve", "--port", port])
    assert r.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in r.output


def test_default_graph_uri_narrows_the_dataset(server, store):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    onto = store.graphs()["https://w3id.org/conflictkg/graph/ontology"]
    status, body = http(server.url + "?" + urllib.parse.urlencode(
        {"query": count, "default-graph-uri": "https://w3id.org/conflictkg/graph/ontology"}))
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(onto)
    status, body = http(server.url + "?" + urllib.parse.urlencode({"query": count, "default-graph-uri": "not an iri"}))
    assert status == 400 and "bad graph IRI" in body
