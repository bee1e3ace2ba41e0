"""Roles: which actors take part, who did the act and to whom, and whose casualties a count gives.

The actor before a noun trigger is its perpetrator, and those after it are targets; a verb's subject may
follow it (سيطرت قوات سورية الديمقراطية على ...), as may the agent of a noun (حملة عسكرية لقوات النظام).
A clash makes every actor a party.
"""
from __future__ import annotations

import re
from itertools import pairwise

from conflictkg.core.normalise import fold

from .candidates import Candidate, uniq
from .context import Doc, Window
from .match import Match, Token
from .numbers import Casualty


def find_actors(toks: list[Token], lex) -> list[Match]:
    """The actors named. A form that stands for an actor only in context (its `context` in the lexicon)
    counts only where that actor, or one it is part of, is named by a form of its own."""
    raw = lex.actor_matcher.find(toks)
    named = {m.value.id for m in raw if m.value.context is None}
    named |= {parent for aid in list(named) for parent in lex.actors.get(aid, {}).get("part_of") or []}
    return [m for m in raw if m.value.context is None or m.value.context in named]


def participants(doc: Doc, lo: int, actors: list[Match]) -> list[Match]:
    """The actors of a sentence that may take part: not sources; not the side supported ("لدعم القوات
    الحكومية"), which is no participant of the act; nor the side that holds a place ("القريبة من مناطق سيطرة
    داعش"), which only says where; nor Y in "X التابعة لـ Y", which only says whose X is."""
    t, g = doc.toks, doc.grammar
    ends = {a.last for a in actors}
    return [a for a in actors if not a.value.is_source
            and not any(x.text in g.support for x in t[max(lo, a.first - 2):a.first])
            and not _landmark_holder(doc, lo, a)
            and not (a.first >= 2 and t[a.first - 1].text in g.belongs and a.first - 2 in ends)]


def _landmark_holder(doc: Doc, lo: int, a: Match) -> bool:
    """Whether the actor holds a place named as a landmark (قرية زينون القريبة من مناطق سيطرة داعش): a near
    word (places.yaml patterns.near), at most two words, then a phrase of holding (grammar.yaml held_by). Not
    the holder of the place struck or taken (قصفت قرى خاضعة لسيطرة قسد: قسد is the target)."""
    t = doc.toks
    if a.first - 2 < lo or " ".join(x.text for x in t[a.first - 2:a.first]) not in doc.grammar.held_by:
        return False
    near = {fold(x) for x in doc.lex.patterns.get("near") or ()}
    return any(x.text in near for x in t[max(lo, a.first - 5):a.first - 2])


def is_side(doc: Doc, k: Casualty, a: Match, strict: bool = True) -> bool:
    """Whether actor `a` is the side of casualty statement `k`: named right after the number, behind
    من / في صفوف / بين (مقتل 13 عنصراً من قوات النظام), with no other act between."""
    if not k.side_from <= a.first <= k.side_from + 6:
        return False
    if any(k.side_from <= m.first < a.first for m in doc.triggers):
        return False  # another act comes between: بانفجار لغم من مخلفات داعش
    if not strict:
        return True
    before = doc.toks[a.first - 1].text if a.first > 0 else ""
    head = doc.toks[a.first].text
    return a.first == k.side_from or before in doc.grammar.side_words or head.startswith(("من", "بين"))


def side_of(doc: Doc, k: Casualty, actors: list[Match]) -> str | None:
    """The actor id of the side of casualty statement `k`, when one of `actors` is it."""
    return next((a.value.id for a in actors if is_side(doc, k, a)), None)


def prepositional(a: Match, t: list[Token], heads, letters: str = "لب") -> bool:
    """Whether the match is governed by a clitic preposition (لقوات، بقوات، لقوات قسد): a recipient, not a
    subject. `heads` are the nouns the preposition may sit on (قوات، عناصر …)."""
    if a.first > 0:
        head = t[a.first - 1].text
        head = head[1:] if head[:1] in "وف" else head
        if head[:1] in letters and head[1:] in heads:
            return True
    word = t[a.first].text
    if word[:1] in "وف":
        word = word[1:]
    return word[:1] in letters and not a.phrase.startswith(word[:1]) and not word.startswith("ال")


def _coordinated(ms: list[Match], t: list[Token]) -> list[Match]:
    """The first actor and those joined to it by و (قوات النظام وقوات سورية الديمقراطية)."""
    out = [ms[0]]
    for a, b in pairwise(ms):
        lo, hi = sorted((a, b), key=lambda x: x.first)
        joined = (hi.first == lo.last + 1 and t[hi.first].text.startswith("و")) or \
            (hi.first == lo.last + 2 and t[lo.last + 1].text in ("و", "كل", "من"))
        if not joined:
            break
        out.append(b)
    return out


