"""Candidates to a fact file in the seeds' format (docs/fact-format.md), and its check by the seeds' loader.

Every quote is an exact slice of the NFC article with `start`/`end` offsets in code points (the loader
checks them) and, where the words occur more than once, an `occurrence` hint.
"""
from __future__ import annotations

import bisect
import io
import re

import yaml

from conflictkg.core import yamlio

from . import confidence
from .candidates import Candidate, Findings

# What the shapes (ontology/shapes.ttl) ask of each event type; a candidate that cannot give it is dropped.
_PARTICIPANTS = ("perpetrator", "target", "party")
NEEDS: dict[str, list[tuple[tuple[str, ...], int]]] = {
    "Attack": [(("perpetrator", "target"), 1)], "Ambush": [(("target",), 1)], "Bombing": [(_PARTICIPANTS, 1)],
    "Raid": [(("perpetrator",), 1)], "Shelling": [(("perpetrator",), 1)], "AirStrike": [(("perpetrator",), 1)],
    "TargetedKilling": [(("target",), 1)], "Execution": [(("perpetrator",), 1)],
    "Kidnapping": [(("perpetrator",), 1)], "ArmedClash": [(_PARTICIPANTS, 2)],
    "Arrest": [(("perpetrator",), 1)], "SecurityOperation": [(("perpetrator",), 1)],
    "MilitaryCampaign": [(_PARTICIPANTS, 1)],
    "Capture": [(("perpetrator",), 1), (("places",), 1)], "Withdrawal": [(_PARTICIPANTS, 1), (("places", "from"), 1)],
    "TerritoryHandover": [(_PARTICIPANTS, 1), (("places",), 1)], "Surrender": [(_PARTICIPANTS, 1)],
    "Release": [(("perpetrator",), 1)], "ClaimOfResponsibility": [(("perpetrator",), 1)],
    "Infiltration": [(("perpetrator",), 1), (("places", "from", "to"), 1)],
    "Reinforcement": [(("perpetrator", "party"), 1), (("places", "from", "to"), 1)],
    "Smuggling": [(("perpetrator", "party"), 1), (("places", "from", "to"), 1)],
    "Flight": [(("perpetrator", "party"), 1), (("places", "from", "to"), 1)],
    "Displacement": [(("places", "from", "to"), 1)],
    "TransferDeal": [(("party",), 1), (("from",), 1), (("to",), 1)],
    "ChemicalAttack": [(("perpetrator", "target"), 1)], "SuicideBombing": [(_PARTICIPANTS, 1)],
    "Deal": [(("party",), 1)], "Deployment": [(("perpetrator", "party"), 1), (("places", "from", "to"), 1)],
}


def _fields(c: Candidate) -> dict:
    return {"perpetrator": c.perpetrator, "target": c.target, "party": c.party, "places": c.places,
            "from": c.from_, "to": c.to}


def complete(c: Candidate) -> bool:
    """Whether the candidate names what its type needs (ontology/shapes.ttl)."""
    f = _fields(c)
    return all(sum(len(f[k]) for k in keys) >= n for keys, n in NEEDS.get(c.type, []))


def _span(a: Findings, c: Candidate) -> tuple[int, int]:
    s, e = a.norm.original(a.toks[c.first].start, a.toks[c.last].end)
    return s, e


def _name(lex, aid: str) -> str:
    return lex.actors[aid]["en"] if aid in lex.actors else aid


def _summary(c: Candidate, lex) -> str:
    words = {"Attack": "attack", "Ambush": "ambush", "ArmedClash": "clash"}.get(c.type, re.sub(
        r"(?<!^)(?=[A-Z])", " ", c.type).lower())
    parts = [f"Extracted {words}"]
    if c.perpetrator:
        parts.append("by " + ", ".join(_name(lex, x) for x in c.perpetrator))
    if c.target:
        parts.append("on " + ", ".join(_name(lex, x) for x in c.target))
    if c.party:
        parts.append("between " + " and ".join(_name(lex, x) for x in c.party))
    if c.places:
        parts.append("in " + ", ".join(lex.places[p]["en"] for p in c.places if p in lex.places))
    killed = [k for k in c.counts if k["kind"] == "killed"]
    if killed:
        n = sum(k.get("n", k.get("min", 0)) for k in killed)
        parts.append(f"killing {n}" + ("+" if any("min" in k for k in killed) else "") if n else "with deaths")
    return " ".join(parts) + " (candidate, not reviewed)."


