"""Grouping: the trigger, actors, places, date and counts of one event, within a sentence or clause.

A sentence is cut at the triggers: each trigger (or run of joined triggers, هجمات وتفجيرات وكمائن) owns
the words from the previous trigger to the next. The actor before a noun trigger is its perpetrator, and
those after it are targets; a verb's subject may follow it (سيطرت قوات سورية الديمقراطية على ...). A clash
makes every actor a party. A sentence with a tally word (حصيلة، وثقت) is an aggregate, never an event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import numbers
from .certainty import certainty, reporter
from .timex import FoundDate, Published, find_dates
from .match import Match, Token, tokens
from conflictkg.core.normalise import Normalised, fold

_SENTENCE = re.compile(r"[.!?؟؛\n]+|\s[-–—](?=\S)|:\s")


@dataclass
class Candidate:
    kind: str                    # event | tally
    type: str
    trigger: str                 # the folded trigger words
    first: int                   # token span of the evidence
    last: int
    perpetrator: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    party: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    from_: list[str] = field(default_factory=list)
    to: list[str] = field(default_factory=list)
    date: FoundDate | None = None
    counts: list[dict] = field(default_factory=list)
    fighters: dict | None = None
    certainty: str = "reported"
    cue: str | None = None
    reporter: str | None = None
    claim: dict | None = None
    each: bool = False           # "كل من X وY": each of them did it, one event each


@dataclass
class Analysis:
    norm: Normalised
    toks: list[Token]
    actors: list[Match]          # every actor match (context resolved), sources included
    places: list[Match]
    candidates: list[Candidate]


def sentences(norm: Normalised, toks: list[Token]) -> list[tuple[int, int]]:
    """Token ranges [lo, hi) of the sentences (and headline fragments) of the text."""
    bounds, lo = [], 0
    cuts = [m.start() for m in _SENTENCE.finditer(norm.text)]
    ci = 0
    for i, t in enumerate(toks):
        while ci < len(cuts) and cuts[ci] < t.start:
            if i > lo:
                bounds.append((lo, i))
            lo = i
            ci += 1
    if len(toks) > lo:
        bounds.append((lo, len(toks)))
    return bounds


def _uniq(xs):
    out = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


class _Grouper:
    def __init__(self, norm: Normalised, lex, published: Published | None, outlet: str | None):
        self.norm, self.lex, self.pub, self.outlet = norm, lex, published, outlet
        self.g = lex.grammar
        self.toks = tokens(norm)
        t = self.toks
        raw = lex.actor_matcher.find(t)
        named = {m.value.id for m in raw if m.value.context is None}
        named |= {parent for aid in list(named) for parent in lex.actors.get(aid, {}).get("part_of") or []}
        self.actors = [m for m in raw if m.value.context is None or m.value.context in named]
        self._anaphora = self.g.anaphora
        in_actor = {i for a in self.actors for i in range(a.first, a.last + 1)}
        # a name with tanween (عسكرياً سورياً) is an adjective: places are definite or diptote
        in_actor |= {tk.index for tk in t if "\u064b" in norm.source[norm.starts[tk.start]:norm.starts[tk.end]]}
        self.places = [p for p in self._places(lex.place_matcher.find(t)) if p.first not in in_actor
                       and p.last not in in_actor]
        self.places = self._anaphoric(self.places)
        self.triggers = self._triggers()
        self.tally_cues = lex.tally_matcher.find(t)
        self.last_event: Candidate | None = None

    # ------------------------------------------------------------------ places and their patterns
    def _lead(self, i: int) -> str | None:
        """The pattern word at token i (ريف، بادية، شرقي …, clitics off): its composite lead, or None."""
        if i < 0:
            return None
        w = self.toks[i].text
        for stem in (w, w[1:] if w[:1] in "وفبل" else w, w[2:] if w[:2] in ("وب", "فب", "ول") else w):
            if stem in self.lex.pattern_before:
                return self.lex.pattern_before[stem]
        return None

    def _places(self, found: list[Match]) -> list[Match]:
        """Places, grown by their pattern words into the registry place they name: ريف X الشرقي, بادية X،
        شرقي X; "غربي وشرقي X" gives both; "بادية X وY" carries بادية over to Y."""
        lex, t = self.lex, self.toks
        out: list[Match] = []
        prev_lead, prev_last = None, -9
        for m in found:
            pid, first, last = m.value, m.first, m.last
            leads: list[str] = []
            lead = self._lead(first - 1)
            if lead is not None:
                first -= 1
                leads.append(lead)
                # غربي وشرقي X
                if t[first].text.startswith("و") and self._lead(first - 1):
                    leads.insert(0, self._lead(first - 1))
                    first -= 1
            elif prev_lead and first == prev_last + 1 and t[first].text.startswith("و"):
                leads.append(prev_lead)  # بادية بقرص والميادين
            prev_lead, prev_last = (leads[-1] if leads else None), m.last
            made = []
            for lead in [x for x in leads if x]:
                best = None
                for name in lex.place_names.get(pid, [fold(m.phrase)]):
                    for tail in [""] + [" " + a for a in lex.pattern_after]:
                        n = len(tail.split())
                        if tail and " ".join(x.text for x in t[m.last + 1:m.last + 1 + n]) != tail.strip():
                            continue
                        pid2 = lex.place_by_name.get(f"{lead} {name}{tail}")
                        if pid2 and (best is None or n > best[1]):
                            best = (pid2, n)
                if best:
                    made.append((best[0], m.last + best[1]))
            if not made:
                made = [(pid, last)]
            for p, l in made:
                out.append(Match(p, first, l, t[first].start, t[l].end, m.surface, m.phrase))
        return out

    def _anaphoric(self, places: list[Match]) -> list[Match]:
        """المحافظة، المدينة، المنطقة: the place of that kind named last before it."""
        lex, t = self.lex, self.toks
        taken = {i for p in places for i in range(p.first, p.last + 1)}
        out, pi = list(places), 0
        ordered = sorted(places, key=lambda p: p.first)
        for tk in t:
            if tk.index in taken:
                continue
            w = tk.text
            for pre in ("و", "ف", "ب", "ل"):
                if w.startswith(pre) and w[len(pre):].startswith("ال"):
                    w = w[len(pre):]
            if w.startswith("لل"):
                w = "ال" + w[2:]
            classes = self._anaphora.get(w)
            if classes is None:
                continue
            # the next word must not name a place itself (المدينة الفلانية is matched already)
            before = [p for p in ordered if p.last < tk.index and lex.places.get(p.value, {}).get("class") in classes]
            # a place introduced with the same noun (منطقة تلول الصفا … المنطقة) is the one meant
            noun = w[2:]
            introduced = [p for p in before if t[p.first].text == noun or (p.first > 0 and t[p.first - 1].text == noun)]
            if introduced or before:
                p = (introduced or before)[-1]
                out.append(Match(p.value, tk.index, tk.index, tk.start, tk.end, tk.text, p.phrase))
        return sorted(out, key=lambda p: p.first)

    def _triggers(self) -> list[Match]:
        nots = self.lex.not_event_matcher.find(self.toks)
        blocked = {i for m in nots for i in range(m.first, m.last + 1)}
        return [m for m in self.lex.trigger_matcher.find(self.toks)
                if not any(i in blocked for i in range(m.first, m.last + 1))]

    # ------------------------------------------------------------------ per sentence
    def run(self) -> list[Candidate]:
        out: list[Candidate] = []
        by_first = lambda ms: sorted(ms, key=lambda m: m.first)  # noqa: E731
        ai = pi = ti = ci = 0
        actors, places, triggers = by_first(self.actors), by_first(self.places), by_first(self.triggers)
        for lo, hi in sentences(self.norm, self.toks):
            def take(ms, i):
                j = i
                while j < len(ms) and ms[j].first < hi:
                    j += 1
                return [m for m in ms[i:j] if m.first >= lo], j
            s_actors, ai = take(actors, ai)
            s_places, pi = take(places, pi)
            s_trig, ti = take(triggers, ti)
            head = self._heading(lo, hi)
            if head:
                s_trig = [m for m in s_trig if m.first >= head]
            s_tally, ci = take(self.tally_cues, ci)
            if not s_trig and not s_tally:
                continue
            made = self.sentence(lo, hi, s_actors, s_places, s_trig, s_tally)
            out.extend(made)
            events = [c for c in made if c.kind == "event"]
            self.last_event = events[-1] if events else (self.last_event if not s_trig else None)
        return out

    def sentence(self, lo, hi, actors, places, trigs, tally) -> list[Candidate]:
        lex, t = self.lex, self.toks
        sources = [a for a in actors if a.value.is_source]
        # "لدعم القوات الحكومية": the side supported is not a participant of the act; nor is Y in
        # "X التابعة لـ Y", which only says whose X is
        ends = {a.last for a in actors}
        actors = [a for a in actors if not a.value.is_source
                  and not any(x.text in self.g.support for x in t[max(lo, a.first - 2):a.first])
                  and not (a.first >= 2 and t[a.first - 1].text in self.g.belongs and a.first - 2 in ends)]
        rep = reporter(t, lo, hi, sources, lex) or self.outlet
        dates = find_dates(t, lo, hi, lex, self.pub)
        cas = numbers.casualties(t, lo, hi, lex)
        tallies: list[Candidate] = []
        # a large toll (50 or more) beside plural event words (هجمات، تفجيرات، كمائن) sums many events
        plural = [m for m in trigs if fold(m.surface).split()[-1].endswith(("ات", "ايات")) or
                  fold(m.surface).split()[-1] in self.g.plurals]
        if plural:
            for k in cas:
                if k.kind == "killed" and k.number is not None and k.number.lower >= self.g.large_toll:
                    tally = list(tally) + [Match(True, k.first, k.last, t[k.first].start, t[k.last].end, "", "")]
        # "مقتل 74 … في 19 هجوماً": a toll beside a count of operations sums many events
        if any(k.kind == "killed" and k.number is not None for k in cas):
            in_dates = {j for d in dates for j in range(d.first, d.last + 1)}
            for m in trigs:
                j = m.first - 1
                num = numbers.number_at(t, j, lex) if j >= lo and j not in in_dates else None
                if num is not None and num.last == j and num.lower >= 2:
                    tally = list(tally) + [m]
        for cue in tally:
            # the clause of the tally word is an aggregate: its triggers and numbers make no event
            clo, chi = self._clause(cue.first, lo, hi)
            near = [k for k in cas if k.kind == "killed" and k.number is not None and abs(k.first - cue.first) <= 15]
            if near:  # the number may sit in the clause next to the tally word
                klo, khi = self._clause(near[0].first, lo, hi)
                clo, chi = min(clo, klo), max(chi, khi)
            found = self._tally(clo, chi, [a for a in actors if clo <= a.first < chi],
                                [p for p in places if clo <= p.first < chi], dates,
                                [k for k in cas if clo <= k.first < chi], rep)
            tallies += found
            if found or any(k.kind == "killed" and k.number is not None and clo <= k.first < chi for k in cas):
                trigs = [m for m in trigs if not clo <= m.first < chi]
                cas = [k for k in cas if not clo <= k.first < chi]
        if not trigs:
            return tallies
        # "وأدى الهجوم إلى مقتل …" opening the next sentence: the same attack, told on
        last = self.last_event
        if trigs and last is not None and trigs[0].value.type == last.type and _definite(trigs[0], t) and \
                trigs[0].first - lo <= 3:
            m0 = trigs[0]
            nxt = trigs[1].first if len(trigs) > 1 else hi
            for k in cas:
                if m0.last < k.first < nxt and not any(c["kind"] == k.kind for c in last.counts):
                    side = next((a.value.id for a in actors if self._is_side(k, a)), None)
                    last.counts.append({"kind": k.kind, **({"side": side} if side else {}),
                                        **(k.number.spec if k.number else {})})
            trigs = trigs[1:]
            cas = [k for k in cas if not m0.last < k.first < nxt]
            if not trigs:
                return tallies
        # weak triggers only where no strong trigger shares the comma clause
        strong = [m for m in trigs if not m.value.weak
                  and not any(x.text in self.g.during for x in t[max(lo, m.first - 3):m.first])]
        keep = []
        for m in trigs:
            if m.value.weak and any(self._same_clause(m, s) for s in strong):
                continue
            # "شن هجمات ...، استهدفت مواقع ...": استهدف continues the attack before it
            if m.value.weak and keep and not any(keep[-1].last < a.first < m.first for a in actors):
                continue
            # "الهجوم" / "هذا الهجوم" after a هجوم of the same sentence is the same attack (anaphora)
            if keep and any(k.value.type == m.value.type for k in keep) and _definite(m, t):
                continue
            # "اعتقال 17 … بعمليات أمنية": an act named with ب after another is the means of that one
            if keep and self._same_clause(keep[-1], m) and _prep(m, t, self.g.heads, "ب"):
                continue
            # بقصف قرى ... بقذائف: a second word of the same kind in the same clause, no new actor between
            if keep and keep[-1].value.type == m.value.type and self._same_clause(keep[-1], m) and \
                    not any(keep[-1].last < a.first < m.first for a in actors):
                continue
            keep.append(m)
        # runs of joined triggers share one window: هجمات وتفجيرات وكمائن
        groups: list[list[Match]] = []
        for m in keep:
            if groups and m.first - groups[-1][-1].last <= 1 and t[m.first].text.startswith("و"):
                groups[-1].append(m)
            else:
                groups.append([m])
        # an activity under way ("أثناء تنفيذهم عمليات تمشيط") is an event of its own, but does not end the
        # clause of the event it is the background of: that event's places and casualties come after it
        during = [any(x.text in self.g.during for x in t[max(lo, g[0].first - 3):g[0].first]) for g in groups]
        out, prev = [], None
        for gi, g in enumerate(groups):
            wlo = groups[gi - 1][-1].last + 1 if gi else lo
            nxt = next((j for j in range(gi + 1, len(groups)) if not during[j]), None)
            whi = groups[nxt][0].first if nxt is not None else hi
            if during[gi] and gi + 1 < len(groups):
                whi = groups[gi + 1][0].first
            cands = [self._event(m, g, wlo, whi, actors, places, dates, cas, rep, prev, first=gi == 0,
                                 during=during[gi]) for m in g]
            for c in cands:
                if c.each and len(c.perpetrator) > 1:
                    import copy
                    for who in c.perpetrator:
                        one = copy.copy(c)
                        one.perpetrator, one.target = [who], [x for x in c.target if x != who]
                        one.counts = list(c.counts)
                        out.append(one)
                else:
                    out.append(c)
            prev = cands[-1] if cands else prev
        # "سيطرت X على … بعد اشتباكات مع Y" / "… بعد انسحاب Y منها": Y lost the place
        for c in out:
            if c.type == "Capture" and not c.target:
                for o in out:
                    if o.type == "ArmedClash":
                        c.target = [x for x in o.party if x not in c.perpetrator]
                    elif o.type == "Withdrawal":
                        c.target = [x for x in o.perpetrator + o.party if x not in c.perpetrator]
                    if c.target:
                        break
        return tallies + out

    def _at(self, i: int) -> Match:
        t = self.toks[i]
        return Match(None, i, i, t.start, t.end, t.text, t.text)

    def _place_in_focus(self, m: Match) -> list[str]:
        import bisect

        if not hasattr(self, "_place_ends"):
            self._place_ends = sorted((p.last, i) for i, p in enumerate(self.places))
        k = bisect.bisect_left(self._place_ends, (m.first, -1)) - 1
        if k < 0:
            return []
        p = self.places[self._place_ends[k][1]]
        if "\n" in self.norm.text[p.end:m.start]:
            return []
        return [p.value]

    def _heading(self, lo: int, hi: int) -> int:
        """Where the story starts when the sentence opens with a heading after a dash (0 if it does not)."""
        t, text = self.toks, self.norm.text
        before = text[max(0, t[lo].start - 3):t[lo].start]
        if "-" not in before and "–" not in before:
            return 0
        for k in range(lo + 2, min(hi, lo + self.g.heading_words + 1)):
            w = t[k].text
            if w in self.g.clause_openers or (w[:1] in "وف" and w[1:] in self.g.clause_openers):
                return k
        return 0

    def _is_side(self, k, a: Match, strict: bool = True) -> bool:
        """Whether actor `a` is the side of casualty statement `k`: named right after the number, behind
        من / في صفوف / بين (مقتل 13 عنصراً من قوات النظام), with no other act between."""
        if not k.side_from <= a.first <= k.side_from + 6:
            return False
        if any(k.side_from <= m.first < a.first for m in self.triggers):
            return False  # another act comes between: بانفجار لغم من مخلفات داعش
        if not strict:
            return True
        before = self.toks[a.first - 1].text if a.first > 0 else ""
        head = self.toks[a.first].text
        return a.first == k.side_from or before in self.g.side_words or head.startswith(("من", "بين"))

    def _clause(self, i: int, lo: int, hi: int) -> tuple[int, int]:
        """The comma-delimited clause [clo, chi) around token i, within the sentence [lo, hi)."""
        t, text = self.toks, self.norm.text
        clo = i
        while clo > lo and not any(ch in text[t[clo - 1].end:t[clo].start] for ch in "،,"):
            clo -= 1
        chi = i + 1
        while chi < hi and not any(ch in text[t[chi - 1].end:t[chi].start] for ch in "،,"):
            chi += 1
        return clo, chi

    def _same_clause(self, a: Match, b: Match) -> bool:
        lo, hi = sorted((a.start, b.start))
        return "،" not in self.norm.text[lo:hi] and "," not in self.norm.text[lo:hi]

    def _event(self, m: Match, group, wlo, whi, actors, places, dates, cas, rep, prev, first=True,
               during=False) -> Candidate:
        t, lex = self.toks, self.lex
        etype = m.value.type
        gfirst, glast = group[0].first, group[-1].last
        sides = {a.first for a in actors for k in cas if self._is_side(k, a, strict=False)}
        before = [a for a in actors if wlo <= a.first and a.last < gfirst and a.first not in sides]
        side_before = [a for a in actors if wlo <= a.first and a.last < gfirst and a.first in sides]
        overlap = [a for a in actors if a.first <= glast and a.last >= gfirst]
        after = [a for a in actors if a.first > glast and a.last < whi]
        used: list[int] = [m.first, m.last]
        perp: list[Match] = list(overlap)
        targets: list[Match] = []
        if etype in self.g.clash:
            parties = before + overlap + after
            c = Candidate("event", etype, m.surface, m.first, m.last)
            c.party = _uniq(a.value.id for a in parties)
            if len(c.party) < 2 and prev is not None:
                c.party = _uniq(c.party + prev.perpetrator + prev.target + prev.party)
            used += [x for a in parties for x in (a.first, a.last)]
        else:
            genitive = [a for a in after if a.first == glast + 1 and not m.value.verb and not _prep(a, t, self.g.heads, "ب")]
            if genitive and not m.value.weak and etype not in self.g.object_genitive:
                # حملة عسكرية لقوات النظام، هجمات التنظيم: the actor right after a noun is its agent
                perp += _coordinated(genitive + [a for a in after if a not in genitive], t)
                targets = [a for a in after if a not in perp]
            elif before and prev is not None and prev.perpetrator and etype in self.g.violent and prev.type in self.g.violent \
                    and {a.value.id for a in before} <= set(prev.target):
                # "… مستهدفاً قوات النظام، ويباغتهم بهجمات": the same attacker goes on against the same side
                targets = before + after
            elif before:
                perp += _coordinated(before[::-1], t)[::-1]
                targets = after
            elif after:
                first_after = after[0]
                gap = [x.text[1:] if x.text[:1] in "وف" and len(x.text) > 3 else x.text
                       for x in t[glast + 1:first_after.first]]
                moved = etype in self.g.no_target and len(gap) <= 3 and not (set(gap) & self.g.against)
                agentive = len(gap) <= 4 and bool(set(gap) & self.g.agent_verbs)  # هجوم نفذته خلايا …
                if not _prep(first_after, t, self.g.heads) and (m.value.verb or moved or agentive
                                                  or (len(gap) <= 1 and not (set(gap) & self.g.against))
                                                  or (len(gap) <= 3 and gap and set(gap) <= self.g.agent_gap)):
                    subj = _coordinated(after, t)
                    perp += subj
                    targets = [a for a in after if a not in subj]
                else:
                    targets = after
            if perp:
                joint = [a for a in targets if any(x.text in self.g.with_ for x in t[max(wlo, a.first - 3):a.first])]
                perp += joint
                targets = [a for a in targets if a not in joint]
            targets = side_before + [a for a in targets if a not in side_before]
            c = Candidate("event", etype, m.surface, m.first, m.last)
            c.perpetrator = _uniq(a.value.id for a in perp)
            if perp:
                p0 = min(a.first for a in perp)
                c.each = p0 >= 2 and [x.text for x in t[p0 - 2:p0]] == ["كل", "من"]
            c.target = [x for x in _uniq(a.value.id for a in targets) if x not in c.perpetrator]
            if not c.perpetrator and prev is not None and prev.perpetrator and etype not in self.g.no_target | {"Ambush"}:
                c.perpetrator = list(prev.perpetrator)
                c.target = [x for x in c.target if x not in c.perpetrator]
            if not c.target and prev is not None and prev.target and etype in self.g.violent and prev.type in self.g.violent \
                    and (not c.perpetrator or c.perpetrator == prev.perpetrator):
                # a series of acts in one sentence against the same side (ينصب الكمائن ويباغتهم بهجمات)
                c.perpetrator = c.perpetrator or list(prev.perpetrator)
                c.target = [x for x in prev.target if x not in c.perpetrator]
            if etype in self.g.no_target:
                c.target = [] if etype != "Capture" else c.target
            if etype in self.g.party_types:
                c.party, c.perpetrator, c.target = _uniq(c.perpetrator + c.target), [], []
            used += [x for a in perp + targets for x in (a.first, a.last)]
        # places: from/to for movements, else those in the window after the trigger, else anywhere in it
        in_win = [p for p in places if wlo <= p.first and p.last < whi]
        if etype in ("TransferDeal", "Flight", "Infiltration", "Reinforcement", "Withdrawal", "Smuggling"):
            for p in in_win:
                if t[p.first].text.startswith(("الي", "لمناطق")):
                    c.to.append(p.value)
                    continue
                if t[p.first].text.startswith("من"):
                    c.from_.append(p.value)
                    continue
                # من جرود بلدة عرسال: the preposition may come a few words before the name
                for k in range(p.first - 1, max(wlo, p.first - 4) - 1, -1):
                    w = t[k].text
                    if any(q.first <= k <= q.last for q in in_win) or w in ("في", "فى", "عبر"):
                        break
                    if w in self.g.to_words:
                        c.to.append(p.value)
                        break
                    if w in self.g.from_words:
                        c.from_.append(p.value)
                        break
        chosen = [p for p in in_win if p.first > m.last] or in_win
        c.places = _uniq(p.value for p in chosen if p.value not in c.from_ + c.to)
        if not (c.places or c.from_ or c.to) and prev is None:
            near = sorted(places, key=lambda p: abs(p.first - m.first))
            c.places = [near[0].value] if near else []
            chosen = near[:1]
        used += [x for p in chosen for x in (p.first, p.last)]
        if not (c.places or c.from_ or c.to):
            # no place in the sentence: the place last named before it in the same paragraph
            nisba = [self.g.nisba[x.text] for x in t[m.first:whi] if x.text in self.g.nisba]
            c.places = nisba[:1] or self._place_in_focus(m) or list(self.g.default_place)
        c.from_, c.to = _uniq(c.from_), _uniq(c.to)
        # date: in the window, else in the sentence, nearest the trigger
        ds = [d for d in dates if wlo <= d.first and d.last < whi] or dates
        if ds:
            c.date = min(ds, key=lambda d: abs(d.first - m.first))
            if wlo <= c.date.first and c.date.last < whi:
                used += [c.date.first, c.date.last]
        elif self.pub is not None and self.pub.precision in ("day", "month"):
            # news reports what is recent: an undated event is dated to the month of publication
            month = self.pub.latest.strftime("%Y-%m")
            c.date = FoundDate(m.first, m.first, month, "month",
                               f"no date in the sentence: the month of publication ({self.pub.label})")
        # counts in the window
        for k in cas:
            if not (wlo <= k.first and k.last < whi) or (k.last < m.first and not first) or during:
                continue
            side = next((a.value.id for a in actors if self._is_side(k, a)), None)
            count = {"kind": k.kind}
            if side:
                count["side"] = side
            elif k.kind == "killed" and len(c.target) == 1:
                count["side"] = c.target[0]
            if k.number is not None:
                count.update(k.number.spec)
            if count not in c.counts:
                c.counts.append(count)
            used += [k.first, k.last] + ([k.number.last] if k.number else [])
        if etype in self.g.counted and not any(k["kind"] == self.g.counted[etype] for k in c.counts):
            for i in range(m.last + 1, min(whi, m.last + 8)):
                num = numbers.number_at(t, i, lex)
                if num is not None and not t[i].text.startswith(("19", "20")) or \
                        (num is not None and len(t[i].text) < 4):
                    count = {"kind": self.g.counted[etype], **({"side": c.target[0]} if len(c.target) == 1 else {}),
                             **num.spec}
                    c.counts.append(count)
                    used += [num.first, num.last]
                    break
        c.first, c.last = max(min(used), wlo), min(max(used), whi - 1)
        c.certainty, c.cue = certainty(t, wlo, whi, lex)
        if c.cue is None:
            c.certainty, c.cue = certainty(t, max(wlo - 12, 0), m.first, lex)
        c.reporter = rep
        if c.type in ("Attack", "Shelling") and any(a in perp for a in overlap + actors) and \
                any(w in fold(a.phrase) for a in perp for w in self.g.aircraft):
            c.type = "AirStrike"  # an attack by aircraft is an air strike
        if c.certainty == "alleged" and c.cue and fold(c.cue).lstrip("و").startswith(("اتهم", "اتهام")):
            cue = next((x for x in lex.certainty_matcher.find(t, max(wlo - 12, 0), whi) if x.surface == c.cue), None)
            by = next((a.value.id for a in actors if cue and cue.last < a.first <= cue.last + 2), None)
            against = (c.perpetrator or c.party or [None])[0]
            if by and against and by != against:
                c.claim = {"kind": "accusation", "by": by, "against": against}
        return c

    def _tally(self, lo, hi, actors, places, dates, cas, rep) -> list[Candidate]:
        killed = [k for k in cas if k.kind == "killed" and k.number is not None]
        dates = [d for d in dates if lo <= d.first < hi] or dates
        if not dates and self.pub is not None:
            dates = [FoundDate(lo, lo, {"end": self.pub.label}, "range",
                               f"an aggregate up to the publication ({self.pub.label}); its start is not stated")]
        if not places:
            places = [Match(p, lo, lo, 0, 0, "", "") for p in self._place_in_focus(self._at(lo))]
        if not killed or not places or not dates:
            return []
        c = Candidate("tally", "Tally", "", lo, hi - 1)
        c.places = _uniq(p.value for p in places)
        c.date = dates[0]
        for k in killed:
            side = next((a.value.id for a in actors if self._is_side(k, a)), None)
            count = {"kind": "killed", **({"side": side} if side else {}), **k.number.spec}
            c.counts.append(count)
        c.perpetrator = _uniq(a.value.id for a in actors[:1])
        c.certainty, c.cue = certainty(self.toks, lo, hi, self.lex)
        c.reporter = rep
        return [c]




def _prep(a: Match, t: list[Token], heads, letters: str = "لب") -> bool:
    """Whether the actor is governed by a clitic preposition (لقوات، بقوات، لقوات قسد): a recipient, not a
    subject."""
    if a.first > 0:
        head = t[a.first - 1].text
        head = head[1:] if head[:1] in "وف" else head
        if head[:1] in letters and head[1:] in heads:
            return True
    word = t[a.first].text
    if word[:1] in "وف":
        word = word[1:]
    return word[:1] in letters and not a.phrase.startswith(word[:1]) and not word.startswith("ال")


def _definite(m: Match, t: list[Token]) -> bool:
    word = t[m.first].text
    for pre in ("و", "ف", "ب", "ل", "ك"):
        if word.startswith(pre + "ال"):
            word = word[len(pre):]
    prev = t[m.first - 1].text if m.first > 0 else ""
    return word.startswith("ال") or prev in ("هذا", "هذه", "ذلك", "تلك")


def _coordinated(ms: list[Match], t: list[Token]) -> list[Match]:
    """The first actor and those joined to it by و (قوات النظام وقوات سورية الديمقراطية)."""
    out = [ms[0]]
    for a, b in zip(ms, ms[1:]):
        lo, hi = sorted((a, b), key=lambda x: x.first)
        if hi.first == lo.last + 1 and t[hi.first].text.startswith("و"):
            out.append(b)
        elif hi.first == lo.last + 2 and t[lo.last + 1].text in ("و", "كل", "من"):
            out.append(b)
        else:
            break
    return out


def analyse(norm: Normalised, lex, published: Published | None = None, outlet: str | None = None) -> Analysis:
    g = _Grouper(norm, lex, published, outlet)
    return Analysis(norm, g.toks, g.actors, g.places, g.run())
