"""OWL reasoning with HermiT (through owlready2): consistency, and the types it infers."""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from conflictkg.core.errors import ConflictKGError
from conflictkg.core.ns import CKG, GEO, SEM

from . import ontology


class ReasonerUnavailable(ConflictKGError):
    """Java (needed by HermiT) is missing."""


class Inconsistent(ConflictKGError):
    exit_code = 1


@dataclass
class ReasonResult:
    consistent: bool
    individuals: int
    inferred: Graph  # rdf:type triples HermiT added


XSD = "http://www.w3.org/2001/XMLSchema#"
# The OWL 2 datatype map (OWL 2 Structural Specification, section 4), with RDF 1.1's rdf:langString
OWL2_DATATYPES = frozenset(
    [XSD + t for t in ("decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
                       "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
                       "unsignedShort", "unsignedByte", "double", "float", "string", "normalizedString", "token",
                       "language", "Name", "NCName", "NMTOKEN", "boolean", "hexBinary", "base64Binary", "anyURI",
                       "dateTime", "dateTimeStamp")]
    + [str(RDF.PlainLiteral), str(RDF.XMLLiteral), str(RDF.langString), str(RDFS.Literal),
       str(OWL.real), str(OWL.rational)])
# Properties whose xsd:date is the last day of an interval, which ends at that day's last second
END_PROPERTIES = frozenset([str(SEM.hasLatestEndTimeStamp), str(SEM.hasEarliestEndTimeStamp)])
_DATETIME = ox.NamedNode(XSD + "dateTime")
_STRING = ox.NamedNode(XSD + "string")


def for_reasoner(triple: ox.Triple) -> ox.Triple:
    """The triple with its literal in the OWL 2 datatype map, which OWL 2 DL requires and HermiT enforces:
    an xsd:date becomes the xsd:dateTime it stands for (a begin or a point in time at the day's first
    second, a latest end at its last; the date's precision stays in ckg:datePrecision), a geo:wktLiteral an
    xsd:string of the same text. Any other datatype outside the map is an error naming the triple."""
    o = triple.object
    if not isinstance(o, ox.Literal) or o.datatype.value in OWL2_DATATYPES:
        return triple
    dt = o.datatype.value
    if dt == XSD + "date" and re.fullmatch(r"\d{4}-\d\d-\d\d", o.value):
        clock = "23:59:59" if triple.predicate.value in END_PROPERTIES else "00:00:00"
        return ox.Triple(triple.subject, triple.predicate, ox.Literal(f"{o.value}T{clock}", datatype=_DATETIME))
    if dt == str(GEO.wktLiteral):
        return ox.Triple(triple.subject, triple.predicate, ox.Literal(o.value, datatype=_STRING))
    raise ConflictKGError(f"the literal {o} of <{triple.subject.value}> <{triple.predicate.value}> cannot be "
                          "given to an OWL 2 reasoner: its datatype is outside the OWL 2 datatype map",
                          fix="use a datatype of the OWL 2 datatype map (dates as plain YYYY-MM-DD), or "
                              "teach model.reason.for_reasoner to retype it")


def reasoning_ntriples(ntriples: bytes) -> bytes:
    """N-Triples with every literal moved into the OWL 2 datatype map (for_reasoner), sorted."""
    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    lines = ox.serialize((for_reasoner(t) for t in triples), format=ox.RdfFormat.N_TRIPLES).splitlines()
    return b"".join(line + b"\n" for line in sorted(set(lines)) if line.strip())


def _reasoning_input(data: Graph | None) -> bytes:
    """The ontology and the data, as the owl export gives them (every literal in the OWL 2 datatype map),
    with each typed IRI declared an owl:NamedIndividual so that owlready2 lists it."""
    g = ontology.graph()
    if data is not None:
        g += data
        for s in set(data.subjects(RDF.type, None)):
            if isinstance(s, URIRef):
                g.add((s, RDF.type, OWL.NamedIndividual))
    return reasoning_ntriples(g.serialize(format="nt", encoding="utf-8"))


def reason(data: Graph | None = None, *, java: str | None = None) -> ReasonResult:
    """Run HermiT over the ontology and the data, every triple of both as the owl export gives them (literals
    in the OWL 2 datatype map). Raises ReasonerUnavailable without Java, Inconsistent when the ontology and
    data contradict each other, ConflictKGError for a literal no OWL 2 reasoner can read."""
    import owlready2  # imported late: it is slow to import and only this command needs it

    java = java or shutil.which("java")
    if not java:
        raise ReasonerUnavailable("Java was not found, and the HermiT reasoner needs it",
                                  fix="install a Java runtime 11+ (Debian: apt-get install default-jre-headless)")
    owlready2.JAVA_EXE = java
    g = _reasoning_input(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.nt"
        path.write_bytes(g)
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        before = {(str(i.iri), str(c.iri)) for i in onto.individuals() for c in i.is_a if hasattr(c, "iri")}
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            raise Inconsistent("HermiT found the ontology and data inconsistent",
                               fix="run 'conflictkg reason --ontology-only' to see if the ontology itself is at fault"
                               ) from None
        except owlready2.base.OwlReadyJavaError as e:
            raise ReasonerUnavailable(f"HermiT could not run: {str(e).strip().splitlines()[-1][:300]}") from None
        inferred = Graph()
        inferred.bind("ckg", CKG)
        for ind in onto.individuals():
            for cls in ind.INDIRECT_is_a:
                if hasattr(cls, "iri") and (str(ind.iri), str(cls.iri)) not in before and cls is not owlready2.Thing:
                    inferred.add((URIRef(ind.iri), RDF.type, URIRef(cls.iri)))
        n = len(list(onto.individuals()))
    return ReasonResult(True, n, inferred)
