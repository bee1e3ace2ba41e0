"""Benchmark: importing synthetic ACLED files, against the naive rdflib + pyshacl path, in one run.

For each size it times, on a fresh store holding the five seed articles:
  - our import (`conflictkg import acled`): rows/s, triples/s, peak RSS, and the time spent validating;
  - pyoxigraph's raw bulk load of the very triples the import wrote (the practical limit);
  - every named query (p50/p95 over up to 5 runs; fewer once a query has used 10 s), `analyze` and `export ttl` on the result;
  - the naive baseline on the same triples: rdflib parse, pyshacl over the whole graph, rdflib SPARQL for
    the named queries, each stage in a child process with a time limit.
With --million it also imports 1,000,000 rows and samples the importer's RSS as the file is read.

    python bench/import_bench.py [--rows 10000 100000] [--million] [--limit 600]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from conflictkg.core.ns import GRAPH_IMPORTS
from conflictkg.curation.build import build
from conflictkg.store import queries as named
from conflictkg.store.generations import Store

HERE = Path(__file__).resolve().parent
GRAPH = GRAPH_IMPORTS + "acled"
CHILD = """
import json, sys, time
from pathlib import Path
from conflictkg.store.generations import Store
from conflictkg.ingest.imports.run import import_file

def rss():
    for line in open("/proc/self/status"):
        if line.startswith(("VmRSS", "VmHWM")):
            yield line.split()[0][:-1], int(line.split()[1]) // 1024

samples = []
last = [0.0]
def progress(r, done, total):
    samples.append((r.rows, dict(rss())["VmRSS"]))
    last[0] = time.perf_counter()  # the last batch is published: what follows is the import's end
r = import_file(Path(sys.argv[1]), "acled", Store(sys.argv[2]), batch_size=int(sys.argv[3]), progress=progress)
print(json.dumps({"rows": r.rows, "imported": r.imported, "rejected": len(r.rejected), "triples": r.triples,
                  "seconds": r.seconds, "timings": r.timings, "peak_mb": dict(rss())["VmHWM"],
                  "samples": samples, "duplicates": r.duplicates, "end": time.perf_counter() - last[0]}))
"""


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return (f"{os.cpu_count()} cores ({cpu}), {mem} GB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, pyoxigraph {ox.__version__}")


def synth(rows: int, folder: Path) -> Path:
    path = folder / f"acled-{rows}.csv"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "synth_acled.py"), str(rows), "-o", str(path)], check=True)
    return path


def our_import(csv_path: Path, store: Path, batch: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(csv_path), str(store), str(batch)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def raw_bulk_load(nt: bytes, folder: Path) -> float:
    target = folder / "raw"
    shutil.rmtree(target, ignore_errors=True)
    t = time.perf_counter()
    db = ox.Store(str(target))
    db.bulk_load(nt, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH))
    db.flush()
    return time.perf_counter() - t


def analyze(store: Path, out: Path, limit_gb: int = 8, limit_s: int = 900) -> str:
    """`conflictkg analyze` in a child with a memory and time limit: at scale it may exceed either."""
    def cap():
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (limit_gb << 30, limit_gb << 30))
    t = time.perf_counter()
    try:
        p = subprocess.run([sys.executable, "-m", "conflictkg", "--store", str(store), "analyze", "--out", str(out)],
                           preexec_fn=cap, capture_output=True, text=True, timeout=limit_s)
    except subprocess.TimeoutExpired:
        return f"not finished in {limit_s} s"
    secs = time.perf_counter() - t
    if p.returncode != 0:
        return f"failed after {secs:.0f} s within {limit_gb} GB ({(p.stderr.strip().splitlines() or ['?'])[-1][:80]})"
    return f"{secs:.1f} s"


def timed(run, repeat: int) -> tuple[float, float, int]:
    """p50 and p95 in ms of `run()`, and how many runs: a slow one is timed fewer times (its p50 is still far
    from 200 ms)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append((time.perf_counter() - t) * 1000)
        if sum(times) > 10_000:
            break
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))], len(times)


def queries(store: Store, repeat: int = 5) -> dict[str, tuple]:
    """Each named query with its defaults, two ways: the file run whole (as before the library paged and kept
    answers, and as any client runs it), and as `conflictkg query NAME` answers: its first ask on this
    generation (which computes and keeps a listing's answer), then p50/p95 of the asks after it."""
    db = store.open()
    out = {}
    for q in named.library().values():
        text = named.bind(q, {})
        whole = timed(lambda: list(db.query(text, use_default_graph_as_union=True)), repeat)
        t = time.perf_counter()
        named.run(q.name, store=store)
        first = (time.perf_counter() - t) * 1000
        ours = timed(lambda: named.run(q.name, store=store), repeat)
        out[q.name] = (*whole, first, *ours)
    return out


