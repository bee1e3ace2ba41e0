"""N-Triples: lines written as text (building rdflib objects for millions of imported rows would cost more
than the load), and graphs as canonical bytes (sorted, de-duplicated, canonical blank-node labels), so the
same graph always gives the same bytes."""
from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from conflictkg.core.ns import CKG, ID


def canonical(graph: Graph) -> bytes:
    """Sorted N-Triples with canonical blank-node labels."""
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        graph = to_canonical_graph(graph)
    lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()))
    return ("\n".join(line for line in lines if line.strip()) + "\n").encode("utf-8")


def canonical_lines(data: bytes) -> list[bytes]:
    """N-Triples `data` re-labelled canonically, as sorted lines."""
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return canonical(g).splitlines()


# ---------------------------------------------------------------- writing lines as text
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    return f"<{value}>"


def ckg(local: str) -> str:
    return f"<{CKG}{local}>"


_SAFE = re.compile(r"^[A-Za-z0-9_.~-]*$")


def mint(*parts: str) -> str:
    """An IRI under https://w3id.org/conflictkg/id/ from path parts, each percent-encoded."""
    return f"{ID}" + "/".join(p if _SAFE.match(p) else quote(p, safe="-_.~") for p in parts)


def text(value: str, lang: str | None = None) -> str:
    # the same as value.translate(_ESC), several times faster on the long rows an import writes
    body = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{body}"@{lang}' if lang else f'"{body}"'


def typed(value, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


class Lines:
    """Triples of one batch, in the order added."""

    def __init__(self):
        self.lines: list[str] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")

    def bytes(self) -> bytes:
        return "".join(self.lines).encode("utf-8")

    def __len__(self) -> int:
        return len(self.lines)
