"""The embedded store: pyoxigraph (RocksDB) on disk, replaced atomically.

Layout of the store folder:
    CURRENT          name of the live generation (replaced with os.replace, which is atomic)
    gen-<sha>/       one pyoxigraph database per build, named by the hash of its content
    gen-<sha>.json   manifest: triple counts and build figures
A build writes a new generation beside the live one and only then moves CURRENT, so a failed or
interrupted build leaves the previous store as it was.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from .errors import StoreError
from .ns import GRAPH_FACTS, GRAPH_ONTOLOGY


def _ntriples(graph: Graph) -> bytes:
    """Sorted N-Triples with canonical blank-node labels: the same graph always gives the same bytes."""
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        graph = to_canonical_graph(graph)
    lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()))
    return ("\n".join(line for line in lines if line.strip()) + "\n").encode("utf-8")


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)

    # ------------------------------------------------------------------ reading
    def current(self) -> Path | None:
        pointer = self.path / "CURRENT"
        if not pointer.exists():
            return None
        gen = self.path / pointer.read_text(encoding="utf-8").strip()
        return gen if gen.is_dir() else None

    def manifest(self) -> dict:
        gen = self.current()
        if gen is None:
            return {}
        return json.loads(gen.with_suffix(".json").read_text(encoding="utf-8"))

    def open(self) -> ox.Store:
        """Open the live generation read-only; error if nothing has been built yet."""
        gen = self.current()
        if gen is None:
            raise StoreError(f"no knowledge graph in {self.path}", fix="run 'conflictkg build' first")
        try:
            return ox.Store.read_only(str(gen))
        except OSError as e:
            raise StoreError(f"cannot open the store: {e}", file=str(gen)) from None

    def query(self, sparql: str):
        return self.open().query(sparql, use_default_graph_as_union=True)

    def select(self, sparql: str) -> tuple[list[str], list[dict[str, str | None]]]:
        """A SELECT's column names and its rows as plain strings (None where unbound)."""
        res = self.query(sparql)
        cols = [v.value for v in res.variables]
        return cols, [{c: (row[c].value if row[c] is not None else None) for c in cols} for row in res]

    # ------------------------------------------------------------------ writing
    def replace(self, ontology: Graph, facts: Graph, info: dict) -> dict:
        """Load a new generation and make it live. Returns its manifest."""
        onto_nt, facts_nt = _ntriples(ontology), _ntriples(facts)
        digest = hashlib.sha256(onto_nt + b"\0" + facts_nt).hexdigest()[:16]
        name = f"gen-{digest}"
        self.path.mkdir(parents=True, exist_ok=True)
        gen, tmp = self.path / name, self.path / f".{name}.tmp"
        manifest = dict(info, generation=name, ontology_triples=onto_nt.count(b"\n"),
                        fact_triples=facts_nt.count(b"\n"))
        if not gen.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
            try:
                db = ox.Store(str(tmp))
                db.bulk_load(onto_nt, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(GRAPH_ONTOLOGY)))
                db.bulk_load(facts_nt, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(GRAPH_FACTS)))
                db.flush()
                del db
            except (OSError, SyntaxError, ValueError) as e:
                shutil.rmtree(tmp, ignore_errors=True)
                raise StoreError(f"cannot write the store: {e}", file=str(tmp)) from None
            os.replace(tmp, gen)
        gen.with_suffix(".json").write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        pointer = self.path / "CURRENT.tmp"
        pointer.write_text(name + "\n", encoding="utf-8")
        os.replace(pointer, self.path / "CURRENT")
        self._prune(keep=name)
        return manifest

    def _prune(self, keep: str) -> None:
        for p in self.path.iterdir():
            if p.name.startswith(("gen-", ".gen-")) and p.name not in (keep, f"{keep}.json"):
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
