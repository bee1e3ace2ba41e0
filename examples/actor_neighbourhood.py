"""An actor's neighbourhood: whom it fought and worked with, and the places it is tied to.

    python examples/actor_neighbourhood.py [--seeds DIR | --store DIR] [--actor isis] [--governorate NAME]"""
import sys

from _store import open_store, parser

from conflictkg.ask import graphs

p = parser("An actor's neighbourhood")
p.add_argument("--actor", default="isis", help="the actor's id (isis) or English name")
p.add_argument("--governorate", help="only events in this governorate (e.g. 'Deir ez-Zor')")
args = p.parse_args()
store = open_store(args)
ties = graphs.actor_interactions(store, governorate=args.governorate)
places = graphs.actor_places(store, governorate=args.governorate)

want = args.actor.lower()
actor = next((n for n in ties if n.rsplit("/", 1)[-1] == want or graphs.label(ties, n).lower() == want), None)
if actor is None:
    sys.exit(f"no actor '{args.actor}' with ties (filters: {ties.graph['filters']})")
print(f"{graphs.label(ties, actor)}: {ties.degree(actor)} actors tied to it (filters: {ties.graph['filters']})")
for n in sorted(ties[actor], key=lambda n: (-ties.edges[actor, n]["weight"], graphs.label(ties, n))):
    d = ties.edges[actor, n]
    print(f"  {d['kind']:11} {graphs.label(ties, n):45} hostile events {d['hostile_events']}, "
          f"killed {d['hostile_killed']}, cooperative events {d['cooperative_events']}, "
          f"statements {d['hostile_statements'] + d['cooperative_statements']}")
print("Places it is tied to (facts):")
near = sorted(places[actor], key=lambda n: (-places.edges[actor, n]["weight"], graphs.label(places, n)))
for n in near[:10]:
    print(f"  {graphs.label(places, n)}: {places.edges[actor, n]['weight']}")
