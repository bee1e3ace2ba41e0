"""The knowledge graph as a NetworkX network (actors, places, events, tallies and their links), for
GraphML and GEXF files that Gephi and other graph tools open."""
from __future__ import annotations

import io
import re

import networkx as nx

from conflictkg.core import controls

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
                   date_precision=ev.precision or "", killed=ev.killed, certainty=ev.certainty,
                   statement=ev.statement)
        for link in sorted(ev.links):
            for target in sorted(set(ev.links[link])):
                if target in g:
                    g.add_edge(ev.iri, target, key=link, relation=link)
    return g


def xml_safe(g: nx.Graph) -> nx.Graph:
    """The graph, or a copy whose node names and text attributes have each character XML cannot carry (a NUL
    or ESC already in a store) replaced by its visible picture (core.controls.for_xml)."""
    def bad(d: dict) -> bool:
        return any(isinstance(v, str) and controls.find(v) for v in d.values())

    if not (bad(g.graph) or any(isinstance(n, str) and controls.find(n) or bad(d) for n, d in g.nodes(data=True))
            or any(bad(d) for *_, d in g.edges(data=True))):
        return g
    fix = lambda v: controls.for_xml(v) if isinstance(v, str) else v  # noqa: E731
    out = nx.relabel_nodes(g, {n: fix(n) for n in g}, copy=True)
    for d in [out.graph, *(d for _, d in out.nodes(data=True)), *(d for *_, d in out.edges(data=True))]:
        d.update({k: fix(v) for k, v in d.items()})
    return out


def write(g: nx.Graph, fmt: str) -> bytes:
    """GraphML or GEXF bytes; GEXF's modification date is pinned so that output is reproducible. Characters
    XML cannot carry are replaced by their pictures (xml_safe), so the file is always well-formed."""
    g = xml_safe(g)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue()
    nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
    return re.sub(rb'lastmodifieddate="[^"]*"', b'lastmodifieddate="2000-01-01"', buf.getvalue())
