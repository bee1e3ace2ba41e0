"""The shapes of Wikidata links: one item's entity IRI at most per node, exactly one English basis with it,
and both SHACL engines say the same about every way to break that."""
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from conflictkg.core.ns import CKG
from conflictkg.curation.build import facts_graph
from conflictkg.model import ontology, shacl
from conflictkg.model.shacl.fast import validate as fast_validate

ID = "https://w3id.org/conflictkg/id/"
WD = "http://www.wikidata.org/entity/"


@pytest.fixture(scope="module")
def seed_facts() -> Graph:
    return facts_graph()


def broken(seed_facts, *triples) -> Graph:
    g = Graph()
    for t in seed_facts:
        g.add(t)
    for t in triples:
        g.add(t)
    return g


def results(g: Graph):
    """{(shape, value, message)} from pySHACL and from the compiled engine."""
    slow = {(r.shape, r.value, r.message) for r in shacl.validate(g).results}
    data = g.serialize(format="nt", encoding="utf-8") + b"\n" + ontology.graph().serialize(format="nt", encoding="utf-8")
    fast = {(r.shape, r.value, r.message) for r in fast_validate(data)}
    return slow, fast


CASES = {
    "page-url": ((URIRef(ID + "actor/sdf"), SKOS.closeMatch, URIRef("https://www.wikidata.org/wiki/Q5")),
                 (URIRef(ID + "actor/sdf"), CKG.wikidataBasis, Literal("b", lang="en"))),
    "property": ((URIRef(ID + "actor/sdf"), SKOS.exactMatch, URIRef(WD + "P31")),
                 (URIRef(ID + "actor/sdf"), CKG.wikidataBasis, Literal("b", lang="en"))),
    "two-items": ((URIRef(ID + "actor/isis"), SKOS.closeMatch, URIRef(WD + "Q5")),),
    "exact-and-close": ((URIRef(ID + "actor/isis"), SKOS.closeMatch, URIRef(WD + "Q2429253")),),
    "no-basis": ((URIRef(ID + "place/homs"), SKOS.exactMatch, URIRef(WD + "Q5")),),
    "basis-without-link": ((URIRef(ID + "place/homs"), CKG.wikidataBasis, Literal("b", lang="en")),),
    "two-bases": ((URIRef(ID + "actor/isis"), CKG.wikidataBasis, Literal("another", lang="en")),),
    "basis-not-english": ((URIRef(ID + "place/homs"), SKOS.exactMatch, URIRef(WD + "Q5")),
                          (URIRef(ID + "place/homs"), CKG.wikidataBasis, Literal("b", lang="ar"))),
}
EXPECTED = {
    "page-url": ("WikidataLinkShape", "actor/sdf", "which is not a Wikidata item's entity IRI"),
    "property": ("WikidataLinkShape", "actor/sdf", "which is not a Wikidata item's entity IRI"),
    "two-items": ("WikidataLinkShape", "actor/isis", "links to two Wikidata items"),
    "exact-and-close": ("WikidataLinkShape", "actor/isis", "as both an exact and a close match"),
    "no-basis": ("WikidataLinkShape", "place/homs", "without a ckg:wikidataBasis"),
    "basis-without-link": ("WikidataLinkShape", "place/homs", "has a ckg:wikidataBasis but no Wikidata link"),
    "two-bases": ("WikidataBasisShape", None, "Give the Wikidata link one basis, in English."),
    "basis-not-english": ("WikidataBasisShape", None, "Give the Wikidata link one basis, in English."),
}


@pytest.mark.parametrize("case", CASES)
def test_a_broken_wikidata_link_is_refused_by_both_engines(seed_facts, case):
    slow, fast = results(broken(seed_facts, *CASES[case]))
    assert slow == fast, {"only pyshacl": slow - fast, "only fastshacl": fast - slow}
    shape, value, words = EXPECTED[case]
    assert slow and all(r[0] == shape and words in r[2] for r in slow), slow
    if value:
        assert {r[1] for r in slow} == {ID + value}


def test_geonames_and_imported_links_are_not_wikidata_links(seed_facts):
    """Links to GeoNames features and to the graph's own entities are left to their own rules."""
    g = broken(seed_facts, (URIRef(ID + "actor/acled/x"), SKOS.exactMatch, URIRef(ID + "actor/isis")))
    assert any("sws.geonames.org" in str(o) for o in g.objects(None, SKOS.exactMatch))
    slow, fast = results(g)
    assert not {r for r in slow | fast if r[0].startswith("Wikidata")}