# ---------------------------------------------------------------------- the roles of one event
def assign(w: Window, c: Candidate) -> None:
    """Perpetrator and target, or parties, of the event of window `w`; an attack by aircraft becomes an
    air strike."""
    actors, g = w.s.actors, w.g
    gfirst, glast = w.group[0].first, w.group[-1].last
    sides = {a.first for a in actors for k in w.s.cas if is_side(w.doc, k, a, strict=False)}
    before = [a for a in actors if w.lo <= a.first and a.last < gfirst and a.first not in sides]
    side_before = [a for a in actors if w.lo <= a.first and a.last < gfirst and a.first in sides]
    overlap = [a for a in actors if a.first <= glast and a.last >= gfirst]
    after = [a for a in actors if a.first > glast and a.last < w.hi]
    if w.trigger.value.type in g.clash:
        _parties(w, c, before + overlap + after)
        return
    # civilians before a violent act are its victims (مقتل 27 مدنيا في ضربات جوية شنتها قوات النظام): the agent is
    # looked for after the trigger
    victims = [a for a in before if _civilian(a.value.id, w.lex)] if w.trigger.value.type in g.violent else []
    perp = list(overlap)
    targets = victims + _agent(w, perp, [a for a in before if a not in victims], after)
    if perp:
        joint = [a for a in targets if any(x.text in g.with_ for x in w.toks[max(w.lo, a.first - 3):a.first])]
        perp += joint
        targets = [a for a in targets if a not in joint]
    targets = side_before + [a for a in targets if a not in side_before]
    # "هجوم كيماوي اتهم النظام السوري بتنفيذه": the actor said to have done it is the perpetrator
    deed = [a for a in after if a.last + 1 < len(w.toks) and w.toks[a.last + 1].text in g.deed_words]
    if deed:
        perp = deed
        targets = [a for a in targets + [x for x in overlap if x not in deed] if a not in deed]
    _fill(w, c, perp, targets)
    if c.type in g.violent:  # civilians are never the side that strikes (ACLED codes them actor2 only)
        c.target = uniq([x for x in c.perpetrator if _civilian(x, w.lex)] + c.target)
        c.perpetrator = [x for x in c.perpetrator if not _civilian(x, w.lex)]
    w.used += [x for a in perp + targets for x in (a.first, a.last)]
    if c.type in ("Attack", "Shelling") and any(a in perp for a in overlap + actors) and \
            any(x in fold(a.phrase) for a in perp for x in g.aircraft):
        c.type = "AirStrike"  # an attack by aircraft is an air strike
    elif c.type in ("Attack", "Shelling") and c.perpetrator and c.perpetrator[0] in g.air_arms and \
            not any(fold(x.text) in g.ground_fire for x in w.toks[w.lo:w.hi]):
        c.type = "AirStrike"  # the bombardment or attack of a side whose arm in Syria is its air force


def _civilian(actor: str, lex) -> bool:
    """Whether the actor is a group of civilians (seeds/actors.yaml class CivilianGroup)."""
    return (lex.actors.get(actor) or {}).get("class") == "CivilianGroup"


def _parties(w: Window, c: Candidate, parties: list[Match]) -> None:
    """A clash: every actor named is a party; with fewer than two, the previous event's actors join."""
    c.party = uniq(a.value.id for a in parties)
    if len(c.party) < 2 and w.prev is not None:
        c.party = uniq(c.party + w.prev.perpetrator + w.prev.target + w.prev.party)
    w.used += [x for a in parties for x in (a.first, a.last)]


def _agent(w: Window, perp: list[Match], before: list[Match], after: list[Match]) -> list[Match]:
    """Adds the agent to `perp` (which holds the actors inside the trigger) and gives the targets."""
    m, t, g, prev = w.trigger, w.toks, w.g, w.prev
    etype, glast = m.value.type, w.group[-1].last
    genitive = [a for a in after if a.first == glast + 1 and not m.value.verb
                and not prepositional(a, t, g.heads, "ب")] or _agent_of_noun(w, after)
    if genitive and not m.value.weak and etype not in g.object_genitive:
        # حملة عسكرية لقوات النظام، هجمات التنظيم: the actor right after a noun is its agent
        perp += _coordinated(genitive + [a for a in after if a not in genitive], t)
        return [a for a in after if a not in perp]
    if before and prev is not None and prev.perpetrator and etype in g.violent and prev.type in g.violent \
            and {a.value.id for a in before} <= set(prev.target):
        # "… مستهدفاً قوات النظام، ويباغتهم بهجمات": the same attacker goes on against the same side
        return before + after
    if before:
        perp += _coordinated(before[::-1], t)[::-1]
        return after
    if after:
        subject = _subject_after(w, after)
        perp += subject
        return [a for a in after if a not in subject]
    return []


