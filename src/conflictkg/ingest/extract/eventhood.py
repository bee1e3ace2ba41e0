"""Is this an event? The statement kind of a clause that names an act.

A news article names many acts that did not happen as one discrete incident of the news: ongoing fighting,
habits, plans, threats and demands, denials, running totals, history told in passing. Each clause gets one
kind, by the first family of cues (lexicon/eventhood.yaml) found in it or in the few words before it in its
sentence, in this order:

- denial: X denies doing Y (نفى، ينفي), or calls it made up (ملفقة، مفبركة, also after the clause);
- tally: a running or cumulative total (حصيلة، منذ بدء، حتى الآن);
- anticipated: the future (سوف، a verb with the future prefix سـ، قادمة، المقبلة), what may happen (قد يدخلان، من
  الممكن) or is imminent (وشيك), plans, intentions, pledges (تتعهد، التزامنا), expectations, conditions (إذا، لو،
  في حال، ما لم), threats, demands and warnings (يهدد، يطالب، حذر، محذراً), readiness, resolve, needs, proposals,
  brandished force and fears (تستعد، مصممة، بحاجة، تقترح، لوّحت، مخاوف); an act of "any" (أي صاروخ) right before the trigger;
- pattern: ongoing or habitual (يواصل، مستمر، مراراً، حالياً، the present of habit تشن، تسيطر, a span of days or
  weeks خلال ثلاثة أيام, the share of a region taken: على أكثر من نصف, a succession: تلو الأخرى), except in the headline, whose present
  tense tells news;
- background: history (كان قد، منذ عام، العام الماضي), or a date in the clause that ends more than a month
  before publication;
- statement: condemnation, support, calls and talks (أدان، ندد، دعا، داعياً، مجلس الأمن), comments on an act
  (التعليق على) and an accusation as a purpose (لاتهام، بهدف اتهام);
- event: none of these.

`mark` applies the decision to the events of a fact file: a pattern, background or anticipated event keeps
its record with that `statement` (the fact format's statement kinds; the ACLED rows leave them out), while a
denial, a tally or a statement is no event at all and its record is dropped. Each kept record also gets the
trained eventhood score of classifier.py, which joins its score for sorting (the shipped model drops nothing:
cross-validated on the dev half it did not beat these rules, docs/extraction.md).
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import yaml

from conflictkg.core import dates as kgdates
from conflictkg.core.normalise import fold, normalise
from conflictkg.core.resources import LEXICON_DIR

from . import classifier
from .confidence import with_eventhood
from .match import tokens
from .timex import Published, find_dates

KINDS = ("denial", "tally", "anticipated", "pattern", "background", "statement")
KEPT = ("pattern", "background", "anticipated")   # statement kinds of the fact format
ACTIVE = object()  # mark's default model: the shipped one (classifier.active)
# a sentence ends at . ! ? ؟ or a line end; two dots or more are a pause (تدين إيران بشدة.. هجمات إسرائيل)
_END = re.compile(r"(?<!\.)\.(?!\.)|[!?؟\n]")
_WORD = re.compile(r"\w+")
_CLAUSE = re.compile(r"[،,؛;]")
# a verb with the future prefix: سـ before the prefix of the imperfect (سيعود، ستستضيف، سنواصل)
_FUTURE = re.compile(r"^[وف]?س[يتن]\w{3,}$")
# words that begin like one and are not (سيطرة، سيارة، سياسة، ستة، سنة …)
_NOT_FUTURE = ("سيطر", "سيار", "سياس", "سياد", "سيد", "سين", "سيف", "سيل", "سير", "سيول", "ستين", "سته", "ستار",
               "ستوكهولم", "سنه", "سنوات", "سنوي", "سنين", "سنج", "سنغافور", "سني", "سنت", "سنا", "ستر", "سيبير", "سيسي",
               "سيريا", "سيق", "سيك", "سيم", "سيو",
               # foreign names: ستافان دي ميستورا، ستولتنبرغ، ستيفان، وستمنستر
               "ستاف", "ستاد", "ستول", "ستور", "ستيف", "ستمنستر")
_AGE = dt.timedelta(days=31)
_PAST = dt.timedelta(days=14)  # a wide date (a month) that ended this long before publication is no news
# أن before an imperfect verb: what is expected, feared or wanted (أن يشن، أن يتم)
_SUBJUNCTIVE = re.compile(r"(?<!\w)[وف]?ان ي(?!وم)\w{2,}")
# قد before an imperfect verb: what may happen (قد يدخلان في مواجهة، قد يكسب النظام، قد تستهدف); not قد يكون
# (may have been: an uncertain report of what happened), not قد before a past verb (قد تمكنت، قد تم، قد تعرض:
# has happened; so of the imperfects with ت only تتـ and تستـ, which no past verb begins with)
_MAY = re.compile(r"(?<!\w)[وف]?قد\s+(?:ي(?!كون)\w{2,}|تت\w{2,}|تست\w{2,})")
# a sentence that opens with كان recalls what came before (وكانت القوات بدأت …)
_WAS = re.compile(r"^\W*[وف]?كان(?:ت|وا)?(?!\w)")
# a span of time: خلال ثلاثة أيام، خلال الأسابيع الماضية، في خمسة أيام من الغارات، في الأشهر الماضية; a duration
# (معارك لمدة شهرين، هجوم استمر 20 يوما), with the singular a number from 11 on takes (20 يوما، 15 شهرا)
_SPAN = re.compile(r"(?<!\w)[وف]?(?:خلال|في|لمده|استمر|استمرت|دام|دامت)(?:\s+\S+)?\s+(?:ال)?(?:يومين|ايام|اسبوعين|اسابيع"
                   r"|شهرين|اشهر|شهور|سنتين|سنوات|اعوام|يوما|اسبوعا|شهرا|عاما)(?!\w)|(?<!\w)[وف]?بعد\s+(?:اسبوع|شهر)\s+من(?!\w)")
# a count: digits, or hundreds, thousands, dozens
# a verb or noun of preventing, at most two words, then من right before the trigger (بمنع المدنيين من الفرار)
_PREVENTED = re.compile(r"(?<!\w)[وفبل]?(?:منع|يمنع|تمنع|منعت|منعوا|يمنعون|تمنعهم|يمنعهم|منعهم|منعها)(?:\s+\S+){0,2}\s+من\s*$")
# what is coming or next (الصواريخ قادمة، الأيام المقبلة), not what comes from somewhere (سيارة قادمة من حماة)
_COMING = re.compile(r"(?<!\w)[وف]?(?:ال)?(?:قادم|مقبل)(?:ه|ين|ون|تين|ان)?(?!\w)(?!\s+من(?!\w))")
# "any" right before the trigger: an act of no one incident (أي صاروخ يطلق على سوريا، لمنع أي هجوم آخر)
_ANY = re.compile(r"(?<!\w)[وفبل]?(?:اي|ايه)\s*$")
_COUNT = re.compile(r"\d|(?<!\w)[وب]?(?:عشرات|مئات|الاف|الف|ملايين)(?!\w)")


@dataclass(frozen=True)
class Decision:
    kind: str          # event | denial | tally | anticipated | pattern | background | statement
    cue: str | None    # the words that decided it


class Cues:
    """The cue phrases of each kind, folded, as one regular expression per kind."""

    def __init__(self, data: dict):
        self.before = int(data.get("before", 8))
        self.res = {k: _phrases(data.get(k) or []) for k in KINDS + ("denial_after", "recent")}
        self.res["abroad"] = _abroad(data.get("abroad") or [])
        self.res["begun"] = _begun(data.get("begun") or [], data.get("campaign") or [])
        self.no_row = frozenset(data.get("no_row") or [])
        self.res["purpose"] = _phrases((data.get("purpose") or []) + (data.get("purpose_to") or []))
        self.purpose_to = tuple(fold(p) for p in data.get("purpose_to") or [])
        self.res["source"] = _phrases(data.get("source") or [])
        self.res["purpose_indefinite"] = _phrases(data.get("purpose_indefinite") or [])
        self.res["without"] = _phrases(data.get("without") or [])

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Cues:
        return cls(yaml.safe_load((LEXICON_DIR / "eventhood.yaml").read_text(encoding="utf-8")))


def _phrases(items: list[str]) -> re.Pattern:
    alts = []
    for p in items:
        star = p.endswith("*")
        body = r"\s+".join(re.escape(w) for w in fold(p.rstrip("*")).split())
        alts.append(body + (r"\w*" if star else ""))
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)[وف]?(?:" + "|".join(alts) + r")(?!\w)")


def _abroad(names: list[str]) -> re.Pattern:
    """Where abroad: a country or city abroad after في، بـ or a side (جنوبي فرنسا، في العراق، بالعراق)."""
    alts = sorted((r"\s+".join(re.escape(w) for w in fold(n).split()) for n in names), key=len, reverse=True)
    side = r"(?:(?:جنوب|شمال|شرق|غرب|وسط)ي?\s+)"
    return re.compile(r"(?<!\w)[وف]?(?:في\s+" + side + r"?|ب(?=\S)|" + side + r")(?:" + "|".join(alts) + r")(?!\w)")


def _begun(verbs: list[str], nouns: list[str]) -> re.Pattern:
    """A campaign said to have begun (no comma between): a verb of starting within ten words before a campaign noun (بدأت قوات
    النظام هجوما)، or the noun within three words before the verb (عملية عسكرية واسعة بدأتها)."""
    def alts(xs: list[str]) -> str:
        return "|".join(sorted((r"\s+".join(re.escape(w) for w in fold(x).split()) for x in xs), key=len, reverse=True))
    v, n = r"[وفل]?(?:" + alts(verbs) + ")", r"[وفب]?(?:ال)?(?:" + alts(nouns) + ")"
    return re.compile(r"(?<!\w)(?:" + v + r"(?:\s+[^\s،,]+){0,10}?\s+" + n + "|" + n + r"(?:\s+[^\s،,]+){0,3}?\s+" + v
                      + r")(?!\w)(?!\s+(?:ال)?(?:اجلاء|اخلاء))")


@lru_cache(maxsize=8)
def _ends(text: str) -> list[int]:
    return [m.end() for m in _END.finditer(text)]


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` begins: the end of the last sentence end before it, or 0. Read from
    the article's sentence ends, found once: scanning from the article's start for every event made a 1 MB
    article take minutes."""
    ends = _ends(text)
    i = bisect_right(ends, pos) - 1
    return ends[i] if i >= 0 else 0


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around [start, end) (cut at . ! ? ؟ and line ends, not at "..")."""
    lo = _sentence_start(text, start)
    m = _END.search(text, end)
    return lo, m.start() if m else len(text)


def decide(text: str, start: int, end: int, published: Published | None = None,
           cues: Cues | None = None, lex=None, trigger: tuple[int, int] | None = None) -> Decision:
    """The statement kind of the clause text[start:end] of an article (NFC), read with the words before it
    in its sentence; `published` dates the article, `lex` reads its dates (the whole lexicon if None);
    `trigger`, the span of the event's trigger word, is read with the two words right before it (at_trigger)."""
    cues = cues or Cues.load()
    if trigger is not None and (found := at_trigger(text, *trigger, cues)):
        return found
    lo, hi = sentence_of(text, start, end)
    head = max((m.end() for m in _CLAUSE.finditer(text, lo, start)), default=lo)
    heads = [m.start() for m in re.finditer(r"\S+", text[head:start])][-cues.before:]
    norm = normalise(text[head + heads[0] if heads else start:end])
    words = norm.text
    headline = "\n" not in text[:start]
    for kind in KINDS:
        if kind == "pattern" and headline:
            continue
        if kind == "background":
            opening = None
            if head == lo:
                sent = normalise(text[lo:end])
                was = _WAS.match(sent.text)
                opening = sent.quote(*was.span()).strip() if was else None
            # the whole sentence is normalised only when the clause has no date of its own
            found = _background(norm, published, lex, opening, lambda: normalise(text[lo:hi]))
            if found:
                return Decision(kind, found)
            continue
        m = cues.res[kind].search(words)
        if m and kind == "tally" and not _COUNT.search(words):
            m = None
        if not m and kind == "denial":
            after = normalise(text[end:hi])
            if (a := cues.res["denial_after"].search(after.text)):
                return Decision(kind, after.quote(a.start(), a.end()))
        if not m and kind == "pattern":
            m = _SPAN.search(words) or cues.res["begun"].search(words)
        if not m and kind == "anticipated":
            m = _SUBJUNCTIVE.search(words) or _MAY.search(words) or _COMING.search(words) or next((w for w in _WORD.finditer(words) if _FUTURE.match(w.group())
                                                    and not w.group().lstrip("وف").startswith(_NOT_FUTURE)), None)
        if m:
            return Decision(kind, norm.quote(m.start(), m.end()))
    return _launched(text, trigger, cues) if trigger is not None else Decision("event", None)


