"""Benchmark: pyoxigraph against rdflib's in-memory store, on conflictkg's own data.

Times, in one run and on the same bytes:
  - load: parse the knowledge graph's N-Triples into each store;
  - query: the stats queries of queries/ (per article: a multi-hop, grouped query) on each store;
  - the whole `build` pipeline (check, SHACL, write store).
At scale 1 the data is the five articles; at larger scales every fact node is copied with a suffix
so that the graph grows while keeping its shape.

    python bench/store_load.py [--scales 1 20 100] [--repeat 5]
"""
from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

from conflictkg import ontology
from conflictkg.build import build, facts_graph
from conflictkg.paths import QUERIES_DIR
from conflictkg.store import _ntriples

FACT = "https://w3id.org/conflictkg/id/fact/"


def scaled(nt: bytes, scale: int) -> bytes:
    """Copies 2..scale of every triple whose subject is a fact node, with the fact IRIs renamed."""
    lines = nt.decode("utf-8").splitlines()
    out = list(lines)
    facts = [line for line in lines if line.startswith(f"<{FACT}")]
    for k in range(2, scale + 1):
        out.extend(line.replace(FACT, f"{FACT}copy{k}/") for line in facts)
    return ("\n".join(out) + "\n").encode("utf-8")


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 20, 100])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, Python "
          f"{platform.python_version()}, rdflib {rdflib.__version__}, pyoxigraph {ox.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        t, _ = timed(lambda: build(store=Path(tmp) / "s"), max(1, args.repeat // 2))
        print(f"conflictkg build (5 articles, check + SHACL + store): {t:.2f} s median")
    base = _ntriples(facts_graph() + ontology.graph())
    query = (QUERIES_DIR / "stats-articles.rq").read_text(encoding="utf-8")
    print("\n| scale | triples | rdflib load (s) | pyoxigraph load (s) | load ratio | rdflib query (s) "
          "| pyoxigraph query (s) | query ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scale in args.scales:
        data = scaled(base, scale)
        n = data.count(b"\n")
        rep = args.repeat if scale < 50 else max(1, args.repeat // 2)

        def rdflib_load():
            g = rdflib.Graph()
            g.parse(data=data, format="nt")
            return g

        def ox_load():
            s = ox.Store()
            s.bulk_load(data, ox.RdfFormat.N_TRIPLES)
            return s

        t_rl, g = timed(rdflib_load, rep)
        t_ol, s = timed(ox_load, rep)
        t_rq, r1 = timed(lambda: len(list(g.query(query))), rep)
        t_oq, r2 = timed(lambda: len(list(s.query(query))), rep)
        assert r1 == r2, (r1, r2)  # both engines give the same number of rows
        print(f"| {scale} | {n} | {t_rl:.3f} | {t_ol:.3f} | {t_rl / t_ol:.1f}× | {t_rq:.3f} | {t_oq:.4f} "
              f"| {t_rq / t_oq:.0f}× |")


if __name__ == "__main__":
    main()
