"""What every export format is: a small class with its name, file suffix, media type and one-line help, and
a `write` giving the store's bytes (LinkML's generators are the model). The registry lives in __init__."""
from __future__ import annotations

from conflictkg.store.generations import Store


class Exporter:
    """One output format. `name` is the --format value; the same store always gives the same bytes."""

    name: str = ""
    suffix: str = ""      # file name suffix, with the dot
    media_type: str = ""
    help: str = ""        # one line, for --help

    def write(self, store: Store, ontology: bool = True) -> bytes:
        """The store in this format; `ontology=False` leaves the ontology's triples out (RDF formats)."""
        raise NotImplementedError
