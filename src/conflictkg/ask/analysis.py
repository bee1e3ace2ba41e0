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

from . import aggregates
from .tabular import LEFT_OUT, Tables, local


def _node(g, tables: Tables, iri: str, **extra) -> None:
    if iri in g:
        return
    e = tables.entities.get(iri)
    attrs = {"label": e.en if e else local(iri), "label_ar": e.ar if e else "", "type": e.cls if e else ""}
    if e is not None and e.lat is not None:
        attrs.update(lat=e.lat, lon=e.lon)
    g.add_node(iri, **attrs, **extra)


def interaction_pairs(rows: list[dict]) -> list[dict]:
    """The rows of analysis/interactions (one per source) summed as analysis/interaction-pairs sums them: by
    actor pair, kind, via and year, with n rows and their killed; in the order each pair first appears."""
    out: dict[tuple, dict] = {}
    for r in rows:
        key = (r["a"], r["b"], r["kind"], r["via"], r["year"])
        if key not in out:
            out[key] = dict(zip(("a", "b", "kind", "via", "year"), key), n=0, killed_sum=0)
        out[key]["n"] += 1
        out[key]["killed_sum"] += int(r["killed"])
    return list(out.values())


def pair_graph(tables: Tables, pairs: list[dict], year: int | None = None) -> nx.Graph:
    """Undirected actor graph from summed pairs (interaction_pairs, or the query analysis/interaction-pairs);
    each edge keeps hostile and cooperative weights apart (events, killed, statements), and `kind` says which
    dominates."""
    g = nx.Graph()
    for r in pairs:
        if year is not None and r["year"] != str(year):
            continue
        a, b, kind, n = r["a"], r["b"], r["kind"], int(r["n"])
        for x in (a, b):
            _node(g, tables, x)
        if not g.has_edge(a, b):
            g.add_edge(a, b, hostile_events=0, hostile_killed=0, hostile_statements=0,
                       cooperative_events=0, cooperative_statements=0)
        d = g.edges[a, b]
        is_statement = r["via"] == "statement"
        if kind == "hostile":
            d["hostile_statements" if is_statement else "hostile_events"] += n
            d["hostile_killed"] += int(r["killed_sum"])
        else:
            d["cooperative_statements" if is_statement else "cooperative_events"] += n
    for _, _, d in g.edges(data=True):
        hostile = d["hostile_events"] + d["hostile_statements"]
        coop = d["cooperative_events"] + d["cooperative_statements"]
        d["kind"] = "hostile" if hostile >= coop else "cooperative"
        d["weight"] = hostile + coop
    return g


def interaction_graph(tables: Tables, rows: list[dict], year: int | None = None) -> nx.Graph:
    """The actor graph from the rows of analysis/interactions, one per source (pair_graph)."""
    return pair_graph(tables, interaction_pairs(rows), year)


def place_pairs(rows: list[dict]) -> list[dict]:
    """The rows of analysis/actor-places counted as analysis/actor-place-pairs counts them: by actor, place
    and how, in the order each first appears."""
    out: Counter = Counter((r["actor"], r["place"], r["how"]) for r in rows)
    return [{"actor": a, "place": p, "how": h, "n": n} for (a, p, h), n in out.items()]


def actor_place_graph(tables: Tables, rows: list[dict], *, counted: bool = False) -> nx.Graph:
    """Actors and places; an edge's weight is the number of facts tying them, `how` the ways (roles, kinds of
    presence), sorted. `rows` are those of analysis/actor-places, or with `counted` of actor-place-pairs."""
    g = nx.Graph()
    for r in rows if counted else place_pairs(rows):
        _node(g, tables, r["actor"], bipartite="actor")
        _node(g, tables, r["place"], bipartite="place")
        if g.has_edge(r["actor"], r["place"]):
            d = g.edges[r["actor"], r["place"]]
            d["weight"] += int(r["n"])
            d["how"] = "; ".join(sorted(set(d["how"].split("; ")) | {r["how"]}))
        else:
            g.add_edge(r["actor"], r["place"], weight=int(r["n"]), how=r["how"])
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


# Betweenness is exact up to this many actors; above, it is estimated from a sample of BETWEENNESS_SAMPLE
# source actors drawn with a fixed seed (the same store gives the same figures), and the report says so.
EXACT_BETWEENNESS = 500
BETWEENNESS_SAMPLE = 200
SEED = 7


