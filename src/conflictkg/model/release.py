"""The ontology's release file: the edited sources (conflictkg.ttl and the event-type scheme) merged into one
document under a versionIRI, as ODK releases keep the edited files apart from the released one."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from conflictkg.core.errors import ConflictKGError
from conflictkg.core.resources import ONTOLOGY_DIR

from . import ontology

ONTOLOGY_IRI = URIRef("https://w3id.org/conflictkg/ontology")


def version_iri(g: Graph | None = None) -> URIRef:
    """The ontology's owl:versionIRI; it must end in its owl:versionInfo."""
    g = g if g is not None else ontology.graph()
    iri, info = g.value(ONTOLOGY_IRI, OWL.versionIRI), g.value(ONTOLOGY_IRI, OWL.versionInfo)
    if iri is None or info is None or not str(iri).endswith(f"/{info}"):
        raise ConflictKGError(f"the ontology's versionIRI ({iri}) does not end in its versionInfo ({info})",
                              file="ontology/conflictkg.ttl", fix="give both the same version")
    return URIRef(iri)


def release_graph() -> Graph:
    """The merged ontology, with one owl:Ontology header."""
    g = ontology.graph()
    headers = set(g.subjects(RDF.type, OWL.Ontology))
    if headers != {ONTOLOGY_IRI}:
        raise ConflictKGError(f"expected one ontology header, {ONTOLOGY_IRI}; found {sorted(headers)}")
    version_iri(g)
    return g


def release_path(directory: Path = ONTOLOGY_DIR / "release") -> Path:
    return directory / f"conflictkg-{str(version_iri()).rsplit('/', 1)[1]}.ttl"


def write(directory: Path = ONTOLOGY_DIR / "release") -> Path:
    path = release_path(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(release_graph().serialize(format="turtle", encoding="utf-8"))
    return path