def summary_time(store: Store) -> float:
    """Seconds to compute the answers a writer keeps (summary.AT_WRITE, once, whole)."""
    from conflictkg.store import summary
    t = time.perf_counter()
    for _ in summary.compute(store.open(), summary.at_write()):
        pass
    return time.perf_counter() - t


def _baseline(nt_path: str, limit_queries: list[str], out) -> None:
    import rdflib
    from pyshacl import validate

    from conflictkg.model import shacl
    t = time.perf_counter()
    g = rdflib.Graph()
    g.parse(nt_path, format="nt")
    out.put(("parse", time.perf_counter() - t))
    t = time.perf_counter()
    validate(g, shacl_graph=shacl.shapes(), inference="none", allow_warnings=True)
    out.put(("shacl", time.perf_counter() - t))
    for text in limit_queries:
        t = time.perf_counter()
        list(g.query(text))
        out.put(("query", time.perf_counter() - t))


def baseline(nt_path: Path, limit: float) -> dict:
    """The naive path, stage by stage, in a child process killed after `limit` seconds."""
    texts = [named.bind(q, {}) for q in named.library().values()]
    q = mp.Queue()
    p = mp.Process(target=_baseline, args=(str(nt_path), texts, q))
    t0 = time.perf_counter()
    p.start()
    got = {"parse": None, "shacl": None, "query": []}
    while time.perf_counter() - t0 < limit and (p.is_alive() or not q.empty()):
        try:
            stage, secs = q.get(timeout=1)
        except Exception:
            continue
        if stage == "query":
            got["query"].append(secs)
        else:
            got[stage] = secs
    if p.is_alive():
        p.kill()
    p.join()
    got["finished"] = len(got["query"]) == len(texts)
    got["elapsed"] = time.perf_counter() - t0
    return got


def naive_line(base: dict, limit: float, size: int, n_queries: int) -> str:
    """The naive path's line of the report: each stage's time, or that it did not finish (or did not start)
    in the `limit` seconds given to the whole path."""
    def stage(name: str, secs: float | None, started: bool) -> str:
        if secs is not None:
            return f"{name} {secs:.1f} s"
        return f"{name} not finished" if started else f"{name} not started"

    parse, shacl = base["parse"], base["shacl"]
    return (f"- naive baseline (rdflib + pyshacl + rdflib SPARQL) on {size / 1e6:.0f} MB of N-Triples: "
            + stage("rdflib parse", parse, True) + ", " + stage("pyshacl", shacl, parse is not None)
            + f", queries {sum(base['query']):.1f} s for {len(base['query'])} of {n_queries}"
            + ("" if base["finished"] else f" (given up at {limit:.0f} s)"))


