"""The extraction of one article, end to end: decode → normalise → find events → fact file → the seeds'
loader's check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from conflictkg.core.arabic import nfc
from conflictkg.core.errors import InputError
from conflictkg.core.normalise import normalise
from conflictkg.curation.articles import article_id, article_meta, read_article, resolve_outlet

from . import eventhood
from .grouping import find_events, unnamed_strikers
from .incidents import merge
from .lexicon import Lexicon
from .places import by_governorate
from .timex import Published
from .to_facts import dump, to_facts


@dataclass
class Extraction:
    """One article's candidate facts, with the text their offsets count in."""

    article_id: str
    text: str           # the NFC text the offsets count in
    facts: dict         # the fact-file mapping
    meta: dict          # article metadata (as in seeds/articles/*.meta.yaml) for the loader and ingest
    encoding: str = "utf-8"
    mentions_of: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # event id: every mention's span
    scores: dict[str, float] = field(default_factory=dict)  # event id: its confidence score

    def yaml(self) -> str:
        head = (f"Candidate facts extracted by 'conflictkg extract' from {self.article_id} "
                f"({len(self.facts['events'])} events, {len(self.facts.get('tallies', []))} tallies).\n"
                "Review before ingesting: every quote is an exact slice of the NFC article; start/end are "
                "code points.")
        return dump(self.facts, head)


def extract(text: str, *, published: str | None = None, outlet: str | None = None, article: str = "article",
            lexicon: Lexicon | None = None, by_score: bool = False) -> Extraction:
    """Candidate facts of one article text. `published` (YYYY-MM-DD, YYYY-MM or YYYY) resolves weekdays and
    relative dates; `outlet` is an actor id or name of seeds/actors.yaml (else the unnamed outlet). With
    `by_score`, the events are listed by their score (confidence.py), highest first, instead of in the
    order of the text (their ids stay)."""
    lex = lexicon or Lexicon.load()
    text = nfc(text)
    try:
        pub = Published.parse(published)
    except ValueError as e:
        raise InputError(f"bad --published date: {e}", fix="write YYYY-MM-DD, YYYY-MM or YYYY") from None
    out = resolve_outlet(outlet, lex.actors)
    findings = find_events(normalise(text), lex, pub, out)
    # one candidate per incident, the headline's told again below it (incidents.py)
    findings.candidates = merge(findings.candidates, findings.toks, lex, title_end(findings.norm.text))
    findings.candidates = by_governorate(findings.candidates, lex)  # one event per governorate (places.py)
    unnamed_strikers(findings.candidates, lex.grammar)
    spans: dict = {}
    scores: dict = {}
    heads: dict = {}
    facts = eventhood.mark(to_facts(findings, lex, article, out, spans, scores, heads), text, pub, lex, heads, spans,
                           scores)
    if by_score:
        facts["events"].sort(key=lambda r: -scores.get(r["id"], 0.0))
    return Extraction(article, text, facts, article_meta(article, out, outlet, published), mentions_of=spans,
                      scores=scores)


def title_end(text: str, words: int = 20) -> int:
    """Where the title line ends, when the text opens with one: a line of at most `words` words followed
    by an empty line (news pages saved as text: title, blank line, story); else 0."""
    m = re.match(r"\s*([^\n]+)\n[ \t]*\n", text)
    return m.end(1) if m and len(m.group(1).split()) <= words else 0


def extract_file(path: Path, **kw) -> Extraction:
    """Extract an article file. Without `published`/`outlet`, they come from ARTICLE.meta.yaml when there is one
    (the seeds' metadata format)."""
    text, enc = read_article(path)
    meta_path = Path(path).with_suffix(".meta.yaml")
    if meta_path.exists() and (kw.get("published") is None or kw.get("outlet") is None):
        from conflictkg.core import yamlio

        meta = yamlio.load(meta_path)
        if isinstance(meta, dict):
            if kw.get("published") is None and isinstance(meta.get("published"), dict):
                kw["published"] = str(meta["published"].get("date") or "") or None
            if kw.get("outlet") is None and isinstance(meta.get("outlet"), dict):
                kw["outlet"] = meta["outlet"].get("actor")
    ex = extract(text, article=kw.pop("article", None) or article_id(path), **kw)
    ex.encoding = enc
    return ex


def check(ex: Extraction, seeds: Path | None = None, text: str | None = None, *, graph: bool = False):
    """Load the extraction's YAML with the seeds' own loader and convert it as the build does (quotes,
    offsets, references, dates, counts); `text` is the YAML as written, if at hand. Raises FactErrors.
    With graph=True, returns the RDF graph (registries included); else builds no RDF (much faster)."""
    import yaml

    from conflictkg.core import geo, yamlio
    from conflictkg.core.resources import SEEDS_DIR
    from conflictkg.curation.rdfize import check_corpus, corpus_to_graph
    from conflictkg.curation.seeds import Article, Corpus, FactFile, read_gazetteer, read_registry
    from conflictkg.model import ontology

    root = Path(seeds or SEEDS_DIR)
    corpus = Corpus(root)
    corpus.actors = read_registry(root / "actors.yaml")
    corpus.places = read_registry(root / "places.yaml")
    corpus.gazetteer = read_gazetteer(root / "gazetteer" / "places.csv")
    corpus.articles[ex.article_id] = Article(ex.article_id, Path(f"{ex.article_id}.txt"), ex.text, ex.meta,
                                             Path(f"{ex.article_id}.meta.yaml"))
    data = yaml.load(text if text is not None else ex.yaml(), Loader=yamlio.Loader)  # noqa: S506 - a SafeLoader
    # the gazetteer rows the candidates name, as the places the extraction made of them
    corpus.places.update(geo.named_gazetteer_places(data, corpus.gazetteer, corpus.places))
    corpus.facts = [FactFile(Path(f"{ex.article_id}.facts.yaml"), data)]
    if graph:
        return corpus_to_graph(corpus, ontology.graph())
    check_corpus(corpus, ontology.graph())
    return None
