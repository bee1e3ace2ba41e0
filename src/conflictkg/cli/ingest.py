"""Commands that bring data in: import, extract, ingest, evaluate."""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import click

from conflictkg.ingest.imports.registry import DATASETS

from .options import call, seeds_option, store_of


@click.command("import")
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
    from conflictkg.ingest.imports.run import import_file

    if on_error == "skip" and rejected is None:
        rejected = file.with_name(file.name + ".rejected.csv")
    t0 = time.perf_counter()
    with click.progressbar(length=max(1, file.stat().st_size if file.is_file() else 1), label=f"importing {file.name}",
                           file=sys.stderr, item_show_func=lambda r: r) as bar:
        def progress(result, done, total):
            rate = result.rows / max(time.perf_counter() - t0, 1e-9)
            bar.update(done - bar.pos, f"{result.rows:,} rows · {rate:,.0f} rows/s")
        result = call(import_file, file, dataset, store_of(ctx), batch_size=batch_size, on_error=on_error,
                      rejected_path=rejected, progress=progress)
    if result.imported and result.unchanged == result.imported:
        click.echo(f"Nothing new: the {result.imported:,} rows read are in {result.graph} already, as the file gives "
                   f"them; the store is unchanged ({result.seconds:.1f} s).")
    else:
        unchanged = f", {result.unchanged:,} of them unchanged" if result.unchanged else ""
        click.echo(f"Imported {result.imported:,} of {result.rows:,} rows{unchanged} ({result.triples:,} triples "
                   f"written, {result.batches} batches) into {result.graph} in {result.seconds:.1f} s "
                   f"({result.rows / max(result.seconds, 1e-9):,.0f} rows/s).")
    click.echo(f"{result.duplicates:,} possible duplicate pair(s) across sources: conflictkg query cross-source-events")
    if result.rejected:
        click.echo(f"Left out {len(result.rejected):,} bad row(s), listed with the reason in {result.rejected_file}:",
                   err=True)
        for r in result.rejected[:5]:
            click.echo(f"  {r}", err=True)


@click.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date (YYYY-MM-DD, YYYY-MM or YYYY): resolves "
              "weekdays and أمس / الشهر الماضي.")
@click.option("--outlet", metavar="NAME", help="The outlet: an actor id or name of seeds/actors.yaml.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Fact file to write (a folder when ARTICLE is a folder; default: stdout, or NAME.facts.yaml "
                   "beside each article of a folder).")
@click.option("--format", "fmt", type=click.Choice(["yaml", "acled-csv"]), default="yaml", show_default=True)
@click.option("--sort", "order", type=click.Choice(["text", "score"]), default="text", show_default=True,
              help="List the events in the order of the text, or by their score (how sure the extractor is, "
                   "highest first; docs/extraction.md).")
def extract(article, published, outlet, output, fmt, order):
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
    from conflictkg.ingest.extract.lexicon import Lexicon

    lex = call(Lexicon.load)
    kw = dict(published=published, outlet=outlet, lexicon=lex, by_score=order == "score")
    if article.is_dir():
        _extract_folder(article, kw, output, fmt)
    else:
        _extract_one(article, kw, output, fmt)


def _candidates_csv(extractions, by_score: bool = False) -> bytes:
    """extract --format acled-csv: the candidates' RDF (ingest) written by the export's ACLED writer (share)."""
    from conflictkg.ingest.extract.batch import candidate_graph, rows_by_score
    from conflictkg.share.exports.acled_csv import candidates_csv

    extractions = list(extractions)
    data = call(lambda: candidates_csv(candidate_graph(extractions), len(extractions)))
    return rows_by_score(data, extractions) if by_score else data


def _extract_folder(folder: Path, kw: dict, output: Path | None, fmt: str):
    from conflictkg.ingest.extract.batch import articles_in, extract_paths

    files = articles_in(folder)
    if not files:
        raise click.ClickException(f"{folder}: no .txt articles in the folder")
    bar = click.progressbar(files, label=f"extracting {len(files)} articles", file=sys.stderr,
                            item_show_func=lambda p: p.name if p else "")
    # the fact files are written as they are checked; candidate rows need every article first
    results = extract_paths(bar, **kw, output=output, write=fmt != "acled-csv")
    t0 = time.perf_counter()
    with bar:
        outcomes = list(results)
    failed = [str(o.error) for o in outcomes if o.error]
    if fmt == "acled-csv":
        data = _candidates_csv((o.extraction for o in outcomes if not o.error), kw["by_score"])
        if output:
            (output / "candidates.csv").write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
    click.echo(f"Extracted {len(files) - len(failed)} of {len(files)} articles in "
               f"{time.perf_counter() - t0:.1f} s", err=True)
    for msg in failed:
        click.echo(f"  skipped: {msg}", err=True)
    if failed:
        sys.exit(2)


