"""Benchmark: SHACL validation with pyshacl against fastshacl (the shapes compiled to SPARQL), in one run.

It builds the seeds into a fresh store, imports a synthetic ACLED file (bench/synth_acled.py) and then
validates the same data both ways:
  - whole graph: the seed facts plus the imported graph, with the ontology (what `conflictkg validate`
    and the build check);
  - import batches: every batch the importer validated, restricted to the batch's own nodes (what
    `conflictkg import` checks), through the old pyshacl path and through imports/validate.py.
It prints triples/s and rows/s for each, the ratio, and whether the two give the same results.
With --big N it also imports N rows and reports the time the importer spent validating (fastshacl only:
pyshacl would take hours).

    python bench/shacl_speed.py [--rows 2000] [--big 100000] [--batch 5000]
"""
from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from conflictkg.core.resources import SEEDS_DIR
from conflictkg.curation.build import build
from conflictkg.ingest.imports import batch_shacl as batch_validate
from conflictkg.ingest.imports.run import import_file
from conflictkg.model import ontology, shacl
from conflictkg.model.shacl.fast import validate as fast_validate
from conflictkg.store.generations import Store

HERE = Path(__file__).resolve().parent


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return (f"{len(__import__('os').sched_getaffinity(0))} cores ({cpu}), Python {platform.python_version()}, "
            f"pyoxigraph {ox.__version__}")


def synth(rows: int, folder: Path) -> Path:
    path = folder / f"acled-{rows}.csv"
    subprocess.run([sys.executable, str(HERE / "synth_acled.py"), str(rows), "-o", str(path)], check=True)
    return path


def keys(results) -> set:
    return {(r.focus, r.shape, r.path) for r in results}


def pyshacl_batch(data: bytes, context: bytes, focus: set[str]) -> set:
    """The importer's validator before fastshacl: pyshacl on the batch with the ontology."""
    g = Graph()
    g.parse(data=(data + context).decode("utf-8"), format="nt")
    return keys(r for r in shacl.validate(g).results if r.focus in focus)


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=2000, help="ACLED rows validated by both (default 2000)")
    ap.add_argument("--big", type=int, default=0, help="also import this many rows, fastshacl only")
    ap.add_argument("--batch", type=int, default=5000, help="import batch size (default 5000)")
    a = ap.parse_args()
    print(machine())
    tmp = Path(tempfile.mkdtemp(prefix="shacl-speed-"))
    try:
        build(SEEDS_DIR, tmp / "store")
        store = Store(tmp / "store")
        batches = []

        def recording(data, context, focus):
            batches.append((data, context, set(focus)))
            return batch_validate.batch(data, context, focus)

        r = import_file(synth(a.rows, tmp), "acled", store, batch_size=a.batch, validator=recording)
        print(f"imported {r.imported} of {r.rows} rows ({len(r.rejected)} rejected), {r.triples} triples, "
              f"{len(batches)} batch(es)")
        db = store.open()
        data = b"".join(db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g))
                        for g in store.graphs() if not g.endswith("/ontology"))
        onto = ontology.graph().serialize(format="nt", encoding="utf-8")
        n = data.count(b"\n")
        print(f"\nwhole graph: {n} data triples (+{len(onto.splitlines())} ontology)")
        g, t_parse = timed(lambda: Graph().parse(data=data.decode("utf-8"), format="nt"))
        slow, t_slow = timed(lambda: keys(shacl.validate(g).results))
        fast, t_fast = timed(lambda: keys(fast_validate(data + b"\n" + onto)))
        print(f"  pyshacl    {t_slow:8.2f} s  {n / t_slow:10.0f} triples/s   (+{t_parse:.2f} s rdflib parse)")
        print(f"  fastshacl  {t_fast:8.2f} s  {n / t_fast:10.0f} triples/s   (load into pyoxigraph included)")
        print(f"  ratio      {t_slow / t_fast:8.1f}x   same results: {slow == fast} ({len(slow)} results)")

        bn = sum(d.count(b"\n") for d, _, _ in batches)
        print(f"\nimport batches: {a.rows} rows, {bn} triples")
        t_slow = t_fast = 0.0
        same = True
        for d, c, f in batches:
            s, ts = timed(pyshacl_batch, d, c, f)
            v, tf = timed(batch_validate.batch, d, c, f)
            t_slow, t_fast = t_slow + ts, t_fast + tf
            same = same and s == {(x.focus, x.shape, x.path) for x in v}
        print(f"  pyshacl    {t_slow:8.2f} s  {bn / t_slow:10.0f} triples/s  {a.rows / t_slow:8.0f} rows/s")
        print(f"  fastshacl  {t_fast:8.2f} s  {bn / t_fast:10.0f} triples/s  {a.rows / t_fast:8.0f} rows/s")
        print(f"  ratio      {t_slow / t_fast:8.1f}x   same results: {same}")

        if a.big:
            shutil.rmtree(tmp / "store")
            build(SEEDS_DIR, tmp / "store")
            r = import_file(synth(a.big, tmp), "acled", Store(tmp / "store"), batch_size=a.batch, link_events=False)
            v = r.timings["validate"]
            print(f"\nimport of {a.big} rows ({r.triples} triples, {r.batches} batches, no duplicate linking): "
                  f"validation {v:.1f} s ({a.big / v:.0f} rows/s, {r.triples / v:.0f} triples/s), "
                  f"whole import {r.seconds:.1f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