def _agent_of_noun(w: Window, after: list[Match]) -> list[Match]:
    """The agent of a noun of an act named with ل after one or two of its adjectives (قصف جوي مكثف لقوات النظام
    السوري، غارات عنيفة للنظام): a verbal noun's agent (إضافة by ل), as right after the noun (غارات للنظام)."""
    m, t = w.trigger, w.toks
    if m.value.verb or not after:
        return []
    a = after[0]
    gap = [x.text for x in t[w.group[-1].last + 1:a.first]]
    word = t[a.first].text
    if not (word[:1] == "ل" and not a.phrase.startswith("ل")) or not 1 <= len(gap) <= 2:
        return []
    return [a] if all(_MANNER.match(x) for x in gap) else []


# the adjectives of an act that may stand between its noun and its agent (جوي، مدفعي، مكثف، عنيف، متواصل), folded;
# a noun there (مواقع لقوات النظام، غرفة عمليات لتنظيم داعش) makes the actor the owner of what was hit
_MANNER = re.compile(r"^(?:ال)?(?:جوي|مدفعي|صاروخي|مكثف|كثيف|عنيف|متواصل|عسكري|واسع|جديد|اخير|مباغت|مفاجي)(?:ه|ين|تين|ان)?$")


def _subject_after(w: Window, after: list[Match]) -> list[Match]:
    """The agent named after the trigger: a verb's subject, the actor that moved, or the agent after a short
    gap (هجوم نفذته خلايا …); none when the actors after it are its objects (استهدف … قوات النظام)."""
    m, t, g = w.trigger, w.toks, w.g
    first_after = after[0]
    gap = [x.text[1:] if x.text[:1] in "وف" and len(x.text) > 3 else x.text
           for x in t[w.group[-1].last + 1:first_after.first]]
    moved = m.value.type in g.no_target and len(gap) <= 3 and not (set(gap) & g.against)
    agentive = len(gap) <= 4 and bool(set(gap) & g.agent_verbs)  # هجوم نفذته خلايا …
    agentive = agentive or (len(gap) <= 5 and gap[-2:] == ["من", "قبل"])  # لهجوم كبير من قبل القوات التركية
    if not prepositional(first_after, t, g.heads) and (m.value.verb or moved or agentive
                                                       or (len(gap) <= 1 and not (set(gap) & g.against))
                                                       or (len(gap) <= 3 and gap and set(gap) <= g.agent_gap)):
        return _coordinated(after, t)
    return []


def _fill(w: Window, c: Candidate, perp: list[Match], targets: list[Match]) -> None:
    """The candidate's perpetrator and target ids, carried over from the previous event where missing, and
    reshaped as the type asks (no target for movements, parties for deals)."""
    etype, g, prev = w.trigger.value.type, w.g, w.prev
    c.perpetrator = uniq(a.value.id for a in perp)
    if perp:
        p0 = min(a.first for a in perp)
        c.each = p0 >= 2 and [x.text for x in w.toks[p0 - 2:p0]] == ["كل", "من"]
    c.target = [x for x in uniq(a.value.id for a in targets) if x not in c.perpetrator]
    if not c.perpetrator and prev is not None and prev.perpetrator and etype not in g.no_target | {"Ambush"}:
        c.perpetrator = list(prev.perpetrator)
        c.target = [x for x in c.target if x not in c.perpetrator]
    if not c.target and prev is not None and prev.target and etype in g.violent and prev.type in g.violent \
            and (not c.perpetrator or c.perpetrator == prev.perpetrator):
        # a series of acts in one sentence against the same side (ينصب الكمائن ويباغتهم بهجمات)
        c.perpetrator = c.perpetrator or list(prev.perpetrator)
        c.target = [x for x in prev.target if x not in c.perpetrator]
    if etype in g.no_target:
        c.target = [] if etype != "Capture" else c.target
    if etype in g.party_types:
        c.party, c.perpetrator, c.target = uniq(c.perpetrator + c.target), [], []


def accusation(w: Window, c: Candidate) -> None:
    """An alleged event with an accusation cue (اتهمت X …): the claim of the actor named right after it."""
    if not (c.certainty == "alleged" and c.cue and fold(c.cue).lstrip("و").startswith(("اتهم", "اتهام"))):
        return
    cues = w.lex.certainty_matcher.find(w.toks, max(w.lo - 12, 0), w.hi)
    cue = next((x for x in cues if x.surface == c.cue), None)
    by = next((a.value.id for a in w.s.actors if cue and cue.last < a.first <= cue.last + 2), None)
    against = (c.perpetrator or c.party or [None])[0]
    if by and against and by != against:
        c.claim = {"kind": "accusation", "by": by, "against": against}