def _launched(text: str, trigger: tuple[int, int], cues: Cues) -> Decision:
    """An act after لشن, not told yet (no ال): its purpose (لشن هجوم، كذريعة لشن ضربات), anticipated; read only
    when no cue of the sentence decided the clause (a tally or a statement stays one)."""
    start, end = trigger
    lo = _sentence_start(text, start)
    words = list(re.finditer(r"\S+", text[lo:start]))[-2:]
    before = normalise(text[lo + words[0].start():start]) if words else None
    m = cues.res["purpose_indefinite"].search(before.text) if before else None
    if m and m.end() == len(before.text.rstrip()) and not fold(text[start:end]).lstrip("وفب").startswith("ال"):
        return Decision("anticipated", before.quote(m.start(), m.end()) + " " + text[start:end])
    return Decision("event", None)


def at_trigger(text: str, start: int, end: int, cues: Cues) -> Decision | None:
    """The kind the two words right before a trigger give it: a purpose (من أجل إجلاء، سعياً للسيطرة، تحسباً
    لضربات، خطة للانسحاب، مبرر مقبول لمهاجمة: anticipated), a source
    (وفق ما نقلت: the trigger is a verb of reporting, no event), or a negation (من دون رصد انسحاب، دون السيطرة)
    or a prevention (بمنع المدنيين من الفرار): the act did not happen, a denial."""
    lo = _sentence_start(text, start)
    words = list(re.finditer(r"\S+", text[lo:start]))[-2:]
    if not words:
        return None
    before = normalise(text[lo + words[0].start():start])
    word = fold(text[start:end])
    m = cues.res["purpose"].search(before.text)
    if m and (m.end() == len(before.text.rstrip()) and (word.startswith("ل")
                                                       or not m.group().lstrip("وف").startswith(cues.purpose_to))
              or word.startswith("ل") and m.group().lstrip("وف").startswith(cues.purpose_to)):
        return Decision("anticipated", before.quote(m.start(), m.end()) + " " + text[start:end])
    m = _ANY.search(before.text)
    if m:  # أي صاروخ، أي هجوم: any act, none told
        return Decision("anticipated", before.quote(m.start(), m.end()) + " " + text[start:end])
    m = cues.res["without"].search(before.text)
    if m:  # من دون رصد انسحاب، دون السيطرة: the act did not happen
        return Decision("denial", before.quote(m.start(), m.end()) + " " + text[start:end])
    m = _PREVENTED.search(normalise(text[lo:start]).text)
    if m:  # منع المدنيين من الفرار: what was prevented did not happen
        return Decision("denial", text[start:end])
    m = cues.res["source"].search(before.text)
    if m and m.end() == len(before.text.rstrip()):
        return Decision("statement", before.quote(m.start(), m.end()) + " " + text[start:end])
    return None