def import_only(rows: int, a, seeds: Path) -> None:
    """Our import and the raw bulk load of the same triples, alternating, `a.repeat` times each: medians."""
    csv_path = synth(rows, a.work)
    ours, raws = [], []
    for _ in range(a.repeat):
        store_path = a.work / f"store-{rows}"
        shutil.rmtree(store_path, ignore_errors=True)
        shutil.copytree(seeds, store_path)
        load = os.getloadavg()[0]
        ours.append(our_import(csv_path, store_path, a.batch))
        nt = Store(store_path).open().dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(GRAPH))
        raws.append(raw_bulk_load(nt, a.work))
        o, n = ours[-1], nt.count(b"\n")
        print(f"  {rows:,} rows: ours {o['seconds']:.1f} s (SHACL {o['timings']['validate']:.1f} s, writes "
              f"{o['timings']['write']:.1f} s of which waited for {o['timings'].get('waited', 0):.1f} s, linking "
              f"{o['timings']['link']:.1f} s; after the last batch {o['end']:.1f} s: linking {o['duplicates']:,} "
              f"pairs, the kept aggregates, the last publish; peak RSS {o['peak_mb']} MB), raw bulk load of the same "
              f"{n:,} triples {raws[-1]:.1f} s: {o['seconds'] / raws[-1]:.2f}×; load average "
              f"{load:.1f} before, {os.getloadavg()[0]:.1f} after", flush=True)
    mo, mr = statistics.median(x["seconds"] for x in ours), statistics.median(raws)
    print(f"## {rows:,} rows, median of {a.repeat}: ours {mo:.1f} s, raw bulk load {mr:.1f} s, "
          f"ours / raw = {mo / mr:.2f}×\n", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--batch", type=int, default=5000)
    ap.add_argument("--million", action="store_true", help="also import 1,000,000 rows and sample memory")
    ap.add_argument("--limit", type=float, default=600, help="seconds before the naive baseline is given up")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "conflictkg-bench")
    ap.add_argument("--import-only", action="store_true",
                    help="time the import and the raw bulk load only (no queries, analyze, export or naive path)")
    ap.add_argument("--repeat", type=int, default=1, help="with --import-only: runs of each, medians reported")
    a = ap.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the start\n", flush=True)
    seeds = a.work / "seeds-store"
    shutil.rmtree(seeds, ignore_errors=True)
    build(store=seeds)
    if a.import_only:
        for rows in a.rows:
            import_only(rows, a, seeds)
    for rows in [] if a.import_only else a.rows:
        csv_path = synth(rows, a.work)
        store_path = a.work / f"store-{rows}"
        shutil.rmtree(store_path, ignore_errors=True)
        shutil.copytree(seeds, store_path)
        store = Store(store_path)
        ours = our_import(csv_path, store_path, a.batch)
        nt = store.open().dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(GRAPH))
        nt_path = a.work / f"import-{rows}.nt"
        nt_path.write_bytes(nt)
        raw = raw_bulk_load(nt, a.work)
        t_analyze = analyze(store_path, a.work / f"analysis-{rows}")
        t = time.perf_counter()
        from conflictkg.share.exports import export
        ttl = export(store, "ttl")
        t_export = time.perf_counter() - t
        t = time.perf_counter()  # the obvious alternative: pyoxigraph's own dump of the whole store
        dumped = store.open().dump(format=ox.RdfFormat.TRIG)
        t_dump = time.perf_counter() - t
        per_query = queries(store)
        t_summary = summary_time(store)
        full = a.work / f"all-{rows}.nt"  # what the naive path must hold: the seeds' graph and the import
        db = store.open()
        full.write_bytes(b"".join(db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) for g in db.named_graphs()))
        base = baseline(full, a.limit)
        ours_q = sum(v[3] for v in per_query.values()) / 1000  # each query's first ask
        print(f"## {rows:,} rows\n")
        print(f"- our import: {ours['imported']:,} rows, {ours['triples']:,} triples in {ours['seconds']:.1f} s "
              f"= {ours['rows'] / ours['seconds']:,.0f} rows/s, {ours['triples'] / ours['seconds']:,.0f} triples/s; "
              f"SHACL {ours['timings']['validate']:.1f} s, writes {ours['timings']['write']:.1f} s, "
              f"duplicate linking {ours['timings']['link']:.1f} s; peak RSS {ours['peak_mb']:,} MB")
        n_triples = nt.count(b"\n")
        print(f"- pyoxigraph raw bulk load of the same {n_triples:,} triples: {raw:.1f} s; "
              f"our import / raw load = {ours['seconds'] / raw:.2f}×")
        print(f"- analyze {t_analyze}; export ttl {t_export:.1f} s ({len(ttl) / 1e6:.0f} MB); pyoxigraph's own TriG "
              f"dump {t_dump:.1f} s ({len(dumped) / 1e6:.0f} MB): export / dump = {t_export / t_dump:.2f}×")
        print(f"- the answers a writer keeps (the aggregates, in the import's time above): {t_summary:.1f} s")
        print(naive_line(base, a.limit, full.stat().st_size, len(per_query)))
        base_total = base["elapsed"]
        ours_total = ours["seconds"] + ours_q
        if base["finished"]:
            print(f"- end to end (load + validate + every named query once): ours {ours_total:.1f} s, naive "
                  f"{base_total:.1f} s = {base_total / ours_total:.1f}×\n")
        else:  # given up: its time is a lower bound, and a ratio from it would say nothing
            print(f"- end to end (load + validate + every named query once): ours {ours_total:.1f} s, naive not "
                  f"finished in {a.limit:.0f} s\n")
        print("| query | whole file: p50 / p95 ms (runs) | `conflictkg query`, first ask: ms | later asks: p50 / p95 ms "
              "(runs) | ratio |\n|---|---:|---:|---:|---:|")
        for name, (w50, w95, wn, first, o50, o95, on) in per_query.items():
            print(f"| {name} | {w50:.1f} / {w95:.1f} ({wn}) | {first:.1f} | {o50:.1f} / {o95:.1f} ({on}) | "
                  f"{w50 / o50:.1f}× |")
        print(f"load average {os.getloadavg()[0]:.1f} (1 min), {os.getloadavg()[1]:.1f} (5 min) at the end of this size\n",
              flush=True)
    if a.million:
        csv_path = synth(1_000_000, a.work)
        store_path = a.work / "store-1m"
        shutil.rmtree(store_path, ignore_errors=True)
        shutil.copytree(seeds, store_path)
        ours = our_import(csv_path, store_path, a.batch)
        print(f"## 1,000,000 rows ({csv_path.stat().st_size / 1e6:.0f} MB)\n")
        print(f"- {ours['imported']:,} rows in {ours['seconds']:.0f} s = {ours['rows'] / ours['seconds']:,.0f} rows/s; "
              f"peak RSS {ours['peak_mb']:,} MB")
        marks = [s for i, s in enumerate(ours["samples"]) if i % max(1, len(ours["samples"]) // 10) == 0]
        print("- RSS while reading: " + ", ".join(f"{r:,} rows {mb} MB" for r, mb in marks))


if __name__ == "__main__":
    main()
