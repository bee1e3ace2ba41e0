"""The endpoint's query worker processes, on the newest generation of the store.

Each worker (worker.py) has one generation open read-only. Before a worker takes a query, the pool reads the
store's CURRENT pointer; when a writer (build, import, ingest, an update) has published a newer generation,
the pool takes a lease on it (store/leases.py) and the worker reopens there, so queries move to the newest
data between queries, never during one. A generation stays leased while any worker still has it open, so
pruning never deletes it under a running query, and a worker killed at the timeout is replaced on the newest
generation.

An update (serve --writable) goes through the same protocol as every other writer: under the store's write
lock, a worker applies it to a private working copy, which is then published as a new generation. So an
update acknowledged with 204 is in every later generation; one that meets an import holding the lock past
the timeout is answered 503 and not applied.
"""
from __future__ import annotations

import hashlib
import json
import os
import queue
import select
import shutil
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

from conflictkg.core.errors import ConflictKGError, StoreError
from conflictkg.store.generations import Store
from conflictkg.store.leases import Lease

from .worker import pack

TEXT = "text/plain; charset=utf-8"


class ServeError(ConflictKGError):
    """The server cannot be found or did not start (exit code 2)."""


class WorkerDied(Exception):
    pass


class Worker:
    """A `python -m conflictkg.share.serve.worker` process, talked to by frames over its stdin and stdout."""

    def __init__(self, location: Path, max_rows: int, writable: bool, wait: float = 30):
        self.location = Path(location)
        args = [sys.executable, "-m", "conflictkg.share.serve.worker", str(location), str(max_rows)]
        self.proc = subprocess.Popen(args + (["--writable"] if writable else []), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, bufsize=0)
        try:
            header, _ = self.receive(time.monotonic() + wait)
        except (WorkerDied, TimeoutError):
            header = {"error": f"the query worker exited or did not answer within {wait:g} s"}
        if not header.get("ready"):
            self.kill()
            raise ServeError(f"cannot open the store: {header.get('error', 'the worker did not start')}",
                             fix="is a build or another writable server holding it?")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _read(self, n: int, deadline: float | None) -> bytes:
        fd, data = self.proc.stdout.fileno(), b""
        while len(data) < n:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and (left <= 0 or not select.select([fd], [], [], left)[0]):
                raise TimeoutError
            chunk = os.read(fd, min(n - len(data), 1 << 20))
            if not chunk:
                raise WorkerDied
            data += chunk
        return data

    def receive(self, deadline: float | None) -> tuple[dict, bytes]:
        hlen, blen = struct.unpack("!II", self._read(8, deadline))
        header = json.loads(self._read(hlen, deadline))
        return header, self._read(blen, None)  # the body follows the header at once

    def ask(self, request: dict, body: bytes, deadline: float) -> tuple[dict, bytes]:
        try:
            self.proc.stdin.write(pack(request, body))
        except OSError:
            raise WorkerDied from None
        return self.receive(deadline)

    def reopen(self, location: Path, deadline: float) -> None:
        """Open the generation at `location` instead of the current one."""
        header, _ = self.ask({"op": "open", "location": str(location)}, b"", deadline)
        if not header.get("ready"):
            raise WorkerDied(header.get("error", "cannot open the generation"))
        self.location = Path(location)

    def finish(self, wait: float = 30) -> None:
        """Let the worker close its store and exit (a writable worker flushes its copy so)."""
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=wait)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass


def _answer(status: int, message: str) -> tuple[int, str, bytes]:
    return status, TEXT, (message + "\n").encode("utf-8")