def _background(norm, published: Published | None, lex, opening: str | None, sentence=None) -> str | None:
    """The words (as written) that make the clause history: a date more than a month before publication, else
    a background cue or the sentence's opening كان (`opening`); None when a date of the clause lies within the
    month before publication or a word dates it to the news' days (وكان النظام قد أرسل هذا الأسبوع: news).
    A clause that has no date of its own takes its sentence's (`sentence()` gives the whole sentence,
    normalised) when every date of the sentence is that old (وتمكنت القوات في يوليو من السيطرة على المعبر …، سيطرت بموجبه على …)."""
    recent = False
    if published is not None:
        old, recent = _dated(norm, published, lex)
        if old is None and not recent and sentence is not None and not Cues.load().res["recent"].search(norm.text):
            whole = sentence()
            old, late = _dated(whole, published, lex)
            old = None if late else old
            norm = whole if old is not None else norm
        if old is not None:
            return norm.quote(*old)
    cues = Cues.load()
    if recent or cues.res["recent"].search(norm.text):
        return None
    m = cues.res["background"].search(norm.text)
    return norm.quote(m.start(), m.end()) if m else opening


def _dated(norm, published: Published, lex) -> tuple[tuple[int, int] | None, bool]:
    """The span of the first date of `norm` more than a month before publication (None if none), and whether
    it has a date within that month. A date that began more than a month before publication and ended two weeks
    before it or earlier is that old too (الشهر الماضي in an article of 16 May, not "May" in one of 7 June). A date that spans
    more than two months and began more than a month before publication (عام 2018، العام الحالي in an article of
    August) says nothing of the news' days: it is neither."""
    from .lexicon import Lexicon

    toks = tokens(norm)
    old, recent = None, False
    for d in find_dates(toks, 0, len(toks), lex or Lexicon.load(), published):
        value = d.value["end"] if isinstance(d.value, dict) else d.value
        try:
            parsed = kgdates.parse(value)
        except ValueError:
            continue
        earliest, latest = parsed.earliest, parsed.latest
        if latest is not None and (latest < published.earliest - _AGE or earliest is not None
                                   and latest <= published.earliest - _PAST and earliest < published.earliest - _AGE):
            old = old or (toks[d.first].start, toks[d.last].end)
        elif earliest is not None and latest is not None and latest - earliest > 2 * _AGE \
                and earliest < published.earliest - _AGE:
            continue
        else:
            recent = recent or latest is not None
    return old, recent


