"""Leases: a reader's hold on a store generation, which pruning respects.

A long-lived reader (`conflictkg serve` and its query workers) keeps a generation open while writers publish
newer ones. Each of its open generations has a lease file, `.leases/<generation>.<pid>.<n>`, holding the
reader's pid and the start time of that process (so a reused pid is not taken for the reader). A writer
pruning old generations keeps every one with a lease whose process is alive, and deletes the lease files of
dead processes: a killed server holds nothing.
"""
from __future__ import annotations

import itertools
import os
import threading
from pathlib import Path

LEASES = ".leases"
_counter = itertools.count(1)
_counter_lock = threading.Lock()


def started(pid: int) -> str | None:
    """The start time of process `pid` (clock ticks since boot, from /proc), or None if it is gone or a
    zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    except PermissionError:  # someone else's live process
        return "?"
    return None if fields[0] in ("Z", "X") else fields[19]


class Lease:
    """This process's hold on the generation `name` of the store at `root`, until release()."""

    def __init__(self, root: Path, name: str):
        with _counter_lock:
            n = next(_counter)
        self.name = name
        folder = Path(root) / LEASES
        folder.mkdir(exist_ok=True)
        self.file = folder / f"{name}.{os.getpid()}.{n}"
        tmp = self.file.with_name("." + self.file.name)
        tmp.write_text(f"{os.getpid()} {started(os.getpid())}\n", encoding="ascii")
        os.replace(tmp, self.file)  # a pruner never reads half a lease

    def release(self) -> None:
        self.file.unlink(missing_ok=True)

    def __repr__(self) -> str:
        return f"Lease({self.name})"


def _holder_alive(lease: Path) -> bool:
    try:
        pid, start = lease.read_text(encoding="ascii").split()
    except (OSError, ValueError):
        return False
    now = started(int(pid))
    return now is not None and (now == start or "?" in (now, start))


def leased(root: Path) -> set[str]:
    """The generations of the store at `root` that a live reader holds; stale lease files are removed."""
    folder = Path(root) / LEASES
    held = set()
    if not folder.is_dir():
        return held
    for lease in folder.iterdir():
        if lease.name.startswith("."):
            continue
        if _holder_alive(lease):
            held.add(lease.name.split(".", 1)[0])
        else:
            lease.unlink(missing_ok=True)
    return held
