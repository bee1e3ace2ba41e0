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
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

from conflictkg.core import geo
from conflictkg.core.normalise import fold
from conflictkg.core.resources import LEXICON_DIR, SEEDS_DIR

from .match import Matcher

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


@dataclass(frozen=True)
class Grammar:
    """The grammar words and settings of the grouping rules (lexicon/grammar.yaml), words folded."""

    clash: frozenset[str]               # event types where every actor named is a party
    party_types: frozenset[str]         # types whose participants are all parties
    no_target: frozenset[str]
    object_genitive: frozenset[str]     # the actor after the noun is its object, not its agent
    violent: frozenset[str]
    counted: Mapping[str, str]          # event type → the count kind it counts (Arrest → arrested)
    to_words: frozenset[str]
    from_words: frozenset[str]
    against: frozenset[str]
    agent_gap: frozenset[str]
    agent_verbs: frozenset[str]
    aircraft: tuple[str, ...]
    support: frozenset[str]
    belongs: frozenset[str]
    with_: frozenset[str]
    during: frozenset[str]
    side_words: frozenset[str]
    heads: frozenset[str]
    plurals: frozenset[str]
    large_toll: int
    default_place: tuple[str, ...]
    anaphora: Mapping[str, frozenset[str]]   # definite noun → registry classes it points back at
    nisba: Mapping[str, str]                 # country adjective → place id
    clause_openers: frozenset[str]
    heading_words: int
    points_back: frozenset[str] = frozenset()    # definite nouns of an act that tell on an incident again
    air_arms: frozenset[str] = frozenset()      # actor ids whose bombardment is an air strike
    ground_fire: frozenset[str] = frozenset()   # words of fire from the ground (مدفعية، هاون)
    story_types: frozenset[str] = frozenset()   # types an article tells once (a Deal)
    deed_words: frozenset[str] = frozenset()    # اتهم X بتنفيذه: X did it
    unnamed_striker: str | None = None          # the perpetrator of a strike whose side is named nowhere
    unnamed_strike_types: frozenset[str] = frozenset()
    held_by: frozenset[str] = frozenset()       # "قرب مناطق سيطرة X": X holds a landmark, no part
    chemical_means: frozenset[str] = frozenset()  # "هجوم مفترض بغاز سام": an attack with these is chemical

    @classmethod
    def from_yaml(cls, g: dict) -> Grammar:
        def words(key: str) -> frozenset[str]:
            return frozenset(fold(w) for w in g[key])

        return cls(
            clash=frozenset(g["clash_types"]), party_types=frozenset(g["party_types"]),
            no_target=frozenset(g["no_target_types"]), object_genitive=frozenset(g["object_genitive_types"]),
            violent=frozenset(g["violent_types"]), counted=MappingProxyType(dict(g["counted"])),
            to_words=words("to_words"), from_words=words("from_words"), against=words("against"),
            agent_gap=words("agent_gap"), agent_verbs=words("agent_verbs"), aircraft=tuple(dict.fromkeys(fold(w) for w in g["aircraft"])),
            support=words("support"), belongs=words("belongs"), with_=words("with"), during=words("during"),
            side_words=words("side_words"), heads=words("heads"), plurals=words("plurals"),
            large_toll=int(g["large_toll"]), default_place=tuple(g["default_place"]),
            anaphora=MappingProxyType({fold(k): frozenset(v) for k, v in g["anaphora"].items()}),
            nisba=MappingProxyType({fold(k): v for k, v in g["nisba_places"].items()}),
            clause_openers=words("clause_openers"), heading_words=int(g["heading_words"]),
            points_back=words("points_back") if "points_back" in g else frozenset(),
            air_arms=frozenset(g.get("air_arms") or ()),
            ground_fire=frozenset(fold(w) for w in g.get("ground_fire") or ()),
            story_types=frozenset(g.get("story_types") or ()),
            deed_words=frozenset(fold(w) for w in g.get("deed_words") or ()),
            unnamed_striker=g.get("unnamed_striker"), unnamed_strike_types=frozenset(g.get("unnamed_strike_types") or ()),
            held_by=frozenset(" ".join(fold(w).split()) for w in g.get("held_by") or ()),
            chemical_means=frozenset(fold(w) for w in g.get("chemical_means") or ()))


