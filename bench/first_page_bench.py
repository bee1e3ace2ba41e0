"""Benchmark: the first ask of a named listing on a generation whose kept answers hold only the writer's
aggregates (a fresh process each time, as `conflictkg query NAME` runs it), p50 over the runs.

Before each run the store's kept table is put back as the writer left it (a copy taken at the start), so
every ask is a first ask; the table is restored at the end. Each run prints its time, the load average and a
digest of the page's rows, so two code versions can be compared on the same store:

    PYTHONPATH=src python bench/first_page_bench.py STORE --names timeline claims-by-source --repeat 5
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = """
import hashlib, json, sys, time
from pathlib import Path
from conflictkg.store import queries
from conflictkg.store.generations import Store
t = time.perf_counter()
r = queries.run(sys.argv[2], store=Store(Path(sys.argv[1])))
ms = (time.perf_counter() - t) * 1000
digest = hashlib.sha256(json.dumps([r.columns, r.rows, r.more], ensure_ascii=False).encode()).hexdigest()[:12]
print(json.dumps({"ms": ms, "rows": len(r.rows), "more": r.more, "digest": digest}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--names", nargs="+", default=["claims-by-source", "timeline", "events-near", "control-changes",
                                                   "deals", "arrests"])
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    import json

    gen = a.store / (a.store / "CURRENT").read_text(encoding="utf-8").strip()
    table = gen.with_name(gen.name + ".kept.sqlite")
    pristine = table.with_name(table.name + ".bench-copy")
    shutil.copyfile(table, pristine)
    try:
        for name in a.names:
            times = []
            for _ in range(a.repeat):
                shutil.copyfile(pristine, table)  # cold: the writer's aggregates only
                load = os.getloadavg()[0]
                out = subprocess.run([sys.executable, "-c", CHILD, str(a.store), name], check=True,
                                     capture_output=True, text=True).stdout
                got = json.loads(out.strip().splitlines()[-1])
                times.append(got["ms"])
                print(f"  {name}: {got['ms']:.1f} ms, {got['rows']} rows, more {got['more']}, digest {got['digest']}, "
                      f"load {load:.1f} before, {os.getloadavg()[0]:.1f} after", flush=True)
            print(f"{name}: first ask p50 {statistics.median(times):.1f} ms over {len(times)} runs", flush=True)
    finally:
        shutil.copyfile(pristine, table)
        pristine.unlink()


if __name__ == "__main__":
    main()
