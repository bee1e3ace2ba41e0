"""Importing coded event datasets (ACLED, UCDP GED) into the knowledge graph, in validated batches."""
