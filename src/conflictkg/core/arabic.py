"""Arabic text: NFC for storage and offsets, a looser key for matching spelling variants."""
from __future__ import annotations

import re
import unicodedata

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
                       "ی": "ي", "ک": "ك", "ء": None})
_PUNCT = re.compile(r"[\-_/.,،()\"'“”«»]+")


def nfc(text: str) -> str:
    """The canonical form in which texts and quotes are stored and offsets are counted."""
    return unicodedata.normalize("NFC", text)


def match_key(name: str, *, drop_spaces: bool = False) -> str:
    """A folding of a name for comparing spellings: سورية = سوريا, البوكمال = البو كمال (with drop_spaces).

    Follows the gazetteer's normalisation: NFC, no diacritics or tatweel, one alef, ya for alef maqsura,
    ha for ta marbuta, punctuation as spaces. Final ya/alef after ر (سورية/سوريا) is folded as well.
    """
    s = _TASHKEEL.sub("", nfc(name)).translate(_FOLD)
    s = _PUNCT.sub(" ", s)
    s = " ".join(s.split())
    s = re.sub(r"(?<=ر)(يه|يا)\b", "يا", s)
    return s.replace(" ", "") if drop_spaces else s
