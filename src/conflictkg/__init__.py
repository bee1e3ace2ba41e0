"""conflictkg: a knowledge graph of actors, places and events of the Syrian conflict, from Arabic news.

The library's face; the `conflictkg` command is a thin shell over it:

    from conflictkg import Store, build, query
    result = build()                                   # seeds → checked, validated store
    rows = query.run("transfer-deals", store=Store(result.store)).rows

Layers, each importing only those below it: cli → share, ask, ingest → curation → model → store → core
(docs/architecture.md).
"""
from __future__ import annotations

__version__ = "0.1.0"

# Loaded on first use, so `conflictkg --help` does not pay for rdflib, pyoxigraph and pyshacl.
_FACE = {
    "build": ("conflictkg.curation.build", "build"),
    "Store": ("conflictkg.store.generations", "Store"),
    "query": ("conflictkg.store.queries", None),
    "check_file": ("conflictkg.curation.check", "check_file"),
    "export": ("conflictkg.share.exports", "export"),
    "import_file": ("conflictkg.ingest.imports.run", "import_file"),
    "extract": ("conflictkg.ingest.extract", "extract"),
}
__all__ = ["__version__", *_FACE]


def __getattr__(name: str):
    if name not in _FACE:
        raise AttributeError(f"module 'conflictkg' has no attribute {name!r}")
    import importlib

    module, attr = _FACE[name]
    mod = importlib.import_module(module)
    return mod if attr is None else getattr(mod, attr)
