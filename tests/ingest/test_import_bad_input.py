"""Bad dataset files: each gets a row-numbered error naming the column, the value and the fix, and nothing
already stored is lost or half-written."""
import csv
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import copy_store

from conflictkg.cli import main
from conflictkg.ingest.imports.run import import_file
from conflictkg.store.generations import Store

DATA = Path(__file__).parents[1] / "data" / "import"
GOOD = (DATA / "acled-2019-layout.csv").read_text(encoding="utf-8")
HEADER, *ROWS = GOOD.splitlines()
GRAPH = "https://w3id.org/conflictkg/graph/import/acled"


@pytest.fixture
def live(store, tmp_path) -> Store:
    path = tmp_path / "store"
    copy_store(store.path, path)
    return Store(path)


def write(tmp_path, text: str, name="acled.csv", encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def with_field(row: int, column: str, value: str) -> str:
    """The good file with one field of one row (0-based, after the header) replaced."""
    rows = list(csv.reader(GOOD.splitlines()))
    rows[row + 1][rows[0].index(column)] = value
    out = []
    w = csv.writer(type("W", (), {"write": lambda self, s: out.append(s)})(), lineterminator="\n")
    w.writerows(rows)
    return "".join(out)


def run(live, path, *args):
    return CliRunner().invoke(main, ["--store", str(live.path), "import", "acled", str(path), *args])


def files_of(store: Store) -> dict:
    return {p.name: p.stat().st_mtime_ns for p in store.path.iterdir() if p.name != ".lock"}


def assert_refused(live, path, code, *needles, args=()):
    before = files_of(live)
    r = run(live, path, *args)
    assert r.exit_code == code, r.output
    for n in needles:
        assert n in r.output, r.output
    assert files_of(live) == before  # not one file of the store touched
    return r


@pytest.mark.parametrize("column,value,message", [
    ("event_date", "0025-01-01", "impossible date"),
    ("event_date", "31-Feb-20", "not a real date"),
    ("fatalities", "-3", "not a non-negative whole number"),
    ("fatalities", "many", "not a non-negative whole number"),
    ("latitude", "135.2", "out of range"),
    ("actor1", "Ø§Ù„Ø¯ÙˆÙ„Ø©", "mis-encoded"),
    ("sub_event_type", "Armed brawl", "not an ACLED event type"),
    ("time_precision", "7", "must be 1, 2 or 3"),
])
def test_bad_field_names_line_column_value_and_fix(live, tmp_path, column, value, message):
    path = write(tmp_path, with_field(2, column, value))
    r = assert_refused(live, path, 1, "acled.csv:4", f"column {column}", message, "fix:")
    assert repr(value)[1:-1][:20] in r.output


def test_skip_imports_good_rows_and_lists_bad_ones(live, tmp_path):
    path = write(tmp_path, with_field(1, "fatalities", "-3"))
    rejected = tmp_path / "rejected.csv"
    r = run(live, path, "--on-error", "skip", "--rejected", str(rejected))
    assert r.exit_code == 0, r.output
    assert "Imported 4 of 5 rows" in r.output
    rows = list(csv.DictReader(rejected.open(encoding="utf-8")))
    assert [(x["line"], x["column"], x["value"], x["event_id_cnty"]) for x in rows] == [
        ("3", "fatalities", "-3", "SYR90002")]
    assert "non-negative" in rows[0]["error"]


def test_abort_keeps_earlier_batches_whole(live, tmp_path):
    path = write(tmp_path, with_field(4, "fatalities", "-3"))
    r = run(live, path, "--batch-size", "2")
    assert r.exit_code == 1 and "4 row(s) in 2 batch(es) were imported before it" in r.output, r.output
    events = live.select("SELECT ?e WHERE { GRAPH <%s> { ?e a ?c . ?e <http://www.w3.org/ns/prov#wasDerivedFrom> ?r } }"
                         % GRAPH)[1]
    assert len(events) == 4


def test_duplicate_ids(live, tmp_path):
    path = write(tmp_path, "\n".join([HEADER, *ROWS, ROWS[0]]) + "\n")
    assert_refused(live, path, 1, "acled.csv:7", "duplicate id: the row at line 2 has it too")


@pytest.mark.parametrize("text,message", [
    ("", "the file is empty"),
    (HEADER.replace(",fatalities", ",deaths") + "\n" + ROWS[0] + "\n", "missing column(s) fatalities"),
    ("id,date,place\n1,2020-01-01,x\n", "not in ACLED's layout: missing column(s) event_id_cnty"),
])
def test_wrong_or_missing_headers(live, tmp_path, text, message):
    assert_refused(live, write(tmp_path, text), 2, message)


def test_wrong_field_count(live, tmp_path):
    rows = ROWS[:]
    rows[1] = rows[1] + ",extra"
    assert_refused(live, write(tmp_path, "\n".join([HEADER, *rows]) + "\n"), 1, "acled.csv:3", "has 32 fields")


def test_bom_crlf_and_quoted_newlines_are_fine(live, tmp_path):
    text = "\ufeff" + GOOD.replace("in the Deir ez-Zor desert.", "in the Deir ez-Zor\ndesert.").replace("\n", "\r\n")
    r = run(live, write(tmp_path, text))
    assert r.exit_code == 0 and "Imported 5 of 5 rows" in r.output, r.output
    # the quoted newline makes row 2 two lines long, so the next row starts on line 4
    lines = live.select("SELECT ?id ?n WHERE { ?r <https://w3id.org/conflictkg/ontology#recordId> ?id ; "
                        "<https://w3id.org/conflictkg/ontology#rowNumber> ?n } ORDER BY ?n")[1]
    assert [(x["id"], x["n"]) for x in lines][:2] == [("SYR90001", "2"), ("SYR90002", "4")]


def test_windows_1256_is_refused_with_the_line(live, tmp_path):
    text = with_field(3, "notes", "قتل راعيان في بادية عقيربات")
    assert_refused(live, write(tmp_path, text, encoding="cp1256"), 2, "acled.csv:5", "not UTF-8",
                   "iconv -f WINDOWS-1256 -t UTF-8")


def test_arabic_actor_names_resolve_to_our_actors(live, tmp_path):
    r = run(live, write(tmp_path, with_field(0, "actor1", "تنظيم الدولة")))
    assert r.exit_code == 0, r.output
    got = live.select("SELECT ?a WHERE { <https://w3id.org/conflictkg/id/event/acled/SYR90001> "
                      "<https://w3id.org/conflictkg/ontology#perpetrator> ?a }")[1]
    assert got == [{"a": "https://w3id.org/conflictkg/id/actor/isis"}]


def test_a_killed_import_leaves_whole_batches(live, tmp_path):
    """Kill an import mid-way: the store holds whole batches only, and importing again completes it."""
    rows = [ROWS[0].replace("SYR90001", f"SYR8{i:04d}").replace("7001,", f"{8000 + i},") for i in range(400)]
    path = write(tmp_path, "\n".join([HEADER, *rows]) + "\n")
    code = ("import sys; from pathlib import Path; from conflictkg.store import Store; "
            "from conflictkg.ingest.imports.run import import_file; "
            "import_file(Path(sys.argv[1]), 'acled', Store(sys.argv[2]), batch_size=50, "
            "progress=lambda r, a, b: print(r.imported, flush=True))")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), str(live.path)], stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"50"  # the first batch is published
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    q = ("SELECT (COUNT(?e) AS ?n) WHERE { GRAPH <%s> { ?e <http://www.w3.org/ns/prov#wasDerivedFrom> ?r } }" % GRAPH)
    n = int(live.select(q)[1][0]["n"])
    assert n % 50 == 0 and 50 <= n < 400
    incomplete = live.select("""SELECT ?e WHERE { GRAPH <%s> { ?e <http://www.w3.org/ns/prov#wasDerivedFrom> ?r }
        FILTER NOT EXISTS { ?r <https://w3id.org/conflictkg/ontology#rowNumber> ?line } }""" % GRAPH)[1]
    assert incomplete == []
    result = import_file(path, "acled", live, batch_size=50, link_events=False)
    assert result.imported == 400 and int(live.select(q)[1][0]["n"]) == 400
