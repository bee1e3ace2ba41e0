"""Train the eventhood score (conflictkg.ingest.extract.classifier) on ACLED-style gold, and measure it.

Every evidence span of a gold event is a positive example, every skipped span a negative one. The model is
a logistic regression (scikit-learn, the `train` extra) on the classifier's features; it is written as JSON
(weights rounded, keys sorted), so the same gold gives a byte-identical file.

    python tools/train_eventhood.py --articles ../shared/corpus/ant-2018 gold/ant-2018/dev \
        -o src/conflictkg/resources/lexicon/eventhood-model.json

With --cv, the dev figure is measured out of sample: the articles are split into 5 folds (by sorted name,
i % 5); for each fold a model is trained on the spans of the other folds, its threshold chosen by an inner
5-fold split of those same articles, and applied to the fold's ACLED rows (extracted by rules alone); the
rows of all folds are then scored together against the gold, ACLED's way, next to rules alone. The shipped
threshold is the one that gives the best whole-event F1 on the out-of-fold scores of every dev row.
The model's `sort` is on (extraction sorts events by the mean of their hand-set points and its score) only when,
out of fold, that mean sorts the matched rows above the others better than the points alone (`sorting_auc`);
with neither `sort` nor `filter` on, extraction does not apply it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from conflictkg.ingest.extract import classifier
from conflictkg.ingest.extract.eventhood import decide
from conflictkg.ingest.extract.gold import gold_files, read_gold
from conflictkg.ingest.extract.goldscore import Half
from conflictkg.ingest.extract.timex import Published

C = [1.0]   # the inverse strength of the L2 penalty (set by --c)
FOLDS = 5
GRID = [round(0.05 * i, 2) for i in range(0, 20)]   # 0.0: keep every row
MIN_COUNT = 2


def load(folder: Path, articles: Path) -> list[tuple]:
    """(gold article, text, examples) of each gold file; an example is (features, label, start, end)."""
    out = []
    for path in gold_files(folder):
        g, text = read_gold(path, articles)
        pub = Published.parse(g.published)
        spans = [(s.start, s.end, 1) for ev in g.events for s in ev.evidence]
        spans += [(s.span.start, s.span.end, 0) for s in g.skipped]
        exs = [(classifier.features(text, s, e, decide(text, s, e, pub).kind), y, s, e) for s, e, y in sorted(spans)]
        out.append((g, text, exs))
    return out


def fit(examples: list[tuple]) -> tuple[dict[str, float], float]:
    """Weights (feature: weight, rounded) and bias of a logistic regression on the examples."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for feats, *_ in examples:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    rows, cols = [], []
    for r, (feats, *_) in enumerate(examples):
        for f in feats:
            if f in vocab:
                rows.append(r)
                cols.append(vocab[f])
    x = csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(examples), len(vocab)))
    y = [ex[1] for ex in examples]
    lr = LogisticRegression(C=C[0], solver="lbfgs", max_iter=2000, class_weight="balanced").fit(x, y)
    w = {f: round(float(lr.coef_[0][i]), 4) for f, i in vocab.items()}
    return {f: v for f, v in w.items() if v}, round(float(lr.intercept_[0]), 4)


def model_of(examples: list[tuple], threshold: float = 0.5) -> classifier.Model:
    w, b = fit(examples)
    return classifier.Model(w, b, threshold, False, {})


def rows_by_article(data: list[tuple], articles: Path) -> list[list[tuple]]:
    """For each gold article, its ACLED rows by rules alone, as (Pred, features)."""
    import csv
    import io

    from conflictkg.ingest.extract.batch import candidate_graph
    from conflictkg.ingest.extract.goldeval import predictions
    from conflictkg.ingest.extract.lexicon import Lexicon
    from conflictkg.ingest.extract.pipeline import extract
    from conflictkg.share.exports.acled_csv import candidates_csv

    lex = Lexicon.load()
    with classifier.off():
        exs = [extract(text, published=g.published, outlet=g.outlet, article=g.stem, lexicon=lex) for g, text, _ in data]
    rows = list(csv.DictReader(io.StringIO(candidates_csv(candidate_graph(exs), len(exs)).decode("utf-8"))))
    out = []
    for ex in exs:
        by_id = {r["id"]: r for r in ex.facts["events"]}
        out.append([(p, classifier.features(ex.text, by_id[p.id]["start"], by_id[p.id]["end"], "event", by_id[p.id],
                                            len(ex.mentions_of.get(p.id) or [1])))
                    for p in predictions(ex, rows, lex)])
    return out


def with_rows(data, rows, use: str) -> list[tuple]:
    """The articles with their training examples: gold spans ("spans"; only those the rules call an event with
    "hard"), the article's own rows by rules alone labelled by the gold ("rows": 1 when the row's evidence
    overlaps a gold event's, else 0), or both."""
    from conflictkg.ingest.extract.goldscore import overlap

    out = []
    for (g, text, exs), rs in zip(data, rows):
        own = [(f, int(any(overlap(p, ev) for ev in g.events)), p.spans[0][0], p.spans[0][1]) for p, f in rs]
        spans = [ex for ex in exs if use != "hard" or "kind=event" in ex[0]]
        out.append((g, text, (spans if use != "rows" else []) + (own if use in ("rows", "both") else [])))
    return out


