"""Lining dataset names up with the graph's actors and places: mapped, matched by name, or created new.

An actor or place the mappings or our labels identify is one entity: the dataset's spelling is added to it
as an English skos:altLabel. Anything else is created in the dataset's namespace with ckg:importedFrom, once.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from conflictkg.core.arabic import match_key
from conflictkg.core.errors import FactError, FactErrors
from conflictkg.core.ns import ID
from conflictkg.store import ntriples as nt
from conflictkg.store import queries
from conflictkg.store.generations import Store

from .dataset import Dataset
from .incident import Incident
from .mapping import Mappings, actor_key, name_key, name_slug
from .registry import DATASETS

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
WGS = "http://www.w3.org/2003/01/geo/wgs84_pos#"
GEO = "http://www.opengis.net/ont/geosparql#"
LEVEL_CLASS = {0: "Governorate", 1: "District", 2: "Subdistrict"}
ADMIN = {"AdministrativeUnit", "Country", "Governorate", "District", "Subdistrict"}
_ADMIN_WORD = re.compile(r"\b(governorate|province|district|sub ?district|nahiya)$")
_ARABIC = re.compile("[\u0600-\u06ff]")
NEAR_KM = 25  # a dataset point this close to one of our places of the same name is that place


@dataclass
class Entity:
    iri: str
    kind: str
    cls: str
    parents: set[str] = field(default_factory=set)
    lat: float | None = None
    lon: float | None = None


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


class EntityMatcher:
    """The graph's actors and places for the names of a dataset's rows, minting those it cannot match."""

    def __init__(self, store: Store, maps: Mappings, dataset: Dataset):
        self.maps, self.dataset = maps, dataset
        self.known: dict[str, Entity] = {}
        self.actor_names: dict[str, str] = {}     # folded English name → actor IRI
        self.place_names: dict[str, set[str]] = {}  # name key → place IRIs
        self.labelled: set[tuple[str, str]] = set()  # (entity, English name) already stated
        self.arabic: dict[str, str] = {}  # folded Arabic name or variant → actor IRI
        self._cache: dict = {}
        for r in queries.rows(store, "import/entities"):
            e = self.known.setdefault(r["entity"], Entity(r["entity"], r["kind"], r["class"].rsplit("#", 1)[-1]))
            if r["parent"]:
                e.parents.add(r["parent"])
            if r["lat"] is not None:
                e.lat, e.lon = float(r["lat"]), float(r["lon"])
            if r["ar"] and e.kind == "actor":
                self.arabic.setdefault(match_key(r["ar"], drop_spaces=True), e.iri)
            for name in filter(None, (r["en"], r["alt"])):
                self.labelled.add((e.iri, name))
                if e.kind == "actor":
                    self.actor_names.setdefault(actor_key(name), e.iri)
                else:
                    self.place_names.setdefault(name_key(name), set()).add(e.iri)
        self._check_mappings()
        self.referenced: set[str] = set()
        self.created: list[str] = []                  # entities minted in the current batch
        self.new_labels: list[tuple[str, str]] = []   # names stated in the current batch
        self.cached_now: list = []

    def start_batch(self) -> None:
        self.referenced, self.created, self.new_labels = set(), [], []
        self.cached_now: list = []  # keys resolved in the current batch: a rollback forgets them

    def _cached(self, key, make, out):
        """The entity for `key`, resolved once per run: most rows repeat a few hundred names and places.
        What resolving it referred to is kept with it, whether or not the batch had referred to it already,
        so that a later batch's hit refers to all of it too."""
        hit = self._cache.get(key)
        if hit is None:
            outer, self.referenced = self.referenced, set()
            try:
                iri = make(out)
            finally:
                refs, self.referenced = self.referenced, outer
            hit = self._cache[key] = (iri, tuple(refs))
            self.cached_now.append(key)
        self.referenced.update(hit[1])
        self.referenced.add(hit[0])
        return hit[0]

    def rollback(self) -> None:
        """Forget what the current batch minted and named: it is being rebuilt without its bad rows. What
        earlier batches resolved (and published) stays cached."""
        for iri in self.created:
            self.known.pop(iri, None)
        gone = set(self.created)
        self.actor_names = {k: v for k, v in self.actor_names.items() if v not in gone}
        self.labelled -= set(self.new_labels)
        for key in self.cached_now:
            self._cache.pop(key, None)
        self.start_batch()

    def _check_mappings(self) -> None:
        errors = []
        for dataset, table in self.maps.actors.items():
            for name, (_, aid) in table.items():
                if str(ID[f"actor/{aid}"]) not in self.known:
                    errors.append(FactError(f"'{name}' maps to unknown actor '{aid}'",
                                            file=f"mappings/{DATASETS[dataset].actor_mappings}",
                                            fix="use an id of seeds/actors.yaml (and build first)"))
        for key, targets in self.maps.places.items():
            for pid, level in targets:
                iri = str(ID[f"place/{pid}"])
                if iri not in self.known:
                    errors.append(FactError(f"'{key}' maps to unknown place '{pid}'", file="mappings/place-names.yaml",
                                            fix="use an id of seeds/places.yaml"))
                else:
                    self.place_names.setdefault(key, set()).add(iri)
        if errors:
            raise FactErrors(errors)

    # ------------------------------------------------------------------ actors
    def actor(self, name: str, kind_code: str, out: nt.Lines) -> str:
        return self._cached(("actor", name, kind_code), lambda o: self._actor(name, kind_code, o), out)

    def _actor(self, name: str, kind_code: str, out: nt.Lines) -> str:
        key = actor_key(name)
        mapped = self.maps.actors.get(self.dataset.name, {}).get(key)
        if mapped and mapped[0] == "actor":
            iri = str(ID[f"actor/{mapped[1]}"])
            self._label(iri, name, out)
        elif not mapped and key in self.actor_names:
            iri = self.actor_names[key]
        elif not mapped and _ARABIC.search(name) and match_key(name, drop_spaces=True) in self.arabic:
            iri = self.arabic[match_key(name, drop_spaces=True)]  # an Arabic spelling of one of our actors
        else:
            iri = self.dataset.mint("actor", name_slug(name))
            if iri not in self.known:
                cls = self.maps.inter_class(kind_code) or "Actor"
                self._new(iri, "actor", cls, name, out)
                self.actor_names[key] = iri
                if mapped:
                    prop = "exactMatch" if mapped[0] == "exact_match" else "closeMatch"
                    out.add(nt.iri(iri), f"<{SKOS}{prop}>", nt.iri(str(ID[f"actor/{mapped[1]}"])))
        self.referenced.add(iri)
        return iri

    # ------------------------------------------------------------------ places
    def place(self, inc: Incident, out: nt.Lines) -> str:
        """The most precise place of the row, creating the admin chain below the country as needed."""
        key = ("place", inc.country, *inc.admin, inc.location, inc.lat, inc.lon, inc.geo_precision)
        return self._cached(key, lambda o: self._place(inc, o), out)

    def _place(self, inc: Incident, out: nt.Lines) -> str:
        parent = self._country(inc.country, out)
        path = [name_slug(inc.country) if inc.country else "unknown"]
        levels = [(i, n) for i, n in enumerate(inc.admin) if n] + ([(3, inc.location)] if inc.location else [])
        point = (inc.lat, inc.lon) if inc.lat is not None else None
        for i, name in levels:
            path.append(name_slug(name))
            found = self._match(name, i, parent, point if i == 3 else None)
            if found:
                self._label(found, name, out)
                parent = found
                continue
            iri = self.dataset.mint("place", *path)
            if iri not in self.known:
                cls = "Place" if i == 3 else LEVEL_CLASS[i] if self.known[parent].cls in (
                    "Country" if i == 0 else LEVEL_CLASS[i - 1],) else "AdministrativeUnit"
                self._new(iri, "place", cls, name, out, parent=parent, point=point if i == 3 else None,
                          precision=inc.geo_precision)
            parent = iri
        self.referenced.add(parent)
        return parent

    def _country(self, name: str, out: nt.Lines) -> str:
        for iri in sorted(self.place_names.get(name_key(name), ())):
            if self.known[iri].cls == "Country":
                return iri
        iri = self.dataset.mint("place", name_slug(name) if name else "unknown")
        if iri not in self.known:
            self._new(iri, "place", "Country", name or "unknown country", out)
        return iri

    def _within(self, iri: str, ancestor: str) -> bool:
        seen, frontier = set(), [iri]
        while frontier:
            nxt = []
            for p in frontier:
                for q in self.known[p].parents if p in self.known else ():
                    if q == ancestor:
                        return True
                    if q not in seen:
                        seen.add(q)
                        nxt.append(q)
            frontier = nxt
        return False

    def _match(self, name: str, level: int, parent: str, point) -> str | None:
        want = {0: {"Governorate"}, 1: {"District"}, 2: {"Subdistrict"}}.get(level)
        if want is None and _ADMIN_WORD.search(name.lower()):
            want = ADMIN  # a location written as an admin area ('Idlib Governorate') is that area
        cands = [c for c in sorted(self.place_names.get(name_key(name), ()))
                 if c in self.known and not self.known[c].iri.startswith(self.dataset.mint("place") + "/")
                 and (self.known[c].cls in want if want else self.known[c].cls not in ADMIN)]
        inside = [c for c in cands if c == parent or self._within(c, parent)]
        if inside:
            cands = inside
        elif point is not None:
            cands = [c for c in cands if self.known[c].lat is not None
                     and _km(point, (self.known[c].lat, self.known[c].lon)) <= NEAR_KM]
        return cands[0] if len(cands) == 1 else None

    # ------------------------------------------------------------------ shared
    def _label(self, iri: str, name: str, out: nt.Lines) -> None:
        if (iri, name) not in self.labelled:
            self.labelled.add((iri, name))
            self.new_labels.append((iri, name))
            out.add(nt.iri(iri), f"<{SKOS}altLabel>", nt.text(name, "en"))

    def _new(self, iri: str, kind: str, cls: str, name: str, out: nt.Lines, *, parent=None, point=None,
             precision=None) -> None:
        self.known[iri] = Entity(iri, kind, cls, {parent} if parent else set(),
                                 *(point if point else (None, None)))
        self.labelled.add((iri, name))
        self.new_labels.append((iri, name))
        self.created.append(iri)
        s = nt.iri(iri)
        out.add(s, nt.RDF_TYPE, nt.ckg(cls))
        out.add(s, RDFS_LABEL, nt.text(name, "ar" if _ARABIC.search(name) else "en"))
        out.add(s, nt.ckg("importedFrom"), nt.iri(self.dataset.iri))
        if parent:
            out.add(s, nt.ckg("partOf"), nt.iri(parent))
            out.add(s, nt.ckg("directlyPartOf"), nt.iri(parent))
            self.referenced.add(parent)
        if point:
            lat, lon = point
            geom = iri + "/geometry"
            out.add(s, f"<{GEO}hasGeometry>", nt.iri(geom))
            out.add(nt.iri(geom), nt.RDF_TYPE, f"<{GEO}Geometry>")
            out.add(nt.iri(geom), f"<{GEO}asWKT>", nt.typed(f"POINT({lon:.5f} {lat:.5f})", "wktLiteral").replace(
                nt.XSD + "wktLiteral", GEO + "wktLiteral"))
            out.add(s, f"<{WGS}lat>", nt.typed(f"{lat:.5f}", "decimal"))
            out.add(s, f"<{WGS}long>", nt.typed(f"{lon:.5f}", "decimal"))
            out.add(s, nt.ckg("geoPrecision"), nt.typed(precision or 3, "integer"))
            out.add(s, nt.ckg("coordinateSource"), nt.text("dataset"))
            out.add(s, nt.ckg("coordinateBasis"),
                    nt.text(f"the point {self.dataset.name.upper()} gives for this location"))

    def context(self, iris) -> bytes:
        """rdf:type triples of already-known entities a batch refers to: what SHACL needs to check classes."""
        lines = nt.Lines()
        for iri in sorted(iris):
            e = self.known.get(iri)
            if e is not None:
                lines.add(nt.iri(iri), nt.RDF_TYPE, nt.ckg(e.cls))
                for p in sorted(e.parents):
                    if p in self.known:
                        lines.add(nt.iri(p), nt.RDF_TYPE, nt.ckg(self.known[p].cls))
        return lines.bytes()
