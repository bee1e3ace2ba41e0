"""Places: the registry places the text names (grown by their pattern words, and pointed back at by
anaphora such as المدينة), and the places of one event."""
from __future__ import annotations

import bisect
import copy

from conflictkg.core.normalise import Normalised, fold

from .candidates import Candidate, uniq
from .context import Doc, Window
from .lexicon import enclosing
from .match import Match, Token

# types whose places are where the movement came from and went to
MOVEMENTS = ("TransferDeal", "Flight", "Infiltration", "Reinforcement", "Withdrawal", "Smuggling")
# agreements and evacuations, coded at the place the fighters leave (docs/annotation.md)
AGREEMENTS = ("TransferDeal", "Deal")


# ---------------------------------------------------------------------- the places of the article
def find_places(norm: Normalised, toks: list[Token], lex, actors: list[Match]) -> list[Match]:
    """The places the article names, outside actor names, grown by their pattern words, and anaphora."""
    in_actor = {i for a in actors for i in range(a.first, a.last + 1)}
    # a name with tanween (عسكرياً سورياً) is an adjective: places are definite or diptote
    in_actor |= {tk.index for tk in toks if "\u064b" in norm.source[norm.starts[tk.start]:norm.starts[tk.end]]}
    named = [p for p in lex.place_matcher.find(toks) if p.first not in in_actor and p.last not in in_actor]
    found = [_city(toks, lex, p) for p in _composites(toks, lex, _gazetteer(toks, lex, named))]
    return _anaphoric(toks, lex, [p for p in found if not _border(toks, lex, p) and not _speaker(toks, lex, p)])


def _speaker(toks: list[Token], lex, m: Match) -> bool:
    """"ورحبت دمشق الثلاثاء بزيارة …"، "أعلنت دمشق عن اتفاق"، "اتفاق أعلنت عنه دمشق": a place right after a verb
    of saying or stance, or after its عنه/عنها (lexicon/places.yaml patterns.government_verbs), is the government
    that speaks, not a place. Not a place abroad
    ("وتؤكد أنقرة أن …"): a foreign government's words are no Syrian event, and its capital keeps them abroad."""
    if m.first == 0 or abroad_place(lex, m.value):
        return False
    verbs = {fold(x) for x in lex.patterns.get("government_verbs") or ()}
    k = m.first - 1
    if k > 0 and toks[k].text in ("عنه", "عنها"):  # "بموجب اتفاق أعلنت عنه دمشق": the verb, its object between
        k -= 1
    w = toks[k].text
    return w in verbs or (w[:1] in "وف" and w[1:] in verbs)


def _border(toks: list[Token], lex, m: Match) -> bool:
    """"على مقربة من الحدود مع الأردن"، "معبر نصيب الحدودي (مع الأردن)"، "حدود العراق": a place abroad after a
    border word (lexicon/places.yaml patterns.border), with مع or a bracket between, names the border, which lies
    in Syria; it is not a place of the event."""
    if not abroad_place(lex, m.value):
        return False
    border = {fold(x) for x in lex.patterns.get("border") or ()}
    k = m.first - 1
    while k >= 0 and toks[k].text in ("مع", "(", "("):
        k -= 1
    return k >= 0 and k >= m.first - 3 and toks[k].text in border


def _city(toks: list[Token], lex, m: Match) -> Match:
    """"مدينة درعا"، "ومدينة الرقة": a governorate named after its capital, with the noun for a city before it,
    is the city (the place of class City in it that bears the same name)."""
    if lex.places.get(m.value, {}).get("class") != "Governorate":
        return m
    noun = toks[m.first].text if toks[m.first].text.endswith("مدينه") else toks[m.first - 1].text if m.first else ""
    if noun not in ("مدينه", "ومدينه", "بمدينه", "لمدينه", "فمدينه"):
        return m
    name = fold(m.phrase)
    cities = [pid for pid, p in lex.places.items() if p.get("class") == "City" and governorate(lex, pid) == m.value
              and name in {fold(n) for n in [p["ar"], *(p.get("variants") or [])]}]
    return Match(cities[0], m.first, m.last, m.start, m.end, m.surface, m.phrase) if len(cities) == 1 else m


# ---------------------------------------------------------------------- names only the gazetteer has
NEAR = 40  # tokens either side in which a governorate named settles an ambiguous name


def governorate(lex, pid: str) -> str | None:
    """The governorate a place lies in (itself, if it is one), up its part-of chain; None if none or several."""
    return lex.place_governorate.get(pid)


def _after_noun(toks: list[Token], lex, i: int) -> bool:
    """Whether the word before token i is a settlement noun (قرية، بلدة، مخيم …), clitics off."""
    if i <= 0:
        return False
    w = toks[i - 1].text
    nouns = lex.gazetteer.settlement_nouns
    return any(x in nouns for x in (w, w[1:] if w[:1] in "وفبل" else w, w[2:] if w[:2] in ("وب", "فب", "ول") else w))


