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
