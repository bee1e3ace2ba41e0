"""Where an event is, in ACLED's terms: the place to code it at, its administrative units and its geo_precision.

The rule: of the event's located places (where it happened, else where from and where to), take the most
specific one that lies in exactly one governorate (walking ckg:partOf up to a ckg:Governorate); admin1 is that
governorate, admin2 the district and admin3 the subdistrict on the way, when there is one. A place that lies
in no single governorate (the whole Badia, "east of the Euphrates", Syria) is coded as it is, region-level,
with admin1 left empty and a note saying why. Places outside Syria keep their country and no admin units (the
gazetteer has none for them).

geo_precision has ACLED's meaning: 1 the event is at the named settlement or installation; 2 it is in a
part of a governorate (a district, a countryside, a desert area, a mountain) or near a place; 3 only a
governorate, a region or a country is known. It is never finer than the precision of the place's own point."""
from __future__ import annotations

from dataclasses import dataclass, field

from conflictkg.ask.tabular import Entity, Event, Tables, local

COUNTRIES = {"syria": (760, "Syria"), "iraq": (368, "Iraq"), "turkey": (792, "Turkey"), "lebanon": (422, "Lebanon"),
             "afghanistan": (4, "Afghanistan")}
REGION = {760: "Middle East", 368: "Middle East", 792: "Middle East", 422: "Middle East", 4: "South Asia"}


@dataclass
class Location:
    place: Entity
    geo_precision: int
    admin: dict[str, object]      # iso, region, country, admin1, admin2, admin3
    notes: list[str] = field(default_factory=list)  # region-level reasons, other governorates


class Locator:
    def __init__(self, tables: Tables):
        self.t = tables
        self.point = tables.subclasses("Settlement") | (tables.subclasses("Installation") - {"Pipeline"})

    def _entities(self, iris) -> list[Entity]:
        return [self.t.entities[a] for a in iris if a in self.t.entities]

    def governorates(self, iri: str) -> dict[str, int]:
        """The governorates the place lies in (itself included), each with its number of part-of steps."""
        out: dict[str, int] = {}
        frontier, seen, steps = [iri], set(), 0
        while frontier:
            nxt = []
            for p in frontier:
                e = self.t.entities.get(p)
                if p in seen or e is None:
                    continue
                seen.add(p)
                if e.cls == "Governorate":
                    out.setdefault(p, steps)
                nxt.extend(e.parents)
            frontier, steps = nxt, steps + 1
        return out

    def level(self, e: Entity) -> int:
        """ACLED's precision of naming this kind of place: 1 a point, 2 part of a governorate, 3 wider."""
        if e.cls in self.point:
            return 1
        return 3 if e.cls in ("Governorate", "Country") else 2

    def candidates(self, ev: Event) -> list[Entity]:
        places = self._entities(dict.fromkeys(ev.role("hasPlace") + ev.role("toPlace") + ev.role("fromPlace")))
        return [p for p in places if p.lat is not None]

    def locate(self, ev: Event) -> Location | None:
        places = self.candidates(ev)
        if not places:
            return None
        govs = {p.iri: self.governorates(p.iri) for p in places}
        within = [p for p in places if len(govs[p.iri]) == 1]
        if within:
            # the most specific: a point before an area before a governorate, then the most part-of steps
            # below the governorate, then the most precise point; ties by name so the choice is stable
            place = min(within, key=lambda p: (self.level(p), -max(govs[p.iri].values()), p.geo_precision or 9,
                                               p.en))
            gov = next(iter(govs[place.iri]))
            loc = Location(place, max(self.level(place), place.geo_precision or 3), self.admin(place, gov))
            others = sorted({self.t.entities[g].en for p in within for g in govs[p.iri]} - {self.t.entities[gov].en})
            if others:
                loc.notes.append(f"places also in {', '.join(others)}")
            return loc
        place = min(places, key=lambda p: (p.geo_precision or 9, p.en))
        loc = Location(place, max(self.level(place), place.geo_precision or 3), self.admin(place, None))
        if loc.admin["iso"] == 760:
            why = ("only the country is named" if local(place.iri) == "syria"
                   else f"{place.en} is not within one governorate")
            loc.geo_precision = 3
            loc.notes.append(f"region-level: {why}, so admin1 is empty")
        return loc

    def admin(self, place: Entity, gov: str | None) -> dict[str, object]:
        chain = self._entities(self.t.ancestors(place.iri))
        country = next((COUNTRIES[local(e.iri)] for e in chain if local(e.iri) in COUNTRIES), (None, ""))
        out: dict[str, object] = {"iso": country[0] or "", "region": REGION.get(country[0], ""),
                                  "country": country[1], "admin1": "", "admin2": "", "admin3": ""}
        if gov is None:
            return out
        out["admin1"] = self.t.entities[gov].en.replace(" Governorate", "")
        # the district and subdistrict on the way up to this governorate
        below = [e for e in chain if gov in self.t.ancestors(e.iri)]
        district = next((e for e in below if e.cls == "District"), None)
        subdistrict = next((e for e in below if e.cls == "Subdistrict"), None)
        out["admin2"] = district.en.replace(" District", "") if district else ""
        out["admin3"] = subdistrict.en if subdistrict else ""
        return out
