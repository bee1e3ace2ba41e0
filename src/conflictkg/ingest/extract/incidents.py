"""One candidate per incident: the mentions of one incident in an article (headline, lead, a later
paragraph, "الهجوم" / "الكمين" / "المعارك" / "الغارات" pointing back) merged into the first.

A later event candidate is the same incident as an earlier one when
- their types are of one family (ACLED's event_type and sub_event_type through the ontology's event-type
  scheme: Attack, Ambush, ArmedClash and Raid are all Battles / Armed clash; a type coded "Strategic
  developments / Other" only with itself),
- nothing they state disagrees: places (when both are stated in their sentences, each place of one must
  contain, equal or lie in a place of the other, or be a region of the other's governorate: a shared desert
  does not join Hama and Deir ez-Zor, the Eastern Ghouta holds Douma), dates (when both are stated, the
  ranges must meet), actors (a perpetrator of one is never the target of the other, stated perpetrators
  share one, and when both name two sides or more, the sides of one are among the other's; an actor counts
  as the groups it is part of too: the regime's forces are the regime's side), tolls (no two exact tolls of
  the same kind and side differ),
- and either the later one points back (a definite noun of an act, lexicon/grammar.yaml points_back:
  الهجوم، الكمين، المعارك، الغارات; or هذا / هذه before the trigger), taking the nearest such earlier event of its own type, else of its family (among the last LOOK_BACK), or both are the same type at the same stated place on the same stated date,
  or the later one, of the earlier's type at a stated place that fits, gives no day or the same day where the
  earlier gave one (ACLED: one row per actors, place and day; a restatement without a day is the incident told
  with one, and a place and a town inside it on one day are one incident at the town),
  or the later one is the next mention the text tells (within about a sentence of the incident's last mention,
  no other event or pointer between), of its type at the very same stated places, the earlier
  giving no date (_told_on: a story goes on with the act it just told).
  "هجوم دوما"، "تفجير دمشق" (a noun of attack in construct with a place name: definite) points back too.
  An incident told first at the country alone with its day (على سوريا، داخل الأراضي السورية) and then, with no
  day or the same, at a place in it is one incident, led by the mention that places it (_at_country).
  A bare mention (its trigger alone: no actor, place, date or count read with it; قصف، غارات، الألغام) is read
  as a pointer: told after an incident it may be, it is that incident.
  A general word of violence pointing back (الهجوم، التفجير), or in a headline, may tell on a violent incident of any family (the
  suicide bombing, the chemical attack before it); a word of bombardment pointing back (الضربات، القصف) on an
  air strike or a shelling, for the same words name both. A pointer takes its incident from the text
  before it, not from the actors read around it (often those of the clause it sits in: who condemned or
  denied the strikes), so its actors neither stop the merge nor join the incident unless they agree with
  it; an agreement (grammar.yaml story_types) is told once
  per article, so its later compatible mentions need no pointer.

A place taken after it was left (سيطر … بعد انسحاب، استعاد … بعد انتهاء عملية إجلاء) on one day is one incident,
led by the mention of the leaving (transfers.py).

A headline is the exception: an event of the title line is merged into the first compatible event of
the story (no pointer needed), which leads, for the story states it in full.

The merged candidate keeps the first mention's type, trigger and evidence; it takes the other mentions'
actors, a stated place or date where its own was a default, stated places inside its own (the village in the
governorate: ACLED codes the most specific place; not for an agreement), and their counts: for each kind, the larger
count of each side, and the counts of different sides side by side (the ACLED row sums them). A count
without a side covers every side: it replaces the sided ones when it is larger than their sum, and is
dropped when it is not.
"""
from __future__ import annotations

import re
from functools import lru_cache

from conflictkg.core import dates as kgdates

from .candidates import Candidate, uniq
from .match import Token
from .merged_counts import combine_counts
from .transfers import TAKING, transfer

NEXT = 30       # tokens from an incident's last mention to the next that goes on telling it (about a sentence)
LOOK_BACK = 12   # a later mention is compared with the last this many incidents (a news story tells few)
# the types of the general words of violence (الهجوم، التفجير), which may point back at a violent incident of
# another family (a suicide bombing, an air strike), as a headline's word may
GENERIC = ("Attack", "Bombing")
# a bombardment from the air or the ground: the same words (القصف، الضربات، الصواريخ) name both, so a later
# mention pointing back may be of the other class
BOMBARDMENT = ("AirStrike", "Shelling")


