"""`conflictkg analyze`: the graphs, their files, the figures and a Markdown report that reads by itself."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from conflictkg.store.generations import Store

from . import figures, network, periods
from .analysis import EXACT_BETWEENNESS, SEED, Analysis, analyse


def _table(headers: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def _write_graph(g: nx.Graph, out: Path, name: str) -> list[str]:
    files = []
    for fmt in ("graphml", "gexf"):
        (out / f"{name}.{fmt}").write_bytes(network.write(g, fmt))
        files.append(f"{name}.{fmt}")
    return files


def _who_fights_whom(a: Analysis) -> list[str]:
    g = a.interactions
    return [
        "## Who fights whom",
        "",
        f"The actor interaction graph has {g.number_of_nodes()} actors and {g.number_of_edges()} ties "
        f"({sum(1 for *_, d in g.edges(data=True) if d['kind'] == 'hostile')} mainly hostile, "
        f"{sum(1 for *_, d in g.edges(data=True) if d['kind'] == 'cooperative')} mainly cooperative).",
        "",
        "![Actor network](actor-network.png)",
        "",
        "Hostile pairs by events (perpetrator against target):",
        "",
        _table(["attacker", "attacked", "events", "killed in those events (lower bound, all sides)"],
               [list(p) for p in a.hostile_pairs()[:12]]),
        "",
        "### Centrality",
        "",
        *_sampled(a),
        _table(["actor", "degree", "betweenness", "eigenvector"],
               [[r["actor"], r["degree"], f"{r['betweenness']:.3f}", f"{r['eigenvector']:.3f}"]
                for r in a.centrality()[:15]]),
        "",
        "### Communities (greedy modularity)",
        "",
        *[f"{i}. {', '.join(c)}" for i, c in enumerate(a.communities(), 1)],
        "",
    ]


def _sampled(a: Analysis) -> list[str]:
    k = a.betweenness_sample()
    if k is None:
        return []
    return [f"Betweenness is estimated from shortest paths out of {k} of the {a.interactions.number_of_nodes()} "
            f"actors, drawn with a fixed seed ({SEED}): exact betweenness is computed for up to "
            f"{EXACT_BETWEENNESS} actors.", ""]


def _attacks_and_flows(a: Analysis) -> list[str]:
    return [
        "## Most attacked",
        "",
        _table(["actor (as target)", "events", "killed on that side (lower bound)"],
               [list(r) for r in a.most_attacked_actors()]),
        "",
        _table(["place (with the places it lies in)", "violent events", "killed (lower bound)"],
               [list(r) for r in a.most_attacked_places()]),
        "",
        "## Where fighters were moved",
        "",
        "![Fighter flows](fighter-flows.png)",
        "",
        "Transfer-deal routes:",
        "",
        _table(["from", "to", "earliest", "latest", "date precision", "fighters (lower bound)"],
               [[r["from"], r["to"], r["date"], r["date_latest"], r["date_precision"], r["fighters"] or "not stated"]
                for r in a.deal_routes()]),
        "",
        f"The fighter-flow graph has {a.flows.number_of_nodes()} places and {a.flows.number_of_edges()} "
        "routes (deals, flight, infiltration, reinforcement, withdrawal).",
        "",
    ]


def _scope(a: Analysis) -> str:
    left = a.left_out()
    background = a.totals.kinds["background"]
    return (f"Built from {a.totals.events} events of the graph: its articles and any imported datasets "
            f"({background} of them background events, told in passing), each counted once however many accounts "
            "tell it. Left out: "
            f"{left['pattern']} pattern{'s' if left['pattern'] != 1 else ''} (an ongoing or habitual activity, "
            f"such as \"keeps attacking\") and {left['anticipated']} anticipated event"
            f"{'s' if left['anticipated'] != 1 else ''} (a plan or threat): they are statements about events, "
            "not events, and add nothing to the tables, the network weights or the figures below "
            "(`conflictkg query patterns` lists them). Killed figures are conservative lower bounds (the exact "
            "number, else the minimum stated; 'killed and wounded' without a number counts 0). Aggregate "
            "tallies are not events and are not counted here.")


def _over_time(a: Analysis) -> list[str]:
    counts = a.by_period("year")
    years = sorted(int(y) for y in counts if y.isdigit())
    rows = []
    for y in years:
        s = a.yearly.get(y)
        rows.append([y, counts[str(y)], s.number_of_nodes() if s else 0, s.number_of_edges() if s else 0,
                     sum(1 for *_, d in s.edges(data=True) if d["kind"] == "hostile") if s else 0])
    for key, what in ((periods.SPANNING, "spanning (known only to a span crossing a year)"),
                      (periods.UNDATED, "undated")):
        rows.append([what, counts[key], "", "", ""])
    return [
        "## Over time",
        "",
        "![Timeline](timeline.png)",
        "",
        "An event counts in a year only when the year holds its whole span of dates (the earliest and latest "
        "dates the text allows); an event known only to a span crossing a year is counted apart as spanning, "
        "never at its earliest date or its middle. The timeline draws such spans as spans, by month. Actors "
        "and ties are those of the year's events and statements.",
        "",
        _table(["year", "events", "actors", "ties", "hostile ties"], rows),
        "",
    ]


def markdown(a: Analysis, files: list[str]) -> str:
    parts = [
        "# conflictkg analysis",
        "",
        _scope(a),
        "",
        *_who_fights_whom(a),
        *_attacks_and_flows(a),
        *_over_time(a),
        "## Files",
        "",
        "GraphML and GEXF open in Gephi, Cytoscape and NetworkX:",
        "",
        *[f"- `{f}`" for f in files],
        "",
    ]
    return "\n".join(parts)


def run(store: Store, out: Path, *, per_event: bool = False) -> dict:
    """Analyse the store and write everything into `out`. Returns what was written. `per_event` reads one
    row per event and fact instead of totals (analysis.analyse): the same report, far slower at scale."""
    out.mkdir(parents=True, exist_ok=True)
    a = analyse(store, per_event=per_event)
    files = _write_graph(a.interactions, out, "actor-interactions")
    files += _write_graph(a.actor_places, out, "actor-places")
    files += _write_graph(a.flows, out, "fighter-flows")
    for year, g in a.yearly.items():
        files += _write_graph(g, out, f"actor-interactions-{year}")
    figures.actor_network(a, out / "actor-network.png")
    figures.flow_map(a, out / "fighter-flows.png")
    figures.timeline(a, out / "timeline.png")
    (out / "report.md").write_text(markdown(a, files), encoding="utf-8")
    return {"report": out / "report.md", "files": files, "figures": 3}
