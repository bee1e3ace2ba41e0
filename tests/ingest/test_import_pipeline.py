"""The import's batches: written by a second thread while the next is built, entities resolved once and kept
across batches, and the store's content the same whatever the batch size or a rejected row."""
import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import copy_store

from conflictkg.ingest.imports import batch_shacl
from conflictkg.ingest.imports.entities import EntityMatcher
from conflictkg.ingest.imports.registry import find
from conflictkg.ingest.imports.run import ImportAborted, Importer, import_file
from conflictkg.model.shacl import Result
from conflictkg.store import ntriples as nt
from conflictkg.store.generations import Store

DATA = Path(__file__).parents[1] / "data" / "import"
GOOD = (DATA / "acled-2019-layout.csv").read_text(encoding="utf-8")
GRAPH = "https://w3id.org/conflictkg/graph/import/acled"


def many(tmp_path, n: int, name: str = "acled.csv") -> Path:
    """`n` rows: the fixture's rows again and again under new ids, each with a village of its own (every
    tenth a new one), so that batches both mint entities and reuse what earlier batches minted."""
    rows = list(csv.reader(io.StringIO(GOOD)))
    header, body = rows[0], rows[1:]
    col = {c: i for i, c in enumerate(header)}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for i in range(n):
        r = list(body[i % len(body)])
        r[col["event_id_cnty"]], r[col["data_id"]] = f"SYR7{i:05d}", str(70000 + i)
        r[col["location"]] = f"Village {i // 10} near {r[col['location']]}"
        w.writerow(r)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def graph_of(store: Store) -> list[bytes]:
    db = store.open()
    data = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(GRAPH))
    return sorted(line for line in data.split(b"\n") if line and b"#sourceFile>" not in line)


@pytest.fixture
def live(store, tmp_path) -> Store:
    return copy_store(store.path, tmp_path / "store")


def test_the_batch_size_does_not_change_what_is_stored(store, tmp_path):
    """Written batch by batch by the second thread (12 batches, each published), or in one batch: the same
    triples, and the same generation name, since the digest chains the same batches in the same order."""
    path = many(tmp_path, 60)
    one, again, small = (copy_store(store.path, tmp_path / n) for n in ("one", "again", "small"))
    r1 = import_file(path, "acled", one, batch_size=1000, link_events=False)
    r5 = import_file(path, "acled", small, batch_size=5, link_events=False)
    assert (r1.imported, r5.imported, r1.batches, r5.batches) == (60, 60, 1, 12)
    assert r1.triples == r5.triples and graph_of(one) == graph_of(small)
    import_file(path, "acled", again, batch_size=5, link_events=False)
    assert again.manifest()["generation"] == small.manifest()["generation"]


def test_progress_follows_published_batches(live, tmp_path):
    """Each progress report comes once its batch is published: the live store holds what it says."""
    path = many(tmp_path, 30)
    q = "SELECT (COUNT(?r) AS ?n) WHERE { GRAPH <%s> { ?e <http://www.w3.org/ns/prov#wasDerivedFrom> ?r } }" % GRAPH
    seen = []
    import_file(path, "acled", live, batch_size=10, link_events=False,
                progress=lambda r, a, b: seen.append((r.imported, int(live.select(q)[1][0]["n"]))))
    assert seen == [(10, 10), (20, 20), (30, 30)]


def blaming(line: int):
    """The real batch validator, plus one violation on the event of the row at `line` when its batch holds it."""
    event = f"https://w3id.org/conflictkg/id/event/acled/SYR7{line - 2:05d}"

    def validator(data: bytes, context: bytes, focus: set[str]) -> list:
        found = batch_shacl.batch(data, context, focus)
        if event in focus:
            found.append(Result(focus=event, shape="EventShape", message="a test's violation", path="", value=""))
        return found
    return validator


def test_a_row_rejected_by_shacl_in_a_later_batch_leaves_the_rest_exact(store, tmp_path):
    """The batch is rebuilt without the blamed row: the store then holds exactly what importing the file
    without that row gives (the last row, so that no row number moves), new villages of its batch included."""
    path = many(tmp_path, 35)
    cut = tmp_path / "cut.csv"
    cut.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    skipped, without = copy_store(store.path, tmp_path / "skipped"), copy_store(store.path, tmp_path / "without")
    r = import_file(path, "acled", skipped, batch_size=10, on_error="skip", rejected_path=tmp_path / "rej.csv",
                    validator=blaming(36), link_events=False)
    assert [x.line for x in r.rejected] == [36] and r.imported == 34
    import_file(cut, "acled", without, batch_size=10, link_events=False)
    assert graph_of(skipped) == graph_of(without)


def test_abort_in_a_later_batch_waits_for_the_write_before_it(live, tmp_path):
    """The batch before the bad one is being written by the second thread when the bad row is found: the
    error still counts it, and it is published whole; nothing of the bad row's batch is."""
    path = many(tmp_path, 30)
    with pytest.raises(ImportAborted) as e:
        import_file(path, "acled", live, batch_size=10, validator=blaming(25), link_events=False)
    assert "20 row(s) in 2 batch(es) were imported before it" in str(e.value)
    q = "SELECT (COUNT(?r) AS ?n) WHERE { GRAPH <%s> { ?e <http://www.w3.org/ns/prov#wasDerivedFrom> ?r } }" % GRAPH
    assert live.select(q)[1][0]["n"] == "20"


def rows_of(path: Path, store: Store):
    imp = Importer(path, find("acled"), store, batch_size=10, on_error="abort", rejected_path=None,
                   progress=None, validator=batch_shacl.batch)
    return imp, [imp.check(r) for r in imp.reader]


def test_a_cached_place_refers_to_all_it_referred_to_bug(store, tmp_path):
    """Regression: a place resolved when the batch had already referred to its parent was cached without
    that parent, so a later batch that met the place again (a cache hit) gave SHACL no type of the parent."""
    imp, incs = rows_of(many(tmp_path, 12), store)
    first, second = incs[0], incs[10]  # villages 0 and 1 near Thiban: the same new parents
    alone = EntityMatcher(store, imp.maps, imp.dataset)  # meets the second place first in the later batch
    alone.start_batch()
    alone.place(first, nt.Lines())
    alone.start_batch()
    alone.place(second, nt.Lines())
    m = EntityMatcher(store, imp.maps, imp.dataset)
    m.start_batch()
    m.place(first, nt.Lines())
    m.place(second, nt.Lines())
    m.start_batch()
    m.place(second, nt.Lines())  # a hit
    assert len(alone.referenced) > 1 and m.referenced == alone.referenced


def test_a_rollback_keeps_what_earlier_batches_resolved_bug(store, tmp_path):
    """Regression: rebuilding a batch without its bad rows forgot every entity resolved since the import
    began, so each batch with a bad row resolved all of them again; now it forgets only its own."""
    imp, incs = rows_of(many(tmp_path, 25), store)
    m = EntityMatcher(store, imp.maps, imp.dataset)
    m.start_batch()
    out = nt.Lines()
    early = m.place(incs[0], out)
    m.start_batch()
    late = m.place(incs[20], nt.Lines())  # village 2: minted in this batch
    assert late in m.created and early not in m.created
    m.rollback()
    assert late not in m.known and early in m.known
    calls = []
    make = m._place
    m._place = lambda inc, o: calls.append(inc.line) or make(inc, o)
    assert m.place(incs[0], nt.Lines()) == early and calls == []  # still cached: not resolved again
    assert m.place(incs[20], nt.Lines()) == late and calls == [incs[20].line]
