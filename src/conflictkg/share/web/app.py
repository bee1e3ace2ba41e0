"""A small server-rendered web view for analysts who do not write SPARQL (WSGI on the standard library's
wsgiref, pages from Jinja2 templates).

A route table sends each path to a view (views.py). The routes' patterns admit no dots or slashes inside a
name, so no path climbs out of web/static or reaches a page by a second spelling; every piece of text from
the data is escaped by the templates (pages.py).
"""
from __future__ import annotations

import io
import json
import re
import urllib.parse

from conflictkg.core.errors import ConflictKGError
from conflictkg.store import queries as named
from conflictkg.store.generations import Store

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
    (r"/static/(?P<file>[A-Za-z0-9_-]+\.(?P<ext>css|svg|png))", views.static),
]]
STATUS = {400: "400 Bad Request", 422: "422 Unprocessable Content", 503: "503 Service Unavailable"}


class QueryRefused(ConflictKGError):
    """A query the endpoint's workers refused or stopped, with the HTTP status they gave."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class App:
    def __init__(self, store: Store, pool=None, timeout: float = 30):
        """`pool`: the SPARQL endpoint's worker pool (conflictkg.share.serve.server.Pool). When given, the query
        form runs there, under the endpoint's timeout and row limit, instead of in this process without either."""
        self.store, self.pool, self.timeout = store, pool, timeout
        self.data = WebData(store)
        self._figures: dict[str, bytes] = {}
        self._analysis = None

    def analysis(self):
        """The NetworkX analysis, computed on first use and kept: the store does not change under us."""
        if self._analysis is None:
            from conflictkg.ask.analysis import analyse

            self._analysis = analyse(self.store)
        return self._analysis

    def figure(self, name: str) -> bytes:
        """The analysis figure as PNG bytes, drawn once on first request."""
        if name not in self._figures:
            from conflictkg.ask import figures

            buf = io.BytesIO()
            draw = {"network": figures.actor_network, "flows": figures.flow_map}[name]
            draw(self.analysis(), buf)
            self._figures[name] = buf.getvalue()
        return self._figures[name]

    def run(self, sparql: str) -> named.Result:
        """Run a query of the form: on the endpoint's workers if there are any, else on the store here."""
        if self.pool is None:
            return named.run_local(sparql, self.store)
        status, _, body = self.pool.run({"op": "query", "accept": "application/sparql-results+json"},
                                        sparql.encode("utf-8"), self.timeout)
        text = body.decode("utf-8")
        if status != 200:
            raise QueryRefused(status, text.strip())
        return named.from_json(json.loads(text))

    # ------------------------------------------------------------------ WSGI
    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        params = {k: v[0] for k, v in urllib.parse.parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            res = self.route(path, params)
        except ConflictKGError as err:
            code = getattr(err, "status", 400)
            res = message("Error", str(err), STATUS.get(code, f"{code} Error"))
        start_response(res.status, [("Content-Type", res.ctype), ("Content-Length", str(len(res.body))),
                                    ("X-Content-Type-Options", "nosniff")])
        return [res.body]

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


def serve_ui(store: Store, host: str, port: int, pool=None, timeout: float = 30):
    """A WSGI server for the web view (stdlib wsgiref), not yet started: call serve_forever(). With `pool`
    (the endpoint's workers), its query form runs under the endpoint's timeout and row limit."""
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    return make_server(host, port, App(store, pool, timeout), handler_class=Quiet)
