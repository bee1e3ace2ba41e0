"""The builder's core: the graph, the error list, references, labels, dates, evidence and counts."""
from __future__ import annotations

import datetime as dt

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from conflictkg.core import dates, ns
from conflictkg.core.arabic import nfc
from conflictkg.core.errors import ConflictKGError, FactError
from conflictkg.core.ns import CKG, OA, SEM
from conflictkg.model.vocab import COUNT_KEYS, COUNT_KIND, PRECISION

from ..evidence import locate
from ..seeds import Corpus


def lit_date(d: dt.date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)


class BuilderBase:
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
            self.g.add((node, SEM.hasTimeStamp, lit_date(d.day)))
        self.g.add((node, SEM.hasEarliestBeginTimeStamp, lit_date(d.earliest)))
        self.g.add((node, SEM.hasLatestEndTimeStamp, lit_date(d.latest)))
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
        if isinstance(c.get("side"), list):
            self.add_joint_sides(node, c, file, record)
        elif "side" in c:
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

    def add_joint_sides(self, node, c, file, record) -> None:
        """`side: [a, b]`: one count over these sides together, not split between them (ckg:jointSide)."""
        sides = c["side"]
        if len(set(map(str, sides))) < 2:
            self.err(f"count side {sides!r} lists fewer than two different actors", file=file, rec=c, record=record,
                     fix="write a single side as a plain id (side: isis); a list means several sides counted together")
            return
        for a in self.refs("actor", sides, file, c, record):
            self.g.add((node, CKG.jointSide, a))