@lru_cache(maxsize=1)
def families() -> dict[str, tuple[str, ...]]:
    """The family of each event class: ACLED's event_type and sub_event_type; a class that maps to
    "Strategic developments / Other" is a family of its own."""
    from conflictkg.model import ontology
    from conflictkg.store import queries

    out = {}
    for cls, etype, sub in ontology.graph().query(queries.text("export/acled-types")):
        name = str(cls).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        out[name] = (str(etype), str(sub)) if str(sub) != "Other" else (str(etype), name)
    return out


def _family(t: str) -> tuple[str, ...]:
    return families().get(t, (t,))


def definite(c: Candidate, toks: list[Token], lex) -> bool:
    """Whether the candidate's trigger points back at an incident told already: a definite noun of an act
    (grammar.yaml points_back: الهجوم، الكمين، الغارات), or any trigger after هذا / هذه."""
    if c.head < 0:
        return False
    word = toks[c.head].text
    if word[:1] in ("و", "ف") and word[1:3] in ("ال", "بال", "لل"):
        word = word[1:]
    if word[:3] in ("بال", "كال"):
        word = word[1:]
    prev = toks[c.head - 1].text if c.head > 0 else ""
    return word in lex.grammar.points_back or prev in ("هذا", "هذه") or _means(c, toks) or c.named


def bare(c: Candidate) -> bool:
    """Whether the mention is its trigger alone (قصف، غارات، هجوم، الألغام): no actor, place, date or count of
    its own sentence was read with it. Told after an incident it may be, it is that incident, as a pointer."""
    return c.head >= 0 and c.first == c.head and c.last - c.first < len(c.trigger.split()) \
        and not (c.perpetrator or c.target or c.party or c.counts) and not c.date_stated


def _means(c: Candidate, toks: list[Token]) -> bool:
    """Whether the trigger is a weapon, the object of a verb or noun of using (استخدمت أكثر من 100 صاروخ،
    باستخدام 59 صاروخ كروز، استخدام سيارة مفخخة): it names the means of an act told with it, not an act."""
    return bool(_WEAPON.match(toks[c.head].text)) and any(_USING.match(t.text) for t in toks[max(0, c.head - 4):c.head])


_USING = re.compile(r"^[وفب]?(?:ال)?استخدا?م")
# weapons, not acts (استخدام نفوذهما لمنع أي هجوم: هجوم is no means used)
_WEAPON = re.compile(r"^[وفب]?(?:ال)?(?:صاروخ|صواريخ|قذيف|قذائف|برميل|براميل|سيار|عبو|لغم|الغام|مفخخ|طائر|قنابل|قنبل)")


def _range(c: Candidate):
    if c.date is None or not c.date_stated:
        return None
    try:
        d = kgdates.parse(c.date.value)
    except (ValueError, TypeError, KeyError):
        return None
    return d.earliest, d.latest


def _within(a: str, b: str, lex) -> bool:
    """Whether place a is b or lies in it (part_of, followed up), or in one of the governorates a region b
    spans (lexicon regions: الجنوب السوري holds Daraa)."""
    up = _up(lex.places, [a])
    return b in up or bool(up & set(lex.regions.get(b, ())))


def _up(registry: dict, ids: list[str]) -> set[str]:
    """The ids with every entry they are part of, followed up (part_of in the places or actors registry)."""
    out, todo = set(), list(ids)
    while todo:
        x = todo.pop()
        if x not in out:
            out.add(x)
            todo += (registry.get(x) or {}).get("part_of") or []
    return out


def _places(c: Candidate) -> list[str]:
    return c.places + c.from_ + c.to


def _below(c: Candidate, lex) -> set[str]:
    """The candidate's places below the country (the country contains every place: it tells nothing alone)."""
    return set(_places(c)) - set(lex.grammar.default_place)


