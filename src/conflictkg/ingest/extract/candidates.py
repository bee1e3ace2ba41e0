"""What the grouping gives: candidate events and tallies, and everything found in one article."""
from __future__ import annotations

from dataclasses import dataclass, field

from conflictkg.core.normalise import Normalised

from .match import Match, Token
from .timex import FoundDate


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
    head: int = -1               # the trigger's first token
    place_stated: bool = True    # False: the place is a default (the place in focus, a nisba, the country)
    date_stated: bool = True     # False: the date is a default (the month of publication)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans of every mention, when merged
    apart: bool = False          # places of different governorates joined by و (في دمشق وحمص): one event each
    named: bool = False          # a noun of attack named by its place (هجوم دوما): definite, an incident told of


@dataclass
class Findings:
    """One article's tokens, actor and place matches, and the candidates grouped from them."""

    norm: Normalised
    toks: list[Token]
    actors: list[Match]          # every actor match (context resolved), sources included
    places: list[Match]
    candidates: list[Candidate]


def uniq(xs) -> list:
    """The items in their order, each once (ids are few, so a list beats a set here)."""
    out = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out
