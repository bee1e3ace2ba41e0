"""A small server-rendered web view for analysts who do not write SPARQL (WSGI on the standard library's
wsgiref with a thread per connection, pages from Jinja2 templates).

A route table sends each path to a view (views.py). The routes' patterns admit no dots or slashes inside a
name, so no path climbs out of web/static or reaches a page by a second spelling; every piece of text from
the data is escaped by the templates (pages.py). The server applies the SPARQL endpoint's request limits
(share/serve/limits.py) and its SERVICE policy, and a slow client holds its own thread only, for at most
the read timeout. When a writer publishes a new generation, the pages are read again from it in the
background while the old ones keep being served.
"""
from __future__ import annotations

import io
import json
import re
import sys
import threading
import time
import urllib.parse
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from conflictkg.core.errors import ConflictKGError, StoreError
from conflictkg.share.serve import policy
from conflictkg.share.serve.limits import READ_TIMEOUT, BadRequest, body_length
from conflictkg.store import queries as named
from conflictkg.store.generations import Store

from . import review as review_page
from . import views
from .data import WebData
from .pages import Response, message

# (pattern, view), tried in order; a pattern must match the whole path
ROUTES = [(re.compile(pattern), view) for pattern, view in [
    (r"/", views.search),
    ("/" + views.ENTITY_PATH.pattern, views.entity),  # imported ones have more parts: /actor/acled/…
    (r"/fact/(?P<source>[A-Za-z0-9_]+)/(?P<name>[A-Za-z0-9_-]+)", views.fact),
    (r"/map", views.map_page),
    (r"/network", views.network),
    (r"/flows", views.flows),
    (r"/(?P<name>network|flows)\.png", views.figure),
    (r"/sparql", views.queries),
    (r"/review", review_page.view),
    (r"/static/(?P<file>[A-Za-z0-9_-]+\.(?P<ext>css|svg|png))", views.static),
]]
RELOAD_EVERY = 5.0  # seconds between looks for a newer generation
STATUS = {400: "400 Bad Request", 403: "403 Forbidden", 404: "404 Not Found", 405: "405 Method Not Allowed", 422: "422 Unprocessable Content",
          503: "503 Service Unavailable"}