@dataclass(frozen=True)
class Gazetteer:
    """How gazetteer names that the registry lacks are read (places.py): a name that several rows bear
    stands for all of them until the governorate named nearby, or the population, picks one; a name that is
    also a common word (not_alone) counts only after a settlement noun (قرية، بلدة …)."""

    choices: Mapping[str, tuple[tuple[str, int], ...]]  # "?name" → (place id, population) of each row
    not_alone: frozenset[str]        # folded names
    settlement_nouns: frozenset[str]


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
    grammar: Grammar                        # the grouping rules' words (lexicon/grammar.yaml)
    sources: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (kind, phrase) → articles
    holdout: str | None = None
    gazetteer: Gazetteer = field(default_factory=lambda: Gazetteer({}, frozenset(), frozenset()))
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # region id → governorates it spans

    # ------------------------------------------------------------------ matchers, built once
    def __post_init__(self):
        self.actor_matcher = Matcher(self.actor_phrases)
        self.place_matcher = Matcher(self.place_phrases)
        self.trigger_matcher = Matcher(self.trigger_phrases)
        self.not_event_matcher = Matcher({p: True for p in self.not_events})
        self.tally_matcher = Matcher({p: True for p in self.tally_cues})
        self.chemical_matcher = Matcher({p: True for p in self.grammar.chemical_means})
        self.certainty_matcher = Matcher(self.certainty)
        self.reporter_matcher = Matcher({p: True for p in self.reporter_cues})
        n = self.numbers
        self.number_matcher = Matcher({**{k: ("word", v) for k, v in n["words"].items()},
                                       **{k: ("vague", v) for k, v in n["vague"].items()}})
        self.approx_matcher = Matcher({p: "approx" for p in n["approx"]} | {p: "more" for p in n["more_than"]}
                                      | {p: "least" for p in n["at_least"]})
        self.killed_matcher = Matcher({p: "before" for p in n["killed_before"]} | {p: "after" for p in n["killed_after"]})
        self.wounded_matcher = Matcher({p: True for p in n["wounded"]})
        self.killed_verb_matcher = Matcher({p: True for p in n.get("killed_verbs") or []})
        self.subject_openers = {fold(w) for w in n.get("subject_openers") or []}
        self.singular = {fold(w) for w in n.get("singular") or []}
        d = self.dates
        self.month_matcher = Matcher(d["months"])
        self.weekday_matcher = Matcher(d["weekdays"])
        self.ordinal_matcher = Matcher(d.get("ordinal_days") or {})
        self.relday_matcher = Matcher(d["relative_days"])
        self.relative_matcher = Matcher(d["relative"])
        # the registry's own names, for the composites the place patterns build (بادية + الميادين): the
        # pattern makes the name, so these stay when an article is held out
        self.place_by_name = {fold(n): p["id"] for p in self.places.values() if not _from_gazetteer(p["id"])
                              for n in [p["ar"], *(p.get("variants") or [])]}
        self.place_by_name.update({fold(k): v for k, v in self.place_phrases.items() if not k.startswith("?")
                                   and not _from_gazetteer(v)})
        self.place_names: dict[str, list[str]] = {}
        for k, v in self.place_phrases.items():
            self.place_names.setdefault(v, []).append(fold(k))
        self.place_governorate = {pid: g for pid in self.places if (g := enclosing(self.places, pid))}
        self.past_words = {fold(p) for p in d["past_word"]}
        self.pattern_before = {fold(k): fold(v) if v else "" for k, v in self.patterns["before"].items()}
        self.pattern_after = sorted((fold(a) for a in self.patterns["after"]), key=lambda a: -len(a.split()))

    def actor(self, aid: str) -> dict:
        return self.actors[aid]

    def place_precision(self, pid: str) -> int:
        return int(self.places.get(pid, {}).get("geo_precision", 3))

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, holdout: str | None = None, *, lexicon_dir: Path = LEXICON_DIR, seeds: Path = SEEDS_DIR) -> Lexicon:
        """The lexicon; with `holdout` (an article prefix such as "003"), without what only it taught."""
        return _load(holdout, str(lexicon_dir), str(seeds))


