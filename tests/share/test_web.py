"""The web view: pages a person would use, escaping, and what it refuses."""
from wsgiref.util import setup_testing_defaults

import pytest
from helpers import wsgi_get

from conflictkg.curation.build import build
from conflictkg.share.web.app import App
from conflictkg.store.generations import Store


@pytest.fixture(scope="module")
def app(store):
    return App(store)


def test_search_by_arabic_spelling_variant_finds_the_town(app):
    # the registry writes البو كمال; 002 writes البوكمال: both find the town
    for q in ("البوكمال", "البو كمال", "Abu Kamal"):
        status, body = wsgi_get(app, "/", q=q)
        assert status == 200 and 'href="/place/abu-kamal"' in body, q


def test_event_page_highlights_the_evidence_in_the_rtl_article(app):
    status, body = wsgi_get(app, "/fact/003_117490c947766292/e06")
    assert status == 200
    assert '<article class="ar" lang="ar" dir="rtl">' in body
    assert '<mark id="evidence">نفذ تنظيم داعش الإرهابي اليوم 14 نوفمبر كمينًا' in body
    assert "reported by:" in body and 'href="/actor/al-fajr"' in body and "certainty: reported" in body


def test_place_page_lists_its_facts_and_point(app):
    status, body = wsgi_get(app, "/place/abu-kamal")
    assert status == 200 and "GeoNames 174448" in body and "al-Katf" in body


def test_map_is_drawn_offline(app):
    status, body = wsgi_get(app, "/map")
    assert status == 200 and "<svg" in body and "<polygon" in body and "http" not in body.split("<svg")[1]


def test_named_query_box(app):
    status, body = wsgi_get(app, "/sparql", name="events-near", params="place=Abu Kamal; km=15")
    assert status == 200 and "al-Katf" in body


@pytest.mark.parametrize("text", ["DELETE WHERE { ?s ?p ?o }", "select * { } # fine\nINSERT DATA { <a:b> <a:c> 1 }"])
def test_query_box_refuses_updates(app, text):  # SERVICE: tests/share/test_serve_robust.py
    status, body = wsgi_get(app, "/sparql", text=text)
    assert status == 400 and "refused" in body


def test_malformed_query_is_a_4xx(app):
    status, body = wsgi_get(app, "/sparql", text="SELECT WHERE {")
    assert status == 400 and "syntax error" in body


@pytest.mark.parametrize("path", ["/static/../../etc/passwd", "/static/%2e%2e/README.md", "/static/.env",
                                  "/actor/../../etc", "/fact/x/../../y"])
def test_no_path_traversal(app, path):
    status, body = wsgi_get(app, path)
    assert status == 404 and "root:" not in body


def test_article_text_is_escaped(seeds, tmp_path):
    article = seeds / "articles" / "003_117490c947766292.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n<script>alert('x')</script>", encoding="utf-8")
    built = build(seeds, tmp_path / "store")
    status, body = wsgi_get(App(Store(built.store)), "/fact/003_117490c947766292/e06")
    assert status == 200
    assert "<script>" not in body and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body


def test_network_and_flow_pages(app):
    status, body = wsgi_get(app, "/flows")
    # 002: the May 2018 deal moved "نحو ألف من مقاتلي داعش من جنوب دمشق"
    assert status == 200 and "Southern Damascus" in body and "<td>1000</td>" in body
    status, body = wsgi_get(app, "/network")
    assert status == 200 and "/network.png" in body
    for png in ("/network.png", "/flows.png"):
        env = {}
        setup_testing_defaults(env)
        env["PATH_INFO"] = png
        data = b"".join(app(env, lambda s, h: None))
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000


def test_query_form_runs_under_the_endpoints_timeout_and_row_limit(store):
    """With `serve --ui`, the form's queries go to the SPARQL endpoint's worker processes."""
    from helpers import free_port

    from conflictkg.share.serve.server import start, stop

    server = start(store, port=free_port(), timeout=2, max_rows=100, workers=2)
    try:
        app = App(store, server.pool, timeout=2)
        status, body = wsgi_get(app, "/sparql", name="events-near", params="place=Abu Kamal; km=15")
        assert status == 200 and "al-Katf" in body
        status, body = wsgi_get(app, "/sparql", text="SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }")
        assert status == 503 and "timeout of 2 s" in body
        status, body = wsgi_get(app, "/sparql", text="SELECT * WHERE { ?s ?p ?o }")
        assert status == 422 and "more than 100 rows" in body
        status, body = wsgi_get(app, "/sparql", text="SELECT WHERE {")
        assert status == 400 and "syntax error" in body
    finally:
        stop(server)
