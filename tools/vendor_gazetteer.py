"""Vendor the offline gazetteer into seeds/gazetteer/places.csv, whole (every row, unchanged, in its order),
and check that every `geonames` id of seeds/places.yaml is among its rows.

Run by a maintainer when the gazetteer is rebuilt; conflictkg itself only reads the vendored copy
(extraction resolves place names the registry lacks to its rows).

    python tools/vendor_gazetteer.py /path/to/full/places.csv
"""
import csv
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def main(source: str) -> None:
    places = yaml.safe_load((ROOT / "seeds" / "places.yaml").read_text(encoding="utf-8"))
    wanted = {p["geonames"] for p in places if "geonames" in p}
    with open(source, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        fields = reader.fieldnames
    missing = wanted - {int(r["geonameid"]) for r in rows if r["geonameid"]}
    if missing:
        sys.exit(f"GeoNames ids of seeds/places.yaml not in {source}: {sorted(missing)}")
    out = ROOT / "seeds" / "gazetteer" / "places.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} rows written to {out}")


if __name__ == "__main__":
    main(sys.argv[1])
