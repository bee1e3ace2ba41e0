"""OWL reasoning with HermiT (through owlready2): consistency, and the types it infers."""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from conflictkg.core.errors import ConflictKGError
from conflictkg.core.ns import CKG

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


def _reasoning_input(data: Graph | None) -> Graph:
    """Ontology plus the data's class and object-property assertions. Literals are left out: HermiT
    rejects datatypes it does not know (geo:wktLiteral), and no axiom of ours reasons over literals."""
    g = ontology.graph()
    if data is not None:
        for s, p, o in data:
            if not isinstance(o, Literal) and isinstance(s, URIRef):
                g.add((s, p, o))
        for s in set(data.subjects(RDF.type, None)):
            if isinstance(s, URIRef):
                g.add((s, RDF.type, OWL.NamedIndividual))
    return g


def reason(data: Graph | None = None, *, java: str | None = None) -> ReasonResult:
    """Run HermiT over the ontology (and data). Raises ReasonerUnavailable without Java, Inconsistent
    when the ontology and data contradict each other."""
    import owlready2  # imported late: it is slow to import and only this command needs it

    java = java or shutil.which("java")
    if not java:
        raise ReasonerUnavailable("Java was not found, and the HermiT reasoner needs it",
                                  fix="install a Java runtime 11+ (Debian: apt-get install default-jre-headless)")
    owlready2.JAVA_EXE = java
    g = _reasoning_input(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.nt"
        g.serialize(path, format="nt", encoding="utf-8")
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
