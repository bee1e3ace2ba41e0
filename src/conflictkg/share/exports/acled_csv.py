"""ACLED-style CSV: one row per event in ACLED's 2023 column layout. Tallies are not events: never rows.
Patterns (an ongoing or habitual activity) and anticipated events are not events either: never rows. A
background event (a past event told in passing) is a row when the text dates it, tagged "background".
Where a row is placed, and its admin columns, follow admin.Locator; the event's other places are listed in
ckg_other_places, a column of ours after ACLED's.

Dates follow ask.periods: an event known only to a span wider than a week that does not lie within one
calendar month (or not dated at all) has no day ACLED could code, and is left out, counted by reason, unless
include_vague keeps it, tagged "vague date", at the span's middle. Every row carries its earliest and latest
possible dates and our precision in columns of ours, and the Arabic evidence beside ACLED's notes.

The one ACLED-CSV writer: of the store (export --format acled-csv) and of candidate facts not yet
ingested (extract --format acled-csv)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from conflictkg.ask import periods
from conflictkg.ask.tabular import Event, Tables, export_rows, local
from conflictkg.core import csvsafe
from conflictkg.model.ontology import graph as ontology_graph
from conflictkg.store.generations import Store

from . import acled_source
from .admin import Locator
from .base import Exporter

ACLED_COLUMNS = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                 "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
                 "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,"
                 "fatalities,tags,timestamp").split(",")
# columns of ours for every row: the date's bounds and precision as we hold them, the event's other places
# (the row is placed at one), and the Arabic evidence quote beside ACLED's notes
OURS = ["ckg_date_earliest", "ckg_date_latest", "ckg_date_precision", "ckg_other_places", "ckg_notes_ar"]
# ACLED's 31 columns, the old layout's own three (filled for imported old-layout rows), then ours (imported
# rows' aligned entities, then every row's dates, places and evidence)
HEADER = ACLED_COLUMNS + list(acled_source.OLD_LAYOUT_ONLY) + list(acled_source.OWN) + OURS
VAGUE = "vague date"
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
ACLED_TYPES = VIOLENT_TYPES | {"Protests", "Riots", "Strategic developments"}
# columns of numbers: a value such as -12.5 stays a number; any other cell that would start a formula gets a '
NUMERIC = ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "latitude", "longitude",
           "geo_precision", "fatalities", "timestamp", "data_id", "event_id_no_cnty", "ckg_latitude", "ckg_longitude")


def _acled_types(tables: Tables) -> dict[str, tuple[str, str]]:
    return {local(r["class"]): (r["type"], r["sub"]) for r in export_rows(tables.store, "acled-types")}


def event_date(ev: Event) -> tuple[dt.date, int]:
    """ACLED's date and time_precision: the day (1); a span of up to a week, its middle (2); otherwise the
    middle of the known month, year or period (3). An undated event is coded to its article's publication
    date, precision 3 (it happened by then), and tagged as such."""
    if ev.earliest is None:
        return ev.published, 3
    span = (ev.latest - ev.earliest).days
    mid = ev.earliest + dt.timedelta(days=span // 2)
    return (ev.earliest, 1) if span == 0 else (mid, 2) if span <= 6 else (mid, 3)


def vague_tag(ev: Event) -> str:
    if ev.earliest is None:
        return f"{VAGUE}: undated in the text, coded to the publication date"
    return (f"{VAGUE}: known only to {periods.describe(ev.earliest, ev.latest)}; event_date is the middle of "
            "that span, not a reported day")


def event_number(ev: Event) -> str:
    if ev.record:
        return ev.record["id"]
    art = local(ev.article)[:3]
    digits = re.sub(r"\D", "", local(ev.iri)) or "0"
    return f"SYR{art}{int(digits):03d}"


class _Rows:
    def __init__(self, tables: Tables):
        self.t = tables
        self.types = _acled_types(tables)
        self.locator = Locator(tables)

    def name(self, iri: str) -> str:
        e = self.t.entities.get(iri)
        return e.en if e else local(iri)

    def inter(self, iri: str | None) -> int | None:
        e = self.t.entities.get(iri) if iri else None
        return self.t.inter_codes.get(e.cls) if e else None

    def row(self, ev: Event) -> dict | None:
        loc = self.locator.locate(ev)
        if loc is None:
            return None
        place = loc.place
        date, precision = event_date(ev)
        etype, sub = self.types.get(ev.cls, ("Strategic developments", "Other"))
        if ev.record and ev.record["supertype"] and ev.record["supertype"] in ACLED_TYPES:
            etype, sub = ev.record["supertype"], ev.record["type"]  # an imported ACLED row keeps its own type
        side1 = ev.role("perpetrator") or ev.role("party")[:1]
        side2 = ev.role("target") or (ev.role("party")[1:2] if not ev.role("perpetrator") else [])
        if ev.cls == "Capture" and side1 and self.inter(side1[0]) == 1 and not ev.record:
            sub = "Government regains territory"
        i1, i2 = self.inter(side1[0] if side1 else None), self.inter(side2[0] if side2 else None)
        interaction = "".join(str(i) for i in sorted(x for x in (i1, i2) if x)) if i1 or i2 else ""
        if interaction and len(interaction) == 1:
            interaction += "0"
        civilians = any(self.t.entities.get(a) and self.t.entities[a].cls == "CivilianGroup" for a in side2)
        tags = [f"certainty: {ev.certainty}"]
        if ev.statement == "background":
            tags.append("background: a past event told in passing")
        if not ev.record and not periods.acled_codable(ev.earliest, ev.latest):
            tags.append(vague_tag(ev))
        if ev.claim:
            tags.append(f"{ev.claim}" + (f" by {self.name(ev.claimed_by)}" if ev.claimed_by else ""))
        tags += loc.notes
        tags.append(f"conflictkg: {ev.iri}")
        source = self.name(ev.reporter)
        if ev.outlet and ev.outlet != ev.reporter:
            source += f"; {self.name(ev.outlet)}"
        if ev.record:
            source = ev.record["sources"] or source
        return {
            "event_id_cnty": event_number(ev), "event_date": date.isoformat(), "year": date.year,
            "time_precision": precision,
            "disorder_type": "Demonstrations" if etype == "Protests" else "Political violence"
            if etype in VIOLENT_TYPES | {"Riots"} else "Strategic developments",
            "event_type": etype, "sub_event_type": sub,
            "actor1": self.name(side1[0]) if side1 else "", "assoc_actor_1": "; ".join(self.name(a) for a in side1[1:]),
            "inter1": i1 or "", "actor2": self.name(side2[0]) if side2 else "",
            "assoc_actor_2": "; ".join(self.name(a) for a in side2[1:]), "inter2": i2 or "",
            "interaction": interaction, "civilian_targeting": "Civilian targeting" if civilians else "",
            **loc.admin, "location": place.en, "latitude": f"{place.lat:.5f}",
            "longitude": f"{place.lon:.5f}", "geo_precision": loc.geo_precision, "source": source,
            "source_scale": "Other", "notes": " ".join(ev.summary.split()), "fatalities": ev.killed,
            "tags": "; ".join(tags),
            "timestamp": int(dt.datetime.combine(ev.published or date, dt.time(), dt.timezone.utc).timestamp()),
            **self.dates(ev), "ckg_other_places": self.others(ev, place.iri),
            "ckg_notes_ar": " ".join(ev.quote.split()),
        }

    @staticmethod
    def dates(ev: Event) -> dict:
        return {"ckg_date_earliest": ev.earliest.isoformat() if ev.earliest else "",
                "ckg_date_latest": ev.latest.isoformat() if ev.latest else "", "ckg_date_precision": ev.precision or ""}

    def others(self, ev: Event, chosen: str) -> str:
        """The event's places other than the one the row is placed at (with or without a point), by name."""
        iris = set(ev.role("hasPlace") + ev.role("fromPlace") + ev.role("toPlace")) - {chosen}
        return "; ".join(sorted(self.name(p) for p in iris))


