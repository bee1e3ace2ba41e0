"""Normalising Arabic for matching, with an offset map back into the original (NFC) text.

The matcher works on a folded copy of the article: no diacritics or tatweel, one alef, ya for alef maqsura,
ha for ta marbuta, Western digits for Arabic-Indic ones, سورية = سوريا. Every character of the folded copy
remembers where it came from, so a match always becomes a span of the original text.

>>> n = normalise("قُتِلَ ١٣ عنصراً في سوريـــة")
>>> n.text
'قتل 13 عنصرا في سوريا'
>>> n.original(0, 3)  # the span of 'قتل' in the original, with its diacritics
(0, 6)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_DROP = set(chr(c) for c in list(range(0x0610, 0x061B)) + list(range(0x064B, 0x0660)) + [0x0670, 0x0640]
            + list(range(0x06D6, 0x06EE)) + [0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF])
_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك", "ؤ": "و", "ئ": "ي",
         "ـ": ""}
_FOLD.update({chr(0x0660 + i): str(i) for i in range(10)})
_FOLD.update({chr(0x06F0 + i): str(i) for i in range(10)})
_FOLD.update({"٫": ".", "٬": ",", "\u00a0": " ", "\u2009": " ", "\u202f": " "})
_SURIYA = re.compile(r"(?<=سور)ي[اه](?![\w])")


@dataclass
class Normalised:
    text: str          # the folded text the matcher sees
    starts: list[int]  # starts[i]: offset in the original of text[i]; starts[len(text)] = len(original)
    source: str        # the original (NFC) text

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span [start, end): trailing diacritics of the last letter
        included, so the slice is still NFC and reads as written."""
        o_start = self.starts[start]
        o_end = self.starts[end] if end < len(self.starts) else len(self.source)
        # stop before the spaces that come after dropped characters
        while o_end > o_start and self.source[o_end - 1].isspace():
            o_end -= 1
        return o_start, o_end

    def quote(self, start: int, end: int) -> str:
        s, e = self.original(start, end)
        return self.source[s:e]


def fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    return _FOLD.get(ch, ch).lower()


def normalise(text: str) -> Normalised:
    """Fold `text` (already NFC) for matching, keeping the offset of every kept character."""
    out: list[str] = []
    starts: list[int] = []
    for i, ch in enumerate(text):
        f = fold_char(ch) if not ch.isascii() or ch.isupper() else ch
        if f:
            for c in f:
                out.append(c)
                starts.append(i)
    starts.append(len(text))
    folded = "".join(out)
    folded = _SURIYA.sub("يا", folded)  # same length: the offset map still holds
    return Normalised(folded, starts, text)


@lru_cache(maxsize=100_000)
def fold(phrase: str) -> str:
    """The folded form of a lexicon phrase (spaces collapsed)."""
    return " ".join(normalise(unicodedata.normalize("NFC", phrase)).text.split())