def mark(facts: dict, text: str, published: Published | None = None, lex=None, heads: dict | None = None,
         spans: dict | None = None, scores: dict | None = None, model=ACTIVE) -> dict:
    """The fact file with each event's statement kind decided from its evidence: pattern, background and
    anticipated events say so (`statement`, and the cue in `note`); denials, tallies and statements are
    dropped (the others keep their ids). With a trained eventhood model (classifier.py; `model`, the shipped one
    by default when it is applied, None for none) whose `sort` is on, the model's score of each kept event joins
    its score (confidence.with_eventhood: `scores`, the event ids' scores, and the note); a model whose `filter`
    is on drops the events it scores below its threshold. `spans` gives every mention of an event (how many were
    merged into it)."""
    cues = Cues.load()
    model = classifier.active() if model is ACTIVE else model
    kept = []
    for rec in facts.get("events", []):
        d = decide(text, rec["start"], rec["end"], published, cues, lex, (heads or {}).get(rec["id"]))
        if d.kind not in KEPT and d.kind != "event":
            continue
        if model is not None:
            p = model.score(classifier.features(text, rec["start"], rec["end"], d.kind, rec,
                                                len((spans or {}).get(rec["id"]) or [1])))
            if model.filter and d.kind == "event" and p < model.threshold:
                continue
            if model.sort:
                with_eventhood(rec, p, scores)
        if d.kind in KEPT:
            rec["statement"] = d.kind
            why = f"statement cue: {d.cue}"
            rec["note"] = f"{rec['note']}; {why}" if rec.get("note") else why
        kept.append(rec)
    facts["events"] = kept
    return facts


