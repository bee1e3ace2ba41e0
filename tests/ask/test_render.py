"""Printing query results: CSV and TSV cells a spreadsheet cannot run."""
import csv
import io

from conflictkg.ask.render import render
from conflictkg.store.queries import Result


def test_query_csv_and_tsv_neutralise_formulas_but_keep_numbers_bug():
    """Regression: `query --format csv/tsv` wrote =… and @… cells unchanged."""
    result = Result(["name", "lon", "n"], [
        {"name": "=HYPERLINK(\"http://x\",\"click\")", "lon": "-12.5", "n": "3"},
        {"name": "@SUM(A1)", "lon": "40.1", "n": None},
        {"name": "-2+3", "lon": "+7", "n": "-1+1"},
        {"name": "داعش", "lon": "35", "n": "0"}])
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        rows = list(csv.reader(io.StringIO(render(result, fmt)), delimiter=delimiter))
        assert rows == [["name", "lon", "n"],
                        ["'=HYPERLINK(\"http://x\",\"click\")", "-12.5", "3"],
                        ["'@SUM(A1)", "40.1", ""],
                        ["'-2+3", "+7", "'-1+1"],  # n holds a formula, so it is no column of numbers
                        ["داعش", "35", "0"]], fmt
