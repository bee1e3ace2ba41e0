"""The registries as RDF: actors, places with their points, and articles with their metadata."""
from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from conflictkg.core import dates, geo, ns
from conflictkg.core.arabic import nfc
from conflictkg.core.ns import CKG, GEO, SEM, WGS
from conflictkg.model.vocab import ACTOR_KEYS, PLACE_KEYS, PRECISION, WIKIDATA_KEYS, WIKIDATA_MATCH

from .base import BuilderBase, lit_date

QID = re.compile(r"Q[1-9][0-9]*")  # a Wikidata item: Q and its number, no leading zero
WIKIDATA_FIX = 'write wikidata: {id: Q858, match: exact|close, basis: "…"} (docs/fact-format.md, "Links")'


class RegistryPart(BuilderBase):
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
            self.g.add((node, CKG.directlyPartOf, parent))  # the asserted step; partOf is its transitive closure
        self.g.add((node, CKG.localId, Literal(eid)))
        self.g.add((node, CKG.sourceFile, Literal(file)))
        if item.get("wikidata") is not None:
            self._wikidata(node, item["wikidata"], file, item, eid)
        return node

    def _wikidata(self, node, link, file, item, eid) -> None:
        """The entity's link to a Wikidata item: skos:exactMatch or closeMatch, with the curator's basis."""
        if not isinstance(link, dict):
            self.err(f"wikidata must be a mapping, not {link!r}", file=file, rec=item, record=eid, fix=WIKIDATA_FIX)
            return
        self.check_keys(link, WIKIDATA_KEYS, file, eid)
        qid, match, basis = link.get("id"), link.get("match"), link.get("basis")
        ok = True
        if not isinstance(qid, str) or not QID.fullmatch(qid):
            self.err(f"malformed Wikidata id {qid!r}: an item id is Q and its number", file=file, rec=link,
                     record=eid, fix="copy the item's id as shown on its Wikidata page, e.g. id: Q858 "
                                     "(not its URL, not a property P…, no leading zero)")
            ok = False
        if not isinstance(match, str) or match not in WIKIDATA_MATCH:
            self.err(f"unknown Wikidata match {match!r}", file=file, rec=link, record=eid,
                     fix="match: exact (the item is this entity) or close (the item is narrower, broader or "
                         "a near twin)")
            ok = False
        if not isinstance(basis, str) or not basis.strip():
            self.err("a Wikidata link needs its basis", file=file, rec=link, record=eid,
                     fix='say in basis: "…" which item it is and where its id was confirmed')
            ok = False
        if ok:
            self.g.add((node, WIKIDATA_MATCH[match], URIRef(ns.WIKIDATA.format(qid))))
            self.g.add((node, CKG.wikidataBasis, Literal(nfc(basis.strip()), lang="en")))

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
                if p.get("note"):  # the basis of its part-of links, or why it stays region-level
                    self.g.add((node, SKOS.scopeNote, Literal(p["note"], lang="en")))

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
            self.g.add((node, SEM.hasTimeStamp, lit_date(d.day)))
        self.g.add((node, SEM.hasEarliestBeginTimeStamp, lit_date(lo)))
        self.g.add((node, SEM.hasLatestEndTimeStamp, lit_date(hi)))
        self.g.add((node, CKG.datePrecision, PRECISION[d.precision]))

    # ------------------------------------------------------------------ facts
