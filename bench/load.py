"""Load test of `conflictkg serve --ui`, on loopback only and bounded in time.

Starts the SPARQL endpoint and the web view over a store, then runs N concurrent clients for T seconds
against each, mixing named queries (endpoint) and pages (web view). Then the endpoint again while one more
client sends a runaway query (a cross join, stopped at the --timeout) over and over. Prints throughput,
p50/p99 latency and errors as Markdown table rows.

    python bench/load.py [--store DIR] [--clients 8] [--seconds 60] [--timeout 5] [--workers N] [--oxigraph]

--oxigraph serves with the plain Oxigraph server (`oxigraph serve-read-only --timeout-s`) instead, for
comparison; the web view is skipped then.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from conflictkg.core.resources import default_store
from conflictkg.share.serve.server import oxigraph_exe, start, stop
from conflictkg.share.web.app import serve_ui
from conflictkg.store import queries as query
from conflictkg.store.generations import Store

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # 2.6e8 rows on the seeds: ~30 s alone


def runaway(endpoint: str, stop_at: float, seen: dict) -> None:
    """One client sending the runaway query again and again; counts how each attempt ended."""
    while time.monotonic() < stop_at:
        req = urllib.request.Request(endpoint, data=RUNAWAY.encode(), headers={
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        t = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                body = resp.read()
                # the Oxigraph server signals a cancelled query inside a 200 response
                key = "200 cut-off body" if b"cancelled" in body else "200 answer"
        except urllib.error.HTTPError as e:
            key = f"HTTP {e.code}"
        except OSError as e:
            key = type(e).__name__
        seen.setdefault(key, []).append(time.perf_counter() - t)


def oxigraph_server(store: Store, port: int, timeout: float) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([oxigraph_exe(), "serve-read-only", "--location", str(store.current()), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", str(int(timeout))],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the Oxigraph server did not start")


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


def row(name: str, clients: int, seconds: float, r: dict, note: str = "") -> None:
    print(f"| {name} | {clients} | {seconds:.0f} | {r['requests']} | {r['rps']:.1f} | {r['p50_ms']:.1f} | "
          f"{r['p99_ms']:.1f} | {r['errors']} |{note}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, default=default_store())
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--timeout", type=float, default=5, help="the server's query timeout")
    ap.add_argument("--oxigraph", action="store_true", help="serve with the plain Oxigraph server instead")
    ap.add_argument("--workers", type=int, default=None, help="query workers (default: serve's default)")
    args = ap.parse_args()
    store = Store(args.store)
    web = None
    if args.oxigraph:
        server, endpoint = oxigraph_server(store, 17878, args.timeout)
        label = "Oxigraph server"
    else:
        server = start(store, port=17878, timeout=args.timeout, workers=args.workers)
        endpoint, label = server.url, f"conflictkg serve ({len(server.pool.pids())} workers)"
        web = serve_ui(store, "127.0.0.1", 18080, pool=server.pool, timeout=args.timeout)
        threading.Thread(target=web.serve_forever, daemon=True).start()
    try:
        named = [n for n in query.library() if not n.startswith("stats")]
        sparql = [(endpoint, query.bind(query.find(n), {}).encode("utf-8")) for n in named]
        row(f"{label}: {len(named)} named queries", args.clients, args.seconds,
            hammer(sparql, args.clients, args.seconds))
        if web is not None:
            pages = [(f"http://127.0.0.1:18080{p}", None) for p in (
                "/", "/?q=" + urllib.parse.quote("البوكمال"), "/place/abu-kamal", "/actor/isis",
                "/fact/003_117490c947766292/e06", "/fact/002_772c49967b19e274/e23", "/map")]
            row("web view (7 pages)", args.clients, args.seconds, hammer(pages, args.clients, args.seconds))
        seen: dict = {}
        hog = threading.Thread(target=runaway, args=(endpoint, time.monotonic() + args.seconds, seen))
        hog.start()
        r = hammer(sparql, args.clients, args.seconds)
        hog.join()
        ends = "; ".join(f"{k}: {len(v)}× in {statistics.median(v):.1f} s" for k, v in sorted(seen.items()))
        row(f"{label}: the same, plus 1 client sending a runaway query", args.clients, args.seconds, r,
            f" runaway query (timeout {args.timeout:g} s): {ends}")
    finally:
        if web is not None:
            web.shutdown()
        stop(server)


if __name__ == "__main__":
    main()
