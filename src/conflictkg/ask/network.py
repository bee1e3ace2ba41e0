"""The knowledge graph as a NetworkX network (actors, places, events, tallies and their links), for
GraphML and GEXF files that Gephi and other graph tools open."""
from __future__ import annotations

import io
import re

import networkx as nx

from .tabular import Tables, local


def kg_network(tables: Tables) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    ents = tables.entities
    for e in sorted(ents.values(), key=lambda x: x.iri):
        attrs = {"label": e.en, "label_ar": e.ar, "kind": e.kind, "type": e.cls}
        if e.lat is not None:
            attrs.update(lat=e.lat, lon=e.lon, geo_precision=e.geo_precision)
        g.add_node(e.iri, **attrs)
    for e in sorted(ents.values(), key=lambda x: x.iri):
        for p in sorted(e.parents):
            if p in g:
                g.add_edge(e.iri, p, key="partOf", relation="partOf")
    for ev in tables.events:
        g.add_node(ev.iri, label=local(ev.article)[:3] + "/" + local(ev.iri), kind="event", type=ev.cls,
                   summary=ev.summary, date=ev.earliest.isoformat() if ev.earliest else "",
                   date_precision=ev.precision or "", killed=ev.killed, certainty=ev.certainty)
        for link in sorted(ev.links):
            for target in sorted(set(ev.links[link])):
                if target in g:
                    g.add_edge(ev.iri, target, key=link, relation=link)
    return g


def write(g: nx.Graph, fmt: str) -> bytes:
    """GraphML or GEXF bytes; GEXF's modification date is pinned so that output is reproducible."""
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue()
    nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
    return re.sub(rb'lastmodifieddate="[^"]*"', b'lastmodifieddate="2000-01-01"', buf.getvalue())
