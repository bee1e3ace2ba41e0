"""The web view's review page: a fact file's candidates with their evidence, accept/reject when writable."""
import io
import urllib.parse
from wsgiref.util import setup_testing_defaults

import pytest
import yaml
from click.testing import CliRunner
from helpers import NEWS, wsgi_get

from conflictkg.cli import main
from conflictkg.share.web.app import App
from conflictkg.share.web.review import Review


@pytest.fixture
def candidates(tmp_path):
    art = tmp_path / "sukhnah.txt"
    art.write_text(NEWS, encoding="utf-8")
    facts = tmp_path / "sukhnah.facts.yaml"
    assert CliRunner().invoke(main, ["extract", str(art), "--published", "2023-05-17", "-o", str(facts)]).exit_code == 0
    return art, facts


def post(app, path, form):
    env = {}
    setup_testing_defaults(env)
    body = urllib.parse.urlencode(form).encode()
    env.update(REQUEST_METHOD="POST", PATH_INFO=path, CONTENT_LENGTH=str(len(body)), **{"wsgi.input": io.BytesIO(body)})
    out = {}
    data = b"".join(app(env, lambda status, headers: out.update(status=status, headers=dict(headers))))
    return int(out["status"].split()[0]), out["headers"], data.decode()


def test_read_only_review_page_shows_the_evidence_without_buttons(store, candidates):
    art, facts = candidates
    app = App(store, review=Review(facts, art, writable=False))
    status, body = wsgi_get(app, "/review")
    assert status == 200 and "4 records of <em>sukhnah.txt</em>, 4 not reviewed yet" in body
    assert '<p class="ar" lang="ar" dir="rtl">' in body and "<mark>" in body and "Read-only" in body
    assert "<form method=\"post\"" not in body
    before = facts.read_bytes()
    status, _, _ = post(app, "/review", {"id": "e01", "action": "accept", "token": app.review.token})
    assert status == 405 and facts.read_bytes() == before


def test_writable_review_page_accepts_and_rejects(store, candidates):
    art, facts = candidates
    app = App(store, review=Review(facts, art, writable=True))
    status, body = wsgi_get(app, "/review")
    assert body.count('<button name="action" value="accept">') == 4
    status, headers, _ = post(app, "/review", {"id": "e01", "action": "accept", "token": app.review.token})
    assert status == 303 and headers["Location"] == "/review#e01"
    status, _, _ = post(app, "/review", {"id": "e02", "action": "reject", "token": app.review.token})
    assert status == 303
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    assert [e["id"] for e in data["events"]] == ["e01", "e03", "e04"]
    assert data["events"][0]["review"]["by"] == "web view" and "review" not in data["events"][1]
    _, body = wsgi_get(app, "/review")
    assert "3 records" in body and "2 not reviewed yet" in body and "reviewed by web view" in body


def test_a_decision_without_the_token_is_refused(store, candidates):
    art, facts = candidates
    app = App(store, review=Review(facts, art, writable=True))
    before = facts.read_bytes()
    status, _, body = post(app, "/review", {"id": "e01", "action": "accept", "token": "guess"})
    assert status == 403 and "token" in body and facts.read_bytes() == before
    status, _, body = post(app, "/review", {"id": "e99", "action": "accept", "token": app.review.token})
    assert status == 400 and "no record with id e99" in body and facts.read_bytes() == before


def test_no_review_page_without_a_fact_file(store):
    status, body = wsgi_get(App(store), "/review")
    assert status == 404 and "--review FACTS.yaml" in body
