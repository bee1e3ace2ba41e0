"""Generations beside their readers: leases that pruning respects, leftovers of killed writers removed by
the next reader, and a refused writer told who holds the store."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conflictkg.core.errors import StoreError
from conflictkg.store.generations import Store

G = "https://w3id.org/conflictkg/graph/test"


def publish(store: Store, i: int) -> str:
    with store.writer() as w:
        w.add(G, b'<urn:x:s> <urn:x:p> "%d" .\n' % i)
    return store.current().name


def holder(store: Store) -> subprocess.Popen:
    """Another process holding a lease on the live generation until it is killed."""
    code = ("import sys, time; from conflictkg.store import Store\n"
            "lease = Store(sys.argv[1]).lease(); print(lease.name, flush=True); time.sleep(600)")
    return subprocess.Popen([sys.executable, "-c", code, str(store.path)], stdout=subprocess.PIPE, text=True)


def test_a_leased_generation_outlives_pruning_until_its_reader_dies(kg):
    proc = holder(kg)
    try:
        leased = proc.stdout.readline().strip()
        assert leased == kg.current().name
        publish(kg, 1)
        publish(kg, 2)  # without the lease, the generation two back would be pruned now
        assert (kg.path / leased).is_dir()
        assert kg.query("ASK { ?s ?p ?o }")
    finally:
        proc.kill()
        proc.wait()
    publish(kg, 3)
    assert not (kg.path / leased).exists()
    assert not list((kg.path / ".leases").iterdir())  # the dead reader's lease file went with it


def test_a_lease_in_this_process_is_released(kg):
    lease = kg.lease()
    first = lease.name
    publish(kg, 1)
    publish(kg, 2)
    assert (kg.path / first).is_dir()
    lease.release()
    publish(kg, 3)
    assert not (kg.path / first).exists()


def test_a_killed_writers_work_folder_is_removed_by_the_next_reader_bug(kg):
    """Regression: a killed writer's working copy stayed in the store folder until the next write."""
    code = ("import sys, time; from conflictkg.store import Store\n"
            "with Store(sys.argv[1]).writer() as w:\n"
            "    print('writing', flush=True); time.sleep(600)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(kg.path)], stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"writing"
    work = kg.path / f".work-{proc.pid}"
    assert work.is_dir()
    kg.open()  # a reader while the writer lives: its folder is its own
    assert work.is_dir()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    kg.open()
    assert not work.exists() and not list(kg.path.glob(".work-*"))


def test_a_refused_writer_is_told_which_command_holds_the_store(kg):
    with kg.lock():
        t = time.monotonic()
        with pytest.raises(StoreError, match=rf"another conflictkg command is writing .*\(pid {os.getpid()}: "):
            with kg.lock(wait=0.3):
                pass
        assert time.monotonic() - t >= 0.3
    with kg.lock(wait=0):  # free again
        pass


def test_a_reimport_that_changes_nothing_publishes_nothing_bug(kg):
    """Regression: importing the same file again published a new generation per batch and reported another
    triple count."""
    from click.testing import CliRunner

    from conflictkg.cli import main

    data = str(Path(__file__).parents[1] / "data" / "import" / "acled-2019-layout.csv")
    args = ["--store", str(kg.path), "import", "acled", data, "--batch-size", "2"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0 and "Imported 5 of 5 rows" in first.output, first.output
    live, graphs = kg.current().name, kg.graphs()
    gens = sorted(p.name for p in kg.path.glob("gen-*"))
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and "Nothing new: the 5 rows read are in" in again.output, again.output
    assert kg.current().name == live and kg.graphs() == graphs
    assert sorted(p.name for p in kg.path.glob("gen-*")) == gens
