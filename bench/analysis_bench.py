"""`conflictkg analyze` and the per-event exports on an existing store: wall time of each, median of
--repeat runs, with the load average before each run (the machine may be shared).

    .venv/bin/python bench/analysis_bench.py STORE [--repeat 3] [--per-event] [--exports geojson graphml ...]

Each analyze run is `python -m conflictkg --store STORE analyze` in a child process (so each pays its own
start-up and store opening, as a user does). Each export is `export(store, fmt)` in this process, written to
a temporary file: the size is printed beside the time. The store is only read."""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def analyze(store: Path, out: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "conflictkg", "--store", str(store), "analyze", "--out", str(out)],
                   check=True, capture_output=True)
    return time.perf_counter() - t


def per_event(store: Path, out: Path) -> float:
    """The same report read one row per event and fact (what analyze did before), in a child process."""
    code = ("import sys; from pathlib import Path; from conflictkg.store.generations import Store; "
            "from conflictkg.ask.report import run; run(Store(Path(sys.argv[1])), Path(sys.argv[2]), per_event=True)")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(store), str(out)], check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--per-event", action="store_true",
                    help="also time the report read one row per event, after each analyze run")
    ap.add_argument("--exports", nargs="*", default=[], help="formats to time once each (none by default)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as tmp:
        times = []
        for i in range(a.repeat):
            before = load()
            times.append(analyze(a.store, Path(tmp) / f"analysis-{i}"))
            print(f"analyze run {i + 1}: {times[-1]:.1f} s (load before: {before}; after: {load()})", flush=True)
            if a.per_event:
                before = load()
                took = per_event(a.store, Path(tmp) / f"per-event-{i}")
                print(f"  per event, run {i + 1}: {took:.1f} s (load before: {before}; after: {load()})", flush=True)
        if times:
            print(f"analyze median of {len(times)}: {statistics.median(times):.1f} s", flush=True)
        if a.exports:
            from conflictkg.share.exports import export
            from conflictkg.store.generations import Store

            store = Store(a.store)
            for fmt in a.exports:
                before = load()
                t = time.perf_counter()
                data = export(store, fmt)
                took = time.perf_counter() - t
                (Path(tmp) / f"export.{fmt}").write_bytes(data)
                print(f"export {fmt}: {took:.1f} s, {len(data) / 1e6:.1f} MB (load before: {before}; after: "
                      f"{load()})", flush=True)


if __name__ == "__main__":
    main()
