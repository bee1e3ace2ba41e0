"""`conflictkg evaluate --gold DIR --articles DIR`: extract each gold article (with the `published` and
`outlet` of its gold header), take the rows `extract --format acled-csv` would write, and score them
(goldscore.py). A DIR with `dev/`, `test/` or `holdout/` folders is scored half by half, in that order.

The ACLED rows are made by the export's writer (conflictkg.share), which this layer may not import: the
caller passes `rows_of`, a function from extractions to row dicts (the CLI passes the export's).
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable

from conflictkg.core import dates
from conflictkg.core.arabic import match_key

from .evaluate import PRF, Scores
from .gold import GoldArticle, gold_files, governorate_key, place_key, read_gold
from .goldscore import FIELDS, FP_CATEGORIES, MISS_REASONS, Half, Pred
from .lexicon import Lexicon
from .pipeline import Extraction, extract

RowsOf = Callable[[list[Extraction]], list[dict]]
IRI_TAG = "conflictkg: "


HALVES = ("dev", "test", "holdout")


def halves(gold: Path) -> dict[str, Path]:
    """{"dev": …, "test": …, "holdout": …} for the halves the folder has (in that order), else {its name: the
    folder}."""
    gold = Path(gold)
    parts = {h: gold / h for h in HALVES if (gold / h).is_dir()}
    return parts or {gold.name: gold}


def _record_of(row: dict) -> tuple[str, str] | None:
    """(article id, event id) of a row, from its `conflictkg: IRI` tag (…/id/fact/ARTICLE/ID)."""
    for tag in (row.get("tags") or "").split("; "):
        if tag.startswith(IRI_TAG):
            parts = tag[len(IRI_TAG):].rstrip("/").split("/")
            return parts[-2], parts[-1]
    return None


def _killed(rec: dict) -> int | None:
    ks = [c for c in rec.get("counts") or [] if c.get("kind") == "killed"]
    ns = [c.get("n", c.get("min")) for c in ks if c.get("n", c.get("min")) is not None]
    return sum(ns) if ns else None


def predictions(ex: Extraction, rows: Iterable[dict], lex: Lexicon) -> list[Pred]:
    """The article's rows as Preds, in the order of their evidence, with every mention of their event."""
    by_id = {r["id"]: r for r in ex.facts["events"]}
    actor_id = {a["en"]: aid for aid, a in lex.actors.items()}
    place_ar = {}
    for p in lex.places.values():
        place_ar.setdefault(p["en"], set()).update(match_key(n) for n in [p["ar"], *(p.get("variants") or [])])
    out = []
    for row in rows:
        key = _record_of(row)
        if key is None or key[0] != ex.article_id or key[1] not in by_id:
            continue
        rec = by_id[key[1]]
        d = dates.parse(rec["date"]) if rec.get("date") else None
        spans = ex.mentions_of.get(rec["id"]) or [(rec["start"], rec["end"])]
        out.append(Pred(rec["id"], row["event_type"], row.get("sub_event_type") or None,
                        actor_id.get(row.get("actor1") or ""), actor_id.get(row.get("actor2") or ""),
                        d.earliest if d else None, d.latest if d else None,
                        governorate_key(row.get("admin1")), place_key(row.get("location")),
                        tuple(sorted(place_ar.get(row.get("location") or "", ()))), _killed(rec), spans,
                        ex.scores.get(rec["id"])))
    return sorted(out, key=lambda p: (p.spans[0], p.id))


def score_half(folder: Path, articles: Path, rows_of: RowsOf, lex: Lexicon) -> Half:
    golds: list[GoldArticle] = []
    exs: list[Extraction] = []
    for path in gold_files(folder):
        g, text = read_gold(path, articles)
        golds.append(g)
        exs.append(extract(text, published=g.published, outlet=g.outlet, article=g.stem, lexicon=lex))
    rows = rows_of(exs) if exs else []
    half = Half()
    for g, ex in zip(golds, exs):
        half.add(g, predictions(ex, rows, lex))
    scored = sum(n for _, n, _ in half.per_article.values())
    if scored != len(rows):  # a row the scorer cannot trace back would be dropped without a word
        raise RuntimeError(f"{len(rows) - scored} of {len(rows)} ACLED rows name no candidate event of these "
                           f"articles (their tags lack '{IRI_TAG}IRI'): the row layout changed")
    return half