def left_out_reason(ev: Event, include_vague: bool = False) -> str | None:
    """Why an event is not an ACLED row, or None when it is one (if it has a located place). A curated event
    whose date ACLED cannot code as a day (ask.periods.acled_codable) is left out as VAGUE unless
    include_vague; an imported event keeps its dataset's own date."""
    if ev.same_as:
        return "second account"  # ACLED codes an event once
    if not ev.counted:
        return ev.statement      # a pattern or an anticipated event: not an event
    if ev.statement == "background" and ev.earliest is None:
        return "background, undated"  # a past event with no date in the text: no date to code
    if not include_vague and not ev.record and not periods.acled_codable(ev.earliest, ev.latest):
        return VAGUE
    return None


def rows(tables: Tables, include_vague: bool = False) -> tuple[list[dict], dict[str, list[str]]]:
    """The ACLED rows, and the events left out by reason (second account, pattern, anticipated, background
    undated, vague date, no located place), by IRI."""
    maker = _Rows(tables)
    imported = acled_source.source_rows(tables)
    out: list[dict] = []
    left: dict[str, list[str]] = {}
    for ev in tables.events:
        reason = left_out_reason(ev, include_vague)
        dataset, values = imported.get(ev.iri, ("", {}))
        if reason is None and dataset == "acled":  # an imported ACLED row: the source's own values, then ours
            out.append({**acled_source.row(ev, values, tables, HEADER), **maker.dates(ev)})
            continue
        r = maker.row(ev) if reason is None else None
        if r is None:
            left.setdefault(reason or "no located place", []).append(ev.iri)
        else:
            out.append(r)
    out.sort(key=lambda r: (r["event_date"], r["event_id_cnty"]))
    return out, left


