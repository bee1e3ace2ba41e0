"""serve beside writers and hostile clients: generations kept while open, updates never lost, SERVICE off,
slow clients and bad lengths answered without holding anyone up. On a private copy of the seed store."""
import importlib.util
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import NEWS, free_port, http

from conflictkg.cli import main
from conflictkg.curation.build import build
from conflictkg.ingest.imports.run import import_file
from conflictkg.share.serve.server import start, stop
from conflictkg.share.web.app import App, serve_ui
from conflictkg.store.generations import Store

ROOT = Path(__file__).resolve().parents[2]
ACLED_GRAPH = "https://w3id.org/conflictkg/graph/import/acled"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
IMPORTED = ("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH <%s> { ?e a ?c } "
            "FILTER(STRSTARTS(STR(?e), 'https://w3id.org/conflictkg/id/event/acled/')) }" % ACLED_GRAPH)


def acled_rows(path: Path, n: int) -> Path:
    """n rows of bench/synth_acled.py's realistic ACLED file (the same rows for the same n)."""
    spec = importlib.util.spec_from_file_location("synth_acled", ROOT / "bench" / "synth_acled.py")
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=synth.HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(synth.rows(n, 7))
    return path


def sparql(url, text, timeout=30):
    return http(url, text.encode("utf-8"), {"Content-Type": "application/sparql-query",
                                            "Accept": "application/sparql-results+json"}, timeout)


def update(srv, text, timeout=30):
    return http(srv.url.replace("/query", "/update"), text.encode("utf-8"),
                {"Content-Type": "application/sparql-update"}, timeout)


def number(url, text) -> int:
    status, body = sparql(url, text)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def runaways_then_ask(url, n=3):
    """The issue's probe: runaway queries (each stopped at the timeout, its worker killed), then ASK {}."""
    for _ in range(n):
        status, body = sparql(url, RUNAWAY)
        assert status == 503 and "timeout" in body, body
    status, body = sparql(url, "ASK {}", timeout=60)
    assert status == 200 and json.loads(body)["boolean"] is True, body


def generations(store: Store) -> set[str]:
    return {p.name for p in store.path.glob("gen-*") if p.is_dir()}


# ---------------------------------------------------------------- finding 1: readers beside writers
def test_serve_keeps_answering_through_imports_builds_and_ingests_bug(kg, tmp_path, seeds):
    """Regression: an import pruned the generation the endpoint had open; each runaway query then killed a
    worker that could not be replaced (…/CURRENT: No such file), and every request got 503."""
    srv = start(kg, port=free_port(), timeout=2, workers=2)
    try:
        before = number(srv.url, IMPORTED)
        import_file(acled_rows(tmp_path / "acled.csv", 1500), "acled", kg, batch_size=250)
        runaways_then_ask(srv.url)
        after = int(kg.select(IMPORTED)[1][0]["n"])  # the embedded store's count, read anew
        assert after > before and number(srv.url, IMPORTED) == after  # moved to the newest generation

        actors = seeds / "actors.yaml"  # a build that changes the facts lands
        data = yaml.safe_load(actors.read_text(encoding="utf-8"))
        data[0]["en"] += " (renamed)"
        actors.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        build(seeds, kg.path)
        runaways_then_ask(srv.url)
        status, body = sparql(srv.url, 'ASK { ?a ?p "%s"@en }' % data[0]["en"])
        assert status == 200 and json.loads(body)["boolean"] is True

        art, facts = tmp_path / "sukhnah.txt", tmp_path / "sukhnah.facts.yaml"  # and an ingest
        art.write_text(NEWS, encoding="utf-8")
        runner = CliRunner()
        assert runner.invoke(main, ["extract", str(art), "--published", "2023-05-17", "-o", str(facts)]).exit_code == 0
        r = runner.invoke(main, ["--store", str(kg.path), "ingest", str(facts), str(art), "--published", "2023-05-17",
                                      "--allow-unreviewed"])
        assert r.exit_code == 0, r.output
        runaways_then_ask(srv.url)
        status, body = sparql(srv.url, "ASK { GRAPH <https://w3id.org/conflictkg/graph/article/sukhnah> { ?s ?p ?o } }")
        assert json.loads(body)["boolean"] is True
        # the workers all moved to the live generation; what no one holds any more was pruned
        assert srv.pool.generations() == [kg.current().name]
        assert len(generations(kg)) <= 3, generations(kg)
    finally:
        stop(srv)
    assert not list((kg.path / ".leases").iterdir())  # a stopped server holds nothing


