"""The editable mapping files (mappings/*.yaml): dataset names and types to our actors, places and classes."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDFS

from conflictkg.core import yamlio
from conflictkg.core.errors import FactError, FactErrors, InputError
from conflictkg.core.ns import ACLED, CKG
from conflictkg.core.resources import MAPPINGS_DIR
from conflictkg.model import ontology

from .acled import Acled
from .registry import DATASETS

ACTOR_KINDS = ("actor", "exact_match", "close_match")
ROLES = ("perpetrator", "target", "party")
LEVELS = ("admin1", "admin2", "admin3", "location")
# words datasets append to names: 'Dayr az Zawr governorate', 'Hajin town'
_SUFFIX = re.compile(r"\b(governorate|province|district|sub ?district|nahiya|town|village|city|area)$")


def slug(text: str) -> str:
    """ACLED's labels as IRI parts: 'Explosions/Remote violence' → 'explosions-remote-violence'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def name_slug(name: str) -> str:
    """An IRI part for a dataset's name: its slug, or, for a name with no Latin letters or digits (an Arabic
    name), a stable digest of its NFC form, so that two such names never share an IRI."""
    return slug(name) or "h" + hashlib.sha256(
        unicodedata.normalize("NFC", " ".join(name.split()).casefold()).encode("utf-8")).hexdigest()[:16]


def name_key(name: str) -> str:
    """A folding of an English place or actor name: case, accents, spaces, hyphens and apostrophes ignored."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())
    s = _SUFFIX.sub("", s).strip()
    return s.replace(" ", "")


def actor_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class Mappings:
    actors: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)  # dataset → key → (kind, id)
    acled_types: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # → (class, concept)
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)  # class → roles of actor1, actor2
    inter: dict[str, str] = field(default_factory=dict)  # code or folded label → class
    places: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)  # name key → [(id, level)]
    files: list[Path] = field(default_factory=list)

    def inter_class(self, value: str) -> str | None:
        """The class of an ACLED inter code or label; "" for no actor (empty or 0); None for no such code."""
        v = " ".join(value.split()).casefold()
        if re.fullmatch(r"\d+\.0+", v):
            v = v.split(".")[0]  # '1.0', as a spreadsheet writes the code 1
        return self.inter.get(v) if v else ""


def _records(path: Path, keys: set[str], errors: list) -> list:
    data = yamlio.load(path)
    if not isinstance(data, list):
        raise InputError("expected a list of entries", file=str(path), fix="see mappings/README.md")
    out = []
    for rec in data:
        if not isinstance(rec, dict) or not set(rec) <= keys:
            errors.append(FactError(f"entry must have only the keys {', '.join(sorted(keys))}", file=str(path),
                                    line=getattr(rec, "line", None)))
            continue
        out.append(rec)
    return out


def load(folder: Path = MAPPINGS_DIR) -> Mappings:
    """Read and check every mapping file; all problems are reported together with file and line."""
    m, errors = Mappings(), []
    onto = ontology.graph()
    classes = {str(c) for c in onto.subjects(RDFS.subClassOf, None)} | {str(CKG.Event)}
    concepts = {str(s) for s in onto.subjects(None, None) if str(s).startswith(str(ACLED))}
    for dataset in DATASETS.values():
        path = folder / dataset.actor_mappings
        m.files.append(path)
        table = m.actors.setdefault(dataset.name, {})
        for rec in _records(path, {"name", *ACTOR_KINDS}, errors):
            kinds = [k for k in ACTOR_KINDS if k in rec]
            if len(kinds) != 1 or not isinstance(rec.get("name"), str):
                errors.append(FactError("give a name and exactly one of actor, exact_match, close_match",
                                        file=str(path), line=rec.line))
                continue
            table[actor_key(rec["name"])] = (kinds[0], str(rec[kinds[0]]))
    path = folder / Acled.type_mappings
    m.files.append(path)
    for rec in _records(path, {"event_type", "sub_event_type", "class", "roles"}, errors):
        roles = rec.get("roles", ["perpetrator", "target"])
        if not (isinstance(roles, list) and len(roles) == 2 and set(roles) <= set(ROLES)):
            errors.append(FactError(f"roles must be two of {', '.join(ROLES)}", file=str(path), line=rec.line))
            continue
        m.roles[str(rec.get("class"))] = tuple(roles)
        cls, concept = str(CKG[str(rec.get("class"))]), str(ACLED[f"{slug(rec['event_type'])}--{slug(rec['sub_event_type'])}"])
        if cls not in classes:
            errors.append(FactError(f"unknown class '{rec.get('class')}'", file=str(path), line=rec.line,
                                    fix="use an event class of ontology/conflictkg.ttl"))
        elif concept not in concepts:
            errors.append(FactError(f"no ACLED concept {concept} in ontology/event-types.ttl", file=str(path),
                                    line=rec.line, fix="check the spelling of event_type and sub_event_type"))
        else:
            m.acled_types[(rec["event_type"].casefold(), rec["sub_event_type"].casefold())] = (rec["class"], concept)
    path = folder / Acled.inter_mappings
    m.files.append(path)
    for rec in _records(path, {"code", "label", "plural", "class"}, errors):
        if str(CKG[str(rec.get("class"))]) not in classes:
            errors.append(FactError(f"unknown class '{rec.get('class')}'", file=str(path), line=rec.line))
            continue
        for key in (rec["code"], rec["label"], rec.get("plural") or rec["label"]):
            m.inter[" ".join(str(key).split()).casefold()] = rec["class"]
    m.inter["0"] = ""  # ACLED's 0: no second actor (remote violence with no named target, protests)
    path = folder / "place-names.yaml"
    m.files.append(path)
    for rec in _records(path, {"name", "place", "level"}, errors):
        if rec.get("level", "location") not in LEVELS:
            errors.append(FactError(f"level must be one of {', '.join(LEVELS)}", file=str(path), line=rec.line))
            continue
        m.places.setdefault(name_key(str(rec["name"])), []).append((str(rec["place"]), rec.get("level")))
    if errors:
        raise FactErrors(errors)
    return m


def digest(m: Mappings) -> bytes:
    """The mapping files' bytes: part of an import's identity, since they change its output."""
    return b"\0".join(p.read_bytes() for p in m.files)
