"""A trained eventhood score: how likely a clause reports one discrete event that happened, in [0, 1].

A logistic regression fitted by tools/train_eventhood.py on the ACLED-style gold (every evidence span of a
gold event is an event, every skipped span is not) and shipped as a small JSON file
(lexicon/eventhood-model.json: weights, vocabulary, threshold, the training data's hash and counts). It is
applied here in plain Python, so extraction needs no scikit-learn.

The features of a clause (`features`): the character 3- to 5-grams of its words (folded, with the few words
before it in its sentence, as eventhood.decide reads them), the kind the rules decide for it
(eventhood.decide), whether it is in the headline, a number in its sentence, and where in the article it
lies (by fifths). Training and extraction compute them with this one function.
"""
from __future__ import annotations

import json
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from conflictkg.core.normalise import normalise
from conflictkg.core.resources import LEXICON_DIR

MODEL_PATH = LEXICON_DIR / "eventhood-model.json"
GRAMS = (3, 5)
BEFORE = 8                    # words before the clause in its sentence, as eventhood.decide reads them
_CLAUSE = re.compile(r"[،,؛;]")
_STATE = {"on": True}


def window(text: str, start: int, end: int) -> str:
    """The folded words of text[start:end] with up to BEFORE words before it in its clause of the sentence."""
    from .eventhood import sentence_of

    lo, _ = sentence_of(text, start, end)
    head = max((m.end() for m in _CLAUSE.finditer(text, lo, start)), default=lo)
    heads = [m.start() for m in re.finditer(r"\S+", text[head:start])][-BEFORE:]
    return " ".join(normalise(text[head + heads[0] if heads else start:end]).text.split())


def features(text: str, start: int, end: int, kind: str, rec: dict | None = None, mentions: int = 1) -> list[str]:
    """The clause's feature names (binary features), sorted. `kind` is what eventhood.decide says of it; `rec`,
    the event record of a candidate (with the number of its merged `mentions`), adds what the extractor found
    (see cues)."""
    from .eventhood import sentence_of

    words = window(text, start, end)
    out = {f"kind={kind}"}
    for w in words.split():
        w = f" {w} "
        for n in range(GRAMS[0], GRAMS[1] + 1):
            out.update("c:" + w[i:i + n] for i in range(max(1, len(w) - n + 1)))
    lo, hi = sentence_of(text, start, end)
    if "\n" not in text[:start]:
        out.add("headline")
    if re.search(r"\d", text[lo:hi]):
        out.add("number in sentence")
    out.add(f"fifth={min(4, 5 * start // max(1, len(text)))}")
    if rec is not None:
        out.update(cues(rec, mentions))
    return sorted(out)


def cues(rec: dict, mentions: int = 1) -> set[str]:
    """What the extractor found of a candidate event: its type, certainty, a toll with a number, a date written
    in the text, a place, two sides, and how many mentions were merged into it (1, 2, 3 or more)."""
    out = {f"type={rec.get('type')}", f"certainty={rec.get('certainty')}", f"mentions={min(mentions, 3)}"}
    if any(c.get("kind") == "killed" and ("n" in c or "min" in c) for c in rec.get("counts") or []):
        out.add("toll")
    if rec.get("date") and not str(rec.get("date_basis", "")).startswith("no date"):
        out.add("date stated")
    if rec.get("places") or rec.get("from") or rec.get("to"):
        out.add("place")
    if len({*(rec.get("perpetrator") or []), *(rec.get("target") or []), *(rec.get("party") or [])}) >= 2:
        out.add("two sides")
    return out


@dataclass(frozen=True)
class Model:
    """A fitted logistic regression: p = 1 / (1 + exp(-(bias + sum of the weights of the features present)))."""

    weights: dict[str, float]
    bias: float
    threshold: float          # rows scored below it are not events, when `filter` is on
    filter: bool              # whether extraction drops the events scored below the threshold
    meta: dict
    sort: bool = False        # whether an event's score is the mean of its points and this one (see `active`)

    @classmethod
    def read(cls, path: Path) -> Model:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls({f: float(w) for f, w in data["weights"].items()}, float(data["bias"]), float(data["threshold"]),
                   bool(data.get("filter", False)), {k: v for k, v in data.items() if k not in ("weights", "bias")},
                   bool(data.get("sort", False)))

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Model | None:
        """The shipped model, or None when the package has none."""
        return cls.read(MODEL_PATH) if MODEL_PATH.is_file() else None

    def score(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z)) if z >= -700 else 0.0


def active() -> Model | None:
    """The model extraction applies: None when switched off (see `off`), and when the shipped model is neither a
    filter nor a sort score (its training found, out of fold, that it improves neither: tools/train_eventhood.py)."""
    m = Model.load() if _STATE["on"] else None
    return m if m is not None and (m.filter or m.sort) else None


@contextmanager
def off():
    """Extraction without the trained score (rules alone): how the training tool measures what it adds."""
    was = _STATE["on"]
    _STATE["on"] = False
    try:
        yield
    finally:
        _STATE["on"] = was
