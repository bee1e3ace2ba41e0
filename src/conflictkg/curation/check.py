"""Checking files without building: RDF files against the shapes, fact files as the build would."""
from __future__ import annotations

from pathlib import Path

from conflictkg.core.errors import InputError
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.model import ontology, shacl

from .rdfize import corpus_to_graph
from .seeds import read_corpus, read_fact_file


def check_rdf_file(path: Path) -> shacl.Report:
    """Parse an RDF file (syntax errors raise InputError with the line) and check it with SHACL."""
    return shacl.validate(ontology.parse_file(Path(path)))


def check_fact_file(path: Path, seeds: Path = SEEDS_DIR) -> shacl.Report:
    """Check a fact file as the build would, in place of the seeds' own file for the same article."""
    path = Path(path)
    candidate = read_fact_file(path)
    aid = candidate.data.get("article")
    if isinstance(aid, str) and not (Path(seeds) / "articles" / f"{aid}.txt").exists():
        raise InputError(f"'{aid}' is not a seed article, so its text is unknown", file=str(path),
                         fix=f"give the article: conflictkg validate {path.name} --article ARTICLE.txt")
    corpus = read_corpus(Path(seeds))
    corpus.facts = [f for f in corpus.facts if f.data["article"] != candidate.data["article"]] + [candidate]
    return shacl.validate(corpus_to_graph(corpus, ontology.graph()))


def check_article_facts(path: Path, article: Path, *, published: str | None = None, outlet: str | None = None,
                        seeds: Path = SEEDS_DIR) -> shacl.Report:
    """Check any article's fact file against the article, as 'conflictkg ingest' would (quotes, references,
    dates, counts, SHACL), without the store: the SHACL report, or an error for what stops the loader."""
    from .ingest import article_graph
    from .seeds import read_fact_file as read

    path = Path(path)
    aid = read(path).data.get("article")
    if isinstance(aid, str) and (Path(seeds) / "articles" / f"{aid}.txt").exists():
        return check_fact_file(path, seeds)
    return article_graph(path, article, published=published, outlet=outlet, seeds=seeds, check=False)[3]


def check_file(path: Path, seeds: Path = SEEDS_DIR) -> shacl.Report:
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", file=str(path))
    if path.suffix.lower() in (".yaml", ".yml"):
        return check_fact_file(path, seeds)
    return check_rdf_file(path)