def _extract_one(article: Path, kw: dict, output: Path | None, fmt: str):
    from conflictkg.ingest.extract.batch import extract_checked

    t0 = time.perf_counter()
    ex, text = call(extract_checked, article, **kw)
    if ex.encoding != "utf-8":
        click.echo(f"{article}: read as Windows-1256; offsets count in the decoded text, "
                   f"which ingest reads the same way (or convert it: iconv -f WINDOWS-1256 -t UTF-8)", err=True)
    data = _candidates_csv([ex], kw["by_score"]) if fmt == "acled-csv" else text.encode("utf-8")
    if output:
        output.write_bytes(data)
        click.echo(f"Wrote {len(ex.facts['events'])} candidate events, {len(ex.facts.get('tallies', []))} tallies "
                   f"and {len(ex.facts['mentions'])} mentions to {output} in {time.perf_counter() - t0:.2f} s",
                   err=True)
    else:
        sys.stdout.buffer.write(data)


@click.command()
@click.argument("facts", type=click.Path(path_type=Path))
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date, when there is no ARTICLE.meta.yaml.")
@click.option("--outlet", metavar="NAME", help="The outlet (actor id or name), when there is no ARTICLE.meta.yaml.")
@click.option("--dry-run", is_flag=True, help="Check everything and say what would be added; write nothing.")
@click.option("--allow-unreviewed", is_flag=True,
              help="Ingest records that 'conflictkg review' has not accepted (extracted candidates as they are).")
@click.option("--accept-duplicates", is_flag=True,
              help="Ingest events that look like incidents already in the graph as separate incidents.")
@seeds_option("Seeds folder with the actor and place registries.")
@click.pass_context
def ingest(ctx, facts, article, published, outlet, dry_run, allow_unreviewed, accept_duplicates, seeds):
    """Check a reviewed fact file against its article and add it to the store, one named graph per article.

    Every record must have been accepted with 'conflictkg review' (or pass --allow-unreviewed), every
    quote must be found in the article and the RDF must pass SHACL before anything is written; a failed
    ingest leaves the store unchanged. An event that looks like an incident already in the graph (same
    type family, overlapping dates, the same or a nested place, a shared actor, a compatible toll) is
    refused with the same_as link to write instead of counting it twice (or pass --accept-duplicates).
    Ingesting the same facts twice adds nothing; changed facts replace the article's graph
    (https://w3id.org/conflictkg/graph/article/ID). Ingested graphs survive 'conflictkg build'.
    Exit codes: 0 ingested (or, with --dry-run, all checks passed), 1 the facts are refused, 2 unreadable input.

    Example:

    \b
        conflictkg review article.facts.yaml --article article.txt
        conflictkg ingest article.facts.yaml article.txt --published 2021-11-14 --dry-run
    """
    from conflictkg.curation.ingest import ingest as run_ingest

    r = call(run_ingest, facts, article, store_of(ctx), published=published, outlet=outlet, seeds=seeds,
             allow_unreviewed=allow_unreviewed, accept_duplicates=accept_duplicates, dry_run=dry_run)
    if r.dry_run:
        what = (f"would add {r.events} events and {r.tallies} tallies of {r.article} ({r.triples} triples) to "
                f"{r.graph}" if r.changed else f"nothing new: {r.graph} already holds these {r.triples} triples")
        click.echo(f"Dry run, nothing written: {what}.\nSHACL: {r.shacl}")
        for m in r.duplicates:
            click.echo(f"Looks like an incident in the graph: {m.new}: same_as: {m.proposal}   ({m.score:.2f}: "
                       f"{m.basis})")
        sys.exit(1 if r.duplicates else 0)
    for m in r.duplicates:
        click.echo(f"Kept as a separate incident (--accept-duplicates): {m.new}, like {m.proposal}", err=True)
    if r.changed:
        click.echo(f"Ingested {r.events} events and {r.tallies} tallies of {r.article} ({r.triples} triples) "
                   f"into {r.graph}; generation {r.generation}")
    else:
        click.echo(f"Nothing new: {r.graph} already holds these {r.triples} triples; generation {r.generation}")