def compatible(a: Candidate, b: Candidate, lex, generic: bool = False, pointer: bool = False,
               bombardment: bool = False) -> bool:
    """Whether nothing that a and b state disagrees: family, places, dates, actors. `generic`: b is a
    general word of violence pointing back (الهجوم), which may tell on a violent incident of any family
    (a suicide bombing, a chemical attack); `bombardment`: an air strike and a shelling may be one."""
    violent = lex.grammar.violent
    fa, fb = _family(a.type), _family(b.type)
    if fa != fb and not (generic and a.type in violent and b.type in violent) \
            and not ((pointer or bombardment) and _bombardments(a, b)):
        return False
    pa, pb = _below(a, lex), _below(b, lex)
    if a.place_stated and b.place_stated and pa and pb:
        def fits(x: str, ys: list[str]) -> bool:
            return any(_within(x, y, lex) or _within(y, x, lex) or _region_and_place(x, y, lex) for y in ys)
        if not (all(fits(x, pb) for x in pa) and all(fits(y, pa) for y in pb)):
            return False
    ra, rb = _range(a), _range(b)
    deal = _family(a.type) == _family(b.type) == _family("Deal")
    if ra and rb and (ra[1] < rb[0] or rb[1] < ra[0]) and not deal:  # an agreement's mentions date its breaches,
        return False                                                  # its start, its evacuations: not apart
    if pointer or deal:
        # a pointer's actors are read from the clause it sits in, not told of the incident (see the doc); an
        # agreement's actors are its parties, named in any order and in part (روسيا والفصائل، الفصائل توافق)
        return not _other_toll(a, b)
    if not _agree(a, b, lex):
        return False
    sa, sb = _sides(a.perpetrator + a.target + a.party, lex), _sides(b.perpetrator + b.target + b.party, lex)
    if len(set(a.perpetrator + a.target + a.party)) >= 2 and len(set(b.perpetrator + b.target + b.party)) >= 2 \
            and not (sa <= sb or sb <= sa):
        return False  # both name two sides, and not the same
    return not _other_toll(a, b)


def _other_toll(a: Candidate, b: Candidate) -> bool:
    """Whether a and b give different exact tolls of the same kind and side (13 killed, and 19)."""
    exact = {(k["kind"], k.get("side")): k["n"] for k in a.counts if "n" in k}
    return any(exact.get((k["kind"], k.get("side")), k["n"]) != k["n"] for k in b.counts if "n" in k)


def _same_stated(a: Candidate, b: Candidate, lex) -> bool:
    """Whether a and b (compatible) tell one incident without a pointer: of one type at a stated place they
    share on the same stated date, or at stated places that fit on one stated day or the first's day and no
    date of the second, or of one type with the same stated places and the same actors in the
    same roles (a sentence told twice, an agency's words after the outlet's), some place below the country.
    An air strike and a shelling count as one type: the same words (قصف، الضربات) name both, and "قصف جوي وبري"
    both at once."""
    if (a.type != b.type and not _bombardments(a, b)) or not (a.place_stated and b.place_stated):
        return False
    if (set(_places(a)) & set(_places(b)) and a.date is not None and b.date is not None and a.date_stated
            and b.date_stated and a.date.value == b.date.value):
        return True
    if _below(a, lex) and _below(b, lex) and _day(a) and (not b.date_stated or (_day(b) and a.date.value == b.date.value)):
        return True  # told with its day, then again with none or the same at a place that fits (compatible)
    return ((set(a.places), set(a.from_), set(a.to)) == (set(b.places), set(b.from_), set(b.to))
            and (set(a.perpetrator), set(a.target), set(a.party)) == (set(b.perpetrator), set(b.target), set(b.party))
            and bool(a.perpetrator or a.target or a.party) and bool(_below(a, lex)))


def _bombardments(a: Candidate, b: Candidate) -> bool:
    return a.type in BOMBARDMENT and b.type in BOMBARDMENT


def _told_on(a: Candidate, b: Candidate, lex) -> bool:
    """Whether b, the next event the text tells after incident a (no other between), is a told on: of a's type
    at the very same stated places (below the country), a giving no date (its day, if any, is b's). A story
    goes on with the act it just told ("غارات جوية تنفذها طائرات النظام على دوما" then "مقتل مدنيين اثنين في
    غارات لقوات النظام السوري على دوما" then "ثماني غارات جوية … استهدفت مدينة دوما، اليوم")."""
    end = max(x[1] for x in a.mentions or [(a.first, a.last)])
    return a.type == b.type and a.place_stated and b.place_stated and not a.date_stated and bool(_below(a, lex)) \
        and set(_places(a)) == set(_places(b)) and b.first - end <= NEXT



def _country_only(c: Candidate, lex) -> bool:
    """Whether the candidate's places are the country alone, named in its sentence (على سوريا، داخل الأراضي
    السورية)."""
    return c.place_stated and bool(_places(c)) and not _below(c, lex)


