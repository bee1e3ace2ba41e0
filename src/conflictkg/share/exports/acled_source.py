"""An imported ACLED row in the ACLED export: the row as the source file wrote it, in ACLED's columns, and our
aligned entities and place after them, in columns of our own (ckg_…). An import keeps the row whole on its
source record (ckg:sourceRow); the values aligned to our actors and gazetteer never replace the source's.

The one normalisation: event_date is written as ISO (YYYY-MM-DD), whatever the file's date format was."""
from __future__ import annotations

import datetime as dt
import json

from conflictkg.ask.tabular import Event, Tables, export_rows, local

# columns of the layout before 2023 that the 2023 layout dropped: an old-layout row keeps them
OLD_LAYOUT_ONLY = ("data_id", "event_id_no_cnty", "iso3")
# ours, after the source's; an import leaves columns starting ckg_ out of the source's values
OWN = ("ckg_event", "ckg_actors", "ckg_actor_names", "ckg_place", "ckg_place_name", "ckg_latitude",
       "ckg_longitude")
ROLES = ("perpetrator", "target", "party")
_HALF = {"1": 0, "2": 3, "3": 15}  # days between an ACLED row's coded day and the earliest date we keep


def source_rows(tables: Tables) -> dict[str, tuple[str, dict[str, str]]]:
    """Event IRI → (dataset name, the row's values as written) for every imported event."""
    return {r["event"]: (local(r["dataset"]), json.loads(r["row"])) for r in export_rows(tables.store, "source-rows")}


def coded_day(ev: Event, values: dict[str, str]) -> str:
    """ACLED's event_date in ISO: the import keeps it as the earliest date minus the precision's half-span."""
    half = _HALF.get(values.get("time_precision", "").strip())
    if ev.earliest is None or half is None:
        return values.get("event_date", "")
    return (ev.earliest + dt.timedelta(days=half)).isoformat()


def row(ev: Event, values: dict[str, str], tables: Tables, columns: list[str]) -> dict:
    """The export row of an imported ACLED event: `columns` filled from the source's values, then ours."""
    out = {c: values.get(c, "") for c in columns if not c.startswith("ckg_")}
    out["event_date"] = coded_day(ev, values)
    actors = [a for role in ROLES for a in ev.role(role)]
    places = ev.role("hasPlace")
    place = tables.entities.get(places[0]) if places else None
    out.update({
        "ckg_event": ev.iri,
        "ckg_actors": "; ".join(actors),
        "ckg_actor_names": "; ".join(tables.entities[a].en if a in tables.entities else local(a) for a in actors),
        "ckg_place": place.iri if place else "",
        "ckg_place_name": place.en if place else "",
        "ckg_latitude": f"{place.lat:.5f}" if place and place.lat is not None else "",
        "ckg_longitude": f"{place.lon:.5f}" if place and place.lon is not None else "",
    })
    return out
