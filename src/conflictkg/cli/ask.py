"""Commands that ask the graph: events, query, queries, analyze."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import auth_options, call, event_filter_options, filters_of, store_of


@click.command()
@event_filter_options(kinds=("event",))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "geojson", "xlsx"]),
              default="table", show_default=True,
              help="table (the main columns), csv, tsv, json, geojson (one feature per event) or xlsx (Excel).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default: stdout).")
@click.pass_context
def events(ctx, fmt, output, **options):
    """List events, curated and imported alike, filtered by date, place, actor, type, kind and source.

    One row per event (a second account of it is named in other_accounts): earliest and latest date,
    precision, type and subtype (ACLED's), class, kind, places, governorates, perpetrators, targets,
    parties, killed (low and high), source, certainty, summary, the Arabic evidence and the event's IRI.
    An event counts for --from/--to when its date span overlaps the range. Several values of one option
    are alternatives; different options must all hold. Names resolve by English or Arabic label, spelling
    variant, slug, short IRI (place/abu-kamal, actor:isis) or IRI; an unknown name is an error listing
    close matches (exit 2).

    Example:

    \b
        conflictkg events --governorate "Deir ez-Zor" --from 2021-11-01 --to 2021-11-30 --format csv
        conflictkg events --actor isis --role perpetrator --type Attack --from 2023 --format xlsx -o isis.xlsx
    """
    from conflictkg.ask.sheets import write

    filters = filters_of(options)
    data = call(write, store_of(ctx), filters, fmt)
    if output:
        output.write_bytes(data)
        click.echo(f"Wrote {len(data)} bytes to {output}", err=True)
    elif fmt == "xlsx" and sys.stdout.isatty():
        raise click.UsageError("an xlsx workbook is not for a terminal: give -o FILE.xlsx")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


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
@click.argument("name", required=False)
def queries(name):
    """List the named queries with their titles and parameters; with NAME (or a .rq file of your own), show
    its description, its parameters with their defaults, and the columns it returns.

    Example:

    \b
        conflictkg queries
        conflictkg queries events-near
    """
    from conflictkg.store.queries import find, library

    if name is None:
        for q in library().values():
            params = ", ".join(f"{k}={v}" for k, v in q.params.items())
            click.echo(f"{q.name:28} {q.title}" + (f"  [{params}]" if params else ""))
        return
    q = call(find, name)
    click.echo(f"{q.name}: {q.title}\n")
    if q.description:
        click.echo(click.wrap_text(q.description, width=100) + "\n")
    click.echo("Parameters:" if q.params else "Parameters: none")
    for k, default in q.params.items():
        shown = f"default: {default}" if default else "required"
        click.echo(f"  {k}: {q.help.get(k) or ''} ({shown})")
    columns = q.columns()
    click.echo("Columns: " + (", ".join(columns) if columns else "(not a SELECT query, or not readable here)"))
    click.echo(f"\nRun it: conflictkg query {name}" + "".join(f" --param {k}=…" for k in q.params))


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
