"""Where deals moved fighters: the fighter-flow graph of transfer deals, its routes, and where they led.

    python examples/deal_routes.py [--seeds DIR | --store DIR] [--from YYYY-MM-DD] [--to YYYY-MM-DD]"""
from _store import open_store, parser

from conflictkg.ask import graphs

p = parser("Transfer-deal routes")
p.add_argument("--from", dest="start", help="deals whose whole span of dates is on or after this day")
p.add_argument("--to", dest="end", help="deals whose whole span of dates is on or before this day")
args = p.parse_args()
g = graphs.fighter_flows(open_store(args), type="TransferDeal", start=args.start, end=args.end)

print(f"{g.number_of_edges()} deal routes between {g.number_of_nodes()} places (filters: {g.graph['filters']})")
for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[2]["date"], graphs.label(g, e[0]))):
    when = d["date"] if d["date"] == d["date_latest"] else f"{d['date']}..{d['date_latest']}"
    fighters = f"{d['fighters']}+ fighters" if d["fighters"] else "fighters not stated"
    print(f"  {graphs.label(g, u)} -> {graphs.label(g, v)}  ({when}, {d['date_precision']}; {fighters})")
print("Destinations, by fighters moved there (lower bound):")
into = {n: sum(d["fighters"] for *_, d in g.in_edges(n, data=True)) for n in g if g.in_degree(n)}
for n, fighters in sorted(into.items(), key=lambda x: (-x[1], graphs.label(g, x[0]))):
    print(f"  {graphs.label(g, n)}: {fighters} from {g.in_degree(n)} route(s)")