def _at_country(e: Candidate, c: Candidate, toks: list[Token], lex) -> bool:
    """Whether c, told after e, is e's incident where e names the country alone and c a place in it: of one
    type, or a bombardment of either class (the same words name both), the earlier told with
    its day and the later with no date or the same day ("أغارت طائرات حربية عراقية، صباح الخميس، على موقع …
    داخل الأراضي السورية" then "قصفت … في منطقة هجين"). The country contains every place: a mention that
    names only it is the incident told without its place, not another (ACLED: one row per actors, place and
    day). The actors of the two do not keep them apart (a pointer's rule: they are often those of the clause
    around it); they join only when they agree. Not an act named as the cause of a response (ردا على إطلاق
    صواريخ … على مواقع في هضبة الجولان): the act responded to is another incident."""
    if not _country_only(e, lex) or _country_only(c, lex) or not c.place_stated or _responded_to(c, toks):
        return False
    if e.type != c.type and not (e.type in BOMBARDMENT and c.type in BOMBARDMENT):
        return False
    if not _day(e) or (c.date_stated and not (_day(c) and e.date.value == c.date.value)):
        return False
    return compatible(e, c, lex, pointer=True)


def _responded_to(c: Candidate, toks: list[Token]) -> bool:
    """Whether the candidate's trigger is the object of "رد(ا) على" (within four words): the act a response
    answers."""
    if c.head < 0:
        return False
    before = [t.text for t in toks[max(0, c.head - 4):c.head]]
    return any(_RESPONSE.match(w) and nxt in ("علي", "على") for w, nxt in zip(before, before[1:]))


_RESPONSE = re.compile(r"^[وف]?(?:ال)?ردا?$")


def _agree(a: Candidate, b: Candidate, lex) -> bool:
    """Whether the actors of two mentions of one incident agree: no side of one on the other side of the
    other, and stated perpetrators share a side."""
    if set(a.perpetrator) & set(b.target) or set(b.perpetrator) & set(a.target):
        return False
    return not (a.perpetrator and b.perpetrator and not _sides(a.perpetrator, lex) & _sides(b.perpetrator, lex))


def _day(c: Candidate) -> bool:
    """Whether the candidate's date is a day the text states (not a year, not the month of publication)."""
    return c.date is not None and c.date_stated and c.date.precision == "day"


def _sides(actors: list[str], lex) -> set[str]:
    """The actors with every group they are part of (syrian-regime-forces: also syrian-regime)."""
    return _up(lex.actors, actors)


def _region_and_place(x: str, y: str, lex) -> bool:
    """Whether one of two places is a region (the Eastern Ghouta) and both lie in one governorate: the region
    may hold the other (Douma), which the registry does not always say."""
    gx, gy = lex.place_governorate.get(x), lex.place_governorate.get(y)
    regions = [p for p in (x, y) if (lex.places.get(p) or {}).get("class") == "Region"]
    return bool(gx and gx == gy and regions)


def absorb(first: Candidate, other: Candidate, actors: bool = True, lex=None) -> None:
    """Merge a later mention into the first mention of its incident (without its actors, if not `actors`).
    With `lex`, a later mention whose stated places all lie inside the first's (Jisr al-Shughur in Idlib) gives
    them: ACLED codes an incident at the most specific place told."""
    first.mentions = (first.mentions or [(first.first, first.last)]) + (other.mentions or [(other.first, other.last)])
    if not actors:
        other = Candidate(other.kind, other.type, other.trigger, other.first, other.last, places=other.places,
                          from_=other.from_, to=other.to, date=other.date, counts=other.counts,
                          place_stated=other.place_stated, date_stated=other.date_stated)
    first.perpetrator = uniq(first.perpetrator + [x for x in other.perpetrator if x not in first.target])
    first.target = uniq(first.target + [x for x in other.target if x not in first.perpetrator])
    first.party = uniq(first.party + [x for x in other.party if x not in first.perpetrator + first.target])
    if (not first.place_stated and other.place_stated) or (lex is not None and _finer(other, first, lex)):
        first.places, first.from_, first.to, first.place_stated = other.places, other.from_, other.to, True
    if not first.date_stated and other.date_stated:
        first.date, first.date_stated = other.date, True
    first.counts = combine_counts(first.counts, other.counts)