def enclosing(places: dict, pid: str, cls: str = "Governorate", seen: frozenset = frozenset()) -> str | None:
    """The place of class `cls` a place lies in (itself, if it is one), up its part-of chain; None if none or
    several."""
    p = places.get(pid)
    if p is None or pid in seen:
        return None
    if p.get("class") == cls:
        return pid
    found = {enclosing(places, q, cls, seen | {pid}) for q in p.get("part_of") or []} - {None}
    return found.pop() if len(found) == 1 else None


def _from_gazetteer(pid: str) -> bool:
    return pid.startswith(("?", geo.GAZETTEER_PREFIX))


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


class _Learned:
    """Where each phrase was learned, and whether it stays with the held-out article's entries removed.
    The first source of a phrase wins, except that common usage (no article) always keeps it."""

    def __init__(self, holdout: str | None):
        self.holdout = holdout
        self.sources: dict[tuple[str, str], set[str]] = {}

    def keep(self, kind: str, phrase: str, learned: set[str]) -> bool:
        key = (kind, fold(phrase))
        if key in self.sources and not self.sources[key]:
            return True  # already known as common usage
        self.sources[key] = set(learned)
        return not (self.holdout and learned and learned <= {self.holdout})


def _from(entry) -> set[str]:
    return {str(x) for x in entry.get("from") or []}


def _actor_phrases(ldir: Path, actors: dict, texts: dict, learned: _Learned) -> dict[str, ActorEntry]:
    """The lexicon's entries first (they say where they come from), then the registry's spellings."""
    out: dict[str, ActorEntry] = {}
    for e in _yaml(ldir / "actors.yaml"):
        a = actors[e["actor"]]
        for form in e["forms"]:
            if learned.keep("actor", form, _from(e)) and fold(form) not in out:
                out[fold(form)] = ActorEntry(a["id"], a["class"], e.get("context"))
    for a in actors.values():
        for form in [a["ar"], *(a.get("variants") or [])]:
            f = fold(form)
            if f in out:
                continue
            if learned.keep("actor", form, _occurs_in(form, texts)):
                out[f] = ActorEntry(a["id"], a["class"])
    return out


@lru_cache(maxsize=4)
def _gazetteer_rows(sdir: Path) -> dict[int, dict]:
    with (sdir / "gazetteer" / "places.csv").open(encoding="utf-8") as fh:
        return {int(r["geonameid"]): r for r in csv.DictReader(fh) if r["geonameid"]}


def _gazetteer_names(sdir: Path) -> dict[int, list[str]]:
    return {gid: [n for n in r["arabic_names"].split("|") if n] for gid, r in _gazetteer_rows(sdir).items()}


def _gazetteer_phrases(plex: dict, sdir: Path, places: dict, out: dict[str, str],
                       learned: _Learned) -> Gazetteer:
    """The names of the gazetteer rows that no registry place takes (gn-<id> places, added to `places`), into
    `out` where no registry phrase has the name: populated places before admin areas of the same name; a
    name of several places maps to "?name", resolved in context (Gazetteer)."""
    rows = _gazetteer_rows(sdir)
    extra = geo.gazetteer_places(rows, places)
    places.update(extra)
    conf = plex.get("gazetteer") or {}
    never = {fold(n) for n in conf.get("never") or []}
    by_name: dict[str, list[dict]] = {}
    for p in extra.values():
        for name in dict.fromkeys(fold(n) for n in [p["ar"], *(p.get("variants") or [])]):
            by_name.setdefault(name, []).append(p)
    choices, gated = {}, {fold(n) for n in conf.get("not_alone") or []}
    for name, ps in sorted(by_name.items()):
        rest = name.partition(" ")[2]
        if name in out or name in never or (rest in out and not _from_gazetteer(out[rest])):
            continue  # "مدينة إدلب", "منطقة حمص": the registry's place, with its noun before it
        # a place abroad below a capital (الناصرية، الإسكندرية) is, in news on Syria, a Syrian village of the
        # same name or a word: left out
        ps = [p for p in ps if rows[p["geonames"]]["country_code"] == "SY"
              or rows[p["geonames"]]["feature_code"] in ("PPLC", "PPLA")]
        if not ps:
            continue
        if len(name.replace(" ", "").removeprefix("ال")) <= 3:  # short names (نوى، داعل) are often words
            gated.add(name)
        points = [p for p in ps if p["class"] not in ("District", "Subdistrict")] or ps
        if not learned.keep("place", name, set()):
            continue
        if len(points) == 1:
            out[name] = points[0]["id"]
        else:
            out[name] = "?" + name
            choices["?" + name] = tuple((p["id"], int(rows[p["geonames"]]["population"] or 0)) for p in points)
    return Gazetteer(MappingProxyType(choices), frozenset(gated),
                     frozenset(fold(n) for n in conf.get("settlement_nouns") or []))


