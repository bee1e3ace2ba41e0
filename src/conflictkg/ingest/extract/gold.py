"""Gold files written ACLED-style (docs/annotation.md): one YAML file per article, its events with type,
actors, date range, governorate, location, death toll as a range and every mention as evidence, and the
mentions the annotator decided are not events (`skipped:` with a kind).

Reading checks what the scorer relies on and names the file, the record and the fix when it is wrong:
each quote is the exact slice `text[start:end]` of the NFC article (code points, title line included).
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from conflictkg.core import yamlio
from conflictkg.core.errors import InputError

SKIP_KINDS = ("pattern", "background", "anticipated", "denial", "tally", "statement", "not-syria")

# ACLED's admin1 spellings and the other spellings of the same governorate, folded to one key
_GOVERNORATES = {
    "aleppo": ("halab",), "alhasakeh": ("alhasakah", "hasakah", "hasakeh", "hasaka"),
    "arraqqa": ("raqqa", "raqqah", "alraqqa"), "assweida": ("assuwayda", "sweida", "suwayda", "alsuwayda"),
    "damascus": ("dimashq",), "dara": ("daraa", "deraa", "dar'a"), "deirezzor": ("deirazzor", "dayrazzawr"),
    "hama": ("hamah",), "homs": ("hims",), "idleb": ("idlib",), "lattakia": ("latakia", "alladhiqiyah"),
    "quneitra": ("alqunaytirah", "qunaytirah"), "ruraldamascus": ("rifdimashq", "damascuscountryside"),
    "tartous": ("tartus",),
}
_GOV_KEY = {alias: key for key, aliases in _GOVERNORATES.items() for alias in (key, *aliases)}


def _letters(s: str) -> str:
    return "".join(ch for ch in s.lower() if ch.isalnum())


def governorate_key(name: str | None) -> str | None:
    """One key per governorate, whatever ACLED-like spelling names it ("Rif Dimashq" = "Rural Damascus")."""
    if not name:
        return None
    k = _letters(name.replace("Governorate", ""))
    return _GOV_KEY.get(k, k)


def place_key(name: str | None) -> str | None:
    """An English place name folded for comparison: case, hyphens, spaces and a leading article dropped."""
    if not name:
        return None
    k = _letters(name)
    for art in ("al", "el", "ar", "as", "ad", "ash", "at", "az"):
        if k.startswith(art) and len(k) > len(art) + 3 and name.lower()[len(art)] in "- ":
            return k[len(art):]
    return k


@dataclass
class Span:
    start: int
    end: int
    quote: str


@dataclass
class Coded:
    """What gold events and predicted rows are compared on: ACLED's coding of one event."""

    id: str
    event_type: str
    sub_event_type: str | None
    actor1_ref: str | None
    actor2_ref: str | None
    earliest: dt.date | None
    latest: dt.date | None
    governorate: str | None         # governorate_key
    location: str | None            # place_key of the English name


@dataclass
class GoldEvent(Coded):
    location_ar: str | None
    killed: tuple[int, int | None] | None   # (low, high or None for no upper bound); None: no toll in the text
    evidence: list[Span]


@dataclass
class Skip:
    kind: str
    span: Span


@dataclass
class GoldArticle:
    path: Path                      # the gold file
    article: str                    # the article's file name
    published: str
    outlet: str | None
    events: list[GoldEvent] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return Path(self.article).stem


def _fail(path: Path, where: str, what: str, fix: str):
    raise InputError(f"{path}: {where}: {what}", fix=fix)


def _span(path: Path, where: str, rec, text: str) -> Span:
    if not isinstance(rec, dict) or not {"start", "end", "quote"} <= set(rec):
        _fail(path, where, "evidence needs start, end and quote", "write {start: N, end: M, quote: \"…\"}")
    s, e, q = rec["start"], rec["end"], unicodedata.normalize("NFC", str(rec["quote"]))
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        _fail(path, where, f"offsets {s}..{e} are not inside the article ({len(text)} code points)",
              "compute start/end with a script on the NFC text")
    if text[s:e] != q:
        _fail(path, where, f"text[{s}:{e}] is {text[s:e][:60]!r}, not the quote {q[:60]!r}",
              "recompute the offsets: code points into the NFC-normalised article, title line included")
    return Span(s, e, q)


