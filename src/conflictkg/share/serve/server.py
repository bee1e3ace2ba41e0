"""Serving the store over the SPARQL 1.1 Protocol, with a hard query timeout and a result-size limit.

A small HTTP front (standard library, one thread per connection, with a socket timeout) hands each request
to one of a pool of worker processes (pool.py, worker.py), each with the newest generation of the store open
read-only in pyoxigraph. A query still running at the timeout has its worker killed and replaced, and the
client gets 503. With --writable, an update is applied as every writer applies one: under the store's write
lock, to a copy published as a new generation (pool.py). Request limits (limits.py) and the SERVICE policy
(policy.py) are checked here, before a worker sees the request.

Why not the Oxigraph server alone (measured on the seed store, docs/benchmarks.md): with --timeout-s 2 it
stopped a cross join of three copies of the triples only after 46 s; a cancelled query came back as HTTP
200 with a cut-off JSON body; and one ORDER BY over a cross join made the whole server panic and exit. A
worker process can always be killed, and a dead one is replaced without stopping the endpoint.
The Oxigraph server (oxigraph_exe) is still used by the tests as a push target, and by bench/load.py.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conflictkg.store.generations import Store

from . import policy
from .limits import MAX_BODY, READ_TIMEOUT, BadRequest, body_length
from .pool import Pool, ServeError

__all__ = ["MAX_BODY", "Pool", "ServeError", "Server", "oxigraph_exe", "start", "stop"]


def oxigraph_exe() -> str:
    """The `oxigraph` server executable: on PATH, or beside this Python (a venv's bin/)."""
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not os.path.exists(found):
        raise ServeError("the Oxigraph server is not installed", fix="pip install oxigraph")
    return found


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every answer carries Content-Length
    server_version = "conflictkg"
    server: "Server"

    def setup(self):
        self.timeout = self.server.read_timeout  # a silent or half-sent request holds its own thread only
        super().setup()

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
            length = body_length(self.headers)
            if length is None:
                raise BadRequest(411, "a POST needs a Content-Length")
        except BadRequest as e:
            self.close_connection = True  # the body, if any, is never read
            return self.fail(e.status, str(e))
        raw = self.rfile.read(length)
        if len(raw) < length:
            self.close_connection = True
            return self.fail(400, "the request body ended before its Content-Length")
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
        try:
            policy.check(op, body.decode("utf-8"), self.server.allow_service)
        except policy.ServiceRefused as e:
            return self.fail(e.status, str(e))
        request = {"op": op, "accept": self.headers.get("Accept", ""),
                   "default_graph": params.get("default-graph-uri", []),
                   "named_graphs": params.get("named-graph-uri", [])}
        run = self.server.pool.update if op == "update" else self.server.pool.run
        self.reply(*run(request, body, self.server.timeout))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, pool: Pool, *, timeout: float, writable: bool, allow_service: bool = False,
                 read_timeout: float = READ_TIMEOUT):
        self.pool, self.timeout, self.writable = pool, timeout, writable
        self.allow_service, self.read_timeout = allow_service, read_timeout
        super().__init__(address, Handler)
        self.thread: threading.Thread | None = None

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # the client went away, or stayed silent past the read timeout: nothing to report
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
          timeout: float = 30, max_rows: int = 100_000, workers: int | None = None, allow_service: bool = False,
          read_timeout: float = READ_TIMEOUT) -> Server:
    """Open the store in the workers, listen, and serve in a background thread. Returns the running server
    (its `url` is the query endpoint); `stop(server)` or `server.close()` ends it and its workers.
    `read_timeout`: seconds a client may stay silent while sending a request."""
    if store.current() is None:
        raise ServeError(f"no knowledge graph in {store.path}", fix="run 'conflictkg build' first")
    store.tidy()
    pool = Pool(store, workers or default_workers(), max_rows=max_rows)
    try:
        server = Server((host, port), pool, timeout=timeout, writable=writable, allow_service=allow_service,
                        read_timeout=read_timeout)
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
