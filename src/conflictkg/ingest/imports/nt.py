"""N-Triples written as text: building rdflib objects for millions of rows would cost more than the load."""
from __future__ import annotations

import re
from urllib.parse import quote

from conflictkg.core.ns import CKG, ID

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
    body = value.translate(_ESC)
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
