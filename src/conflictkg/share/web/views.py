"""The pages of the web view. Each view takes the app and the request and returns a Response, or raises
NotFound; the route table in app.py says which path goes to which view."""
from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from conflictkg.ask.tabular import local
from conflictkg.core.errors import ConflictKGError
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.store import queries as named

from .data import Fact, WebData
from .pages import Response, page

STATIC = Path(__file__).parent / "static"
PAGE = 50  # rows of a query result a page shows
ID = "https://w3id.org/conflictkg/id/"
# updates are refused here; SERVICE by the server's policy on the parsed query (App.run), as on the endpoint
_FORBIDDEN = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|COPY|MOVE|ADD)\b", re.IGNORECASE)
_STATIC_TYPES = {"css": "text/css", "svg": "image/svg+xml", "png": "image/png"}
# an entity's page path, as app.ROUTES matches it: its kind, then up to 8 parts (no dots: nothing climbs)
ENTITY_PATH = re.compile(r"(?P<kind>actor|place)/(?P<name>[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+){0,7})")


class NotFound(Exception):
    """No page at this path: an unknown entity, fact or file."""


@dataclass
class Request:
    path: str
    params: dict[str, str]                              # the query string, first value of each name
    args: dict[str, str] = field(default_factory=dict)  # the route's named groups


@dataclass(frozen=True)
class Ref:
    """How a page names an IRI: a link to its page (an entity's with its Arabic name), else plain text."""
    text: str
    href: str | None = None
    ar: str | None = None


def entity_path(iri: str, kind: str) -> str | None:
    """The page of an actor or place: its IRI's path under …/id/, which has the dataset's part for an
    imported one (/actor/acled/islamic-state-syria, /place/acled/syria/deir-ez-zor/…); None if it has none."""
    path = iri[len(ID):] if iri.startswith(f"{ID}{kind}/") else ""
    return f"/{path}" if ENTITY_PATH.fullmatch(path) else None


def ref(data: WebData, iri: str) -> Ref:
    if iri in data.entities:
        ent = data.entities[iri]
        return Ref(ent.en, entity_path(iri, ent.kind), ent.ar)
    if iri in data.facts:
        return Ref(data.facts[iri].summary, data.facts[iri].path)
    return Ref(local(iri))


def by_date(items: list[tuple[str, Fact]]) -> list[tuple[str, Fact]]:
    return sorted(items, key=lambda x: (x[1].earliest or "", x[1].iri, x[0]))


# ---------------------------------------------------------------------- pages
def search(app, req: Request) -> Response:
    """The home page, or with ?q= the actors, places and facts that match."""
    q = req.params.get("q", "")
    if not q:
        counts: dict[str, int] = {}
        for f in app.data.facts.values():
            counts[f.type] = counts.get(f.type, 0) + 1
        return page("home.html", title="Search actors, places and facts", counts=sorted(counts.items()))
    entities, facts = app.data.search(q)
    return page("search.html", title=f"Search: {q}", entities=[(ref(app.data, x.iri), x.cls) for x in entities],
                facts=by_date([("", f) for f in facts]))


def entity(app, req: Request) -> Response:
    """An actor or a place: its names, what it is part of, where it is, and its facts."""
    iri = f"{ID}{req.args['kind']}/{req.args['name']}"
    if iri not in app.data.entities:
        raise NotFound(iri)
    ent = app.data.entities[iri]
    return page("entity.html", title=ent.en, ent=ent, parents=[ref(app.data, p) for p in ent.parents],
                facts=by_date(app.data.by_entity.get(iri, [])))


def fact(app, req: Request) -> Response:
    """A fact with its evidence: the article right to left, the quoted span highlighted."""
    iri = f"{ID}fact/{req.args['source']}/{req.args['name']}"
    if iri not in app.data.facts:
        raise NotFound(iri)
    f = app.data.facts[iri]
    title = f.summary if len(f.summary) <= 90 else f.summary[:90].rsplit(" ", 1)[0] + " …"
    return page("fact.html", title=title, f=f, art=app.data.articles[f.article], reporter=ref(app.data, f.reporter),
                links=[(link, ref(app.data, target)) for link, target in sorted(f.links)])


