"""Places the registry lacks, read from the vendored gazetteer (GeoNames/OpenSyria), and the governorate of a
countryside the registry lacks. The clauses are from 2018 news of the development corpus."""
from __future__ import annotations

import csv
import io

import yaml

from conflictkg.core import geo
from conflictkg.core.arabic import nfc
from conflictkg.core.normalise import normalise
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.curation.seeds import read_gazetteer
from conflictkg.ingest.extract.batch import candidate_graph
from conflictkg.ingest.extract.lexicon import Lexicon
from conflictkg.ingest.extract.match import tokens
from conflictkg.ingest.extract.pipeline import check, extract
from conflictkg.ingest.extract.places import find_places, governorate
from conflictkg.share.exports.acled_csv import candidates_csv

LEX = Lexicon.load()


def places_of(text: str) -> list[list[str]]:
    ex = extract(text, published="2018-04-08", lexicon=LEX)
    check(ex)  # the seeds' loader takes the gazetteer places the fact file names
    return [e.get("places") or [] for e in ex.facts["events"]]


def named(text: str) -> list[str]:
    norm = normalise(nfc(text))
    return [m.value for m in find_places(norm, tokens(norm), LEX, [])]


def test_the_whole_gazetteer_is_vendored_and_holds_every_registry_id():
    gaz = read_gazetteer(SEEDS_DIR / "gazetteer" / "places.csv")
    with (SEEDS_DIR / "gazetteer" / "places.csv").open(encoding="utf-8") as f:
        assert sum(1 for _ in csv.DictReader(f)) == 1001
    places = yaml.safe_load((SEEDS_DIR / "places.yaml").read_text(encoding="utf-8"))
    assert {p["geonames"] for p in places if "geonames" in p} <= set(gaz)
    assert "OpenSyria" in (SEEDS_DIR / "gazetteer" / "ATTRIBUTION.md").read_text(encoding="utf-8")


def test_a_town_only_the_gazetteer_has_gives_the_row_its_governorate_and_point():
    text = "قُتل حوالي سبعين شخصا على الأقل إثر ما يشتبه في أنه هجوم كيميائي شنته قوات النظام على مدينة دوما السورية"
    assert places_of(text)[0][0] == "gn-170592"  # and Syria, from السورية
    douma = LEX.places["gn-170592"]
    assert (douma["en"], douma["geonames"], douma["geo_precision"]) == ("Duma", 170592, 1)
    assert governorate(LEX, "gn-170592") == "rif-dimashq-governorate"
    ex = extract(text, published="2018-04-08", lexicon=LEX)
    rows = list(csv.DictReader(io.StringIO(candidates_csv(candidate_graph([ex]), 1).decode("utf-8"))))
    assert [(r["location"], r["admin1"], r["latitude"], r["longitude"], r["geo_precision"]) for r in rows] == \
        [("Duma", "Rif Dimashq", "33.57175", "36.40270", "1")]


def test_a_place_with_a_clitic_and_a_registry_name_before_the_gazetteer():
    # لـ and و are taken off as for every place; "مدينة إدلب" is the registry's Idlib, not a gazetteer alias
    assert places_of("وأكدت المنظمة أن قوات النظام قصفت لدوما") == [["gn-170592"]]
    assert places_of("قصفت قوات النظام مدينة إدلب") == [["idlib"]]


def test_a_name_that_is_also_a_common_word_counts_only_after_a_settlement_noun():
    assert places_of("قصفت قوات النظام الخطوط الحمراء") == [["syria"]]
    assert places_of("قصفت قوات النظام قرية الحمراء") == [["gn-173830"]]
    # short names and places abroad below a capital: وان is 'and that', not Van in Turkey
    assert places_of("قصفت قوات النظام البلدة وان المرحلة تستوجب") == [["syria"]]


def test_a_name_of_several_places_takes_the_governorate_named_nearby_else_the_population():
    choices = dict(LEX.gazetteer.choices["?صوران"])
    assert set(choices) == {"gn-163913", "gn-163915"}  # Aleppo (population 0) and Hama (30,716)
    assert places_of("قصفت قوات النظام قرية صوران في ريف حلب")[0][0] == "gn-163913"
    assert places_of("قصفت قوات النظام قرية صوران")[0] == ["gn-163915"]
    # two villages of no known population, in two governorates: left out
    assert places_of("قصفت قوات النظام قرية عين التينة") == [["syria"]]


