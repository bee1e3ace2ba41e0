"""Namespaces and the IRIs conflictkg mints. IRIs come from curated ids, never from counters or hashes
of run-time state, so a rebuild gives the same IRIs."""
from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

CKG = Namespace("https://w3id.org/conflictkg/ontology#")
CET = Namespace("https://w3id.org/conflictkg/event-type/")
ACLED = Namespace("https://w3id.org/conflictkg/acled/")
UCDP = Namespace("https://w3id.org/conflictkg/ucdp/")
ID = Namespace("https://w3id.org/conflictkg/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SF = Namespace("http://www.opengis.net/ont/sf#")
WGS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
OA = Namespace("http://www.w3.org/ns/oa#")
GEONAMES = "https://sws.geonames.org/{}/"
WIKIDATA = "http://www.wikidata.org/entity/{}"  # + a Q-id: the item's concept IRI, as Wikidata's RDF writes it
GRAPH_ONTOLOGY = URIRef("https://w3id.org/conflictkg/graph/ontology")
GRAPH_FACTS = URIRef("https://w3id.org/conflictkg/graph/facts")
GRAPH_IMPORTS = "https://w3id.org/conflictkg/graph/import/"  # + the dataset: one graph per dataset

PREFIXES = {"ckg": CKG, "cet": CET, "acled": ACLED, "ucdp": UCDP, "ckgid": ID, "sem": SEM, "geo": GEO, "sf": SF, "wgs": WGS,
            "oa": OA, "prov": PROV, "skos": SKOS, "dcterms": DCTERMS, "owl": OWL, "rdf": RDF, "rdfs": RDFS,
            "xsd": XSD}


def actor(i: str) -> URIRef:
    return ID[f"actor/{i}"]


def place(i: str) -> URIRef:
    return ID[f"place/{i}"]


def article(i: str) -> URIRef:
    return ID[f"article/{i}"]


def fact(article_id: str, fact_id: str) -> URIRef:
    return ID[f"fact/{article_id}/{fact_id}"]


def bind(graph) -> None:
    for k, v in PREFIXES.items():
        graph.bind(k, v, override=True, replace=True)
