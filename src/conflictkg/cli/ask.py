"""Commands that ask the graph: query, queries, analyze."""
from __future__ import annotations

from pathlib import Path

import click

from .options import auth_options, call, store_of


@click.command()
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint instead of the store.")
@click.option("--timeout", type=float, default=30, show_default=True, help="Endpoint timeout in seconds.")
@auth_options("User for the endpoint (HTTP auth).", "Password for the endpoint.")
@click.option("--bom", is_flag=True, help="csv/tsv: start with a UTF-8 byte-order mark, for spreadsheets.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Rows per page [default: 100].")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Start at this row of the query's order (the next page: --offset 100).")
@click.option("--all", "every", is_flag=True, help="Every row, not a page.")
@click.pass_context
def query(ctx, name, params, fmt, endpoint, timeout, user, password, auth, bom, limit, offset, every):
    """Run a named query of the library (or a .rq file) on the store or on a SPARQL endpoint.

    Parameters are bound as RDF terms in a VALUES block, never pasted into the query text. Rows come a page
    at a time (100 unless --limit), in the query's order; when more follow, the command says so on stderr
    and how to get them (--offset, or --all for every row).

    Example:

    \b
        conflictkg query events-near --param place="Abu Kamal" --param km=30 --format csv
        conflictkg query timeline --limit 50 --offset 50
    """
    from conflictkg.ask.render import render
    from conflictkg.store.paging import DEFAULT_LIMIT
    from conflictkg.store.queries import parse_params, run

    if bom and fmt not in ("csv", "tsv"):
        raise click.UsageError("--bom applies to --format csv or tsv only")
    if every and limit is not None:
        raise click.UsageError("--all gives every row: leave out --limit")

    kw = dict(endpoint=endpoint, timeout=timeout, user=user, password=password, auth=auth) if endpoint \
        else dict(store=store_of(ctx))
    size = None if every else (limit or DEFAULT_LIMIT)
    result = call(lambda: run(name, parse_params(list(params)), limit=size, offset=offset, **kw))
    click.echo(("\ufeff" if bom else "") + render(result, fmt), nl=False)
    if result.more:
        end = offset + len(result.rows)
        click.echo(f"rows {offset + 1}-{end} shown; more follow: add --offset {end} for the next page, or --all "
                   "for every row", err=True)


@click.command()
def queries():
    """List the named queries with their titles and parameters.

    Example:

        conflictkg queries
    """
    from conflictkg.store.queries import library

    for q in library().values():
        params = ", ".join(f"{k}={v}" for k, v in q.params.items())
        click.echo(f"{q.name:28} {q.title}" + (f"  [{params}]" if params else ""))


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("analysis"),
              show_default=True, help="Folder for the report, figures and graph files.")
@click.pass_context
def analyze(ctx, out):
    """Analyse the graph with NetworkX: actor network, actor–place and fighter-flow graphs, yearly slices.

    Writes report.md, three PNG figures, and GraphML/GEXF files of every graph into --out.

    Example:

        conflictkg analyze --out analysis
    """
    from conflictkg.ask.report import run

    result = call(run, store_of(ctx), out)
    click.echo(f"Wrote {result['report']}, {result['figures']} figures and {len(result['files'])} graph files "
               f"to {out}")
