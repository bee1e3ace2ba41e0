"""Links into the web of data: the actors and places curated with a Wikidata item (and the places with a
GeoNames feature) are in the graph as skos:exactMatch / skos:closeMatch with their basis, the named query
external-links lists every one of them, and a malformed link in the registries is refused by name."""
import pytest
import yaml

from conflictkg.core.errors import FactErrors
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.curation.build import facts_graph
from conflictkg.store import queries as query

ID = "https://w3id.org/conflictkg/id/"


def curated_links(seeds=SEEDS_DIR):
    """Every link the registries curate, read from the YAML with PyYAML alone (not the project's reader):
    (entity IRI, kind, target, match, target IRI) -> basis."""
    out = {}
    for kind in ("actor", "place"):
        for entry in yaml.safe_load((seeds / f"{kind}s.yaml").read_text(encoding="utf-8")):
            iri = f"{ID}{kind}/{entry['id']}"
            if "wikidata" in entry:
                w = entry["wikidata"]
                out[(iri, kind, "wikidata", w["match"], f"http://www.wikidata.org/entity/{w['id']}")] = w["basis"]
            if "geonames" in entry:
                out[(iri, kind, "geonames", "exact", f"https://sws.geonames.org/{entry['geonames']}/")] = None
    return out


def test_external_links_lists_every_link_curated_in_the_registries(store):
    expected = curated_links()
    wikidata = [k for k in expected if k[2] == "wikidata"]
    assert len(wikidata) >= 25 and {k[1] for k in wikidata} == {"actor", "place"}
    assert any(k[3] == "close" for k in wikidata)  # Palmyra: the modern town beside the ancient site's item
    rows = query.run("external-links", store=store).rows
    got = {(r["entity"], r["kind"], r["target"], r["match"], r["target_iri"]): r["basis"] for r in rows}
    assert len(rows) == len(got)  # one row per link
    assert got == expected
    assert all(r["label_en"] for r in rows)


def test_the_link_and_its_basis_are_in_the_graph():
    g = facts_graph()
    rows = g.query("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
        SELECT ?p ?basis WHERE { <https://w3id.org/conflictkg/id/place/palmyra> ?p <http://www.wikidata.org/entity/Q5747> ;
                                  ckg:wikidataBasis ?basis }""")
    (p, basis), = list(rows)
    assert str(p).endswith("#closeMatch") and basis.language == "en" and "ancient city" in str(basis)


def edit_registry(seeds, name, old, new):
    path = seeds / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("written", ["https://www.wikidata.org/wiki/Q2429253", "Q02429253", "P2429253", "2429253",
                                     "q2429253"])
def test_a_malformed_wikidata_id_is_refused_with_the_file_entry_and_fix_bug(seeds, written):
    """Regression: a Wikidata id that is not Q and its number (a page URL, a leading zero, a property, a bare
    number) must never reach the graph as a link; the error names the file, the line, the entry and the fix."""
    edit_registry(seeds, "actors.yaml", "{id: Q2429253,", f"{{id: '{written}',")
    with pytest.raises(FactErrors) as err:
        facts_graph(seeds)
    text = str(err.value)
    assert len(err.value.errors) == 1, text
    assert "actors.yaml:11 [isis]: malformed Wikidata id" in text and written in text
    assert "fix: copy the item's id as shown on its Wikidata page, e.g. id: Q858" in text


def test_an_unknown_match_or_a_missing_basis_is_refused(seeds):
    edit_registry(seeds, "places.yaml", "{id: Q5747, match: close,", "{id: Q5747, match: same,")
    edit_registry(seeds, "actors.yaml", "{id: Q159, match: exact, basis:", "{id: Q159, match: exact, note:")
    edit_registry(seeds, "actors.yaml", "{id: Q794, match: exact,", "{id: Q794, match: [exact],")
    with pytest.raises(FactErrors) as err:
        facts_graph(seeds)
    text = str(err.value)
    assert "places.yaml:" in text and "[palmyra]: unknown Wikidata match 'same'" in text
    assert "fix: match: exact (the item is this entity) or close" in text
    assert "[iran]: unknown Wikidata match ['exact']" in text
    assert "[russia]: unknown key(s) note" in text and "[russia]: a Wikidata link needs its basis" in text
