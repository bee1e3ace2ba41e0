"""fastshacl against pyshacl: the same (focus, shape, path) results on the seed graph, on import batches,
and on mutations that each break one constraint (tests/data/fastshacl/mutations.yaml)."""
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from helpers import copy_store
from pyshacl import validate as pyshacl_validate
from rdflib import Graph

from conflictkg.ingest.imports import batch_shacl as batch_validate
from conflictkg.ingest.imports.run import import_file
from conflictkg.model import ontology, shacl
from conflictkg.model.shacl.fast import Unsupported, validate
from conflictkg.model.shacl.fast.compile import compile_graph
from conflictkg.store.generations import Store

DATA = Path(__file__).parents[1] / "data"
MUTATIONS = yaml.safe_load((DATA / "fastshacl" / "mutations.yaml").read_text(encoding="utf-8"))
FACTS = ox.NamedNode("https://w3id.org/conflictkg/graph/facts")
PREFIXES = """PREFIX ckg: <https://w3id.org/conflictkg/ontology#> PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX id: <https://w3id.org/conflictkg/id/>
"""


@lru_cache(maxsize=1)
def ontology_nt() -> bytes:
    return ontology.graph().serialize(format="nt", encoding="utf-8")


def key(results) -> set[tuple[str, str, str]]:
    return {(r.focus, r.shape, r.path) for r in results}


def both(data: bytes, focus: set[str] | None = None):
    """(pyshacl's, fastshacl's) result keys for N-Triples `data` with the ontology."""
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    slow = [r for r in shacl.validate(g).results if focus is None or r.focus in focus]
    fast = validate(data + b"\n" + ontology_nt(), focus=focus)
    return key(slow), key(fast)


@pytest.fixture(scope="module")
def seed_facts(store) -> bytes:
    return store.open().dump(format=ox.RdfFormat.N_TRIPLES, from_graph=FACTS)


def test_seed_graph_gives_the_same_results(seed_facts, store):
    slow, fast = both(seed_facts)
    assert slow == fast == set()
    assert validate(store) == []  # the built store itself: facts and ontology in their named graphs


