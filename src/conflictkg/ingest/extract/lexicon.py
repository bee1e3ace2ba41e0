"""The extraction lexicon: the YAML files of lexicon/ plus the curated registries of seeds/.

Every phrase remembers where it was learned (`sources`: seed-article prefixes such as "003"; empty for
common usage), so that `Lexicon.load(holdout="003")` drops what only article 003 taught us.

>>> lex = Lexicon.load()
>>> lex.actor_ids["داعش"], lex.trigger_phrases["كمين"].type
('isis', 'Ambush')
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from conflictkg.core.resources import LEXICON_DIR, SEEDS_DIR
from .match import Matcher
from conflictkg.core.normalise import fold

# actors that report rather than act: never perpetrator or target
SOURCE_CLASSES = {"NewsOutlet", "MonitoringGroup", "LocalNetwork", "LocalSource", "Expert"}


@dataclass(frozen=True)
class ActorEntry:
    id: str
    cls: str
    context: str | None = None

    @property
    def is_source(self) -> bool:
        return self.cls in SOURCE_CLASSES


@dataclass(frozen=True)
class TriggerEntry:
    type: str
    acled: str
    weak: bool = False
    verb: bool = False


@dataclass
class Lexicon:
    actors: dict[str, dict]                 # seeds/actors.yaml by id
    places: dict[str, dict]                 # seeds/places.yaml by id
    actor_ids: dict[str, str]               # folded phrase → actor id
    actor_phrases: dict[str, ActorEntry]
    place_phrases: dict[str, str]           # folded phrase → place id
    trigger_phrases: dict[str, TriggerEntry]
    not_events: list[str]
    tally_cues: list[str]
    certainty: dict[str, str]               # phrase → alleged | suspected | confirmed
    reporter_cues: list[str]
    numbers: dict
    dates: dict
    patterns: dict
    sources: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (kind, phrase) → articles
    holdout: str | None = None

    # ------------------------------------------------------------------ matchers, built once
    def __post_init__(self):
        self.actor_matcher = Matcher(self.actor_phrases)
        self.place_matcher = Matcher(self.place_phrases)
        self.trigger_matcher = Matcher(self.trigger_phrases)
        self.not_event_matcher = Matcher({p: True for p in self.not_events})
        self.tally_matcher = Matcher({p: True for p in self.tally_cues})
        self.certainty_matcher = Matcher(self.certainty)
        self.reporter_matcher = Matcher({p: True for p in self.reporter_cues})
        n = self.numbers
        self.number_matcher = Matcher({**{k: ("word", v) for k, v in n["words"].items()},
                                       **{k: ("vague", v) for k, v in n["vague"].items()}})
        self.approx_matcher = Matcher({p: "approx" for p in n["approx"]} | {p: "more" for p in n["more_than"]}
                                      | {p: "least" for p in n["at_least"]})
        self.killed_matcher = Matcher({p: "before" for p in n["killed_before"]} | {p: "after" for p in n["killed_after"]})
        self.wounded_matcher = Matcher({p: True for p in n["wounded"]})
        self.singular = {fold(w) for w in n.get("singular") or []}
        d = self.dates
        self.month_matcher = Matcher(d["months"])
        self.weekday_matcher = Matcher(d["weekdays"])
        self.ordinal_matcher = Matcher(d.get("ordinal_days") or {})
        self.relday_matcher = Matcher(d["relative_days"])
        self.relative_matcher = Matcher(d["relative"])
        # the registry's own names, for the composites the place patterns build (بادية + الميادين): the
        # pattern makes the name, so these stay when an article is held out
        self.place_by_name = {fold(n): p["id"] for p in self.places.values()
                              for n in [p["ar"], *(p.get("variants") or [])]}
        self.place_by_name.update({fold(k): v for k, v in self.place_phrases.items()})
        self.place_names: dict[str, list[str]] = {}
        for k, v in self.place_phrases.items():
            self.place_names.setdefault(v, []).append(fold(k))
        self.past_words = {fold(p) for p in d["past_word"]}
        self.pattern_before = {fold(k): fold(v) if v else "" for k, v in self.patterns["before"].items()}
        self.pattern_after = sorted((fold(a) for a in self.patterns["after"]), key=lambda a: -len(a.split()))

    def actor(self, aid: str) -> dict:
        return self.actors[aid]

    def place_precision(self, pid: str) -> int:
        return int(self.places.get(pid, {}).get("geo_precision", 3))

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, holdout: str | None = None, *, lexicon_dir: Path = LEXICON_DIR, seeds: Path = SEEDS_DIR) -> "Lexicon":
        """The lexicon; with `holdout` (an article prefix such as "003"), without what only it taught."""
        return _load(holdout, str(lexicon_dir), str(seeds))


@lru_cache(maxsize=1)
def grammar() -> dict:
    """The grammar words of the grouping rules (lexicon/grammar.yaml)."""
    return _yaml(LEXICON_DIR / "grammar.yaml")


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _prefix(article_id: str) -> str:
    return article_id.split("_", 1)[0]


@lru_cache(maxsize=8)
def _seed_texts(seeds: str) -> dict[str, str]:
    """Folded seed article texts by prefix: a registry spelling is 'learned' from those it occurs in."""
    out = {}
    for p in sorted((Path(seeds) / "articles").glob("*.txt")):
        out[_prefix(p.stem)] = " " + " ".join(fold(p.read_text(encoding="utf-8")).split()) + " "
    return out


def _occurs_in(phrase: str, texts: dict[str, str]) -> set[str]:
    f = fold(phrase)
    pat = re.compile(r"(?<![^\W_])(?:و|ف)?(?:ب|ل|ك)?(?:ال)?" + re.escape(f) + r"(?![^\W_])")
    return {k for k, t in texts.items() if f in t and pat.search(t)}


@lru_cache(maxsize=8)
def _load(holdout: str | None, lexicon_dir: str, seeds: str) -> Lexicon:
    ldir, sdir = Path(lexicon_dir), Path(seeds)
    actors = {a["id"]: a for a in _yaml(sdir / "actors.yaml")}
    places = {p["id"]: p for p in _yaml(sdir / "places.yaml")}
    texts = _seed_texts(seeds)
    sources: dict[tuple[str, str], set[str]] = {}

    def keep(kind: str, phrase: str, learned: set[str]) -> bool:
        key = (kind, fold(phrase))
        if key in sources and not sources[key]:
            return True  # already known as common usage
        sources[key] = set(learned)
        return not (holdout and learned and learned <= {holdout})

    def from_(entry) -> set[str]:
        return {str(x) for x in entry.get("from") or []}

    # actors: the lexicon's entries first (they say where they come from), then the registry's spellings
    actor_phrases: dict[str, ActorEntry] = {}
    for e in _yaml(ldir / "actors.yaml"):
        a = actors[e["actor"]]
        for form in e["forms"]:
            if keep("actor", form, from_(e)) and fold(form) not in actor_phrases:
                actor_phrases[fold(form)] = ActorEntry(a["id"], a["class"], e.get("context"))
    for a in actors.values():
        for form in [a["ar"], *(a.get("variants") or [])]:
            f = fold(form)
            if f in actor_phrases:
                continue
            if keep("actor", form, _occurs_in(form, texts)):
                actor_phrases[f] = ActorEntry(a["id"], a["class"])

    # places: lexicon entries, then registry labels, then GeoNames names of registry places
    plex = _yaml(ldir / "places.yaml")
    place_phrases: dict[str, str] = {}
    for e in plex["names"]:
        for form in e["forms"]:
            if keep("place", form, from_(e)) and fold(form) not in place_phrases:
                place_phrases[fold(form)] = e["place"]
    gaz = {}
    with (sdir / "gazetteer" / "places.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            gaz[int(r["geonameid"])] = [n for n in r["arabic_names"].split("|") if n]
    for p in places.values():
        for form in [p["ar"], *(p.get("variants") or [])]:
            f = fold(form)
            if f in place_phrases:
                continue
            general = any(fold(n) == f for n in gaz.get(p.get("geonames"), []))
            if keep("place", form, set() if general else _occurs_in(form, texts)):
                place_phrases[f] = p["id"]
    by_precision = sorted(places.values(), key=lambda p: (int(p.get("geo_precision", 3)), p["id"]))
    for p in by_precision:  # GeoNames spellings: common usage; the finest place gets a shared name
        for name in gaz.get(p.get("geonames"), []):
            f = fold(name)
            if f not in place_phrases and keep("place", name, set()):
                place_phrases[f] = p["id"]

    trig = _yaml(ldir / "triggers.yaml")
    trigger_phrases: dict[str, TriggerEntry] = {}
    for e in trig:
        for verb, forms in ((False, e.get("forms") or []), (True, e.get("verbs") or [])):
            for form in forms:
                if keep("trigger", form, from_(e)) and fold(form) not in trigger_phrases:
                    trigger_phrases[fold(form)] = TriggerEntry(e["type"], e.get("acled", ""), bool(e.get("weak")), verb)
    extra = _yaml(ldir / "trigger-context.yaml")
    tally_cues = []
    for e in extra["tallies"]:
        form, learned = (e, set()) if isinstance(e, str) else (e["form"], from_(e))
        if keep("tally", form, learned):
            tally_cues.append(form)
    cert = _yaml(ldir / "certainty.yaml")
    certainty = {}
    for level in ("alleged", "suspected", "confirmed"):
        for form in cert[level]:
            certainty.setdefault(fold(form), level)
    return Lexicon(actors, places, {k: v.id for k, v in actor_phrases.items()}, actor_phrases, place_phrases,
                   trigger_phrases, extra["not_events"], tally_cues, certainty, cert["reporters"],
                   _yaml(ldir / "numbers.yaml"), _yaml(ldir / "dates.yaml"), plex["patterns"], sources, holdout)
