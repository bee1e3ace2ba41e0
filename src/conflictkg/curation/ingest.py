"""Ingest: check a fact file against its article and add it to the store as one named graph per article.

All or nothing: the facts are converted by the seeds' loader and validated with SHACL before the store is
touched, and the graph is written through Store.writer(), which publishes a new generation only when the
write succeeds. Ingesting the same facts again adds nothing (the generation stays the same); ingesting
changed facts for the same article replaces that article's graph. Graphs added this way survive
'conflictkg build' (Store.replace keeps every added graph).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from conflictkg.core import yamlio
from conflictkg.core.errors import FactError, InputError, ShaclViolation
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.model import ontology, shacl
from conflictkg.store import Store
from conflictkg.store.ntriples import canonical

from .articles import article_meta, read_article, resolve_outlet
from .rdfize import corpus_to_graph
from .seeds import Article, Corpus, FactFile, read_gazetteer, read_registry

GRAPH = "https://w3id.org/conflictkg/graph/article/{}"


@dataclass
class IngestResult:
    article: str
    graph: str
    triples: int
    events: int
    tallies: int
    changed: bool
    generation: str


def _corpus(seeds: Path) -> Corpus:
    c = Corpus(seeds)
    c.actors = read_registry(seeds / "actors.yaml")
    c.places = read_registry(seeds / "places.yaml")
    c.gazetteer = read_gazetteer(seeds / "gazetteer" / "places.csv")
    return c


@lru_cache(maxsize=2)
def _registry_graph(seeds: str) -> Graph:
    """The actors and places alone: in the store already (the build's facts graph), so not repeated."""
    return corpus_to_graph(_corpus(Path(seeds)), ontology.graph())


def article_graph(facts_path: Path, article_path: Path, *, published: str | None = None,
                  outlet: str | None = None, seeds: Path = SEEDS_DIR) -> tuple[str, Graph, dict]:
    """The validated RDF of one article's facts, without the registries. Raises on any problem."""
    seeds = Path(seeds)
    facts_path, article_path = Path(facts_path), Path(article_path)
    if not facts_path.is_file():
        raise InputError("fact file not found", file=str(facts_path), fix="run 'conflictkg extract ARTICLE -o FACTS.yaml'")
    data = yamlio.load(facts_path)
    if not isinstance(data, dict) or not isinstance(data.get("article"), str):
        raise InputError("a fact file is a mapping with 'article: <article id>' at the top", file=str(facts_path),
                         fix="see docs/fact-format.md")
    aid = data["article"]
    if (seeds / "articles" / f"{aid}.txt").exists():
        raise FactError(f"'{aid}' is a seed article, built by 'conflictkg build'", file=str(facts_path),
                        fix="edit seeds/facts/ instead, or give the new article another id")
    text, _ = read_article(article_path)
    meta_path = article_path.with_suffix(".meta.yaml")
    if meta_path.exists():
        meta = yamlio.load(meta_path)
        if not isinstance(meta, dict):
            raise InputError("metadata must be a mapping", file=str(meta_path))
    else:
        if not published:
            raise InputError("the article's publication date is unknown", file=str(article_path),
                             fix=f"pass --published YYYY-MM-DD or write {meta_path.name} (docs/fact-format.md)")
        # the packaged registry, as the extractor's lexicon reads it (not --seeds)
        out = resolve_outlet(outlet, read_registry(SEEDS_DIR / "actors.yaml"))
        meta = article_meta(aid, out, outlet, published)
    corpus = _corpus(seeds)
    corpus.articles[aid] = Article(aid, article_path, text, meta, meta_path)
    corpus.facts = [FactFile(facts_path, data)]
    graph = corpus_to_graph(corpus, ontology.graph())
    report = shacl.validate(graph)
    if not report.conforms:
        raise ShaclViolation(report.violations)
    own = graph - _registry_graph(str(seeds))
    return aid, own, data


def _as_stored(nt: bytes) -> bytes:
    """N-Triples as the store gives them back (it writes some literals in canonical form), sorted."""
    import pyoxigraph as ox

    db = ox.Store()
    db.bulk_load(nt, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:x"))
    data = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode("urn:x")) or b""
    return b"".join(sorted(set(line + b"\n" for line in data.split(b"\n") if line.strip())))


def ingest(facts_path: Path, article_path: Path, store: Store, *, published: str | None = None,
           outlet: str | None = None, seeds: Path = SEEDS_DIR) -> IngestResult:
    """Check `facts_path` against `article_path` and write it to the store's graph for the article.

    >>> # conflictkg ingest facts.yaml article.txt --published 2021-11-14
    """
    aid, graph, data = article_graph(facts_path, article_path, published=published, outlet=outlet, seeds=seeds)
    nt = canonical(graph)
    iri = GRAPH.format(aid)
    with store.writer() as w:
        changed = not (w.has_graph(iri) and w.triples(iri) == _as_stored(nt))
        if changed:
            # drop + bulk load: the N-Triples go in as they are (a SPARQL INSERT DATA would re-type
            # xsd:nonNegativeInteger offsets as xsd:integer)
            if w.has_graph(iri):
                w.drop(iri)
            w.add(iri, nt)
    manifest = store.manifest()
    return IngestResult(aid, iri, nt.count(b"\n"), len(data.get("events") or []), len(data.get("tallies") or []),
                        changed, manifest.get("generation", ""))
