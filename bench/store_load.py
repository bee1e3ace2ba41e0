"""Benchmark: pyoxigraph against rdflib's in-memory store, on conflictkg's own data.

Times, in one run and on the same bytes:
  - load: parse the knowledge graph's N-Triples into each store;
  - query: the stats queries of queries/ (per article: a multi-hop, grouped query) on each store;
  - the whole `build` pipeline (check, SHACL, write store).
At scale 1 the data is the five articles; at larger scales every fact node is copied with a suffix
so that the graph grows while keeping its shape.

    python bench/store_load.py [--scales 1 10 50] [--repeat 5] [--limit 120]
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
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


def _rdflib_query(data: bytes, query: str, out) -> None:
    g = rdflib.Graph()
    g.parse(data=data, format="nt")
    t = time.perf_counter()
    n = len(list(g.query(query)))
    out.put((time.perf_counter() - t, n))


def rdflib_query_with_limit(data: bytes, query: str, limit: float):
    """rdflib's query time in a child process, or None when it runs past `limit` seconds."""
    out = mp.Queue()
    p = mp.Process(target=_rdflib_query, args=(data, query, out))
    p.start()
    p.join(limit + 60)  # parsing comes first and is not timed
    if p.is_alive():
        p.kill()
        return None
    return out.get()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 10, 50])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=float, default=120, help="seconds before rdflib's query is given up")
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

        t_rl, _ = timed(rdflib_load, rep)
        t_ol, s = timed(ox_load, rep)
        t_oq, r2 = timed(lambda: len(list(s.query(query))), rep)
        slow = rdflib_query_with_limit(data, query, args.limit)
        if slow is None:
            rq, ratio = f"> {args.limit:.0f}", f"> {args.limit / t_oq:.0f}×"
        else:
            t_rq, r1 = slow
            assert r1 == r2, (r1, r2)  # both engines give the same number of rows
            rq, ratio = f"{t_rq:.3f}", f"{t_rq / t_oq:.0f}×"
        print(f"| {scale} | {n} | {t_rl:.3f} | {t_ol:.3f} | {t_rl / t_ol:.1f}× | {rq} | {t_oq:.4f} | {ratio} |",
              flush=True)

if __name__ == "__main__":
    main()
