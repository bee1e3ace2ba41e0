"""The fact-file vocabulary: the words a curator writes, and the ontology terms they stand for."""
from rdflib.namespace import SKOS

from conflictkg.core.ns import CKG

ROLES = ("perpetrator", "target", "party", "approver", "mediator", "supporter")
CERTAINTY = {"confirmed": CKG.Confirmed, "reported": CKG.Reported, "alleged": CKG.Alleged,
             "suspected": CKG.Suspected}
CLAIM_KIND = {"accusation": CKG.Accusation, "claim-of-responsibility": CKG.ResponsibilityClaim,
              "denial": CKG.Denial, "dispute": CKG.Dispute}
COUNT_KIND = {k: CKG[k.capitalize()] for k in (
    "killed wounded kidnapped arrested surrendered besieged fled executed released displaced transferred "
    "operations").split()}
PRESENCE = {"present": CKG.Present, "controls": CKG.InControl, "entrenched": CKG.Entrenched,
            "hiding": CKG.Hiding, "active": CKG.Active}
RELATIONS = ("partOf", "alliedWith", "supportedBy", "opposes", "cooperatesWith", "leads")
STATEMENT = {"event": CKG.SpecificEvent, "background": CKG.BackgroundEvent, "pattern": CKG.PatternStatement,
             "anticipated": CKG.AnticipatedEvent}
PRECISION = {"day": CKG.DayPrecision, "month": CKG.MonthPrecision, "year": CKG.YearPrecision,
             "range": CKG.RangePrecision}
EVIDENCE_KEYS = {"quote", "occurrence", "within", "start", "end"}
# review: who accepted an extracted candidate, and when ('conflictkg review'); not part of the RDF
COMMON_KEYS = {"id", "summary", "reporter", "certainty", "claim", "date", "date_basis", "note",
               "review"} | EVIDENCE_KEYS
KEYS = {
    "events": COMMON_KEYS | set(ROLES) | {"type", "places", "counts", "part_of", "from", "to", "fighters", "terms",
                                        "gives", "receives", "same_as", "statement"},
    "tallies": COMMON_KEYS | set(ROLES) | {"period", "areas", "operations", "counts", "part_of"},
    "relations": COMMON_KEYS | {"subject", "predicate", "object"},
    "presence": COMMON_KEYS | {"actor", "kind", "places"},
}
MENTION_KEYS = {"entity", "kind", "note"} | EVIDENCE_KEYS
COUNT_KEYS = {"kind", "side", "n", "min", "max", "approx", "vague", "note"}
ACTOR_KEYS = {"id", "class", "en", "ar", "variants", "part_of", "definition", "note", "wikidata"}
PLACE_KEYS = {"id", "class", "en", "ar", "variants", "part_of", "geonames", "lat", "lon", "geo_precision",
              "coord_basis", "note", "wikidata"}
# an entity's link to a Wikidata item: `wikidata: {id: Q858, match: exact, basis: "..."}`
WIKIDATA_KEYS = {"id", "match", "basis"}
WIKIDATA_MATCH = {"exact": SKOS.exactMatch, "close": SKOS.closeMatch}