def test_the_countryside_of_a_city_lies_in_its_governorate_not_in_the_city():
    # bare إدلب is the governorate, whose countryside the registry has (ريف إدلب)
    assert places_of("قصفت قوات النظام ريف إدلب الجنوبي") == [["rif-idlib"]]
    assert places_of("قصفت قوات النظام ريف حمص الشرقي")[0][0] != "homs"
    assert places_of("قصفت قوات النظام شرق إدلب") == [["idlib-governorate"]]
    # the other shapes: a desert, a side and a countryside the registry has, a quarter in a city
    assert places_of("قصفت قوات النظام مواقع في بادية حمص") == [["homs-badia"]]
    assert places_of("قصفت قوات النظام مواقع شرق حماة") == [["hama-governorate"]]
    assert places_of("قصفت قوات النظام مواقع في ريف دير الزور الشرقي") == [["eastern-rif-deir-ez-zor"]]
    assert places_of("قصفت قوات النظام حي التضامن في دمشق") == [["damascus"]]


def test_curated_regions_of_the_2018_news_carry_their_governorate():
    for text, place, gov in (("الجماعات المسلحة التي تقاتل في الغوطة الشرقية", "eastern-ghouta",
                              "rif-dimashq-governorate"),
                             ("إلى بلدات الرحيبة وجيرود في القلمون الشرقي", "eastern-qalamoun", "rif-dimashq-governorate"),
                             ("غارة على مطار التيفور العسكري", "t4-airbase", "homs-governorate"),
                             ("المعارك في حوض اليرموك", "yarmouk-basin", "daraa-governorate")):
        assert named(text)[-1] == place, text
        assert governorate(LEX, place) == gov


def test_gazetteer_rows_become_registry_entries_in_their_governorate_or_country():
    gaz = read_gazetteer(SEEDS_DIR / "gazetteer" / "places.csv")
    registry = {p["id"]: p for p in yaml.safe_load((SEEDS_DIR / "places.yaml").read_text(encoding="utf-8"))}
    made = geo.gazetteer_places(gaz, registry)
    assert "gn-174448" not in made  # Abu Kamal is the registry's own place
    assert made["gn-276781"]["part_of"] == ["lebanon"] and made["gn-276781"]["class"] == "City"  # Beirut
    assert made["gn-7895328"]["class"] == "Subdistrict" and made["gn-7895328"]["geo_precision"] == 2  # Hajin
    assert all(e["part_of"][0] in registry for e in made.values())


def test_a_reviewed_file_naming_a_gazetteer_place_ingests_with_the_place(built, tmp_path):
    """The gazetteer place goes into the article's graph, with its governorate, so a query finds it."""
    from click.testing import CliRunner
    from helpers import copy_store

    from conflictkg.cli import main
    from conflictkg.store.generations import Store

    kg = tmp_path / "store"
    copy_store(built.store, kg)
    art = tmp_path / "douma.txt"
    art.write_text("قصفت قوات النظام مدينة دوما بالبراميل المتفجرة أمس.\n", encoding="utf-8")
    facts = tmp_path / "douma.facts.yaml"
    run = CliRunner().invoke
    assert run(main, ["extract", str(art), "--published", "2018-03-01", "-o", str(facts)]).exit_code == 0
    assert "gn-170592" in facts.read_text(encoding="utf-8")
    assert run(main, ["review", str(facts), "--article", str(art), "--accept-all", "--by", "tester"]).exit_code == 0
    r = run(main, ["--store", str(kg), "ingest", str(facts), str(art), "--published", "2018-03-01"])
    assert r.exit_code == 0, r.output
    _, rows = Store(kg).select("""PREFIX ckg: <https://w3id.org/conflictkg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?gov WHERE { ?e ckg:localId "e01" ; <http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace> ?p .
                            ?p ckg:geonamesId 170592 ; ckg:partOf ?g . ?g a ckg:Governorate ; rdfs:label ?gov
                            FILTER(LANG(?gov) = "en") }""")
    assert [r["gov"] for r in rows] == ["Rif Dimashq Governorate"]


def test_an_event_with_no_place_in_its_paragraph_takes_the_governorate_the_article_named_before():
    attack = "تبنى تنظيم داعش الإرهابي، الثلاثاء، هجوما انتحاريا أوقع 14 قتيلا من قوات النظام"
    before = "أبرمت روسيا وفصائل معارضة اتفاق تسوية في محافظة درعا وبلدة طفس.\n\n"
    assert places_of(before + attack)[-1] == ["daraa-governorate"]
    assert places_of(attack)[-1] == ["syria"]
    # a governorate named only after the event is not the event's
    assert places_of(attack + "\n\nوفي محافظة درعا أبرمت روسيا اتفاقا")[0] == ["syria"]


