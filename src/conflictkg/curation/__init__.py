"""Curation: the seeds (articles, registries, fact files), evidence, RDF-izing, build, check and ingest."""
