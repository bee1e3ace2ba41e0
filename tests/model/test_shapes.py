"""The SHACL shapes: valid SHACL, one per class, and they catch what they promise to."""
from pyshacl import validate
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, SH

from conflictkg.core.ns import CKG, OA
from conflictkg.curation.build import facts_graph
from conflictkg.model import ontology, shacl


def test_shapes_conform_to_shacl_for_shacl():
    conforms, _, text = validate(shacl.shapes(), meta_shacl=True, inference="none")
    assert conforms, text


def test_every_class_has_a_node_shape_with_a_message():
    shapes = shacl.shapes()
    targeted = set(shapes.objects(None, SH.targetClass))
    classes = {c for c in ontology.graph().subjects(RDF.type, OWL.Class) if str(c).startswith(str(CKG))}
    assert classes - targeted == set()
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert shapes.value(shape, SH.message) is not None, shape


def test_tampered_offsets_are_caught(seeds):
    g = facts_graph(seeds)
    pos = next(g.subjects(RDF.type, OA.TextPositionSelector))
    start = g.value(pos, OA.start)
    g.set((pos, OA.start, Literal(int(start) + 1, datatype=start.datatype)))
    report = shacl.validate(g)
    assert not report.conforms
    assert any(r.shape == "EvidenceReproducesQuoteShape" for r in report.results)


def test_a_tally_typed_as_an_event_is_refused(seeds):
    g = facts_graph(seeds)
    tally = next(g.subjects(RDF.type, CKG.Tally))
    g.add((tally, RDF.type, CKG.Attack))
    report = shacl.validate(g)
    assert any(r.shape == "TallyShape" for r in report.results)


def test_place_without_geometry_is_refused(seeds):
    g = facts_graph(seeds)
    g.add((URIRef("https://w3id.org/conflictkg/id/place/nowhere"), RDF.type, CKG.Village))
    report = shacl.validate(g)
    msgs = {r.message for r in report.results}
    assert any(m.startswith("Give the place an Arabic label and one point") for m in msgs)
