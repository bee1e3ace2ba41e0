"""Who is central, year by year: the actor interaction graph of each year, ranked by betweenness.

    python examples/centrality_by_year.py [--seeds DIR | --store DIR] [--top 3]

A year holds an event only when the whole span of its dates lies in it (docs/dates.md); events known only to
a span crossing a year are in no year's graph, and the script says how many."""
import networkx as nx
from _store import open_store, parser

from conflictkg.ask import graphs
from conflictkg.ask.analysis import analyse

p = parser("Actor centrality by year")
p.add_argument("--top", type=int, default=3, help="actors to show per year")
args = p.parse_args()
store = open_store(args)

by_year = analyse(store).by_period("year")
for year in sorted(y for y in by_year if y.isdigit()):
    g = graphs.actor_interactions(store, period=year)
    if g.number_of_edges() == 0:
        print(f"{year}: {by_year[year]} events, no actor ties")
        continue
    between = nx.betweenness_centrality(g)
    ranked = sorted(g, key=lambda n: (-between[n], -g.degree(n), graphs.label(g, n)))[:args.top]
    print(f"{year}: {by_year[year]} events, {g.number_of_nodes()} actors, {g.number_of_edges()} ties")
    for n in ranked:
        print(f"  {graphs.label(g, n):45} degree {g.degree(n):2}  betweenness {between[n]:.3f}")
print(f"spanning a year, in no year's graph: {by_year['spanning']} events; undated: {by_year['undated']}")
