"""Numbers in Arabic news: digits, number words, vague quantities, ranges and approximations, and the
casualty patterns around them (مقتل 13 عنصراً من X، أسفر عن مقتل، 13 قتيلاً).

>>> from conflictkg.ingest.extract.lexicon import Lexicon
>>> from conflictkg.core.normalise import normalise
>>> from conflictkg.ingest.extract.match import tokens
>>> lex = Lexicon.load()
>>> def first(s):
...     t = tokens(normalise(s)); return number_at(t, 0, lex)
>>> first("نحو ألف").spec, first("أكثر من 300").spec, first("بين 250 و300").spec, first("عشرات").spec
({'n': 1000, 'approx': True}, {'min': 301}, {'min': 250, 'max': 300}, {'min': 20, 'vague': True})
>>> first("خمسة عشر").spec, first("ثلاث عشرة").spec, first("خمسة وعشرون").spec, first("الكثير من").spec
({'n': 15}, {'n': 13}, {'n': 25}, {'min': 2, 'vague': True})
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from conflictkg.core.normalise import fold

from .match import Token

_DIGITS = re.compile(r"^(?:و)?(\d{1,7})$")


@dataclass
class Number:
    first: int   # token range [first, last]
    last: int
    spec: dict   # {n} | {min} | {min, max}, plus approx / vague

    @property
    def lower(self) -> int:
        return self.spec.get("n", self.spec.get("min", 0))


def _plain(toks: list[Token], i: int, lex) -> tuple[int, int, bool] | None:
    """A bare number at token i: (value, last token, vague)."""
    if i >= len(toks):
        return None
    m = _DIGITS.match(toks[i].text)
    if m and not toks[i].text.endswith("%"):
        value, last = int(m.group(1)), i
        # "1,500" written as 1 500 or 1.500 is rare in the corpus; digits stand alone
        return value, last, False
    hit = lex.number_matcher.at(toks, i)
    if hit is not None:
        kind, value = hit.value
        value, last = int(value), hit.last
        if kind == "word" and value < 10 and last + 1 < len(toks):
            nxt = lex.number_matcher.at(toks, last + 1)
            word = toks[last + 1].text
            if word in ("عشر", "عشره"):
                return value + 10, last + 1, False      # خمسة عشر: 15, ثلاث عشرة: 13
            if nxt is not None and nxt.value[0] == "word" and word.startswith("و") and \
                    int(nxt.value[1]) in range(20, 100, 10):
                return value + int(nxt.value[1]), nxt.last, False  # خمسة وعشرون: 25
        return value, last, kind == "vague"
    return None


def number_at(toks: list[Token], i: int, lex) -> Number | None:
    """A number, range or approximation starting at token i (approximation words included)."""
    mod = lex.approx_matcher.at(toks, i)
    j = mod.last + 1 if mod else i
    if j < len(toks) and toks[j].text == "بين":
        a = _plain(toks, j + 1, lex)
        if a and a[1] + 1 < len(toks):
            b = _plain(toks, a[1] + 1, lex)
            if b and toks[a[1] + 1].text.startswith("و") and b[0] >= a[0]:
                return Number(i, b[1], {"min": a[0], "max": b[0]})
        return None
    p = _plain(toks, j, lex)
    if p is None:
        return None
    value, last, vague = p
    spec: dict
    if vague:
        spec = {"min": value, "vague": True}
    elif mod and mod.value == "more":
        spec = {"min": value + 1}
    elif mod and mod.value == "least":
        spec = {"min": value}
    else:
        spec = {"n": value}
        if mod and mod.value == "approx":
            spec["approx"] = True
    # "13 عنصرًا على الأقل": a lower bound after the number (one noun may come between)
    for k in (last + 1, last + 2):
        after = lex.approx_matcher.at(toks, k) if k < len(toks) else None
        if after is not None and after.value == "least" and "n" in spec:
            spec = {"min": spec["n"]}
            break
    return Number(i, last, spec)


@dataclass
class Casualty:
    kind: str          # killed | wounded
    first: int
    last: int
    number: Number | None
    side_from: int     # token where the side may be named (after the number)


def _subject_toll(toks: list[Token], lo: int, verb: int, lex) -> Number | None:
    """"إن ستة مدنيين على الأقل قتلوا": the number that opens the verb's clause (right after أن / إن), up to
    eight words before the verb, with no other casualty word between."""
    for k in range(verb - 1, max(lo + 1, verb - 8) - 1, -1):
        if lex.killed_matcher.at(toks, k) is not None or lex.wounded_matcher.at(toks, k) is not None:
            return None
        if toks[k - 1].text in lex.subject_openers:
            num = number_at(toks, k, lex)
            return num if num is not None and num.last < verb else None
    return None


def _household(toks: list[Token], i: int, hi: int, lex) -> Number | None:
    """The members of a family killed together (قتلت عائلة من ثلاثة أشخاص، مقتل أسرة مؤلفة من خمسة أفراد):
    the number after عائلة / أسرة (مؤلفة / مكونة) من."""
    if i >= hi or toks[i].text not in _FAMILY:
        return None
    k = i + 1 + (i + 1 < hi and toks[i + 1].text in _MADE_OF)
    return number_at(toks, k + 1, lex) if k + 1 < hi and toks[k].text == "من" else None


_FAMILY = {fold(w) for w in ("عائلة", "أسرة")}
_MADE_OF = {fold(w) for w in ("مؤلفة", "مكونة")}


def _and_more(toks: list[Token], num: Number, hi: int, lex) -> Number:
    """The toll with the group joined to it by و after its noun: a dual noun (قتل 15 طفلا وامرأتان: 17) or a
    number in digits (12 مدنيا و3 عناصر: 15). An exact toll stays exact; a bound stays a bound."""
    k = num.last + 2  # the number, its noun, then the joined group
    if k >= hi or not toks[k].text.startswith("و") or "n" not in num.spec and "min" not in num.spec \
            or "max" in num.spec:
        return num
    word = toks[k].text[1:]
    if word in _duals(lex):
        more, last = 2, k
    else:
        m = _DIGITS.match(word)
        if m is None or k + 1 >= hi or number_at(toks, k + 1, lex) is not None \
                or lex.wounded_matcher.at(toks, k + 1) or lex.killed_matcher.at(toks, k + 1):
            return num  # "مقتل 3 مدنيين و5 جرحى": the wounded are not the dead
        more, last = int(m.group(1)), k + 1  # the digits and their noun
    spec = dict(num.spec)
    spec["n" if "n" in spec else "min"] += more
    return Number(num.first, last, spec)


def _duals(lex) -> set[str]:
    """The dual nouns of people (numbers.yaml dual), folded."""
    return {fold(w) for w in lex.numbers.get("dual") or []}


def casualties(toks: list[Token], lo: int, hi: int, lex) -> list[Casualty]:
    """Killed and wounded statements in tokens [lo, hi)."""
    out: list[Casualty] = []
    i = lo
    while i < hi:
        cue = lex.killed_matcher.at(toks, i)
        if cue is not None and cue.last < hi:
            if cue.value == "before":
                num = None
                for k in range(cue.last + 1, min(cue.last + 3, hi)):
                    num = number_at(toks, k, lex)
                    if num is not None:
                        break
                if num is None:
                    num = _household(toks, cue.last + 1, hi, lex)
                if num is None and cue.last + 1 < hi and toks[cue.last + 1].text in lex.singular:
                    num = Number(cue.last + 1, cue.last + 1, {"n": 1})  # مقتل قيادي: one person
                if num is not None:
                    num = _and_more(toks, num, hi, lex)
                out.append(Casualty("killed", i, cue.last, num, (num.last if num else cue.last) + 1))
                i = (num.last if num else cue.last) + 1
                continue
            # "13 قتيلاً": the number comes first
            num = None
            for k in range(max(lo, i - 3), i):
                num = number_at(toks, k, lex)
                if num is not None and num.last == i - 1:
                    break
                num = None
            if num is None and lex.killed_verb_matcher.at(toks, i) is not None:
                num = _subject_toll(toks, lo, i, lex)
            out.append(Casualty("killed", num.first if num else i, cue.last, num, cue.last + 1))
            i = cue.last + 1
            continue
        w = lex.wounded_matcher.at(toks, i)
        if w is not None and w.last < hi:
            num = number_at(toks, w.last + 1, lex) if w.last + 1 < hi else None
            out.append(Casualty("wounded", i, w.last, num, (num.last if num else w.last) + 1))
            i = (num.last if num else w.last) + 1
            continue
        i += 1
    return out
