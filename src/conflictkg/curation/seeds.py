"""Reading the curated seeds: articles with metadata, entity registries, gazetteer rows, fact files."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from conflictkg.core import yamlio
from conflictkg.core.arabic import nfc
from conflictkg.core.errors import FactError, InputError


@dataclass
class Article:
    id: str
    path: Path
    text: str
    meta: dict
    meta_path: Path


@dataclass
class FactFile:
    path: Path
    data: dict


@dataclass
class Corpus:
    root: Path
    actors: dict[str, dict] = field(default_factory=dict)
    places: dict[str, dict] = field(default_factory=dict)
    gazetteer: dict[int, dict] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    facts: list[FactFile] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        """A path as shown in messages and stored in the graph: relative to the seeds folder."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def read_registry(path: Path) -> dict[str, dict]:
    """An entity registry (actors.yaml, places.yaml) by id; entries without an id or with a repeated one are
    refused with their line."""
    items = yamlio.load(path)
    if not isinstance(items, list):
        raise InputError("expected a list of entries", file=str(path), fix="start each entry with '- id: ...'")
    out: dict[str, dict] = {}
    for item in items:
        line = getattr(item, "line", None)
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise FactError("entry without an 'id'", file=str(path), line=line, fix="give every entry an id")
        if item["id"] in out:
            raise FactError(f"duplicate id '{item['id']}'", file=str(path), line=line,
                            fix="merge the two entries or rename one")
        out[item["id"]] = item
    return out


def read_gazetteer(path: Path) -> dict[int, dict]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {int(r["geonameid"]): r for r in csv.DictReader(f) if r["geonameid"]}


def read_article(path: Path, meta_path: Path | None = None) -> Article:
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError("article is not UTF-8 text", file=str(path), fix="convert it to UTF-8") from None
    text = nfc(raw)
    if not text.strip():
        raise FactError("the article is empty", file=str(path), fix="put the article's text in the file")
    meta_path = meta_path or path.with_suffix(".meta.yaml")
    if not meta_path.exists():
        raise InputError("article has no metadata file", file=str(meta_path),
                         fix="add NNN.meta.yaml with outlet, language and published date (docs/fact-format.md)")
    meta = yamlio.load(meta_path)
    if not isinstance(meta, dict):
        raise InputError("metadata must be a mapping", file=str(meta_path))
    return Article(path.stem, path, text, meta, meta_path)


def read_fact_file(path: Path) -> FactFile:
    data = yamlio.load(path)
    if not isinstance(data, dict) or not isinstance(data.get("article"), str):
        raise InputError("a fact file is a mapping with 'article: <article id>' at the top", file=str(path),
                         fix="see docs/fact-format.md")
    return FactFile(path, data)


def read_corpus(root: Path, *, extra_facts: list[Path] = ()) -> Corpus:
    """Read the whole seeds folder (and optional extra fact files)."""
    if not root.is_dir():
        raise InputError("seeds folder not found", file=str(root))
    corpus = Corpus(root)
    corpus.actors = read_registry(root / "actors.yaml")
    corpus.places = read_registry(root / "places.yaml")
    corpus.gazetteer = read_gazetteer(root / "gazetteer" / "places.csv")
    for path in sorted((root / "articles").glob("*.txt")):
        art = read_article(path)
        corpus.articles[art.id] = art
    for path in sorted((root / "facts").glob("*.yaml")) + list(extra_facts):
        corpus.facts.append(read_fact_file(path))
    return corpus
