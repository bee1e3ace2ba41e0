"""Reviewing extracted candidates before ingest: accept, edit or reject each one, with its evidence in view.

A fact record (event, tally, relation, presence report) is reviewed when it carries
`review: {by: NAME, at: YYYY-MM-DD}`; `conflictkg extract` writes none, and `conflictkg ingest` refuses a
file that still holds records without one. Rejected records are dropped, and so are the `part_of` and
`same_as` links of accepted records that pointed at them. The file is rewritten atomically (a temporary
file in the same folder, then a rename), so a reader sees the old file or the new one, never half of it.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib.namespace import RDFS

from conflictkg.core import dates, geo, yamlio
from conflictkg.core.arabic import nfc
from conflictkg.core.errors import FactError, InputError
from conflictkg.core.ns import CKG
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.model import ontology
from conflictkg.model.vocab import STATEMENT

from .evidence import locate
from .seeds import read_gazetteer, read_registry

SECTIONS = ("events", "tallies", "relations", "presence")
UNREVIEWED_NOTE = " (candidate, not reviewed)"
EDITABLE = ("type", "date", "places", "perpetrator", "target", "party", "killed", "statement", "summary",
            "certainty", "same_as")
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def read(path: Path) -> dict:
    path = Path(path)
    if not path.is_file():
        raise InputError("fact file not found", file=str(path), fix="run 'conflictkg extract ARTICLE -o FACTS.yaml'")
    data = yamlio.load(path)
    if not isinstance(data, dict) or not isinstance(data.get("article"), str):
        raise InputError("a fact file is a mapping with 'article: <article id>' at the top", file=str(path),
                         fix="see docs/fact-format.md")
    return data


def records(data: dict) -> list[tuple[str, dict]]:
    """(section, record) of every fact record, in file order."""
    return [(s, r) for s in SECTIONS for r in data.get(s) or [] if isinstance(r, dict)]


def unreviewed(data: dict) -> list[str]:
    """Ids of the fact records that no one has reviewed."""
    return [str(r.get("id")) for _, r in records(data) if not r.get("review")]


@dataclass
class Context:
    """The sentence around a record's quote, cut in three: before, the quote, after (NFC, code points)."""
    before: str
    quote: str
    after: str
    start: int
    end: int

    def plain(self) -> str:
        return f"{self.before}[[{self.quote}]]{self.after}"

    def ansi(self) -> str:
        return f"{self.before}\x1b[1;30;43m{self.quote}\x1b[0m{self.after}"


def context(text: str, rec: dict) -> Context:
    """The evidence of `rec` in its sentence (from the sentence end before it to the one after it)."""
    hints = {k: rec.get(k) for k in ("occurrence", "within", "start", "end") if rec.get(k) is not None}
    try:
        span = locate(text, str(rec.get("quote") or ""), **hints)
    except ValueError as e:
        raise FactError(str(e), record=str(rec.get("id")), line=getattr(rec, "line", None)) from None
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, span.start)]
    first = ends[-1] if ends else 0
    m = _SENTENCE_END.search(text, span.end)
    last = m.end() if m else len(text)
    return Context(text[first:span.start].lstrip(), span.exact, text[span.end:last].rstrip(), span.start, span.end)


def killed(rec: dict) -> str:
    """The killed count as written in a review: '13', '13+' (a lower bound), 'stated' or ''."""
    out = []
    for c in rec.get("counts") or []:
        if c.get("kind") == "killed":
            out.append(str(c["n"]) if "n" in c else f"{c['min']}+" if "min" in c else "stated")
    return ", ".join(out)


