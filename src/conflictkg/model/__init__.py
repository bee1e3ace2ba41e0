"""The model: the ontology, the fact-file vocabulary, quality checks, reasoning and SHACL validation."""
