"""Certainty and attribution of a clause, from cue words (lexicon/certainty.yaml).

alleged: claimed, accused, disputed (اتهمت، ادعت، زعم); suspected: probably, believed, estimated (يرجح،
يعتقد، يقدر); confirmed: documented (وثقت); otherwise reported. The reporter is the first source (an outlet,
monitor, network, local source or expert) named after an attribution cue (بحسب، وفقاً لـ، أفادت), or any
source named in the sentence, or else the outlet.
"""
from __future__ import annotations

RANK = {"alleged": 3, "suspected": 2, "confirmed": 1}


def certainty(toks, lo: int, hi: int, lex) -> tuple[str, str | None]:
    """The certainty of tokens [lo, hi) and the cue that set it (None when none: 'reported')."""
    best, cue = "reported", None
    for m in lex.certainty_matcher.find(toks, lo, hi):
        if best == "reported" or RANK[m.value] > RANK.get(best, 0):
            best, cue = m.value, m.surface
    return best, cue


def reporter(toks, lo: int, hi: int, sources: list, lex) -> str | None:
    """The source actor the sentence attributes itself to. `sources` are actor matches of source classes."""
    if not sources:
        return None
    cues = lex.reporter_matcher.find(toks, lo, hi)
    for c in cues:
        after = [s for s in sources if c.last < s.first <= c.last + 6]
        if after:
            return after[0].value.id
    return sources[0].value.id
