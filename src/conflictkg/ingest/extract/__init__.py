"""Reading new Arabic articles: candidate facts in the seeds' fact-file format.

    >>> from conflictkg.extract import extract
    >>> result = extract("نفذ تنظيم داعش أمس كميناً استهدف قوات النظام قرب السخنة، ما أدى إلى مقتل 5 عناصر.",
    ...                  published="2021-11-14")
    >>> e = result.facts["events"][0]
    >>> e["type"], e["perpetrator"], e["target"], e["places"], e["date"], e["counts"][0]["n"]
    ('Ambush', ['isis'], ['syrian-regime-forces'], ['sukhnah'], '2021-11-13', 5)

The pipeline: normalise (offset map) → match (lexicon, clitics) → numbers, dates, certainty → events
(grouping per sentence and clause) → to_facts (the fact file, checked by the seeds' own loader).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from conflictkg.core.arabic import nfc
from conflictkg.core.errors import InputError
from .timex import Published
from .events import analyse
from .lexicon import Lexicon
from conflictkg.core.normalise import normalise
from .to_facts import dump, to_facts

MAX_BYTES = 20_000_000
UNNAMED_OUTLET = "unnamed-outlet"


@dataclass
class Extraction:
    article_id: str
    text: str           # the NFC text the offsets count in
    facts: dict         # the fact-file mapping
    meta: dict          # article metadata (as in seeds/articles/*.meta.yaml) for the loader and ingest
    encoding: str = "utf-8"

    def yaml(self) -> str:
        head = (f"Candidate facts extracted by 'conflictkg extract' from {self.article_id} "
                f"({len(self.facts['events'])} events, {len(self.facts.get('tallies', []))} tallies).\n"
                "Review before ingesting: every quote is an exact slice of the NFC article; start/end are "
                "code points.")
        return dump(self.facts, head)


def article_id(path: Path) -> str:
    """An article id from a file name: letters, digits, - and _ (others become -)."""
    stem = Path(path).name
    for suffix in (".txt", ".text", ".md"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")
    return slug or "article"


def _arabic_share(text: str) -> tuple[int, int]:
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f"
                 or "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff")
    return arabic, len(letters)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Article bytes to NFC text: UTF-8 (with or without BOM), else Windows-1256 when that reads as Arabic.
    Raises InputError with the fix for empty, binary, UTF-16 or undecodable files."""
    if not data.strip():
        raise InputError("the article is empty", file=name, fix="put the article's Arabic text in the file")
    if len(data) > MAX_BYTES:
        raise InputError(f"the file is {len(data):,} bytes; articles above {MAX_BYTES:,} are refused", file=name,
                         fix="split it into one file per article")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError("the file is UTF-16", file=name, fix="save it as UTF-8 (iconv -f UTF-16 -t UTF-8)")
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    if b"\x00" in sample or controls > len(sample) // 100:
        raise InputError("the file is binary, not text", file=name,
                         fix="give a plain-text (.txt) article in UTF-8")
    encoding = "utf-8"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            raise InputError(f"the file is not UTF-8 (bad byte at {e.start})", file=name,
                             fix="convert it to UTF-8, e.g. iconv -f WINDOWS-1256 -t UTF-8") from None
        arabic, letters = _arabic_share(text)
        if letters == 0 or arabic < letters * 0.5:
            raise InputError(f"the file is not UTF-8 (bad byte at {e.start}) and does not read as Windows-1256 "
                             "Arabic either", file=name, fix="convert it to UTF-8 (iconv -f ENCODING -t UTF-8)")
        encoding = "cp1256"
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    if any(unicodedata.category(c) == "Cs" for c in text[:1000]):
        raise InputError("the text holds broken characters", file=name, fix="save it again as UTF-8")
    arabic, letters = _arabic_share(text)
    if arabic < 20 or arabic < letters * 0.2:
        raise InputError(f"the text is not Arabic ({arabic} Arabic letters of {letters})", file=name,
                         fix="extract reads Arabic news articles; give the Arabic original")
    return text, encoding


