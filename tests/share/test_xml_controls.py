"""Control characters already in a store (written before imports refused them) never break an XML file:
GraphML, GEXF and the endpoint's SPARQL XML and RDF/XML results stay well-formed and read back."""
import io
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
import rdflib
from helpers import copy_store, free_port

from conflictkg.share.exports import export
from conflictkg.share.serve.server import start, stop
from conflictkg.store.generations import Store

ACTOR = "https://w3id.org/conflictkg/id/actor/control-test"
NT = (f'<{ACTOR}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/conflictkg/ontology#JihadistGroup> .\n'
      f'<{ACTOR}> <http://www.w3.org/2000/01/rdf-schema#label> "Brigade\\u0000 of\\u001B[31m the \\u0007night"@en .\n'
      f'<{ACTOR}> <http://www.w3.org/2000/01/rdf-schema#label> "لواء\\u000Bالليل"@ar .\n').encode("utf-8")
SHOWN_EN, SHOWN_AR = "Brigade\u2400 of\u241b[31m the \u2407night", "لواء\u240bالليل"


@pytest.fixture(scope="module")
def dirty(store, tmp_path_factory) -> Store:
    """The seed store plus an actor whose labels hold NUL, ESC, BEL and VT, written past the import checks."""
    path = tmp_path_factory.mktemp("controls") / "store"
    copy_store(store.path, path)
    s = Store(path)
    with s.writer() as w:
        w.add("https://w3id.org/conflictkg/graph/test", NT)
    return s


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_stay_well_formed_bug(dirty, fmt, reader):
    """Regression: a NUL or ESC in a label made the GraphML and GEXF exports unreadable XML."""
    data = export(dirty, fmt)
    assert not any(b in data for b in (b"\x00", b"\x1b", b"\x07", b"\x0b"))
    g = reader(io.BytesIO(data))
    node = g.nodes[ACTOR]
    assert (node["label"], node["label_ar"]) == (SHOWN_EN, SHOWN_AR)


def http(url: str, sparql: str, accept: str) -> bytes:
    req = urllib.request.Request(url, data=urllib.parse.urlencode({"query": sparql}).encode(),
                                 headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.read()


def test_sparql_xml_results_stay_well_formed_bug(dirty):
    """Regression: SPARQL XML results and RDF/XML graphs of `serve` carried the raw NUL and ESC."""
    server = start(dirty, port=free_port(), timeout=10, workers=1)
    try:
        body = http(server.url, f"SELECT ?l WHERE {{ <{ACTOR}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
                                " ORDER BY ?l", "application/sparql-results+xml")
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        labels = [e.text for e in ET.fromstring(body).iterfind(".//s:literal", ns)]
        assert sorted(labels) == sorted([SHOWN_EN, SHOWN_AR])
        graph = http(server.url, f"CONSTRUCT {{ <{ACTOR}> ?p ?o }} WHERE {{ <{ACTOR}> ?p ?o }}", "application/rdf+xml")
        g = rdflib.Graph().parse(data=graph, format="xml")
        assert {str(o) for o in g.objects(rdflib.URIRef(ACTOR), rdflib.RDFS.label)} == {SHOWN_EN, SHOWN_AR}
        # JSON carries them exactly: only XML needs the pictures
        js = http(server.url, f"SELECT ?l WHERE {{ <{ACTOR}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}",
                  "application/sparql-results+json").decode("utf-8")
        assert "\\u0000" in js and "\\u001b" in js
    finally:
        stop(server)