def _gazetteer(toks: list[Token], lex, found: list[Match]) -> list[Match]:
    """Gazetteer-only names settled: a name that is also a common word counts only after a settlement noun;
    a name of several places takes the one in a governorate named within NEAR tokens (by another place
    the text names), else the only most populous one, else is left out."""
    gaz = lex.gazetteer
    out = []
    for m in found:
        v = m.value
        if not v.startswith(("?", "gn-")):
            out.append(m)
            continue
        if fold(m.phrase) in gaz.not_alone and not _after_noun(toks, lex, m.first):
            continue
        if v.startswith("?"):
            near = {governorate(lex, q.value) for q in found if not q.value.startswith("?")
                    and abs(q.first - m.first) <= NEAR} - {None}
            options = gaz.choices[v]
            inside = [pid for pid, _ in options if governorate(lex, pid) in near]
            top = max(n for _, n in options)
            most = [pid for pid, n in options if n == top and n > 0]
            pick = inside if len(inside) == 1 else most if len(most) == 1 else []
            if not pick:
                continue
            v = pick[0]
        out.append(Match(v, m.first, m.last, m.start, m.end, m.surface, m.phrase))
    return out


def _lead(toks: list[Token], lex, i: int) -> str | None:
    """The pattern word at token i (ريف، بادية، شرقي …, clitics off): its composite lead, or None."""
    if i < 0:
        return None
    w = toks[i].text
    for stem in (w, w[1:] if w[:1] in "وفبل" else w, w[2:] if w[:2] in ("وب", "فب", "ول") else w):
        if stem in lex.pattern_before:
            return lex.pattern_before[stem]
    return None


def _leads(toks: list[Token], lex, m: Match, prev_lead: str | None, prev_last: int) -> tuple[int, list[str]]:
    """The pattern words that lead place m, and the token the composite starts at."""
    first, leads = m.first, []
    lead = _lead(toks, lex, first - 1)
    if lead is not None:
        first -= 1
        leads.append(lead)
        # غربي وشرقي X
        if toks[first].text.startswith("و") and _lead(toks, lex, first - 1):
            leads.insert(0, _lead(toks, lex, first - 1))
            first -= 1
    elif prev_lead and first == prev_last + 1 and toks[first].text.startswith("و"):
        leads.append(prev_lead)  # بادية بقرص والميادين
    return first, leads


def _composite(toks: list[Token], lex, m: Match, leads: list[str]) -> list[tuple[str, int]]:
    """The registry places that each lead makes with place m (بادية + الميادين), with their last token; a
    trailing pattern word (الشرقي) is taken when the registry has the longer name."""
    made = []
    for lead in [x for x in leads if x]:
        best = None
        for name in lex.place_names.get(m.value, [fold(m.phrase)]):
            for tail in [""] + [" " + a for a in lex.pattern_after]:
                n = len(tail.split())
                if tail and " ".join(x.text for x in toks[m.last + 1:m.last + 1 + n]) != tail.strip():
                    continue
                pid = lex.place_by_name.get(f"{lead} {name}{tail}")
                if pid and (best is None or n > best[1]):
                    best = (pid, n)
        if best:
            made.append((best[0], m.last + best[1]))
    return made


def _composites(toks: list[Token], lex, found: list[Match]) -> list[Match]:
    """Places, grown by their pattern words into the registry place they name: ريف X الشرقي, بادية X،
    شرقي X; "غربي وشرقي X" gives both; "بادية X وY" carries بادية over to Y."""
    out: list[Match] = []
    prev_lead, prev_last = None, -9
    for m in found:
        first, leads = _leads(toks, lex, m, prev_lead, prev_last)
        prev_lead, prev_last = (leads[-1] if leads else None), m.last
        for p, last in _composite(toks, lex, m, leads) or _countryside(toks, lex, m, leads):
            out.append(Match(p, first, last, toks[first].start, toks[last].end, m.surface, m.phrase))
    return out


AREA_LEADS = frozenset({"ريف", "بادية", "شرق", "غرب", "شمال", "جنوب"})


def _countryside(toks: list[Token], lex, m: Match, leads: list[str]) -> list[tuple[str, int]]:
    """A countryside, desert or side of a city that the registry does not have (ريف إدلب الجنوبي، شرق حماة)
    lies in the city's governorate, not in the city: the governorate, with the trailing pattern word."""
    gov = governorate(lex, m.value)
    if not (set(leads) & AREA_LEADS and gov and lex.places.get(m.value, {}).get("class") == "City"):
        return [(m.value, m.last)]
    last = m.last
    for tail in lex.pattern_after:
        n = len(tail.split())
        if " ".join(x.text for x in toks[m.last + 1:m.last + 1 + n]) == tail:
            last = m.last + n
            break
    return [(gov, last)]