def test_a_geonames_spelling_that_is_a_common_word_is_not_read_bug():
    """Regression: الإشارة ('the sign', as in تجدر الإشارة) was read as al-Ashara in Deir ez-Zor, whose GeoNames
    row spells it الأشارة, and an event in Douma was coded in Deir ez-Zor."""
    assert "ashara" not in named("وتجدر الإشارة إلى أن قوات النظام قصفت مدينة دوما")
    assert named("وسيطرت قوات النظام على بلدة العشارة") == ["ashara"]


def test_a_reviewer_may_keep_or_type_a_gazetteer_place_bug():
    """Regression: the review refused the gn-<id> places that extract writes ('unknown place id'), so a
    reviewer could not save an event placed in Douma."""
    from conflictkg.curation.review import Registries, edit

    rec = {"id": "e01", "places": ["gn-170592"]}
    reg = Registries.load()
    edit("events", rec, "places", "gn-170592, eastern-ghouta", reg)
    assert rec["places"] == ["gn-170592", "eastern-ghouta"]
    try:
        edit("events", rec, "places", "gn-1", reg)
    except ValueError as e:
        assert "gn-<geonameid>" in str(e)
    else:
        raise AssertionError("an id that is neither a registry place nor a gazetteer row was taken")


def test_a_region_of_several_governorates_takes_the_one_the_article_names_bug():
    """Regression: an event placed only at "الجنوب السوري" had no governorate although the article is about
    Daraa. France 24 2018-07-08 (dev half): the region spans Daraa, Quneitra and As-Suwayda; the article's
    other places lie in Daraa."""
    text = ("تجددت أعمال العنف في الجنوب السوري، وأسفر القصف عن مقتل أربعة مدنيين في غارات للطيران السوري "
            "على الجنوب السوري.\n\nإلا أن يوم الأحد شهد تجدداً لأعمال العنف في مناطق محدودة في محافظة درعا.")
    ev = extract(text, published="2018-07-08", lexicon=LEX).facts["events"]
    strike = next(e for e in ev if e["type"] == "AirStrike")
    assert strike["places"] == ["southern-syria", "daraa-governorate"]


def test_a_region_keeps_no_governorate_when_the_article_names_none_of_its_own():
    # the article's only other place (Idlib) is not in southern Syria: no governorate is made up
    ev = extract("قصفت طائرات روسية مواقع في الجنوب السوري.\n\nوفي إدلب، تظاهر المئات.", published="2018-07-08",
                 lexicon=LEX).facts["events"]
    assert [e["places"] for e in ev if e["type"] == "AirStrike"] == [["southern-syria"]]


def test_every_region_spans_registry_governorates():
    for region, govs in LEX.regions.items():
        assert LEX.places[region]["class"] == "Region", region
        assert govs and all(LEX.places[g]["class"] == "Governorate" for g in govs), region


def test_an_evacuation_is_placed_where_the_fighters_leave_not_where_they_go_bug():
    """Regression: "خروج المقاتلين إلى مناطق الشمال" placed the agreement in northern Syria, where the fighters
    go; ACLED codes an evacuation deal at the place left. Sky News Arabia 2018-04-21 (dev half)."""
    text = ("وبدأ مقاتلو المعارضة الانسحاب من القلمون الشرقي. "
            "وجلست فصائل الجيش الحر على طاولة المفاوضات مع الجانب الروسي وتم التوصل إلى اتفاقية أهم بنودها "
            "تسليم السلاح الثقيل وخروج المقاتلين إلى مناطق الشمال.")
    ev = extract(text, published="2018-04-21", lexicon=LEX).facts["events"]
    deals = [e for e in ev if e["type"] in ("Deal", "TransferDeal")]
    assert deals and all(e["places"] == ["eastern-qalamoun"] and not e.get("to") for e in deals), deals
    # in a paragraph of its own, it takes the governorate of the places named before it
    ev = extract(text.replace("الشرقي. ", "الشرقي.\n"), published="2018-04-21", lexicon=LEX).facts["events"]
    assert [e["places"] for e in ev if e["type"] == "Deal"] == [["rif-dimashq-governorate"]]


