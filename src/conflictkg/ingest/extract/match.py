"""Clitic-aware phrase matching over the folded text.

A phrase matches at a word when the word, with the clitics و ف ب ل ك ال لل taken off its front (and the
alef of tanween off its end), is the phrase's first word, and the next words follow exactly. The longest
phrase wins, and matches of one kind do not overlap.

>>> from conflictkg.core.normalise import normalise
>>> m = Matcher({"داعش": "isis", "قوات النظام": "regime"})
>>> [(x.value, x.surface) for x in m.find(tokens(normalise("وقتل لداعش وبقوات النظام")))]
[('isis', 'لداعش'), ('regime', 'وبقوات النظام')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from conflictkg.core.normalise import fold

# a word: letters, or digits (with a leading و/ف and a trailing %); digits glued to letters are a word of
# their own (قتل45، الخميس22)
_WORD = re.compile(r"[وف]?\d+(?:[%٪])?|[^\W\d_]+(?:[%٪])?", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offsets in the folded text
    end: int
    index: int


def tokens(norm) -> list[Token]:
    """The words of a Normalised text, in order."""
    return [Token(m.group(), m.start(), m.end(), i) for i, m in enumerate(_WORD.finditer(norm.text))]


@lru_cache(maxsize=300_000)
def stems(word: str) -> tuple[str, ...]:
    """The word and its forms without leading clitics (و ف, then ب ل ك, then ال / لل) or a final tanween alef.

    >>> stems("وبالتنظيم")[:3]
    ('وبالتنظيم', 'بالتنظيم', 'التنظيم')
    """
    out = [word]

    def add(w):
        if len(w) >= 2 and w not in out:
            out.append(w)

    for a in ([word, word[1:]] if word[:1] in ("و", "ف") else [word]):
        add(a)
        if a.startswith("لل") and len(a) > 3:
            add("ال" + a[2:])
            add(a[2:])
        if a[:1] in ("ب", "ل", "ك"):
            add(a[1:])
            if a[1:3] == "ال":
                add(a[3:])
        if a.startswith("ال"):
            add(a[2:])
    for w in list(out):
        if len(w) > 3 and w.endswith("ا") and not w.endswith("اا"):
            add(w[:-1])
    return tuple(out)


@dataclass
class Match:
    value: Any
    first: int   # token indexes [first, last]
    last: int
    start: int   # offsets in the folded text
    end: int
    surface: str  # the folded words matched
    phrase: str   # the lexicon phrase


class Matcher:
    """Finds lexicon phrases (folded) in a token list; `phrases` maps a phrase to its value."""

    def __init__(self, phrases: dict[str, Any]):
        self.index: dict[str, list[tuple[list[str], str, Any]]] = {}
        for phrase, value in phrases.items():
            words = fold(phrase).split()
            if not words:
                continue
            self.index.setdefault(words[0], []).append((words, phrase, value))
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def at(self, toks: list[Token], i: int) -> Match | None:
        """The longest phrase starting at token i."""
        best = None
        forms = [f for f in stems(toks[i].text) if f in self.index]
        for form in forms:
            for words, phrase, value in self.index[form]:
                n = len(words)
                if best is not None and n <= best.last - best.first + 1:
                    break
                if i + n > len(toks):
                    continue
                if all(toks[i + k].text == words[k] or toks[i + k].text in _tail_forms(words[k])
                       for k in range(1, n)):
                    best = Match(value, i, i + n - 1, toks[i].start, toks[i + n - 1].end,
                                 " ".join(t.text for t in toks[i:i + n]), phrase)
        return best

    def find(self, toks: list[Token], lo: int = 0, hi: int | None = None) -> list[Match]:
        """Non-overlapping matches, left to right, longest first at each word."""
        hi = len(toks) if hi is None else hi
        out, i = [], lo
        while i < hi:
            m = self.at(toks, i)
            if m is not None and m.last < hi:
                out.append(m)
                i = m.last + 1
            else:
                i += 1
        return out


def _tail_forms(word: str) -> tuple[str, ...]:
    """Later words of a phrase may carry a tanween alef (عنصراً) or, for an adjective, lose nothing else."""
    return (word + "ا",)
