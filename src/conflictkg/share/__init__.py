"""Sharing the graph: exports, push to other stores, the SPARQL endpoint and the web view."""
