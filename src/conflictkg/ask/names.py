"""Finding the actor, place or event type a user names: by IRI, prefixed or short IRI, slug, or label in Arabic
or English (NFC and the project's Arabic folding, case ignored). An unknown name is an error listing close
matches; a name that fits several entities is an error listing them. Nothing here reaches SPARQL: the names
are looked up in tables read once from the store."""
from __future__ import annotations

import difflib
import re

from rdflib import URIRef
from rdflib.namespace import RDFS

from conflictkg.core.arabic import match_key, nfc
from conflictkg.core.errors import ConflictKGError
from conflictkg.core.ns import CKG, ID
from conflictkg.model import ontology
from conflictkg.store import queries
from conflictkg.store.params import expand

from .tabular import Tables, local


class UnknownName(ConflictKGError):
    """A name that fits no entity, or several (exit code 2)."""


def key(name: str) -> str:
    """The folded form names are compared in: NFC, Arabic spelling variants folded, case and spaces ignored."""
    return match_key(nfc(name), drop_spaces=True).casefold()


class Names:
    """The names of the store's actors and places, and of the ontology's event types."""

    def __init__(self, tables: Tables):
        self.t = tables
        self._keys: dict[str, set[str]] = {}  # folded name -> IRIs
        self._shown: dict[str, str] = {}      # folded name -> the name as written, for suggestions
        for iri, e in tables.entities.items():
            for name in (e.en, e.ar):
                self._add(name, iri)
        for r in queries.rows(tables.store, "ask/names"):
            self._add(r["name"], r["entity"])

    def _add(self, name: str | None, iri: str) -> None:
        if not name:
            return
        k = key(name)
        self._keys.setdefault(k, set()).add(iri)
        self._shown.setdefault(k, nfc(name))
        # "Deir ez-Zor Governorate" is also "Deir ez-Zor" when a governorate is asked for, محافظة حمص also حمص
        bare = re.sub(r"\s+governorate$", "", re.sub(r"^محافظة\s+", "", nfc(name)), flags=re.IGNORECASE)
        if bare != nfc(name) and bare:
            self._keys.setdefault("gov:" + key(bare), set()).add(iri)
            self._shown.setdefault("gov:" + key(bare), bare)

    def resolve(self, name: str, what: str, allowed: set[str]) -> str:
        """The IRI `name` stands for among `allowed` IRIs; `what` ("governorate", "place", "actor") names them
        in errors."""
        value = nfc(name.strip())
        full = expand(value)
        if full is not None:
            if full in allowed:
                return full
            raise self._unknown(value, what, allowed, f"no {what} has the IRI {full}")
        if re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):  # a slug, as in seeds/places.yaml and actors.yaml
            hits = [i for i in allowed if local(i) == value]
            if len(hits) == 1:
                return hits[0]
        k = key(value)
        hits = sorted((self._keys.get(k, set()) | self._keys.get("gov:" + k, set())) & allowed)
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise UnknownName(f"'{value}' names {len(hits)} {what}s: {self._list(hits)}",
                             fix="give one of them by its short IRI, e.g. " + self.short(hits[0]))
        raise self._unknown(value, what, allowed, f"no {what} is called '{value}'")

    def _unknown(self, value: str, what: str, allowed: set[str], message: str) -> UnknownName:
        names = {self._shown[k]: k.removeprefix("gov:") for k, iris in self._keys.items() if iris & allowed}
        names.update({local(i): key(local(i)) for i in allowed})
        close = difflib.get_close_matches(key(value), list(names.values()), n=5, cutoff=0.6)
        shown = [n for n, k in names.items() if k in close][:5]
        return UnknownName(message, fix=(f"did you mean: {', '.join(shown)}? " if shown else "")
                          + f"give {'an' if what[0] in 'aeiou' else 'a'} {what} by English or Arabic name, slug or IRI")

    def short(self, iri: str) -> str:
        return iri.replace(str(ID), "")

    def _list(self, iris: list[str]) -> str:
        ents = self.t.entities
        return "; ".join(f"{self.short(i)} ({ents[i].en})" if i in ents else self.short(i) for i in iris)

    # ---------------------------------------------------------------- the sets a name is looked up in
    def places(self) -> set[str]:
        return {i for i, e in self.t.entities.items() if e.kind == "place"}

    def governorates(self) -> set[str]:
        return {i for i, e in self.t.entities.items() if e.kind == "place" and e.cls == "Governorate"}

    def actors(self) -> set[str]:
        return {i for i, e in self.t.entities.items() if e.kind == "actor"}


def event_type(name: str) -> str:
    """The local name of the ontology's event class `name` stands for: IRI, ckg:Ambush, Ambush, ambush, or its
    English or Arabic label (كمين)."""
    g = ontology.graph()
    classes = {str(c) for c in g.transitive_subjects(RDFS.subClassOf, CKG.Event) if isinstance(c, URIRef)}
    value = nfc(name.strip())
    full = expand(value) or (str(CKG) + value if re.fullmatch(r"\w+", value) else None)
    if full in classes:
        return local(full)
    by_key: dict[str, set[str]] = {}
    for c in classes:
        by_key.setdefault(key(local(c)), set()).add(c)
        for label in g.objects(URIRef(c), RDFS.label):
            by_key.setdefault(key(str(label)), set()).add(c)
    hits = sorted(by_key.get(key(value), set()))
    if len(hits) == 1:
        return local(hits[0])
    close = difflib.get_close_matches(key(value), sorted(by_key), n=5, cutoff=0.6)
    shown = sorted({local(c) for k in close for c in by_key[k]})
    raise UnknownName(f"no event type is called '{value}'" if not hits else
                     f"'{value}' names several event types: {', '.join(local(h) for h in hits)}",
                     fix=(f"did you mean: {', '.join(shown)}? " if shown else "")
                     + "give a subclass of ckg:Event, e.g. Attack, Ambush, AirStrike, Arrest")
