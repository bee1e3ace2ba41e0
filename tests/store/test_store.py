"""The store's added graphs: one transaction per write, one writer at a time, carried over by builds."""
import os
import signal
import subprocess
import sys
import time

import pytest
import yaml
from helpers import copy_store

from conflictkg.core.errors import StoreError
from conflictkg.curation.build import build
from conflictkg.store.generations import Store

G = "https://w3id.org/conflictkg/graph/test"
NT = b'<https://w3id.org/conflictkg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x"@en .\n'


@pytest.fixture
def live(store, tmp_path) -> Store:
    path = tmp_path / "store"
    copy_store(store.path, path)
    return Store(path)


def ask_x(store: Store) -> bool:
    return store.query("ASK { <https://w3id.org/conflictkg/id/x> ?p ?o }")


def test_added_graph_is_queried_with_the_rest(live):
    with live.writer() as w:
        w.add(G, NT)
        w.add(G, NT)  # adding it again changes nothing
    assert live.graphs()[G] == 1
    assert ask_x(live)


def test_put_replaces_a_graph(live):
    other = NT.replace(b'"x"', b'"y"')
    with live.writer() as w:
        w.add(G, NT)
        w.put(G, other)
        assert w.triples(G) == other
    assert live.graphs()[G] == 1


def test_built_graphs_are_not_writable(live):
    with live.writer() as w, pytest.raises(StoreError, match="conflictkg build"):
        w.add("https://w3id.org/conflictkg/graph/facts", NT)


def test_one_writer_at_a_time(live):
    with live.writer():
        with pytest.raises(StoreError, match="another conflictkg command"):
            with live.writer():
                pass


def test_a_new_build_carries_added_graphs_over(live, seeds):
    with live.writer() as w:
        w.add(G, NT)
    before = live.manifest()["generation"]
    path = seeds / "actors.yaml"
    actors = yaml.safe_load(path.read_text(encoding="utf-8"))
    actors[0]["en"] += " (renamed)"
    path.write_text(yaml.safe_dump(actors, allow_unicode=True, sort_keys=False), encoding="utf-8")
    after = build(seeds, live.path).manifest["generation"]
    assert after != before
    assert live.graphs()[G] == 1 and ask_x(live)


def test_a_killed_write_leaves_all_or_nothing(live):
    n = 400_000
    code = (
        "import sys; from conflictkg.store import Store\n"
        f"nt = b''.join(b'<https://w3id.org/conflictkg/id/k%d> <http://example.org/p> \"%d\" .\\n' % (i, i) "
        f"for i in range({n}))\n"
        "with Store(sys.argv[1]).writer() as w:\n"
        "    print('writing', flush=True)\n"
        f"    w.add('{G}', nt)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(live.path)], stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"writing"
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert live.graphs().get(G, 0) in (0, n)
    with live.writer() as w:  # the lock died with the process
        w.add(G, NT)


def test_select_answers_ask_and_refuses_construct_bug(store):
    """Regression: an ASK in the web view's query form (without the endpoint's workers) crashed with
    AttributeError on QueryBoolean.variables."""
    assert store.select("ASK { ?s a <https://w3id.org/conflictkg/ontology#Article> }") == (["boolean"], [{"boolean": "true"}])
    assert store.select("ASK { <urn:nothing> ?p ?o }") == (["boolean"], [{"boolean": "false"}])
    with pytest.raises(StoreError, match="CONSTRUCT"):
        store.select("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1")