def _ids(value: str | None) -> set[str]:
    return {v.strip() for v in (value or "").split(",") if v.strip()}


@click.command()
@click.argument("facts", type=click.Path(path_type=Path))
@click.option("--article", "article", required=True, type=click.Path(path_type=Path),
              help="The article the fact file was extracted from (its evidence is shown in it).")
@click.option("--accept-all", is_flag=True, help="Accept every record not reviewed yet.")
@click.option("--accept", "accept", metavar="IDS", help="Accept these records (comma-separated ids: e03,e05).")
@click.option("--reject", "reject", metavar="IDS", help="Reject (drop) these records.")
@click.option("--set", "sets", multiple=True, metavar="ID.FIELD=VALUE",
              help="Edit a field before accepting: e03.date=2021-11-14, e03.killed=13+, e03.places=masrab-badia "
                   "(fields: type, date, places, perpetrator, target, party, killed, statement, summary, certainty, same_as).")
@click.option("--by", default=None, help="Who reviews (default: $USER).")
@click.option("--color/--no-color", default=None, help="Highlight the evidence with ANSI colours (default: on a terminal).")
@seeds_option("Seeds folder with the actor and place registries (ids an edit may name).")
def review(facts, article, accept_all, accept, reject, sets, by, color, seeds):
    """Accept, edit or reject each extracted candidate of a fact file, its evidence highlighted in its sentence.

    Without --accept-all, --accept, --reject or --set it asks about each record not reviewed yet:
    [a]ccept, [e]dit a field, [r]eject, [s]kip or [q]uit. Accepted records get `review: {by, at}`, which
    'conflictkg ingest' asks for; rejected ones are dropped. A record edited with --set must be accepted
    again. The file is rewritten in place atomically
    (a temporary file, then a rename), and only when every decision is valid.
    Exit codes: 0 written, 2 a bad id, field or value.

    Example:

    \b
        conflictkg review article.facts.yaml --article article.txt
        conflictkg review article.facts.yaml --article article.txt --set e04.killed=13 --accept e04,e05 --reject e01
    """
    import getpass

    from conflictkg.curation import review as rv
    from conflictkg.curation.articles import read_article

    data = call(rv.read, facts)
    text, _ = call(read_article, article)
    reg = rv.Registries.load(seeds)
    color = sys.stdout.isatty() if color is None else color
    by = by or getpass.getuser()
    todo = {str(r.get("id")): (s, r) for s, r in rv.records(data) if not r.get("review")}
    acc, rej = _ids(accept), _ids(reject)
    if accept_all:
        acc |= set(todo) - rej
    every = {str(r.get("id")): (s, r) for s, r in rv.records(data)}
    for item in sets:
        m = re.fullmatch(r"([\w-]+)\.(\w+)=(.*)", item, re.S)
        if not m or m[1] not in every:
            raise click.UsageError(f"--set {item}: write ID.FIELD=VALUE with the id of a record of the file")
        try:
            rv.edit(*every[m[1]], m[2], m[3], reg)
        except ValueError as e:
            raise click.UsageError(f"--set {item}: {e}") from None
        every[m[1]][1].pop("review", None)  # an edited record is reviewed again
    if not (accept_all or acc or rej or sets):
        acc, rej = _ask(todo, text, color, reg, rv)
    out = call(rv.apply, data, acc, rej, by=by)
    call(rv.write_atomic, facts, rv.dump(out.data, rv.header(facts, out)))
    click.echo(f"{facts}: {len(out.accepted)} accepted, {len(out.rejected)} rejected, {len(out.left)} left to review"
               + (f" ({', '.join(out.left)})" if out.left else ""))
    for link in out.unlinked:
        click.echo(f"  dropped the link {link}: it named a rejected record", err=True)


