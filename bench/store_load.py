"""Benchmark: pyoxigraph against rdflib's in-memory store, on conflictkg's own data.

Times, in one run and on the same bytes:
  - load: parse the knowledge graph's N-Triples into each store;
  - query: the stats queries of queries/ (per article: a multi-hop, grouped query) on each store;
  - the whole `build` pipeline (check, SHACL, write store);
  - the ontology quality checks (queries/quality) on each engine.
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

from conflictkg.core.ns import GRAPH_FACTS, GRAPH_ONTOLOGY
from conflictkg.core.resources import QUERIES_DIR
from conflictkg.curation.build import build, facts_graph
from conflictkg.model import ontology
from conflictkg.store import queries as named
from conflictkg.store.ntriples import canonical as _ntriples

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
    onto = ontology.graph()
    ox_onto = ox.Store()
    ox_onto.bulk_load(onto.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    checks = [p.read_text(encoding="utf-8") for p in sorted((QUERIES_DIR / "quality").glob("*.rq"))]
    t_r, _ = timed(lambda: [len(list(onto.query(q))) for q in checks], max(1, args.repeat // 2))
    t_o, _ = timed(lambda: [len(list(ox_onto.query(q))) for q in checks], args.repeat)
    print(f"ontology quality checks ({len(checks)} queries): rdflib {t_r:.3f} s, pyoxigraph {t_o:.4f} s, "
          f"{t_r / t_o:.0f}×")
    facts_nt, onto_nt = _ntriples(facts_graph()), _ntriples(onto)
    query = (QUERIES_DIR / "stats-articles.rq").read_text(encoding="utf-8")
    per_query: dict[int, dict] = {}
    print("\n| scale | triples | rdflib load (s) | pyoxigraph load (s) | load ratio | rdflib query (s) "
          "| pyoxigraph query (s) | query ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for scale in args.scales:
        facts = scaled(facts_nt, scale)
        data = facts + onto_nt
        n = data.count(b"\n")
        rep = args.repeat if scale < 50 else max(1, args.repeat // 2)

        def rdflib_load():
            g = rdflib.Graph()
            g.parse(data=data, format="nt")
            return g

        def ox_load():  # the store's layout: facts and ontology in their named graphs
            s = ox.Store()
            s.bulk_load(facts, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(GRAPH_FACTS)))
            s.bulk_load(onto_nt, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(GRAPH_ONTOLOGY)))
            return s

        t_rl, _ = timed(rdflib_load, rep)
        t_ol, s = timed(ox_load, rep)
        t_oq, r2 = timed(lambda: len(list(s.query(query, use_default_graph_as_union=True))), rep)
        slow = rdflib_query_with_limit(data, query, args.limit)
        if slow is None:
            rq, ratio = f"> {args.limit:.0f}", f"> {args.limit / t_oq:.0f}×"
        else:
            t_rq, r1 = slow
            assert r1 == r2, (r1, r2)  # both engines give the same number of rows
            rq, ratio = f"{t_rq:.3f}", f"{t_rq / t_oq:.0f}×"
        print(f"| {scale} | {n} | {t_rl:.3f} | {t_ol:.3f} | {t_rl / t_ol:.1f}× | {rq} | {t_oq:.4f} | {ratio} |",
              flush=True)
        per_query[scale] = time_named_queries(s, rep)
    print("\nEvery named query on pyoxigraph, p50 / p95 in ms:\n")
    print("| query | " + " | ".join(f"scale {k}" for k in per_query) + " |")
    print("|---|" + "---:|" * len(per_query))
    for name in next(iter(per_query.values())):
        print(f"| {name} | " + " | ".join(f"{v[name][0]:.1f} / {v[name][1]:.1f}" for v in per_query.values()) + " |")


def time_named_queries(store: ox.Store, repeat: int) -> dict[str, tuple[float, float]]:
    out = {}
    for q in named.library().values():
        text = named.bind(q, {})
        times = []
        for _ in range(max(5, repeat)):
            t = time.perf_counter()
            list(store.query(text, use_default_graph_as_union=True))
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        out[q.name] = (statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))])
    return out

if __name__ == "__main__":
    main()
