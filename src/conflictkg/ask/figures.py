"""PNG figures of the analysis: the actor network, the fighter-flow map and the event timeline."""
from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from conflictkg.core.resources import SEEDS_DIR  # noqa: E402

from . import periods  # noqa: E402
from .analysis import Analysis  # noqa: E402

HOSTILE, COOPERATIVE = "#c0392b", "#2471a3"
BOUNDARIES = SEEDS_DIR / "boundaries" / "countries.geojson"
# groups of event classes for the timeline, in drawing order
GROUPS = [("Attacks and clashes", {"Attack", "Ambush", "Bombing", "Raid", "Shelling", "TargetedKilling",
                                   "ArmedClash", "Execution", "Kidnapping"}),
          ("Air strikes", {"AirStrike"}),
          ("Arrests and security operations", {"Arrest", "SecurityOperation", "MilitaryCampaign"}),
          ("Control changes", {"Capture", "Withdrawal", "TerritoryHandover", "Surrender"}),
          ("Deals", {"TransferDeal", "TradeDeal"}),
          ("Movements", {"Infiltration", "Smuggling", "Flight", "Reinforcement", "Deployment", "Displacement"}),
          ("Other", set())]
SPAN_BARS = 500  # spans drawn as bars of their own; more are drawn as one collection
GROUP_COLOURS = ["#c0392b", "#e67e22", "#8e44ad", "#27ae60", "#2471a3", "#16a085", "#7f8c8d"]


def actor_network(a: Analysis, path: Path) -> None:
    g = a.interactions
    fig, ax = plt.subplots(figsize=(13, 10))
    pos = nx.spring_layout(g, seed=7, k=2.6 / math.sqrt(max(1, g.number_of_nodes())), iterations=300,
                           weight="weight")
    degree = dict(g.degree(weight="weight"))
    for kind, colour in (("cooperative", COOPERATIVE), ("hostile", HOSTILE)):
        edges = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == kind]
        widths = [0.8 + 1.2 * math.log1p(g.edges[e]["weight"]) for e in edges]
        nx.draw_networkx_edges(g, pos, edgelist=edges, width=widths, edge_color=colour, alpha=0.65, ax=ax)
    nx.draw_networkx_nodes(g, pos, node_size=[120 + 60 * degree[n] for n in g], node_color="#f4f1ea",
                           edgecolors="#34495e", linewidths=1.2, ax=ax)
    nx.draw_networkx_labels(g, pos, labels={n: g.nodes[n]["label"] for n in g}, font_size=8, ax=ax)
    ax.legend(handles=[Line2D([], [], color=HOSTILE, lw=3, label="hostile (attacks, opposes)"),
                       Line2D([], [], color=COOPERATIVE, lw=3, label="cooperative (deals, support, alliance)")],
              loc="lower left", fontsize=9, frameon=False)
    ax.set_title("Who fights whom, and who works with whom (line width: events and statements; "
                 "circle size: weighted degree)", fontsize=11)
    ax.axis("off")
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)


# where to write country names inside the map's frame (lon, lat)
COUNTRY_LABELS = {"SYR": (38.3, 35.3), "IRQ": (42.4, 33.6), "TUR": (38.2, 37.45), "LBN": (35.55, 33.75),
                  "JOR": (37.6, 32.45)}


def _outlines(ax) -> None:
    doc = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    for f in doc["features"]:
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        syria = f["properties"]["iso_a3"] == "SYR"
        for poly in polys:
            xs, ys = zip(*poly[0])
            ax.fill(xs, ys, color="#f6f3ea" if syria else "#eeeeee", zorder=0)
            ax.plot(xs, ys, color="#9a9a9a", lw=0.8, zorder=1)
        at = COUNTRY_LABELS.get(f["properties"]["iso_a3"])
        if at:
            ax.text(*at, f["properties"]["name"], fontsize=10, color="#8a8a8a", ha="center", style="italic",
                    zorder=1)


