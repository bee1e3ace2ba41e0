"""One row per incident: an act told again in the next sentence. The sentences are from dev articles (France 24, 2018-04-06: the regime's air strikes
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
