"""Grouping: the trigger, actors, places, date and counts of one event, within a sentence or clause.

A sentence is cut at the triggers: each trigger (or run of joined triggers, هجمات وتفجيرات وكمائن) owns
the words from the previous trigger to the next (windows.py). A sentence or clause with a tally word
(حصيلة، وثقت) is an aggregate, never an event (tallies.py). In each window, the stages give the event's
roles (roles.py), places (places.py), date, counts (counts.py) and certainty (certainty.py).
"""
from __future__ import annotations

import copy

from conflictkg.core.normalise import Normalised

from . import counts, numbers, places, roles, tallies, windows
from .candidates import Candidate, Findings
from .certainty import certainty, reporter
from .context import Doc, Sentence, Window
from .incidents import GENERIC
from .match import Match, Token, tokens
from .timex import FoundDate, Published, find_dates, since_another


def find_events(norm: Normalised, lex, published: Published | None = None, outlet: str | None = None) -> Findings:
    """The candidate events and tallies of a normalised article."""
    doc = read_doc(norm, lex, published, outlet)
    return Findings(norm, doc.toks, doc.actors, doc.places, group(doc))


def read_doc(norm: Normalised, lex, published: Published | None, outlet: str | None) -> Doc:
    """The article's tokens and its actor, place, trigger and tally-word matches."""
    toks = tokens(norm)
    actors = roles.find_actors(toks, lex)
    found = places.find_places(norm, toks, lex, actors)
    nots = lex.not_event_matcher.find(toks)
    blocked = {i for m in nots for i in range(m.first, m.last + 1)}
    triggers = [m for m in lex.trigger_matcher.find(toks)
                if not any(i in blocked for i in range(m.first, m.last + 1))]
    return Doc(norm, lex, published, outlet, toks, actors, found, triggers, lex.tally_matcher.find(toks))


class _Cursor:
    """Hands out, sentence after sentence, the matches (sorted by first token) that start in it."""

    def __init__(self, ms: list[Match]):
        self.ms, self.i = ms, 0

    def take(self, lo: int, hi: int) -> list[Match]:
        j = self.i
        while j < len(self.ms) and self.ms[j].first < hi:
            j += 1
        out = [m for m in self.ms[self.i:j] if m.first >= lo]
        self.i = j
        return out


def group(doc: Doc) -> list[Candidate]:
    """The candidates of every sentence with a trigger or a tally word, in order."""
    def by_first(ms):
        return _Cursor(sorted(ms, key=lambda m: m.first))

    actors, places_, triggers, cues = (by_first(doc.actors), by_first(doc.places), by_first(doc.triggers),
                                       _Cursor(doc.tally_cues))
    out: list[Candidate] = []
    last: Candidate | None = None  # the last event, which a sentence may go on telling
    for lo, hi in windows.sentences(doc.norm, doc.toks):
        s_actors, s_places, s_trig = actors.take(lo, hi), places_.take(lo, hi), triggers.take(lo, hi)
        head = windows.heading(doc, lo, hi)
        if head:
            s_trig = [m for m in s_trig if m.first >= head]
        s_tally = cues.take(lo, hi)
        if not s_trig and not s_tally:
            continue
        made = sentence(_open_sentence(doc, lo, hi, s_actors, s_places, s_trig), s_tally, last)
        out.extend(made)
        events = [c for c in made if c.kind == "event"]
        last = events[-1] if events else (last if not s_trig else None)
    return out


def _open_sentence(doc: Doc, lo: int, hi: int, actors: list[Match], found: list[Match], trigs: list[Match]) -> Sentence:
    """What the stages need of sentence [lo, hi): its participants, reporter, dates and casualty statements."""
    t, lex = doc.toks, doc.lex
    sources = [a for a in actors if a.value.is_source]
    rep = reporter(t, lo, hi, sources, lex) or doc.outlet
    return Sentence(doc, lo, hi, roles.participants(doc, lo, actors), found, find_dates(t, lo, hi, lex, doc.pub),
                    numbers.casualties(t, lo, hi, lex), rep, trigs)


def sentence(s: Sentence, cues: list[Match], last: Candidate | None) -> list[Candidate]:
    """The tallies and events of one sentence (`cues`: its tally words; `last`: the event before it)."""
    found = tallies.take(s, cues)
    if not s.trigs:
        return found
    if last is not None and _goes_on(s, last) and not s.trigs:
        return found
    keep = _distinct(s)
    groups = windows.runs(keep, s.doc.toks)
    events = _events(s, groups)
    _lost_to(events)
    return found + events


