"""The knowledge graph as a network of entities for graph tools (GraphML, GEXF), from conflictkg.ask.network."""
from __future__ import annotations

from conflictkg.store.generations import Store

from .base import Exporter


class _Network(Exporter):
    def write(self, store: Store, ontology: bool = True) -> bytes:
        from conflictkg.ask import network  # networkx: loaded only when a network is asked for
        from conflictkg.ask.tabular import Tables

        return network.write(network.kg_network(Tables(store)), self.name)


class GraphML(_Network):
    name, suffix, media_type = "graphml", ".graphml", "application/graphml+xml"
    help = "GraphML network of actors, places and events"


class Gexf(_Network):
    name, suffix, media_type = "gexf", ".gexf", "application/gexf+xml"
    help = "GEXF network, for Gephi"
