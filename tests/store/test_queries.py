"""Each named query answers what the articles say. Expected answers cite their sentences."""
import socket
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import free_port

from conflictkg.ask.tabular import Tables
from conflictkg.cli import main
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.share.serve.server import start, stop
from conflictkg.store import queries as query
from conflictkg.store.paging import sorted_values

ISIS = "https://w3id.org/conflictkg/id/actor/isis"
ACTOR = "https://w3id.org/conflictkg/id/actor/"


def curated_events() -> list[dict]:
    """Every event of the fact files as curated, read with plain YAML (not with the code under test)."""
    out = []
    for path in sorted((SEEDS_DIR / "facts").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [{**e, "article": doc["article"]} for e in doc.get("events") or []]
    return out


def run(store, name, **params):
    return query.run(name, {k: str(v) for k, v in params.items()}, store=store, limit=None).rows


def test_every_named_query_runs_and_has_a_header(store):
    lib = query.library()
    for required in ("transfer-deals", "ambushes", "attacks-by-perpetrator", "casualties-by-governorate",
                     "control-changes", "isis-presence", "arrests", "claims-by-source", "alliances",
                     "fighter-flows", "tallies", "timeline", "events-near", "evidence", "deals", "patterns"):
        q = lib[required]
        assert q.title and q.description, required
        assert run(store, required), f"{required} returned nothing"


def test_transfer_deals(store):
    deals = run(store, "transfer-deals")
    by_route = {(d["from_place"], d["to_place"]): d for d in deals}
    # 002: "نقل إلى أطراف المحافظة في نهاية شهر مايو/ أيار الماضي نحو ألف من مقاتلي "داعش" من جنوب دمشق"
    south = by_route[("Southern Damascus (Yarmouk and al-Hajar al-Aswad)", "As-Suwayda Governorate")]
    assert south["fighters_min"] == "1000" and south["date"].startswith("2018-05")
    # "عدم تفتيش حافلات عناصر التنظيم وتأمين شاحنات لنقل أمتعتهم"
    assert "search" in south["terms"].lower() and "truck" in south["terms"].lower()
    # 002: "نُقل في سبتمبر/ أيلول الماضي، مئات من مقاتلي التنظيم من دير الزور إلى ريف محافظة إدلب"
    idlib = by_route[("Deir ez-Zor Governorate", "Idlib countryside")]
    assert idlib["date"].startswith("2018-09") and int(idlib["fighters_min"]) >= 200
    # 002: "موافقة النظام وحزب الله على نقل عناصر "داعش" في 26 أغسطس/ آب 2017 من جرود بلدة عرسال اللبنانية إلى دير الزور"
    arsal = by_route[("Arsal barrens (jurud)", "Deir ez-Zor Governorate")]
    assert arsal["date"] == "2017-08-26" and set(arsal["approvers"].split("; ")) == {
        "Syrian regime (government)", "Hezbollah"}
    # 002: "اتهمت قوات "قسد" النظام السوري بإبرام صفقة مع تنظيم داعش في نوفمبر/ تشرين الثاني 2017"
    kamal = by_route[("Abu Kamal", "Eastern Deir ez-Zor countryside")]
    assert kamal["claimed_by"] == "Syrian Democratic Forces (SDF)" and kamal["certainty"] == "alleged"
    # 002: "إجلاء عناصر التنظيم في عام 2016 من مدينة الضمير والقلمون الغربي إلى بادية دير الزور"
    assert any("Al-Dumayr" in d["from_place"] and d["to_place"] == "Deir ez-Zor desert" for d in deals)
    assert len(deals) == 5


def test_ambushes(store):
    rows = run(store, "ambushes")
    # 003: "نفذ تنظيم داعش الإرهابي اليوم 14 نوفمبر كمينًا ... وأسفر عنه مقتل 13 عسكريًا سوريًا"
    masrab = [r for r in rows if r["date"] == "2021-11-14"]
    assert masrab and all(r["perpetrators"] == "Islamic State (ISIS)" for r in masrab)
    assert {r["killed"] for r in masrab} == {"13"} and any("Al-Masrab desert" in r["places"] for r in masrab)


def test_deals_lists_every_kind_of_deal(store):
    deals = run(store, "deals")
    kinds = {}
    for d in deals:
        kinds.setdefault(d["kind"], []).append(d)
    # the five transfers of 002, as transfer-deals lists them, are deals, with the same places
    # (deals gives the values of its joined columns sorted, transfer-deals in the engine's order)
    transfers = {(sorted_values(d["from_place"]), sorted_values(d["to_place"])) for d in run(store, "transfer-deals")}
    assert len(transfers) == 5
    assert {(d["from_place"], d["to_place"]) for d in kinds["transfer deal"]} == transfers
    # 002: "الصفقة بشأن تسليم "داعش" مدينة تدمر إلى قوات النظام" (the deal over ISIS handing Palmyra to the
    # regime forces): a handover of territory by agreement is a deal, between ISIS and the regime
    palmyra = [d for d in kinds["handover of territory"] if d["places"] == "Palmyra (Tadmur)" and not d["same_as"]]
    assert len(palmyra) == 1 and "Islamic State (ISIS)" in palmyra[0]["parties"].split("; ")
    assert palmyra[0]["quote"].startswith("الصفقة بشأن تسليم")
    # 002: "صفقات لشراء النفط مقابل الأسمدة الزراعية" (deals to buy oil for agricultural fertiliser)
    trade = kinds["trade deal"]
    assert [(d["gives"], d["receives"]) for d in trade] == [("oil", "agricultural fertiliser")]
    assert trade[0]["certainty"] == "alleged" and trade[0]["reporter"] == "An ISIS defector"
    # every deal has its evidence and its kind of statement
    assert all(d["quote"] and d["statement"] in {"event", "background", "pattern", "anticipated"} for d in deals)
    # the handover is still a change of control
    assert any(r["event"] == palmyra[0]["deal"] for r in run(store, "control-changes"))


def test_attacks_by_perpetrator_counts_events_not_patterns(store):
    """Regression: "Pattern: intensive Russian air strikes target ISIS positions in the Badia" (001,
    «الضربات المكثفة للطائرات الروسية») and the other habitual statements were counted as events."""
    violent = Tables(store).subclasses("ViolentEvent")
    expected: dict[str, dict[str, int]] = {}
    for e in curated_events():
        if e["type"] in violent and not e.get("same_as"):
            kind = {"event": "events", "background": "events", "pattern": "patterns_left_out",
                    "anticipated": "anticipated_left_out"}[e.get("statement", "event")]
            for who in set(e.get("perpetrator") or []):
                expected.setdefault(ACTOR + who, {"events": 0, "patterns_left_out": 0, "anticipated_left_out": 0})
                expected[ACTOR + who][kind] += 1
    rows = run(store, "attacks-by-perpetrator")
    got = {r["perpetrator"]: {k: int(r[k]) for k in ("events", "patterns_left_out", "anticipated_left_out")}
           for r in rows}
    assert got == expected
    # the habitual Russian strikes are left out, not counted
    russia = got[ACTOR + "russian-forces"]
    assert russia["patterns_left_out"] >= 1
    assert sum(r["patterns_left_out"] for r in got.values()) > 0


def test_attacks_by_perpetrator_uses_lower_bounds(store):
    rows = {r["perpetrator_en"]: r for r in run(store, "attacks-by-perpetrator")}
    isis = rows["Islamic State (ISIS)"]
    # ISIS is the main perpetrator; its killed include the 13 of the Masrab ambush, 19 east of Hama
    # ("قُتل فيه 19 عنصرًا") and 6 in Idlib ("مقتل 6 عناصر من قوات النظام"). Nine events, each told once: 002's
    # "شنّ هجمات عدة خلال الأيام الثلاثة الماضية" and 001's "عدة هجمات مسلحة ... في مايو الماضي" are several
    # attacks each (patterns), and 002's "في أولى عملياتهم" attacks are probably the ones it tells next (same_as)
    assert int(isis["events"]) >= 9 and int(isis["killed_lower_bound"]) >= 13 + 19 + 6
    assert max(rows.values(), key=lambda r: int(r["events"]))["perpetrator_en"] == "Islamic State (ISIS)"


def test_casualties_by_governorate(store):
    rows = run(store, "casualties-by-governorate")
    hama = [r for r in rows if r["governorate_en"] == "Hama Governorate"]
    # 003: "هجوم شرق حماة ... قُتل فيه 19 عنصرًا من قوات النظام والمسلحين الموالين لها": the attack east of
    # Hama counts under Hama, and its 19 are one toll of both sides together, not 19 of the regime forces alone
    assert sum(int(r["killed_lower_bound"]) for r in hama) >= 19
    assert not any(r["side_en"] == "Syrian regime forces" and int(r["killed_lower_bound"]) >= 19 for r in hama)
    dez = [r for r in rows if r["governorate_en"] == "Deir ez-Zor Governorate"]
    assert sum(int(r["killed_lower_bound"]) for r in dez) >= 13


def test_control_changes(store):
    rows = run(store, "control-changes")
    # 000: "وسيطرت قوات سورية الديمقراطية، الاثنين، على بئر الأزرق وبئر أبو شوارب النفطيين"
    wells = [r for r in rows if r["type"] == "capture" and "oil well" in r["places"]]
    assert {r["took_or_left"] for r in wells} == {"Syrian Democratic Forces (SDF)"} and len(wells) == 2
    # 002: "الصفقة بشأن تسليم "داعش" مدينة تدمر إلى قوات النظام"
    assert any(r["type"] == "handover of territory" and r["places"] == "Palmyra (Tadmur)" for r in rows)


def test_isis_presence(store):
    rows = run(store, "isis-presence")
    # 000: "حيث يسيطرون على بلدتي السوسة والسويعية"
    controls = {r["place_en"] for r in rows if r["kind"] == "controls"}
    assert {"Al-Susah", "Al-Suwaiyah"} <= controls
    assert all(r["quote"] for r in rows)
    # 002: "وتحصّنوا في منطقة جبل أبو رجمين الوعرة"
    assert any(r["place_en"] == "Jabal Abu Rujmayn" and r["kind"] == "entrenched" for r in rows)


def test_arrests(store):
    rows = run(store, "arrests")
    # 004: "وادعت قوات التحالف الدولي اعتقال 17 من قيادات وعناصر التنظيم بعمليات أمنية مشتركة ... بالحسكة ودير الزور
    # والرقة": a month's statistic over several operations is a tally, not one arrest
    assert not [r for r in rows if r["arrested_lower_bound"] == "17"]
    claim = [r for r in run(store, "tallies") if "arrested 17" in r["summary"]]
    assert len(claim) == 1 and claim[0]["certainty"] == "alleged"
    assert claim[0]["reporter"] == "US-led international coalition" and claim[0]["operations"] == "2"
    # 000: "ألقى الأمن التركي القبض على عنصر يتبع لتنظيم داعش في مدينة اسطنبول"
    assert any(r["places"] == "Istanbul" and r["arrested_by"] == "Turkish security forces" for r in rows)


def test_claims_by_source(store):
    rows = run(store, "claims-by-source")
    reporters = {r["reporter_en"] for r in rows}
    assert {"Syrian Observatory for Human Rights (SOHR)", "Furat Post", "Hossam al-Haddad", "An ISIS defector",
            "Al-Araby Al-Jadeed"} <= reporters
    accusations = [r for r in rows if r["claim_kind"] == "accusation"]
    assert any(r["claimed_by"] == "Syrian Democratic Forces (SDF)" for r in accusations)


def test_alliances(store):
    rows = run(store, "alliances")
    # 000: "القوات الكردية المدعومة أميركيا"
    assert any(r["subject_en"] == "Syrian Democratic Forces (SDF)" and r["relation"] == "supported by"
               and r["object_en"] == "United States" for r in rows)
    # 001: "الميليشيات الموالية لإيران"
    assert any(r["subject_en"] == "Iran-backed militias" and r["object_en"] == "Iran" for r in rows)


def test_fighter_flows(store):
    rows = run(store, "fighter-flows")
    types = {r["type"] for r in rows}
    assert {"transfer deal", "infiltration"} <= types
    # 002: "عقب تسلل داعش من منطقة الباغوز الفوقاني عبر نهر الفرات"
    assert any(r["type"] == "infiltration" and r["from_en"] == "Al-Baghuz Fawqani" for r in rows)


def test_tallies_are_not_events(store):
    rows = run(store, "tallies")
    # 001: "1020 قتيلاً من قوات النظام ... خلال الفترة الممتدة من 24 مارس /آذار 2019 حتى اليوم"
    t1020 = [r for r in rows if "1020" in r["summary"]]
    assert t1020 and t1020[0]["begin"] == "2019-03-24"
    # 004: "ووثقت المنظمات 19 عملية لعناصر التنظيم، خلفت مقتل 74"
    assert any(r["operations"] == "19" for r in rows)
    timeline = {r["event"] for r in run(store, "timeline")}
    assert not timeline & {r["tally"] for r in rows}


def test_timeline_is_in_date_order(store):
    dates = [r["earliest"] for r in run(store, "timeline")]
    assert dates == sorted(dates) and len(dates) > 40


def test_lists_of_events_leave_patterns_out_and_say_how_many(store):
    patterns = {r["fact"] for r in run(store, "patterns")}
    curated = [e for e in curated_events() if e.get("statement") == "pattern"]
    assert len(patterns) == len(curated) > 0
    # 001: "حيث ينصب الكمائن" (where it lays ambushes): a habit, listed as a pattern with its area and actors
    ambush_habit = [r for r in run(store, "patterns") if r["quote"] == "حيث ينصب الكمائن"]
    assert ambush_habit and ambush_habit[0]["type"] == "ambush" and "Islamic State (ISIS)" in ambush_habit[0]["perpetrators"]
    timeline = run(store, "timeline")
    assert not patterns & {r["event"] for r in timeline}
    assert {r["patterns_left_out"] for r in timeline} == {str(len(patterns))}
    assert {r["statement"] for r in timeline} <= {"event", "background"}
    for name in ("ambushes", "arrests", "control-changes", "fighter-flows", "events-near"):
        listed = {r["event"] for r in run(store, name)}
        assert listed and not listed & patterns, name
    ambush_patterns = [e for e in curated if e["type"] == "Ambush"]
    assert {r["patterns_left_out"] for r in run(store, "ambushes")} == {str(len(ambush_patterns))}


def test_stats_count_events_apart_from_patterns(store):
    from conflictkg.ask import stats

    totals = stats.totals(store)
    curated = curated_events()
    assert totals["PatternStatement"] == sum(e.get("statement") == "pattern" for e in curated)
    assert totals["AnticipatedEvent"] == sum(e.get("statement") == "anticipated" for e in curated)
    assert totals["Event"] == sum(e.get("statement", "event") in ("event", "background") for e in curated)
    per = stats.per_article(store)
    assert sum(a["events"] for a in per) == totals["Event"]
    assert sum(a["patterns_left_out"] for a in per) == totals["PatternStatement"]


def test_events_near(store):
    near = run(store, "events-near", place="البو كمال", km=15)
    assert near and all(float(r["km_away"]) <= 15 for r in near)
    # 002: "الهجمات تركّزت على حي الكتف ومنطقة البساتين في المحيط الشرقي من مدينة البوكمال"
    assert any("al-Katf" in r["summary"] for r in near)
    assert len(run(store, "events-near", place="Abu Kamal", km=200)) > len(near)


def test_evidence(store):
    rows = run(store, "evidence", iri="https://w3id.org/conflictkg/id/fact/003_117490c947766292/e06")
    assert len(rows) == 1 and rows[0]["quote"].startswith("نفذ تنظيم داعش الإرهابي اليوم 14 نوفمبر")


def test_parameters_are_bound_as_terms_not_text(store):
    hostile = 'Abu Kamal") } UNION { ?centre ?p ?o . BIND("x'
    assert run(store, "events-near", place=hostile, km=50) == []
    text = query.bind(query.find("events-near"), {"place": hostile, "km": "50"})
    assert '"Abu Kamal\\") } UNION' in text  # the quote is escaped inside one literal


def test_query_errors_exit_2(store):
    runner = CliRunner()
    r = runner.invoke(main, ["--store", str(store.path), "query", "no-such-query"])
    assert r.exit_code == 2 and "unknown query" in r.output
    r = runner.invoke(main, ["--store", str(store.path), "query", "ambushes", "--param", "km=3"])
    assert r.exit_code == 2 and "has no parameter" in r.output
    r = runner.invoke(main, ["query", "ambushes", "--endpoint", "http://127.0.0.1:9/sparql", "--timeout", "2"])
    assert r.exit_code == 2 and "cannot reach the endpoint" in r.output


@pytest.fixture(scope="module")
def endpoint(store):
    server = start(store, port=free_port())
    yield server.url
    stop(server)


@pytest.mark.parametrize("name", sorted(n for n in query.library() if not n.startswith("stats")))
def test_remote_endpoint_gives_the_same_answers(store, endpoint, name):
    local = query.run(name, store=store)
    remote = query.run(name, endpoint=endpoint, timeout=30)
    assert remote.columns == local.columns
    assert remote.rows == local.rows


def test_cli_query_on_endpoint(endpoint):
    r = CliRunner().invoke(main, ["query", "transfer-deals", "--endpoint", endpoint, "--format", "csv"])
    assert r.exit_code == 0 and "Arsal barrens" in r.output


TRANSITIVE = Path(__file__).parents[1] / "data" / "transitive"


@pytest.mark.parametrize("name", sorted(p.stem for p in TRANSITIVE.glob("*.rq")))
def test_unrolled_hierarchies_answer_as_the_transitive_paths(store, name):
    """Three queries unroll rdfs:subClassOf* and ckg:partOf* to 6 steps so that Virtuoso gives the same
    answers; on our store they must answer exactly as their transitive originals in tests/data/transitive."""
    assert query.run(name, store=store).rows == query.run(str(TRANSITIVE / f"{name}.rq"), store=store).rows


def test_place_hierarchy_is_within_the_unrolled_depth(store):
    # casualties-by-governorate climbs at most 6 part-of steps from an event's place
    seven = "/".join(["<https://w3id.org/conflictkg/ontology#partOf>"] * 7)
    assert not store.select(f"SELECT ?p WHERE {{ ?p {seven} ?top }} LIMIT 1")[1]


def test_regression_an_event_told_twice_is_counted_once(store):
    """The Masrab ambush is told by the outlet (e06) and by the expert (e07, same_as e06). The sums once
    added its 13 killed twice."""
    masrab = [r for r in run(store, "ambushes") if r["date"] == "2021-11-14"]
    assert len(masrab) == 2 and sum(1 for r in masrab if r["same_as"]) == 1
    # the query's sum against one computed independently from the event table
    violent = {"Attack", "Ambush", "Bombing", "Raid", "Shelling", "AirStrike", "TargetedKilling", "Execution",
               "Kidnapping", "ArmedClash"}
    isis_events = [e for e in Tables(store).events
                   if e.cls in violent and ISIS in e.role("perpetrator") and e.counted]
    once = sum(e.killed for e in isis_events if not e.same_as)
    twice = sum(e.killed for e in isis_events)
    isis = next(r for r in run(store, "attacks-by-perpetrator") if r["perpetrator_en"] == "Islamic State (ISIS)")
    assert int(isis["killed_lower_bound"]) == once < twice


def test_missing_parameter_is_a_clear_error(store, tmp_path):
    rq = tmp_path / "by-name.rq"
    rq.write_text("# title: By name\n# description: places with a name\n# parameters:\n#   name: a label\n"
                  "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                  "SELECT ?p WHERE { ?p rdfs:label ?l FILTER (STR(?l) = STR(?name)) }\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["--store", str(store.path), "query", str(rq)])
    assert r.exit_code == 2 and "needs parameter(s) name" in r.output and "--param name=VALUE" in r.output
    r = CliRunner().invoke(main, ["--store", str(store.path), "query", str(rq), "--param", "name=Palmyra (Tadmur)"])
    assert r.exit_code == 0 and "place/palmyra" in r.output


def test_endpoint_that_never_answers_times_out(tmp_path):
    """A real socket that accepts the connection and then says nothing."""
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held = []
    threading.Thread(target=lambda: held.append(server.accept()), daemon=True).start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/sparql"
    t = time.monotonic()
    r = CliRunner().invoke(main, ["query", "tallies", "--endpoint", url, "--timeout", "2"])
    assert r.exit_code == 2 and "timed out after 2 s" in r.output
    assert time.monotonic() - t < 15
    server.close()
