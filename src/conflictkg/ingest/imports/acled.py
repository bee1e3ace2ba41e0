"""ACLED rows, in the layout before 2023 and the layout from 2023 on (also our acled-csv export)."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from . import checks
from .checks import FieldError
from .dataset import Dataset
from .incident import Incident

if TYPE_CHECKING:
    from .mapping import Mappings

ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def _names(first: str, assoc: str) -> list[str]:
    out = [first] if first else []
    out += [a.strip() for a in assoc.split(";") if a.strip()]
    return out


class Acled(Dataset):
    name = "acled"
    layout = "ACLED"
    title = "Armed Conflict Location & Event Data (ACLED)"
    # Both layouts share these; the old one adds data_id/event_id_no_cnty/interaction codes, the new one
    # disorder_type/civilian_targeting/tags. Other columns are ignored.
    required = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "country", "admin1", "admin2",
                "admin3", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities")
    id_column = "event_id_cnty"
    numeric = ("data_id", "event_id_no_cnty", "year", "time_precision", "inter1", "inter2", "interaction", "iso",
               "latitude", "longitude", "geo_precision", "fatalities", "timestamp")
    actor_mappings = "acled-actors.yaml"
    type_mappings = "acled-event-types.yaml"  # event type / sub-event type → class
    inter_mappings = "acled-inter.yaml"       # inter code or label → class of an actor no mapping names

    def parse(self, values: dict[str, str], line: int, maps: Mappings) -> Incident:
        """A checked Incident from one ACLED row. Raises FieldError for the first bad field."""
        rid = values["event_id_cnty"].strip()
        if not ID.match(rid):
            raise FieldError("event_id_cnty", rid, "missing or not an id",
                             "keep ACLED's event_id_cnty, e.g. SYR12345")
        day = checks.date("event_date", values["event_date"])
        prec = values["time_precision"].strip()
        if prec not in ("1", "2", "3"):
            raise FieldError("time_precision", prec, "must be 1, 2 or 3", "use ACLED's time_precision code")
        # ACLED codes one day; precision 2 means within that week, 3 within that month: a span centred on the
        # coded day, so that our ACLED export codes the same day back
        half = {"1": 0, "2": 3, "3": 15}[prec]
        earliest, latest = day - dt.timedelta(days=half), min(day + dt.timedelta(days=half), dt.date.today())
        etype, sub = values["event_type"].strip(), values["sub_event_type"].strip()
        found = maps.acled_types.get((etype.casefold(), sub.casefold()))
        if found is None:
            raise FieldError("sub_event_type", f"{etype} / {sub}", "not an ACLED event type / sub-event type",
                             f"use ACLED's names, or add the pair to mappings/{self.type_mappings}")
        cls, concept = found  # a battle with one side unnamed stays a clash: ACLED codes it so
        side1 = _names(checks.text("actor1", values["actor1"]), checks.text("assoc_actor_1", values["assoc_actor_1"]))
        side2 = _names(checks.text("actor2", values["actor2"]), checks.text("assoc_actor_2", values["assoc_actor_2"]))
        kinds = []
        for col in ("inter1", "inter2"):
            v = values[col].strip()
            if v and maps.inter_class(v) is None:
                raise FieldError(col, v, "not an ACLED inter code",
                                 "use 0–8 or ACLED's label such as 'State forces' or 'Rebel groups'")
            kinds.append(v)
        lat = checks.coordinate("latitude", values["latitude"], 90)
        lon = checks.coordinate("longitude", values["longitude"], 180)
        if (lat is None) != (lon is None):
            raise FieldError("longitude" if lon is None else "latitude", "", "one coordinate without the other",
                             "give both latitude and longitude, or neither")
        gp = values["geo_precision"].strip()
        if gp and gp not in ("1", "2", "3"):
            raise FieldError("geo_precision", gp, "must be 1, 2 or 3", "use ACLED's geo_precision code")
        location = checks.text("location", values["location"])
        admin = [checks.text(c, values[c]) for c in ("admin1", "admin2", "admin3")]
        if not location and not any(admin):
            raise FieldError("location", "", "no place at all", "give the location or an admin area")
        killed = checks.count("fatalities", values["fatalities"])
        return Incident(
            dataset=self, record_id=rid, line=line, cls=cls, source_type=concept, earliest=earliest, latest=latest,
            precision="day" if half == 0 else "range", side1=side1, side2=side2,
            roles=maps.roles.get(cls, ("perpetrator", "target")), kind1=kinds[0], kind2=kinds[1],
            admin=admin, location=location, lat=lat, lon=lon, geo_precision=int(gp) if gp else None, killed=killed,
            summary=checks.text("notes", values["notes"]), sources=checks.text("source", values["source"]),
            country=checks.text("country", values["country"]))