def describe(section: str, rec: dict) -> list[tuple[str, str]]:
    """The fields a reviewer checks, as (name, value) pairs."""
    def ids(key):
        return ", ".join(map(str, rec.get(key) or []))
    rows = [("summary", str(rec.get("summary") or ""))]
    if section == "events":
        rows += [("type", str(rec.get("type"))), ("statement", str(rec.get("statement", "event")))]
    when = rec.get("date", rec.get("period"))
    rows += [("date", "" if when is None else str(when)),
             ("places", ids("places" if section != "tallies" else "areas"))]
    rows += [(role, ids(role)) for role in ("perpetrator", "target", "party") if rec.get(role)]
    rows += [("killed", killed(rec)), ("certainty", str(rec.get("certainty"))), ("reporter", str(rec.get("reporter")))]
    return [(k, v) for k, v in rows if v]


@dataclass
class Registries:
    """What an edited value may name: actor and place ids, event types."""
    actors: set[str]
    places: set[str]
    types: set[str]

    @classmethod
    def load(cls, seeds: Path = SEEDS_DIR) -> "Registries":
        g = ontology.graph()
        types = {str(c).rsplit("#", 1)[-1] for c in g.transitive_subjects(RDFS.subClassOf, CKG.Event)}
        places = read_registry(Path(seeds) / "places.yaml")
        # and the gazetteer's places (gn-<geonameid>), which extracted files name
        places.update(geo.gazetteer_places(read_gazetteer(Path(seeds) / "gazetteer" / "places.csv"), places))
        return cls(set(read_registry(Path(seeds) / "actors.yaml")), set(places), types - {"Event"})


def _ids(value: str, known: set[str], what: str) -> list[str]:
    out = [v.strip() for v in re.split(r"[,;\s]+", value) if v.strip()]
    bad = [v for v in out if v not in known]
    if bad:
        more = " or gn-<geonameid> of seeds/gazetteer/places.csv" if what == "place" else ""
        raise ValueError(f"unknown {what} id(s): {', '.join(bad)}; fix: use ids of seeds/{what}s.yaml{more}")
    return out


def edit(section: str, rec: dict, name: str, value: str, reg: Registries) -> None:
    """Set one field of a record from what a reviewer typed. Raises ValueError with the fix."""
    value = nfc(value.strip())
    if name not in EDITABLE:
        raise ValueError(f"'{name}' cannot be edited here; fix: edit one of {', '.join(EDITABLE)}")
    if name == "type":
        if section != "events" or value not in reg.types:
            raise ValueError(f"'{value}' is not an event type of the ontology; fix: one of "
                             f"{', '.join(sorted(reg.types))}")
        rec["type"] = value
    elif name == "date":
        key = "date" if section != "tallies" else "period"
        if value in ("", "none"):
            rec.pop(key, None)
        else:
            dates.parse(value)  # raises with the fix
            rec[key] = value
        rec.pop("date_basis", None)
    elif name == "places":
        rec["places" if section != "tallies" else "areas"] = _ids(value, reg.places, "place")
    elif name in ("perpetrator", "target", "party"):
        ids = _ids(value, reg.actors, "actor")
        if ids:
            rec[name] = ids
        else:
            rec.pop(name, None)
    elif name == "killed":
        _set_killed(rec, value, reg)
    elif name == "statement":
        if value not in STATEMENT:
            raise ValueError(f"'{value}' is not a statement kind; fix: one of {', '.join(STATEMENT)}")
        rec["statement"] = value
    elif name == "certainty":
        if value not in ("confirmed", "reported", "alleged", "suspected"):
            raise ValueError(f"'{value}' is not a certainty; fix: confirmed, reported, alleged or suspected")
        rec["certainty"] = value
    elif name == "same_as":
        if section != "events":
            raise ValueError("only an event is a second account; fix: edit same_as of an event")
        if value in ("", "none"):
            rec.pop("same_as", None)
        else:
            rec["same_as"] = value  # an id of the file, ARTICLE/ID or an IRI: the loader and ingest check it
    else:
        rec["summary"] = value


