"""Lookup in the web view: Latin transliteration variants in the search, and query results as linked tables
with pages and a CSV download."""
import csv
import io
import re

import pytest
from helpers import wsgi_get

from conflictkg.share.web.app import App

ABU_KAMAL = 'href="/place/abu-kamal"'


@pytest.fixture(scope="module")
def app(store):
    return App(store)


def test_latin_spellings_find_abu_kamal_bug(app):
    """Regression: web search found البوكمال and "Abu Kamal" but not "Albukamal"."""
    for q in ("Albukamal", "Abu Kamal", "Al-Bukamal", "Boukamal", "البوكمال"):
        status, body = wsgi_get(app, "/", q=q)
        assert status == 200 and ABU_KAMAL in body and "البو كمال" in body, q


def test_latin_spellings_of_other_names(app):
    for q, href in [("Dayr al-Zawr", "/place/deir-ez-zor"), ("Mayadeen", "/place/mayadin"),
                    ("Sweida", "/place/sweida-governorate"), ("Baghouz", "/place/baghuz"),
                    ("Hizbullah", "/actor/hezbollah")]:
        status, body = wsgi_get(app, "/", q=q)
        assert status == 200 and f'href="{href}"' in body, q


def test_a_latin_search_does_not_find_everything(app):
    _, body = wsgi_get(app, "/", q="Boukamal")
    entities = re.search(r"Actors and places \((\d+)\)", body)
    assert entities and 1 <= int(entities[1]) <= 6  # the town and the places named after it
    _, body = wsgi_get(app, "/", q="Xyzzyq")
    assert "Actors and places (0)" in body and "Facts (0)" in body


def test_query_results_link_to_entity_and_fact_pages(app):
    status, body = wsgi_get(app, "/sparql", name="attacks-by-perpetrator")
    assert status == 200
    assert '<a href="/actor/isis">Islamic State (ISIS)</a>' in body
    assert 'download CSV' in body and "Rows 1–" in body
    status, body = wsgi_get(app, "/sparql", name="ambushes")
    assert re.search(r'<a href="/fact/003_117490c947766292/e06">', body)


def test_query_results_page_through_and_download_whole(app):
    text = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label"
    status, first = wsgi_get(app, "/sparql", text=text)
    total = int(re.search(r"Rows 1–50 of (\d+)", first)[1])
    assert total > 100 and 'rel="next"' in first and 'rel="prev"' not in first
    status, second = wsgi_get(app, "/sparql", text=text, page="2")
    assert status == 200 and "Rows 51–100 of" in second and 'rel="prev"' in second
    rows = lambda body: re.findall(r"<tr><td", body)  # noqa: E731
    assert len(rows(first)) == len(rows(second)) == 50
    status, data = wsgi_get(app, "/sparql", text=text, format="csv")
    table = list(csv.reader(io.StringIO(data)))
    assert status == 200 and table[0] == ["s", "label"] and len(table) == total + 1
    # the whole text of every cell, Arabic as stored
    assert any("البو كمال" == r[1] for r in table)


def test_query_page_number_out_of_range_shows_the_last(app):
    status, body = wsgi_get(app, "/sparql", name="attacks-by-perpetrator", page="99")
    assert status == 200 and "(page 1 of 1)" in body
    status, body = wsgi_get(app, "/sparql", name="attacks-by-perpetrator", page="x")
    assert status == 400 and "page must be a number" in body
