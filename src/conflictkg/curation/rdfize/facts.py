"""Fact files as RDF: mentions, events, tallies, relations and presence reports, each with its evidence."""
from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from conflictkg.core import ns
from conflictkg.core.ns import CKG, SEM
from conflictkg.model.vocab import CERTAINTY, CLAIM_KIND, KEYS, MENTION_KEYS, PRESENCE, RELATIONS, ROLES, STATEMENT

from .base import BuilderBase


def same_as_target(value: str, article_id: str, local: dict[str, URIRef]) -> URIRef | None:
    """The event a `same_as` names: an id of this file, ARTICLE/ID of another article, or a full IRI (an
    event already in the store, such as an imported one). SHACL checks that it is an event."""
    if value.startswith(("http://", "https://")):
        return URIRef(value)
    if "/" in value:
        aid, fid = value.split("/", 1)
        return local.get(fid) if aid == article_id else ns.fact(aid, fid)
    return local.get(value)


class FactsPart(BuilderBase):
    def fact_files(self) -> None:
        seen: set[str] = set()
        for ff in self.c.facts:
            file = self.c.rel(ff.path)
            art = self.c.articles.get(ff.data["article"])
            if art is None:
                self.err(f"article '{ff.data['article']}' not found in seeds/articles", file=file,
                         rec=ff.data, fix="name an article file (without .txt)")
                continue
            if art.id in seen:
                self.err(f"a second fact file for article {art.id}", file=file, rec=ff.data,
                         fix="keep one fact file per article")
                continue
            seen.add(art.id)
            extra = sorted(set(ff.data) - {"article", "mentions", "events", "tallies", "relations", "presence"})
            if extra:
                self.err(f"unknown section(s) {', '.join(extra)}", file=file, rec=ff.data,
                         fix="sections are mentions, events, tallies, relations, presence")
            self._facts(art, ff.data, file)

    def _facts(self, art, data, file) -> None:
        ids: dict[str, URIRef] = {}
        for i, m in enumerate(data.get("mentions") or [], 1):
            ent = m.get("entity")
            self.check_keys(m, MENTION_KEYS, file, f"mention {i}")
            kind = m.get("kind") or ("actor" if ent in self.c.actors else "place")
            if "kind" not in m and ent in self.c.actors and ent in self.c.places:
                self.err(f"'{ent}' is both an actor and a place", file=file, rec=m, record=f"mention {i}",
                         fix="add 'kind: actor' or 'kind: place' to the mention")
                continue
            if kind not in ("actor", "place"):
                self.err(f"mention kind '{kind}' is neither actor nor place", file=file, rec=m, record=f"mention {i}")
                continue
            node = self.ref(kind, ent, file, m, f"mention {i}")
            if node is not None:
                self.add_evidence(node, CKG.mentionedIn, art, m, file, f"mention {i} ({ent})",
                                  ann=ns.ID[f"mention/{art.id}/{i}"])
        sections = (("events", CKG.Event), ("tallies", CKG.Tally), ("relations", CKG.ActorRelation),
                    ("presence", CKG.PresenceReport))
        for section, _ in sections:
            for rec in data.get(section) or []:
                fid = rec.get("id") if isinstance(rec, dict) else None
                if not isinstance(fid, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", fid):
                    self.err(f"{section} entry without a valid id", file=file, rec=rec,
                             fix="give it an id such as e01 (letters, digits, - and _)")
                    continue
                if fid in ids:
                    self.err(f"duplicate fact id '{fid}'", file=file, rec=rec, record=fid, fix="rename one")
                    continue
                ids[fid] = ns.fact(art.id, fid)
        self.fact_ids = ids
        for section, _ in sections:
            for rec in data.get(section) or []:
                if isinstance(rec, dict) and rec.get("id") in ids:
                    self._fact(section, rec, art, file, ids)

    def _fact(self, section, rec, art, file, ids) -> None:
        fid = rec["id"]
        node = ids[fid]
        g = self.g
        self.check_keys(rec, KEYS[section], file, fid)
        if not self.add_evidence(node, CKG.hasEvidence, art, rec, file, fid):
            return
        g.add((node, PROV.wasDerivedFrom, ns.article(art.id)))
        g.add((node, CKG.localId, Literal(fid)))
        g.add((node, CKG.sourceFile, Literal(file)))
        if rec.get("summary"):
            g.add((node, CKG.summary, Literal(rec["summary"], lang="en")))
            g.add((node, RDFS.label, Literal(rec["summary"], lang="en")))
        cert = CERTAINTY.get(rec.get("certainty"))
        if cert is None:
            self.err(f"certainty '{rec.get('certainty')}' is unknown", file=file, rec=rec, record=fid,
                     fix=f"use one of {', '.join(CERTAINTY)}")
        else:
            g.add((node, CKG.certainty, cert))
        rep = self.ref("actor", rec.get("reporter"), file, rec, fid)
        if rep:
            g.add((node, CKG.reportedBy, rep))
        claim = rec.get("claim")
        if claim:
            kind = CLAIM_KIND.get(claim.get("kind"))
            if kind is None:
                self.err(f"claim kind '{claim.get('kind')}' is unknown", file=file, rec=claim, record=fid,
                         fix=f"use one of {', '.join(CLAIM_KIND)}")
            else:
                g.add((node, CKG.claimKind, kind))
            for key, p in (("by", CKG.claimedBy), ("against", CKG.accused)):
                if key in claim:
                    who = self.ref("actor", claim[key], file, claim, fid)
                    if who:
                        g.add((node, p, who))
        when = rec.get("date", rec.get("period"))
        if when is not None:
            self.add_date(node, when, file, rec, fid, rec.get("date_basis"))
        for role in ROLES:
            for a in self.refs("actor", rec.get(role), file, rec, fid):
                g.add((node, CKG[role], a))
        for i, c in enumerate(rec.get("counts") or [], 1):
            self.add_count(node, CKG.hasCount, i, c, file, rec, fid)
        if rec.get("part_of") is not None:
            parent = ids.get(rec["part_of"])
            if parent is None or parent == node:
                self.err(f"part_of '{rec['part_of']}' is not another fact of this file", file=file, rec=rec,
                         record=fid, fix="name the id of the larger event or tally")
            else:
                g.add((node, CKG.subEventOf, parent))
        getattr(self, f"_{section}")(node, rec, art, file, fid)

    def _events(self, node, rec, art, file, fid) -> None:
        g = self.g
        cls = CKG[str(rec.get("type"))]
        if cls not in self.event_classes:
            self.err(f"event type '{rec.get('type')}' is not an event class of the ontology", file=file,
                     rec=rec, record=fid, fix="use a subclass of ckg:Event (see docs/fact-format.md)")
            return
        g.add((node, RDF.type, cls))
        if cls in self.type_concept:
            g.add((node, CKG.eventType, self.type_concept[cls]))
        statement = rec.get("statement", "event")
        if statement not in STATEMENT:
            self.err(f"statement '{statement}' is not a statement kind", file=file, rec=rec, record=fid,
                     fix=f"use one of {', '.join(STATEMENT)} (docs/fact-format.md)")
        else:
            g.add((node, CKG.statementKind, STATEMENT[statement]))
        for p in self.refs("place", rec.get("places"), file, rec, fid):
            g.add((node, SEM.hasPlace, p))
        for key, prop in (("from", CKG.fromPlace), ("to", CKG.toPlace)):
            for p in self.refs("place", rec.get(key), file, rec, fid):
                g.add((node, prop, p))
        if rec.get("fighters") is not None:
            self.add_count(node, CKG.fighterCount, "fighters", dict(rec["fighters"], kind="transferred"),
                           file, rec, fid)
        for i, t in enumerate(rec.get("terms") or [], 1):
            term = URIRef(f"{node}/term/{i}")
            if not isinstance(t, dict) or not t.get("en"):
                self.err(f"term {i} needs an 'en' description", file=file, rec=rec, record=fid)
                continue
            g.add((node, CKG.hasTerm, term))
            g.add((term, RDF.type, CKG.DealTerm))
            g.add((term, RDFS.label, Literal(t["en"], lang="en")))
            if t.get("quote"):
                self.add_evidence(term, CKG.hasEvidence, art, t, file, f"{fid} term {i}")
        if rec.get("same_as") is not None:
            other = same_as_target(str(rec["same_as"]), art.id, self.fact_ids)
            if other is None or other == node:
                self.err(f"same_as '{rec['same_as']}' is not another event of this file", file=file, rec=rec,
                         record=fid, fix="name the id of the first account of the same event (e05), or an "
                                         "event of another article as ARTICLE/ID or its full IRI")
            else:
                g.add((node, CKG.sameEventAs, other))
        for key, p in (("gives", CKG.gives), ("receives", CKG.receives)):
            if rec.get(key):
                g.add((node, p, Literal(rec[key], lang="en")))

    def _tallies(self, node, rec, art, file, fid) -> None:
        g = self.g
        g.add((node, RDF.type, CKG.Tally))
        for p in self.refs("place", rec.get("areas"), file, rec, fid):
            g.add((node, CKG.area, p))
        if rec.get("operations") is not None:
            self.add_count(node, CKG.operationCount, "operations", dict(rec["operations"], kind="operations"),
                           file, rec, fid)

    def _relations(self, node, rec, art, file, fid) -> None:
        g = self.g
        g.add((node, RDF.type, CKG.ActorRelation))
        pred = rec.get("predicate")
        if pred not in RELATIONS:
            self.err(f"relation predicate '{pred}' is unknown", file=file, rec=rec, record=fid,
                     fix=f"use one of {', '.join(RELATIONS)}")
            return
        s = self.ref("actor", rec.get("subject"), file, rec, fid)
        o = self.ref("actor", rec.get("object"), file, rec, fid)
        if s and o:
            g.add((node, CKG.relationSubject, s))
            g.add((node, CKG.relationProperty, CKG[pred]))
            g.add((node, CKG.relationObject, o))
            g.add((s, CKG[pred], o))  # the plain triple too, so queries need not go through the statement
            if pred == "partOf":  # the asserted step, which the shapes constrain
                g.add((s, CKG.directlyPartOf, o))

    def _presence(self, node, rec, art, file, fid) -> None:
        g = self.g
        g.add((node, RDF.type, CKG.PresenceReport))
        who = self.ref("actor", rec.get("actor"), file, rec, fid)
        if who:
            g.add((node, CKG.presenceActor, who))
        kind = PRESENCE.get(rec.get("kind"))
        if kind is None:
            self.err(f"presence kind '{rec.get('kind')}' is unknown", file=file, rec=rec, record=fid,
                     fix=f"use one of {', '.join(PRESENCE)}")
        else:
            g.add((node, CKG.presenceKind, kind))
        for p in self.refs("place", rec.get("places"), file, rec, fid):
            g.add((node, SEM.hasPlace, p))
