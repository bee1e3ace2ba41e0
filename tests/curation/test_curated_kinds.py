"""The curated facts read as an analyst counts them: what kind of statement each event is, places under their
governorate, dates no more precise than the text, joint tolls kept joint, probable duplicates linked.
Each test cites the Arabic sentence it checks."""
import csv
import datetime as dt

import pytest
import yaml

from conflictkg.core.resources import SEEDS_DIR

CKG = "https://w3id.org/conflictkg/ontology#"
FACT = "https://w3id.org/conflictkg/id/fact/"
PLACE = "https://w3id.org/conflictkg/id/place/"
ACTOR = "https://w3id.org/conflictkg/id/actor/"
A000, A001, A002, A003, A004 = ("000_67d3ca1c45515943", "001_c9aa099658fc15d9", "002_772c49967b19e274",
                                "003_117490c947766292", "004_ce1fad4af3d1fbde")
PREFIXES = """PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def select(store, q):
    return store.select(PREFIXES + q)[1]


def fact(article, fid):
    return f"{FACT}{article}/{fid}"


def kind_of(store, article, fid):
    rows = select(store, f"SELECT ?k WHERE {{ <{fact(article, fid)}> ckg:statementKind ?k }}")
    return [r["k"].removeprefix(CKG) for r in rows]


def quote_of(store, iri):
    rows = select(store, f"SELECT ?q WHERE {{ <{iri}> ckg:hasEvidence/oa:hasTarget/oa:hasSelector/oa:exact ?q }}")
    return rows[0]["q"]


def dates_of(store, article, fid):
    r = select(store, f"""SELECT ?b ?e WHERE {{ <{fact(article, fid)}> sem:hasEarliestBeginTimeStamp ?b ;
                                                    sem:hasLatestEndTimeStamp ?e }}""")[0]
    return dt.date.fromisoformat(r["b"]), dt.date.fromisoformat(r["e"])


def test_every_curated_event_says_what_kind_of_statement_it_is():
    """Marked by a reader of the Arabic, not left to the default."""
    for path in sorted((SEEDS_DIR / "facts").glob("*.yaml")):
        events = yaml.safe_load(path.read_text(encoding="utf-8"))["events"]
        unmarked = [e["id"] for e in events if "statement" not in e]
        assert not unmarked, f"{path.name}: {unmarked}"


@pytest.mark.parametrize(("article", "fid", "words"), [
    # «فيما تشن كل من قوات النظام وقوات سورية الديمقراطية هجمات عليهم من محاور متعددة»: keep attacking
    (A000, "e01", "هجمات عليهم من محاور متعددة"),
    # «ويعتقد أن المئات من عناصر التنظيم ... خرجوا إلى تركيا»: hundreds, over an unstated time
    (A000, "e11", "المئات من عناصر التنظيم"),
    # «الضربات المكثفة للطائرات الروسية ... التي تستهدف مواقع التنظيم»: intensive strikes that target
    (A001, "e04", "الضربات المكثفة للطائرات الروسية"),
    # «وجميعهم قتلوا عبر هجمات وتفجيرات وكمائن للتنظيم» since 24 March 2019
    (A001, "e06", "هجمات وتفجيرات وكمائن"),
    # «نحو ألف منهم سلّموا أنفسهم لقوات قسد»: about a thousand surrendered, one by one
    (A002, "e01", "نحو ألف منهم سلّموا أنفسهم"),
    # «داعش شنّ هجمات عدة خلال الأيام الثلاثة الماضية»: several attacks over three days
    (A002, "e09", "هجمات عدة خلال الأيام الثلاثة الماضية"),
    # «على الرغم من أن التنظيم سيطر عليها أكثر من مرة»: took Palmyra more than once
    (A002, "e32", "سيطر عليها أكثر من مرة"),
    # «صفقات لشراء النفط مقابل الأسمدة الزراعية»: deals, plural, in a series going back years
    (A002, "e35", "صفقات لشراء النفط"),
    # «عمليات متواصلة للتنظيم ضمن البادية السورية»: continuous operations through the month
    (A004, "e06", "عمليات متواصلة للتنظيم"),
])
def test_habits_and_accumulations_are_patterns(store, article, fid, words):
    assert kind_of(store, article, fid) == ["PatternStatement"]
    assert words in quote_of(store, fact(article, fid))


@pytest.mark.parametrize(("article", "fid", "kind"), [
    # «نفذ تنظيم داعش الإرهابي اليوم 14 نوفمبر كمينًا»: the news of the day
    (A003, "e06", "SpecificEvent"),
    # «ألقى الأمن التركي القبض على عنصر يتبع لتنظيم داعش في مدينة اسطنبول، يوم الثلاثاء»
    (A000, "e13", "SpecificEvent"),
    # «قتل قيادي يشغل منصب “أمير الزكاة” ... وذلك بتاريخ 23 تشرين الثاني»
    (A004, "e05", "SpecificEvent"),
    # «موافقة النظام وحزب الله على نقل عناصر "داعش" في 26 أغسطس/ آب 2017»: a 2017 deal recalled in 2019
    (A002, "e38", "BackgroundEvent"),
    # «بعد إعلان قوات سوريا الديموقراطية نهاية وجود التنظيم ... مارس 2019», recalled in 2021
    (A003, "e01", "BackgroundEvent"),
])
def test_news_is_an_event_and_history_told_in_passing_is_background(store, article, fid, kind):
    assert kind_of(store, article, fid) == [kind]


def test_regression_the_coalitions_17_arrests_are_a_tally_bug(store):
    """Regression: 004's «وادعت قوات التحالف الدولي اعتقال 17 من قيادات وعناصر التنظيم بعمليات أمنية مشتركة ...
    بالحسكة ودير الزور والرقة», a month's statistic over several operations in three governorates, was one
    Arrest event."""
    rows = select(store, """SELECT ?f ?n WHERE { ?f a ckg:Tally ; ckg:hasCount ?c .
                                                 ?c ckg:countKind ckg:Arrested ; ckg:exactValue ?n }""")
    assert [(r["f"], r["n"]) for r in rows] == [(fact(A004, "t14"), "17")]
    assert "بعمليات أمنية مشتركة" in quote_of(store, fact(A004, "t14"))
    arrests = select(store, """SELECT ?e WHERE { ?e a ckg:Event ; ckg:hasCount/ckg:countKind ckg:Arrested ;
                                                ckg:hasCount/ckg:lowerBound 17 }""")
    assert arrests == []


def test_regression_the_toll_east_of_hama_is_one_count_of_both_sides_bug(store):
    """Regression: 003's «قُتل فيه 19 عنصرًا من قوات النظام والمسلحين الموالين لها» was 19 regime dead plus a
    militia count; it is one toll over both sides together."""
    counts = select(store, f"""SELECT ?c ?n ?side ?joint WHERE {{ <{fact(A003, 'e09')}> ckg:hasCount ?c .
        ?c ckg:countKind ckg:Killed ; ckg:lowerBound ?n .
        OPTIONAL {{ ?c ckg:side ?side }} OPTIONAL {{ ?c ckg:jointSide ?joint }} }}""")
    assert {r["c"] for r in counts} == {f"{fact(A003, 'e09')}/count/1"}
    assert {r["joint"] for r in counts} == {ACTOR + "syrian-regime-forces", ACTOR + "pro-regime-militias"}
    assert {r["n"] for r in counts} == {"19"} and {r["side"] for r in counts} == {None}


@pytest.mark.parametrize(("article", "fid", "words"), [
    (A001, "t01", "92 عنصراً من قوات النظام والميليشيات الموالية لها"),
    (A001, "t02", "1020 قتيلاً من قوات النظام والمسلحين الموالين"),
    (A004, "t06", "مقتل 74 من الجيش السوري والقوات الموالية له"),
])
def test_tallies_of_forces_and_their_allies_together_are_joint(store, article, fid, words):
    assert words in quote_of(store, fact(article, fid))
    rows = select(store, f"""SELECT ?side WHERE {{ <{fact(article, fid)}> ckg:hasCount ?c .
                                                  ?c ckg:countKind ckg:Killed ; ckg:side ?side }}""")
    assert rows == []  # no side carries the number alone


def test_probable_second_accounts_are_linked(store):
    # 002: the local networks' first operations «على أطراف مدينة البوكمال وفي بادية الميادين» are, probably,
    # Furat Post's attacks «في المحيط الشرقي من مدينة البوكمال» (e11) and «في باديتي بقرص والميادين» (e14)
    rows = select(store, f"SELECT ?a ?b WHERE {{ ?a ckg:sameEventAs ?b FILTER STRSTARTS(STR(?a), '{FACT}{A002}/') }}")
    links = {(r["a"].rsplit("/", 1)[1], r["b"].rsplit("/", 1)[1]) for r in rows}
    assert {("e07", "e11"), ("e08", "e14")} <= links


def test_regression_dates_that_hang_on_an_estimated_publication_keep_its_bounds_bug(store):
    """Regression: 002 is dated only to 2018-12-01..2019-03-23, yet its «خلال الأيام الثلاثة الماضية», «يوم الأربعاء
    الماضي» and «في مطلع الشهر الحالي» events carried the estimated month 2019-02."""
    published = (dt.date(2018, 12, 1), dt.date(2019, 3, 23))
    # «داعش شنّ هجمات عدة خلال الأيام الثلاثة الماضية»: the three days before a publication in those bounds
    assert dates_of(store, A002, "e11") == (published[0] - dt.timedelta(days=3), published[1])
    # «يوم الأربعاء الماضي»: the Wednesday before 2018-12-01 (a Saturday) to the Wednesday before 2019-03-23
    assert dates_of(store, A002, "e14") == (dt.date(2018, 11, 28), dt.date(2019, 3, 20))
    # «وقد هاجم عناصر "داعش" في مطلع الشهر الحالي»: early in a month within the bounds
    assert dates_of(store, A002, "e19") == published
    month = (dt.date(2019, 2, 1), dt.date(2019, 2, 28))
    rows = select(store, f"""SELECT ?f WHERE {{ ?f a ckg:Event ; sem:hasEarliestBeginTimeStamp ?b ;
        sem:hasLatestEndTimeStamp ?e FILTER (STRSTARTS(STR(?f), '{FACT}{A002}/')
        && STR(?b) = '{month[0]}' && STR(?e) = '{month[1]}') }}""")
    assert rows == []


def test_regression_a_claims_day_is_not_the_attacks_day_bug(store):
    """Regression: 001's «فقد أعلن داعش، الأحد، مسؤوليته عن مهاجمة مصفاة الصينية» dates the claim; the attack had
    the claim's day. It came by then, after the May attacks that came before it («وقبلها ... في مايو الماضي»)."""
    claim, attack = dates_of(store, A001, "e07"), dates_of(store, A001, "e08")
    assert claim == (dt.date(2020, 11, 29), dt.date(2020, 11, 29))
    assert attack == (dt.date(2020, 5, 1), dt.date(2020, 11, 29))


