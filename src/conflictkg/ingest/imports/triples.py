"""An Incident as N-Triples: the event, its count and its source record (the evidence of an imported fact)."""
from __future__ import annotations

import json
from functools import lru_cache

from conflictkg.core.ns import CKG
from conflictkg.model import ontology
from conflictkg.store import ntriples as nt

from .dataset import Dataset
from .entities import Entity, EntityMatcher
from .incident import Incident

SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
PROV_DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"


@lru_cache(maxsize=1)
def type_concepts() -> dict[str, str]:
    g = ontology.graph()
    return {str(c).rsplit("#", 1)[-1]: str(v) for c, v in g.subject_objects(CKG.eventTypeConcept)}


def subjects(dataset: Dataset, record_id: str) -> list[str]:
    """Every node an incident's triples describe: what a re-import replaces."""
    e = dataset.mint("event", record_id)
    return [e, f"{e}/count/killed", dataset.mint("record", record_id)]


def dataset_triples(r: EntityMatcher, out: nt.Lines) -> None:
    iri = r.dataset.iri
    r.known[iri] = Entity(iri, "dataset", "Dataset")
    r.created.append(iri)
    s = nt.iri(iri)
    out.add(s, nt.RDF_TYPE, nt.ckg("Dataset"))
    out.add(s, "<http://www.w3.org/2000/01/rdf-schema#label>", nt.text(r.dataset.title, "en"))


def incident(inc: Incident, r: EntityMatcher, source_file: str, out: nt.Lines) -> str:
    """Add the incident's triples to `out`; returns the event IRI."""
    e = inc.dataset.mint("event", inc.record_id)
    s = nt.iri(e)
    rec = nt.iri(inc.dataset.mint("record", inc.record_id))
    out.add(s, nt.RDF_TYPE, nt.ckg(inc.cls))
    concept = type_concepts().get(inc.cls)
    if concept:
        out.add(s, nt.ckg("eventType"), nt.iri(concept))
    out.add(s, nt.ckg("statementKind"), nt.ckg("SpecificEvent"))  # a coded dataset's row is one discrete event
    out.add(s, nt.ckg("sourceEventType"), nt.iri(inc.source_type))
    out.add(s, nt.ckg("summary"), nt.text(inc.summary or f"{inc.dataset.name.upper()} {inc.record_id}", "en"))
    out.add(s, f"<{SEM}hasEarliestBeginTimeStamp>", nt.typed(inc.earliest.isoformat(), "date"))
    out.add(s, f"<{SEM}hasLatestEndTimeStamp>", nt.typed(inc.latest.isoformat(), "date"))
    if inc.precision == "day":
        out.add(s, f"<{SEM}hasTimeStamp>", nt.typed(inc.earliest.isoformat(), "date"))
    out.add(s, nt.ckg("datePrecision"), nt.ckg("DayPrecision" if inc.precision == "day" else "RangePrecision"))
    out.add(s, f"<{SEM}hasPlace>", nt.iri(r.place(inc, out)))
    for role, names, kind in ((inc.roles[0], inc.side1, inc.kind1), (inc.roles[1], inc.side2, inc.kind2)):
        for name in names:
            out.add(s, nt.ckg(role), nt.iri(r.actor(name, kind, out)))
    out.add(s, nt.ckg("certainty"), nt.ckg("Reported"))
    out.add(s, nt.ckg("reportedBy"), nt.iri(inc.dataset.reporter))
    r.referenced.add(inc.dataset.reporter)
    out.add(s, PROV_DERIVED, rec)
    if inc.killed is not None or inc.killed_low is not None:
        c = nt.iri(f"{e}/count/killed")
        out.add(s, nt.ckg("hasCount"), c)
        out.add(c, nt.RDF_TYPE, nt.ckg("Count"))
        out.add(c, nt.ckg("countKind"), nt.ckg("Killed"))
        if inc.killed is not None:
            out.add(c, nt.ckg("exactValue"), nt.typed(inc.killed, "integer"))
            out.add(c, nt.ckg("lowerBound"), nt.typed(inc.killed, "integer"))
        else:
            out.add(c, nt.ckg("minValue"), nt.typed(inc.killed_low, "integer"))
            out.add(c, nt.ckg("maxValue"), nt.typed(inc.killed_high, "integer"))
            out.add(c, nt.ckg("bestEstimate"), nt.typed(inc.killed_best, "integer"))
            out.add(c, nt.ckg("lowerBound"), nt.typed(inc.killed_low, "integer"))
    out.add(rec, nt.RDF_TYPE, nt.ckg("SourceRecord"))
    out.add(rec, nt.ckg("dataset"), nt.iri(inc.dataset.iri))
    r.referenced.add(inc.dataset.iri)
    out.add(rec, nt.ckg("recordId"), nt.text(inc.record_id))
    out.add(rec, nt.ckg("rowNumber"), nt.typed(inc.line, "integer"))
    out.add(rec, nt.ckg("sourceFile"), nt.text(source_file))
    if inc.sources:
        out.add(rec, nt.ckg("sourceText"), nt.text(inc.sources))
    # the row itself, as written: what the dataset's own export gives back, never our aligned names and points
    out.add(rec, nt.ckg("sourceRow"), nt.text(json.dumps(inc.source_values, ensure_ascii=False)))
    return e