def read_article(path: Path) -> tuple[str, str]:
    """Read and decode an article file (see decode)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("article not found" if not path.exists() else "not a file", file=str(path),
                         fix="give the path of a .txt article (or a folder with 'extract DIR')")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", file=str(path)) from None
    return decode(data, str(path))


def resolve_outlet(name: str | None, lex: Lexicon) -> str:
    """The outlet's actor id: an id of seeds/actors.yaml, or an outlet named by its English or Arabic name."""
    if not name:
        return UNNAMED_OUTLET
    if name in lex.actors:
        return name
    from conflictkg.core.normalise import fold
    for a in lex.actors.values():
        if a["class"] != "NewsOutlet" and a["class"] != "LocalNetwork":
            continue
        names = [a["en"], a["ar"], *(a.get("variants") or [])]
        if any(fold(n) == fold(name) or n.lower() == name.lower() for n in names):
            return a["id"]
    return UNNAMED_OUTLET


def article_meta(aid: str, outlet: str, outlet_name: str | None, published: str | None) -> dict:
    meta: dict = {"id": aid, "language": "ar", "outlet": {"actor": outlet}}
    if outlet_name and outlet == UNNAMED_OUTLET:
        meta["outlet"]["basis"] = f"given on the command line as '{outlet_name}', not an outlet of seeds/actors.yaml"
    if published:
        p = Published.parse(published)
        meta["published"] = {"date": p.label, "precision": p.precision, "estimated": False}
    else:
        import datetime as dt
        today = dt.date.today()
        meta["published"] = {"date": str(today.year), "precision": "year", "estimated": True,
                             "earliest": "1900-01-01", "latest": today.isoformat()}
    return meta


def extract(text: str, *, published: str | None = None, outlet: str | None = None, article: str = "article",
            lexicon: Lexicon | None = None) -> Extraction:
    """Candidate facts of one article text. `published` (YYYY-MM-DD, YYYY-MM or YYYY) resolves weekdays and
    relative dates; `outlet` is an actor id or name of seeds/actors.yaml (else the unnamed outlet)."""
    lex = lexicon or Lexicon.load()
    text = nfc(text)
    try:
        pub = Published.parse(published)
    except ValueError as e:
        raise InputError(f"bad --published date: {e}", fix="write YYYY-MM-DD, YYYY-MM or YYYY") from None
    out = resolve_outlet(outlet, lex)
    analysis = analyse(normalise(text), lex, pub, out)
    facts = to_facts(analysis, lex, article, out)
    return Extraction(article, text, facts, article_meta(article, out, outlet, published))


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

    from conflictkg.model import ontology
    from conflictkg.core import yamlio
    from conflictkg.core.resources import SEEDS_DIR
    from conflictkg.curation.rdfize import check_corpus, corpus_to_graph
    from conflictkg.curation.seeds import Article, Corpus, FactFile, read_gazetteer, read_registry

    root = Path(seeds or SEEDS_DIR)
    corpus = Corpus(root)
    corpus.actors = read_registry(root / "actors.yaml")
    corpus.places = read_registry(root / "places.yaml")
    corpus.gazetteer = read_gazetteer(root / "gazetteer" / "places.csv")
    corpus.articles[ex.article_id] = Article(ex.article_id, Path(f"{ex.article_id}.txt"), ex.text, ex.meta,
                                             Path(f"{ex.article_id}.meta.yaml"))
    data = yaml.load(text if text is not None else ex.yaml(), Loader=yamlio._Loader)  # noqa: S506 - a SafeLoader
    corpus.facts = [FactFile(Path(f"{ex.article_id}.facts.yaml"), data)]
    if graph:
        return corpus_to_graph(corpus, ontology.graph())
    check_corpus(corpus, ontology.graph())
    return None