# ---------------------------------------------------------------- finding 2: writable without lost updates
def ask(store: Store, value: str) -> bool:
    return bool(store.query(f"ASK {{ <urn:x:a> <urn:x:b> '{value}' }}"))


def test_writable_endpoint_loses_no_acknowledged_update_bug(kg):
    """Regression: an INSERT answered 204 before an import was not in the generation the import copied, and
    one after it went to a generation no longer in use; once the server stopped, neither was in the store."""
    srv = start(kg, port=free_port(), writable=True, timeout=3, workers=2)
    try:
        assert update(srv, "INSERT DATA { <urn:x:a> <urn:x:b> 'before' }")[0] == 204
        result = import_file(ROOT / "tests" / "data" / "import" / "acled-2019-layout.csv", "acled", kg)
        assert result.imported > 0
        assert update(srv, "INSERT DATA { <urn:x:a> <urn:x:b> 'after' }")[0] == 204
        status, body = sparql(srv.url, "SELECT ?o WHERE { <urn:x:a> <urn:x:b> ?o } ORDER BY ?o")
        assert [b["o"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["after", "before"]
        with kg.lock():  # a writer holds the store past the timeout: the update is refused, not applied
            t = time.monotonic()
            status, body = update(srv, "INSERT DATA { <urn:x:a> <urn:x:b> 'refused' }")
            assert status == 503 and "not applied" in body and time.monotonic() - t >= 3
        assert update(srv, "INSERT DATA { <urn:x:a> <urn:x:b> 'last' }")[0] == 204
    finally:
        stop(srv)
    assert [ask(kg, v) for v in ("before", "after", "refused", "last")] == [True, True, False, True]
    assert kg.graphs().get(ACLED_GRAPH, 0) > 0


def test_a_runaway_update_changes_nothing(kg):
    srv = start(kg, port=free_port(), writable=True, timeout=1, workers=1)
    try:
        live = kg.current()
        status, body = update(srv, "INSERT { <urn:x:a> <urn:x:b> ?n } WHERE { SELECT (COUNT(*) AS ?n) "
                                   "WHERE { GRAPH ?g { ?a ?b ?c } GRAPH ?h { ?d ?e ?f } } }")
        assert status == 503 and "nothing was changed" in body
        assert kg.current() == live and not list(kg.path.glob(".work-*"))
    finally:
        stop(srv)


# ---------------------------------------------------------------- finding 5: SERVICE
class Listener:
    """A TCP port on loopback that counts the connections made to it: a SERVICE call would be one."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port, self.accepted = self.sock.getsockname()[1], 0
        threading.Thread(target=self.loop, daemon=True).start()

    def loop(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            conn.close()


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.sock.close()


def services(port: int) -> list[str]:
    target = f"<http://127.0.0.1:{port}/sparql>"
    return [
        f"SELECT * WHERE {{ SERVICE {target} {{ ?s ?p ?o }} }}",
        # the bypass: a '#' earlier on the line, inside a PREFIX IRI, hid SERVICE from the text check
        f"PREFIX x: <http://example.org/a#b> SELECT * {{ ?s ?p ?o . SERVICE {target} {{ ?a ?b ?c }} }} LIMIT 1",
        f"SELECT * {{ # a comment\n  service silent {target} {{ ?a ?b ?c }} }}",
        f"SELECT * {{ OPTIONAL {{ SELECT * {{ SERVICE {target} {{ ?a ?b ?c }} }} }} }}",
    ]


@pytest.fixture
def endpoint(store):
    srv = start(store, port=free_port(), timeout=5, workers=2)
    yield srv
    stop(srv)


def test_endpoint_refuses_service_however_written_bug(endpoint, listener):
    """Regression: the endpoint had no SERVICE policy at all."""
    for text in services(listener.port):
        status, body = sparql(endpoint.url, text)
        assert status == 403 and "--allow-service" in body, (text, body)
    time.sleep(0.3)
    assert listener.accepted == 0
    # a query that only mentions the word is answered
    status, body = sparql(endpoint.url, 'SELECT * WHERE { ?s ?p "service" } # SERVICE')
    assert status == 200, body


def test_web_form_refuses_service_behind_a_hash_bug(store, listener):
    """Regression: the web form's text check dropped everything after a '#', so SERVICE after a PREFIX IRI
    with a fragment got through and the server made an outbound request."""
    app = App(store)
    for text in services(listener.port):
        status, body = web_get(app, "/sparql", text=text)
        assert status == 403 and "--allow-service" in body, (text, body)
    time.sleep(0.3)
    assert listener.accepted == 0


def test_allow_service_lets_federated_queries_out(store, listener):
    srv = start(store, port=free_port(), timeout=5, workers=1, allow_service=True)
    try:
        sparql(srv.url, services(listener.port)[0])
        time.sleep(0.3)
        assert listener.accepted >= 1
    finally:
        stop(srv)


def web_get(app, path, **params):
    from wsgiref.util import setup_testing_defaults

    env = {}
    setup_testing_defaults(env)
    env["PATH_INFO"], env["QUERY_STRING"] = path, urllib.parse.urlencode(params)
    out = {}
    body = b"".join(app(env, lambda status, headers: out.update(status=status)))
    return int(out["status"].split()[0]), body.decode("utf-8")


# ---------------------------------------------------------------- findings 6 and 7: slow and lying clients
@pytest.fixture
def ports(store):
    """The endpoint and the web view, as `serve --ui` runs them, with a 2 s read timeout."""
    srv = start(store, port=free_port(), timeout=5, workers=2, read_timeout=2)
    web = serve_ui(store, "127.0.0.1", free_port(), pool=srv.pool, read_timeout=2)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    yield {"endpoint": srv.server_address[1], "web": web.server_address[1]}
    web.shutdown()
    web.server_close()
    stop(srv)


PROBE = {"endpoint": "/query?query=ASK%7B%7D", "web": "/map"}


@pytest.mark.parametrize("which", ["web", "endpoint"])
def test_a_half_sent_request_does_not_block_others_bug(ports, which):
    """Regression: the web view served one request at a time (wsgiref): one half-sent request blocked every
    other user."""
    port = ports[which]
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
    try:
        t = time.monotonic()
        status, _ = http(f"http://127.0.0.1:{port}{PROBE[which]}", timeout=10)
        assert status == 200 and time.monotonic() - t < 1.5
        slow.settimeout(10)
        t = time.monotonic()
        assert slow.recv(100) == b"" and time.monotonic() - t < 5  # closed at the read timeout
    finally:
        slow.close()


BAD_LENGTHS = [("-1", 400), ("+5", 400), ("1_0", 400), ("0x10", 400), ("5, 5", 400), ("", 400),
               ("9" * 25, 400), ("9" * 20, 413), (str(64 * 1024 * 1024), 413)]


@pytest.mark.parametrize("which", ["endpoint", "web"])
@pytest.mark.parametrize("length, code", BAD_LENGTHS, ids=[b[0] or "empty" for b in BAD_LENGTHS])
def test_an_invalid_content_length_is_refused_at_once_bug(ports, which, length, code):
    """Regression: Content-Length: -1 was read to the end of the stream (200 MiB raised the front's memory
    from 43 to 244 MB and went to the query parser, past the 16 MiB cap)."""
    with socket.create_connection(("127.0.0.1", ports[which])) as s:
        s.settimeout(5)
        s.sendall(f"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  f"Content-Length: {length}\r\n\r\n".encode() + b"ASK {}" * 1000)  # the stream stays open
        answer = s.recv(200)
        assert answer.startswith(b"HTTP/1.") and answer.split()[1] == str(code).encode(), answer


@pytest.mark.parametrize("which", ["endpoint", "web"])
def test_a_doubled_content_length_is_refused(ports, which):
    with socket.create_connection(("127.0.0.1", ports[which])) as s:
        s.settimeout(5)
        s.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 6\r\nContent-Length: 60\r\n\r\nASK {}")
        assert s.recv(200).split()[1] == b"400"
