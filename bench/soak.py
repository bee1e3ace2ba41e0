"""Soak test of `conflictkg serve --writable --ui` while writers land, on loopback only and bounded in time.

Builds the seeds into a fresh store in a temporary folder, serves it (endpoint and web view), and for
--seconds runs at once:
  - --clients threads sending named queries to the endpoint and fetching web pages;
  - one client sending a runaway cross join, which must be stopped at --timeout with 503;
  - one client sending SPARQL updates (INSERT DATA of a numbered triple), noting each one acknowledged (204);
  - one writer running, one after another as separate processes, `conflictkg import acled` (1,500 rows in
    batches of 250, two files in turn), `conflictkg build` (two versions of the seeds in turn) and
    `conflictkg ingest` (the sample article, two publication dates in turn).
Then it stops the server and checks that every acknowledged update is in the store. It prints Markdown:
requests by kind and status, latency, 5xx other than timeouts (with samples), lost updates, writes landed.
Exit status 1 if there was any 5xx other than a timeout, or any lost update.

    python bench/soak.py [--seconds 600] [--clients 4] [--timeout 5] [--workers N]
"""
from __future__ import annotations

import argparse
import collections
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
from helpers import NEWS, free_port  # noqa: E402
from synth_acled import HEADER, rows  # noqa: E402

from conflictkg.core.resources import SEEDS_DIR  # noqa: E402
from conflictkg.curation.build import build  # noqa: E402
from conflictkg.share.serve.server import start, stop  # noqa: E402
from conflictkg.share.web.app import serve_ui  # noqa: E402
from conflictkg.store import queries as named  # noqa: E402
from conflictkg.store.generations import Store  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
QUERIES = ["transfer-deals", "tallies", "attacks-by-perpetrator", "ambushes", "alliances", "timeline"]
PAGES = ["/", "/?q=%D8%AF%D8%A7%D8%B9%D8%B4", "/map", "/actor/isis", "/place/abu-kamal", "/flows"]


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.status: collections.Counter = collections.Counter()
        self.latency: dict[str, list[float]] = collections.defaultdict(list)
        self.errors: list[str] = []
        self.acked: list[int] = []
        self.writes: collections.Counter = collections.Counter()

    def note(self, kind: str, status: int, seconds: float, body: str) -> None:
        with self.lock:
            self.status[(kind, status)] += 1
            self.latency[kind].append(seconds)
            timeout = status == 503 and "timeout" in body
            if status >= 500 and not timeout and not (kind == "update" and status == 503 and "not applied" in body):
                self.errors.append(f"{kind} {status}: {body.strip()[:200]}")


def call(url: str, data: bytes | None = None, ctype: str | None = None, timeout: float = 60) -> tuple[int, str]:
    headers = {"Accept": "application/sparql-results+json"}
    if ctype:
        headers["Content-Type"] = ctype
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except OSError as e:  # a refused or reset connection counts as a failure of the server
        return 599, f"{type(e).__name__}: {e}"


def timed(tally: Tally, kind: str, *args, **kw) -> tuple[int, str]:
    t = time.perf_counter()
    status, body = call(*args, **kw)
    tally.note(kind, status, time.perf_counter() - t, body)
    return status, body


