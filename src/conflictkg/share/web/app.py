"""A small server-rendered web view for analysts who do not write SPARQL (WSGI, standard library only).

Every piece of text from the data is escaped with html.escape; static files are served only from
web/static by name, so paths cannot climb out of it.
"""
from __future__ import annotations

import html
from pathlib import Path
import json
import re
import urllib.parse

from conflictkg.store import queries as named
from conflictkg.core.errors import ConflictKGError
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.store.generations import Store
from conflictkg.ask.render import render
from conflictkg.ask.tabular import local
from .data import Fact, WebData

STATIC = Path(__file__).parent / "static"
MAX_ROWS = 1000
_FORBIDDEN = re.compile(r"\b(SERVICE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|COPY|MOVE|ADD)\b", re.IGNORECASE)
e = html.escape


def page(title: str, body: str) -> bytes:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)} · conflictkg</title>
<link rel="stylesheet" href="/static/style.css"></head>
<body><header><a href="/">conflictkg</a> · <a href="/map">map</a> · <a href="/network">network</a> ·
<a href="/flows">fighter flows</a> · <a href="/sparql">queries</a>
<form action="/" method="get"><input name="q" placeholder="بحث / search" aria-label="search"></form></header>
<main><h1>{e(title)}</h1>{body}</main></body></html>""".encode("utf-8")


class QueryRefused(ConflictKGError):
    """A query the endpoint's workers refused or stopped, with the HTTP status they gave."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class App:
    def __init__(self, store: Store, pool=None, timeout: float = 30):
        """`pool`: the SPARQL endpoint's worker pool (conflictkg.serve.Pool). When given, the query form runs
        there, under the endpoint's timeout and row limit, instead of in this process without either."""
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
            import io

            from conflictkg.ask import figures

            buf = io.BytesIO()
            draw = {"network": figures.actor_network, "flows": figures.flow_map}[name]
            draw(self.analysis(), buf)
            self._figures[name] = buf.getvalue()
        return self._figures[name]

    # ------------------------------------------------------------------ WSGI
    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        params = {k: v[0] for k, v in urllib.parse.parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            status, ctype, body = self.route(path, params)
        except ConflictKGError as err:
            code = getattr(err, "status", 400)
            status = {400: "400 Bad Request", 422: "422 Unprocessable Content",
                      503: "503 Service Unavailable"}.get(code, f"{code} Error")
            ctype, body = "text/html; charset=utf-8", page("Error", f"<p>{e(str(err))}</p>")
        start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(body))),
                                ("X-Content-Type-Options", "nosniff")])
        return [body]

    def route(self, path: str, params: dict):
        html_ok = "200 OK", "text/html; charset=utf-8"
        if path == "/":
            return (*html_ok, self.home(params.get("q", "")))
        m = re.fullmatch(r"/(actor|place)/([A-Za-z0-9_-]+)", path)
        if m:
            iri = f"https://w3id.org/conflictkg/id/{m[1]}/{m[2]}"
            if iri in self.data.entities:
                return (*html_ok, self.entity(iri))
        m = re.fullmatch(r"/fact/([A-Za-z0-9_]+)/([A-Za-z0-9_-]+)", path)
        if m:
            iri = f"https://w3id.org/conflictkg/id/fact/{m[1]}/{m[2]}"
            if iri in self.data.facts:
                return (*html_ok, self.fact(self.data.facts[iri]))
        if path == "/map":
            return (*html_ok, self.map())
        if path in ("/network", "/flows"):
            return (*html_ok, self.figure_page(path[1:]))
        if path in ("/network.png", "/flows.png"):
            return "200 OK", "image/png", self.figure(path[1:-4])
        if path == "/sparql":
            return (*html_ok, self.sparql(params))
        m = re.fullmatch(r"/static/([A-Za-z0-9_-]+\.(css|svg|png))", path)
        if m and (STATIC / m[1]).is_file():
            ctype = {"css": "text/css", "svg": "image/svg+xml", "png": "image/png"}[m[2]]
            return "200 OK", ctype, (STATIC / m[1]).read_bytes()
        return "404 Not Found", "text/html; charset=utf-8", page("Not found", "<p>No such page.</p>")

    # ------------------------------------------------------------------ pieces
    def link(self, iri: str) -> str:
        if iri in self.data.entities:
            ent = self.data.entities[iri]
            return (f'<a href="/{ent.kind}/{e(local(iri))}">{e(ent.en)}</a> '
                    f'<span lang="ar" dir="rtl">{e(ent.ar)}</span>')
        if iri in self.data.facts:
            return f'<a href="{e(self.data.facts[iri].path)}">{e(self.data.facts[iri].summary)}</a>'
        return e(local(iri))

    def fact_rows(self, items: list[tuple[str, Fact]]) -> str:
        rows = "".join(f"<tr><td>{e(f.when)}</td><td>{e(f.type)}</td><td>{e(role)}</td>"
                       f'<td><a href="{e(f.path)}">{e(f.summary)}</a></td><td>{e(f.certainty)}</td></tr>'
                       for role, f in sorted(items, key=lambda x: (x[1].earliest or "", x[1].iri, x[0])))
        return ("<table><tr><th>when</th><th>kind</th><th>role</th><th>fact</th><th>certainty</th></tr>"
                f"{rows}</table>") if rows else "<p>No facts.</p>"

    # ------------------------------------------------------------------ pages
    def home(self, q: str) -> bytes:
        if not q:
            counts = {}
            for f in self.data.facts.values():
                counts[f.type] = counts.get(f.type, 0) + 1
            items = "".join(f"<li>{e(k)}: {v}</li>" for k, v in sorted(counts.items()))
            return page("Search actors, places and facts",
                        f"<p>Search by Arabic or English name, e.g. <a href='/?q=البوكمال'>البوكمال</a>, "
                        f"<a href='/?q=Hezbollah'>Hezbollah</a>.</p><ul>{items}</ul>")
        entities, facts = self.data.search(q)
        ents = "".join(f"<li>{self.link(x.iri)} <small>({e(x.cls)})</small></li>" for x in entities)
        body = (f"<h2>Actors and places ({len(entities)})</h2><ul>{ents}</ul>"
                f"<h2>Facts ({len(facts)})</h2>{self.fact_rows([('', f) for f in facts])}")
        return page(f"Search: {q}", body)

    def entity(self, iri: str) -> bytes:
        ent = self.data.entities[iri]
        parents = ", ".join(self.link(p) for p in ent.parents) or "—"
        where = (f"<p>Point: {ent.lat:.5f}, {ent.lon:.5f} (precision {ent.geo_precision}, {e(ent.coord_source or '')})"
                 + (f", GeoNames {ent.geonames}" if ent.geonames else "") + "</p>") if ent.lat is not None else ""
        body = (f'<p class="ar" lang="ar" dir="rtl">{e(ent.ar)}</p><p>{e(ent.cls)} · part of: {parents}</p>{where}'
                f"<h2>Facts</h2>{self.fact_rows(self.data.by_entity.get(iri, []))}")
        return page(ent.en, body)

    def fact(self, f: Fact) -> bytes:
        art = self.data.articles[f.article]
        text = art.text
        # the evidence span is highlighted in the article, which is escaped piece by piece
        highlighted = (e(text[: f.start]) + f'<mark id="evidence">{e(text[f.start:f.end])}</mark>'
                       + e(text[f.end:]))
        links = "".join(f"<li>{e(link)}: {self.link(iri)}</li>" for link, iri in sorted(f.links))
        body = (f"<p>{e(f.summary)}</p><ul><li>kind: {e(f.type)}</li><li>when: {e(f.when)}</li>"
                f"<li>reported by: {self.link(f.reporter)}</li><li>certainty: {e(f.certainty)}"
                + (f" ({e(f.claim)})" if f.claim else "") + f"</li>{links}</ul>"
                f'<h2>Evidence</h2><blockquote lang="ar" dir="rtl">{e(f.quote)}</blockquote>'
                f"<p>characters {f.start}–{f.end} of <em>{e(art.title)}</em> ({e(art.earliest)})</p>"
                f'<article class="ar" lang="ar" dir="rtl">{highlighted}</article>')
        title = f.summary if len(f.summary) <= 90 else f.summary[:90].rsplit(" ", 1)[0] + " …"
        return page(title, body)

    def map(self) -> bytes:
        # equirectangular projection of the frame lon 35–43.2, lat 32.2–37.6 into an 820 × 540 box
        def xy(lon, lat):
            return round((lon - 35.0) * 100, 1), round((37.6 - lat) * 100, 1)

        shapes = []
        doc = json.loads((SEEDS_DIR / "boundaries" / "countries.geojson").read_text(encoding="utf-8"))
        for feat in doc["features"]:
            geom = feat["geometry"]
            for poly in geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]:
                pts = " ".join("{},{}".format(*xy(lon, lat)) for lon, lat in poly[0])
                fill = "#f6f3ea" if feat["properties"]["iso_a3"] == "SYR" else "#eeeeee"
                shapes.append(f'<polygon points="{pts}" fill="{fill}" stroke="#999" stroke-width="0.8"/>')
        for iri, ent in sorted(self.data.entities.items()):
            if ent.kind != "place" or ent.lat is None:
                continue
            n = sum(1 for link, f in self.data.by_entity.get(iri, []) if link == "hasPlace")
            x, y = xy(ent.lon, ent.lat)
            shapes.append(f'<a href="/place/{e(local(iri))}"><circle cx="{x}" cy="{y}" r="{2 + min(n, 12)}" '
                          f'fill="#c0392b" fill-opacity="0.55"><title>{e(ent.en)} · {e(ent.ar)} · {n} facts'
                          f"</title></circle></a>")
            if n >= 4 and ent.cls not in ("Country", "Region", "DesertRegion"):  # label the busy places
                shapes.append(f'<text x="{x + 6}" y="{y + 4}" font-size="11" fill="#333">{e(ent.en)}</text>')
        svg = (f'<svg viewBox="0 0 820 540" width="820" height="540" role="img" aria-label="map">'
               f'{"".join(shapes)}</svg>')
        return page("Map of places and events", "<p>Circle size: facts at the place. Outlines: Natural Earth "
                    "(public domain); drawn offline, no tile server.</p>" + svg)

    def figure_page(self, name: str) -> bytes:
        if name == "network":
            text = ("Red ties are hostile (attacks, opposition), blue ones cooperative (deals, support, "
                    "alliance); line width counts events and statements.")
            return page("Who fights whom", f"<p>{text}</p><img src='/network.png' alt='actor network' width='1000'>")
        rows = []
        for r in self.analysis().deal_routes():
            rows.append(f"<tr><td>{e(r['from'])}</td><td>{e(r['to'])}</td><td>{e(r['date'])}</td>"
                        f"<td>{r['fighters'] or 'not stated'}</td></tr>")
        table = ("<table><tr><th>from</th><th>to</th><th>date (earliest)</th><th>fighters (lower bound)</th></tr>"
                 + "".join(rows) + "</table>")
        return page("Where fighters were moved", "<img src='/flows.png' alt='fighter flows' width='1000'>"
                    "<h2>Transfer-deal routes</h2>" + table)

    def sparql(self, params: dict) -> bytes:
        lib = named.library()
        options = "".join(f'<option value="{e(n)}"{" selected" if n == params.get("name") else ""}>{e(q.title)}'
                          f"</option>" for n, q in lib.items())
        form = (f'<form method="get" action="/sparql"><select name="name">{options}</select> '
                f'<input name="params" placeholder="km=30; place=Abu Kamal" value="{e(params.get("params", ""))}">'
                f'<button>run</button></form><form method="get" action="/sparql"><textarea name="text" rows="6" '
                f'cols="80">{e(params.get("text", ""))}</textarea><br><button>run SPARQL</button></form>')
        result = ""
        if params.get("text"):
            text = params["text"]
            if _FORBIDDEN.search(re.sub(r"#.*", "", text)):
                raise ConflictKGError("only read queries run here: SERVICE and updates are refused")
            res = self.run(text)
            res.rows = res.rows[:MAX_ROWS]
            result = f"<pre>{e(render(res))}</pre>"
        elif params.get("name"):
            pairs = [p.strip() for p in params.get("params", "").split(";") if p.strip()]
            res = self.run(named.bind(named.find(params["name"]), named.parse_params(pairs)))
            res.rows = res.rows[:MAX_ROWS]
            result = f"<pre>{e(render(res))}</pre>"
        return page("Queries", form + result)


    def run(self, sparql: str) -> named.Result:
        if self.pool is None:
            return named.run_local(sparql, self.store)
        status, _, body = self.pool.run({"op": "query", "accept": "application/sparql-results+json"},
                                        sparql.encode("utf-8"), self.timeout)
        text = body.decode("utf-8")
        if status != 200:
            raise QueryRefused(status, text.strip())
        return named.from_json(json.loads(text))


def serve_ui(store: Store, host: str, port: int, pool=None, timeout: float = 30):
    """A WSGI server for the web view (stdlib wsgiref), not yet started: call serve_forever(). With `pool`
    (the endpoint's workers), its query form runs under the endpoint's timeout and row limit."""
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    return make_server(host, port, App(store, pool, timeout), handler_class=Quiet)