@pytest.mark.parametrize("m", MUTATIONS, ids=[m["name"] for m in MUTATIONS])
def test_mutation_gives_the_same_results(seed_facts, m):
    db = ox.Store()
    db.load(seed_facts, format=ox.RdfFormat.N_TRIPLES)
    before = len(db)
    db.update(PREFIXES + m["update"])
    assert len(db) != before or "DELETE" in m["update"]
    slow, fast = both(db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
    assert slow, "the mutation breaks no constraint"
    assert fast == slow, {"only pyshacl": slow - fast, "only fastshacl": fast - slow}


def test_mutation_results_keep_values_and_messages(seed_facts):
    """Beyond the keys: the same values and messages (the SHACL-SPARQL messages are filled in by each tool
    in its own way, so they are left out)."""
    db = ox.Store()
    db.load(seed_facts, format=ox.RdfFormat.N_TRIPLES)
    for m in MUTATIONS[:12]:
        db.update(PREFIXES + m["update"])
    data = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    full = lambda rs: {(r.focus, r.shape, r.path, r.value, r.message) for r in rs
                       if r.shape != "EvidenceReproducesQuoteShape"}
    slow = full(shacl.validate(g).results)
    assert len(slow) >= 12
    assert full(validate(data + b"\n" + ontology_nt())) == slow


@pytest.fixture(scope="module")
def import_batches(store, tmp_path_factory):
    """Every batch the importer validates for the three import fixtures: (data, context, focus)."""
    path = tmp_path_factory.mktemp("fastshacl-import") / "store"
    copy_store(store.path, path)
    s, seen = Store(path), []

    def recording(data, context, focus):
        seen.append((data, context, set(focus)))
        return batch_validate.batch(data, context, focus)

    for dataset, name in (("acled", "acled-2019-layout"), ("acled", "acled-2025-layout"), ("ucdp", "ucdp-ged")):
        result = import_file(DATA / "import" / f"{name}.csv", dataset, s, batch_size=3, validator=recording)
        assert not result.rejected
    return seen


def test_import_batches_give_the_same_results(import_batches):
    assert len(import_batches) >= 4
    for data, context, focus in import_batches:
        slow, fast = both(data + context, focus)
        assert slow == fast
        # without the focus restriction the referenced entities (types only) do violate shapes
        slow_all, fast_all = both(data + context)
        assert slow_all == fast_all


def test_broken_import_batch_gives_the_same_results(import_batches):
    """One import batch with its records, counts and events broken in several ways."""
    data, context, focus = import_batches[0]
    db = ox.Store()
    db.load(data + context, format=ox.RdfFormat.N_TRIPLES)
    db.update(PREFIXES + """
        DELETE { ?r ckg:dataset ?d } WHERE { { SELECT ?r WHERE { ?r a ckg:SourceRecord } ORDER BY ?r LIMIT 1 } ?r ckg:dataset ?d } ;
        DELETE { ?r ckg:rowNumber ?n } INSERT { ?r ckg:rowNumber 0 }
          WHERE { { SELECT ?r WHERE { ?r a ckg:SourceRecord } ORDER BY DESC(?r) LIMIT 1 } ?r ckg:rowNumber ?n } ;
        DELETE { ?e sem:hasPlace ?p } INSERT { ?e sem:hasPlace ckg:Killed }
          WHERE { { SELECT ?e WHERE { ?e sem:hasPlace [] } ORDER BY ?e LIMIT 1 } ?e sem:hasPlace ?p } ;
        DELETE { ?c ckg:lowerBound ?n } INSERT { ?c ckg:lowerBound "4"^^xsd:nonNegativeInteger }
          WHERE { { SELECT ?c WHERE { ?c ckg:lowerBound [] } ORDER BY ?c LIMIT 1 } ?c ckg:lowerBound ?n }""")
    broken = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    slow, fast = both(broken, focus)
    assert len(slow) >= 3
    assert slow == fast
    assert fast == {(v.focus, v.shape, v.path) for v in batch_validate.batch(broken, b"", focus)}


def test_imported_store_gives_the_same_results(store, import_batches):
    """The whole store after the imports (seeds, three datasets, duplicate links) as one graph."""
    data = b"".join(d + c for d, c, _ in import_batches)
    seeds = store.open().dump(format=ox.RdfFormat.N_TRIPLES, from_graph=FACTS)
    slow, fast = both(seeds + data)
    assert slow == fast


def test_small_shapes_with_inverse_and_sequence_paths():
    """Features our shapes do not use yet (inverse and sequence paths, targetNode, targetObjectsOf,
    nodeKind, maxLength, exclusive ranges, sh:and, sh:node) against pyshacl on a small file pair."""
    shapes = Graph().parse(DATA / "fastshacl" / "paths-shapes.ttl")
    data = Graph().parse(DATA / "fastshacl" / "paths-data.ttl")
    _, report, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none")
    from rdflib.namespace import RDF, SH

    from conflictkg.model.shacl.fast.paths import render
    slow = set()
    for res in report.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, res) in report:
            continue  # pyshacl's explanation of a sh:node failure, not a result of its own
        shape = report.value(res, SH.sourceShape)
        owner = next(shapes.subjects(SH.property, shape), None) or shape
        slow.add((str(report.value(res, SH.focusNode)), str(owner), render(shapes, report.value(res, SH.resultPath))))
    fast = validate(data, compiled=compile_graph(shapes))
    assert len(slow) >= 6
    assert key(fast) == slow


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "fastshacl").glob("unsupported-*.ttl")))
def test_unsupported_feature_is_refused_at_compile_time(name):
    g = Graph().parse(DATA / "fastshacl" / name)
    with pytest.raises(Unsupported):
        compile_graph(g)


def test_pyoxigraph_nonnegativeinteger_becomes_integer_bug(store):
    """pyoxigraph stores xsd:nonNegativeInteger (and every other integer subtype) as xsd:integer, so data
    read back from the store failed sh:datatype xsd:nonNegativeInteger. Counts, offsets and row numbers
    are now written as xsd:integer and the shapes bound them with sh:minInclusive."""
    db = ox.Store()
    db.load(b'<http://a> <http://p> "5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .',
            format=ox.RdfFormat.N_TRIPLES)
    assert next(iter(db)).object.datatype.value.endswith("#integer")  # the behaviour the fix works around
    g = Graph()
    g.parse(data=store.open().dump(format=ox.RdfFormat.N_TRIPLES, from_graph=FACTS).decode("utf-8"), format="nt")
    assert shacl.validate(g).conforms
    with pytest.raises(Unsupported, match="xsd:integer"):
        compile_graph(Graph().parse(DATA / "fastshacl" / "unsupported-nonnegativeinteger.ttl"))
