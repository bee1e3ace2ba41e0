"""Finding an evidence quote in its article: code-point offsets into the NFC text."""
from __future__ import annotations

from dataclasses import dataclass

from conflictkg.core.arabic import nfc

CONTEXT = 32  # characters of prefix/suffix kept in the oa:TextQuoteSelector


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def _all(text: str, needle: str) -> list[int]:
    found, i = [], text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def _self_overlapping(quote: str) -> bool:
    """Whether two occurrences of `quote` can overlap (it begins with its own ending): then str.count,
    which counts without overlaps, is not the occurrence number."""
    return any(quote.endswith(quote[:k]) for k in range(1, len(quote)))


def locate(text: str, quote: str, *, occurrence: int | None = None, within: str | None = None,
           start: int | None = None, end: int | None = None) -> Span:
    """Return the span of `quote` in `text` (both NFC). Raises ValueError with the reason and the fix.

    `start`/`end` (code points, as written by `conflictkg extract`) are checked against the quote and
    against any other hint."""
    quote = nfc(quote)
    if not quote.strip():
        raise ValueError("the quote is empty; fix: copy the exact words of the article that state the fact")
    if start is not None or end is not None:
        if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != quote:
            raise ValueError(f"the offsets {start}..{end} do not hold the quote «{quote[:80]}»; "
                             "fix: correct start/end (code points into the NFC article) or remove them")
        if occurrence is None and within is None:
            return Span(start, end, quote, text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])
        if within is None and isinstance(occurrence, int) and not _self_overlapping(quote) \
                and text.count(quote, 0, start) == occurrence - 1:
            return Span(start, end, quote, text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])
        found = locate(text, quote, occurrence=occurrence, within=within)
        if found.start != start:
            raise ValueError(f"the offsets {start}..{end} and the occurrence hint point at different places; "
                             "fix: keep one of them")
        return found
    base = 0
    if within is not None:
        within = nfc(within)
        hits = _all(text, within)
        if len(hits) != 1:
            raise ValueError(f"the 'within' text occurs {len(hits)} times in the article; "
                             "fix: make it an exact substring that occurs once")
        if quote not in within:
            raise ValueError("the quote is not inside its 'within' text; fix: make 'within' contain the quote")
        base = hits[0]
        hits = [base + i for i in _all(within, quote)]
    else:
        hits = _all(text, quote)
    if not hits:
        raise ValueError(f"quote not found in the article: «{quote[:80]}»; "
                         "fix: copy the exact substring from the article (same spelling, spaces and hamzas)")
    if occurrence is not None:
        if not 1 <= occurrence <= len(hits):
            raise ValueError(f"occurrence {occurrence} asked, but the quote occurs {len(hits)} time(s)")
        start = hits[occurrence - 1]
    elif len(hits) > 1:
        raise ValueError(f"the quote occurs {len(hits)} times in the article; "
                         "fix: add 'occurrence: N' or a longer 'within:' text that occurs once")
    else:
        start = hits[0]
    end = start + len(quote)
    return Span(start, end, quote, text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])
