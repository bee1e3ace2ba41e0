"""A user's own .rq file with parameters, `conflictkg queries NAME`, and short IRIs as parameters."""
from click.testing import CliRunner

from conflictkg.cli import main
from conflictkg.store import queries as query

ID = "https://w3id.org/conflictkg/id/"
MINE = """# title: Events of an actor in a year
# description: Every event an actor took part in, in one year.
# parameters:
#   actor: the actor, by IRI, short IRI or slug
#   year: the year
PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT ?event ?date ?summary WHERE {
  VALUES (?actor ?year) { (<https://w3id.org/conflictkg/id/actor/isis> 2021) }
  ?event ckg:perpetrator|ckg:target|ckg:party ?actor ; sem:hasEarliestBeginTimeStamp ?date ; ckg:summary ?summary .
  FILTER (YEAR(?date) = ?year)
}
ORDER BY ?date ?event
"""


def cli(store, *args):
    return CliRunner().invoke(main, ["--store", str(store.path), *args])


def test_a_users_file_takes_params_declared_in_its_header(store, tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text(MINE, encoding="utf-8")
    defaults = query.run(str(rq), store=store)
    assert defaults.rows and all(r["date"].startswith("2021") for r in defaults.rows)
    sdf = query.run(str(rq), {"actor": f"{ID}actor/sdf", "year": "2019"}, store=store)
    assert sdf.rows and all(r["date"].startswith("2019") for r in sdf.rows)
    assert sdf.rows != defaults.rows


def test_short_iris_and_slugs_as_params_bug(store, tmp_path):
    """Regression: a parameter given as the tables print it (actor/sdf) or as a prefixed name was bound as a
    plain string and silently matched nothing."""
    rq = tmp_path / "mine.rq"
    rq.write_text(MINE, encoding="utf-8")
    full = query.run(str(rq), {"actor": f"{ID}actor/sdf", "year": "2019"}, store=store).rows
    assert full
    for form in ("actor/sdf", "actor:sdf", "ckgid:actor/sdf", "sdf", f"<{ID}actor/sdf>"):
        assert query.run(str(rq), {"actor": form, "year": "2019"}, store=store).rows == full, form
    near = query.run("events-near", {"place": f"{ID}place/palmyra", "km": "5"}, store=store).rows
    assert near and query.run("events-near", {"place": "place/palmyra", "km": "5"}, store=store).rows == near
    assert query.run("events-near", {"place": "palmyra", "km": "5"}, store=store).rows == near
    quotes = query.run("evidence", {"iri": "fact/003_117490c947766292/e06"}, store=store).rows
    assert [r["quote"][:21] for r in quotes] == ["نفذ تنظيم داعش الإرهابي"[:21]]


def test_a_short_iri_that_is_not_in_the_graph_is_an_error(store, tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text(MINE, encoding="utf-8")
    result = cli(store, "query", str(rq), "--param", "actor=actor/sdff")
    assert result.exit_code == 2 and "the graph has no" in result.output and "actor/sdf" in result.output
    result = cli(store, "query", str(rq), "--param", "actor=sdff")
    assert result.exit_code == 2 and "no actor, place or article has the slug 'sdff'" in result.output
    result = cli(store, "query", str(rq), "--param", "actor=Islamic State")
    assert result.exit_code == 2 and "takes an IRI" in result.output
    result = cli(store, "query", "evidence", "--param", "iri=ckg:NoSuchClass")
    assert result.exit_code == 2 and "the graph has no" in result.output


def test_queries_name_shows_parameters_and_columns(store, tmp_path):
    result = cli(store, "queries", "events-near")
    assert result.exit_code == 0
    assert "place: the centre, by English or Arabic label, spelling variant, or IRI (default: Abu Kamal)" in \
        result.output and "km: the radius in kilometres (default: 50)" in result.output
    ran = query.run("events-near", store=store)
    assert f"Columns: {', '.join(ran.columns)}" in result.output
    rq = tmp_path / "mine.rq"
    rq.write_text(MINE, encoding="utf-8")
    result = cli(store, "queries", str(rq))
    assert "actor: the actor, by IRI, short IRI or slug (default: https://w3id.org/conflictkg/id/actor/isis)" \
        in result.output and "Columns: event, date, summary" in result.output
    for name, q in query.library().items():  # every named query says what it returns, as it returns it
        assert q.columns() == query.run(name, store=store).columns, name


def test_isis_presence_by_date_range(store):
    every = query.run("isis-presence", store=store).rows
    in_2023 = query.run("isis-presence", {"from": "2023", "to": "2023"}, store=store).rows
    assert in_2023 and len(in_2023) < len(every)
    dated = [r for r in every if r["earliest"]]
    # the span overlaps 2023, checked here on the dates themselves
    assert sorted(r["report"] + r["place"] for r in in_2023) == sorted(
        r["report"] + r["place"] for r in dated if r["earliest"] <= "2023-12-31" and r["latest"] >= "2023-01-01")
    november = query.run("isis-presence", {"from": "2021-11-01", "to": "2021-11-30"}, store=store).rows
    assert november and all(r["earliest"] <= "2021-11-30" and r["latest"] >= "2021-11-01" for r in november)
    assert any(not r["earliest"] for r in every)  # undated reports: listed without a range, in none
