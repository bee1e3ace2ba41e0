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


GHOUTA = ("كثف الجيش السوري الجمعة غاراته الجوية على جيوب تسيطر عليها المعارضة المسلحة في الغوطة الشرقية، موقعا 80 "
          "قتيلا مدنيا على الأقل في بلدتي كفربطنا وسقبا.\n"
          "وواصل الجيش السوري قصفه المكثف على إحدى الجيوب المحاصرة للمعارضة المسلحة في الغوطة الشرقية الجمعة، موقعة "
          "عشرات القتلى.")


def test_the_dozens_of_a_restatement_are_the_dead_told_in_figures_bug():
    """Regression: the Friday air strikes on the Eastern Ghouta (dev half, France 24 2018-03-17, 80 civilians
    killed) told again as "قصفه المكثف … موقعة عشرات القتلى": one incident, whose toll is the 80, not 80 plus
    twenty of the opposition (the pocket's holder read as the side of the dozens)."""
    ex = extract(GHOUTA, published="2018-03-17")
    (e,) = violent(ex)
    assert len(ex.mentions_of[e["id"]]) == 2
    assert [c for c in e["counts"] if c["kind"] == "killed"] == [{"kind": "killed", "side": "civilians", "n": 80}]