def reader(endpoint: str, web: str, until: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    texts = {n: named.bind(named.find(n), {}) for n in QUERIES}
    while time.monotonic() < until:
        if rng.random() < 0.7:
            timed(tally, "query", endpoint, texts[rng.choice(QUERIES)].encode(), "application/sparql-query")
        else:
            timed(tally, "page", web + rng.choice(PAGES))


def runaway(endpoint: str, until: float, tally: Tally) -> None:
    while time.monotonic() < until:
        timed(tally, "runaway", endpoint, RUNAWAY.encode(), "application/sparql-query")


def updater(update_url: str, until: float, tally: Tally) -> None:
    n = 0
    while time.monotonic() < until:
        n += 1
        status, _ = timed(tally, "update", update_url, f"INSERT DATA {{ <urn:soak:u{n}> <urn:soak:n> {n} }}".encode(),
                          "application/sparql-update")
        if status == 204:
            with tally.lock:
                tally.acked.append(n)
        time.sleep(0.5)


def prepare(tmp: Path) -> dict:
    """Two ACLED files, two versions of the seeds, the sample article and its candidate facts."""
    import csv

    files = {}
    for i, seed in enumerate((7, 8)):
        path = tmp / f"acled-{i}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=HEADER, lineterminator="\n")
            w.writeheader()
            w.writerows(rows(1500, seed))
        files[f"acled{i}"] = path
    for i in range(2):
        seeds = tmp / f"seeds-{i}"
        shutil.copytree(SEEDS_DIR, seeds)
        if i:
            actors = yaml.safe_load((seeds / "actors.yaml").read_text(encoding="utf-8"))
            actors[0]["en"] += " (soak)"
            (seeds / "actors.yaml").write_text(yaml.safe_dump(actors, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")
        files[f"seeds{i}"] = seeds
    art = tmp / "sukhnah.txt"
    art.write_text(NEWS, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "conflictkg", "extract", str(art), "--published", "2023-05-17", "-o",
                    str(tmp / "sukhnah.facts.yaml")], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "conflictkg", "review", str(tmp / "sukhnah.facts.yaml"), "--article",
                    str(art), "--accept-all"], check=True, capture_output=True)
    files["article"], files["facts"] = art, tmp / "sukhnah.facts.yaml"
    return files


def writer(store: Path, files: dict, until: float, tally: Tally) -> None:
    """Imports, builds and ingests, one after another, each as its own process, as an analyst runs them."""
    cli = [sys.executable, "-m", "conflictkg", "--store", str(store)]
    i = 0
    while time.monotonic() < until:
        kind = ("import", "build", "ingest")[i % 3]
        turn = (i // 3) % 2
        args = {"import": ["import", "acled", str(files[f"acled{turn}"]), "--batch-size", "250"],
                "build": ["build", "--seeds", str(files[f"seeds{turn}"])],
                "ingest": ["ingest", str(files["facts"]), str(files["article"]),
                           "--published", ("2023-05-17", "2023-05-18")[turn]]}[kind]
        t = time.perf_counter()
        proc = subprocess.run(cli + args, capture_output=True, text=True)
        busy = proc.returncode != 0 and "another conflictkg command is writing" in proc.stderr + proc.stdout
        with tally.lock:
            if proc.returncode == 0:
                tally.writes[kind] += 1
                tally.latency[f"write:{kind}"].append(time.perf_counter() - t)
            elif busy:
                tally.writes[f"{kind} refused (store busy), retried"] += 1
            else:
                tally.writes[f"{kind} FAILED"] += 1
                tally.errors.append(f"{kind} exit {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-300:]}")
        if busy:
            time.sleep(0.2)  # and the same write again
        else:
            i += 1


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))) / 2 ** 20
    import pyoxigraph

    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Linux {platform.release()}, "
            f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}")


def report(tally: Tally, seconds: float, lost: list[int], gens: int) -> None:
    print(f"Machine: {machine()}\n\nDuration: {seconds:.0f} s\n")
    print("| kind | requests | statuses | p50 (ms) | p99 (ms) |\n|---|---:|---|---:|---:|")
    for kind in sorted(tally.latency):
        lat = sorted(tally.latency[kind])
        statuses = ", ".join(f"{s}: {n}" for (k, s), n in sorted(tally.status.items()) if k == kind)
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        print(f"| {kind} | {len(lat)} | {statuses or '-'} | {statistics.median(lat) * 1000:.0f} | {p99 * 1000:.0f} |")
    print(f"\nWrites landed: {dict(sorted(tally.writes.items()))}; generations published: {gens}")
    print(f"Updates acknowledged (204): {len(tally.acked)}; lost after the server stopped: {len(lost)}")
    print(f"5xx other than timeouts (and updates refused unapplied while a writer held the store): "
          f"{len(tally.errors)}")
    for e in tally.errors[:10]:
        print(f"  - {e}")


# long: one bounded run, from set-up through the load threads to the final check, reads best in one place
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=5)
    ap.add_argument("--workers", type=int, default=None)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="conflictkg-soak-"))
    try:
        files = prepare(tmp)
        store = Store(build(files["seeds0"], tmp / "store").store)
        srv = start(store, port=free_port(), writable=True, timeout=a.timeout, workers=a.workers)
        web = serve_ui(store, "127.0.0.1", free_port(), pool=srv.pool, timeout=a.timeout)
        threading.Thread(target=web.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{web.server_address[1]}"
        tally, t0 = Tally(), time.monotonic()
        until = t0 + a.seconds
        published = set()
        threads = [threading.Thread(target=reader, args=(srv.url, base, until, tally, i)) for i in range(a.clients)]
        threads += [threading.Thread(target=runaway, args=(srv.url, until, tally)),
                    threading.Thread(target=updater, args=(srv.url.replace("/query", "/update"), until, tally)),
                    threading.Thread(target=writer, args=(store.path, files, until, tally))]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            gen = store.current()
            if gen is not None:
                published.add(gen.name)
            time.sleep(0.2)
        web.shutdown()
        stop(srv)
        seconds = time.monotonic() - t0
        _, got = Store(store.path).select("SELECT ?n WHERE { ?u <urn:soak:n> ?n }")
        present = {int(r["n"]) for r in got}
        lost = [n for n in tally.acked if n not in present]
        report(tally, seconds, lost, len(published))
        return 1 if tally.errors or lost else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