def _definite(m: Match, t: list[Token]) -> bool:
    """Whether the trigger is definite (الهجوم، هذا الهجوم): it points back at an act told already."""
    word = t[m.first].text
    for pre in ("و", "ف", "ب", "ل", "ك"):
        if word.startswith(pre + "ال"):
            word = word[len(pre):]
    prev = t[m.first - 1].text if m.first > 0 else ""
    return word.startswith("ال") or prev in ("هذا", "هذه", "ذلك", "تلك")


def _goes_on(s: Sentence, last: Candidate) -> bool:
    """"وأدى الهجوم إلى مقتل …" opening the sentence: the same attack as the last event, told on. Its counts go
    to that event, and its trigger and counts are taken out of `s`."""
    m0 = s.trigs[0]
    if not (m0.value.type == last.type and _definite(m0, s.doc.toks) and m0.first - s.lo <= 3):
        return False
    nxt = s.trigs[1].first if len(s.trigs) > 1 else s.hi
    counts.carry_over(s, last, m0.last, nxt)
    s.trigs = s.trigs[1:]
    s.cas = [k for k in s.cas if not m0.last < k.first < nxt]
    return True


def _distinct(s: Sentence) -> list[Match]:
    """The triggers that name an act of their own: weak triggers only where no strong trigger shares the
    comma clause, and no second word for the same act."""
    doc, t, actors = s.doc, s.doc.toks, s.actors
    heads = doc.grammar.heads
    strong = [m for m in s.trigs if not m.value.weak and not windows.under_way(doc, s.lo, m)]
    keep: list[Match] = []
    for m in s.trigs:
        if m.value.weak and any(windows.same_clause(doc, m, x) for x in strong):
            continue
        # "شن هجمات ...، استهدفت مواقع ...": استهدف continues the attack before it
        if m.value.weak and keep and not any(keep[-1].last < a.first < m.first for a in actors):
            continue
        # "الهجوم" / "هذا الهجوم" after a هجوم of the same sentence is the same attack (anaphora)
        if keep and any(k.value.type == m.value.type for k in keep) and _definite(m, t):
            continue
        # "قصفت طائرات بلا طيار مواقع …": the aircraft right after a word of bombardment are its subject: one
        # act, an air strike
        if keep and m.value.type == "AirStrike" and keep[-1].value.type in ("Shelling", "Attack") and \
                m.first == keep[-1].last + 1:
            keep[-1] = m
            continue
        # "الانسحاب … بموجب اتفاق استسلام"، "في إطار اتفاقات الإجلاء": an agreement named as the frame of a departure
        # told before it in the sentence is that departure's basis, not an act of its own (ACLED: a deal and the
        # departures under it are one event); not of a recapture (استعادت … بموجب اتفاقات مصالحة: told apart)
        if m.value.type in ("Deal", "TransferDeal") and any(k.value.type in DEPARTURES for k in keep) and _framed(m, t):
            continue
        # "اعتقال 17 … بعمليات أمنية": an act named with ب after another is the means of that one
        if keep and windows.same_clause(doc, keep[-1], m) and roles.prepositional(m, t, heads, "ب"):
            continue
        # بقصف قرى ... بقذائف: a second word of the same kind in the same clause, no new actor between
        if keep and keep[-1].value.type == m.value.type and windows.same_clause(doc, keep[-1], m) and \
                not any(keep[-1].last < a.first < m.first for a in actors):
            continue
        keep.append(m)
    return keep


# the words that name an agreement as the frame of an act (بموجب، في إطار، وفق، وفقا ل، ضمن), folded
FRAME = ("بموجب", "اطار", "وفق", "وفقا", "ضمن")
# the acts of leaving a place that an agreement may be the frame of
DEPARTURES = ("Withdrawal", "TransferDeal", "TerritoryHandover", "Surrender", "Displacement")


def _framed(m: Match, t: list[Token]) -> bool:
    """Whether one of the two words before the trigger is a word of frame (بموجب اتفاق، في إطار اتفاقات الإجلاء،
    وفق اتفاق، ضمن تسوية)."""
    return any(x.text.lstrip("و") in FRAME for x in t[max(0, m.first - 2):m.first])


def _events(s: Sentence, groups: list[list[Match]]) -> list[Candidate]:
    """One candidate per trigger of each run, in its run's window; "كل من X وY" gives one per actor."""
    during = [windows.under_way(s.doc, s.lo, g[0]) for g in groups]
    spans = windows.spans(groups, during, s.lo, s.hi)
    out: list[Candidate] = []
    prev = None
    for gi, (g, (wlo, whi)) in enumerate(zip(groups, spans)):
        cands = [event(Window(s, m, g, wlo, whi, prev, first=gi == 0, during=during[gi])) for m in g]
        for c in cands:
            out.extend(_each(c))
        prev = cands[-1] if cands else prev
    return out


