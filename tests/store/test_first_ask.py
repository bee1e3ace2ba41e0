"""The first ask of a listing on a generation (store/first.py): every query of it reads one generation."""
import re
from pathlib import Path

import pyoxigraph as ox
from helpers import import_synthetic, kept_as_the_writer_keeps

from conflictkg.store import first, paging, summary
from conflictkg.store import queries as query
from conflictkg.store.generations import Store

ROOT = Path(__file__).resolve().parents[2]
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"


def undated_copy(kg: Store, event: str) -> bytes:
    """The triples of `event` under a new subject, without its dates: an arrest that sorts first."""
    lines = []
    for q in kg.open().quads_for_pattern(ox.NamedNode(event), None, None):
        if not q.predicate.value.startswith(SEM + "has"):
            lines.append(f"<urn:x:arrest> {q.predicate} {q.object} .")
    return ("\n".join(sorted(set(lines))) + "\n").encode()


def test_a_first_page_reads_one_generation_while_a_writer_publishes_bug(kg, monkeypatch):
    """Regression: the queries of a first page (its page text, then its undated rows) each read the generation
    live at their moment, so a writer publishing between them gave a page of two generations' rows. Now
    they all read the generation live at the ask, opened once. Regression too: in a full run an earlier test had
    kept the whole listing in the shared seed store, so the ask made no query; the copy's kept table is put back
    to what the writer keeps (as here, after the whole listing is asked and kept)."""
    query.run("arrests", store=kg, limit=None)  # keeps the whole listing, as an earlier test may have
    kept_as_the_writer_keeps(kg)
    whole = paging.ordered("arrests", kg.select(query.text("arrests"))[1])
    assert whole  # the seeds' arrest
    added = undated_copy(kg, whole[0]["event"])
    real, calls = Store.select, []

    def select_then_publish(self, sparql):
        got = real(self, sparql)
        calls.append(sparql)
        if len(calls) == 1:  # a writer publishes a generation with one more undated arrest
            with kg.writer() as w:
                w.add("urn:x:g", added)
        return got

    monkeypatch.setattr(Store, "select", select_then_publish)
    first = query.run("arrests", store=kg, limit=len(whole))
    assert len(calls) > 1  # the first page took more than one query
    assert first.rows == whole and not first.more  # the generation of the ask, whole
    monkeypatch.setattr(Store, "select", real)
    after = query.run("arrests", store=kg, limit=len(whole) + 1).rows
    assert after[0]["event"] == "urn:x:arrest" and after[1:] == whole  # the new one, on the next ask


def terms(kg: Store, sparql: str) -> list[list]:
    """A query's columns and rows, each term as the engine gives it (datatype and language included)."""
    result = kg.open().query(sparql, use_default_graph_as_union=True)
    columns = [v.value for v in result.variables]
    return [columns] + sorted([None if s[c] is None else str(s[c]) for c in columns] for s in result)


