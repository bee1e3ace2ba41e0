"""The conflictkg command line: a thin shell over the library."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from conflictkg.core.errors import ConflictKGError
from conflictkg.core.resources import SEEDS_DIR, default_store
from conflictkg.ingest.imports.registry import DATASETS
from conflictkg.store.generations import Store


class Failure(click.ClickException):
    """A library error shown as a click error, keeping the library's exit code."""

    def __init__(self, error: ConflictKGError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


def _run(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except ConflictKGError as e:
        raise Failure(e) from None


def _store(ctx) -> Store:
    return Store(ctx.obj["store"])


@click.group()
@click.version_option(__version__)
@click.option("--store", type=click.Path(path_type=Path), envvar="CONFLICTKG_STORE", default=None,
              help="Store folder (default: $CONFLICTKG_STORE or ~/.local/share/conflictkg/store).")
@click.pass_context
def main(ctx, store):
    """conflictkg: a knowledge graph of the Syrian conflict built from Arabic news, every fact with its evidence.

    Example:

        conflictkg build && conflictkg stats
    """
    ctx.ensure_object(dict)
    ctx.obj["store"] = store or default_store()


@main.command()
@click.option("--seeds", type=click.Path(exists=True, file_okay=False, path_type=Path), default=SEEDS_DIR,
              show_default=True, help="Seeds folder: articles, registries, fact files.")
@click.pass_context
def build(ctx, seeds):
    """Build the knowledge graph from the seeds into the store.

    Checks every fact (quotes, references, dates, counts), validates the RDF with SHACL and only then
    replaces the store; a failed build leaves the previous store as it was. Exit code 1 when the data
    does not conform, 2 when an input cannot be read.

    Example:

        conflictkg build --seeds seeds
    """
    from conflictkg.curation.build import build as run_build

    result = _run(run_build, seeds, _store(ctx).path, progress=lambda m: click.echo(f"… {m}", err=True))
    m = result.manifest
    click.echo(f"Built {m['fact_triples']} fact triples (+{m['ontology_triples']} ontology) from "
               f"{m['articles']} articles in {result.seconds:.2f} s → {result.store}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--seeds", type=click.Path(exists=True, file_okay=False, path_type=Path), default=SEEDS_DIR,
              show_default=True, help="Seeds folder used to check fact files.")
def validate(files, seeds):
    """Validate Turtle/N-Triples/JSON-LD files or fact files, without touching the store.

    Exit codes: 0 conforms, 1 violations, 2 unreadable input (with the line of a syntax error).

    Example:

        conflictkg validate seeds/facts/003_117490c947766292.yaml export.ttl
    """
    from conflictkg.curation.check import check_file

    worst = 0
    for path in files:
        try:
            report = check_file(path, seeds)
        except ConflictKGError as e:
            click.echo(f"{path}: {e}" if not getattr(e, "file", None) else str(e), err=True)
            worst = max(worst, e.exit_code)
            continue
        click.echo(f"{path}: {report.text()}")
        worst = max(worst, 0 if report.conforms else 1)
    sys.exit(worst)


@main.command()
@click.option("--classes", is_flag=True, help="Also list the count of every class.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.pass_context
def stats(ctx, classes, as_json):
    """Count the events, tallies, actors and places in the store, per article and per class.

    Example:

        conflictkg stats --classes
    """
    from conflictkg.ask import stats as st

    store = _store(ctx)
    totals = _run(st.totals, store)
    articles = st.per_article(store)
    per_class = st.per_class(store) if classes else []
    if as_json:
        click.echo(json.dumps({"totals": totals, "articles": articles, "classes": dict(per_class)},
                              ensure_ascii=False, indent=2))
        return
    click.echo("Totals: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())))
    click.echo(f"\n{'article':24} {'events':>7} {'tallies':>8} {'actors':>7} {'places':>7}")
    for a in articles:
        click.echo(f"{a['article']:24} {a['events']:>7} {a['tallies']:>8} {a['actors']:>7} {a['places']:>7}")
    if per_class:
        click.echo(f"\n{'class':28} {'count':>6}")
        for name, n in per_class:
            click.echo(f"{name:28} {n:>6}")


@main.command()
@click.option("--ontology-only", is_flag=True, help="Reason over the ontology alone, not the stored facts.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the inferred rdf:type triples to this Turtle file.")
@click.pass_context
def reason(ctx, ontology_only, output):
    """Check consistency with the HermiT OWL reasoner and materialise inferred types (needs Java).

    Exit codes: 0 consistent, 1 inconsistent, 2 reasoner unavailable (no Java).

    Example:

        conflictkg reason -o inferred.ttl
    """
    from conflictkg.share.exports import store_graph
    from conflictkg.model.reason import reason as run_reason

    data = None if ontology_only else _run(store_graph, _store(ctx), ontology=False)
    result = _run(run_reason, data)
    click.echo(f"Consistent: HermiT checked {result.individuals} individuals and inferred "
               f"{len(result.inferred)} rdf:type triples.")
    if output:
        result.inferred.serialize(output, format="turtle", encoding="utf-8")
        click.echo(f"Inferred types written to {output}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "graphml", "gexf", "geojson", "acled-csv"]),
              default="ttl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default: stdout).")
@click.option("--no-ontology", is_flag=True, help="Export the facts without the ontology.")
@click.pass_context
def export(ctx, fmt, output, no_ontology):
    """Export the knowledge graph; the same store always gives byte-identical output.

    Example:

        conflictkg export --format ttl -o conflictkg.ttl
    """
    from conflictkg.share.exports import export as run_export

    data = _run(run_export, _store(ctx), fmt, ontology=not no_ontology)
    if output:
        output.write_bytes(data)
        click.echo(f"Wrote {len(data)} bytes to {output}", err=True)
    else:
        sys.stdout.buffer.write(data)


@main.command()
def quality():
    """Run the ontology quality checks (queries/quality/*.rq); exit 1 if any check has failures.

    Example:

        conflictkg quality
    """
    from conflictkg.model import quality as q

    results = _run(q.run)
    bad = 0
    for name, rows in results.items():
        click.echo(f"{'FAIL' if rows else 'ok  '} {name}" + (f" ({len(rows)})" if rows else ""))
        for row in rows:
            click.echo("     " + " | ".join(row))
        bad += len(rows)
    sys.exit(1 if bad else 0)


@main.command()
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint instead of the store.")
@click.option("--timeout", type=float, default=30, show_default=True, help="Endpoint timeout in seconds.")
@click.option("--user", help="User for the endpoint (HTTP auth).")
@click.option("--password", help="Password for the endpoint.", envvar="CONFLICTKG_PASSWORD")
@click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True)
@click.pass_context
def query(ctx, name, params, fmt, endpoint, timeout, user, password, auth):
    """Run a named query of the library (or a .rq file) on the store or on a SPARQL endpoint.

    Parameters are bound as RDF terms in a VALUES block, never pasted into the query text.

    Example:

        conflictkg query events-near --param place="Abu Kamal" --param km=30 --format csv
    """
    from conflictkg.store.queries import parse_params, run
    from conflictkg.ask.render import render

    kw = dict(endpoint=endpoint, timeout=timeout, user=user, password=password, auth=auth) if endpoint \
        else dict(store=_store(ctx))
    result = _run(lambda: run(name, parse_params(list(params)), **kw))
    click.echo(render(result, fmt), nl=False)


@main.command()
def queries():
    """List the named queries with their titles and parameters.

    Example:

        conflictkg queries
    """
    from conflictkg.store.queries import library

    for q in library().values():
        params = ", ".join(f"{k}={v}" for k, v in q.params.items())
        click.echo(f"{q.name:28} {q.title}" + (f"  [{params}]" if params else ""))


@main.command()
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

    result = _run(run, _store(ctx), out)
    click.echo(f"Wrote {result['report']}, {result['figures']} figures and {len(result['files'])} graph files "
               f"to {out}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", type=int, default=7878, show_default=True)
@click.option("--writable", is_flag=True,
              help="Accept SPARQL UPDATE at /update (changes last until the next build; one worker).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30, show_default=True,
              help="Seconds a query may run; past it the query is stopped and the client gets 503.")
@click.option("--max-rows", type=click.IntRange(1), default=100_000, show_default=True,
              help="Most rows (or triples) a query may return; more is refused with 422, never cut off.")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Query worker processes [default: one more than the cores, 3 to 5].")
@click.option("--ui", is_flag=True, help="Also serve the web view for analysts.")
@click.option("--ui-port", type=int, default=8080, show_default=True, help="Port of the web view.")
@click.pass_context
def serve(ctx, host, port, writable, timeout, max_rows, workers, ui, ui_port):
    """Serve the store over the SPARQL 1.1 Protocol at /query, until Ctrl-C.

    Read-only unless --writable. Queries see the facts and the ontology as one default graph. Each query
    runs in a worker process: one still running after --timeout seconds is stopped (HTTP 503) and its
    worker replaced; one giving more than --max-rows rows is refused (HTTP 422). Malformed requests get
    400, updates on a read-only endpoint 403.

    Example:

    \b
        conflictkg serve --port 7878 --timeout 10 --max-rows 50000 &
        conflictkg query tallies --endpoint http://127.0.0.1:7878/query
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
             http://127.0.0.1:7878/query
    """
    import signal
    import threading

    from conflictkg.share.serve.server import start, stop

    def interrupt(*_):
        raise KeyboardInterrupt

    server = _run(start, _store(ctx), host, port, writable=writable, timeout=timeout, max_rows=max_rows,
                  workers=workers)
    signal.signal(signal.SIGTERM, interrupt)  # stop the server on `kill` as on Ctrl-C
    # a shell starts background jobs with SIGINT ignored, and Python then keeps it ignored: Ctrl-C after `fg`,
    # or a script's kill -INT, would not stop the server
    signal.signal(signal.SIGINT, interrupt)
    click.echo(f"SPARQL endpoint: {server.url} ({'read-write' if writable else 'read-only'}; "
               f"timeout {timeout:g} s, at most {max_rows} rows; Ctrl-C to stop)")
    web = None
    try:
        if ui:
            from conflictkg.share.web.app import serve_ui

            web = serve_ui(_store(ctx), host, ui_port, pool=server.pool, timeout=timeout)
            threading.Thread(target=web.serve_forever, daemon=True).start()
            click.echo(f"Web view: http://{host}:{ui_port}/")
        while server.thread.is_alive():
            server.thread.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        if web is not None:
            web.shutdown()
        stop(server)  # stops listening and kills the workers: nothing is left running
    click.echo("Stopped.", err=True)


@main.command()
@click.option("--endpoint", required=True, metavar="URL", help="Graph Store Protocol endpoint (e.g. …/store).")
@click.option("--graph", metavar="IRI", help="Target graph (default: the default graph).")
@click.option("--replace", is_flag=True, help="Replace the graph's content instead of adding to it.")
@click.option("--user", help="User for HTTP auth.")
@click.option("--password", envvar="CONFLICTKG_PASSWORD", help="Password (or $CONFLICTKG_PASSWORD).")
@click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True)
@click.option("--chunk-size", type=int, default=5000, show_default=True, help="Triples per request.")
@click.pass_context
def push(ctx, endpoint, graph, replace, user, password, auth, chunk_size):
    """Upload the graph to a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

    Sends N-Triples in chunks with retries, then reads the graph back and checks the triple count.

    Example:

        conflictkg push --endpoint http://127.0.0.1:7878/store --graph https://example.org/kg --replace
    """
    from conflictkg.share.push import push as run_push

    store = _store(ctx)
    with click.progressbar(length=_run(lambda: int(store.manifest().get("fact_triples", 0)
                                                  + store.manifest().get("ontology_triples", 0))),
                           label="pushing", file=sys.stderr) as bar:
        result = _run(run_push, store, endpoint, graph=graph, replace=replace, user=user, password=password,
                      auth=auth, chunk_size=chunk_size, progress=bar.update)
    click.echo(f"Pushed {result['sent']} triples in {result['chunks']} request(s) to {result['graph']}; "
               f"the store now holds {result['remote']}.")


@main.command("import")
@click.argument("dataset", type=click.Choice(list(DATASETS)))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--batch-size", type=click.IntRange(1), default=5000, show_default=True,
              help="Rows per batch: each batch is validated and written as one transaction.")
@click.option("--on-error", type=click.Choice(["abort", "skip"]), default="abort", show_default=True,
              help="On a bad row: stop (earlier batches stay), or leave it out and list it in --rejected.")
@click.option("--rejected", type=click.Path(dir_okay=False, path_type=Path),
              help="With --on-error skip: CSV of the rows left out, with the reason (default: FILE.rejected.csv).")
@click.pass_context
def import_(ctx, dataset, file, batch_size, on_error, rejected):
    """Import an ACLED or UCDP GED CSV file into the store, validating each batch with SHACL.

    Rows become events of the ontology, their actors and places lined up with the graph's through the
    files in mappings/. Importing the same file again changes nothing; a changed row is rewritten.
    Exit codes: 0 imported, 1 a bad row (with --on-error abort), 2 the file cannot be read.

    Example:

        conflictkg import acled 2017-01-01-2023-12-31-Syria.csv --on-error skip
    """
    import time

    from conflictkg.ingest.imports.run import import_file

    if on_error == "skip" and rejected is None:
        rejected = file.with_name(file.name + ".rejected.csv")
    t0 = time.perf_counter()
    with click.progressbar(length=max(1, file.stat().st_size if file.is_file() else 1), label=f"importing {file.name}",
                           file=sys.stderr, item_show_func=lambda r: r) as bar:
        def progress(result, done, total):
            rate = result.rows / max(time.perf_counter() - t0, 1e-9)
            bar.update(done - bar.pos, f"{result.rows:,} rows · {rate:,.0f} rows/s")
        result = _run(import_file, file, dataset, _store(ctx), batch_size=batch_size, on_error=on_error,
                      rejected_path=rejected, progress=progress)
    click.echo(f"Imported {result.imported:,} of {result.rows:,} rows ({result.triples:,} triples, "
               f"{result.batches} batches) into {result.graph} in {result.seconds:.1f} s "
               f"({result.rows / max(result.seconds, 1e-9):,.0f} rows/s).")
    click.echo(f"{result.duplicates:,} possible duplicate pair(s) across sources: conflictkg query cross-source-events")
    if result.rejected:
        click.echo(f"Left out {len(result.rejected):,} bad row(s), listed with the reason in {result.rejected_file}:",
                   err=True)
        for r in result.rejected[:5]:
            click.echo(f"  {r}", err=True)


@main.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date (YYYY-MM-DD, YYYY-MM or YYYY): resolves "
              "weekdays and أمس / الشهر الماضي.")
