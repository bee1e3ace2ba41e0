"""Serving the store over the SPARQL 1.1 Protocol, with a hard query timeout and a result-size limit.

A small HTTP front (standard library, one thread per connection) hands each request to one of a pool of
worker processes (conflictkg.sparql_worker), each with the store open read-only in pyoxigraph (with
--writable, a single worker holding it read-write). A query still running at the timeout has its worker
killed and replaced, and the client gets 503.

Why not the Oxigraph server alone (measured on the seed store, docs/benchmarks.md): with --timeout-s 2 it
stopped a cross join of three copies of the triples only after 46 s; a cancelled query came back as HTTP
200 with a cut-off JSON body; and one ORDER BY over a cross join made the whole server panic and exit. A
worker process can always be killed, and a dead one is replaced without stopping the endpoint.
The Oxigraph server (oxigraph_exe) is still used by the tests as a push target, and by bench/load.py.
"""
from __future__ import annotations

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
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conflictkg.core.errors import ConflictKGError
from conflictkg.store.generations import Store

from .worker import pack

MAX_BODY = 16 * 1024 * 1024  # bytes of request body: a query or (with --writable) an update


class ServeError(ConflictKGError):
    """The server cannot be found or did not start (exit code 2)."""


def oxigraph_exe() -> str:
    """The `oxigraph` server executable: on PATH, or beside this Python (a venv's bin/)."""
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not os.path.exists(found):
        raise ServeError("the Oxigraph server is not installed", fix="pip install oxigraph")
    return found


class WorkerDied(Exception):
    pass


class Worker:
    """A `python -m conflictkg.sparql_worker` process, talked to by frames over its stdin and stdout."""

    def __init__(self, location: Path, max_rows: int, writable: bool, wait: float = 30):
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

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass


