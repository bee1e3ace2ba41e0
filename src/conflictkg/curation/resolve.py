"""Resolving an Arabic name to the registry's actors and places, across spelling variants."""
from __future__ import annotations

import re

from conflictkg.core.arabic import match_key
from .seeds import Corpus

# one-letter proclitics (و ف ب ل ك) and the article, as in وقوات / بريف / للقوات
_CLITICS = re.compile(r"^(?:[وف])?(?:[بلك])?(?:ال|ل)?")


class Resolver:
    def __init__(self, corpus: Corpus):
        self.index: dict[str, set[str]] = {}
        for kind, table in (("actor", corpus.actors), ("place", corpus.places)):
            for eid, e in table.items():
                for name in [e["ar"], *(e.get("variants") or [])]:
                    self.index.setdefault(match_key(name, drop_spaces=True), set()).add(f"{kind}:{eid}")

    def lookup(self, name: str) -> set[str]:
        """Entities ("actor:isis", "place:abu-kamal") whose name or variant matches `name`, trying the name
        as written, then without its clitics."""
        key = match_key(name, drop_spaces=True)
        if key in self.index:
            return self.index[key]
        bare = _CLITICS.sub("", key)
        for candidate in (bare, "ال" + bare):
            if candidate in self.index:
                return self.index[candidate]
        return set()

    def ambiguous(self) -> dict[str, set[str]]:
        """Folded names that two actors, or two places, claim. A state and its territory (actor and
        place 'turkey') may share a name: fact files say which they mean."""
        out = {}
        for k, v in self.index.items():
            kinds = [e.split(":", 1)[0] for e in v]
            if len(kinds) != len(set(kinds)):
                out[k] = v
        return out