def to_facts(a: Findings, lex, article_id: str, outlet: str, mention_spans: dict | None = None,
             scores: dict | None = None, heads: dict | None = None) -> dict:
    """The fact-file mapping of an article's findings. `mention_spans`, when given, gets each event's mentions
    (code-point spans, the evidence first) by event id; `scores` each event's score (confidence.py); `heads`
    the code-point span of each event's trigger word (eventhood.py reads the words before it)."""
    evidence = _Evidence(a.norm.source)
    events, tallies = [], []
    spans = set()
    for c in a.candidates:
        if c.kind == "event" and not complete(c):
            continue
        s, e = _span(a, c)
        key = (c.kind, c.type, s, e, tuple(c.perpetrator), tuple(c.places))
        if key in spans:
            continue
        spans.add(key)
        rec: dict = {}
        if c.kind == "event":
            rec["id"] = f"e{len(events) + 1:02d}"
            rec["type"] = c.type
        else:
            rec["id"] = f"t{len(tallies) + 1:02d}"
        rec.update(evidence(s, e))
        rec.update(_record(c, lex, outlet))
        if c.kind == "event":
            _told(a, c, rec, (s, e), mention_spans)
            points, why = confidence.score(c)
            rec["note"] = "; ".join(x for x in (rec.get("note"), f"score {points:.2f} ({', '.join(why)})") if x)
            if scores is not None:
                scores[rec["id"]] = points
            if heads is not None and c.head >= 0:
                heads[rec["id"]] = a.norm.original(a.toks[c.head].start, a.toks[c.head].end)
        (events if c.kind == "event" else tallies).append(rec)
    out = {"article": article_id, "mentions": _mentions(a, lex, evidence), "events": events}
    if tallies:
        out["tallies"] = tallies
    return out


def _told(a: Findings, c: Candidate, rec: dict, span: tuple[int, int], mention_spans: dict | None) -> None:
    """The other mentions of a merged incident: in the note, and in `mention_spans` (the evidence first)."""
    if not c.mentions:
        return
    more = [a.norm.original(a.toks[f].start, a.toks[t].end) for f, t in c.mentions[1:]]
    told = ", ".join(f"{x}-{y}" for x, y in more)
    rec["note"] = "; ".join(x for x in (rec.get("note"), f"also told at code points {told}") if x)
    if mention_spans is not None:
        mention_spans[rec["id"]] = [span, *more]


def _mentions(a: Findings, lex, evidence: _Evidence) -> list[dict]:
    """One mention per entity and spelling (the first place it occurs)."""
    text = a.norm.source
    mentions, seen = [], set()
    for kind, matches in (("actor", a.actors), ("place", a.places)):
        for m in matches:
            s, e = a.norm.original(m.start, m.end)
            key = (kind, m.value if kind == "place" else m.value.id, text[s:e])
            if key in seen or not text[s:e].strip():
                continue
            seen.add(key)
            ent = key[1]
            rec = {"entity": ent}
            if ent in lex.actors and ent in lex.places:
                rec["kind"] = kind
            rec.update(evidence(s, e))
            mentions.append(rec)
    return mentions


def _record(c: Candidate, lex, outlet: str) -> dict:
    """The fields of an event or tally record after its id and evidence."""
    rec: dict = {"summary": _summary(c, lex) if c.kind == "event" else "Extracted tally (candidate, not reviewed)."}
    if c.date is not None:
        rec["date" if c.kind == "event" else "period"] = c.date.value
        if c.date.basis:
            rec["date_basis"] = c.date.basis
    if c.kind == "event":
        if c.places:
            rec["places"] = list(c.places)
        if c.from_:
            rec["from"] = list(c.from_)
        if c.to:
            rec["to"] = list(c.to)
    else:
        rec["areas"] = list(c.places)
    for role in ("perpetrator", "target", "party"):
        if getattr(c, role):
            rec[role] = list(getattr(c, role))
    if c.counts:
        rec["counts"] = [dict(k) for k in c.counts]
    rec["reporter"] = c.reporter or outlet
    rec["certainty"] = c.certainty
    if c.claim:
        rec["claim"] = dict(c.claim)
    if c.cue:
        rec["note"] = f"certainty cue: {c.cue}"
    return rec


class _Evidence:
    """Quote, offsets, and an occurrence hint when the words occur more than once. The places of a quote
    are found once, however often it comes back (a long article repeats its phrases)."""

    def __init__(self, text: str):
        self.text = text
        self.hits: dict[str, list[int]] = {}

    def __call__(self, start: int, end: int) -> dict:
        quote = self.text[start:end]
        out = {"quote": quote, "start": start, "end": end}
        hits = self.hits.get(quote)
        if hits is None:
            hits, i = [], self.text.find(quote)
            while i != -1:
                hits.append(i)
                i = self.text.find(quote, i + 1)
            self.hits[quote] = hits
        if len(hits) > 1:
            out["occurrence"] = bisect.bisect_left(hits, start) + 1
        return out




def dump(facts: dict, header: str = "") -> str:
    """The fact file as YAML text: one record per entry, Arabic kept as written."""
    buf = io.StringIO()
    if header:
        buf.write("".join(f"# {line}\n" for line in header.splitlines()))
    buf.write(yaml.dump(facts, Dumper=yamlio.Dumper, allow_unicode=True, sort_keys=False, width=1000,
                        default_flow_style=None))
    return buf.getvalue()
