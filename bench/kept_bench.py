"""Benchmark: every named query's default first page (and a page deep inside) from the answers kept beside
the live generation (store/summary.py), against the same page asked of the engine, in one run.

On a store that already holds its data (e.g. the seeds and 100,000 imported ACLED rows), on a copy of it:
  1. makes the kept answers of the live generation: the aggregates as a writer keeps them, then the first
     ask of every other kept query (which keeps its answer), timing each;
  2. times `query.run(NAME, store=…)` as `conflictkg query NAME` calls it (first page of 100, and for a kept
     listing the page from the middle of its rows), p50/p95 over --repeat runs;
  3. times the page asked of the engine (the fallback: `LIMIT 101` added to the file's text) for each kept
     query, once (seconds each at 100k), unless --no-engine;
  4. checks that the kept first page equals the engine's.
Writes the load average with each figure.

    python bench/kept_bench.py STORE_COPY [--repeat 7] [--no-engine]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import pyoxigraph as ox

from conflictkg.store import queries as named
from conflictkg.store import summary
from conflictkg.store.generations import Store


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def p50_p95(run, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def make_table(store: Store) -> None:
    """What a writer pays (the aggregates), then what each first ask of another kept query pays."""
    gen = store.current()
    summary.path_of(gen).unlink(missing_ok=True)
    db = ox.Store.read_only(str(gen))
    t = time.perf_counter()
    for name, sparql in summary.at_write():
        t1 = time.perf_counter()
        summary.add(gen, summary.compute(db, [(name, sparql)]))
        print(f"  {name:28} {time.perf_counter() - t1:8.1f} s  (load {load()})", flush=True)
    print(f"  the writer's answers: {time.perf_counter() - t:.1f} s (load {load()})", flush=True)
    print("1b. the first ask of every other kept query (it keeps the answer):", flush=True)
    for name, given in named.kept():
        if name not in summary.AT_WRITE:
            t1 = time.perf_counter()
            named.run(name, given, store=store)
            print(f"  {name:28} {given or ''} {time.perf_counter() - t1:8.1f} s  (load {load()})", flush=True)
    size = summary.path_of(gen).stat().st_size / 1e6
    print(f"  the whole table: {time.perf_counter() - t:.1f} s, {size:.1f} MB (load {load()})", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-engine", action="store_true")
    ap.add_argument("--keep-table", action="store_true", help="use the table the store has, if any")
    args = ap.parse_args()
    store = Store(args.store)
    print(f"store {store.current()}  load {os.getloadavg()}", flush=True)
    if not (args.keep_table and summary.path_of(store.current()).is_file()):
        print("1. the kept answers, made as a writer makes them:", flush=True)
        make_table(store)
    kept = {name for name, _ in named.kept_texts()}
    print("2. `conflictkg query NAME` (query.run), ms p50 / p95:", flush=True)
    for q in named.library().values():
        first = p50_p95(lambda: named.run(q.name, store=store), args.repeat)
        line = f"  {q.name:28} first page {first[0]:9.1f} / {first[1]:9.1f}"
        if q.name in kept:
            whole = summary.read(store.current(), named.bind(q, {}))
            middle = max(0, whole[2] // 2) if whole else 0
            deep = p50_p95(lambda: named.run(q.name, store=store, offset=middle), args.repeat)
            line += f"   page at row {middle:>6,} {deep[0]:7.1f} / {deep[1]:7.1f}"
        print(line + f"  (load {load()})", flush=True)
    if args.no_engine:
        return
    print("3. the same first page asked of the engine (LIMIT 101 on the file's text), one run, ms:", flush=True)
    for name in sorted(kept):
        sparql = named.bind(named.find(name), {})
        t = time.perf_counter()
        engine = named.page(lambda text: named.run_local(text, store), sparql, 100, 0)
        ms = (time.perf_counter() - t) * 1000
        ours = named.run(name, store=store)
        same = "same rows" if (ours.rows, ours.more) == (engine.rows, engine.more) else "DIFFERENT ROWS"
        print(f"  {name:28} {ms:10.1f}  {same}  (load {load()})", flush=True)


if __name__ == "__main__":
    sys.exit(main())
