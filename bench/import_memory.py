"""Benchmark: the memory of `conflictkg import acled` on a large file, sampled from outside.

Runs the command under /usr/bin/time -v on a fresh seed store and, every --every seconds, writes one line:
seconds, the importer's RSS (MB), the SST files and size of the writer's working copy (pyoxigraph's database
as it grows), and the load average. At the end: /usr/bin/time's maximum resident set size and elapsed time;
the command's own output is in WORK/out.txt.

    python bench/synth_acled.py 1000000 -o /tmp/acled-1m.csv
    python bench/import_memory.py /tmp/acled-1m.csv --work /tmp/mem-1m [--every 10]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from conflictkg.curation.build import build


def rss_mb(pid: int) -> int:
    """RSS of the process and its children (the CLI runs python under /usr/bin/time)."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            total += next(int(line.split()[1]) for line in open(f"/proc/{p}/status") if line.startswith("VmRSS")) // 1024
        except (OSError, StopIteration):
            pass
    return total


def children(pid: int) -> list[int]:
    try:
        kids = [int(k) for k in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in children(k)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", type=Path)
    ap.add_argument("--work", type=Path, required=True, help="a fresh folder: the seed store and the import's")
    ap.add_argument("--every", type=float, default=30)
    a = ap.parse_args()
    if a.work.exists():
        sys.exit(f"{a.work} exists: use a fresh folder for each run")
    store = a.work / "store"
    build(store=store)
    print(f"start {time.strftime('%H:%M:%S')}, load average {os.getloadavg()[0]:.1f}", flush=True)
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "conflictkg", "--store", str(store), "import", "acled",
           str(a.csv)]
    t0 = time.monotonic()
    with open(a.work / "time.txt", "w") as err, open(a.work / "out.txt", "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        peak = 0
        while proc.poll() is None:
            time.sleep(a.every)
            work = next(iter(store.glob(".work-*")), None)
            ssts = list(work.glob("*.sst")) if work else []
            mb = rss_mb(proc.pid)
            peak = max(peak, mb)
            print(f"{time.monotonic() - t0:7.0f} s  RSS {mb:5d} MB  working copy {len(ssts)} SST files "
                  f"{sum(p.stat().st_size for p in ssts if p.exists()) >> 20} MB  load {os.getloadavg()[0]:.1f}",
                  flush=True)
    report = (a.work / "time.txt").read_text()
    maxrss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)[1]) // 1024
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", report)[1]
    print(f"end {time.strftime('%H:%M:%S')}, exit {proc.returncode}, wall {wall}, peak RSS {maxrss} MB "
          f"(/usr/bin/time), {peak} MB sampled; load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