def flow_map(a: Analysis, path: Path) -> None:
    g = a.flows
    fig, ax = plt.subplots(figsize=(13, 9))
    _outlines(ax)
    for u, v, d in sorted(g.edges(data=True), key=lambda e: e[2]["fighters"]):
        x0, y0, x1, y1 = g.nodes[u]["lon"], g.nodes[u]["lat"], g.nodes[v]["lon"], g.nodes[v]["lat"]
        deal = "transfer deal" in d["types"]
        width = 1.5 + 1.5 * math.log10(1 + d["fighters"])
        arrow = ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=3, annotation_clip=False,
                            arrowprops=dict(arrowstyle="-|>", color=HOSTILE if deal else "#16a085", lw=width,
                                            alpha=0.8, connectionstyle="arc3,rad=0.15", mutation_scale=14))
        arrow.arrow_patch.set_clip_path(ax.patch)  # routes to places off the map end at its edge
        label = f"{d['date'][:7]}" + (f", {d['fighters']}+ fighters" if d["fighters"] else "")
        if deal:
            ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.12, label, fontsize=7.5, color=HOSTILE, ha="center", zorder=4)
    placed: list[tuple[float, float]] = []
    for _, d in sorted(g.nodes(data=True), key=lambda x: (-x[1]["lat"], x[1]["lon"])):
        ax.plot(d["lon"], d["lat"], "o", color="#34495e", ms=5, zorder=5, clip_on=True)
        # nudge a label down while it would sit on one already written
        x, y = d["lon"] + 0.07, d["lat"] - 0.05
        while any(abs(x - px) < 1.2 and abs(y - py) < 0.11 for px, py in placed):
            y -= 0.12
        placed.append((x, y))
        ax.text(x, y, d["label"].split(" (")[0][:30], fontsize=8, zorder=6, clip_on=True)
    ax.set_xlim(35.0, 43.2)
    ax.set_ylim(32.2, 37.6)
    ax.set_aspect(1 / math.cos(math.radians(35)))
    ax.legend(handles=[Line2D([], [], color=HOSTILE, lw=3, label="transfer deal (regime–ISIS and others)"),
                       Line2D([], [], color="#16a085", lw=3, label="other movement: flight, infiltration, "
                                                                   "reinforcement, withdrawal")],
              loc="lower right", fontsize=9)
    ax.set_title("Where fighters were moved: deal routes and other movements "
                 "(arrow width: fighters, lower bound)", fontsize=11)
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    fig.text(0.01, 0.01, "Outlines: Natural Earth (public domain). Places: GeoNames (CC BY 4.0) and curated points.",
             fontsize=7, color="#777777")
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)


def _span_bars(ax, spans: list, colours: dict) -> None:
    """One horizontal bar per span, row i for the i-th: as barh draws them, but up to SPAN_BARS one patch
    each, and beyond, as one collection (thousands of patches took minutes to draw)."""
    if len(spans) <= SPAN_BARS:
        for i, ev in enumerate(spans):
            ax.barh(i, (ev.latest - ev.earliest).days + 1, left=ev.earliest, height=0.6,
                    color=colours[group_of(ev.cls)], alpha=0.75)
        return
    ax.barh(0, 0, left=spans[0].earliest, height=0)  # the axis takes dates, as barh's would
    verts, faces = [], []
    for i, ev in enumerate(spans):
        x0 = mdates.date2num(ev.earliest)
        x1 = x0 + (ev.latest - ev.earliest).days + 1
        verts.append([(x0, i - 0.3), (x1, i - 0.3), (x1, i + 0.3), (x0, i + 0.3)])
        faces.append(colours[group_of(ev.cls)])
    ax.add_collection(PolyCollection(verts, facecolors=faces, edgecolors="none", alpha=0.75))


def group_of(cls: str) -> str:
    return next((name for name, members in GROUPS if cls in members), "Other")


def timeline(a: Analysis, path: Path) -> None:
    """Events by month, by the rule of ask.periods: an event whose whole span lies in one month is a bar of that
    month; one known only to a wider span is drawn as that span, in the lower panel, never as a day."""
    t = a.totals
    monthly: Counter = Counter()
    for (month, cls), n in t.months.items():
        if month not in (periods.UNDATED, periods.SPANNING):
            monthly[(month, group_of(cls))] += n
    spans = t.spans
    undated = t.undated
    fig, (top, low) = plt.subplots(2, 1, figsize=(12, 7.5), sharex=True,
                                   gridspec_kw={"height_ratios": [1, 1.4], "hspace": 0.08})
    if t.first is not None:
        first, last = t.first, t.last
        months = periods.months(first, last)
        starts = [dt.date(int(m[:4]), int(m[5:]), 1) for m in months]
        bottom = [0] * len(months)
        for (name, _), colour in zip(GROUPS, GROUP_COLOURS):
            counts = [monthly[(m, name)] for m in months]
            if any(counts):
                top.bar(starts, counts, bottom=bottom, color=colour, width=27, align="edge")
                bottom = [b + c for b, c in zip(bottom, counts)]
        colours = dict(zip((name for name, _ in GROUPS), GROUP_COLOURS))
        _span_bars(low, spans, colours)
        low.set_ylim(len(spans) - 0.4, -0.6)
        low.set_xlim(starts[0] - dt.timedelta(days=15), last + dt.timedelta(days=15))
    top.set_ylabel("events within one month")
    present = {name for _, name in monthly} | {group_of(ev.cls) for ev in spans}
    top.legend(handles=[Patch(color=c, label=n) for (n, _), c in zip(GROUPS, GROUP_COLOURS) if n in present],
               fontsize=8, frameon=False, loc="upper right", ncol=2)
    top.set_title("Events of the graph by month and type: an event known only to a wider span is drawn as "
                  f"that span below\n(patterns and anticipated events left out; {undated} undated event"
                  f"{'s' if undated != 1 else ''} not drawn)", fontsize=10)
    low.set_ylabel(f"events known only to a span\nwider than a month ({len(spans)})")
    low.set_yticks([])
    for ax in (top, low):
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x", color="#dddddd", lw=0.6)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
