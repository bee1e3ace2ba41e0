"""Ingest: check a fact file against its article and add it to the store as one named graph per article.

All or nothing: the facts are converted by the seeds' loader and validated with SHACL before the store is
touched, and the graph is written through Store.writer(), which publishes a new generation only when the
write succeeds. Ingesting the same facts again adds nothing (the generation stays the same); ingesting
changed facts for the same article replaces that article's graph. Graphs added this way survive
'conflictkg build' (Store.replace keeps every added graph).

Before writing, ingest refuses records no one has reviewed ('conflictkg review'; `allow_unreviewed`
overrides) and events that look like incidents already in the graph (`duplicates`), proposing the
`same_as` link to write instead (`accept_duplicates` overrides). A dry run does every check and writes
nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from conflictkg.core import geo, yamlio
from conflictkg.core.errors import FactError, InputError, ShaclViolation
from conflictkg.core.ns import CKG
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.model import ontology, shacl
from conflictkg.store import Store
from conflictkg.store.ntriples import canonical

from . import duplicates, review
from .articles import article_meta, read_article, resolve_outlet
from .rdfize import corpus_to_graph
from .rdfize.facts import same_as_target
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
    dry_run: bool = False
    shacl: str = ""
    duplicates: list = field(default_factory=list)  # duplicates.Match, when accepted or in a dry run


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


class DuplicateError(FactError):
    """Events that look like incidents already in the graph (exit code 1)."""

    def __init__(self, matches: list, file: str):
        self.matches = matches
        lines = [f"{len(matches)} event(s) look like incidents already in the graph; link them instead of "
                 "counting them twice:"]
        lines += [f"  {m.new}: same_as: {m.proposal}   ({m.score:.2f}: {m.basis})" for m in matches]
        super().__init__("\n".join(lines), file=file,
                         fix="write the proposed same_as in the fact file, reject the candidate with "
                             "'conflictkg review', or pass --accept-duplicates if they are different incidents")


def refuse_unreviewed(data: dict, facts_path: Path, article_path: Path) -> None:
    ids = review.unreviewed(data)
    if ids:
        raise FactError(f"{len(ids)} candidate(s) not reviewed: {', '.join(ids)}", file=str(facts_path),
                        fix=f"review them first: conflictkg review {facts_path} --article {article_path} "
                            "(or pass --allow-unreviewed to ingest them as they are)")


def _external(data: dict) -> list[URIRef]:
    """Events of other articles or datasets that this file's `same_as` names."""
    aid = data.get("article")
    local = {str(r.get("id")): URIRef("local") for _, r in review.records(data)}
    out = []
    for rec in data.get("events") or []:
        if isinstance(rec, dict) and rec.get("same_as") is not None and "/" in str(rec["same_as"]):
            t = same_as_target(str(rec["same_as"]), aid, local)
            if t is not None and str(t) != "local":
                out.append(t)
    return out


def article_graph(facts_path: Path, article_path: Path, *, published: str | None = None,
                  outlet: str | None = None, seeds: Path = SEEDS_DIR, external: tuple[URIRef, ...] = (),
                  check: bool = True) -> tuple[str, Graph, dict, shacl.Report]:
    """The validated RDF of one article's facts, without the registries. Raises on any problem (with
    `check=False`, a SHACL report that does not conform is returned instead). `external` are stored
    events that `same_as` names outside the file: the caller checks them, as the shapes cannot see them."""
    seeds = Path(seeds)
    facts_path, article_path = Path(facts_path), Path(article_path)
    data = review.read(facts_path)
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
    # gazetteer places an extracted file names (gn-<id>) go into the article's graph with it
    corpus.places.update(geo.named_gazetteer_places(data, corpus.gazetteer, corpus.places))
    corpus.articles[aid] = Article(aid, article_path, text, meta, meta_path)
    corpus.facts = [FactFile(facts_path, data)]
    graph = corpus_to_graph(corpus, ontology.graph())
    checked = graph
    if external:
        checked = Graph() + graph
        for t in external:
            checked.remove((None, CKG.sameEventAs, t))
    report = shacl.validate(checked)
    if check and not report.conforms:
        raise ShaclViolation(report.violations)
    own = graph - _registry_graph(str(seeds))
    return aid, own, data, report


def _as_stored(nt: bytes) -> bytes:
    """N-Triples as the store gives them back (it writes some literals in canonical form), sorted."""
    import pyoxigraph as ox

    db = ox.Store()
    db.bulk_load(nt, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:x"))
    data = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode("urn:x")) or b""
    return b"".join(sorted(set(line + b"\n" for line in data.split(b"\n") if line.strip())))


def ingest(facts_path: Path, article_path: Path, store: Store, *, published: str | None = None,
           outlet: str | None = None, seeds: Path = SEEDS_DIR, allow_unreviewed: bool = False,
           accept_duplicates: bool = False, dry_run: bool = False) -> IngestResult:
    """Check `facts_path` against `article_path` and write it to the store's graph for the article.

    >>> # conflictkg ingest facts.yaml article.txt --published 2021-11-14
    """
    data = review.read(facts_path)
    if not allow_unreviewed:
        refuse_unreviewed(data, Path(facts_path), Path(article_path))
    targets = _external(data)
    missing = duplicates.not_events(store, targets)
    if missing:
        raise FactError(f"same_as names {', '.join(missing)}, which is not in the store", file=str(facts_path),
                        fix="name an event the graph holds (ARTICLE/ID, as 'conflictkg ingest' proposes)")
    aid, graph, data, report = article_graph(facts_path, article_path, published=published, outlet=outlet,
                                             seeds=seeds, external=tuple(targets))
    iri = GRAPH.format(aid)
    matches = duplicates.similar(store, graph, iri)
    if matches and not (accept_duplicates or dry_run):
        raise DuplicateError(matches, str(facts_path))
    nt = canonical(graph)
    events, tallies = len(data.get("events") or []), len(data.get("tallies") or [])
    if dry_run:
        db = store.open()
        import pyoxigraph as ox

        held = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri)) \
            if ox.NamedNode(iri) in set(db.named_graphs()) else None
        same = held is not None and b"".join(sorted(set(x + b"\n" for x in held.split(b"\n") if x.strip()))) \
            == _as_stored(nt)
        return IngestResult(aid, iri, nt.count(b"\n"), events, tallies, not same,
                            store.manifest().get("generation", ""), True, report.text(), matches)
    with store.writer() as w:
        changed = not (w.has_graph(iri) and w.triples(iri) == _as_stored(nt))
        if changed:
            # drop + bulk load: the N-Triples go in as they are (a SPARQL INSERT DATA would re-type
            # xsd:nonNegativeInteger offsets as xsd:integer)
            if w.has_graph(iri):
                w.drop(iri)
            w.add(iri, nt)
    manifest = store.manifest()
    return IngestResult(aid, iri, nt.count(b"\n"), events, tallies, changed, manifest.get("generation", ""),
                        False, report.text(), matches)
