"""A seeded generator of realistic ACLED-style files (the 2023 layout) for benchmarks.

Rows use our gazetteer (seeds/places.yaml: governorates, districts and points) with villages scattered
around the points, ACLED's actor names (mappings/acled-actors.yaml plus local militias), ACLED's event
types in roughly Syria's proportions, dates 2017–2024, and fatalities skewed towards zero. They hold what
the codebook allows as real files do: no second actor (inter2 0) on about a third of the rows (shelling, air
strikes and protests with no named target; a few battles with one side unnamed), now and then the same actor
on both sides of a clash, and crowd-size tags on protests. With --labels the inter codes are written as the
plural labels ('Rebel groups', 'State forces') and the interaction as 'State forces-Rebel groups' or
'Protesters only', as files in the label style are. The same seed, row count and style always give the same
bytes.

    python bench/synth_acled.py 100000 -o /tmp/acled-100k.csv [--seed 7] [--labels]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from conflictkg.share.exports.acled_csv import ACLED_COLUMNS as HEADER  # noqa: E402

TYPES = [  # (event_type, sub_event_type, weight, share of rows with a second actor)
    ("Battles", "Armed clash", 28, 0.97), ("Battles", "Government regains territory", 1, 1.0),
    ("Battles", "Non-state actor overtakes territory", 1, 1.0),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 25, 0.35),
    ("Explosions/Remote violence", "Air/drone strike", 14, 0.45),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 7, 0.5),
    ("Violence against civilians", "Attack", 8, 1.0),
    ("Violence against civilians", "Abduction/forced disappearance", 2, 1.0),
    ("Protests", "Peaceful protest", 4, 0.0), ("Riots", "Mob violence", 1, 0.6),
    ("Strategic developments", "Arrests", 4, 1.0), ("Strategic developments", "Looting/property destruction", 2, 0.5),
    ("Strategic developments", "Other", 3, 0.2),
]
DISORDER = {"Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
DISORDER.update((t, "Political violence") for t in ("Battles", "Explosions/Remote violence",
                                                     "Violence against civilians", "Riots"))
SAME_SIDE = 0.02  # clashes within one group: the same actor on both sides
# the codebook's labels of the inter codes, as files in the label style write them (plural)
LABELS = {1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias", 5: "Rioters",
          6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
ARMED = [("Islamic State (Syria)", 2), ("Military Forces of Syria (2000-)", 1), ("NDF: National Defense Forces", 3),
         ("QSD: Syrian Democratic Forces", 2), ("Military Forces of Russia (2000-)", 8), ("Hezbollah", 2),
         ("Operation Inherent Resolve", 8), ("Military Forces of Turkey (2016-)", 8), ("Fatemiyoun Brigade", 3),
         ("Liwa al Quds", 3), ("Hurras al Din", 2), ("Unidentified Armed Group (Syria)", 3)]
ARMED += [(f"Tribal militia {i} (Syria)", 4) for i in range(1, 41)]
CIVILIANS = [("Civilians (Syria)", 7)]
PROTESTERS = [("Protesters (Syria)", 6)]
RIOTERS = [("Rioters (Syria)", 5)]
SOURCES = ["SOHR", "Deir Ezzor 24", "Syria Direct", "SANA", "Enab Baladi", "Furat Post", "North Press Agency"]


def gazetteer():
    places = {p["id"]: p for p in yaml.safe_load((ROOT / "seeds" / "places.yaml").read_text(encoding="utf-8"))}
    coords = {}
    for row in csv.DictReader((ROOT / "seeds" / "gazetteer" / "places.csv").open(encoding="utf-8")):
        if row["geonameid"]:  # OpenSyria's admin rows have no GeoNames id
            coords[int(row["geonameid"])] = (float(row["lat"]), float(row["lon"]))

    def point(p):
        if "lat" in p:
            return p["lat"], p["lon"]
        return coords.get(p.get("geonames"))

    def chain(pid):
        out, cur = [], places.get(pid)
        while cur and cur.get("part_of"):
            cur = places.get(cur["part_of"][0])
            if cur:
                out.append(cur)
        return out

    sites = []
    for p in places.values():
        if p["class"] in ("City", "Town", "Village", "Settlement", "OilWell", "GasField", "Mine") and point(p):
            up = chain(p["id"])
            gov = next((x for x in up if x["class"] == "Governorate"), None)
            dist = next((x for x in up if x["class"] == "District"), None)
            if gov and any(x["id"] == "syria" for x in up):
                sites.append((gov["en"].replace(" Governorate", ""), dist["en"].replace(" District", "") if dist else "",
                              p["en"], *point(p)))
    return sorted(sites)


def interaction(i1: int, i2: int | None, labels: bool) -> str:
    """ACLED's interaction: the two codes, lower first ('12', '60' for one side), or in the label style the
    labels ('State forces-Rebel groups', 'Protesters only')."""
    if not labels:
        return "".join(map(str, sorted((i1, i2)))) if i2 else f"{i1}0"
    return f"{LABELS[i1]} only" if not i2 else "-".join(LABELS[c] for c in sorted((i1, i2)))


def rows(n: int, seed: int, labels: bool = False):

    rng = random.Random(seed)
    sites = gazetteer()
    villages = []  # synthetic villages near the real points: ACLED's long tail of small places
    for i in range(max(200, n // 200)):
        gov, dist, near, lat, lon = rng.choice(sites)
        villages.append((gov, dist, f"Village {i} near {near}", round(lat + rng.uniform(-0.2, 0.2), 4),
                         round(lon + rng.uniform(-0.2, 0.2), 4)))
    types = [t for t in TYPES for _ in range(t[2])]
    start = dt.date(2017, 1, 1)
    for i in range(n):
        etype, sub, _, two_share = rng.choice(types)
        two = rng.random() < two_share
        gov, dist, loc, lat, lon = rng.choice(sites) if rng.random() < 0.3 else rng.choice(villages)
        day = start + dt.timedelta(days=rng.randrange(8 * 365))
        if etype == "Protests":
            a1, a2 = rng.choice(PROTESTERS), None
        elif etype == "Riots":
            a1, a2 = rng.choice(RIOTERS), rng.choice(CIVILIANS) if two else None
        elif etype == "Violence against civilians":
            a1, a2 = rng.choice(ARMED), rng.choice(CIVILIANS)
        else:
            a1 = rng.choice(ARMED)
            same = sub == "Armed clash" and rng.random() < SAME_SIDE
            a2 = a1 if two and same else rng.choice([a for a in ARMED if a != a1]) if two else None
        killed = 0 if rng.random() < 0.55 or etype in ("Protests", "Strategic developments") \
            else min(int(rng.expovariate(0.35)) + 1, 60)
        prec = rng.choices([1, 2, 3], [85, 10, 5])[0]
        yield {
            "event_id_cnty": f"SYR{100000 + i}", "event_date": day.isoformat(), "year": day.year,
            "time_precision": prec, "disorder_type": DISORDER[etype], "event_type": etype,
            "sub_event_type": sub, "actor1": a1[0], "assoc_actor_1": "", "inter1": LABELS[a1[1]] if labels else a1[1],
            "actor2": a2[0] if a2 else "", "assoc_actor_2": "",
            "inter2": (LABELS[a2[1]] if labels else a2[1]) if a2 else ("" if labels else 0),
            "interaction": interaction(a1[1], a2[1] if a2 else None, labels),
            "civilian_targeting": "Civilian targeting" if a2 and a2[1] == 7 else "", "iso": 760,
            "region": "Middle East", "country": "Syria", "admin1": gov, "admin2": dist, "admin3": "",
            "location": loc, "latitude": f"{lat:.4f}", "longitude": f"{lon:.4f}", "geo_precision": rng.choice([1, 1, 2]),
            "source": "; ".join(rng.sample(SOURCES, rng.choice([1, 1, 2]))), "source_scale": "National",
            "notes": f"On {day:%-d %B %Y}, {a1[0]} {sub.lower()} {('against ' + a2[0]) if a2 else ''} in {loc}, "
                     f"{gov}. {killed} reported fatalities.",
            "fatalities": killed, "tags": "crowd size=no report" if etype in ("Protests", "Riots") else "",
            "timestamp": 1700000000 + i,
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rows", type=int)
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--labels", action="store_true", help="inter codes as the codebook's (plural) labels")
    a = ap.parse_args()
    with a.output.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(rows(a.rows, a.seed, a.labels))


if __name__ == "__main__":
    main()
