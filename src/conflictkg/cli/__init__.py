"""The conflictkg command line: a thin shell over the library.

The `main` group is here; its commands live one module per group (graph, ask, share, ingest) and the
options they share in options.py. Each command parses its options, calls the library and prints."""
from __future__ import annotations

import click

from conflictkg import __version__
from conflictkg.core.resources import default_store

from . import ask, graph, ingest, share
from .options import store_option

__all__ = ["main"]


@click.group()
@click.version_option(__version__)
@store_option
@click.pass_context
def main(ctx, store):
    """conflictkg: a knowledge graph of the Syrian conflict built from Arabic news, every fact with its evidence.

    Example:

        conflictkg build && conflictkg stats
    """
    ctx.ensure_object(dict)
    ctx.obj["store"] = store or default_store()


for command in (graph.build, graph.validate, graph.stats, graph.reason, share.export, graph.quality, ask.events,
                ask.query, ask.queries, ask.analyze, share.serve, share.push, ingest.import_, ingest.extract,
                ingest.review, ingest.ingest, ingest.evaluate):
    main.add_command(command)