def test_the_kept_keys_give_the_rows_of_the_cut_at_every_depth(kg, tmp_path, monkeypatch):
    """A page text with its cut and its items up to the cut given from the kept keys (paging.with_cut, read
    through first.kept_select from what the writer kept) gives the very rows of the page text with its cut's
    sub-select, term for term, at every depth; also with fewer keys kept than the store has (2, 7 and 40),
    where the cut past them is the sub-select's and the items are not given when the cut's key may go on
    past them."""
    import_synthetic(kg, tmp_path)
    kept = first.kept_select(kg)
    assert {summary.key(t) for _, t in first.kept_texts()} <= summary.held(kg.current())  # kept by the import
    given = 0
    for size in (paging.KEPT_CUTS, 2, 7, 40):
        monkeypatch.setattr(paging, "KEPT_CUTS", size)
        for name in paging.PAGED:
            page = query.text(f"page/{name}")
            if "\n# groups: " in page:  # the cut of one reporter label's rows
                page = re.sub(r"\bLABEL\b", paging.literal("Armed Conflict Location & Event Data"), page)
            keys = paging.cuts(kept, page)
            assert keys == kg.select(paging.cuts_query(page))[1], name  # the table's, or the query's, alike
            n = len(keys)
            for depth in sorted({0, 1, 2, 3, 6, 7, 8, 30, 39, 40, 41, 100, n - 1, n, n + 1} - {-1}):
                text_ = paging.given_terms(kg.select, paging.with_cut(page, depth, keys))
                own = paging.given_terms(kg.select, re.sub(r"\bDEPTH\b", str(depth), page))
                assert terms(kg, text_) == terms(kg, own), f"{name} at depth {depth}, {size} keys kept"
                given += "# keyed" not in text_ or "VALUES ?event" in text_ or "VALUES ?fact" in text_
            whole = paging.given_terms(kg.select, paging.with_cut(page, None, keys))
            if len(keys) < size:  # every key kept: the greatest is the last
                last = query.text(f"page/{name}").replace("OFFSET DEPTH LIMIT 1", "OFFSET 0 LIMIT 1").replace(
                    "ORDER BY ?cut OFFSET 0", "ORDER BY DESC(?cut) OFFSET 0")
                last = re.sub(r"\bLABEL\b", paging.literal("Armed Conflict Location & Event Data"), last)
                assert terms(kg, whole) == terms(kg, paging.given_terms(kg.select, last)), name
    assert given  # some depths had their items given


def test_items_are_given_only_when_their_keys_tell_the_cut():
    """paging.prefix: the kept rows of the items up to the cut, through the last row with the cut's key; none
    when that key may go on past the rows kept, or the keys are not plain dates or numbers."""
    date = "http://www.w3.org/2001/XMLSchema#date"

    def rows(*days):
        return [{"cut_s": d, "cut_d": date, "cut_l": "", "cut_i": "false", "item_s": f"urn:x:{i}", "item_i": "true"}
                for i, d in enumerate(days)]
    keys = rows("2017-01-01", "2017-01-02", "2017-01-02", "2017-01-03")
    assert paging.prefix(keys, 1) == keys[:3] and paging.prefix(keys, 0) == keys[:1]
    assert paging.prefix(keys, None) == keys  # every key (fewer than KEPT_CUTS)
    assert paging.prefix(keys, 3) == keys and paging.prefix(keys, 4) is None
    full = rows(*["2017-01-01"] * (paging.KEPT_CUTS - 1), "2017-01-02")
    assert paging.prefix(full, 0) == full[:-1]
    assert paging.prefix(full, paging.KEPT_CUTS - 1) is None  # the last kept key may go on past the table
    assert paging.prefix(full, None) is None
    zoned = rows("2017-01-01", "2017-01-02Z")
    assert paging.prefix(zoned, 0) is None  # a time zone: the text does not order as the value
    mixed = rows("2017-01-01", "2017-01-02")
    mixed[1]["cut_d"] = "http://www.w3.org/2001/XMLSchema#dateTime"
    assert paging.prefix(mixed, 0) is None


def test_the_first_events_of_the_nearest_places_are_the_start_of_the_listing(kg, tmp_path):
    """events-near's first rows from the first events of its nearest places (paging.then_rows: the places'
    events sorted by distance, then IRI, then place, and the first few given to the page text) are the start
    of the whole listing's rows, for every length, at every depth of the page text."""
    import_synthetic(kg, tmp_path)
    page = query.text("page/events-near")
    whole = kg.select(query.text("events-near"))[1]
    keys = paging.cuts(first.kept_select(kg), page)
    used = set()
    for depth in (0, 1, 2, 8, 32, len(keys) - 1, None):
        text_ = paging.with_cut(page, depth, keys)
        for want in range(1, len(whole) + 2):
            got = paging.then_rows(kg.select, page, text_, paging.prefix(keys, depth), want)
            if got is not None:
                assert len(got[1]) >= want and got[1] == whole[:len(got[1])], (depth, want)
                used.add(depth)
    assert len(used) > 2  # at several depths, the first rows came from the first events
