"""Ingest from outside: extraction from new Arabic articles (extract/) and coded datasets (imports/)."""
