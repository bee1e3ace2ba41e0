"""An incident told first at the country with its day, then at a place in the country: one incident, placed.

The sentences are from the dev half (Sky News Arabia, 2018-06-07: an Iraqi air strike on ISIS in Hajin;
2018-04-14: the Western strikes on Damascus and Homs)."""
from conflictkg.ingest.extract import extract

IRAQI = ("أغارت طائرات حربية عراقية، صباح الخميس، على موقع تابع لتنظيم داعش الإرهابي داخل الأراضي السورية، وفق "
         "بيان لقيادة العمليات المشتركة.\n"
         "وذكر البيان أن مقاتلات (إف 16) التابعة للجيش قصفت وفق معلومات استخباراتية دقيقة مقر ما يسمى \"قيادة "
         "وسيطرة\"، والذي كان بداخله قيادات ومقاتلين من عصابات داعش الإرهابية في منطقة هجين داخل الأراضي السورية.")
WESTERN = ("رسائل عسكرية وسياسية عدة أطلقتها روسيا في أعقاب الضربات التي شنتها 3 دول غربية على سوريا، السبت، يستشف "
           "منها تبرير موسكو لعدم الرد على هذه الضربات.\n"
           "وشنت الولايات المتحدة وبريطانيا وفرنسا فجر اليوم، ضربات عسكرية على أهداف للنظام السوري في دمشق وحمص.")


def violent(ex):
    return [e for e in ex.facts["events"] if e["type"] in ("AirStrike", "Shelling")]


def test_a_strike_told_at_the_country_then_at_its_town_is_one_incident_bug():
    """Regression: the strike "داخل الأراضي السورية" on Thursday and "قصفت … في منطقة هجين" with no day were two
    rows, one at the country and one at Hajin dated by the month of publication."""
    ex = extract(IRAQI, published="2018-06-07")
    (e,) = violent(ex)
    assert e["places"][0] == "gn-174506"                  # Hajin, from the second sentence
    assert e["date"] == "2018-06-07"                      # the day, from the first
    assert len(ex.mentions_of[e["id"]]) == 2
    assert ex.text[e["start"]:e["end"]].startswith("قصفت")  # the mention that places it leads


def test_the_western_strikes_told_at_the_country_join_their_places_bug():
    """Regression: "الضربات التي شنتها 3 دول غربية على سوريا، السبت" made a row at the country beside the rows of
    Damascus and Homs told after it the same day."""
    ex = extract(WESTERN, published="2018-04-14")
    strikes = violent(ex)
    assert sorted(e["places"][0] for e in strikes) == ["damascus", "homs"]   # one event per governorate
    assert all(e["date"] == "2018-04-14" for e in strikes)
    assert not [e for e in ex.facts["events"] if e["places"] == ["syria"]]


def test_a_country_mention_without_a_day_stays_apart():
    """The rule needs the day of the mention told at the country: a month or year is a pattern's."""
    ex = extract(IRAQI.replace("صباح الخميس", "العام الماضي"), published="2018-06-07")
    assert len(violent(ex)) == 2