def scored(data, rows, keep) -> Half:
    """The gold scores of the rows `keep(article index, row index)` keeps."""
    half = Half()
    for a, (g, _, _) in enumerate(data):
        half.add(g, [p for r, (p, _) in enumerate(rows[a]) if keep(a, r)])
    return half


def oof(data, rows, arts: list[int]) -> dict[tuple[int, int], float]:
    """Out-of-fold scores of the rows of articles `arts`: each fold's rows scored by a model of the others."""
    out = {}
    for k in range(FOLDS):
        test = [a for i, a in enumerate(arts) if i % FOLDS == k]
        train = [ex for i, a in enumerate(arts) if i % FOLDS != k for ex in data[a][2]]
        m = model_of(train)
        out.update({(a, r): m.score(f) for a in test for r, (_, f) in enumerate(rows[a])})
    return out


def best_threshold(data, rows, arts: list[int], scores: dict) -> float:
    """The threshold of GRID with the best whole-event F1 on the articles `arts` (the lowest of ties)."""
    sub = [data[a] for a in arts]
    sub_rows = [rows[a] for a in arts]
    def f1(t):
        return scored(sub, sub_rows, lambda i, r: scores[(arts[i], r)] >= t).acled.f1
    return max(GRID, key=lambda t: (round(f1(t), 6), -t))


def cross_validate(data, rows) -> dict:
    """Rules alone and rules + classifier under the same article folds (threshold chosen inside each fold)."""
    arts = list(range(len(data)))
    keep: dict[tuple[int, int], bool] = {}
    thresholds = []
    for k in range(FOLDS):
        test = [a for a in arts if a % FOLDS == k]
        train = [a for a in arts if a % FOLDS != k]
        t = best_threshold(data, rows, train, oof(data, rows, train))
        thresholds.append(t)
        m = model_of([ex for a in train for ex in data[a][2]])
        keep.update({(a, r): m.score(f) >= t for a in test for r, (_, f) in enumerate(rows[a])})
    rules = scored(data, rows, lambda a, r: True)
    both = scored(data, rows, lambda a, r: keep[(a, r)])
    return {"thresholds": thresholds, "rules": rules, "classifier": both,
            "dropped": sum(not v for v in keep.values()), "rows": len(keep)}


def auc(pairs: list[tuple[float, int]]) -> float:
    """The chance that a positive is scored above a negative (ties count half)."""
    pos = [s for s, y in pairs if y]
    neg = [s for s, y in pairs if not y]
    if not pos or not neg:
        return float("nan")
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def sorting(data, rows, scores: dict) -> dict:
    """How well each score sorts the rows (rules alone): the AUC of matched rows (ACLED's way) over the others,
    and of real-event rows (their evidence overlaps a gold event's) over not-event rows, for the hand-set
    confidence score, the out-of-fold eventhood score and their mean."""
    from conflictkg.ingest.extract.goldscore import acled_match, one_to_one, overlap

    out = {}
    for name, get in (("confidence", lambda a, r, p: p.score or 0.0), ("eventhood", lambda a, r, p: scores[(a, r)]),
                      ("mean of both", lambda a, r, p: ((p.score or 0.0) + scores[(a, r)]) / 2)):
        m, e = [], []
        for a, (g, _, _) in enumerate(data):
            preds = [p for p, _ in rows[a]]
            hit = {i for i, _ in one_to_one(preds, g.events, acled_match)}
            for r, p in enumerate(preds):
                m.append((get(a, r, p), r in hit))
                e.append((get(a, r, p), any(overlap(p, ev) for ev in g.events)))
        out[name] = (round(auc(m), 3), round(auc(e), 3))
    return out


def digest(folder: Path) -> tuple[str, int]:
    """The sha256 and count of the gold spans of the folder's gold files, from the gold files alone (file name,
    start, end, label and quote of each, in order): what the model's `trained_on` records, so a check without
    the corpus can tell which gold a model was trained on."""
    import yaml

    h, n = hashlib.sha256(), 0
    for path in gold_files(folder):
        g = yaml.safe_load(path.read_text(encoding="utf-8"))
        spans = [(e["start"], e["end"], 1, e["quote"]) for ev in g.get("events") or [] for e in ev["evidence"]]
        spans += [(x["start"], x["end"], 0, x["quote"]) for x in g.get("skipped") or []]
        for s, e, y, q in sorted(spans):
            h.update(f"{path.name}\t{s}\t{e}\t{y}\t{q}\n".encode("utf-8"))
            n += 1
    return h.hexdigest(), n