@dataclass
class Analysis:
    tables: Tables
    interactions: nx.Graph
    actor_places: nx.Graph
    flows: nx.DiGraph
    totals: aggregates.Totals
    yearly: dict[int, nx.Graph] = field(default_factory=dict)
    pairs: list[dict] = field(default_factory=list)  # analysis/interaction-pairs: actor pairs summed

    def _label(self, iri: str) -> str:
        return self.tables.entities[iri].en if iri in self.tables.entities else local(iri)

    def left_out(self) -> dict[str, int]:
        """How many patterns and anticipated events (each told once) the analysis left out."""
        return {k: self.totals.kinds[k] for k in LEFT_OUT}

    def by_period(self, by: str = "year") -> Counter:
        """Events per year (or month, "2019-03") by the one rule of ask.periods: an event counts in the period
        that holds its whole span, else under periods.SPANNING; undated ones under periods.UNDATED."""
        if by == "year":
            return Counter(self.totals.years)
        out: Counter = Counter()
        for (month, _), n in self.totals.months.items():
            out[month] += n
        return out

    def hostile_pairs(self) -> list[tuple[str, str, int, int]]:
        """(attacker, attacked, events, killed in those events) from events, direction kept."""
        events: Counter = Counter()
        killed: Counter = Counter()
        for r in self.pairs:
            if r["kind"] == "hostile" and r["via"] == "event":
                events[(r["a"], r["b"])] += int(r["n"])
                killed[(r["a"], r["b"])] += int(r["killed_sum"])
        pairs = [(self._label(a), self._label(b), n, killed[(a, b)]) for (a, b), n in events.items()]
        return sorted(pairs, key=lambda p: (-p[2], -p[3], p[0], p[1]))

    def betweenness_sample(self) -> int | None:
        """How many source actors betweenness is estimated from; None when it is exact."""
        n = self.interactions.number_of_nodes()
        return None if n <= EXACT_BETWEENNESS else BETWEENNESS_SAMPLE

    def centrality(self) -> list[dict]:
        g = self.interactions
        if g.number_of_nodes() == 0:
            return []
        degree = dict(g.degree())
        k = self.betweenness_sample()
        between = nx.betweenness_centrality(g) if k is None else nx.betweenness_centrality(g, k=k, seed=SEED)
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
        ranked = sorted(self.totals.targets.items(), key=lambda x: (-x[1][0], x[0]))[:n]
        return [(self._label(a), events, killed) for a, (events, killed) in ranked]

    def most_attacked_places(self, n: int = 10) -> list[tuple[str, int, int]]:
        """Places of violent events, each event counted once per place and once per place it lies in."""
        ranked = sorted(self.totals.places.items(), key=lambda x: (-x[1][0], x[0]))[:n]
        return [(self._label(p), events, killed) for p, (events, killed) in ranked]

    def deal_routes(self) -> list[dict]:
        out = []
        for a, b, d in self.flows.edges(data=True):
            if "transfer deal" in d["types"]:
                out.append({"from": self.flows.nodes[a]["label"], "to": self.flows.nodes[b]["label"],
                            "fighters": d["fighters"], "date": d["date"], "date_latest": d["date_latest"],
                            "date_precision": d["date_precision"], "movements": d["movements"]})
        return sorted(out, key=lambda r: (r["date"], r["from"], r["to"]))


def analyse(store: Store, *, per_event: bool = False) -> Analysis:
    """The analysis, read with the aggregating queries (queries/analysis/*-pairs, events-by-period, ...);
    with `per_event`, worked out from one row per event and fact, as before (the reference the aggregated
    reading is tested against; much slower on a large store)."""
    tables = Tables(store)
    totals = None if per_event else aggregates.from_store(tables)
    if totals is None:
        totals = aggregates.per_event(tables)
    if per_event:
        pairs = interaction_pairs(rows(store, "analysis/interactions"))
        places = actor_place_graph(tables, rows(store, "analysis/actor-places"))
    else:
        pairs = rows(store, "analysis/interaction-pairs")
        places = actor_place_graph(tables, rows(store, "analysis/actor-place-pairs"), counted=True)
    result = Analysis(tables, pair_graph(tables, pairs), places, flow_graph(tables, rows(store, "fighter-flows")),
                      totals, pairs=pairs)
    for y in sorted({int(r["year"]) for r in pairs if r["year"].isdigit()}):  # not "spanning": ask.periods
        result.yearly[y] = pair_graph(tables, pairs, year=y)
    return result
