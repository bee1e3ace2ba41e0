"""Build: read the seeds, check and convert them, validate with SHACL, then replace the store."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from conflictkg.core.errors import ShaclViolation
from conflictkg.core.ns import GRAPH_IMPORTS
from conflictkg.core.resources import SEEDS_DIR, default_store
from conflictkg.model import ontology, quality, shacl
from conflictkg.store.generations import Store

from .rdfize import corpus_to_graph
from .seeds import read_corpus


@dataclass
class BuildResult:
    store: Path
    manifest: dict
    seconds: float


def _validated(corpus, onto: Graph, say=lambda msg: None) -> Graph:
    """The corpus as RDF, checked and SHACL-validated. Raises FactErrors or ShaclViolation."""
    graph = corpus_to_graph(corpus, onto)
    say(f"validating {len(graph)} triples with SHACL")
    report = shacl.validate(graph)
    if not report.conforms:
        raise ShaclViolation(report.violations)
    return graph


def facts_graph(seeds: Path = SEEDS_DIR, *, extra_facts: list[Path] = ()) -> Graph:
    """The validated facts graph of a seeds folder. Raises FactErrors or ShaclViolation."""
    return _validated(read_corpus(Path(seeds), extra_facts=list(extra_facts)), ontology.graph())


def build(seeds: Path = SEEDS_DIR, store: Path | None = None, *, progress=None) -> BuildResult:
    """Build the knowledge graph from `seeds` into `store` (default: paths.default_store()).

    Nothing is written unless every fact passes the checks and SHACL validation.
    """
    say = progress or (lambda msg: None)
    t0 = time.perf_counter()
    say("reading and checking the fact files")
    corpus = read_corpus(Path(seeds))
    onto = ontology.graph()
    quality.check(onto)
    graph = _validated(corpus, onto, say)
    say("writing the store")
    target = Store(store or default_store())
    info = {"articles": len(corpus.articles), "fact_files": len(corpus.facts)}
    manifest = target.replace(onto, graph, info)
    if manifest.get("added") and any(g.startswith(GRAPH_IMPORTS) for g in manifest["added"]):
        from .links import link

        say("linking possible duplicates between the articles and the imported datasets")
        link(target)
        manifest = target.manifest()
    return BuildResult(target.path, manifest, time.perf_counter() - t0)