def _ask(todo: dict, text: str, color: bool, reg, rv) -> tuple[set[str], set[str]]:
    """The interactive walk: one record at a time, its evidence in its sentence."""
    acc, rej = set(), set()
    for n, (rid, (section, rec)) in enumerate(todo.items(), 1):
        while True:
            ctx = call(rv.context, text, rec)
            click.echo(f"\n[{n}/{len(todo)}] {rid} ({section[:-1] if section != 'tallies' else 'tally'}, "
                       f"offsets {ctx.start}..{ctx.end})")
            click.echo(ctx.ansi() if color else ctx.plain(), color=color)
            for k, v in rv.describe(section, rec):
                click.echo(f"  {k:11} {v}")
            choice = click.prompt("[a]ccept, [e]dit, [r]eject, [s]kip, [q]uit", default="s",
                                  type=click.Choice(list("aersq")), show_choices=False)
            if choice == "e":
                name = click.prompt(f"field ({', '.join(rv.EDITABLE)})")
                value = click.prompt(f"new {name}", default="", show_default=False)
                try:
                    rv.edit(section, rec, name, value, reg)
                except ValueError as e:
                    click.echo(f"  not changed: {e}")
                continue
            break
        if choice == "q":
            break
        if choice == "a":
            acc.add(rid)
        elif choice == "r":
            rej.add(rid)
    return acc, rej


@click.command()
@seeds_option("Seeds folder: articles and their curated facts.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("docs/extraction.md"), show_default=True, help="Where to write the report.")
@click.option("--no-timing", is_flag=True, help="Skip the speed measurement (a 1 MB article, about 10 s).")
@click.option("--gold", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Score against ACLED-style gold files (docs/annotation.md) instead; its dev/, test/ and "
                   "holdout/ halves are scored apart. Prints the tables and writes no report.")
@click.option("--articles", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="With --gold: the folder of the articles the gold files name.")
@click.option("--json", "as_json", is_flag=True, help="With --gold: print the scores as JSON.")
def evaluate(seeds, output, no_timing, gold, articles, as_json):
    """Score 'conflictkg extract' against the curated facts of the seed articles, or against gold files.

    Precision, recall and F1 per field (event type, perpetrator, target, place, date, killed) and for
    whole events (type, place and killed count must agree), with the whole lexicon and leaving each
    article out (lexicon entries learned only from the held-out article removed). Writes the tables to
    --output. With --gold, the rows of 'extract --format acled-csv' are scored ACLED's way (type, and
    governorate or location, and the toll in range), the seeds' way (and the evidence overlaps), per field,
    with a table of errors by category; the seed leave-one-out is printed too.

    Example:

        conflictkg evaluate -o docs/extraction.md
        conflictkg evaluate --gold gold/ant-2018 --articles ../shared/corpus/ant-2018 --json
    """
    if gold is not None:
        _evaluate_gold(gold, articles, as_json)
        return
    from conflictkg.ingest.extract.evaluate import FIELDS
    from conflictkg.ingest.extract.evaluate import evaluate as run_evaluate

    all_, loo, _ = call(run_evaluate, seeds, output, timing=not no_timing)
    click.echo(f"{'field':14} {'P':>5} {'R':>5} {'F1':>5}   {'LOO P':>5} {'R':>5} {'F1':>5}")
    for f in FIELDS:
        a, b = all_.fields[f], loo.fields[f]
        click.echo(f"{f:14} {a.p:5.2f} {a.r:5.2f} {a.f1:5.2f}   {b.p:5.2f} {b.r:5.2f} {b.f1:5.2f}")
    a, b = all_.events, loo.events
    click.echo(f"{'whole events':14} {a.p:5.2f} {a.r:5.2f} {a.f1:5.2f}   {b.p:5.2f} {b.r:5.2f} {b.f1:5.2f}")
    click.echo(f"Report written to {output}", err=True)


def _candidate_rows(extractions) -> list[dict]:
    """The rows 'extract --format acled-csv' writes for these extractions, as dicts."""
    import csv
    import io

    return list(csv.DictReader(io.StringIO(_candidates_csv(extractions).decode("utf-8"))))


def _evaluate_gold(gold: Path, articles: Path | None, as_json: bool):
    import json

    from conflictkg.ingest.extract import goldeval

    if articles is None:
        raise click.UsageError("--gold needs --articles, the folder of the articles the gold files name")
    results, loo, seconds = call(goldeval.run, gold, articles, _candidate_rows)
    if as_json:
        click.echo(json.dumps(goldeval.as_json(results, loo, seconds), ensure_ascii=False, indent=1))
    else:
        click.echo(goldeval.as_table(results, loo))
        click.echo(f"Scored in {seconds:.1f} s", err=True)
