"""Every named query file, read as plain text from disk, runs as it is in SPARQL clients that know nothing
of conflictkg (SPARQLWrapper, Jena's rsparql) against `conflictkg serve`, and gives the rows of
`conflictkg query NAME`."""
import csv
import io
import json
import re
import subprocess
import sys
import warnings

import pytest
from click.testing import CliRunner
from helpers import free_port, jena_java, stop
from SPARQLWrapper import CSV, GET, JSON, POST, POSTDIRECTLY, TSV, URLENCODED, XML, SPARQLWrapper

from conflictkg.cli import main
from conflictkg.core.resources import QUERIES_DIR

FILES = sorted(QUERIES_DIR.glob("*.rq"))
# the seeds hold no data of other sources, so no pairs to link: its columns are compared, and its rows stay []
EMPTY_ON_SEEDS = {"cross-source-events"}
METHODS = [("GET", GET, URLENCODED), ("POST form", POST, URLENCODED), ("POST body", POST, POSTDIRECTLY)]


@pytest.fixture(scope="module")
def endpoint(store):
    """`conflictkg serve` as a user starts it, on a free loopback port."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "conflictkg", "--store", str(store.path), "serve", "--port",
                             str(port), "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("SPARQL endpoint:"), line + proc.stderr.read()
        yield f"http://127.0.0.1:{port}/query"
    finally:
        stop(proc, 15)


CLI_ROWS: dict[str, tuple[list, list]] = {}


def cli_rows(store, name):
    """The columns and rows of `conflictkg query NAME --format json` on the embedded store."""
    if name not in CLI_ROWS:
        r = CliRunner().invoke(main, ["--store", str(store.path), "query", name, "--format", "json", "--all"])
        assert r.exit_code == 0, r.output
        data = json.loads(r.output)
        CLI_ROWS[name] = data["columns"], data["rows"]
    return CLI_ROWS[name]


_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def tsv_value(cell: str):
    """A TSV cell (a term in N-Triples or Turtle form) as its value: IRI, literal's text, number as written."""
    if cell == "":
        return None
    if cell.startswith("<") and cell.endswith(">"):
        return cell[1:-1]
    if cell.startswith('"'):
        body = cell[1:cell.rindex('"')]
        return _ESCAPE.sub(lambda m: _SIMPLE.get(m[1], None) or chr(int(m[1][1:], 16)), body)
    return cell  # a number or boolean written bare, or a blank node


def client_rows(result, fmt):
    """(columns, rows) from what SPARQLWrapper's convert() gives for each format."""
    if fmt == JSON:
        cols = result["head"]["vars"]
        return cols, [{c: b[c]["value"] if c in b else None for c in cols} for b in result["results"]["bindings"]]
    if fmt == XML:
        cols = [v.getAttribute("name") for v in result.getElementsByTagName("variable")]
        rows = []
        for res in result.getElementsByTagName("result"):
            row = dict.fromkeys(cols)
            for b in res.getElementsByTagName("binding"):
                term = next(n for n in b.childNodes if n.nodeType == n.ELEMENT_NODE)
                row[b.getAttribute("name")] = "".join(t.data for t in term.childNodes if t.nodeType == t.TEXT_NODE)
            rows.append(row)
        return cols, rows
    text = result.decode("utf-8")
    if fmt == CSV:
        table = list(csv.reader(io.StringIO(text, newline="")))
        return table[0], [dict(zip(table[0], r)) for r in table[1:]]
    lines = text.rstrip("\n").split("\n")
    cols = [c.lstrip("?") for c in lines[0].split("\t")]
    return cols, [dict(zip(cols, map(tsv_value, line.split("\t")))) for line in lines[1:]]


def lists_of(sparql: str) -> set[str]:
    """The columns that GROUP_CONCAT builds: the order of their values is the engine's."""
    return set(re.findall(r"GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*\)\s*AS\s*\?(\w+)", sparql, re.IGNORECASE))


def comparable(rows, lists, ordered, fmt):
    """Rows to compare: list columns as sorted lists; in CSV an unbound value is "" (the format has no
    other way to say it); without ORDER BY the order of the rows is free."""
    out = [{k: sorted(v.split("; ")) if k in lists and v else ("" if fmt == CSV and v is None else v)
            for k, v in r.items()} for r in rows]
    return out if ordered else sorted(out, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_query_file_gives_the_cli_rows_in_sparqlwrapper(store, endpoint, path, fmt):
    sparql = path.read_text(encoding="utf-8")
    columns, rows = cli_rows(store, path.stem)
    lists, ordered = lists_of(sparql), bool(re.search(r"\bORDER\s+BY\b", sparql, re.IGNORECASE))
    assert bool(rows) != (path.stem in EMPTY_ON_SEEDS), f"{path.stem}: {len(rows)} rows from the CLI"
    for label, method, request in METHODS:
        sw = SPARQLWrapper(endpoint)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # SPARQLWrapper's "unknown query type" would be a failure too
            sw.setQuery(sparql)
        assert sw.queryType == "SELECT", f"{path.stem}: SPARQLWrapper reads the file as {sw.queryType}"
        sw.setMethod(method)
        sw.setRequestMethod(request)
        sw.setReturnFormat(fmt)
        sw.setTimeout(60)
        got_columns, got = client_rows(sw.query().convert(), fmt)
        assert got_columns == columns, (label, fmt)
        assert comparable(got, lists, ordered, fmt) == comparable(rows, lists, ordered, fmt), (label, fmt)


@pytest.fixture(scope="module")
def rsparql(tmp_path_factory):
    """Jena's rsparql (Debian's libapache-jena-java, mended as tests/helpers.py says)."""
    return jena_java(tmp_path_factory.mktemp("jena")) + ["arq.rsparql"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_query_file_gives_the_cli_rows_in_jena_rsparql(store, endpoint, rsparql, path):
    """rsparql parses the file with Jena's own SPARQL parser before it sends it, then asks the endpoint."""
    sparql = path.read_text(encoding="utf-8")
    columns, rows = cli_rows(store, path.stem)
    lists, ordered = lists_of(sparql), bool(re.search(r"\bORDER\s+BY\b", sparql, re.IGNORECASE))
    r = subprocess.run(rsparql + ["--service", endpoint, "--query", str(path), "--results", "json"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    got_columns, got = client_rows(json.loads(r.stdout), JSON)
    assert got_columns == columns
    assert comparable(got, lists, ordered, JSON) == comparable(rows, lists, ordered, JSON)
