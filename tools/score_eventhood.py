"""Score the statement-kind decision (conflictkg.ingest.extract.eventhood) on gold files' spans.

Every evidence span of a gold event is an `event`; every skipped span has its `kind`. Prints precision and
recall per kind, and for the event/not-an-event split, over the gold files given (a folder or files).

    python tools/score_eventhood.py --articles ../shared/corpus/ant-2018 /tmp/dev
"""
from __future__ import annotations

import argparse
import collections
import sys
import unicodedata
from pathlib import Path

import yaml

from conflictkg.ingest.extract.eventhood import decide
from conflictkg.ingest.extract.timex import Published


def spans(gold: Path, articles: Path):
    """(article text, start, end, published, gold kind, quote) of every span of the gold files."""
    files = sorted(gold.glob("*.yaml")) if gold.is_dir() else [gold]
    for f in files:
        g = yaml.safe_load(f.read_text(encoding="utf-8"))
        text = unicodedata.normalize("NFC", (articles / g["article"]).read_text(encoding="utf-8"))
        pub = Published.parse(str(g["published"]))
        for ev in g.get("events") or []:
            for e in ev["evidence"]:
                yield text, e["start"], e["end"], pub, "event", e["quote"]
        for s in g.get("skipped") or []:
            yield text, s["start"], s["end"], pub, s["kind"], s["quote"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, required=True)
    ap.add_argument("--show", action="store_true", help="print every span that is decided wrongly")
    ap.add_argument("gold", type=Path, nargs="+")
    a = ap.parse_args(argv)
    pairs = []
    for g in a.gold:
        for text, s, e, pub, kind, quote in spans(g, a.articles):
            d = decide(text, s, e, pub)
            pairs.append((kind, d.kind))
            if a.show and kind != d.kind:
                print(f"{kind:11} -> {d.kind:11} [{d.cue}] {quote}")
    kinds = sorted({k for k, _ in pairs} | {p for _, p in pairs})
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    for g, p in pairs:
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    print("| kind | gold spans | decided | P | R |\n|---|---|---|---|---|")
    for k in kinds:
        dec = tp[k] + fp[k]
        print(f"| {k} | {tp[k] + fn[k]} | {dec} | {tp[k] / dec if dec else 0:.2f} | "
              f"{tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 0:.2f} |")
    ev = [(g == "event", p == "event") for g, p in pairs]
    for name, want in (("event", True), ("not an event", False)):
        t = sum(1 for g, p in ev if g == want and p == want)
        d = sum(1 for _, p in ev if p == want)
        n = sum(1 for g, _ in ev if g == want)
        print(f"| **{name}** | {n} | {d} | {t / d if d else 0:.2f} | {t / n if n else 0:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
