"""A bombardment told as a shelling, then as air and ground strikes at the same place: one incident.

The sentences are from the dev half (Sky News Arabia, 2018-03-15: the Turkish bombardment of Afrin)."""
from conflictkg.ingest.extract import extract

AFRIN = ("وقال \"أدى القصف التركي العنيف على مدينة عفرين منذ الأربعاء إلى فرار أكثر من 30 ألف مدني من المدينة\".\n"
         "وأكد أن النزوح يأتي \"وسط نداءات أطلقها المدنيون إلى المجتمع الدولي للتحرك حيال المحرقة التركية التي بدأت "
         "يوم أمس الأربعاء.. عبر قصف جوي وبري مكثفين على مدينة عفرين\".")


def violent(ex):
    return [e for e in ex.facts["events"] if e["type"] in ("AirStrike", "Shelling")]


def test_a_shelling_restated_as_air_strikes_at_its_place_is_one_incident_bug():
    """Regression: "القصف التركي العنيف على مدينة عفرين منذ الأربعاء" (a shelling, with its day) and "قصف جوي وبري
    مكثفين على مدينة عفرين" (read as an air strike, no day of its own) were two rows at Afrin: the same words
    name both classes of bombardment, so a restatement of the other class is the incident told again."""
    ex = extract(AFRIN, published="2018-03-15")
    (e,) = violent(ex)
    assert e["type"] == "Shelling" and e["places"] == ["afrin"]
    assert e["date"] == "2018-03-14"
    assert len(ex.mentions_of[e["id"]]) == 2


def test_bombardments_of_two_places_stay_apart():
    """The other class joins only at a place that fits: air strikes on another town are another incident."""
    ex = extract(AFRIN.replace("عبر قصف جوي وبري مكثفين على مدينة عفرين", "عبر قصف جوي وبري مكثفين على مدينة منبج"),
                 published="2018-03-15")
    assert len(violent(ex)) == 2