def test_strikes_on_two_governorates_are_two_events_bug():
    """Regression: "ضربات عسكرية على أهداف للنظام السوري في دمشق وحمص" made one event (at Damascus, the first
    place); ACLED codes one event per governorate. Sky News Arabia 2018-04-14 (dev half)."""
    ev = extract("وشنت الولايات المتحدة وبريطانيا وفرنسا فجر اليوم، ضربات عسكرية على أهداف للنظام السوري في دمشق "
                 "وحمص.", published="2018-04-14", lexicon=LEX).facts["events"]
    assert [(e["type"], e["places"]) for e in ev] == [("Shelling", ["damascus"]), ("Shelling", ["homs"])]
    assert ev[0]["quote"] == ev[1]["quote"]


def test_a_list_of_places_or_one_governorate_stays_one_event():
    # three places: a campaign or pattern told as a whole; two places of one governorate: one event there
    ev = extract("شنت طائرات روسية غارات على دمشق وحمص وحماة.", published="2018-04-14", lexicon=LEX).facts["events"]
    assert len(ev) == 1
    ev = extract("شنت طائرات روسية غارات على دوما وحرستا.", published="2018-04-14", lexicon=LEX).facts["events"]
    assert len(ev) == 1


def test_a_place_named_as_a_landmark_is_not_the_events_place_bug():
    """Regression: "هجوم كيماوي مفترض … في دوما قرب دمشق" placed the attack in Damascus (the landmark) instead of
    Douma. Sky News Arabia 2018-04-14 (dev half); "الغوطة الشرقية المحاصرة قرب دمشق" is the common form in the
    corpus."""
    assert places_of("ردا على هجوم كيماوي مفترض اتهم النظام السوري بتنفيذه في دوما قرب دمشق") == [["gn-170592"]]
    assert places_of("قصفت طائرات روسية الغوطة الشرقية المحاصرة قرب العاصمة دمشق") == [["eastern-ghouta"]]
    # a place alone after قرب is the event's place
    assert places_of("قصفت طائرات روسية مواقع قرب دمشق") == [["damascus"]]


def test_villages_and_quarters_of_the_corpus_are_places_with_a_governorate():
    """Places the readable development articles name that neither list had (seeds/places.yaml, last section):
    clauses of Sky News Arabia 2018-07-10 and of the free corpus."""
    assert named("تفجير انتحاري بسيارة مفخخة استهدف سرية عسكرية في قرية زينون") == ["zaynoun"]
    assert governorate(LEX, "zaynoun") == "daraa-governorate"
    assert named("وتدور اشتباكات حالياً بين بلدة أم المياذن ومدينة درعا") == ["umm-al-mayadhin", "gn-170905"]
    assert named("سيطر الجيش على أجزاء واسعة من حي القدم الواقع شرق اليرموك")[0] == "qadam"
    assert governorate(LEX, "qadam") == "damascus-governorate"
    # names that are common words count only with their settlement noun
    assert "qadam" not in named("وقال مدرب منتخب كرة القدم")
    assert "bahira-camp" not in named("على ضفاف البحيرة")


def test_the_city_after_its_noun_is_the_city_not_its_governorate_bug():
    """Regression: "مدينة درعا" (and الرقة، حماة، حلب) was the governorate: the registry's name of the
    governorate shadowed the gazetteer's city. France 24 2018-07-08 (dev half)."""
    assert named("وتدور اشتباكات حالياً بين بلدة أم المياذن ومدينة درعا")[-1] == "gn-170905"
    assert LEX.places["gn-170905"]["en"] == "Dar'a"
    # without the noun, the name stays the governorate, as the news uses it (في درعا)
    assert named("انضمت 13 بلدة على الأقل في درعا إلى اتفاقات المصالحة") == ["daraa-governorate"]


def test_idlib_alone_is_the_governorate_as_daraa_and_aleppo_are():
    """"في إدلب" is the province in the news of 2018 (خان شيخون في إدلب is a town of the province, not of the
    city), as bare درعا، حلب، حماة already were; "مدينة إدلب" stays the city."""
    assert named("ردا على هجوم كيماوي شنه الأخير على بلدة خان شيخون في إدلب") == ["gn-168325", "idlib-governorate"]
    assert named("قصفت قوات النظام مدينة إدلب") == ["idlib"]
    assert governorate(LEX, "gn-168325") == "idlib-governorate"
