"""A place taken and left on one day, told with two words (سيطر / استعاد السيطرة and انسحاب / إجلاء): one incident,
a Non-violent transfer of territory as ACLED codes it.

The sentences are from the dev half (France 24, 2018-04-25: the Eastern Qalamoun; BBC Arabic, 2018-03-30:
Afrin)."""
from conflictkg.ingest.extract import extract

QALAMOUN = ("استعاد الجيش السوري السيطرة على منطقة القلمون الشرقي قرب دمشق الأربعاء، بعد انتهاء عملية إجلاء مقاتلين "
            "معارضين، وفق اتفاق يؤمن ممرا آمنا لإجلائهم نحو الشمال السوري.")
AFRIN = ("وفي وقت سابق من الشهر الحالي سيطرت قوات تدعمها تركيا على مركز مدينة عفرين بعد انسحاب وحدات حماية الشعب "
         "الكردية منها.")


def events(ex):
    return [e for e in ex.facts["events"]]


def test_a_place_retaken_after_its_evacuation_is_one_incident_bug():
    """Regression: "استعاد الجيش السوري السيطرة على منطقة القلمون الشرقي … الأربعاء، بعد انتهاء عملية إجلاء" made two
    rows at the Eastern Qalamoun on one day, a recapture (Battles) and the evacuation (an agreement): one
    incident, of the evacuation's type (a strategic development, no battle told)."""
    ex = extract(QALAMOUN, published="2018-04-25")
    (e,) = events(ex)
    assert e["type"] in ("Deal", "TransferDeal") and e["places"] == ["qalamoun"] and e["date"] == "2018-04-25"
    assert 0 in [s for s, _ in ex.mentions_of[e["id"]]]  # the recapture, at the start, is one of its mentions


def test_a_place_taken_after_its_holders_withdrew_is_one_incident_bug():
    """Regression: "سيطرت قوات تدعمها تركيا على مركز مدينة عفرين بعد انسحاب وحدات حماية الشعب الكردية منها" made a
    capture and a withdrawal, two rows at Afrin: one transfer of territory."""
    ex = extract(AFRIN, published="2018-03-30")
    (e,) = events(ex)
    assert e["type"] == "Withdrawal"
    assert len(ex.mentions_of[e["id"]]) == 2


def test_a_place_taken_and_another_left_stay_apart():
    """The taking joins only the leaving of a place that fits: a withdrawal from another town is its own event."""
    ex = extract(AFRIN.replace("منها", "من مدينة منبج"), published="2018-03-30")
    assert sorted(e["type"] for e in events(ex)) == ["Capture", "Withdrawal"]


def test_a_place_taken_on_another_day_than_it_was_left_stays_apart():
    """Days that differ keep a taking and a leaving apart (ACLED: one row per place and day)."""
    ex = extract("سيطرت قوات تدعمها تركيا على مركز مدينة عفرين الأحد. وكانت وحدات حماية الشعب الكردية قد انسحبت من "
                 "مدينة عفرين الخميس.", published="2018-03-30")
    assert sorted(e["type"] for e in events(ex)) == ["Capture", "Withdrawal"]


def test_an_evacuation_and_a_capture_told_near_each_other_stay_apart_bug():
    """Regression: a seed's "إجلاء عناصر التنظيم في عام 2016 من مدينة الضمير …، وكذلك الصفقة بشأن تسليم داعش مدينة
    تدمر …، على الرغم من أن التنظيم سيطر عليها أكثر من مرة" joined the captures of Palmyra to the 2016 evacuation:
    the taking joins a leaving only when told as what it came after (بعد، إثر، عقب)."""
    ex = extract("ومن تلك الصفقات أيضاً إجلاء عناصر التنظيم في عام 2016 من مدينة الضمير والقلمون الغربي إلى بادية "
                 "دير الزور، وكذلك الصفقة بشأن تسليم \"داعش\" مدينة تدمر إلى قوات النظام، على الرغم من أن التنظيم "
                 "سيطر عليها أكثر من مرة.", published="2018-03-30")
    assert "Capture" in [e["type"] for e in events(ex)]