def _anaphoric(toks: list[Token], lex, places: list[Match]) -> list[Match]:
    """المحافظة، المدينة، المنطقة: the place of that kind named last before it."""
    anaphora = lex.grammar.anaphora
    taken = {i for p in places for i in range(p.first, p.last + 1)}
    out = list(places)
    ordered = sorted(places, key=lambda p: p.first)
    for tk in toks:
        if tk.index in taken:
            continue
        w = tk.text
        for pre in ("و", "ف", "ب", "ل"):
            if w.startswith(pre) and w[len(pre):].startswith("ال"):
                w = w[len(pre):]
        if w.startswith("لل"):
            w = "ال" + w[2:]
        classes = anaphora.get(w)
        if classes is None:
            continue
        # the next word must not name a place itself (المدينة الفلانية is matched already)
        before = [p for p in ordered if p.last < tk.index and lex.places.get(p.value, {}).get("class") in classes]
        # a place introduced with the same noun (منطقة تلول الصفا … المنطقة) is the one meant
        noun = w[2:]
        introduced = [p for p in before if toks[p.first].text == noun
                      or (p.first > 0 and toks[p.first - 1].text == noun)]
        if introduced or before:
            p = (introduced or before)[-1]
            out.append(Match(p.value, tk.index, tk.index, tk.start, tk.end, tk.text, p.phrase))
    return sorted(out, key=lambda p: p.first)


def in_focus(doc: Doc, first: int, start: int) -> list[str]:
    """The place named last before token `first` (at offset `start`), if in the same paragraph."""
    k = bisect.bisect_left(doc.place_ends, (first, -1)) - 1
    if k < 0:
        return []
    p = doc.places[doc.place_ends[k][1]]
    if "\n" in doc.norm.text[p.end:start]:
        return []
    return [p.value]


def article_governorate(doc: Doc, first: int) -> list[str]:
    """The governorate the article is about, for an event with no place in its paragraph: the one the places
    named before token `first` lie in most often (the later one on a tie); none when no place before it
    lies in a single governorate."""
    count: dict[str, tuple[int, int]] = {}
    for p in doc.places:
        gov = governorate(doc.lex, p.value) if p.last < first else None
        if gov:
            count[gov] = (count.get(gov, (0, 0))[0] + 1, p.first)
    return [max(count, key=lambda g: count[g])] if count else []


# ---------------------------------------------------------------------- the places of one event
def choose(w: Window, c: Candidate) -> None:
    """From/to for movements, else the places in the window after the trigger, else anywhere in it; for the
    sentence's first run, else the place nearest the trigger. With none in the sentence: a country
    adjective (nisba), the place in focus, or the default place."""
    m, t, g, places = w.trigger, w.toks, w.g, w.s.places
    in_win = [p for p in places if w.lo <= p.first and p.last < w.hi]
    if m.value.type in MOVEMENTS:
        _movement(w, c, in_win)
    chosen = [p for p in in_win if p.first > m.last] or in_win
    chosen = [p for k, p in enumerate(chosen) if not (k and landmark(t, w.lex, chosen[k - 1], p))]
    if m.value.type in AGREEMENTS and m.value.type not in MOVEMENTS:
        # "وقف لإطلاق النار وإجلاء المقاتلين … إلى شمال البلاد": where the evacuated go, not the agreement's place
        gone = [p for p in chosen if any(x.text in g.to_words for x in t[max(w.lo, p.first - 2):p.first])]
        c.to, chosen = uniq(c.to + [p.value for p in gone]), [p for p in chosen if p not in gone]
    c.places = uniq(p.value for p in chosen if p.value not in c.from_ + c.to)
    # "استهدفت قاعدة … في الأهواز شرقي الفرات في سوريا": with a place in Syria below the country, a place abroad is
    # not where it happened
    if any(not abroad_place(w.lex, p) and p not in g.default_place for p in c.places):
        c.places = [p for p in c.places if not abroad_place(w.lex, p)]
    # two places, no more: a longer list is a campaign or a pattern told as a whole (docs/annotation.md)
    placed = [p for p in chosen if governorate(w.lex, p.value)]
    c.apart = len(placed) == 2 and placed[1].first == placed[0].last + 1 and \
        t[placed[1].first].text.startswith("و") and \
        governorate(w.lex, placed[0].value) != governorate(w.lex, placed[1].value)
    if not (c.places or c.from_ or c.to) and w.prev is None:
        near = sorted(places, key=lambda p: abs(p.first - m.first))
        c.places = [near[0].value] if near else []
        chosen = near[:1]
    w.used += [x for p in chosen for x in (p.first, p.last)]
    c.place_stated = bool(c.places or c.from_ or c.to)
    if m.value.type in AGREEMENTS and c.from_ and not (c.places or c.to):
        # "إجلاء كل السكان من قريتي الفوعة وكفريا": an evacuation that names only the place left is coded there
        c.places, c.from_ = c.from_, []
    if m.value.type in AGREEMENTS and c.to and not (c.places or c.from_):
        # "خروج المقاتلين إلى مناطق الشمال": an evacuation is coded at the place left, not where they go
        c.to, c.place_stated = [], False
        c.places = in_focus(w.doc, m.first, m.start) or article_governorate(w.doc, m.first)
    if not (c.places or c.from_ or c.to):
        # no place in the sentence: the place last named before it in the same paragraph
        nisba = [g.nisba[x.text] for x in t[m.first:w.hi] if x.text in g.nisba]
        c.places = (nisba[:1] or in_focus(w.doc, m.first, m.start) or article_governorate(w.doc, m.first)
                    or list(g.default_place))
    c.places += region_governorate(w.doc, c.places, m.first)
    c.from_, c.to = uniq(c.from_), uniq(c.to)


