"""One row per incident: an act told again in the next sentence, and the agent of a noun of an act named
after its adjectives. The sentences are from dev articles (France 24, 2018-04-06: the regime's air strikes
on Douma told in a subheading, in the observatory's toll and in its count of strikes), shortened."""
from conflictkg.ingest.extract import extract

SUBHEAD = "غارات جوية تنفذها طائرات النظام على دوما"
TOLL = "وأعلن المرصد السوري لحقوق الإنسان في وقت لاحق عن مقتل مدنيين اثنين في غارات لقوات النظام السوري على دوما."
COUNT = "وأضاف المرصد أن ثماني غارات جوية على الأقل استهدفت مدينة دوما، اليوم الجمعة."


def strikes(text):
    ex = extract(text, published="2018-04-06")
    return ex, [e for e in ex.facts["events"] if e["type"] == "AirStrike"]


def test_an_act_told_on_in_the_next_sentences_is_one_incident_bug():
    """Regression: the subheading, the toll and the count of the Douma strikes were three rows (no date in the
    first two, so no rule joined them)."""
    ex, found = strikes("عنوان الخبر\n\n" + SUBHEAD + "\n" + TOLL + "\n" + COUNT)
    assert len(found) == 1
    s = found[0]
    assert s["date"] == "2018-04-06"                      # the count's day: اليوم الجمعة
    assert s["counts"] == [{"kind": "killed", "side": "civilians", "n": 2}]
    assert len(ex.mentions_of[s["id"]]) == 3


def test_the_same_act_told_far_apart_or_with_another_date_stays_apart():
    # not the next mention: a strike on Idlib between them keeps the two Douma mentions apart
    far = SUBHEAD + "\nوقصفت طائرات روسية مدينة إدلب.\n" + TOLL
    _, found = strikes(far)
    assert len(found) == 3
    # the first mention states its date (a year): not a story going on with what it just told
    _, found = strikes("شنت طائرات النظام غارات جوية على دوما عام 2016.\n" + TOLL)
    assert len(found) == 2


ADJ_AGENT = ("أفاد المرصد السوري لحقوق الإنسان بمقتل 27 مدنيا على الأقل، بينهم 5 أطفال في قصف جوي مكثف لقوات النظام "
             "السوري على مدينة دوما.")


def test_the_agent_of_a_noun_of_an_act_after_its_adjectives_bug():
    """Regression: in "قصف جوي مكثف لقوات النظام" the regime's forces were read as the target (ل + قوات is a
    recipient right after a gap), so this mention could not join the lead that names them as the striker."""
    _, found = strikes(ADJ_AGENT)
    assert [(e["perpetrator"], e["target"]) for e in found] == [(["syrian-regime-forces"], ["civilians"])]
    lead = "لقي 27 مدنيا على الأقل مصرعهم في ضربات جوية مكثفة شنتها قوات النظام السوري على مدينة دوما الجمعة."
    _, found = strikes(lead + "\n" + ADJ_AGENT)
    assert len(found) == 1 and found[0]["date"] == "2018-04-06"


def test_a_noun_between_the_act_and_the_actor_names_what_was_hit():
    # مواقع لقوات النظام: the forces hold the positions hit, they did not strike
    _, found = strikes("شنت طائرات حربية تركية غارات عنيفة مواقع لقوات النظام السوري في عفرين.")
    assert all("syrian-regime-forces" not in e["perpetrator"] for e in found)


def test_a_toll_after_a_week_of_an_act_is_no_one_incident():
    # the dev clause above, told as a week's toll: "بعد أسبوع من" (after a week of) makes the act ongoing
    text = ("أفاد المرصد السوري لحقوق الإنسان بمقتل 27 مدنيا على الأقل بعد أسبوع من القصف الجوي المكثف لقوات "
            "النظام السوري على مدينة دوما.")
    ex = extract("عنوان الخبر\n\n" + text, published="2018-04-06")   # a headline's present tense tells news
    assert [e.get("statement") for e in ex.facts["events"]] == ["pattern"]
