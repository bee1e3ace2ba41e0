"""Reading new Arabic articles: candidate facts in the seeds' fact-file format.

    >>> from conflictkg.ingest.extract import extract
    >>> result = extract("نفذ تنظيم داعش أمس كميناً استهدف قوات النظام قرب السخنة، ما أدى إلى مقتل 5 عناصر.",
    ...                  published="2021-11-14")
    >>> e = result.facts["events"][0]
    >>> e["type"], e["perpetrator"], e["target"], e["places"], e["date"], e["counts"][0]["n"]
    ('Ambush', ['isis'], ['syrian-regime-forces'], ['sukhnah'], '2021-11-13', 5)

The pipeline: normalise (offset map) → match (lexicon, clitics) → numbers, dates, certainty → events
(grouping per sentence and clause) → to_facts (the fact file, checked by the seeds' own loader).

This module is the package's face: the pipeline itself is in pipeline.py, the article-file helpers in
conflictkg.curation.articles (ingest reads articles the same way).
"""
from conflictkg.curation.articles import (
                                          MAX_BYTES,
                                          UNNAMED_OUTLET,
                                          article_id,
                                          article_meta,
                                          decode,
                                          read_article,
                                          resolve_outlet,
)

from .lexicon import Lexicon
from .pipeline import Extraction, check, extract, extract_file

__all__ = ["Extraction", "extract", "extract_file", "check", "Lexicon", "decode", "read_article", "article_id",
           "article_meta", "resolve_outlet", "MAX_BYTES", "UNNAMED_OUTLET"]