class Pool:
    """Worker processes, each answering one request at a time; a stuck or dead one is replaced."""

    def __init__(self, location: Path, size: int, *, max_rows: int, writable: bool):
        self.location, self.max_rows, self.writable = location, max_rows, writable
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers: set[Worker] = set()
        self.lock = threading.Lock()
        self.closed = False
        # Workers are started from this one long-lived thread: Linux sends a worker its parent-death signal
        # when the *thread* that started it ends, and request threads end with their connection.
        self.to_spawn: queue.Queue[queue.Queue | None] = queue.Queue()
        self.spawner = threading.Thread(target=self._spawn_loop, name="sparql-workers", daemon=True)
        self.spawner.start()
        try:
            for _ in range(size):
                self._add(self._spawn(wait=True))
        except BaseException:
            self.close()
            raise

    def _spawn_loop(self) -> None:
        while (reply := self.to_spawn.get()) is not None:
            try:
                reply.put(Worker(self.location, self.max_rows, self.writable))
            except BaseException as e:  # handed to whoever asked
                reply.put(e)

    def _spawn(self, wait: bool) -> Worker | None:
        reply: queue.Queue = queue.Queue()
        self.to_spawn.put(reply)
        if not wait:
            return None
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
            try:
                self._add(self._spawn(wait=True))
            except ServeError as e:
                print(f"conflictkg serve: cannot replace a query worker: {e}", file=sys.stderr)

        threading.Thread(target=spawn, daemon=True).start()  # waits for the spawner, so requests need not

    def pids(self) -> list[int]:
        with self.lock:
            return sorted(w.pid for w in self.workers)

    def run(self, request: dict, body: bytes, timeout: float) -> tuple[int, str, bytes]:
        """(status, content type, body) of one request, within `timeout` seconds of evaluation."""
        wait = timeout + 10  # queued requests may wait out one timeout and a worker's restart (< 1 s idle)
        try:
            w = self.idle.get(timeout=wait)
        except queue.Empty:
            return 503, "text/plain; charset=utf-8", (
                f"all {len(self.workers)} query workers stayed busy for {wait:g} s; try again later\n").encode()
        try:
            header, out = w.ask(request, body, time.monotonic() + timeout)
        except TimeoutError:
            self._replace(w)  # the only sure way to stop a running pyoxigraph query
            return 503, "text/plain; charset=utf-8", (
                f"the query ran longer than the server's timeout of {timeout:g} s and was stopped "
                "(--timeout); narrow it down or add LIMIT\n").encode()
        except WorkerDied:
            self._replace(w)
            return 500, "text/plain; charset=utf-8", b"the query worker died while answering; it has been replaced\n"
        if header.get("exit"):
            self._replace(w)
        else:
            self.idle.put(w)
        return header["status"], header["ctype"], out

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers, self.workers = list(self.workers), set()
        self.to_spawn.put(None)
        for w in workers:
            w.kill()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every answer carries Content-Length
    server_version = "conflictkg"
    server: "Server"

    def log_message(self, *args):
        pass

    def reply(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if status == 405:
            self.send_header("Allow", "GET, POST" if self.path.startswith("/query") else "POST")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def fail(self, status: int, message: str) -> None:
        self.reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def do_GET(self):
        path, _, qs = self.path.partition("?")
        if path == "/":
            return self.fail(200, "conflictkg SPARQL endpoint: GET or POST /query"
                             + (", POST /update" if self.server.writable else " (read-only)"))
        if path == "/update":
            return self.fail(405, "updates are sent by POST")
        if path != "/query":
            return self.fail(404, "no such path: the SPARQL endpoint is /query")
        self.dispatch("query", urllib.parse.parse_qs(qs, keep_blank_values=True), None)

    do_HEAD = do_GET

    def do_POST(self):
        path, _, qs = self.path.partition("?")
        if path not in ("/query", "/update"):
            return self.fail(404, "no such path: the SPARQL endpoint is /query")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self.close_connection = True
            return self.fail(411, "a POST needs a Content-Length")
        if length > MAX_BODY:
            self.close_connection = True
            return self.fail(413, f"request body over {MAX_BODY} bytes")
        raw = self.rfile.read(length)
        params = urllib.parse.parse_qs(qs, keep_blank_values=True)
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        op = path[1:]
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = urllib.parse.parse_qs(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                return self.fail(400, "the form is not UTF-8")
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
            self.dispatch(op, params, None)
        elif ctype == f"application/sparql-{op}":
            self.dispatch(op, params, raw)
        else:
            self.fail(415, f"send the {op} as application/sparql-{op} or as a form "
                           "(application/x-www-form-urlencoded)")

    def dispatch(self, op: str, params: dict, body: bytes | None) -> None:
        if op == "update" and not self.server.writable:
            return self.fail(403, "this endpoint is read-only: start it with --writable to allow updates")
        if body is None:
            texts = params.get(op, [])
            if len(texts) != 1:
                return self.fail(400, f"give exactly one '{op}' parameter (SPARQL 1.1 Protocol)")
            body = texts[0].encode("utf-8")
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return self.fail(400, f"the {op} is not UTF-8")
        if op == "update" and (params.get("using-graph-uri") or params.get("using-named-graph-uri")):
            return self.fail(400, "using-graph-uri and using-named-graph-uri are not supported: use WITH/USING")
        request = {"op": op, "accept": self.headers.get("Accept", ""),
                   "default_graph": params.get("default-graph-uri", []),
                   "named_graphs": params.get("named-graph-uri", [])}
        self.reply(*self.server.pool.run(request, body, self.server.timeout))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, pool: Pool, *, timeout: float, writable: bool):
        self.pool, self.timeout, self.writable = pool, timeout, writable
        super().__init__(address, Handler)
        self.thread: threading.Thread | None = None

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client went away before its answer: nothing to report
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/query"

    def start(self) -> "Server":
        self.thread = threading.Thread(target=self.serve_forever, name="sparql-front", daemon=True)
        self.thread.start()
        return self

    def close(self) -> None:
        """Stop listening, then kill the workers (and with them any running query)."""
        if self.thread is not None:
            self.shutdown()
            self.thread.join()
        self.server_close()
        self.pool.close()


def default_workers() -> int:
    # one more than the cores (3 to 5): a query running into the timeout holds a worker, not a core's share
    return min(4, max(2, os.cpu_count() or 2)) + 1


def start(store: Store, host: str = "127.0.0.1", port: int = 7878, *, writable: bool = False,
          timeout: float = 30, max_rows: int = 100_000, workers: int | None = None) -> Server:
    """Open the store in the workers, listen, and serve in a background thread. Returns the running server
    (its `url` is the query endpoint); `stop(server)` or `server.close()` ends it and its workers."""
    gen = store.current()
    if gen is None:
        raise ServeError(f"no knowledge graph in {store.path}", fix="run 'conflictkg build' first")
    # RocksDB lets one process write: --writable serves everything from a single worker that holds the store
    size = 1 if writable else (workers or default_workers())
    pool = Pool(gen, size, max_rows=max_rows, writable=writable)
    try:
        server = Server((host, port), pool, timeout=timeout, writable=writable)
    except OSError as e:
        pool.close()
        raise ServeError(f"cannot listen on {host}:{port}: {e.strerror or e}", fix="is the port free? choose another with --port") from None
    return server.start()


def stop(server: "Server | subprocess.Popen") -> None:
    """Stop a server from start(), or a server process (such as a plain Oxigraph server) and wait for it."""
    if isinstance(server, Server):
        return server.close()
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
