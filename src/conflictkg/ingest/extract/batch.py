"""Extracting many articles: each checked with the seeds' loader, its fact file written, a bad article
reported without stopping the rest. The command line shows progress and prints; the work is here."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import Graph

from conflictkg.core.errors import ConflictKGError

from .eventhood import events_only
from .lexicon import Lexicon
from .pipeline import Extraction, check, extract_file


@dataclass
class Outcome:
    """One article of a batch: its checked extraction and fact-file text, or the error that stopped it."""
    path: Path
    extraction: Extraction | None = None
    text: str | None = None             # the fact file's YAML
    written: Path | None = None         # where the fact file was written, if it was
    error: ConflictKGError | None = None


def articles_in(folder: Path) -> list[Path]:
    """The folder's .txt articles (the suffix in any case), sorted by name."""
    return sorted(p for p in Path(folder).iterdir() if p.suffix.lower() == ".txt" and p.is_file())


def extract_checked(path: Path, **kw) -> tuple[Extraction, str]:
    """Extract an article file (see extract_file) and check its fact file as the seeds' loader would.
    Returns the extraction and its YAML; raises ConflictKGError."""
    ex = extract_file(path, **kw)
    text = ex.yaml()
    check(ex, None, text)
    return ex, text


def fact_file(ex: Extraction, article: Path, output: Path | None) -> Path:
    """Where an article's fact file goes: OUTPUT/ID.facts.yaml, or NAME.facts.yaml beside the article."""
    return (output / f"{ex.article_id}.facts.yaml") if output else article.with_suffix(".facts.yaml")


def extract_paths(paths: Iterable[Path], *, published: str | None = None, outlet: str | None = None,
                  lexicon: Lexicon | None = None, output: Path | None = None,
                  write: bool = True, by_score: bool = False) -> Iterator[Outcome]:
    """Extract and check each article in turn, yielding one Outcome per path in order; an article that
    fails is yielded with its error and the others go on. `output` is the folder for the fact files (made
    now if missing); with `write`, each checked fact file is written there (see fact_file). `paths` is
    consumed lazily, so it may be a progress bar over the files."""
    lexicon = lexicon or Lexicon.load()
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
    return _outcomes(paths, dict(published=published, outlet=outlet, lexicon=lexicon, by_score=by_score), output,
                     write)


def _outcomes(paths: Iterable[Path], kw: dict, output: Path | None, write: bool) -> Iterator[Outcome]:
    for path in paths:
        try:
            ex, text = extract_checked(path, **kw)
        except ConflictKGError as e:
            yield Outcome(path, error=e)
            continue
        target = None
        if write:
            target = fact_file(ex, path, output)
            target.write_text(text, encoding="utf-8")
        yield Outcome(path, ex, text, target)


def rows_by_score(data: bytes, extractions: Iterable[Extraction]) -> bytes:
    """ACLED-CSV rows of candidates (extract --format acled-csv) ordered by their events' scores, highest
    first (ties keep their order). A row's event is named by its `conflictkg: IRI` tag."""
    import csv
    import io

    scores = {(ex.article_id, eid): s for ex in extractions for eid, s in ex.scores.items()}
    text = data.decode("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)

    def key(row: dict) -> float:
        for tag in (row.get("tags") or "").split("; "):
            if tag.startswith("conflictkg: "):
                parts = tag.rstrip("/").split("/")
                return -scores.get((parts[-2], parts[-1]), 0.0)
        return 0.0

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=reader.fieldnames or [], lineterminator="\n")
    w.writeheader()
    w.writerows(sorted(rows, key=key))
    return buf.getvalue().encode("utf-8")


def candidate_graph(extractions: Iterable[Extraction]) -> Graph:
    """The RDF of candidate facts with the registries they refer to, as the build would make it; for the
    ACLED-CSV writer (conflictkg.share.exports.acled_csv.candidates_csv). Raises FactErrors."""
    graph = Graph()
    for ex in extractions:
        graph += check(events_only(ex), graph=True)  # patterns, background, anticipated: no rows
    return graph
