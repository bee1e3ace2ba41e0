"""The named query files run as they are in any SPARQL client: parameters with their defaults in a VALUES
block that `--param` replaces, and header comments that no client mistakes for the query's form."""
import re
import warnings

import pytest
from click.testing import CliRunner
from helpers import free_port
from SPARQLWrapper import SPARQLWrapper

from conflictkg.cli import main
from conflictkg.core.resources import QUERIES_DIR
from conflictkg.share.serve.server import start, stop
from conflictkg.store import queries as query

FILES = sorted(QUERIES_DIR.glob("*.rq"))
WITH_PARAMETERS = sorted(n for n, q in query.library().items() if q.params)
# SPARQLWrapper takes the first of these words it finds, inside other words and comments too, as the form
CLIENT_WORDS = re.compile(r"CONSTRUCT|SELECT|ASK|DESCRIBE|INSERT|DELETE|CREATE|CLEAR|DROP|LOAD|COPY|MOVE|ADD",
                          re.IGNORECASE)


def test_the_library_has_parameterised_queries():
    assert WITH_PARAMETERS == ["cross-source-events", "events-near", "evidence", "isis-presence", "patterns"]


@pytest.mark.parametrize("name", WITH_PARAMETERS)
def test_query_file_as_it_is_gives_the_cli_rows_bug(store, name):
    """Regression: the parameters existed only in the CLI, so a client running the file got other rows
    (events-near none, evidence every annotation of the graph)."""
    q = query.find(name)
    as_is = store.select(q.path.read_text(encoding="utf-8"))
    assert as_is == (lambda r: (r.columns, r.rows))(query.run(name, store=store))
    # the defaults come from the file's VALUES block
    assert q.block and q.text[q.block[0]:q.block[1]].startswith("VALUES")
    assert all(q.params.values()), "the named queries give every parameter a default"


def test_defaults_are_the_values_in_the_file():
    assert query.find("events-near").params == {"place": "Abu Kamal", "km": "50"}
    assert query.find("evidence").params == {"iri": "https://w3id.org/conflictkg/id/actor/isis"}
    assert query.find("patterns").params == {"statement": "pattern"}
    assert query.find("cross-source-events").params == {"min_score": "0.6"}
    r = CliRunner().invoke(main, ["queries"])
    assert "[place=Abu Kamal, km=50]" in r.output and "[statement=pattern]" in r.output


def test_param_replaces_the_values_block(store):
    q = query.find("events-near")
    text = query.bind(q, {"place": "البو كمال"})
    assert len(re.findall(r"VALUES\s*\(\?place \?km\)", text)) == 1
    assert 'VALUES (?place ?km) { ("البو كمال" 50) }' in text and '"Abu Kamal"' not in text
    assert text.replace('("البو كمال" 50)', '("Abu Kamal" 50)') == q.text.replace(
        'VALUES (?place ?km) { ("Abu Kamal" 50) }', 'VALUES (?place ?km) { ("Abu Kamal" 50) }')
    near = query.run("events-near", {"place": "البو كمال", "km": "15"}, store=store).rows
    assert near and all(float(r["km_away"]) <= 15 for r in near)
    assert len(near) < len(query.run("events-near", store=store).rows)  # the default radius is 50 km


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_header_comments_do_not_trip_sparqlwrapper_bug(path):
    """Regression: SPARQLWrapper read "adds" in attacks-by-perpetrator's header as ADD, "Movements" in
    fighter-flows' as MOVE and "describe" in transfer-deals' as DESCRIBE, and sent them as updates."""
    text = path.read_text(encoding="utf-8")
    sw = SPARQLWrapper("http://127.0.0.1:9/query")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sw.setQuery(text)
    assert sw.queryType == query.form(text) == "SELECT"
    # SPARQLWrapper drops only every other line of a run of comments: a word harmless today would trip it
    # once a line is added above, so no comment before the form holds any of its words
    before = text[:re.search(r"^\s*SELECT\b", text, re.MULTILINE).start()]
    comments = [line.split("#", 1)[1] for line in before.splitlines() if line.lstrip().startswith("#")]
    assert [c for c in comments if CLIENT_WORDS.search(c)] == []