def _finer(a: Candidate, b: Candidate, lex) -> bool:
    """Whether a's stated places (below the country) all lie inside b's stated places, none being one of them.
    Not for an agreement: its mentions name the places of its breaches and evacuations, not where it was made."""
    if _family(b.type) == _family("Deal"):
        return False
    pa, pb = _below(a, lex), _below(b, lex)
    return a.place_stated and b.place_stated and bool(pa and pb) and not pa & pb \
        and all(any(_within(x, y, lex) for y in pb) for x in pa)


def _vehicle(e: Candidate, c: Candidate, lex) -> bool:
    """Whether bombing c is the vehicle of suicide bombing e told before it ("تفجير انتحاري بسيارة مفخخة"،
    "استخدام سيارة مفخخة يقودها انتحاري"): ACLED codes a suicide car bomb as one Suicide bomb, and a suicide
    bombing is told once per article (story_types), so a compatible car bomb after it is the same."""
    return e.type == "SuicideBombing" and c.type == "Bombing" and e.type in lex.grammar.story_types \
        and compatible(e, c, lex, generic=True)


def _bombardment(h: Candidate, c: Candidate, lex) -> bool:
    """Whether a headline's bombardment may be the story's of the other class (قصف in a headline names an air
    strike as well as a shelling): with its actors, when both name them, agreeing."""
    return h.type in BOMBARDMENT and c.type in BOMBARDMENT and compatible(h, c, lex, pointer=True) \
        and not (h.perpetrator and c.perpetrator and not _sides(h.perpetrator, lex) & _sides(c.perpetrator, lex))


def _headline(cands: list[Candidate], toks: list[Token], title_end: int, lex) -> list[Candidate]:
    """A headline's event is told again in the story: each event of the title line is merged into the first
    event of the story below that is compatible with it, which then leads (the story states it in full)."""
    heads = [c for c in cands if c.kind == "event" and toks[c.first].start < title_end]
    out = [c for c in cands if c not in heads]
    for h in heads:
        body = next((c for c in out if c.kind == "event" and toks[c.first].start >= title_end
                     and (compatible(h, c, lex, h.type in GENERIC) or _bombardment(h, c, lex))), None)
        if body is None:
            out.insert(0, h)
            continue
        absorb(body, h, lex=lex)
    return sorted(out, key=lambda c: (c.first, c.last))


def merge(cands: list[Candidate], toks: list[Token], lex, title_end: int = 0) -> list[Candidate]:
    """The candidates with every later mention of an incident merged into its first (tallies untouched).
    `title_end`: where the title line ends (in the folded text), if the text has one."""
    cands = _headline(cands, toks, title_end, lex) if title_end else cands
    out: list[Candidate] = []
    events: list[Candidate] = []
    last: Candidate | None = None  # the incident the previous event mention was told of
    for c in cands:
        if c.kind != "event":
            out.append(c)
            continue
        prev, last = last, c
        points_back = definite(c, toks, lex) or bare(c)
        story = c.type in lex.grammar.story_types  # told once per article: no pointer needed
        generic = points_back and c.type in GENERIC  # الهجوم، التفجير: whichever violent incident it follows
        fits = [e for e in reversed(events[-LOOK_BACK:]) if compatible(e, c, lex, generic, points_back, True)
                and (points_back or story or _same_stated(e, c, lex) or e is prev and _told_on(e, c, lex))
                or _vehicle(e, c, lex) or transfer(e, c, lex, toks)]
        target = next((e for e in fits if e.type == c.type), fits[0] if fits else None)
        if target is not None and target.type in TAKING and transfer(target, c, lex, toks):  # the leaving leads
            absorb(c, target, actors=c.type in ("Deal", "TransferDeal"), lex=lex)
            events[events.index(target)] = out[out.index(target)] = last = c
            continue
        if target is not None:  # a pointer's actors count only when they agree with the incident's
            last = target if not points_back else None  # a pointer tells on no act of its own
            absorb(target, c, actors=not points_back or compatible(target, c, lex, generic), lex=lex)
            continue
        coarse = next((e for e in reversed(events[-LOOK_BACK:]) if _at_country(e, c, toks, lex)), None)
        if coarse is not None:  # told first at the country, then placed: the mention that places it leads
            absorb(c, coarse, actors=_agree(c, coarse, lex), lex=lex)
            events[events.index(coarse)] = out[out.index(coarse)] = c
            continue
        events.append(c)
        out.append(c)
    return out
