"""The ontology: quality checks pass, can fail, and HermiT finds it consistent."""
import shutil

import pytest
from helpers import needs_mark
from rdflib.namespace import OWL, RDF

from conflictkg.core.ns import CKG
from conflictkg.curation.build import facts_graph
from conflictkg.model import ontology, quality
from conflictkg.model.reason import Inconsistent, ReasonerUnavailable, reason

needs_java = needs_mark("java")  # HermiT runs on Java


def test_quality_checks_pass():
    assert {k: v for k, v in quality.run().items() if v} == {}


def test_quality_checks_can_fail():
    g = ontology.graph()
    g.add((CKG.Unlabelled, RDF.type, OWL.Class))
    g.add((CKG.Event, CKG.undeclaredThing, CKG.Attack))
    failures = quality.run(g)
    assert (str(CKG.Unlabelled),) in failures["missing-label-en"]
    assert (str(CKG.Unlabelled),) in failures["missing-definition"]
    assert (str(CKG.Unlabelled),) in failures["class-without-superclass"]
    assert any(row[0] == str(CKG.undeclaredThing) for row in failures["dangling-reference"])
    with pytest.raises(quality.QualityFailure, match="missing-label-ar"):
        quality.check(g)


@needs_java
def test_hermit_finds_ontology_and_facts_consistent(seeds):
    facts = facts_graph(seeds)
    result = reason(facts)
    assert result.consistent and result.individuals > 300
    # every ambush is inferred to be an attack and an event
    ambushes = set(facts.subjects(RDF.type, CKG.Ambush))
    inferred_events = set(result.inferred.subjects(RDF.type, CKG.Event))
    assert ambushes and ambushes <= inferred_events


@needs_java
def test_hermit_catches_a_tally_that_is_also_an_event(seeds):
    g = facts_graph(seeds)
    tally = next(g.subjects(RDF.type, CKG.Tally))
    g.add((tally, RDF.type, CKG.Ambush))
    with pytest.raises(Inconsistent):
        reason(g)


def test_missing_java_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ReasonerUnavailable, match="Java was not found"):
        reason(None)


def test_part_of_is_transitive_up_to_the_country(store):
    g = ontology.graph()
    assert (CKG.partOf, RDF.type, OWL.TransitiveProperty) in g
    # al-Katf is a quarter of Abu Kamal (002: "حي الكتف ... من مدينة البوكمال"); the chain reaches Syria
    q = """ASK { <https://w3id.org/conflictkg/id/place/al-katf>
                 <https://w3id.org/conflictkg/ontology#partOf>+ <https://w3id.org/conflictkg/id/place/syria> }"""
    assert bool(store.query(q))
    q2 = q.replace("place/syria", "place/iraq")
    assert not bool(store.query(q2))


def test_the_release_file_is_the_sources_under_their_version_iri():
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from conflictkg.model import release

    path = release.release_path()
    assert path.name == "conflictkg-0.1.0.ttl" and path.exists(), "run: python tools/release_ontology.py"
    assert isomorphic(Graph().parse(path, format="turtle"), release.release_graph()), \
        "the release file is out of date: run python tools/release_ontology.py"
    assert str(release.version_iri()) == "https://w3id.org/conflictkg/ontology/0.1.0"


def test_a_version_iri_that_disagrees_with_the_version_is_refused():
    from rdflib import Literal

    from conflictkg.core.errors import ConflictKGError
    from conflictkg.model import release

    g = ontology.graph()
    g.set((release.ONTOLOGY_IRI, OWL.versionInfo, Literal("9.9.9")))
    with pytest.raises(ConflictKGError, match="versionIRI"):
        release.version_iri(g)
