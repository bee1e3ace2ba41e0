"""A place changing hands, told with two words: the taking of a place (سيطر، استعاد السيطرة) and the leaving
of it (انسحاب، إجلاء، خروج المقاتلين، تسليم، استسلام) at the same place on the same day are one incident.

ACLED codes one row per actors, place and day, and a place taken after its holders left it or were evacuated
under an agreement as one Non-violent transfer of territory (Strategic developments): "سيطرت قوات تدعمها تركيا
على مركز مدينة عفرين" and "بعد انسحاب وحدات حماية الشعب الكردية" of Afrin; "استعاد الجيش السوري السيطرة على
منطقة القلمون الشرقي … الأربعاء، بعد انتهاء عملية إجلاء". The mention of the leaving leads the merged incident (its type, trigger and evidence; the taker joins an
agreement's sides).
"""
from __future__ import annotations

from . import incidents as inc
from .candidates import Candidate
from .match import Token

TAKING = ("Capture",)
# the acts of leaving a place that a taking of it may be told with (an agreement of evacuation among them)
LEAVING = ("Withdrawal", "TerritoryHandover", "TransferDeal", "Surrender")
AFTER = ("بعد", "وبعد", "اثر", "واثر", "عقب", "وعقب")  # folded


def transfer(a: Candidate, b: Candidate, lex, toks: list[Token]) -> bool:
    """Whether a and b are the taking and the leaving of one place (either told first): both state places
    below the country that fit (one is, holds or lies in the other), their stated dates meet (an undated one
    is the other's day), the side that took it is not the side that left (an agreement's actors are its
    parties, named in any order: not compared), and the leaving is told as what the taking came after (بعد، إثر،
    عقب within three words before its trigger: "بعد انتهاء عملية إجلاء"، "بعد انسحاب"): a capture and an
    evacuation merely told near each other ("إجلاء عناصر التنظيم في عام 2016 …، على الرغم من أن التنظيم سيطر
    عليها أكثر من مرة") are two things."""
    take, leave = (a, b) if a.type in TAKING else (b, a)
    if take.type not in TAKING or not _leaving(leave, lex) or not (a.place_stated and b.place_stated):
        return False
    if leave.head < 0 or not any(t.text in AFTER for t in toks[max(0, leave.head - 3):leave.head]):
        return False
    pa, pb = inc._below(a, lex), inc._below(b, lex)
    if not (pa and pb) or not (all(_fits(x, pb, lex) for x in pa) and all(_fits(y, pa, lex) for y in pb)):
        return False
    ra, rb = inc._range(a), inc._range(b)
    if ra and rb and (ra[1] < rb[0] or rb[1] < ra[0]):
        return False
    if leave.type in ("Deal", "TransferDeal"):  # an evacuation's actors are its parties, in any order
        return True
    return not inc._sides(take.perpetrator, lex) & inc._sides(leave.perpetrator, lex)


def _leaving(c: Candidate, lex) -> bool:
    """Whether c is an act of leaving: a withdrawal, handover or surrender, or an evacuation (a word of
    TransferDeal, read as an agreement when it does not say from where to where: إجلاء، خروج المقاتلين). Not an
    agreement of another word (اتفاق استسلام، مصالحة): a recapture under it is told apart, as ACLED codes both."""
    entry = lex.trigger_phrases.get(c.trigger)
    return c.type in LEAVING or (c.type == "Deal" and entry is not None and entry.type == "TransferDeal")


def _fits(x: str, ys: set[str], lex) -> bool:
    return any(inc._within(x, y, lex) or inc._within(y, x, lex) or inc._region_and_place(x, y, lex) for y in ys)

