"""What the grouping stages look at: the article (Doc), one sentence of it (Sentence), and the window one
trigger owns in that sentence (Window). Each stage takes the smallest of these it needs."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conflictkg.core.normalise import Normalised

    from .candidates import Candidate
    from .lexicon import Grammar, Lexicon
    from .match import Match, Token
    from .numbers import Casualty
    from .timex import FoundDate, Published


@dataclass
class Doc:
    """The article: its tokens and every actor, place, trigger and tally word found in it."""

    norm: Normalised
    lex: Lexicon
    pub: Published | None
    outlet: str | None
    toks: list[Token]
    actors: list[Match]          # context resolved, sources included
    places: list[Match]          # grown by their pattern words, plus anaphora (المدينة)
    triggers: list[Match]        # outside the phrases that name no event
    tally_cues: list[Match]

    @property
    def grammar(self) -> Grammar:
        return self.lex.grammar

    @cached_property
    def place_ends(self) -> list[tuple[int, int]]:
        """(last token, index in places) of every place, sorted: to find the place named last before a point."""
        return sorted((p.last, i) for i, p in enumerate(self.places))


@dataclass
class Sentence:
    """One sentence, tokens [lo, hi). The tally and continuation steps take triggers and casualty statements
    out of `trigs` and `cas`; what is left makes events."""

    doc: Doc
    lo: int
    hi: int
    actors: list[Match]          # the participants: no sources, nor a side only supported or owning
    places: list[Match]
    dates: list[FoundDate]
    cas: list[Casualty]
    rep: str | None              # the reporter the sentence attributes itself to (else the outlet)
    trigs: list[Match]


@dataclass
class Window:
    """One trigger and the tokens [lo, hi) it owns: from the previous run of triggers to the next."""

    s: Sentence
    trigger: Match
    group: list[Match]           # the run of joined triggers it is in (هجمات وتفجيرات وكمائن)
    lo: int
    hi: int
    prev: Candidate | None       # the last event of the previous run in the sentence
    first: bool                  # the sentence's first run
    during: bool                 # an activity under way (أثناء …), the background of the next event
    used: list[int] = field(default_factory=list)  # tokens the evidence quote must cover

    @property
    def doc(self) -> Doc:
        return self.s.doc

    @property
    def toks(self) -> list[Token]:
        return self.s.doc.toks

    @property
    def lex(self) -> Lexicon:
        return self.s.doc.lex

    @property
    def g(self) -> Grammar:
        return self.s.doc.lex.grammar
