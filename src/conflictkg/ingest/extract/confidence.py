"""How sure the extractor is of a candidate event: a score in [0, 1], so that a reviewer can sort.

The score adds up what the text states about the event; each part is a reason shown in the event's note:

| part | points |
|---|---|
| certainty of its sentence: confirmed / reported / alleged / suspected | 0.40 / 0.30 / 0.20 / 0.10 |
| its place is named in its own sentence (not the place in focus or the country) | 0.20 |
| its date is written in the text (not the month of publication) | 0.15 |
| it names two sides (a perpetrator and a target, or two parties) | 0.10 |
| it gives a toll with a number | 0.10 |
| it is told more than once (merged mentions) | 0.05 each, at most 0.05 |

The weights are set by hand, not fitted. The score an event is sorted by is these points, or their mean
with the trained eventhood score (classifier.py, applied by eventhood.mark: with_eventhood) when the shipped
model's `sort` says that, out of fold on the dev half, the mean sorts the rows that match a gold event above the
others better than the points alone: so on 60 dev articles (AUC 0.706 against 0.695), not on 100 (0.636
against 0.677), where the points alone are the score (docs/extraction.md).
"""
from __future__ import annotations

import re

from .candidates import Candidate

CERTAINTY = {"confirmed": 0.40, "reported": 0.30, "alleged": 0.20, "suspected": 0.10}


def score(c: Candidate) -> tuple[float, list[str]]:
    """The candidate's score and the reasons it is made of."""
    total = CERTAINTY.get(c.certainty, 0.1)
    why = [c.certainty]
    parts = (
        (c.place_stated and bool(c.places or c.from_ or c.to), 0.20, "place stated"),
        (c.date is not None and c.date_stated, 0.15, "date stated"),
        (bool(c.perpetrator and c.target) or len(c.party) >= 2 or len(c.perpetrator + c.party) >= 2 and bool(c.target),
         0.10, "two sides"),
        (any(k["kind"] == "killed" and ("n" in k or "min" in k) for k in c.counts), 0.10, "toll"),
        (len(c.mentions) > 1, 0.05, "told more than once"),
    )
    for ok, points, reason in parts:
        if ok:
            total += points
            why.append(reason)
    return round(min(total, 1.0), 2), why


def with_eventhood(rec: dict, p: float, scores: dict | None) -> float:
    """The event's score for sorting: the mean of its points (score above, in `scores` or its note) and the
    trained eventhood score `p`; written to `scores` and to the note (score 0.74 = mean of eventhood 0.63 and
    0.85 (reported, …))."""
    note = rec.get("note") or ""
    m = re.search(r"(?<!\w)score (\d\.\d\d) \(", note)
    points = (scores or {}).get(rec["id"], float(m.group(1)) if m else 0.0)
    total = round((points + p) / 2, 2)
    if scores is not None:
        scores[rec["id"]] = total
    told = f"score {total:.2f} = mean of eventhood {p:.2f} and "
    rec["note"] = note[:m.start()] + told + note[m.start() + len("score "):] if m else \
        "; ".join(x for x in (note, f"score {total:.2f} = mean of eventhood {p:.2f} and {points:.2f}") if x)
    return total