def events_only(ex, lex=None):
    """A copy of an extraction whose fact file keeps only the rows ACLED's Syria file would code: events told
    as news (no `statement`), of a type that is an incident (not `no_row` of eventhood.yaml: a claim of
    responsibility names who did an incident, a campaign is made of incidents), that happened in Syria (see
    abroad). What the ACLED rows of candidates are made of; the fact file keeps every record."""
    import copy

    from .lexicon import Lexicon

    lex = lex or Lexicon.load()
    cues = Cues.load()
    out = copy.copy(ex)
    out.facts = dict(ex.facts, events=[r for r in ex.facts["events"] if r.get("statement", "event") == "event"
                                       and r.get("type") not in cues.no_row and not abroad(r, ex.text, lex, cues)])
    return out


def abroad(rec: dict, text: str, lex, cues: Cues | None = None) -> bool:
    """Whether an event record happened outside Syria (ACLED's Syria file codes none of those): every place it
    names lies in another country (بغداد، صلاح الدين); or it names no place of Syria but the country itself
    (a default) and its clause says where abroad it happened (في فرنسا، جنوبي فرنسا، بالعراق)."""
    from .lexicon import enclosing  # the lexicon module is loaded lazily here, as in events_only

    cues = cues or Cues.load()
    home = set(lex.grammar.default_place)
    places = [p for k in ("places", "from", "to") for p in rec.get(k) or []]
    where = [enclosing(lex.places, p, "Country") for p in places]
    if places and all(c is not None and c not in home for c in where):
        return True
    if any(p not in home for p in places):
        return False
    lo, hi = sentence_of(text, rec["start"], rec["end"])
    head = max((m.end() for m in _CLAUSE.finditer(text, lo, rec["start"])), default=lo)
    m = _CLAUSE.search(text, rec["end"], hi)
    return bool(cues.res["abroad"].search(normalise(text[head:m.start() if m else hi]).text))
