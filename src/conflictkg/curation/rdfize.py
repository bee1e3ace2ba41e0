"""Curated seeds to RDF. Every check that needs the curated text (quotes, references, dates, counts,
coordinates) happens here, and all problems are reported together with file, line and record."""
from __future__ import annotations

import datetime as dt
import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from conflictkg.core import dates
from conflictkg.core import geo
from conflictkg.core import ns
from conflictkg.core.arabic import nfc
from conflictkg.core.errors import ConflictKGError, FactError, FactErrors
from .evidence import locate
from conflictkg.core.ns import CKG, GEO, OA, SEM, WGS
from conflictkg.model.vocab import (ACTOR_KEYS, CERTAINTY, CLAIM_KIND, COUNT_KEYS, COUNT_KIND, KEYS, MENTION_KEYS, PLACE_KEYS,
                    PRECISION, PRESENCE, RELATIONS, ROLES)
from .seeds import Corpus

def _lit_date(d: dt.date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)


class _Builder:
    def __init__(self, corpus: Corpus, ontology: Graph):
        self.c = corpus
        self.g = Graph()
        ns.bind(self.g)
        self.errors: list[ConflictKGError] = []
        self.classes = {s for s in ontology.subjects(RDF.type, OWL.Class) if str(s).startswith(str(CKG))}
        self.event_classes = self._subclasses(ontology, CKG.Event)
        self.actor_classes = self._subclasses(ontology, CKG.Actor)
        self.place_classes = self._subclasses(ontology, CKG.Place)
        self.type_concept = dict(ontology.subject_objects(CKG.eventTypeConcept))

    @staticmethod
    def _subclasses(g: Graph, top: URIRef) -> set[URIRef]:
        return set(g.transitive_subjects(RDFS.subClassOf, top))

    # ------------------------------------------------------------------ error helpers
    def err(self, msg: str, *, file, rec=None, record=None, fix=None) -> None:
        self.errors.append(FactError(msg, file=file, line=getattr(rec, "line", None), record=record, fix=fix))

    def check_keys(self, rec: dict, allowed: set[str], file: str, record: str) -> None:
        extra = sorted(set(rec) - allowed)
        if extra:
            self.err(f"unknown key(s) {', '.join(extra)}", file=file, rec=rec, record=record,
                     fix=f"use only: {', '.join(sorted(allowed))}")

    def ref(self, kind: str, value, file: str, rec, record: str) -> URIRef | None:
        table = self.c.actors if kind == "actor" else self.c.places
        if not isinstance(value, str) or value not in table:
            self.err(f"unknown {kind} '{value}'", file=file, rec=rec, record=record,
                     fix=f"use an id from seeds/{kind}s.yaml or add the {kind} there")
            return None
        return ns.actor(value) if kind == "actor" else ns.place(value)

    def refs(self, kind, values, file, rec, record) -> list[URIRef]:
        if values is None:
            return []
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list):
            self.err(f"expected a list of {kind} ids, got {values!r}", file=file, rec=rec, record=record)
            return []
        return [u for u in (self.ref(kind, v, file, rec, record) for v in values) if u is not None]

    # ------------------------------------------------------------------ shared pieces
    def add_labels(self, node, item) -> None:
        self.g.add((node, RDFS.label, Literal(item["en"], lang="en")))
        self.g.add((node, RDFS.label, Literal(nfc(item["ar"]), lang="ar")))
        for v in item.get("variants") or []:
            self.g.add((node, SKOS.altLabel, Literal(nfc(v), lang="ar")))

    def add_date(self, node, spec, file, rec, record, basis=None) -> None:
        try:
            d = dates.parse(spec)
        except ValueError as e:
            self.err(f"bad date: {e}", file=file, rec=rec, record=record)
            return
        if d.day:
            self.g.add((node, SEM.hasTimeStamp, _lit_date(d.day)))
        self.g.add((node, SEM.hasEarliestBeginTimeStamp, _lit_date(d.earliest)))
        self.g.add((node, SEM.hasLatestEndTimeStamp, _lit_date(d.latest)))
        self.g.add((node, CKG.datePrecision, PRECISION[d.precision]))
        if basis:
            self.g.add((node, CKG.dateBasis, Literal(basis, lang="en")))

    def add_evidence(self, node, prop, art, item, file, record, ann: URIRef | None = None) -> bool:
        """Attach an oa:Annotation whose target selects the quote in the article; False if not found."""
        try:
            span = locate(art.text, str(item.get("quote") or ""), occurrence=item.get("occurrence"),
                          within=item.get("within"), start=item.get("start"), end=item.get("end"))
        except ValueError as e:
            self.err(str(e), file=file, rec=item, record=record)
            return False
        ann = ann or URIRef(f"{node}/evidence")
        target, pos, quote = URIRef(f"{ann}/target"), URIRef(f"{ann}/position"), URIRef(f"{ann}/quote")
        g = self.g
        g.add((node, prop, ann))
        g.add((ann, RDF.type, OA.Annotation))
        g.add((ann, OA.hasBody, node))
        g.add((ann, OA.hasTarget, target))
        g.add((ann, OA.motivatedBy, OA.describing))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, ns.article(art.id)))
        g.add((target, OA.hasSelector, pos))
        g.add((target, OA.hasSelector, quote))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, Literal(span.start, datatype=XSD.integer)))
        g.add((pos, OA.end, Literal(span.end, datatype=XSD.integer)))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(span.exact, lang="ar")))
        g.add((quote, OA.prefix, Literal(span.prefix, lang="ar")))
        g.add((quote, OA.suffix, Literal(span.suffix, lang="ar")))
        return True

    def add_count(self, fact, prop, idx, c, file, rec, record) -> None:
        if not isinstance(c, dict):
            self.err(f"count {idx} is not a mapping", file=file, rec=rec, record=record)
            return
        self.check_keys(c, COUNT_KEYS, file, f"{record} count {idx}")
        node = URIRef(f"{fact}/count/{idx}")
        kind = COUNT_KIND.get(c.get("kind"))
        if kind is None:
            self.err(f"count kind '{c.get('kind')}' is unknown", file=file, rec=c, record=record,
                     fix=f"use one of {', '.join(COUNT_KIND)}")
            return
        nums = {}
        for key in ("n", "min", "max"):
            if key in c:
                v = c[key]
                if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                    self.err(f"count {key}={v!r} is not a whole number ≥ 0", file=file, rec=c, record=record,
                             fix="counts are people or operations: write a non-negative integer")
                    return
                nums[key] = v
        if "n" in nums and ("min" in nums or "max" in nums):
            self.err("count has both n and min/max", file=file, rec=c, record=record,
                     fix="use n for one number, min/max for a range")
            return
        if "min" in nums and "max" in nums and nums["min"] > nums["max"]:
            self.err(f"count range is reversed (min {nums['min']} > max {nums['max']})", file=file, rec=c,
                     record=record, fix="swap min and max")
            return
        g = self.g
        g.add((fact, prop, node))
        g.add((node, RDF.type, CKG.Count))
        g.add((node, CKG.countKind, kind))
        if "side" in c:
            side = self.ref("actor", c["side"], file, c, record)
            if side:
                g.add((node, CKG.side, side))
        for key, p in (("n", CKG.exactValue), ("min", CKG.minValue), ("max", CKG.maxValue)):
            if key in nums:
                g.add((node, p, Literal(nums[key], datatype=XSD.integer)))
        low = nums.get("n", nums.get("min", 0))
        g.add((node, CKG.lowerBound, Literal(low, datatype=XSD.integer)))
        for key, p in (("approx", CKG.approximate), ("vague", CKG.vague)):
            if key in c:
                g.add((node, p, Literal(bool(c[key]))))

    # ------------------------------------------------------------------ registries
    def _entity(self, kind: str, eid: str, item: dict, classes: set, keys: set) -> URIRef | None:
        """Declare a registry entry (type, labels, part-of, provenance); None if it cannot be declared."""
        file = f"{kind}s.yaml"
        self.check_keys(item, keys, file, eid)
        cls = CKG[str(item.get("class"))]
        if cls not in classes:
            self.err(f"{kind} class '{item.get('class')}' is not a {kind} class of the ontology", file=file,
                     rec=item, record=eid,
                     fix=f"use a subclass of ckg:{kind.capitalize()} from ontology/conflictkg.ttl")
            return None
        if not item.get("en") or not item.get("ar"):
            self.err(f"{kind} needs both 'en' and 'ar' labels", file=file, rec=item, record=eid)
            return None
        node = ns.actor(eid) if kind == "actor" else ns.place(eid)
        self.g.add((node, RDF.type, cls))
        self.add_labels(node, item)
        for parent in self.refs(kind, item.get("part_of"), file, item, eid):
            self.g.add((node, CKG.partOf, parent))
        self.g.add((node, CKG.localId, Literal(eid)))
        self.g.add((node, CKG.sourceFile, Literal(file)))
        return node

    def actors(self) -> None:
        for aid, a in self.c.actors.items():
            node = self._entity("actor", aid, a, self.actor_classes, ACTOR_KEYS)
            if node is not None and a.get("definition"):
                self.g.add((node, SKOS.definition, Literal(a["definition"], lang="en")))

    def places(self) -> None:
        for pid, p in self.c.places.items():
            node = self._entity("place", pid, p, self.place_classes, PLACE_KEYS)
            if node is not None:
                self._coordinates(node, pid, p, "places.yaml")

    def _coordinates(self, node, pid, p, file) -> None:
        try:
            pt = geo.point(p, self.c.gazetteer)
        except geo.PointError as err:
            self.err(str(err), file=file, rec=p, record=pid, fix=err.fix)
            return
        g = self.g
        if pt.geonames is not None:
            g.add((node, CKG.geonamesId, Literal(pt.geonames, datatype=XSD.integer)))
            g.add((node, SKOS.exactMatch, URIRef(ns.GEONAMES.format(pt.geonames))))
        geom = URIRef(f"{node}/geometry")
        g.add((node, GEO.hasGeometry, geom))
        g.add((node, WGS.lat, Literal(pt.lat, datatype=XSD.decimal)))
        g.add((node, WGS.long, Literal(pt.lon, datatype=XSD.decimal)))
        g.add((node, CKG.geoPrecision, Literal(pt.precision, datatype=XSD.integer)))
        g.add((node, CKG.coordinateSource, Literal(pt.source)))
        if p.get("coord_basis"):
            g.add((node, CKG.coordinateBasis, Literal(p["coord_basis"], lang="en")))
        g.add((geom, RDF.type, GEO.Geometry))
        g.add((geom, RDF.type, ns.SF.Point))
        # no CRS IRI: GeoSPARQL's default for wktLiteral is CRS84 (lon lat), and stores such as Virtuoso
        # reject the explicit prefix
        g.add((geom, GEO.asWKT, Literal(f"POINT({pt.lon} {pt.lat})", datatype=GEO.wktLiteral)))

    # ------------------------------------------------------------------ articles
    def articles(self) -> None:
        for art in self.c.articles.values():
            file, m = self.c.rel(art.meta_path), art.meta
            node = ns.article(art.id)
            g = self.g
            g.add((node, RDF.type, CKG.Article))
            g.add((node, CKG.text, Literal(art.text, lang="ar")))
            g.add((node, CKG.localId, Literal(art.id)))
            g.add((node, CKG.sourceFile, Literal(self.c.rel(art.path))))
            g.add((node, DCTERMS.language, Literal(m.get("language", "ar"))))
            if m.get("title_en"):
                g.add((node, RDFS.label, Literal(m["title_en"], lang="en")))
            outlet = m.get("outlet") or {}
            if not outlet.get("actor"):
                self.err("metadata lacks outlet.actor", file=file, rec=m, record=art.id,
                         fix="name the outlet's actor id (an unnamed-outlet actor if the text names none)")
            else:
                pub = self.ref("actor", outlet["actor"], file, m, art.id)
                if pub:
                    g.add((node, CKG.publisher, pub))
            pubd = m.get("published") or {}
            if "date" not in pubd:
                self.err("metadata lacks published.date", file=file, rec=m, record=art.id,
                         fix="give the publication date, estimated if need be, with its precision")
                continue
            self._publication_date(node, pubd, file, art.id)
            g.add((node, CKG.estimatedDate, Literal(bool(pubd.get("estimated", False)))))
            for i, ev in enumerate(pubd.get("evidence") or [], 1):
                if ev.get("reasoning"):
                    g.add((node, CKG.dateBasis, Literal(f"[{i}] {ev['reasoning']}", lang="en")))
                if ev.get("quote"):
                    self.add_evidence(node, CKG.dateEvidence, art, ev, file, f"{art.id} date evidence {i}",
                                      ann=URIRef(f"{node}/date-evidence/{i}"))

    def _publication_date(self, node, pubd, file, record) -> None:
        """The stated or estimated date; `earliest`/`latest` narrow or widen its bounds."""
        try:
            d = dates.parse(pubd["date"])
            lo = dates.parse(pubd["earliest"]).earliest if "earliest" in pubd else d.earliest
            hi = dates.parse(pubd["latest"]).latest if "latest" in pubd else d.latest
        except ValueError as e:
            self.err(f"bad publication date: {e}", file=file, rec=pubd, record=record)
            return
        if not lo <= hi or (d.latest < lo or d.earliest > hi):
            self.err(f"publication date {d.label} does not fit its bounds {lo}..{hi}", file=file, rec=pubd,
                     record=record, fix="make earliest ≤ date ≤ latest")
            return
        if pubd.get("precision", d.precision) != d.precision:
            self.err(f"precision '{pubd.get('precision')}' does not match the date {d.label} ({d.precision})",
                     file=file, rec=pubd, record=record, fix="write the date to the precision stated")
            return
        if d.day:
            self.g.add((node, SEM.hasTimeStamp, _lit_date(d.day)))
        self.g.add((node, SEM.hasEarliestBeginTimeStamp, _lit_date(lo)))
        self.g.add((node, SEM.hasLatestEndTimeStamp, _lit_date(hi)))
        self.g.add((node, CKG.datePrecision, PRECISION[d.precision]))

    # ------------------------------------------------------------------ facts
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
            other = self.fact_ids.get(rec["same_as"])
            if other is None or other == node:
                self.err(f"same_as '{rec['same_as']}' is not another event of this file", file=file, rec=rec,
                         record=fid, fix="name the id of the first account of the same event")
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


class _Discard:
    """A graph that keeps nothing: for checking fact files without building their RDF."""

    def add(self, triple) -> None:
        pass

    def bind(self, *args, **kwargs) -> None:
        pass


def check_corpus(corpus: Corpus, ontology: Graph) -> None:
    """Run every check of corpus_to_graph (the same code), keeping no triples; raise FactErrors if any
    fails. Far cheaper on a long article, whose RDF would take seconds to build."""
    corpus_to_graph(corpus, ontology, _graph=_Discard())


def corpus_to_graph(corpus: Corpus, ontology: Graph, *, _graph=None) -> Graph:
    """Build the facts graph, or raise FactErrors listing every problem found."""
    b = _Builder(corpus, ontology)
    if _graph is not None:
        b.g = _graph
    b.actors()
    b.places()
    b.articles()
    b.fact_files()
    if b.errors:
        raise FactErrors(b.errors)
    return b.g