class Pool:
    """Worker processes, each answering one request at a time, on the newest generation of `store`; a stuck
    or dead one is replaced."""

    def __init__(self, store: Store, size: int, *, max_rows: int):
        self.store, self.size, self.max_rows = store, size, max_rows
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers: set[Worker] = set()
        self.lock = threading.Lock()
        self.closed = False
        self.leases: dict[str, Lease] = {}
        self.summariser: threading.Thread | None = None  # making the kept answers of what updates published
        self.to_summarise = False
        self.location = self._lease_live()
        # Workers are started from this one long-lived thread: Linux sends a worker its parent-death signal
        # when the *thread* that started it ends, and request threads end with their connection.
        self.to_spawn: queue.Queue[tuple | None] = queue.Queue()
        self.spawner = threading.Thread(target=self._spawn_loop, name="sparql-workers", daemon=True)
        self.spawner.start()
        try:
            for _ in range(size):
                self._add(self._spawn())
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ generations
    def _lease_live(self) -> Path:
        """The live generation, with a lease held on it (call under self.lock, or before any thread runs)."""
        try:
            lease = self.store.lease()
        except StoreError as e:
            raise ServeError(str(e), fix="run 'conflictkg build' first") from None
        if lease.name in self.leases:
            lease.release()
        else:
            self.leases[lease.name] = lease
        return self.store.path / lease.name

    def refresh(self) -> Path:
        """The newest generation, leased; leases no worker needs any more are released."""
        live = self.store.current()
        if live is not None and live != self.location:
            with self.lock:
                if live != self.location and not self.closed:
                    try:
                        self.location = self._lease_live()
                    except ServeError:
                        return self.location
                    self._release_unused()
        return self.location

    def _release_unused(self) -> None:
        used = {w.location.name for w in self.workers} | {self.location.name}
        for name in [n for n in self.leases if n not in used]:
            self.leases.pop(name).release()

    # ------------------------------------------------------------------ workers
    def _spawn_loop(self) -> None:
        while (job := self.to_spawn.get()) is not None:
            reply, location, writable = job
            try:
                reply.put(Worker(location or self.refresh(), self.max_rows, writable))
            except BaseException as e:  # handed to whoever asked
                reply.put(e)

    def _spawn(self, location: Path | None = None, writable: bool = False) -> Worker:
        reply: queue.Queue = queue.Queue()
        self.to_spawn.put((reply, location, writable))
        got = reply.get()
        if isinstance(got, BaseException):
            raise got
        return got

    def _add(self, w: Worker) -> None:
        with self.lock:
            if self.closed:
                w.kill()
                return
            self.workers.add(w)
        self.idle.put(w)

    def _replace(self, dead: Worker) -> None:
        with self.lock:
            self.workers.discard(dead)
        dead.kill()

        def spawn():
            for attempt in range(12):  # a failed start is tried again, so the pool does not shrink for good
                if self.closed:
                    return
                try:
                    return self._add(self._spawn())
                except ServeError as e:
                    print(f"conflictkg serve: cannot replace a query worker (attempt {attempt + 1}): {e}",
                          file=sys.stderr)
                    time.sleep(min(5.0, 0.2 * 2 ** attempt))

        threading.Thread(target=spawn, daemon=True).start()  # waits for the spawner, so requests need not

    def pids(self) -> list[int]:
        with self.lock:
            return sorted(w.pid for w in self.workers)

    def generations(self) -> list[str]:
        """The generations the workers have open (for tests and the soak bench)."""
        with self.lock:
            return sorted({w.location.name for w in self.workers})

    # ------------------------------------------------------------------ requests
    def run(self, request: dict, body: bytes, timeout: float) -> tuple[int, str, bytes]:
        """(status, content type, body) of one query, within `timeout` seconds of evaluation."""
        wait = timeout + 10  # queued requests may wait out one timeout and a worker's restart (< 1 s idle)
        try:
            w = self.idle.get(timeout=wait)
        except queue.Empty:
            return _answer(503, f"all {len(self.workers)} query workers stayed busy for {wait:g} s; try again later")
        live = self.refresh()
        try:
            if w.location != live:  # a writer published a newer generation: move to it between queries
                w.reopen(live, time.monotonic() + 10)
                with self.lock:
                    self._release_unused()
            header, out = w.ask(request, body, time.monotonic() + timeout)
        except TimeoutError:
            self._replace(w)  # the only sure way to stop a running pyoxigraph query
            return _answer(503, f"the query ran longer than the server's timeout of {timeout:g} s and was stopped "
                                "(--timeout); narrow it down or add LIMIT")
        except WorkerDied:
            self._replace(w)
            return _answer(500, "the query worker died while answering; it has been replaced")
        if header.get("exit"):
            self._replace(w)
        else:
            self.idle.put(w)
        return header["status"], header["ctype"], out

    def update(self, request: dict, body: bytes, timeout: float) -> tuple[int, str, bytes]:
        """Apply a SPARQL update as a writer: under the store's lock, on a working copy, published as a new
        generation before it is acknowledged (204). Nothing is changed unless the answer is 204."""
        deadline = time.monotonic() + timeout
        try:
            with self.store.lock(wait=timeout):
                return self._update_locked(request, body, deadline, timeout)
        except StoreError as e:
            return _answer(503, f"the update was not applied: {e.message}; send it again once that command "
                                "has finished")
        finally:
            self.refresh()

    def _update_locked(self, request: dict, body: bytes, deadline: float, timeout: float):
        work = self.store.working_copy()
        try:
            w = self._spawn(work, writable=True)
            try:
                header, out = w.ask(request, body, deadline)
            except TimeoutError:
                w.kill()
                return _answer(503, f"the update ran longer than the server's timeout of {timeout:g} s and was "
                                    "stopped (--timeout); nothing was changed")
            except WorkerDied:
                w.kill()
                return _answer(500, "the update worker died; nothing was changed")
            w.finish()
            if header["status"] != 204:
                return header["status"], header["ctype"], out
            manifest = dict(self.store.manifest())
            manifest["updates"] = hashlib.sha256(manifest.get("updates", "").encode() + body).hexdigest()[:16]
            self.store.publish_copy(work, manifest)
            self._summarise_later()
            return 204, "text/plain", b""
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _summarise_later(self) -> None:
        """Make the kept answers (store/summary.py) of the generation an update published, in a thread of its
        own once the update is acknowledged; until they are there, queries are answered by the SPARQL itself,
        never from a stale table. Updates in quick succession are summarised once, for the newest."""
        with self.lock:
            self.to_summarise = True
            if self.summariser is None:
                self.summariser = threading.Thread(target=self._summarise_loop, name="kept-answers", daemon=True)
                self.summariser.start()

    def _summarise_loop(self) -> None:
        while True:
            with self.lock:
                if not self.to_summarise or self.closed:
                    self.summariser = None
                    return
                self.to_summarise = False
            try:
                self.store.summarise_live()
            except Exception:  # noqa: BLE001 - left to the next writer: queries answer by SPARQL until then
                pass

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers, self.workers = list(self.workers), set()
            leases, self.leases = list(self.leases.values()), {}
        self.to_spawn.put(None)
        for w in workers:
            w.kill()
        for lease in leases:
            lease.release()