def xy(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection of the frame lon 35–43.2, lat 32.2–37.6 into an 820 × 540 box."""
    return round((lon - 35.0) * 100, 1), round((37.6 - lat) * 100, 1)


@lru_cache(maxsize=1)
def outlines() -> tuple[dict, ...]:
    """The country outlines as SVG polygon points, Syria filled apart; read once, they are package data."""
    out = []
    doc = json.loads((SEEDS_DIR / "boundaries" / "countries.geojson").read_text(encoding="utf-8"))
    for feat in doc["features"]:
        geom = feat["geometry"]
        for poly in geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]:
            out.append({"points": " ".join("{},{}".format(*xy(lon, lat)) for lon, lat in poly[0]),
                        "fill": "#f6f3ea" if feat["properties"]["iso_a3"] == "SYR" else "#eeeeee"})
    return tuple(out)


def map_page(app, req: Request) -> Response:
    """Places with a point as circles sized by their facts, over the country outlines; no tile server."""
    places = []
    for iri, ent in sorted(app.data.entities.items()):
        if ent.kind != "place" or ent.lat is None:
            continue
        n = sum(1 for link, f in app.data.by_entity.get(iri, []) if link == "hasPlace")
        x, y = xy(ent.lon, ent.lat)
        places.append({"href": entity_path(iri, "place"), "x": x, "y": y, "r": 2 + min(n, 12), "n": n,
                       "en": ent.en, "ar": ent.ar,
                       # label the busy places
                       "label": n >= 4 and ent.cls not in ("Country", "Region", "DesertRegion")})
    return page("map.html", title="Map of places and events", polygons=outlines(), places=places)


def network(app, req: Request) -> Response:
    return page("network.html", title="Who fights whom")


def flows(app, req: Request) -> Response:
    return page("flows.html", title="Where fighters were moved", routes=app.analysis().deal_routes())


def figure(app, req: Request) -> Response:
    """The analysis figure as PNG."""
    return Response("200 OK", "image/png", app.figure(req.args["name"]))


def _cell(data: WebData, value: str | None) -> Ref:
    """A result cell: a link to the page of an entity or fact it names, else its text, whole."""
    if value is None:
        return Ref("")
    if value in data.entities or value in data.facts:
        return ref(data, value)
    return Ref(value)


def _csv(result: named.Result) -> Response:
    """The whole result as CSV (UTF-8, each cell made safe for spreadsheets), as a download."""
    import csv
    import io

    from conflictkg.core import csvsafe

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(result.columns)
    numbers = csvsafe.numeric_columns(result.columns, result.rows)
    for r in result.rows:
        w.writerow(csvsafe.row([r.get(c) for c in result.columns], [c in numbers for c in result.columns]))
    return Response("200 OK", "text/csv; charset=utf-8", buf.getvalue().encode("utf-8"))


def queries(app, req: Request) -> Response:
    """The query form: a named query with parameters, or SPARQL text (read queries only). The result is a
    table, PAGE rows a page, whose IRIs of entities and facts link to their pages; ?format=csv downloads it
    whole (the endpoint's --max-rows still applies)."""
    params, result = req.params, None
    if params.get("text"):
        text = params["text"]
        if _FORBIDDEN.search(re.sub(r"#.*", "", text)):
            raise ConflictKGError("only read queries run here: updates are refused")
        result = app.run(text)
    elif params.get("name"):
        pairs = [p.strip() for p in params.get("params", "").split(";") if p.strip()]
        result = app.run(named.bind(named.find(params["name"]), named.parse_params(pairs)))
    if result is not None and params.get("format") == "csv":
        return _csv(result)
    table = None
    if result is not None:
        pages = max(1, -(-len(result.rows) // PAGE))
        try:
            number = min(max(1, int(params.get("page", "1"))), pages)
        except ValueError:
            raise ConflictKGError("page must be a number") from None
        keep = {k: v for k, v in params.items() if k in ("name", "params", "text") and v}
        link = "/sparql?" + urllib.parse.urlencode(keep)
        shown = result.rows[(number - 1) * PAGE:number * PAGE]
        table = {"columns": result.columns, "total": len(result.rows), "page": number, "pages": pages,
                 "first": (number - 1) * PAGE + 1 if shown else 0, "last": (number - 1) * PAGE + len(shown),
                 "rows": [[_cell(app.data, r.get(c)) for c in result.columns] for r in shown],
                 "prev": f"{link}&page={number - 1}" if number > 1 else None,
                 "next": f"{link}&page={number + 1}" if number < pages else None,
                 "csv": f"{link}&format=csv"}
    return page("queries.html", title="Queries", library=named.library().items(), selected=params.get("name"),
                params=params.get("params", ""), text=params.get("text", ""), table=table)


def static(app, req: Request) -> Response:
    """A file of web/static by name: the route allows no slashes or dots beyond the extension."""
    path = STATIC / req.args["file"]
    if not path.is_file():
        raise NotFound(req.path)
    return Response("200 OK", _STATIC_TYPES[req.args["ext"]], path.read_bytes())