def free_rows(folder: Path, model: classifier.Model) -> list[tuple]:
    """(eventhood score, article, event id, type, sentence) of every ACLED row of the folder's articles
    (extracted with the date of their file name, YYYYMMDD at its end), lowest score first."""
    import csv
    import io
    import re

    from conflictkg.ingest.extract.batch import articles_in, candidate_graph
    from conflictkg.ingest.extract.eventhood import sentence_of
    from conflictkg.ingest.extract.goldeval import predictions
    from conflictkg.ingest.extract.lexicon import Lexicon
    from conflictkg.ingest.extract.pipeline import extract_file
    from conflictkg.share.exports.acled_csv import candidates_csv

    lex = Lexicon.load()
    exs = []
    with classifier.off():
        for path in articles_in(folder):
            m = re.search(r"(\d{4})(\d\d)(\d\d)$", path.stem)
            exs.append(extract_file(path, published=f"{m[1]}-{m[2]}-{m[3]}" if m else None, lexicon=lex))
    rows = list(csv.DictReader(io.StringIO(candidates_csv(candidate_graph(exs), len(exs)).decode("utf-8"))))
    out = []
    for ex in exs:
        by_id = {r["id"]: r for r in ex.facts["events"]}
        for p in predictions(ex, rows, lex):
            rec = by_id[p.id]
            f = classifier.features(ex.text, rec["start"], rec["end"], "event", rec, len(ex.mentions_of.get(p.id) or [1]))
            lo, hi = sentence_of(ex.text, rec["start"], rec["end"])
            out.append((round(model.score(f), 3), ex.article_id, p.id, p.event_type, ex.text[lo:hi].strip()))
    return sorted(out)


def _line(name: str, h: Half) -> str:
    x = h.acled
    return f"| {name} | {x.p:.2f} | {x.r:.2f} | {x.f1:.2f} | {x.tp} | {x.tp + x.fp} | {x.tp + x.fn} |"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, help="the corpus folder the gold files name (needed with GOLD)")
    ap.add_argument("-o", "--output", type=Path, help="write the model JSON here")
    ap.add_argument("--cv", action="store_true", help="print the cross-validated dev figures")
    ap.add_argument("--filter", action="store_true", help="the model drops the events scored below its threshold")
    ap.add_argument("--examples", choices=("spans", "hard", "rows", "both"), default="both",
                    help="what the model is trained on (see with_rows)")
    ap.add_argument("--free", type=Path, help="a folder of articles in no gold half: print the shipped model's "
                    "score of their rows, how many fall below its threshold, and the --show lowest with their sentence")
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("gold", type=Path, nargs="?")
    ap.add_argument("--c", type=float, default=1.0, help="the inverse strength of the L2 penalty")
    a = ap.parse_args(argv)
    C[0] = a.c
    if a.free:
        m = classifier.Model.load()
        rows = free_rows(a.free, m)
        below = [r for r in rows if r[0] < m.threshold]
        print(f"{len(rows)} rows; {len(below)} scored below the threshold {m.threshold}; "
              f"{sum(r[0] < 0.5 for r in rows)} below 0.5")
        for r in rows[:a.show]:
            print(f"{r[0]:.3f} {r[1]} {r[2]} {r[3]}: {r[4]}")
        return 0
    data = load(a.gold, a.articles)
    examples = [ex for _, _, exs in data for ex in exs]
    threshold = 0.5
    if a.cv or a.output:
        rows = rows_by_article(data, a.articles)
        data = with_rows(data, rows, a.examples)
        examples = [ex for _, _, exs in data for ex in exs]
        out_of_fold = oof(data, rows, list(range(len(data))))
        threshold = best_threshold(data, rows, list(range(len(data))), out_of_fold)
        auc_of = sorting(data, rows, out_of_fold)
    if a.cv:
        cv = cross_validate(data, rows)
        print(f"{len(data)} articles, {len(examples)} spans; {FOLDS} folds by article; thresholds {cv['thresholds']}")
        print("| dev, cross-validated | P | R | F1 | matched | rows | gold |\n|---|---|---|---|---|---|---|")
        print(_line("rules alone", cv["rules"]))
        print(_line("rules + classifier", cv["classifier"]))
        print("AUC (matched rows, real-event rows):", auc_of)
        print(f"rows dropped: {cv['dropped']} of {cv['rows']}; not-event rows left: "
              f"{sorted(cv['classifier'].false_positives.items())}; before: {sorted(cv['rules'].false_positives.items())}")
    if a.output:
        w, b = fit(examples)
        out = {"about": "eventhood score of a clause (conflictkg.ingest.extract.classifier), written by "
                        "tools/train_eventhood.py", "bias": b, "filter": a.filter, "grams": list(classifier.GRAMS),
               # sorted by the mean of the points and this score only where, out of fold, the mean sorts the
               # matched rows above the others better than the hand-set points alone
               "sort": auc_of["mean of both"][0] > auc_of["confidence"][0], "sorting_auc": auc_of,
               "threshold": threshold, "trained_on": {"articles": len(data), "examples": len(examples),
                                                      "events": sum(ex[1] for ex in examples),
                                                      "not_events": sum(1 - ex[1] for ex in examples),
                                                      "examples_of": a.examples, "c": a.c,
                                                      "gold_spans": digest(a.gold)[1],
                                                      "gold_sha256": digest(a.gold)[0]},
               "weights": w}
        a.output.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {a.output}: {len(w)} weights, threshold {threshold}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
