"""The shapes hold under the ontology's own entailment: the Turtle export of the built seeds (the facts with the
ontology, as a user loads them into a triple store) conforms as it is, after RDFS and after OWL-RL inference. ckg:partOf is transitive, so the shapes count and type the asserted step, ckg:directlyPartOf."""
import subprocess
from pathlib import Path

import owlrl
import pyoxigraph as ox
import pytest
from helpers import jena_java
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from conflictkg.core.ns import CKG
from conflictkg.model import ontology, shacl
from conflictkg.share.exports import export
from conflictkg.store import queries

PLACE = "https://w3id.org/conflictkg/id/place/"


@pytest.fixture(scope="module")
def seed_graph(store) -> Graph:
    """`export --format ttl` of the built seeds, read back: what a triple store with reasoning would hold."""
    graph = Graph().parse(data=export(store, "ttl"), format="turtle")
    assert (CKG.partOf, None, None) in graph  # the export carries the ontology with the facts
    return graph


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


@pytest.fixture(scope="module")
def owl_rl_graph(seed_graph) -> Graph:
    """The seed graph materialised under OWL-RL, without the generalised triples (literal subjects) that
    the closure adds and no RDF syntax can write."""
    g = Graph()
    for t in seed_graph:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    for t in [t for t in g if isinstance(t[0], Literal)]:
        g.remove(t)
    return g


def test_counts_on_the_transitive_part_of_broke_under_owl_rl_bug(owl_rl_graph):
    """Regression: with the counts and classes on ckg:partOf, OWL-RL inference gave districts `partOf syria`
    and DistrictShape (maxCount 1, class Governorate) and NeighbourhoodShape reported the valid seeds."""
    g = owl_rl_graph
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


# ---------------------------------------------------------------- the same with Jena SHACL
def _jena_results(java, shapes: Path, data: Path) -> int:
    run = subprocess.run([*java, "shacl.shacl", "validate", "--shapes", str(shapes), "--data", str(data)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    report = Graph().parse(data=run.stdout, format="turtle")
    return len(set(report.objects(None, SH.result)))


def test_jena_shacl_agrees_as_is_under_rdfs_and_under_owl_rl(seed_graph, owl_rl_graph, tmp_path):
    """Jena infers nothing itself: RDFS is Jena's own closure (riot --rdfs), OWL-RL the materialised graph."""
    java = jena_java(tmp_path)
    shapes, plain, onto = tmp_path / "shapes.ttl", tmp_path / "plain.nt", tmp_path / "ontology.nt"
    shacl.shapes().serialize(shapes, format="turtle")
    seed_graph.serialize(plain, format="nt", encoding="utf-8")
    ontology.graph().serialize(onto, format="nt", encoding="utf-8")
    riot = subprocess.run([*java, "riotcmd.riot", f"--rdfs={onto}", str(plain)], capture_output=True,
                          text=True, timeout=300)
    assert riot.returncode == 0, riot.stderr[-2000:]
    rdfs = tmp_path / "rdfs.nt"  # without the generalised triples (literal subjects) riot writes too
    rdfs.write_text("".join(line + "\n" for line in riot.stdout.splitlines() if line.startswith(("<", "_:"))),
                    encoding="utf-8")
    assert f"<{CKG.partOf}> <{PLACE}syria>" in rdfs.read_text(encoding="utf-8")  # RDFS: directlyPartOf ⊑ partOf
    owl = tmp_path / "owlrl.nt"
    owl_rl_graph.serialize(owl, format="nt", encoding="utf-8")
    assert [_jena_results(java, shapes, f) for f in (plain, rdfs, owl)] == [0, 0, 0]


# ---------------------------------------------------------------- counts under entailment
def _rows(graph: Graph, name: str) -> list[tuple]:
    db = ox.Store()
    db.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return sorted(tuple(str(v) if v is not None else "" for v in sol) for sol in
                  db.query(queries.text(name)))


@pytest.mark.parametrize("name", ["casualties-by-governorate", "attacks-by-perpetrator"])
def test_counts_are_the_same_under_owl_rl_bug(seed_graph, owl_rl_graph, name):
    """Regression: ckg:sameEventAs was symmetric, so OWL-RL gave the first account of an event the link too and
    the counts, which skip the account that carries it, dropped the event altogether."""
    firsts = set(seed_graph.objects(None, CKG.sameEventAs))
    assert firsts  # the seeds tell some events twice
    assert not any((f, CKG.sameEventAs, None) in owl_rl_graph for f in firsts)
    assert _rows(owl_rl_graph, name) == _rows(seed_graph, name)
