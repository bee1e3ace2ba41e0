"""Commands that hand the graph on: export, serve, push."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import auth_options, call, event_filter_options, export_format_option, filters_of, store_of


@click.command()
@export_format_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default: stdout).")
@click.option("--no-ontology", is_flag=True, help="Export the facts without the ontology.")
@click.option("--include-vague", is_flag=True,
              help="acled-csv: keep events known only to a span wider than a month (or undated), at the span's "
                   "middle, tagged 'vague date' (left out by default, and counted on stderr).")
@click.option("--bom", is_flag=True, help="acled-csv: start with a UTF-8 byte-order mark, for spreadsheets.")
@event_filter_options(what="events (acled-csv and geojson only)")
@click.pass_context
def export(ctx, fmt, output, no_ontology, include_vague, bom, **options):
    """Export the knowledge graph; the same store always gives byte-identical output.

    The event filters (--from, --to, --governorate, --place, --actor, --role, --type, --kind, --source, as
    in 'conflictkg events') apply to the acled-csv and geojson exports; other formats refuse them.

    Example:

    \b
        conflictkg export --format ttl -o conflictkg.ttl
        conflictkg export --format acled-csv --bom -o events.csv
        conflictkg export --format acled-csv --governorate "Deir ez-Zor" --from 2021 --to 2021 -o dez-2021.csv
    """
    from conflictkg.share.exports import acled
    from conflictkg.share.exports import export as run_export
    from conflictkg.share.exports.acled_csv import VAGUE

    filters = filters_of(options)
    if (include_vague or bom) and fmt != "acled-csv":
        raise click.UsageError("--include-vague and --bom apply to --format acled-csv only")
    if fmt == "acled-csv":
        written = call(acled, store_of(ctx), include_vague=include_vague, bom=bom, filters=filters)
        data = written.data
        if written.vague:
            click.echo(f"Left out {written.vague} event(s) with a vague date (known only to a span wider "
                       "than a month, or undated); --include-vague keeps them, tagged", err=True)
        elif include_vague:
            click.echo(f"Kept every event with a vague date, tagged '{VAGUE}'", err=True)
    else:
        data = call(run_export, store_of(ctx), fmt, ontology=not no_ontology, filters=filters)
    if output:
        output.write_bytes(data)
        click.echo(f"Wrote {len(data)} bytes to {output}", err=True)
    else:
        sys.stdout.buffer.write(data)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", type=int, default=7878, show_default=True)
@click.option("--writable", is_flag=True,
              help="Accept SPARQL UPDATE at /update, each published as a new store generation under the store's "
                   "write lock (an update meeting an import gets 503 and is not applied).")
@click.option("--allow-service", is_flag=True,
              help="Let queries use SERVICE (and updates LOAD), which make the server fetch from the network; "
                   "off by default, on the endpoint and the web view alike.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30, show_default=True,
              help="Seconds a query may run; past it the query is stopped and the client gets 503.")
@click.option("--max-rows", type=click.IntRange(1), default=100_000, show_default=True,
              help="Most rows (or triples) a query may return; more is refused with 422, never cut off.")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Query worker processes [default: one more than the cores, 3 to 5].")
@click.option("--ui", is_flag=True, help="Also serve the web view for analysts.")
@click.option("--ui-port", type=int, default=8080, show_default=True, help="Port of the web view.")
@click.option("--review", "review_facts", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="With --ui: a fact file to review at /review (accept/reject buttons with --writable).")
@click.option("--article", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="With --review: the article of the fact file.")
@click.pass_context
def serve(ctx, host, port, writable, allow_service, timeout, max_rows, workers, ui, ui_port, review_facts, article):
    """Serve the store over the SPARQL 1.1 Protocol at /query, until Ctrl-C.

    Read-only unless --writable. Queries see the facts and the ontology as one default graph. Each query
    runs in a worker process: one still running after --timeout seconds is stopped (HTTP 503) and its
    worker replaced; one giving more than --max-rows rows is refused (HTTP 422). Malformed requests get
    400, updates on a read-only endpoint 403, SERVICE 403 unless --allow-service. Queries move to the
    newest generation when an import, build or ingest publishes one.

    Example:

    \b
        conflictkg serve --port 7878 --timeout 10 --max-rows 50000 &
        conflictkg query tallies --endpoint http://127.0.0.1:7878/query
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
             http://127.0.0.1:7878/query
    """
    from conflictkg.share.serve.server import start, stop

    if (review_facts is None) != (article is None) or (review_facts is not None and not ui):
        raise click.UsageError("--review FACTS.yaml goes with --article ARTICLE.txt and --ui")
    server = call(start, store_of(ctx), host, port, writable=writable, timeout=timeout, max_rows=max_rows,
                  workers=workers, allow_service=allow_service)
    web = None
    try:  # from here on, Ctrl-C or kill stops the server cleanly: the handler raises only inside this block
        _stop_on_signals()
        click.echo(f"SPARQL endpoint: {server.url} ({'read-write' if writable else 'read-only'}; "
                   f"timeout {timeout:g} s, at most {max_rows} rows; Ctrl-C to stop)")
        if ui:
            web = _start_ui(ctx, host, ui_port, server, timeout, review_facts, article, writable)
        while server.thread.is_alive():
            server.thread.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        if web is not None:
            web.shutdown()
        stop(server)  # stops listening and kills the workers: nothing is left running
    click.echo("Stopped.", err=True)


def _stop_on_signals():
    import signal

    def interrupt(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)  # stop the server on `kill` as on Ctrl-C
    # a shell starts background jobs with SIGINT ignored, and Python then keeps it ignored: Ctrl-C after `fg`,
    # or a script's kill -INT, would not stop the server
    signal.signal(signal.SIGINT, interrupt)


def _start_ui(ctx, host, ui_port, server, timeout, facts=None, article=None, writable=False):
    """The web view in a thread beside the endpoint, sharing its worker pool."""
    import threading

    from conflictkg.share.web.app import serve_ui
    from conflictkg.share.web.review import Review

    review = Review(facts, article, writable) if facts is not None else None
    web = serve_ui(store_of(ctx), host, ui_port, pool=server.pool, timeout=timeout,
                   allow_service=server.allow_service, review=review)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    click.echo(f"Web view: http://{host}:{ui_port}/")
    return web


@click.command()
@click.option("--endpoint", required=True, metavar="URL", help="Graph Store Protocol endpoint (e.g. …/store).")
@click.option("--graph", metavar="IRI", help="Target graph (default: the default graph).")
@click.option("--replace", is_flag=True, help="Replace the graph's content instead of adding to it.")
@auth_options("User for HTTP auth.", "Password (or $CONFLICTKG_PASSWORD).")
@click.option("--chunk-size", type=int, default=5000, show_default=True, help="Triples per request.")
@click.pass_context
def push(ctx, endpoint, graph, replace, user, password, auth, chunk_size):
    """Upload the graph to a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

    Sends N-Triples in chunks with retries, then reads the graph back and checks the triple count.

    Example:

        conflictkg push --endpoint http://127.0.0.1:7878/store --graph https://example.org/kg --replace
    """
    from conflictkg.share.push import push as run_push

    store = store_of(ctx)
    with click.progressbar(length=call(lambda: int(store.manifest().get("fact_triples", 0)
                                                  + store.manifest().get("ontology_triples", 0))),
                           label="pushing", file=sys.stderr) as bar:
        result = call(run_push, store, endpoint, graph=graph, replace=replace, user=user, password=password,
                      auth=auth, chunk_size=chunk_size, progress=bar.update)
    click.echo(f"Pushed {result['sent']} triples in {result['chunks']} request(s) to {result['graph']}; "
               f"the store now holds {result['remote']}.")