def _date(path: Path, where: str, d) -> tuple[dt.date | None, dt.date | None]:
    if d is None:
        return None, None
    if not isinstance(d, dict):
        _fail(path, where, f"date {d!r} is not a range", "write date: {earliest: YYYY-MM-DD, latest: YYYY-MM-DD}")
    try:
        lo, hi = (dt.date.fromisoformat(str(d[k])) if d.get(k) else None for k in ("earliest", "latest"))
    except ValueError as e:
        _fail(path, where, f"bad date: {e}", "write ISO dates YYYY-MM-DD")
    return lo, hi


def _killed(path: Path, where: str, k) -> tuple[int, int | None] | None:
    if k is None:
        return None
    ok = isinstance(k, dict) and isinstance(k.get("low"), int) and (k.get("high") is None or isinstance(k["high"], int))
    if not ok or (k.get("high") is not None and k["high"] < k["low"]):
        _fail(path, where, f"killed {k!r} is not a range", "write killed: {low: N, high: M} (high null: no upper "
              "bound) or killed: null when the text gives no toll")
    return k["low"], k.get("high")


def _event(path: Path, i: int, rec, text: str) -> GoldEvent:
    where = f"events[{i}]" + (f" ({rec.get('id')})" if isinstance(rec, dict) else "")
    if not isinstance(rec, dict) or not rec.get("event_type"):
        _fail(path, where, "an event needs event_type", "see docs/annotation.md for the fields")
    ev = rec.get("evidence") or []
    if not ev:
        _fail(path, where, "no evidence", "quote at least one mention with its start and end")
    lo, hi = _date(path, where, rec.get("date"))
    return GoldEvent(str(rec.get("id") or f"g{i + 1:02d}"), rec["event_type"], rec.get("sub_event_type"),
                     rec.get("actor1_ref"), rec.get("actor2_ref"), lo, hi,
                     governorate_key(rec.get("governorate")), place_key(rec.get("location")), rec.get("location_ar"),
                     _killed(path, where, rec.get("killed")),
                     [_span(path, f"{where} evidence[{j}]", x, text) for j, x in enumerate(ev)])


def read_gold(path: Path, articles: Path) -> tuple[GoldArticle, str]:
    """A gold file and the NFC text of its article (found in `articles` by the file's `article:`)."""
    path = Path(path)
    data = yamlio.load(path)
    if not isinstance(data, dict) or not data.get("article") or not data.get("published"):
        _fail(path, "header", "article and published are needed", "begin the file with article:, published:, outlet:")
    art = Path(articles) / str(data["article"])
    if not art.is_file():
        _fail(path, "article", f"{art} does not exist", "pass the corpus folder with --articles")
    text = unicodedata.normalize("NFC", art.read_text("utf-8"))
    g = GoldArticle(path, str(data["article"]), str(data["published"]), data.get("outlet"))
    g.events = [_event(path, i, r, text) for i, r in enumerate(data.get("events") or [])]
    for i, r in enumerate(data.get("skipped") or []):
        kind = r.get("kind") if isinstance(r, dict) else None
        if kind not in SKIP_KINDS:
            _fail(path, f"skipped[{i}]", f"kind {kind!r} is not one of {', '.join(SKIP_KINDS)}", "use a kind of the guide")
        g.skipped.append(Skip(kind, _span(path, f"skipped[{i}]", r, text)))
    return g, text


def gold_files(folder: Path) -> list[Path]:
    """The folder's gold files (*.yaml, *.yml), sorted by name."""
    return sorted(p for p in Path(folder).iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
