"""A place's point: from the vendored gazetteer or curated, checked before it enters the graph."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Point:
    lat: Decimal
    lon: Decimal
    precision: int
    source: str  # "geonames" or "curated"
    geonames: int | None = None


class PointError(ValueError):
    """What is wrong with a place's coordinates, with the fix."""

    def __init__(self, message: str, fix: str | None = None):
        super().__init__(message)
        self.fix = fix


def point(place: dict, gazetteer: dict[int, dict]) -> Point:
    """The point of a registry entry: `geonames: ID` (coordinates from the gazetteer) or curated `lat`,
    `lon` and `coord_basis`, with an ACLED `geo_precision` of 1, 2 or 3."""
    if "geonames" in place:
        row = gazetteer.get(place["geonames"]) if isinstance(place["geonames"], int) else None
        if row is None:
            raise PointError(f"GeoNames id {place['geonames']} is not in seeds/gazetteer/places.csv",
                             "vendor the gazetteer row (tools/vendor_gazetteer.py) or fix the id")
        lat, lon, source, gid = Decimal(row["lat"]), Decimal(row["lon"]), "geonames", place["geonames"]
    elif "lat" in place and "lon" in place:
        try:
            lat, lon = Decimal(str(place["lat"])), Decimal(str(place["lon"]))
        except ArithmeticError:
            raise PointError("lat/lon are not numbers") from None
        if not place.get("coord_basis"):
            raise PointError("curated coordinates need a 'coord_basis'",
                             "say where the point comes from and how exact it is")
        source, gid = "curated", None
    else:
        raise PointError("place has no coordinates", "give 'geonames: ID' or 'lat', 'lon' and 'coord_basis'")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise PointError(f"coordinates out of range (lat {lat}, lon {lon})",
                         "latitude is -90..90 and longitude -180..180, in decimal degrees (lat first)")
    precision = place.get("geo_precision")
    if precision not in (1, 2, 3):
        raise PointError(f"geo_precision {precision!r} is not 1, 2 or 3",
                         "1 the place itself, 2 near it, 3 a large region or rough guess")
    return Point(lat, lon, precision, source, gid)


# ---------------------------------------------------------------------- gazetteer rows as places
GAZETTEER_PREFIX = "gn-"   # the registry id of a gazetteer row no curated place takes: gn-<geonameid>
COUNTRY_PLACES = {"SY": "syria", "IQ": "iraq", "LB": "lebanon", "TR": "turkey"}
_ADMIN_CLASS = {"ADM2": "District", "ADM3": "Subdistrict"}


def _settlement(row: dict) -> str:
    code = row.get("feature_code") or ""
    if code in ("PPLC", "PPLA"):
        return "City"
    pop = int(row.get("population") or 0)
    return "Town" if code.startswith("PPLA") or pop >= 10000 else "Village"


def gazetteer_entry(row: dict, governorate_of: dict[tuple[str, str], str]) -> dict | None:
    """The registry entry of a gazetteer row (GeoNames/OpenSyria, seeds/gazetteer/places.csv): its id
    gn-<geonameid>, a class from its feature code and population, its ASCII name in English, its Arabic
    names, part of its governorate (by admin1 code) or, outside Syria, of its country, and its GeoNames point
    (precision 1 for a populated place, 2 for a district or sub-district's centroid). None when the row has no
    GeoNames id, no Arabic name or no place to be part of."""
    names = [n for n in (row.get("arabic_names") or "").split("|") if n]
    if not row.get("geonameid") or not names or row.get("feature_code") == "ADM1":
        return None
    cc = row.get("country_code") or ""
    parent = governorate_of.get((cc, row.get("admin1_code") or "")) if cc == "SY" else COUNTRY_PLACES.get(cc)
    if parent is None:
        return None
    is_point = row.get("feature_class") == "P"
    entry = {"id": f"{GAZETTEER_PREFIX}{row['geonameid']}",
             "class": _settlement(row) if is_point else _ADMIN_CLASS.get(row.get("feature_code") or "", "Area"),
             "en": row.get("asciiname") or row["name"], "ar": names[0], "part_of": [parent],
             "geonames": int(row["geonameid"]), "geo_precision": 1 if is_point else 2}
    if names[1:]:
        entry["variants"] = names[1:]
    return entry


def gazetteer_places(gazetteer: dict[int, dict], registry: dict[str, dict]) -> dict[str, dict]:
    """Registry entries (see gazetteer_entry) for the gazetteer rows that no registry place takes, by id. A
    Syrian row is part of the registry governorate whose own gazetteer row has its admin1 code."""
    taken = {p.get("geonames") for p in registry.values()}
    governorate_of = {}
    for pid, p in registry.items():
        row = gazetteer.get(p.get("geonames")) if p.get("class") == "Governorate" else None
        if row is not None:
            governorate_of[(row["country_code"], row["admin1_code"])] = pid
    out = {}
    for gid, row in gazetteer.items():
        if gid in taken:
            continue
        entry = gazetteer_entry(row, governorate_of)
        if entry is not None:
            out[entry["id"]] = entry
    return out


def named_gazetteer_places(data, gazetteer: dict[int, dict], registry: dict[str, dict]) -> dict[str, dict]:
    """The registry entries of the gazetteer places (gn-<id>) that a fact file's mapping names anywhere
    (events' places, mentions, tallies' areas): what an extracted fact file needs beside places.yaml."""
    named: set[str] = set()
    stack = [data]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, str) and x.startswith(GAZETTEER_PREFIX) and x[len(GAZETTEER_PREFIX):].isdigit():
            named.add(x)
    if not named:
        return {}
    return {k: v for k, v in gazetteer_places(gazetteer, registry).items() if k in named}
