"""The store: pyoxigraph generations replaced atomically, the named query library, and running queries
on the store or on any SPARQL endpoint."""
from .generations import Store, Writer

__all__ = ["Store", "Writer"]