def score_gold(gold: Path, articles: Path, rows_of: RowsOf, lex: Lexicon | None = None) -> dict[str, Half]:
    """The scores of each half of `gold` (see halves)."""
    lex = lex or Lexicon.load()
    return {name: score_half(folder, articles, rows_of, lex) for name, folder in halves(gold).items()}


def _prf(x: PRF) -> dict:
    return {"tp": x.tp, "fp": x.fp, "fn": x.fn, "p": round(x.p, 3), "r": round(x.r, 3), "f1": round(x.f1, 3)}


def as_json(results: dict[str, Half], loo: Scores | None, seconds: float | None = None) -> dict:
    out: dict = {"halves": {}}
    for name, h in results.items():
        out["halves"][name] = {
            "whole_events_acled": _prf(h.acled), "whole_events_seeds_way": _prf(h.seedway),
            "fields": {f: _prf(h.fields[f]) for f in FIELDS},
            "false_positives": dict(sorted(h.false_positives.items())),
            "misses_by_type": dict(sorted(h.misses_by_type.items())),
            "misses_by_reason": dict(sorted(h.misses_by_reason.items())),
            "articles": {a: {"gold": g, "rows": r, "matched": m} for a, (g, r, m) in h.per_article.items()}}
    if loo is not None:
        out["seed_leave_one_out"] = {"whole_events": _prf(loo.events),
                                     "fields": {f: _prf(p) for f, p in loo.fields.items()}}
    if seconds is not None:
        out["seconds"] = round(seconds, 1)
    return out


def _fp_rows(h: Half) -> list[str]:
    rows = []
    for cat in FP_CATEGORIES:
        if cat == "not an event":
            kinds = {k: n for k, n in sorted(h.false_positives.items()) if k.startswith("not an event")}
            rows.append(f"| not an event (overlaps a skipped span) | {sum(kinds.values())} |")
            rows += [f"| &nbsp;&nbsp;{k[len('not an event: '):]} | {n} |" for k, n in kinds.items()]
        else:
            rows.append(f"| {cat}{' (same incident as a matched event)' if cat == 'duplicate row' else ''} | "
                        f"{h.false_positives.get(cat, 0)} |")
    return rows


def as_table(results: dict[str, Half], loo: Scores | None) -> str:
    """The scores as Markdown tables: per half, whole events, fields and the error table."""
    out = []
    for name, h in results.items():
        n_gold = sum(g for g, _, _ in h.per_article.values())
        n_rows = sum(r for _, r, _ in h.per_article.values())
        out += [f"### {name}: {len(h.per_article)} articles, {n_gold} gold events, {n_rows} predicted rows", "",
                "| score | P | R | F1 | matched | rows | gold |", "|---|---|---|---|---|---|---|"]
        for label, x in (("whole events, ACLED's way", h.acled), ("whole events, seeds' way", h.seedway)):
            out.append(f"| **{label}** | {x.p:.2f} | {x.r:.2f} | **{x.f1:.2f}** | {x.tp} | {x.tp + x.fp} | {x.tp + x.fn} |")
        for f in FIELDS:
            x = h.fields[f]
            out.append(f"| {f} | {x.p:.2f} | {x.r:.2f} | {x.f1:.2f} | {x.tp} | {x.tp + x.fp} | {x.tp + x.fn} |")
        out += ["", "| false positive (unmatched row) | rows |", "|---|---|", *_fp_rows(h), "",
                "| missed gold event | events |", "|---|---|"]
        out += [f"| by reason: {r} | {h.misses_by_reason.get(r, 0)} |" for r in MISS_REASONS]
        out += [f"| by type: {t} | {n} |" for t, n in sorted(h.misses_by_type.items())]
        out.append("")
    if loo is not None:
        e = loo.events
        out.append(f"Seed leave-one-out, whole events: P {e.p:.2f}, R {e.r:.2f}, **F1 {e.f1:.2f}** "
                   f"({e.tp} matched of {e.tp + e.fp} extracted and {e.tp + e.fn} curated).")
    return "\n".join(out) + "\n"


def run(gold: Path, articles: Path, rows_of: RowsOf, *, seeds_loo: bool = True) -> tuple[dict[str, Half], Scores | None, float]:
    """Score against the gold (each half) and, with seeds_loo, the seed leave-one-out; and the seconds taken."""
    from .evaluate import score

    t0 = time.perf_counter()
    results = score_gold(gold, articles, rows_of)
    loo = score(loo=True) if seeds_loo else None
    return results, loo, time.perf_counter() - t0