@dataclass
class Written:
    """An ACLED CSV and what it left out: reason -> event IRIs (VAGUE: dates ACLED cannot code as a day)."""
    data: bytes
    rows: int
    left_out: dict[str, list[str]] = field(default_factory=dict)

    @property
    def vague(self) -> int:
        return len(self.left_out.get(VAGUE, []))


def write_csv(tables: Tables, include_vague: bool = False, bom: bool = False) -> Written:
    """The CSV (UTF-8; with a byte-order mark when `bom`, for spreadsheets that need one to read Arabic)."""
    data, left = rows(tables, include_vague)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=HEADER, lineterminator="\n", restval="")
    w.writeheader()
    w.writerows(csvsafe.record(r, NUMERIC) for r in data)
    return Written(("\ufeff" if bom else "").encode("utf-8") + buf.getvalue().encode("utf-8"), len(data), left)


def to_csv(tables: Tables, include_vague: bool = False, bom: bool = False) -> bytes:
    return write_csv(tables, include_vague, bom).data


class AcledCsv(Exporter):
    name, suffix, media_type = "acled-csv", ".csv", "text/csv"
    help = "ACLED-style CSV, one row per event (events with a vague date left out unless --include-vague)"

    def __init__(self, include_vague: bool = False, bom: bool = False):
        self.include_vague, self.bom = include_vague, bom
        self.written: Written | None = None  # the last write, with what it left out

    def write(self, store: Store, ontology: bool = True) -> bytes:
        self.written = write_csv(Tables(store), self.include_vague, self.bom)
        return self.written.data


def candidates_csv(graph: Graph, articles: int) -> bytes:
    """Candidate facts as the rows 'conflictkg export --format acled-csv' would give once they are ingested.
    `graph` is their RDF with the registries (conflictkg.ingest.extract.batch.candidate_graph); it is loaded
    into a throw-away store beside the ontology and read with the export's own code. Candidates with a vague
date are kept, tagged: they are for review, and none should vanish unseen."""
    with tempfile.TemporaryDirectory(prefix="conflictkg-extract-") as tmp:
        store = Store(Path(tmp) / "store")
        store.replace(ontology_graph(), graph, {"articles": articles})
        return to_csv(Tables(store), include_vague=True)
