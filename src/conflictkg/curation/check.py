"""Validating files without building: RDF files against the shapes, fact files against everything."""
from __future__ import annotations

from pathlib import Path

from conflictkg.model import ontology
from conflictkg.model.shacl import pyshacl_run as shacl
from conflictkg.core.errors import InputError
from conflictkg.core.resources import SEEDS_DIR
from .rdfize import corpus_to_graph
from .seeds import read_corpus, read_fact_file


def validate_rdf(path: Path) -> shacl.Report:
    """Parse an RDF file (syntax errors raise InputError with the line) and check it with SHACL."""
    return shacl.validate(ontology.parse_file(Path(path)))


def validate_fact_file(path: Path, seeds: Path = SEEDS_DIR) -> shacl.Report:
    """Check a fact file as the build would, in place of the seeds' own file for the same article."""
    path = Path(path)
    candidate = read_fact_file(path)
    corpus = read_corpus(Path(seeds))
    corpus.facts = [f for f in corpus.facts if f.data["article"] != candidate.data["article"]] + [candidate]
    return shacl.validate(corpus_to_graph(corpus, ontology.graph()))


def validate_path(path: Path, seeds: Path = SEEDS_DIR) -> shacl.Report:
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", file=str(path))
    if path.suffix.lower() in (".yaml", ".yml"):
        return validate_fact_file(path, seeds)
    return validate_rdf(path)
