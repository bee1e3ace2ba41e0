"""The first ask of a listing on a generation (store/first.py): every query of it reads one generation."""
import pyoxigraph as ox

from conflictkg.store import paging
from conflictkg.store import queries as query
from conflictkg.store.generations import Store

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
    they all read the generation live at the ask, opened once."""
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
