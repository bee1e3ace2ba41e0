"""UCDP GED rows (the georeferenced event dataset's CSV)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from conflictkg.core.ns import UCDP

from . import checks
from .checks import FieldError
from .dataset import Dataset
from .incident import Incident

if TYPE_CHECKING:
    from .mapping import Mappings

TYPES = {"1": ("ArmedClash", UCDP["state-based"]), "2": ("ArmedClash", UCDP["non-state"]),
         "3": ("AttackOnCivilians", UCDP["one-sided"])}
# where_prec 1 exact place … 7 international waters: ACLED's 1–3 scale, coarsened
GEO_PRECISION = {"1": 1, "2": 2, "3": 3, "4": 3, "5": 3, "6": 3, "7": 3}


class Ucdp(Dataset):
    name = "ucdp"
    layout = "UCDP GED"
    title = "UCDP Georeferenced Event Dataset (GED)"
    required = ("id", "year", "type_of_violence", "side_a", "side_b", "where_prec", "date_start", "date_end",
                "date_prec", "adm_1", "adm_2", "where_coordinates", "latitude", "longitude", "country", "best", "low",
                "high", "source_article")
    id_column = "id"
    numeric = ("id", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
               "conflict_new_id", "dyad_dset_id", "dyad_new_id", "side_a_dset_id", "side_a_new_id", "side_b_dset_id",
               "side_b_new_id", "number_of_sources", "where_prec", "latitude", "longitude", "event_clarity",
               "date_prec", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
               "gwnoa", "gwnob", "priogrid_gid", "country_id")
    actor_mappings = "ucdp-actors.yaml"

    def parse(self, values: dict[str, str], line: int, maps: Mappings) -> Incident:
        rid = values["id"].strip()
        if not re.fullmatch(r"[0-9A-Za-z_.-]{1,64}", rid):
            raise FieldError("id", rid, "missing or not an id", "keep UCDP's id column")
        tv = values["type_of_violence"].strip()
        if tv not in TYPES:
            raise FieldError("type_of_violence", tv, "must be 1, 2 or 3", "use UCDP's type_of_violence code")
        start, end = checks.date("date_start", values["date_start"]), checks.date("date_end", values["date_end"])
        if end < start:
            raise FieldError("date_end", values["date_end"], "ends before it starts", "check date_start and date_end")
        low, best, high = (checks.count(c, values[c]) for c in ("low", "best", "high"))
        if not low <= best <= high:
            raise FieldError("best", f"{low}/{best}/{high}", "low ≤ best ≤ high does not hold",
                             "check the estimates")
        lat = checks.coordinate("latitude", values["latitude"], 90)
        lon = checks.coordinate("longitude", values["longitude"], 180)
        wp = values["where_prec"].strip()
        if wp not in GEO_PRECISION:
            raise FieldError("where_prec", wp, "must be 1–7", "use UCDP's where_prec code")
        cls, concept = TYPES[tv]
        side_a = checks.text("side_a", values["side_a"], required=True)
        side_b = checks.text("side_b", values["side_b"], required=True)
        headline = checks.text("source_headline", values.get("source_headline", ""))
        summary = "; ".join(filter(None, [values.get("dyad_name", "").strip(), headline])) or f"{side_a} – {side_b}"
        return Incident(
            dataset=self, record_id=rid, line=line, cls=cls, source_type=str(concept), earliest=start, latest=end,
            precision="day" if start == end else "range", side1=[side_a], side2=[side_b],
            admin=[checks.text("adm_1", values["adm_1"]), checks.text("adm_2", values["adm_2"]), ""],
            location=checks.text("where_coordinates", values["where_coordinates"]), lat=lat, lon=lon,
            geo_precision=GEO_PRECISION[wp], killed=None, killed_low=low, killed_high=high, killed_best=best,
            summary=summary, sources=checks.text("source_article", values["source_article"]),
            country=checks.text("country", values["country"]))
