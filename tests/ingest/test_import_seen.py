"""The record ids an import has read (imports/seen.py): repeated ids are found across batches, exactly, with the
line of the first row, and nothing of the table is left once the import ends."""
import csv
import tempfile
from pathlib import Path

import pytest
from helpers import copy_store

from conflictkg.ingest.imports import seen as seen_module
from conflictkg.ingest.imports.run import import_file
from conflictkg.ingest.imports.seen import SeenIds
from conflictkg.store.generations import Store

DATA = Path(__file__).parents[1] / "data" / "import"
HEADER, *ROWS = (DATA / "acled-2019-layout.csv").read_text(encoding="utf-8").splitlines()


@pytest.fixture
def live(store, tmp_path) -> Store:
    copy_store(store.path, tmp_path / "store")
    return Store(tmp_path / "store")


def test_repeated_id_in_a_later_batch_is_rejected_with_the_first_line(live, tmp_path):
    # the repeat (line 7) is two batches after the row it repeats (line 2): found in the table, not the batch
    path = tmp_path / "acled.csv"
    path.write_text("\n".join([HEADER, *ROWS, ROWS[0]]) + "\n", encoding="utf-8")
    r = import_file(path, "acled", live, batch_size=2, on_error="skip", link_events=False)
    assert [(x.line, x.message) for x in r.rejected] == [(7, "duplicate id: the row at line 2 has it too")]
    assert r.imported == len(ROWS) and r.batches == 3


def test_a_real_files_repeated_row_is_rejected_across_batches(live, tmp_path):
    """A real ACLED export (tests/data/import/real/SOURCES.md) with its first row again at its end, in batches
    of 2: the repeat is found among the ids of earlier batches, the rest imports."""
    with (DATA / "real" / "acled-2025-label-layout.csv").open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    path = tmp_path / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows, rows[0]])
    r = import_file(path, "acled", live, batch_size=2, on_error="skip", link_events=False)
    assert [(x.line, x.message) for x in r.rejected] == [(len(rows) + 2, "duplicate id: the row at line 2 has it too")]
    assert r.imported == len(rows)


@pytest.mark.parametrize("bits", [None, 64])
def test_ids_are_told_apart_exactly(bits, monkeypatch):
    if bits:  # a bitmap this small lets almost every id through to the table: the table alone must be exact
        monkeypatch.setattr(seen_module, "BITS", bits)
        monkeypatch.setattr(seen_module, "MASK", bits - 1)
    seen = SeenIds()
    try:
        # case, a trailing space, the same marks in two orders: different texts are different ids
        ids = ["SYR1", "syr1", "SYR1 ", "حلب\u0651\u064e", "حلب\u064e\u0651", *(f"SYR{i}" for i in range(2, 3000))]
        for n, i in enumerate(ids[:2000]):
            assert seen.first(i) is None
            seen.add(i, n + 2)
            if n % 7 == 0:
                seen.flush()
        seen.flush()
        assert len(seen) == 2000
        assert [seen.first(i) for i in ids[:5]] == [2, 3, 4, 5, 6]
        assert all(seen.first(i) == n + 2 for n, i in enumerate(ids[:2000]))
        assert not any(i in seen for i in ids[2000:])
    finally:
        seen.close()


def test_nothing_is_left_behind(live, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    path = tmp_path / "acled.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    import_file(path, "acled", live, batch_size=2, link_events=False)
    assert list((tmp_path / "tmp").iterdir()) == []
