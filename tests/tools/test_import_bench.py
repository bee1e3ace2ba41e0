"""bench/import_bench.py: the naive path's line of the report says which stage did not finish in the time given."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("import_bench", ROOT / "bench" / "import_bench.py")
import_bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_bench)


def test_a_parse_not_finished_is_said_so_bug():
    """Regression: when rdflib's parse did not finish in the time given, the line read "parse nan s, pyshacl
    > 120 s", as if pyshacl had run; it says the parse did not finish and pyshacl did not start."""
    line = import_bench.naive_line({"parse": None, "shacl": None, "query": [], "finished": False}, 120,
                                   535_000_000, 21)
    assert "nan" not in line
    assert "rdflib parse not finished, pyshacl not started, queries 0.0 s for 0 of 21 (given up at 120 s)" in line


def test_each_stage_that_finished_has_its_time():
    cut = import_bench.naive_line({"parse": 83.4, "shacl": None, "query": [], "finished": False}, 120, 1e6, 21)
    assert "rdflib parse 83.4 s, pyshacl not finished, queries 0.0 s for 0 of 21 (given up at 120 s)" in cut
    whole = import_bench.naive_line({"parse": 1.25, "shacl": 2.5, "query": [0.5, 0.25], "finished": True}, 120,
                                    2e6, 2)
    assert whole.endswith("on 2 MB of N-Triples: rdflib parse 1.2 s, pyshacl 2.5 s, queries 0.8 s for 2 of 2")
