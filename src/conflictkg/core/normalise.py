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


# ---------------------------------------------------------------------- Latin spellings of Arabic names
# Transliterations of one Arabic name differ in the article (Al-, el-, as- before a sun letter, glued or
# not), in spaces and hyphens, in vowels (Deir/Dayr, Zor/Zawr), in doubled letters (Raqqa/Raqa), in a final
# h (Raqqah) and in a few letter pairs (ou/u, dh/z, q/k). latin_key folds what is only spelling; the
# skeleton (consonants only) also folds the vowels, for names that differ in nothing else.
_ARTICLES = {"al", "el", "ul"}
_SUN = ("t", "th", "d", "dh", "r", "z", "s", "sh", "n")  # as-Suwayda, ad-Dana, ash-Shaddadi, ez-Zor
_PAIRS = [("dj", "j"), ("dh", "z"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("ou", "u"), ("oo", "u"), ("ee", "i")]
_DIPHTHONG = [(re.compile(r"aw(?![aeiou])"), "o"), (re.compile(r"[ae]y(?![aeiou])"), "e")]
_VOWELS = re.compile(r"[aeiouy]")


def _article(token: str, following: str) -> bool:
    """Whether `token` is the definite article: al/el, or its sun-letter forms before the same letter."""
    if token in _ARTICLES:
        return True
    return len(token) >= 2 and token[0] in "ae" and token[1:] in _SUN and following.startswith(token[1:])


def latin_tokens(text: str) -> list[str]:
    """The words of a Latin name: no diacritics (NFKD), lowercase, ayn and hamza marks dropped."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[ʿʾʻʼ'’‘`´]", "", s.lower())
    return re.findall(r"[a-z0-9]+", s)


def latin_words(text: str) -> list[str]:
    """The words of a Latin name without its articles, each with its spelling folded."""
    words = latin_tokens(text)
    kept = [w for i, w in enumerate(words) if not (i + 1 < len(words) and _article(w, words[i + 1]))]
    out = []
    for w in kept:
        for a, b in _PAIRS:
            w = w.replace(a, b)
        for pattern, b in _DIPHTHONG:
            w = pattern.sub(b, w)
        w = re.sub(r"(?<=[aeiou])h$", "", w) if len(w) > 3 else w  # Raqqah, Hamah
        out.append(re.sub(r"([a-z])\1+", r"\1", w))
    return out


def latin_key(text: str) -> str:
    """The spelling-free form of a Latin name: 'Al-Bukamal', 'Boukamal' and 'al Bukamal' give 'bukamal'."""
    return re.sub(r"([a-z])\1+", r"\1", "".join(latin_words(text)))


def latin_runs(text: str) -> set[str]:
    """The consonant skeletons of every run of whole words of a name ('Abu Kamal desert': bkml, bkmldsrt, …),
    so that a skeleton matches whole words, never the inside of one (East is not in West). A skeleton of
    three consonants also comes with the run's first letter ('h:hms' for Homs; any vowel as 'a'): so
    short, it must agree on that too."""
    words = latin_words(text)
    out = set()
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            run = "".join(words[i:j])
            skel = latin_skeleton(run)
            out.add(skel if len(skel) != 3 else f"{_first(run)}:{skel}")
    return out


def latin_skeleton(key: str) -> str:
    """The consonants of a latin_key (its doubled letters already single): 'abukamal' and 'bukamal' give
    'bkml'."""
    return _VOWELS.sub("", key)


def _first(run: str) -> str:
    """The first letter of a run, any vowel as 'a' (Idlib, Edlib)."""
    return "a" if run[:1] in "aeiouy" else run[:1]


def latin_keys(query: str) -> set[str]:
    """What a typed Latin name may stand for: its key, and without a glued article ('Albukamal')."""
    key = latin_key(query)
    keys = {key} if key else set()
    for art in ("al", "el"):
        if key.startswith(art) and len(key) - len(art) >= 4:
            keys.add(key[len(art):])
    return keys


def latin_match(query_keys: set[str], name_key: str, name_runs: set[str]) -> bool:
    """Whether a name (its latin_key and latin_runs) matches a typed query (its latin_keys): a key of 3
    letters or more inside the name's key, or the consonant skeleton of a run of the name's words (at least
    3 consonants; with 3, the same first letter too, or both a vowel)."""
    for q in query_keys:
        if len(q) >= 3 and q in name_key:
            return True
        qs = latin_skeleton(q)
        if len(qs) >= 4 and qs in name_runs or len(qs) == 3 and f"{_first(q)}:{qs}" in name_runs:
            return True
    return False