def abroad_place(lex, pid: str) -> bool:
    """Whether a place lies in a country other than the default one (Syria): الأهواز، بغداد، إربد."""
    country = enclosing(lex.places, pid, "Country")
    return country is not None and country not in lex.grammar.default_place


def landmark(toks: list[Token], lex, before: Match, p: Match) -> bool:
    """Whether place p only situates the place before it: "في دوما قرب دمشق"، "الغوطة الشرقية المحاصرة قرب
    العاصمة دمشق" (a near word of lexicon/places.yaml at most three words before p, which follows `before`
    within six words)."""
    near = {fold(x) for x in lex.patterns.get("near") or ()}
    if before.last >= p.first or p.first - before.last > 6:
        return False
    return any(toks[k].text in near for k in range(max(before.last + 1, p.first - 3), p.first + 1))


def region_governorate(doc: Doc, pids: list[str], first: int) -> list[str]:
    """For an event placed only at regions that span several governorates (الجنوب السوري، شرق سوريا;
    lexicon/places.yaml regions): the governorate among those it spans that the article's places lie in
    most often, before token `first` if any does, else anywhere (the later one on a tie); [] when a place
    of the event lies in one governorate already, or none of the article's does."""
    lex = doc.lex
    spans = {gov for pid in pids for gov in lex.regions.get(pid, ())}
    if not spans or any(governorate(lex, pid) for pid in pids):
        return []
    for before in (True, False):
        count: dict[str, tuple[int, int]] = {}
        for p in doc.places:
            gov = governorate(lex, p.value) if (p.last < first or not before) else None
            if gov in spans:
                count[gov] = (count.get(gov, (0, 0))[0] + 1, p.first)
        if count:
            return [max(count, key=lambda g: count[g])]
    return []


def _movement(w: Window, c: Candidate, in_win: list[Match]) -> None:
    """Where a movement came from and went to, by the preposition before each place of the window."""
    t, g = w.toks, w.g
    for p in in_win:
        if t[p.first].text.startswith(("الي", "لمناطق")):
            c.to.append(p.value)
            continue
        if t[p.first].text.startswith("من"):
            c.from_.append(p.value)
            continue
        # من جرود بلدة عرسال: the preposition may come a few words before the name
        for k in range(p.first - 1, max(w.lo, p.first - 4) - 1, -1):
            word = t[k].text
            if any(q.first <= k <= q.last for q in in_win) or word in ("في", "فى", "عبر"):
                break
            if word in g.to_words:
                c.to.append(p.value)
                break
            if word in g.from_words:
                c.from_.append(p.value)
                break


def by_governorate(cands: list[Candidate], lex) -> list[Candidate]:
    """"ضربات عسكرية على أهداف في دمشق وحمص": places of different governorates joined by و in the event's
    clause (`apart`, set by choose) make one event per governorate, as ACLED codes them (docs/annotation.md, "Places in different governorates"); each copy
    keeps the places that lie in no governorate (the country), and only the first keeps the counts."""
    out: list[Candidate] = []
    for c in cands:
        govs = uniq(g for p in c.places if (g := governorate(lex, p))) if c.apart else []
        if len(govs) < 2 or c.from_ or c.to:
            out.append(c)
            continue
        for i, gov in enumerate(govs):
            one = copy.copy(c)
            one.places = [p for p in c.places if governorate(lex, p) in (gov, None)]
            one.counts = list(c.counts) if i == 0 else []
            out.append(one)
    return out