def _set_killed(rec: dict, value: str, reg: Registries) -> None:
    """'13' (exactly), '13+' (at least), '13 isis' (on that side), or 'none' (no killed count)."""
    counts = [c for c in rec.get("counts") or [] if c.get("kind") != "killed"]
    old = next((c for c in rec.get("counts") or [] if c.get("kind") == "killed" and c.get("side")), None)
    m = re.fullmatch(r"(\d+)(\+?)(?:\s+([\w-]+))?", value)
    if value in ("none", ""):
        pass
    elif m:
        side = m[3] or (old or {}).get("side") or next(iter(rec.get("target") or []), None)
        if side is not None and not isinstance(side, list) and side not in reg.actors:
            raise ValueError(f"unknown actor id '{side}'; fix: use an id of seeds/actors.yaml")
        count: dict = {"kind": "killed"}
        if side is not None:
            count["side"] = side
        count["min" if m[2] else "n"] = int(m[1])
        counts.insert(0, count)
    else:
        raise ValueError(f"cannot read killed '{value}'; fix: write 13, 13+ (at least), '13 SIDE' or none")
    if counts:
        rec["counts"] = counts
    else:
        rec.pop("counts", None)


@dataclass
class Outcome:
    data: dict
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)  # links dropped because they named a rejected record
    left: list[str] = field(default_factory=list)


def apply(data: dict, accept: set[str], reject: set[str], *, by: str, on: dt.date | None = None) -> Outcome:
    """The fact file after the decisions: accepted records marked reviewed, rejected ones dropped."""
    on = on or dt.date.today()
    known = {str(r.get("id")) for _, r in records(data)}
    unknown = sorted((accept | reject) - known)
    if unknown:
        raise InputError(f"no record with id {', '.join(unknown)} in the file",
                         fix=f"use ids of the file: {', '.join(sorted(known))}")
    both = sorted(accept & reject)
    if both:
        raise InputError(f"{', '.join(both)} both accepted and rejected", fix="give each id once")
    out = Outcome(dict(data))
    for section in SECTIONS:
        if section not in data:
            continue
        kept = []
        for rec in data.get(section) or []:
            rid = str(rec.get("id"))
            if rid in reject:
                out.rejected.append(rid)
                continue
            rec = type(rec)(rec) if isinstance(rec, dict) else rec
            if rid in accept and not rec.get("review"):
                if isinstance(rec.get("summary"), str):
                    rec["summary"] = rec["summary"].replace(UNREVIEWED_NOTE, "")
                rec["review"] = {"by": by, "at": on.isoformat()}
                out.accepted.append(rid)
            kept.append(rec)
        out.data[section] = kept
    for _, rec in records(out.data):
        for key in ("part_of", "same_as"):
            if str(rec.get(key)) in reject:
                out.unlinked.append(f"{rec['id']}.{key} {rec.pop(key)}")
        if not rec.get("review"):
            out.left.append(str(rec.get("id")))
    return out


class _Dumper(yamlio.Dumper):
    """A reviewed file holds the records as read (Record) and dates the user set."""


_Dumper.add_representer(yamlio.Record, lambda d, v: d.represent_dict(dict(v)))
_Dumper.add_representer(dt.date, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v.isoformat()))


def dump(data: dict, header: list[str]) -> str:
    buf = io.StringIO()
    buf.write("".join(f"# {line}\n" for line in header))
    buf.write(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                        default_flow_style=None))
    return buf.getvalue()


def header(path: Path, out: Outcome) -> list[str]:
    """The file's own leading comments, with one line saying where the review stands."""
    lines = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if not line.startswith("# Reviewed with"):
            lines.append(line[1:].strip())
    total = len(records(out.data))
    lines.append(f"Reviewed with 'conflictkg review': {total - len(out.left)} of {total} records reviewed"
                 + (f", {len(out.left)} still to review ({', '.join(out.left)})" if out.left else ""))
    return lines


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write: {e.strerror}; the file is as it was", file=str(path),
                         fix="free space or fix the folder's permissions, then run the review again") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
