"""What the web view shows, read once from the store: facts, their links, articles and entities."""
from __future__ import annotations

from dataclasses import dataclass, field

from conflictkg.ask.tabular import Entity, Tables, local
from conflictkg.core.arabic import match_key
from conflictkg.core.normalise import latin_key, latin_keys, latin_match, latin_runs
from conflictkg.store.generations import Store
from conflictkg.store.queries import rows


@dataclass
class Fact:
    iri: str
    type: str
    summary: str
    reporter: str
    certainty: str
    article: str
    start: int
    end: int
    quote: str
    earliest: str | None = None
    latest: str | None = None
    precision: str | None = None
    claim: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)  # (link, entity IRI)

    @property
    def path(self) -> str:
        return "/fact/" + self.iri.split("/fact/", 1)[1]

    @property
    def when(self) -> str:
        if not self.earliest:
            return "undated"
        if self.precision == "day":
            return self.earliest
        if self.precision in ("month", "year"):
            return self.earliest[: 7 if self.precision == "month" else 4] + f" ({self.precision})"
        return f"{self.earliest} – {self.latest}"


@dataclass
class Article:
    iri: str
    title: str
    text: str
    publisher: str | None
    earliest: str
    latest: str


class WebData:
    def __init__(self, store: Store):
        tables = Tables(store)
        self.entities: dict[str, Entity] = tables.entities
        self.facts: dict[str, Fact] = {}
        for r in rows(store, "web/facts"):
            self.facts[r["fact"]] = Fact(r["fact"], r["type"], r["summary"], r["reporter"], r["certainty"],
                                         r["article"], int(r["start"]), int(r["end"]), r["quote"], r["earliest"],
                                         r["latest"], r["precision"], r["claim"])
        self.by_entity: dict[str, list[tuple[str, Fact]]] = {}
        for r in rows(store, "web/fact-links"):
            fact = self.facts.get(r["fact"])
            if fact is not None:
                fact.links.append((r["link"], r["entity"]))
                self.by_entity.setdefault(r["entity"], []).append((r["link"], fact))
        for f in self.facts.values():
            self.by_entity.setdefault(f.reporter, []).append(("reporter", f))
        self.articles = {r["article"]: Article(r["article"], r["title"] or local(r["article"]), r["text"],
                                               r["publisher"], r["earliest"], r["latest"])
                         for r in rows(store, "web/articles")}
        self._names = [(match_key(n, drop_spaces=True), iri) for iri, e in self.entities.items()
                       for n in (e.en, e.ar)]
        self._latin = [(latin_key(e.en), latin_runs(e.en), iri) for iri, e in self.entities.items() if e.en]
        self._summary_keys: dict[str, str] = {}

    def _summary_key(self, f: Fact) -> str:
        """A fact summary's latin_key, computed on the first Latin search that needs it."""
        key = self._summary_keys.get(f.iri)
        if key is None:
            key = self._summary_keys[f.iri] = latin_key(f.summary)
        return key

    def name(self, iri: str) -> str:
        e = self.entities.get(iri)
        return e.en if e else local(iri)

    def search(self, q: str) -> tuple[list[Entity], list[Fact]]:
        """Entities whose Arabic or English name contains the query (Arabic folded as the resolver folds
        it, a Latin spelling folded by latin_key and matched on its consonants too), and facts whose summary
        or quote contains it."""
        key = match_key(q, drop_spaces=True).lower()
        if not key:
            return [], []
        hits = {iri for name, iri in self._names if key in name.lower()}
        latin = latin_keys(q) if q.isascii() or any("a" <= c <= "z" for c in q.lower()) else set()
        if latin:  # a Latin spelling: its transliteration variants too (core.normalise.latin_key)
            hits |= {iri for k, runs, iri in self._latin if latin_match(latin, k, runs)}
        long = {k for k in latin if len(k) >= 4}
        facts = [f for f in self.facts.values()
                 if key in match_key(f.summary, drop_spaces=True).lower() or key in match_key(f.quote, drop_spaces=True)
                 or (long and any(k in self._summary_key(f) for k in long))]
        hits = sorted(hits)
        return [self.entities[i] for i in hits], sorted(facts, key=lambda f: (f.earliest or "", f.iri))
