"""Commands on the graph itself: build, validate, stats, reason, quality."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from conflictkg.core.errors import ConflictKGError

from .options import call, seeds_option, store_of


@click.command()
@seeds_option("Seeds folder: articles, registries, fact files.")
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

    result = call(run_build, seeds, store_of(ctx).path, progress=lambda m: click.echo(f"… {m}", err=True))
    m = result.manifest
    click.echo(f"Built {m['fact_triples']} fact triples (+{m['ontology_triples']} ontology) from "
               f"{m['articles']} articles in {result.seconds:.2f} s → {result.store}")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@seeds_option("Seeds folder used to check fact files.")
@click.option("--shapes", type=click.Path(path_type=Path), default=None,
              help="Validate one RDF data file against this shapes file instead of the project's shapes.")
@click.option("--engine", type=click.Choice(["pyshacl", "fast"]), default="pyshacl", show_default=True,
              help="With --shapes: pySHACL, or the compiled engine (refuses, naming it, what it cannot check).")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --shapes: write the sh:ValidationReport to this Turtle file.")
@click.option("--article", type=click.Path(path_type=Path), default=None,
              help="The article of a fact file that is not a seed's (as 'conflictkg ingest' checks it).")
@click.option("--published", metavar="YYYY-MM-DD", help="With --article: publication date, when there is no "
              "ARTICLE.meta.yaml.")
@click.option("--outlet", metavar="NAME", help="With --article: the outlet, when there is no ARTICLE.meta.yaml.")
def validate(files, seeds, shapes, engine, report_file, article, published, outlet):
    """Validate Turtle/N-Triples/JSON-LD files or fact files, without touching the store.

    Without --shapes, each file is checked against the project's shapes (fact files as the build would).
    With --shapes, one data file is validated against that shapes file alone, with either engine; any
    result, whatever its severity, means the data does not conform. With --article, one fact file of any
    article (an extracted one, say) is checked against that article as 'conflictkg ingest' would.

    Exit codes: 0 conforms, 1 violations, 2 unreadable input (with the line of a syntax error) or, with
    --engine fast, a SHACL feature the engine does not implement (named).

    Example:

    \b
        conflictkg validate seeds/facts/003_117490c947766292.yaml export.ttl
        conflictkg validate article.facts.yaml --article article.txt --published 2021-11-14
        conflictkg validate --shapes shapes.ttl --engine fast --report report.ttl data.ttl
    """
    if shapes is not None:
        _validate_with(files, shapes, engine, report_file)
    if report_file is not None:
        raise click.UsageError("--report needs --shapes")
    from conflictkg.curation.check import check_article_facts, check_file

    if article is not None and len(files) != 1:
        raise click.UsageError("--article checks one fact file")
    if article is None and (published or outlet):
        raise click.UsageError("--published and --outlet go with --article")
    worst = 0
    for path in files:
        try:
            report = check_file(path, seeds) if article is None else \
                check_article_facts(path, article, published=published, outlet=outlet, seeds=seeds)
        except ConflictKGError as e:
            click.echo(f"{path}: {e}" if not getattr(e, "file", None) else str(e), err=True)
            worst = max(worst, e.exit_code)
            continue
        click.echo(f"{path}: {report.text()}")
        worst = max(worst, 0 if report.conforms else 1)
    sys.exit(worst)


def _validate_with(files, shapes: Path, engine: str, report_file: Path | None):
    from conflictkg.model.shacl import files as shacl_files

    if len(files) != 1:
        raise click.UsageError("--shapes validates one data file")
    try:
        report, shapes_graph = shacl_files.check(files[0], shapes, engine)
    except ConflictKGError as e:
        click.echo(f"{files[0]}: refused: {e}" if not getattr(e, "file", None) else f"refused: {e}", err=True)
        sys.exit(e.exit_code)
    if report_file is not None:
        shacl_files.write_report(report, shapes_graph, report_file)
    click.echo(f"{files[0]}: {shacl_files.text(report)}")
    sys.exit(1 if report.results else 0)


@click.command()
@click.option("--classes", is_flag=True, help="Also list the count of every class.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.pass_context
def stats(ctx, classes, as_json):
    """Count the events, tallies, actors and places in the store, per article and per class.

    Example:

        conflictkg stats --classes
    """
    from conflictkg.ask import stats as st

    store = store_of(ctx)
    totals = call(st.totals, store)
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


@click.command()
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
    from conflictkg.model.reason import reason as run_reason
    from conflictkg.share.exports import store_graph

    data = None if ontology_only else call(store_graph, store_of(ctx), ontology=False)
    result = call(run_reason, data)
    click.echo(f"Consistent: HermiT checked {result.individuals} individuals and inferred "
               f"{len(result.inferred)} rdf:type triples.")
    if output:
        result.inferred.serialize(output, format="turtle", encoding="utf-8")
        click.echo(f"Inferred types written to {output}")


@click.command()
def quality():
    """Run the ontology quality checks (queries/quality/*.rq); exit 1 if any check has failures.

    Example:

        conflictkg quality
    """
    from conflictkg.model import quality as q

    results = call(q.run)
    bad = 0
    for name, rows in results.items():
        click.echo(f"{'FAIL' if rows else 'ok  '} {name}" + (f" ({len(rows)})" if rows else ""))
        for row in rows:
            click.echo("     " + " | ".join(row))
        bad += len(rows)
    sys.exit(1 if bad else 0)