# ---------------------------------------------------------------- places under their governorate
GOVERNORATE_OF = """SELECT ?p ?g WHERE { ?p a/rdfs:subClassOf* ckg:Place ; ckg:partOf* ?g . ?g a ckg:Governorate }"""


def governorates(store):
    """Each place's governorates: itself if it is one, else those up its part-of chain."""
    rows = select(store, "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + GOVERNORATE_OF)
    out = {}
    for r in rows:
        out.setdefault(r["p"].removeprefix(PLACE), set()).add(r["g"].removeprefix(PLACE))
    return out


@pytest.mark.parametrize(("place", "governorate"), [
    ("eastern-rif-hama", "hama-governorate"),         # 003: «هجوم شرق حماة»
    ("rif-deir-ez-zor", "deir-ez-zor-governorate"),   # 000: «في ريف دير الزور»
    ("east-euphrates-pocket", "deir-ez-zor-governorate"),  # 002: «عناصر التنظيم في شرق الفرات»
    ("masrab-salt-mine", "deir-ez-zor-governorate"),  # 003: «قرب منجم الملح فى بادية المسرب»
    ("tulul-al-safa", "rif-dimashq-governorate"),     # 002: «تلول الصفا الواقعة في بادية ريف دمشق»
    ("jabal-bishri", "raqqa-governorate"),            # 004: «في محيط جبل البشري بريف الرقة»
    ("ithriya", "hama-governorate"),                  # 004: «محور آثريا والرهجان ... بريف حماة الشرقي»
])
def test_places_named_are_under_their_governorate(store, place, governorate):
    assert governorate in governorates(store)[place]


def test_every_syrian_place_has_a_governorate_or_says_why_not(store):
    govs = governorates(store)
    rows = select(store, f"""SELECT ?p ?note WHERE {{ ?p ckg:partOf+ <{PLACE}syria>
        FILTER NOT EXISTS {{ ?p a ckg:Governorate }} OPTIONAL {{ ?p skos:scopeNote ?note }} }}""")
    region_level = {r["p"].removeprefix(PLACE): r["note"] for r in rows if r["p"].removeprefix(PLACE) not in govs}
    assert "syrian-badia" in region_level and "central-syria" in region_level
    for place, note in region_level.items():
        assert note and note.startswith("Stays region-level"), place


def test_the_pocket_east_of_the_euphrates_is_what_2018_and_2019_mean():
    places = {p["id"]: p for p in yaml.safe_load((SEEDS_DIR / "places.yaml").read_text(encoding="utf-8"))}
    pocket = places["east-euphrates-pocket"]
    assert pocket["part_of"] == ["abu-kamal-district", "east-of-euphrates"]
    assert "الجيب الذي يسيطر عليه التنظيم" in pocket["note"] and "Not for other years" in pocket["note"]
    facts = yaml.safe_load((SEEDS_DIR / "facts" / f"{A002}.yaml").read_text(encoding="utf-8"))
    events = {e["id"]: e for e in facts["events"]}
    for fid in ("e01", "e02", "e03", "e04"):  # the surrenders, the siege, the flight and the smugglers' routes
        assert "east-euphrates-pocket" in (events[fid].get("places") or []), fid


def test_towns_sit_in_the_governorate_their_gazetteer_row_gives(store):
    """places.yaml's part-of chain and the vendored GeoNames/OpenSyria row agree on the governorate."""
    with (SEEDS_DIR / "gazetteer" / "places.csv").open(encoding="utf-8") as f:
        admin1 = {r["geonameid"]: r["admin1_code"] for r in csv.DictReader(f) if r["country_code"] == "SY"}
    places = yaml.safe_load((SEEDS_DIR / "places.yaml").read_text(encoding="utf-8"))
    gov_code = {p["id"]: admin1[str(p["geonames"])] for p in places
                if p["class"] == "Governorate" and str(p.get("geonames")) in admin1}
    govs = governorates(store)
    checked = 0
    for p in places:
        row = admin1.get(str(p.get("geonames")))
        if row is None:
            continue
        assert {gov_code[g] for g in govs[p["id"]]} == {row}, p["id"]
        checked += 1
    assert checked >= 15


def test_every_specific_syrian_event_has_a_place_in_a_governorate(store):
    govs = governorates(store)
    rows = select(store, f"""SELECT ?e ?p WHERE {{ ?e ckg:statementKind ckg:SpecificEvent ;
        ckg:localId ?id ; sem:hasPlace|ckg:fromPlace|ckg:toPlace ?p . ?p ckg:partOf* <{PLACE}syria>
        FILTER STRSTARTS(STR(?e), '{FACT}') }}""")
    places = {}
    for r in rows:
        places.setdefault(r["e"], set()).add(r["p"].removeprefix(PLACE))
    assert len(places) > 20
    missing = sorted(e for e, ps in places.items() if not any(p in govs for p in ps))
    assert missing == []