def _each(c: Candidate) -> list[Candidate]:
    """"كل من X وY" did it: one event for each of them."""
    if not (c.each and len(c.perpetrator) > 1):
        return [c]
    out = []
    for who in c.perpetrator:
        one = copy.copy(c)
        one.perpetrator, one.target = [who], [x for x in c.target if x != who]
        one.counts = list(c.counts)
        out.append(one)
    return out


def _lost_to(events: list[Candidate]) -> None:
    """"سيطرت X على … بعد اشتباكات مع Y" / "… بعد انسحاب Y منها": Y lost the place."""
    for c in events:
        if c.type == "Capture" and not c.target:
            for o in events:
                if o.type == "ArmedClash":
                    c.target = [x for x in o.party if x not in c.perpetrator]
                elif o.type == "Withdrawal":
                    c.target = [x for x in o.perpetrator + o.party if x not in c.perpetrator]
                if c.target:
                    break


def event(w: Window) -> Candidate:
    """The candidate event of one trigger in its window: roles, places, date, counts, certainty."""
    m, t, lex = w.trigger, w.toks, w.lex
    c = Candidate("event", m.value.type, m.surface, m.first, m.last, head=m.first)
    # "هجوم دوما"، "تفجير دمشق": an indefinite noun of attack before a place name is definite by the construct (إضافة):
    # the incident of that place, told of, not told anew
    c.named = m.value.type in GENERIC and not m.value.verb and not t[m.first].text.startswith(("ال", "وال")) \
        and any(p.first == m.last + 1 for p in w.s.places)
    w.used += [m.first, m.last]
    roles.assign(w, c)
    _chemical(w, c)
    places.choose(w, c)
    if c.type == "TransferDeal" and not (c.from_ and c.to):
        c.type = "Deal"  # an evacuation that does not say from where to where: still an agreement
    _date(w, c)
    counts.add(w, c)
    c.first, c.last = max(min(w.used), w.lo), min(max(w.used), w.hi - 1)
    c.certainty, c.cue = certainty(t, w.lo, w.hi, lex)
    if c.cue is None:
        c.certainty, c.cue = certainty(t, max(w.lo - 12, 0), m.first, lex)
    c.reporter = w.s.rep
    roles.accusation(w, c)
    return c


CHEMICAL_CARRIERS = ("Attack", "Shelling", "AirStrike", "Bombing")


def _chemical(w: Window, c: Candidate) -> None:
    """"الهجوم المفترض بالسلاح الكيميائي"، "هجوم بغاز سام": an attack, shelling, strike or bombing whose means,
    named with ب within three words after the trigger, is a chemical weapon is a chemical attack."""
    if c.type not in CHEMICAL_CARRIERS:
        return
    m, t = w.trigger, w.toks
    for i in range(m.last + 1, min(m.last + 4, w.hi)):
        x = w.lex.chemical_matcher.at(t, i)
        if x is not None and x.last < w.hi and t[i].text.lstrip("وف").startswith("ب"):
            c.type = "ChemicalAttack"
            w.used += [x.first, x.last]
            return


def unnamed_strikers(cands: list[Candidate], g) -> None:
    """A strike, shelling or bombing whose side no mention names (merged already) gets the unidentified armed
    group as perpetrator, as ACLED codes it (grammar.yaml unnamed_striker)."""
    for c in cands:
        if c.kind == "event" and not c.perpetrator and c.type in g.unnamed_strike_types and g.unnamed_striker:
            c.perpetrator = [g.unnamed_striker]


def _date(w: Window, c: Candidate) -> None:
    """The date in the window, else in the sentence, nearest the trigger; not the date of another thing named
    after منذ (للمرة الأولى منذ وقف إطلاق النار عام 2017: timex.since_another)."""
    m, pub = w.trigger, w.doc.pub
    dates = [d for d in w.s.dates if not since_another(w.toks, d, w.doc.norm.text, m.first)]
    ds = [d for d in dates if w.lo <= d.first and d.last < w.hi] or dates
    if ds:
        c.date = min(ds, key=lambda d: abs(d.first - m.first))
        if w.lo <= c.date.first and c.date.last < w.hi:
            w.used += [c.date.first, c.date.last]
    elif pub is not None and pub.precision in ("day", "month"):
        # news reports what is recent: an undated event is dated to the month of publication
        month = pub.latest.strftime("%Y-%m")
        c.date = FoundDate(m.first, m.first, month, "month",
                           f"no date in the sentence: the month of publication ({pub.label})")
        c.date_stated = False
