"""serve --writable and the answers kept beside each generation (store/summary.py): a generation an update
publishes gets its table made after the update is acknowledged, and the table is exact for it."""
import time

from helpers import free_port, http

from conflictkg.share.serve.server import start, stop
from conflictkg.store import queries as query
from conflictkg.store import summary

CKG = "https://w3id.org/conflictkg/ontology#"


def test_an_update_through_the_writable_endpoint_gets_its_kept_answers_bug(kg):
    """Regression: a generation published by an update through `serve --writable` never got the kept answers,
    so every later `conflictkg query` of a slow listing or aggregate ran the whole query until the next
    import, ingest or build."""
    before = query.run("stats-totals", store=kg, limit=None).rows
    writers = {summary.key(t) for _, t in summary.at_write()}
    srv = start(kg, port=free_port(), writable=True, timeout=5, workers=1)
    try:
        status, _ = http(srv.url.replace("/query", "/update"),
                         f"INSERT DATA {{ GRAPH <urn:x:g> {{ <urn:x:article> a <{CKG}Article> }} }}".encode(),
                         {"Content-Type": "application/sparql-update"})
        assert status == 204
        live = kg.current()
        deadline = time.monotonic() + 120
        while not writers <= summary.held(live) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        stop(srv)
    assert kg.current() == live and writers <= summary.held(live), "no kept answers for the update's generation"
    for name, sparql in summary.at_write():
        kept = summary.read(live, sparql)
        assert kept is not None and kept[1] == kg.select(sparql)[1], name  # exact for the new generation
    after = {r["top"]: int(r["n"]) for r in query.run("stats-totals", store=kg, limit=None).rows}
    assert after[CKG + "Article"] == {r["top"]: int(r["n"]) for r in before}[CKG + "Article"] + 1
