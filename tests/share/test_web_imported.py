"""The web view on a store with imported datasets: every actor and place it shows has a page."""
import html
import re
from pathlib import Path

import pytest
from helpers import copy_store, wsgi_get

from conflictkg.ingest.imports.run import import_file
from conflictkg.share.web.app import App
from conflictkg.store.generations import Store

DATA = Path(__file__).parents[1] / "data" / "import"
ID = "https://w3id.org/conflictkg/id/"


@pytest.fixture(scope="module")
def app(store, tmp_path_factory):
    """The seeds plus both ACLED fixtures and the UCDP fixture, imported."""
    path = tmp_path_factory.mktemp("web-imported") / "store"
    copy_store(store.path, path)
    s = Store(path)
    for dataset, name in (("acled", "acled-2019-layout"), ("acled", "acled-2025-layout"), ("ucdp", "ucdp-ged")):
        assert not import_file(DATA / f"{name}.csv", dataset, s, batch_size=2).rejected
    return App(s)


def links(body: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="(/(?:actor|place)/[^"]*)"', body)]


def test_search_links_to_pages_of_imported_actors_bug(app):
    """Regression: search linked to /actor/<slug> but imported IRIs are …/actor/acled/<slug>: a 404."""
    status, body = wsgi_get(app, "/", q="Protesters")
    assert status == 200 and 'href="/actor/acled/protesters-syria"' in body
    status, page = wsgi_get(app, "/actor/acled/protesters-syria")
    assert status == 200 and "Protesters (Syria)" in page


def test_every_entity_the_search_shows_has_a_page_bug(app):
    """Regression: every actor and place, imported or curated, found by its name, links to a page of it."""
    imported = [iri for iri in app.data.entities if "/acled/" in iri or "/ucdp/" in iri]
    assert len(imported) >= 10  # the actors, places and admin chains the three files brought (13)
    for iri, ent in sorted(app.data.entities.items()):
        status, body = wsgi_get(app, "/", q=ent.en)
        href = "/" + iri[len(ID):]
        assert status == 200 and href in links(body), (iri, ent.en)
        status, page = wsgi_get(app, href)
        assert status == 200 and html.escape(ent.en) in page, (iri, status)


def test_imported_place_page_shows_its_admin_chain(app):
    status, body = wsgi_get(app, "/place/acled/syria/deir-ez-zor/al-mayadin/thiban")
    assert status == 200 and 'href="/place/mayadin-district"' in body
    status, body = wsgi_get(app, "/map")
    assert status == 200 and 'href="/place/acled/syria/deir-ez-zor/al-mayadin/thiban/thiban"' in body


@pytest.mark.parametrize("path", ["/actor/acled/../../etc/passwd", "/place/acled/./x", "/actor/acled/",
                                  "/actor/acled/nobody", "/place/a/b/c/d/e/f/g/h/i"])
def test_no_page_outside_the_entities(app, path):
    assert wsgi_get(app, path)[0] == 404
