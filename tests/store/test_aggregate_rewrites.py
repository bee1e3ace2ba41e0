"""The aggregates the writer keeps, and the timeline, rewritten so that the engine joins each property by hash
(subqueries, MINUS), answer exactly what they answered as written before (tests/data/queries-before/), term for
term (datatypes and languages included) and in the same order, on the seeds, on the seeds with the ACLED and
UCDP fixtures (linked duplicates), and on the seeds with synthetic ACLED rows (batches, entities minted by the
import)."""
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import import_fixtures

from conflictkg.ingest.imports.run import import_file
from conflictkg.store import queries as query

ROOT = Path(__file__).resolve().parents[2]
BEFORE = ROOT / "tests" / "data" / "queries-before"
NAMES = sorted(p.stem for p in BEFORE.glob("*.rq"))


def terms(store, sparql: str) -> tuple[list[str], list[list]]:
    result = store.open().query(sparql, use_default_graph_as_union=True)
    columns = [v.value for v in result.variables]
    return columns, [[None if s[c] is None else str(s[c]) for c in columns] for s in result]


def assert_same(store) -> None:
    for name in NAMES:
        now, before = terms(store, query.text(name)), terms(store, (BEFORE / f"{name}.rq").read_text("utf-8"))
        assert now == before, name
        assert now[1], name  # every one of them has rows on these stores


def test_the_rewritten_aggregates_are_rewritten():
    assert len(NAMES) == 5
    for name in NAMES:
        assert query.text(name) != (BEFORE / f"{name}.rq").read_text("utf-8")


def test_the_same_rows_on_the_seeds(store):
    assert_same(store)


def test_the_same_rows_with_the_fixtures_imported_and_linked(kg):
    results = import_fixtures(kg)
    assert sum(r.duplicates for r in results) > 0
    assert_same(kg)


@pytest.mark.parametrize("rows", [400])
def test_the_same_rows_with_synthetic_rows_imported(kg, tmp_path, rows):
    path = tmp_path / "acled.csv"
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth_acled.py"), str(rows), "-o", str(path)], check=True)
    assert import_file(path, "acled", kg, batch_size=150).imported == rows
    assert_same(kg)
