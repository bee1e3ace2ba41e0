"""The shapes hold under the ontology's own entailment: the seed graph conforms as it is, after RDFS and after
OWL-RL inference. ckg:partOf is transitive, so the shapes count and type the asserted step, ckg:directlyPartOf."""
import owlrl
import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from conflictkg.core.ns import CKG
from conflictkg.curation.build import facts_graph
from conflictkg.model import ontology, shacl

PLACE = "https://w3id.org/conflictkg/id/place/"


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    """The seed facts with the ontology, as a triple store with reasoning would hold them."""
    return facts_graph() + ontology.graph()


@pytest.mark.parametrize("inference", ["none", "rdfs", "owlrl"])
def test_seed_graph_conforms_under_entailment(seed_graph, inference):
    conforms, _, text = validate(seed_graph, shacl_graph=shacl.shapes(), inference=inference, advanced=True)
    assert conforms, text


def test_every_asserted_part_of_is_also_a_direct_step(seed_graph):
    part_of = set(seed_graph.subject_objects(CKG.partOf))
    direct = set(seed_graph.subject_objects(CKG.directlyPartOf))
    assert direct and direct == part_of  # the data writes both for every asserted link, nothing more
    assert (CKG.directlyPartOf, URIRef("http://www.w3.org/2000/01/rdf-schema#subPropertyOf"), CKG.partOf) \
        in ontology.graph()


def test_counts_on_the_transitive_part_of_broke_under_owl_rl_bug(seed_graph):
    """Regression: with the counts and classes on ckg:partOf, OWL-RL inference gave districts `partOf syria`
    and DistrictShape (maxCount 1, class Governorate) and NeighbourhoodShape reported the valid seeds."""
    g = Graph()
    for t in seed_graph:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    deir_district = URIRef(PLACE + "deir-ez-zor-district")
    assert (deir_district, CKG.partOf, URIRef(PLACE + "syria")) in g  # inferred through the governorate
    assert (deir_district, CKG.directlyPartOf, URIRef(PLACE + "syria")) not in g

    conforms, _, text = validate(g, shacl_graph=shacl.shapes(), inference="none", advanced=True)
    assert conforms, text

    old = Graph()  # the same shapes with their paths back on the transitive property
    for s, p, o in shacl.shapes():
        old.add((s, p, CKG.partOf if (p == SH.path and o == CKG.directlyPartOf) else o))
    conforms, report, _ = validate(g, shacl_graph=old, inference="none", advanced=True)
    assert not conforms
    focus = {str(report.value(r, SH.focusNode)) for r in report.subjects(SH.resultPath, CKG.partOf)}
    assert str(deir_district) in focus