@click.option("--outlet", metavar="NAME", help="The outlet: an actor id or name of seeds/actors.yaml.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Fact file to write (a folder when ARTICLE is a folder; default: stdout, or NAME.facts.yaml "
                   "beside each article of a folder).")
@click.option("--format", "fmt", type=click.Choice(["yaml", "acled-csv"]), default="yaml", show_default=True)
def extract(article, published, outlet, output, fmt):
    """Read an Arabic article (or a folder of .txt articles) and write candidate facts.

    The output is a fact file in the seeds' format (docs/fact-format.md): mentions, events and tallies,
    each with its evidence quote, its start/end offsets in code points into the NFC article, and a
    certainty. It is checked with the loader the seeds use before it is written. --format acled-csv
    prints the candidate events as rows of 'conflictkg export --format acled-csv'. The article may be
    UTF-8 or Windows-1256. Without --published/--outlet, ARTICLE.meta.yaml gives them when present.
    Exit code 2 when an article cannot be read.

    Example:

        conflictkg extract article.txt --published 2021-11-14 --outlet al-fajr -o article.facts.yaml
    """
    import time

    from conflictkg.ingest.extract import check, extract_file
    from conflictkg.ingest.extract.lexicon import Lexicon

    lex = _run(Lexicon.load)
    if article.is_dir():
        files = sorted(p for p in article.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
        if not files:
            raise click.ClickException(f"{article}: no .txt articles in the folder")
        if output is not None:
            output.mkdir(parents=True, exist_ok=True)
        t0, failed, rows = time.perf_counter(), [], []
        with click.progressbar(files, label=f"extracting {len(files)} articles", file=sys.stderr,
                               item_show_func=lambda p: p.name if p else "") as bar:
            for path in bar:
                try:
                    ex = extract_file(path, published=published, outlet=outlet, lexicon=lex)
                    text = ex.yaml()
                    check(ex, None, text)
                except ConflictKGError as e:
                    failed.append(str(e))
                    continue
                if fmt == "acled-csv":
                    rows.append(ex)
                    continue
                target = (output / f"{ex.article_id}.facts.yaml") if output else path.with_suffix(".facts.yaml")
                target.write_text(text, encoding="utf-8")
        if fmt == "acled-csv":
            from conflictkg.ingest.extract.acled_out import acled_csv
            data = _run(acled_csv, rows)
            (output / "candidates.csv").write_bytes(data) if output else sys.stdout.buffer.write(data)
        click.echo(f"Extracted {len(files) - len(failed)} of {len(files)} articles in "
                   f"{time.perf_counter() - t0:.1f} s", err=True)
        for msg in failed:
            click.echo(f"  skipped: {msg}", err=True)
        if failed:
            sys.exit(2)
        return
    t0 = time.perf_counter()
    ex = _run(extract_file, article, published=published, outlet=outlet, lexicon=lex)
    text = ex.yaml()
    _run(check, ex, None, text)
    if ex.encoding != "utf-8":
        click.echo(f"{article}: read as Windows-1256; offsets count in the decoded text, "
                   f"which ingest reads the same way (or convert it: iconv -f WINDOWS-1256 -t UTF-8)", err=True)
    if fmt == "acled-csv":
        from conflictkg.ingest.extract.acled_out import acled_csv
        data = _run(acled_csv, [ex])
    else:
        data = text.encode("utf-8")
    if output:
        output.write_bytes(data)
        click.echo(f"Wrote {len(ex.facts['events'])} candidate events, {len(ex.facts.get('tallies', []))} tallies "
                   f"and {len(ex.facts['mentions'])} mentions to {output} in {time.perf_counter() - t0:.2f} s",
                   err=True)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@click.argument("facts", type=click.Path(path_type=Path))
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date, when there is no ARTICLE.meta.yaml.")
@click.option("--outlet", metavar="NAME", help="The outlet (actor id or name), when there is no ARTICLE.meta.yaml.")
@click.option("--seeds", type=click.Path(exists=True, file_okay=False, path_type=Path), default=SEEDS_DIR,
              show_default=True, help="Seeds folder with the actor and place registries.")
@click.pass_context
def ingest(ctx, facts, article, published, outlet, seeds):
    """Check a fact file against its article and add it to the store, in one named graph per article.

    Every quote must be found in the article and the RDF must pass SHACL before anything is written;
    a failed ingest leaves the store unchanged. Ingesting the same facts twice adds nothing; changed
    facts replace the article's graph (https://w3id.org/conflictkg/graph/article/ID). Ingested graphs
    survive 'conflictkg build'. Exit codes: 0 ingested, 1 the facts do not conform, 2 unreadable input.

    Example:

        conflictkg ingest article.facts.yaml article.txt --published 2021-11-14
    """
    from conflictkg.curation.ingest import ingest as run_ingest

    r = _run(run_ingest, facts, article, _store(ctx), published=published, outlet=outlet, seeds=seeds)
    if r.changed:
        click.echo(f"Ingested {r.events} events and {r.tallies} tallies of {r.article} ({r.triples} triples) "
                   f"into {r.graph}; generation {r.generation}")
    else:
        click.echo(f"Nothing new: {r.graph} already holds these {r.triples} triples; generation {r.generation}")


@main.command()
@click.option("--seeds", type=click.Path(exists=True, file_okay=False, path_type=Path), default=SEEDS_DIR,
              show_default=True, help="Seeds folder: articles and their curated facts.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("docs/extraction.md"), show_default=True, help="Where to write the report.")
@click.option("--no-timing", is_flag=True, help="Skip the speed measurement (a 1 MB article, about 10 s).")
def evaluate(seeds, output, no_timing):
    """Score 'conflictkg extract' against the curated facts of the seed articles.

    Precision, recall and F1 per field (event type, perpetrator, target, place, date, killed) and for
    whole events (type, place and killed count must agree), with the whole lexicon and leaving each
    article out (lexicon entries learned only from the held-out article removed). Writes the tables to
    --output.

    Example:

        conflictkg evaluate -o docs/extraction.md
    """
    from conflictkg.ingest.extract.evaluate import FIELDS, evaluate as run_evaluate

    all_, loo, _ = _run(run_evaluate, seeds, output, timing=not no_timing)
    click.echo(f"{'field':14} {'P':>5} {'R':>5} {'F1':>5}   {'LOO P':>5} {'R':>5} {'F1':>5}")
    for f in FIELDS:
        a, b = all_.fields[f], loo.fields[f]
        click.echo(f"{f:14} {a.p:5.2f} {a.r:5.2f} {a.f1:5.2f}   {b.p:5.2f} {b.r:5.2f} {b.f1:5.2f}")
    a, b = all_.events, loo.events
    click.echo(f"{'whole events':14} {a.p:5.2f} {a.r:5.2f} {a.f1:5.2f}   {b.p:5.2f} {b.r:5.2f} {b.f1:5.2f}")
    click.echo(f"Report written to {output}", err=True)