class QueryRefused(ConflictKGError):
    """A query the endpoint's workers refused or stopped, with the HTTP status they gave."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class App:
    def __init__(self, store: Store, pool=None, timeout: float = 30, allow_service: bool = False,
                 review: review_page.Review | None = None):
        """`pool`: the SPARQL endpoint's worker pool (conflictkg.share.serve.pool.Pool). When given, the query
        form runs there, under the endpoint's timeout and row limit, instead of in this process without either.
        `allow_service`: let the query form's SPARQL use SERVICE (off, as on the endpoint). `review`: the fact
        file the review page shows (and, if writable, rewrites)."""
        self.store, self.pool, self.timeout, self.allow_service = store, pool, timeout, allow_service
        self.review = review
        # pages are read from one leased, once-opened generation at a time (and the one before, which requests
        # under way may still read); a writer's new generation is read at most every RELOAD_EVERY seconds
        self.snapshot = store.snapshot() if store.current() is not None else store
        self._previous = None
        self.generation = self.snapshot.current()
        self.data = WebData(self.snapshot)
        self._figures: dict[str, bytes] = {}
        self._analysis = None
        self._reloading = threading.Lock()
        self._computing = threading.RLock()  # the analysis and its figures
        self._analysed, self._recomputing, self._checked = None, False, time.monotonic()

    def refresh(self, wait: bool = False) -> None:
        """Read the pages' data again if a writer has published a newer generation (in a background thread
        unless `wait`); the old data serves until the new is read."""
        if not wait and time.monotonic() - self._checked < RELOAD_EVERY:
            return
        self._checked = time.monotonic()
        if self.store.current() == self.generation or not self._reloading.acquire(blocking=False):
            return

        def reload():
            try:
                snap = self.store.snapshot()
                data = WebData(snap)
                if self._previous is not None and self._previous is not self.store:
                    self._previous.release()
                self._previous, self.snapshot = self.snapshot, snap
                self.data, self.generation = data, snap.current()
            except (StoreError, OSError) as e:  # pruned under us: the next request tries again
                print(f"conflictkg serve: cannot read the web view's data again: {e}", file=sys.stderr)
            finally:
                self._reloading.release()

        threading.Thread(target=reload, daemon=True).start() if not wait else reload()

    def analysis(self):
        """The NetworkX analysis. The first is computed on first use, by one thread that the others wait for;
        after a new generation, the last one keeps being served while one thread computes the next."""
        from conflictkg.ask.analysis import analyse

        with self._computing:
            if self._analysis is None:
                self._analysis, self._analysed = analyse(self.snapshot), self.generation
            elif self._analysed != self.generation and not self._recomputing:
                self._recomputing = True
                threading.Thread(target=self._reanalyse, args=(analyse,), daemon=True).start()
            return self._analysis

    def _reanalyse(self, analyse) -> None:
        gen, snap = self.generation, self.snapshot
        try:
            result = analyse(snap)
            with self._computing:
                self._analysis, self._analysed, self._figures = result, gen, {}
        except (StoreError, OSError) as e:
            print(f"conflictkg serve: cannot analyse the new generation: {e}", file=sys.stderr)
        finally:
            self._recomputing = False

    def figure(self, name: str) -> bytes:
        """The analysis figure as PNG bytes, drawn once on first request."""
        with self._computing:
            return self._figure(name)

    def _figure(self, name: str) -> bytes:
        if name not in self._figures:
            from conflictkg.ask import figures

            buf = io.BytesIO()
            draw = {"network": figures.actor_network, "flows": figures.flow_map}[name]
            draw(self.analysis(), buf)
            self._figures[name] = buf.getvalue()
        return self._figures[name]

    def run(self, sparql: str) -> named.Result:
        """Run a query of the form: on the endpoint's workers if there are any, else on the store here."""
        try:
            policy.check("query", sparql, self.allow_service)
        except policy.ServiceRefused as e:
            raise QueryRefused(e.status, str(e)) from None
        if self.pool is None:
            return named.run_local(sparql, self.snapshot)
        status, _, body = self.pool.run({"op": "query", "accept": "application/sparql-results+json"},
                                        sparql.encode("utf-8"), self.timeout)
        text = body.decode("utf-8")
        if status != 200:
            raise QueryRefused(status, text.strip())
        return named.from_json(json.loads(text))

    # ------------------------------------------------------------------ WSGI
    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        posting = method == "POST" and path == "/review" and self.review is not None and self.review.writable
        if method not in ("GET", "HEAD") and not posting:
            body = b"the web view answers GET and HEAD only (and POST on /review when --writable)\n"
            start_response("405 Method Not Allowed", [("Content-Type", "text/plain; charset=utf-8"),
                                                      ("Allow", "GET, HEAD"), ("Content-Length", str(len(body)))])
            return [body]
        self.refresh()
        params = {k: v[0] for k, v in urllib.parse.parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            res = self.decide(environ) if posting else self.route(path, params)
        except ConflictKGError as err:
            code = getattr(err, "status", 400)
            res = message("Error", str(err), STATUS.get(code, f"{code} Error"))
        start_response(res.status, [("Content-Type", res.ctype), ("Content-Length", str(len(res.body))),
                                    ("X-Content-Type-Options", "nosniff"), *res.headers])
        return [res.body]

    def decide(self, environ) -> Response:
        """A review decision posted from the review page: a small form, read whole."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= review_page.MAX_FORM:
            raise QueryRefused(400, f"a review decision is a form of 1 to {review_page.MAX_FORM} bytes")
        return self.review.decide(environ["wsgi.input"].read(length))

    def route(self, path: str, params: dict[str, str]) -> Response:
        """The response of the first route whose pattern matches the path; 404 if none does or its view
        finds nothing there."""
        for pattern, view in ROUTES:
            m = pattern.fullmatch(path)
            if m:
                try:
                    return view(self, views.Request(path, params, m.groupdict()))
                except views.NotFound:
                    break
        return message("Not found", "No such page.", "404 Not Found")


class WebHandler(WSGIRequestHandler):
    """wsgiref's handler with the endpoint's limits: a socket timeout, and the Content-Length checked (and a
    body refused) before anything is read."""

    def setup(self):
        self.timeout = self.server.read_timeout
        super().setup()

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        try:
            body_length(self.headers)
        except BadRequest as e:
            self.close_connection = True
            self.send_error(e.status, str(e))
            return False
        return True

    def log_message(self, *args):
        pass


class WebServer(ThreadingMixIn, WSGIServer):
    """A thread per connection: one slow or half-sent request does not hold up the others."""

    daemon_threads = True
    allow_reuse_address = True
    read_timeout = READ_TIMEOUT

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # the client went away, or stayed silent past the read timeout
        super().handle_error(request, client_address)


def serve_ui(store: Store, host: str, port: int, pool=None, timeout: float = 30, *, allow_service: bool = False,
             read_timeout: float = READ_TIMEOUT, review: review_page.Review | None = None) -> WebServer:
    """A threaded WSGI server for the web view, not yet started: call serve_forever(). With `pool` (the
    endpoint's workers), its query form runs under the endpoint's timeout and row limit."""
    server = WebServer((host, port), WebHandler)
    server.read_timeout = read_timeout
    server.set_app(App(store, pool, timeout, allow_service, review))
    return server