def test_query_form_is_read_outside_comments_strings_and_iris():
    assert query.form("# adds, Movements, describe\nPREFIX ask: <http://x/select#>\nSELECT * { ?s ?p 'ASK' }") \
        == "SELECT"
    assert query.form('PREFIX : <http://x/>\n# select\nCONSTRUCT { ?s :p "select" } WHERE { ?s :ask ?o }') \
        == "CONSTRUCT"
    assert query.form("WITH <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }") == "DELETE"
    assert query.form("# nothing but a comment") is None


BY_NAME = """# title: By name
# description: the places with a name
# parameters:
#   name: an English label, exactly
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#>
SELECT ?p ?label WHERE {
  VALUES ?name { UNDEF }  # required in the CLI; as a plain file, every place
  ?p rdfs:label ?label ; wgs:lat ?lat
  FILTER (!BOUND(?name) || STR(?label) = STR(?name))
}
ORDER BY ?p ?label
"""


def test_required_parameter_is_undef_in_the_file(store, tmp_path):
    rq = tmp_path / "by-name.rq"
    rq.write_text(BY_NAME, encoding="utf-8")
    assert query.find(str(rq)).params == {"name": ""}
    r = CliRunner().invoke(main, ["--store", str(store.path), "query", str(rq)])
    assert r.exit_code == 2 and "needs parameter(s) name" in r.output and "--param name=VALUE" in r.output
    r = CliRunner().invoke(main, ["--store", str(store.path), "query", str(rq), "--param", "name=Palmyra (Tadmur)",
                                  "--format", "csv"])
    assert r.exit_code == 0 and r.output.splitlines()[1:] == [
        "https://w3id.org/conflictkg/id/place/palmyra,Palmyra (Tadmur)"]
    # run as it is, the parameter is unbound and the query lists every place with a point
    every = store.select(BY_NAME)[1]
    assert len(every) > 100 and {"Palmyra (Tadmur)", "Abu Kamal"} <= {r["label"] for r in every}


@pytest.mark.parametrize("values, message", [
    ('VALUES ?name { "a" "b" }', "must have one row with one value per parameter"),
    ('VALUES (?name) { ("a" "b") }', "must have one row with one value per parameter"),
    ('VALUES ?name { "a\n', "must have one row"),
])
def test_a_bad_parameters_block_is_refused_with_its_line(tmp_path, values, message):
    rq = tmp_path / "bad.rq"
    rq.write_text(BY_NAME.replace("VALUES ?name { UNDEF }", values), encoding="utf-8")
    with pytest.raises(query.QueryError) as e:
        query.find(str(rq))
    assert message in str(e.value) and f"{rq}:8" in str(e.value)


def test_header_default_that_disagrees_with_the_file_is_refused(tmp_path):
    rq = tmp_path / "two-defaults.rq"
    rq.write_text(BY_NAME.replace("exactly\n", "exactly (default: Abu Kamal)\n")
                  .replace("{ UNDEF }", '{ "Palmyra (Tadmur)" }'), encoding="utf-8")
    with pytest.raises(query.QueryError, match="default 'Abu Kamal' in the header but \"Palmyra"):
        query.find(str(rq))
    rq.write_text(BY_NAME.replace("exactly\n", "exactly (default: Abu Kamal)\n")
                  .replace("{ UNDEF }", '{ "Abu Kamal" }'), encoding="utf-8")
    assert query.find(str(rq)).params == {"name": "Abu Kamal"}


@pytest.fixture(scope="module")
def endpoint(store):
    server = start(store, port=free_port(), workers=2)
    yield server.url
    stop(server)


def test_remote_query_is_sent_as_written_bug(store, endpoint, tmp_path):
    """Regression: comment lines were dropped before sending, and with them a line of a long string that
    starts with "#"; the header words that trip SPARQLWrapper's guess are no trouble either."""
    rq = tmp_path / "as-written.rq"
    rq.write_text('# title: As written\n# description: adds nothing, Movements, describe\n'
                  'SELECT ?text WHERE { BIND ("""first line\n# second line""" AS ?text) }\n', encoding="utf-8")
    remote = query.run(str(rq), endpoint=endpoint)
    assert remote.rows == query.run(str(rq), store=store).rows == [{"text": "first line\n# second line"}]
