"""NetworkX analysis of the knowledge graph: who fights whom, who is where, where fighters were moved.

Only events count (specific and background events, tabular.COUNTED): patterns and anticipated events are
statements about events, and the analysis leaves them out and says how many (Analysis.left_out). Counts by
period follow ask.periods: an event is in a year (a month) only when that year (month) holds its whole span
of dates; otherwise it is counted apart as "spanning". ask.graphs gives each graph as one library call."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx
from networkx.algorithms import community

from conflictkg.store import Store
from conflictkg.store.queries import rows

from . import periods
from .tabular import LEFT_OUT, Tables, local


def _node(g, tables: Tables, iri: str, **extra) -> None:
    if iri in g:
        return
    e = tables.entities.get(iri)
    attrs = {"label": e.en if e else local(iri), "label_ar": e.ar if e else "", "type": e.cls if e else ""}
    if e is not None and e.lat is not None:
        attrs.update(lat=e.lat, lon=e.lon)
    g.add_node(iri, **attrs, **extra)


def interaction_graph(tables: Tables, rows: list[dict], year: int | None = None) -> nx.Graph:
    """Undirected actor graph; each edge keeps hostile and cooperative weights apart (events, killed,
    statements), and `kind` says which dominates."""
    g = nx.Graph()
    for r in rows:
        if year is not None and r["year"] != str(year):
            continue
        a, b, kind = r["a"], r["b"], r["kind"]
        for x in (a, b):
            _node(g, tables, x)
        if not g.has_edge(a, b):
            g.add_edge(a, b, hostile_events=0, hostile_killed=0, hostile_statements=0,
                       cooperative_events=0, cooperative_statements=0)
        d = g.edges[a, b]
        is_statement = r["via"] == "statement"
        if kind == "hostile":
            d["hostile_statements" if is_statement else "hostile_events"] += 1
            d["hostile_killed"] += int(r["killed"])
        else:
            d["cooperative_statements" if is_statement else "cooperative_events"] += 1
    for _, _, d in g.edges(data=True):
        hostile = d["hostile_events"] + d["hostile_statements"]
        coop = d["cooperative_events"] + d["cooperative_statements"]
        d["kind"] = "hostile" if hostile >= coop else "cooperative"
        d["weight"] = hostile + coop
    return g


def actor_place_graph(tables: Tables, rows: list[dict]) -> nx.Graph:
    g = nx.Graph()
    for r in rows:
        _node(g, tables, r["actor"], bipartite="actor")
        _node(g, tables, r["place"], bipartite="place")
        if g.has_edge(r["actor"], r["place"]):
            g.edges[r["actor"], r["place"]]["weight"] += 1
        else:
            g.add_edge(r["actor"], r["place"], weight=1, how=r["how"])
    return g


def flow_graph(tables: Tables, rows: list[dict]) -> nx.DiGraph:
    """Places, with an edge from origin to destination per movement, weighted by fighters (lower bound)."""
    g = nx.DiGraph()
    for r in rows:
        if not (r["from"] and r["to"]):
            continue
        for x in (r["from"], r["to"]):
            _node(g, tables, x)
        fighters = int(r["fighters_lower_bound"] or 0)
        if g.has_edge(r["from"], r["to"]):
            d = g.edges[r["from"], r["to"]]
            d["movements"] += 1
            d["fighters"] += fighters
            d["types"] = "; ".join(sorted(set(d["types"].split("; ")) | {r["type"]}))
        else:
            g.add_edge(r["from"], r["to"], movements=1, fighters=fighters, types=r["type"],
                       deal=r["type"] == "transfer deal", date=r["date"] or "", date_latest=r["latest"] or "",
                       date_precision=r["precision"] or "")
    return g


@dataclass
class Analysis:
    tables: Tables
    interactions: nx.Graph
    actor_places: nx.Graph
    flows: nx.DiGraph
    yearly: dict[int, nx.Graph] = field(default_factory=dict)
    interaction_rows: list[dict] = field(default_factory=list)

    def _label(self, iri: str) -> str:
        return self.tables.entities[iri].en if iri in self.tables.entities else local(iri)

    def events(self) -> list:
        """The events the analysis counts: specific and background events, each told once."""
        return [ev for ev in self.tables.events if ev.counted and not ev.same_as]

    def left_out(self) -> dict[str, int]:
        """How many patterns and anticipated events (each told once) the analysis left out."""
        kinds = Counter(ev.statement for ev in self.tables.events if not ev.same_as)
        return {k: kinds[k] for k in LEFT_OUT}

    def by_period(self, by: str = "year") -> Counter:
        """Events per year (or month, "2019-03") by the one rule of ask.periods: an event counts in the period
        that holds its whole span, else under periods.SPANNING; undated ones under periods.UNDATED."""
        return Counter(periods.period(ev.earliest, ev.latest, by) for ev in self.events())

    def hostile_pairs(self) -> list[tuple[str, str, int, int]]:
        """(attacker, attacked, events, killed in those events) from events, direction kept."""
        events: Counter = Counter()
        killed: Counter = Counter()
        for r in self.interaction_rows:
            if r["kind"] == "hostile" and r["via"] == "event":
                events[(r["a"], r["b"])] += 1
                killed[(r["a"], r["b"])] += int(r["killed"])
        pairs = [(self._label(a), self._label(b), n, killed[(a, b)]) for (a, b), n in events.items()]
        return sorted(pairs, key=lambda p: (-p[2], -p[3], p[0], p[1]))

    def centrality(self) -> list[dict]:
        g = self.interactions
        if g.number_of_nodes() == 0:
            return []
        degree = dict(g.degree())
        between = nx.betweenness_centrality(g)
        try:
            eigen = nx.eigenvector_centrality(g, max_iter=2000, weight="weight")
        except nx.PowerIterationFailedConvergence:
            eigen = {n: float("nan") for n in g}
        out = [{"actor": g.nodes[n]["label"], "degree": degree[n], "betweenness": between[n],
                "eigenvector": eigen[n]} for n in g]
        return sorted(out, key=lambda r: (-r["degree"], -r["betweenness"], r["actor"]))

    def communities(self) -> list[list[str]]:
        g = self.interactions
        if g.number_of_edges() == 0:
            return []
        parts = community.greedy_modularity_communities(g, weight="weight")
        return sorted((sorted(g.nodes[n]["label"] for n in p) for p in parts), key=lambda c: (-len(c), c))

    def most_attacked_actors(self, n: int = 10) -> list[tuple[str, int, int]]:
        score: Counter = Counter()
        killed: Counter = Counter()
        for ev in self.events():
            for t in set(ev.role("target")):
                score[t] += 1
                killed[t] += sum(k for kind, side, k in ev.counts if kind == "killed" and side == t)
        return [(self._label(a), c, killed[a]) for a, c in sorted(score.items(), key=lambda x: (-x[1], x[0]))[:n]]

    def most_attacked_places(self, n: int = 10) -> list[tuple[str, int, int]]:
        """Places of violent events, each event counted once per place and once per place it lies in."""
        events: Counter = Counter()
        killed: Counter = Counter()
        violent = self.tables.subclasses("ViolentEvent")
        for ev in self.events():
            if ev.cls not in violent:
                continue
            places = {a for p in ev.role("hasPlace") for a in self.tables.ancestors(p)}
            for p in places:
                events[p] += 1
                killed[p] += ev.killed
        return [(self._label(p), c, killed[p]) for p, c in sorted(events.items(), key=lambda x: (-x[1], x[0]))[:n]]

    def deal_routes(self) -> list[dict]:
        out = []
        for a, b, d in self.flows.edges(data=True):
            if "transfer deal" in d["types"]:
                out.append({"from": self.flows.nodes[a]["label"], "to": self.flows.nodes[b]["label"],
                            "fighters": d["fighters"], "date": d["date"], "date_latest": d["date_latest"],
                            "date_precision": d["date_precision"], "movements": d["movements"]})
        return sorted(out, key=lambda r: (r["date"], r["from"], r["to"]))


def analyse(store: Store) -> Analysis:
    tables = Tables(store)
    inter = rows(store, "analysis/interactions")
    places = rows(store, "analysis/actor-places")
    flows = rows(store, "fighter-flows")
    result = Analysis(tables, interaction_graph(tables, inter), actor_place_graph(tables, places),
                      flow_graph(tables, flows), interaction_rows=inter)
    for y in sorted({int(r["year"]) for r in inter if r["year"].isdigit()}):  # not "spanning": ask.periods
        result.yearly[y] = interaction_graph(tables, inter, year=y)
    return result