def _place_phrases(plex: dict, sdir: Path, places: dict, texts: dict, learned: _Learned) -> dict[str, str]:
    """Lexicon entries, then registry labels, then GeoNames names of registry places."""
    out: dict[str, str] = {}
    for e in plex["names"]:
        for form in e["forms"]:
            if learned.keep("place", form, _from(e)) and fold(form) not in out:
                out[fold(form)] = e["place"]
    gaz = _gazetteer_names(sdir)
    for p in places.values():
        for form in [p["ar"], *(p.get("variants") or [])]:
            f = fold(form)
            if f in out:
                continue
            general = any(fold(n) == f for n in gaz.get(p.get("geonames"), []))
            if learned.keep("place", form, set() if general else _occurs_in(form, texts)):
                out[f] = p["id"]
    words = {fold(n) for n in (plex.get("gazetteer") or {}).get("not_alone") or []}
    by_precision = sorted(places.values(), key=lambda p: (int(p.get("geo_precision", 3)), p["id"]))
    for p in by_precision:  # GeoNames spellings: common usage; the finest place gets a shared name
        for name in gaz.get(p.get("geonames"), []):
            f = fold(name)
            if f not in out and f not in words and learned.keep("place", name, set()):
                out[f] = p["id"]
    return out


def _trigger_phrases(ldir: Path, learned: _Learned) -> dict[str, TriggerEntry]:
    out: dict[str, TriggerEntry] = {}
    for e in _yaml(ldir / "triggers.yaml"):
        for verb, forms in ((False, e.get("forms") or []), (True, e.get("verbs") or [])):
            for form in forms:
                if learned.keep("trigger", form, _from(e)) and fold(form) not in out:
                    out[fold(form)] = TriggerEntry(e["type"], e.get("acled", ""), bool(e.get("weak")), verb)
    return out


def _tally_cues(extra: dict, learned: _Learned) -> list[str]:
    out = []
    for e in extra["tallies"]:
        form, learned_from = (e, set()) if isinstance(e, str) else (e["form"], _from(e))
        if learned.keep("tally", form, learned_from):
            out.append(form)
    return out


def _certainty(cert: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    for level in ("alleged", "suspected", "confirmed"):
        for form in cert[level]:
            out.setdefault(fold(form), level)
    return out


@lru_cache(maxsize=8)
def _load(holdout: str | None, lexicon_dir: str, seeds: str) -> Lexicon:
    ldir, sdir = Path(lexicon_dir), Path(seeds)
    actors = {a["id"]: a for a in _yaml(sdir / "actors.yaml")}
    places = {p["id"]: p for p in _yaml(sdir / "places.yaml")}
    texts = _seed_texts(seeds)
    learned = _Learned(holdout)
    actor_phrases = _actor_phrases(ldir, actors, texts, learned)
    plex = _yaml(ldir / "places.yaml")
    place_phrases = _place_phrases(plex, sdir, places, texts, learned)
    gazetteer = _gazetteer_phrases(plex, sdir, places, place_phrases, learned)
    trigger_phrases = _trigger_phrases(ldir, learned)
    extra = _yaml(ldir / "trigger-context.yaml")
    tally_cues = _tally_cues(extra, learned)
    cert = _yaml(ldir / "certainty.yaml")
    return Lexicon(actors, places, {k: v.id for k, v in actor_phrases.items()}, actor_phrases, place_phrases,
                   trigger_phrases, extra["not_events"], tally_cues, _certainty(cert), cert["reporters"],
                   _yaml(ldir / "numbers.yaml"), _yaml(ldir / "dates.yaml"), plex["patterns"],
                   Grammar.from_yaml(_yaml(ldir / "grammar.yaml")), learned.sources, holdout, gazetteer,
                   {r: tuple(gs) for r, gs in (plex.get("regions") or {}).items()})
