"""Load test of `conflictkg serve --ui`, on loopback only and bounded in time.

Starts the Oxigraph endpoint and the web view over a store, then runs N concurrent clients for T seconds
against each, mixing named queries (endpoint) and pages (web view). Prints throughput, p50/p99 latency and
errors.

    python bench/load.py [--store DIR] [--clients 8] [--seconds 60]
"""
from __future__ import annotations

import argparse
import statistics
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from conflictkg import query
from conflictkg.paths import default_store
from conflictkg.serve import start, stop
from conflictkg.store import Store
from conflictkg.web import serve_ui


def hammer(urls: list[tuple[str, bytes | None]], clients: int, seconds: float) -> dict:
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def client(k: int):
        i = k
        while time.monotonic() < deadline:
            url, body = urls[i % len(urls)]
            i += 1
            req = urllib.request.Request(url, data=body, headers={
                "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
                if body else {})
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=30) as resp:
                    resp.read()
                    ok = resp.status == 200
            except OSError:
                ok = False
            dt = time.perf_counter() - t
            with lock:
                latencies.append(dt) if ok else None
                errors[0] += 0 if ok else 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.monotonic() - t0
    latencies.sort()
    return {"requests": len(latencies), "errors": errors[0], "rps": len(latencies) / elapsed,
            "p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
            "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))] if latencies else float("nan")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, default=default_store())
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    store = Store(args.store)
    proc, endpoint = start(store, port=17878)
    web = serve_ui(store, "127.0.0.1", 18080)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    try:
        named = [n for n in query.library() if not n.startswith("stats")]
        sparql = [(endpoint, query.bind(query.find(n), {}).encode("utf-8")) for n in named]
        pages = [(f"http://127.0.0.1:18080{p}", None) for p in (
            "/", "/?q=" + urllib.parse.quote("البوكمال"), "/place/abu-kamal", "/actor/isis",
            "/fact/003_117490c947766292/e06", "/fact/002_772c49967b19e274/e23", "/map")]
        for name, urls in (("SPARQL endpoint (14 named queries)", sparql), ("web view (7 pages)", pages)):
            r = hammer(urls, args.clients, args.seconds)
            print(f"| {name} | {args.clients} | {args.seconds:.0f} | {r['requests']} | {r['rps']:.1f} | "
                  f"{r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} |", flush=True)
    finally:
        web.shutdown()
        stop(proc)


if __name__ == "__main__":
    main()
