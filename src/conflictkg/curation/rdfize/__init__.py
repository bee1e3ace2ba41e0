"""Curated seeds to RDF. Every check that needs the curated text (quotes, references, dates, counts,
coordinates) happens here, and all problems are reported together with file, line and record.

base.py holds the builder's core; registry.py declares actors, places and articles; facts.py the fact files.
"""
from __future__ import annotations

from rdflib import Graph

from conflictkg.core.errors import FactErrors

from ..seeds import Corpus
from .facts import FactsPart
from .registry import RegistryPart


class _Builder(RegistryPart, FactsPart):
    """The whole corpus to one graph: registries first, then the fact files that refer to them."""


class _Discard:
    """A graph that keeps nothing: for checking fact files without building their RDF."""

    def add(self, triple) -> None:
        pass

    def bind(self, *args, **kwargs) -> None:
        pass


def check_corpus(corpus: Corpus, ontology: Graph) -> None:
    """Run every check of corpus_to_graph (the same code), keeping no triples; raise FactErrors if any
    fails. Far cheaper on a long article, whose RDF would take seconds to build."""
    corpus_to_graph(corpus, ontology, _graph=_Discard())


def corpus_to_graph(corpus: Corpus, ontology: Graph, *, _graph=None) -> Graph:
    """Build the facts graph, or raise FactErrors listing every problem found."""
    b = _Builder(corpus, ontology)
    if _graph is not None:
        b.g = _graph
    b.actors()
    b.places()
    b.articles()
    b.fact_files()
    if b.errors:
        raise FactErrors(b.errors)
    return b.g
