"""SHACL validation: pySHACL for curated graphs, the compiled engine (fast/) for import batches."""
