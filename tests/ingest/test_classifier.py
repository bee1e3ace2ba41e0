"""The trained eventhood score (ingest/extract/classifier.py and tools/train_eventhood.py): the shipped model is
the one trained on the project's dev gold; extraction applies it only as its training decided (as a sort score
where it sorts better out of fold, as a filter where asked), in plain Python, deterministically; a model whose
sort is on joins each candidate's score, and only one whose filter is on drops events."""
import copy
import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from conflictkg.ingest.extract import extract
from conflictkg.ingest.extract.classifier import MODEL_PATH, Model, features
from conflictkg.ingest.extract.eventhood import mark

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "gold" / "ant-2018" / "dev"

spec = importlib.util.spec_from_file_location("train_eventhood", ROOT / "tools" / "train_eventhood.py")
train = importlib.util.module_from_spec(spec)
spec.loader.exec_module(train)

# a sentence of a seed article's kind (see test_confidence): an ambush with its place, date, sides and toll
AMBUSH = "نفذ تنظيم داعش أمس كميناً استهدف قوات النظام قرب السخنة، ما أدى إلى مقتل 5 عناصر."


def quotes(kind: str) -> list[str]:
    """Quotes of the dev gold: the evidence of its events ("event") or its skipped mentions of one kind."""
    out = []
    for path in sorted(DEV.glob("*.yaml")):
        g = yaml.safe_load(path.read_text(encoding="utf-8"))
        if kind == "event":
            out += [e["quote"] for ev in g.get("events") or [] for e in ev["evidence"]]
        else:
            out += [s["quote"] for s in g.get("skipped") or [] if s["kind"] == kind]
    return out


def test_the_shipped_model_is_trained_on_the_dev_gold():
    m = Model.read(MODEL_PATH)
    sha, n = train.digest(DEV)
    assert m.meta["trained_on"]["gold_sha256"] == sha, "the dev gold changed: retrain (tools/train_eventhood.py)"
    assert m.meta["trained_on"]["gold_spans"] == n == len(quotes("event")) + sum(
        len(quotes(k)) for k in ("pattern", "background", "anticipated", "denial", "tally", "statement", "not-syria"))
    assert m.meta["trained_on"]["articles"] == len(list(DEV.glob("*.yaml")))
    assert len(m.weights) > 1000 and 0.0 <= m.threshold <= 1.0
    # cross-validated on dev it did not beat the rules: not a filter
    assert m.filter is False
    # and a sort score only where its out-of-fold mean with the points sorts matched rows better than they alone
    auc = m.meta["sorting_auc"]
    assert m.sort == (auc["mean of both"][0] > auc["confidence"][0])


def test_dev_clauses_that_are_events_score_above_statements():
    m = Model.load()
    def mean(qs):
        return sum(m.score(features(q, 0, len(q), "event")) for q in qs) / len(qs)
    events, statements = quotes("event"), quotes("statement")
    assert len(events) > 100 and len(statements) > 30
    assert mean(events) > mean(statements) + 0.1


def test_the_score_is_deterministic_and_joins_the_candidates_score():
    a, b = extract(AMBUSH, published="2021-11-14"), extract(AMBUSH, published="2021-11-14")
    assert a.scores == b.scores and a.facts == b.facts
    e = a.facts["events"][0]
    m = Model.load()
    p = m.score(features(a.text, e["start"], e["end"], "event", e, 1))
    assert 0.0 < p < 1.0
    facts = {"events": [{k: v for k, v in e.items() if k != "note"} | {"note": "score 0.85 (reported, place stated)"}]}
    scores = {}
    sorting = Model(m.weights, m.bias, m.threshold, False, {}, sort=True)
    rec = mark(facts, a.text, scores=scores, model=sorting)["events"][0]
    assert scores[e["id"]] == round((0.85 + p) / 2, 2)
    assert f"score {scores[e['id']]:.2f} = mean of eventhood {p:.2f} and 0.85 (reported, place stated" in rec["note"]


def test_the_shipped_model_is_applied_as_its_training_decided():
    """Regression: on the 100-article dev half, out of fold, the mean of the points and the model sorted the matched
    rows worse than the points alone (AUC 0.636 against 0.677); the model's score must then not join the score."""
    e = extract(AMBUSH, published="2021-11-14").facts["events"][0]
    assert ("mean of eventhood" in e["note"]) == Model.load().sort
    if not Model.load().sort:
        assert re.search(r"score 0\.85 \(reported, place stated", e["note"])


def test_only_a_model_with_its_filter_on_drops_events():
    ex = extract(AMBUSH, published="2021-11-14")
    m = Model.load()
    facts = {"events": [{k: v for k, v in ex.facts["events"][0].items() if k != "note"}]}
    strict = Model(m.weights, m.bias, 1.0, True, {})
    assert mark(copy.deepcopy(facts), ex.text, model=strict)["events"] == []
    kept = mark(copy.deepcopy(facts), ex.text, model=Model(m.weights, m.bias, 1.0, False, {}, sort=True))["events"]
    assert len(kept) == 1 and "mean of eventhood" in kept[0]["note"]
    plain = mark(copy.deepcopy(facts), ex.text, model=Model(m.weights, m.bias, 1.0, False, {}))["events"]
    assert len(plain) == 1 and "eventhood" not in plain[0].get("note", "")
    assert "eventhood" not in mark(copy.deepcopy(facts), ex.text, model=None)["events"][0].get("note", "")


def test_training_is_deterministic():
    pytest.importorskip("sklearn")
    clauses = quotes("event")[:40] + quotes("statement")[:20] + quotes("pattern")[:20]
    labels = [1] * 40 + [0] * 40
    examples = [(features(q, 0, len(q), "event"), y, 0, len(q)) for q, y in zip(clauses, labels)]
    assert train.fit(examples) == train.fit(list(examples))
    w, b = train.fit(examples)
    assert w and isinstance(b, float)
