"""One candidate per incident: later mentions of an incident merged into its first mention.

The sentences are from the dev half (Sky News Arabia, 2018-07-10: an ISIS suicide attack in Daraa told
in the lead, in the observatory's words and in ISIS's claim), shortened."""
from conflictkg.core.normalise import normalise
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.ingest.extract import extract
from conflictkg.ingest.extract.candidates import Candidate
from conflictkg.ingest.extract.eventhood import events_only
from conflictkg.ingest.extract.incidents import absorb, combine_counts, compatible, definite
from conflictkg.ingest.extract.lexicon import Lexicon
from conflictkg.ingest.extract.match import tokens
from conflictkg.ingest.extract.pipeline import title_end

LEAD = ("تبنى تنظيم داعش الإرهابي، الثلاثاء، هجوما انتحاريا أوقع 14 قتيلا من قوات النظام وفصائل المعارضة على حد "
        "سواء، في محافظة درعا جنوبي سوريا.")
CLAIM = "وأعلن داعش مسؤوليته عن التفجير في بيان، مؤكدا استخدام سيارة مفخخة يقودها انتحاري في الهجوم."
OBSERVATORY = "قتل 14 مقاتلا من قوات النظام، في تفجير انتحاري بسيارة مفخخة استهدف سرية عسكرية في قرية زينون."
SAME = "وأوضح عبد الرحمن أن \"هذا التفجير الانتحاري هو الأول الذي يستهدف قوات النظام منذ بدء العملية العسكرية في درعا\"."


def events(text, type_):
    ex = extract(text, published="2018-07-10")
    return ex, [e for e in ex.facts["events"] if e["type"] == type_]


def test_a_definite_noun_points_back_and_its_mention_becomes_evidence():
    ex, attacks = events(LEAD + "\n" + CLAIM, "SuicideBombing")
    assert len(attacks) == 1                      # الهجوم is the suicide attack of the lead, not a second one
    assert not [e for e in ex.facts["events"] if e["type"] == "Attack"]
    a = attacks[0]
    assert a["counts"] == [{"kind": "killed", "side": "syrian-regime-forces", "n": 14}]
    (s1, e1), (s2, e2), (s3, e3), (s4, e4) = ex.mentions_of[a["id"]]
    assert (s1, e1) == (a["start"], a["end"]) and ex.text[s2:e2] == "التفجير"   # a general word, another family
    assert ex.text[s3:e3] == "سيارة مفخخة" and ex.text[s4:e4] == "الهجوم"        # the bomber's car, the attack
    assert f"also told at code points {s2}-{e2}" in a["note"]
    # الهجوم points back too: it is a mention of an earlier event, never an event of its own
    assert all(ex.text[e["start"]:e["end"]] != "الهجوم" for e in ex.facts["events"])


def test_a_later_mention_gives_the_place_the_first_lacks():
    ex, bombings = events(OBSERVATORY + "\n" + SAME, "SuicideBombing")
    assert len(bombings) == 1                     # هذا التفجير الانتحاري: the same bombing
    b = bombings[0]
    # the village (seeds/places.yaml: Zaynoun, in Daraa governorate) is the first mention's own place, which
    # the later mention's Daraa contains: the merged event keeps the more specific one
    assert b["places"] == ["zaynoun"]
    assert b["counts"][0]["n"] == 14 and len(ex.mentions_of[b["id"]]) == 2


def test_mentions_without_a_pointer_stay_apart_but_a_suicide_bombing_is_told_once():
    ex, _ = events(LEAD + "\n" + OBSERVATORY, "Attack")
    # a suicide bombing is one story (grammar.yaml story_types): the lead and the observatory's words are the
    # one bombing of the gold (they were two rows before)
    assert [e["type"] for e in ex.facts["events"] if e["type"] != "ClaimOfResponsibility"] == ["SuicideBombing"]
    # air strikes are many: without a pointer, two mentions with no place or date in common stay two
    ex = extract("قصفت طائرات روسية مدينة إدلب.\nوقصفت طائرات روسية الثلاثاء بلدة معرة النعمان.",
                 published="2018-07-10")
    assert [e["type"] for e in ex.facts["events"]] == ["AirStrike", "AirStrike"] and ex.mentions_of == {}


def cand(type_, places=(), perpetrator=(), target=(), counts=()):
    return Candidate("event", type_, "", 0, 0, list(perpetrator), list(target), places=list(places),
                     counts=[dict(k) for k in counts])


def test_what_disagrees_keeps_incidents_apart():
    lex = Lexicon.load()
    assert compatible(cand("AirStrike", ["homs"]), cand("AirStrike", ["homs-governorate"]), lex)   # Homs lies in it
    assert not compatible(cand("AirStrike", ["homs"]), cand("AirStrike", ["idlib"]), lex)           # two towns
    assert not compatible(cand("AirStrike", ["homs", "syria"]), cand("AirStrike", ["idlib", "syria"]), lex)
    # Regression: a shared desert joined an attack in central Syria and an ambush in Deir ez-Zor (seed 003)
    assert not compatible(cand("ArmedClash", ["syrian-badia", "central-syria"]),
                          cand("Ambush", ["masrab-badia", "western-rif-deir-ez-zor", "syrian-badia"]), lex)
    assert not compatible(cand("AirStrike"), cand("Shelling"), lex)                                # two sub-types
    assert compatible(cand("Attack"), cand("Ambush"), lex)                  # both Battles / Armed clash
    assert not compatible(cand("Attack", perpetrator=["isis"]), cand("Attack", target=["isis"]), lex)
    assert not compatible(cand("Ambush", counts=[{"kind": "killed", "n": 19}]),
                          cand("Ambush", counts=[{"kind": "killed", "n": 13}]), lex)


def test_tolls_of_the_sides_are_kept_side_by_side_and_a_repeated_toll_once():
    regime = {"kind": "killed", "side": "syrian-regime-forces", "n": 10}
    isis = {"kind": "killed", "side": "isis", "n": 4}
    assert combine_counts([regime], [isis]) == [regime, isis]                    # the row sums them: 14
    assert combine_counts([{"kind": "killed", "side": "isis", "min": 3}], [isis]) == [isis]
    whole = {"kind": "killed", "n": 20}
    assert combine_counts([regime, isis], [whole]) == [whole]                   # 20 covers the 10 and the 4
    assert combine_counts([regime, isis], [{"kind": "killed", "n": 12}]) == [regime, isis]


TITLE = 'درعا.. قتلى من النظام والمعارضة بهجوم "داعشي"'


def test_the_headline_is_told_again_in_the_story():
    ex, attacks = events(TITLE + "\n\n" + LEAD, "SuicideBombing")
    assert len(attacks) == 1                      # the headline's attack (بهجوم) is the lead's suicide attack
    a = attacks[0]
    (s1, e1), (s2, e2) = ex.mentions_of[a["id"]]
    assert ex.text[s1:e1].startswith("تنظيم داعش") and s2 < len(TITLE)   # the story's mention leads
    assert a["counts"][0]["n"] == 14


def test_a_title_line_is_a_short_line_before_an_empty_line():
    assert title_end(TITLE + "\n\n" + LEAD) == len(TITLE)
    assert title_end(LEAD + "\n" + CLAIM) == 0                 # the seed articles open with their story
    assert title_end(LEAD + "\n\n" + CLAIM) == 0               # 23 words: a paragraph, not a title
    assert (SEEDS_DIR / "articles").is_dir() and all(
        title_end(p.read_text("utf-8")) == 0 for p in (SEEDS_DIR / "articles").glob("*.txt"))


STRIKES = "وشنت الولايات المتحدة وبريطانيا وفرنسا فجر اليوم، ضربات عسكرية على أهداف للنظام السوري في دمشق وحمص."
AFTER = "وجاءت تصريحات روسيا في أعقاب الضربات التي شنتها 3 دول غربية على سوريا، السبت."


def test_a_pointer_to_a_bombardment_joins_it_whatever_its_class_and_clause_actors_bug():
    """Regression: "الضربات" after the Western missile strikes (Sky News Arabia, 2018-04-14) was read as a Russian
    air strike of its own (Russia opens its clause), a second row of one incident."""
    ex = extract(STRIKES + "\n" + AFTER, published="2018-04-14")
    # one incident, then one event per governorate as ACLED codes it (places of two governorates joined by و)
    assert [e["places"] for e in ex.facts["events"]] == [["damascus"], ["homs"]]
    e = ex.facts["events"][0]
    assert all(x["type"] == "Shelling" for x in ex.facts["events"])
    assert e["perpetrator"] == ["united-states", "united-kingdom", "france"]   # Russia stays out
    assert "الضربات" in [ex.text[s:t] for s, t in ex.mentions_of[e["id"]]][1]


def test_bombardment_classes_join_only_through_a_pointer_and_a_chemical_attack_never():
    lex = Lexicon.load()
    assert compatible(cand("AirStrike"), cand("Shelling"), lex, pointer=True)
    assert not compatible(cand("ChemicalAttack"), cand("Shelling"), lex, pointer=True)
    # a pointer still keeps apart what the places or tolls tell apart
    assert not compatible(cand("AirStrike", ["homs"]), cand("AirStrike", ["idlib"]), lex, pointer=True)
    assert not compatible(cand("Ambush", counts=[{"kind": "killed", "n": 19}]),
                          cand("Ambush", counts=[{"kind": "killed", "n": 13}]), lex, pointer=True)


def test_a_region_holds_the_towns_of_its_governorate_and_forces_are_their_government_side():
    lex = Lexicon.load()
    assert compatible(cand("ChemicalAttack", ["gn-170592"]), cand("ChemicalAttack", ["eastern-ghouta"]), lex)
    assert not compatible(cand("ChemicalAttack", ["gn-170592"]), cand("ChemicalAttack", ["golan-heights"]), lex)
    assert compatible(cand("Deployment", perpetrator=["syrian-regime"]),
                      cand("Deployment", perpetrator=["syrian-regime-forces"]), lex)


def test_a_chemical_attack_is_told_once_per_article_bug():
    """Regression: the chemical attack on Douma, told in the lead and again as "هجوم كيميائي على الغوطة الشرقية"
    (BBC Arabic, 2018-04-08), made two rows. A chemical attack or a suicide bombing is rare: an article that
    tells one tells it in several mentions (grammar.yaml story_types), when nothing they state disagrees."""
    text = ("قُتل حوالي سبعين شخصا على الأقل إثر ما يشتبه في أنه هجوم كيميائي على مدينة دوما السورية.\n"
            "وأكدت منظمة الدفاع المدني وقوع هجوم كيميائي على الغوطة الشرقية.")
    ex, attacks = events(text, "ChemicalAttack")
    assert len(attacks) == 1 and len(ex.mentions_of[attacks[0]["id"]]) == 2
    assert "gn-170592" in attacks[0]["places"]                 # Douma, which the Eastern Ghouta holds
    # one in Douma and one in Khan Shaykhun (Idlib) stay two
    _, attacks = events(text.split("\n")[0] + "\nوكان هجوم كيميائي قد استهدف مدينة إدلب.", "ChemicalAttack")
    assert len(attacks) == 2


def test_a_headline_bombardment_is_the_story_s_of_the_other_class_bug():
    """Regression: the headline's "القصف" (a shelling) of an article on four days of air and missile strikes
    (Sky News Arabia, 2018-07-21) found no story event of its class and made a row of its own; the story tells
    the bombardment as a pattern, which the headline is part of."""
    text = ("\"حوض اليرموك\" بين ناري القصف وإرهاب داعش\n\n"
            "تتعرض مناطق حوض اليرموك في ريف درعا الغربي لليوم الرابع على التوالي لقصف جوي وصاروخي مكثف.")
    ex = extract(text, published="2018-07-21")
    (e,) = ex.facts["events"]
    assert e["type"] == "AirStrike" and e["statement"] == "pattern" and len(ex.mentions_of[e["id"]]) == 2
    assert events_only(ex).facts["events"] == []


def test_a_sentence_told_twice_is_one_incident_bug():
    """Regression: a sentence the article gives twice (Sky News Arabia, 2018-03-09: Jaysh al-Islam agreed to
    evacuate Nusra fighters to Idlib) made two rows: same type, same places, same actors, no pointer."""
    said = ("وقالت جماعة \"جيش الإسلام\"، إنها وافقت على إجلاء مقاتلي جبهة النصرة المحتجزين لديها إلى محافظة "
            "إدلب من الغوطة الشرقية.")
    ex = extract(said + "\nوأضافت أن الاتصالات جارية.\n" + said, published="2018-03-09")
    (e,) = [e for e in ex.facts["events"] if e["type"] in ("TransferDeal", "Deal")]
    assert len(ex.mentions_of[e["id"]]) == 2


def test_the_car_bomb_points_back_bug():
    """Regression: "المفخخة" (the car bomb) after a car bomb in Salah al-Din (Sky News Arabia, 2018-09-12) was a
    second bombing, placed by default in Syria: a row of the Syria file for an incident in Iraq."""
    text = ("انفجرت سيارة مفخخة، الأربعاء، في محافظة صلاح الدين شمالي العاصمة بغداد.\n"
            "وأشارت المصادر إلى أن السيارة المفخخة دمرت مطعما عادة ما يرتاده أفراد قوات الأمن.")
    ex, bombs = events(text, "Bombing")
    assert len(bombs) == 1 and len(ex.mentions_of[bombs[0]["id"]]) == 2
    assert events_only(ex).facts["events"] == []      # in Iraq: no row


def test_an_agreement_s_parties_in_any_order_and_no_toll_bug():
    """Regression: an agreement named by its parties in different roles ("أبرمت روسيا وفصائل معارضة … اتفاقاً",
    "فصائل معارضة وافقت مؤخرا على المصالحة"; Sky News Arabia, 2018-07-10) made two rows, and the second took
    the toll of the suicide bombing told in its sentence. An agreement's actors are its parties; it kills
    nobody."""
    lex = Lexicon.load()
    assert compatible(cand("Deal", perpetrator=["russia"], target=["syrian-opposition-factions"]),
                      cand("Deal", perpetrator=["syrian-opposition-factions"], target=["syrian-regime"]), lex)
    # not for acts of violence: who struck whom still keeps two incidents apart
    assert not compatible(cand("AirStrike", perpetrator=["russia"], target=["syrian-opposition-factions"]),
                          cand("AirStrike", perpetrator=["syrian-opposition-factions"], target=["russia"]), lex)
    text = ("أبرمت روسيا وفصائل معارضة في محافظة درعا الجمعة اتفاقاً لوقف إطلاق النار.\n"
            "وقال مدير المرصد: \"قتل 14 مقاتلا من قوات النظام، وفصائل معارضة وافقت مؤخرا على المصالحة معها، في "
            "تفجير انتحاري بسيارة مفخخة استهدف سرية عسكرية في قرية زينون\".")
    ex = extract(text, published="2018-07-10")
    deals = [e for e in ex.facts["events"] if e["type"] == "Deal"]
    assert len(deals) == 1 and not [k for k in deals[0].get("counts") or [] if k["kind"] == "killed"]
    assert [e for e in ex.facts["events"] if e["type"] == "SuicideBombing"]


def test_the_side_holding_a_place_takes_no_part_bug():
    """Regression: "في قرية زينون القريبة من مناطق سيطرة داعش" (Sky News Arabia, 2018-07-10) made ISIS the
    target of its own suicide bombing, which kept that mention apart from the lead's (ISIS as perpetrator)."""
    text = LEAD + "\n" + OBSERVATORY.rstrip(".") + " القريبة من مناطق سيطرة داعش."
    ex, bombs = events(text, "SuicideBombing")
    assert len(bombs) == 1 and len(ex.mentions_of[bombs[0]["id"]]) == 2
    assert bombs[0]["perpetrator"] == ["isis"] and "isis" not in (bombs[0].get("target") or [])
    # the one who takes control is still the perpetrator
    ex = extract("وسيطرت قوات النظام على بلدة حرستا.", published="2018-03-20")
    assert any("syrian-regime-forces" in (e.get("perpetrator") or []) for e in ex.facts["events"])


def test_an_agreement_told_with_its_breach_its_day_and_where_the_evacuated_go_bug():
    """Regression: one ceasefire in Daraa (France 24, 2018-07-08) made three rows: its breach dated it to
    Sunday and its acceptance to Friday, which kept them apart, and "إجلاء المقاتلين … إلى شمال البلاد" placed
    a mention where the fighters were to go (Idlib). Dates do not part an agreement's mentions (places
    still do), and a place after إلى is where the evacuated go."""
    text = ("تعرض اتفاق وقف إطلاق النار، الذي تم بين روسيا والفصائل المعارضة في محافظة درعا، لانتهاكات الأحد.\n"
            "ونص الاتفاق على وقف لإطلاق النار وإجلاء المقاتلين المعارضين والمدنيين إلى محافظة ادلب.\n"
            "وضغطت قوات النظام على الفصائل المعارضة في محافظة درعا، إلى أن وافقت الجمعة على تسوية في هذه المنطقة.")
    ex = extract(text, published="2018-07-08")
    deals = [e for e in events_only(ex).facts["events"] if e["type"] in ("Deal", "TransferDeal")]
    assert len(deals) == 1 and "idlib-governorate" not in deals[0]["places"]
    # two agreements at two places stay two
    other = "\nوأبرمت روسيا وتركيا اتفاقا لوقف إطلاق النار في محافظة إدلب."
    ex = extract(text + other, published="2018-07-08")
    assert len([e for e in events_only(ex).facts["events"] if e["type"] in ("Deal", "TransferDeal")]) == 2


def test_the_car_of_a_suicide_bomber_is_his_bombing_bug():
    """Regression: "مؤكدا استخدام سيارة مفخخة يقودها انتحاري في الهجوم" after the suicide bombing it tells of
    (Sky News Arabia, 2018-07-10) made a second row, a Remote explosive; ACLED codes a suicide car bomb as one
    Suicide bomb."""
    text = LEAD + "\nوأعلن داعش مسؤوليته في بيان، مؤكدا استخدام سيارة مفخخة يقودها انتحاري."
    ex, bombs = events(text, "SuicideBombing")
    assert len(bombs) == 1 and len(ex.mentions_of[bombs[0]["id"]]) == 2
    assert not [e for e in ex.facts["events"] if e["type"] == "Bombing"]
    # a car bomb in another governorate is another incident
    ex = extract(LEAD + "\nوانفجرت سيارة مفخخة في مدينة إدلب.", published="2018-07-10")
    assert len([e for e in ex.facts["events"] if e["type"] == "Bombing"]) == 1


def test_a_weapon_that_was_used_is_the_means_of_an_act_told_bug():
    """Regression: "الدول الثلاث استخدمت أكثر من 100 صاروخ" after the Western strikes on Damascus and Homs (Sky
    News Arabia, 2018-04-14) was a missile attack of its own: a weapon after a word of using (استخدم،
    باستخدام، استخدام) names the means of an act told with it."""
    text = ("وشنت الولايات المتحدة وبريطانيا وفرنسا فجر اليوم، ضربات عسكرية على أهداف للنظام السوري في دمشق.\n"
            "لكن الأوساط العسكرية الروسية شددت على أن الدول الثلاث استخدمت أكثر من 100 صاروخ.")
    ex = extract(text, published="2018-04-14")
    (strike,) = [e for e in ex.facts["events"] if e["type"] == "Shelling"]
    assert [ex.text[s:e] for s, e in ex.mentions_of[strike["id"]]][-1] == "صاروخ"
    # a word of using before an act, not a weapon, points nowhere (استخدام نفوذهما لمنع أي هجوم)
    toks = tokens(normalise("استخدام نفوذهما لمنع أي هجوم"))
    assert not definite(Candidate("event", "Attack", "", 4, 4, head=4), toks, Lexicon.load())
    toks = tokens(normalise("الدول الثلاث استخدمت أكثر من 100 صاروخ"))
    assert definite(Candidate("event", "Shelling", "", 6, 6, head=6), toks, Lexicon.load())
    # fired, not used: an act of its own
    ex = extract("وأطلقت إيران، فجر الخميس، 20 صاروخا على قواعد عسكرية في مرتفعات الجولان.", published="2018-05-11")
    assert [e["type"] for e in ex.facts["events"]] == ["Shelling"]


# BBC Arabic, 2018-10-01 (dev half): Iran's missile strike told with its day; then told again with none (the
# observatory's words there, shortened here to a clause that is an event on its own)
IRGC = ("وأعلن الحرس الثوري أن قواته الجوية \"استهدفت قاعدة لزعماء الإرهابيين شرقي الفرات في سوريا بعدد من "
        "الصواريخ الباليستية أرض أرض\" الساعة 02:00 يوم الاثنين.")
AGAIN = "وقال المرصد إن الحرس الثوري قصف بالصواريخ مقرا لتنظيم الدولة الإسلامية في منطقة هجين."


def shellings(text):
    ex = extract(text, published="2018-10-01")
    return ex, [e for e in ex.facts["events"] if e["type"] == "Shelling"]


def test_an_act_told_with_its_day_then_again_without_one_is_one_incident_bug():
    """Regression: a strike told with its day, then again with no day of its own (its date was the month of
    publication by default) at a place inside the first's (Hajin, east of the Euphrates), made two rows."""
    ex, (e,) = shellings(IRGC + "\n" + AGAIN)
    assert e["date"] == "2018-10-01" and len(ex.mentions_of[e["id"]]) == 2
    # a year is no day: the first mention dated only by its year keeps the second apart
    _, two = shellings(IRGC.replace("الساعة 02:00 يوم الاثنين", "عام 2017") + "\n" + AGAIN)
    assert len(two) == 2
    # nor does a place that does not fit: Palmyra is in Homs, not east of the Euphrates
    _, two = shellings(IRGC + "\n" + AGAIN.replace("في منطقة هجين", "في مدينة تدمر"))
    assert len(two) == 2


def test_an_act_told_twice_on_one_day_at_a_place_and_inside_it_is_one_incident_bug():
    """Regression: two mentions of a strike on the same stated day, one east of the Euphrates and one at a town
    there (Hajin), stayed two rows: they had to share a place, not only fit."""
    ex, (e,) = shellings(IRGC + "\n" + AGAIN.replace("قصف بالصواريخ", "قصف بالصواريخ يوم الاثنين"))
    assert len(ex.mentions_of[e["id"]]) == 2
    # another day is another row, as ACLED codes it
    _, two = shellings(IRGC + "\n" + AGAIN.replace("قصف بالصواريخ", "قصف بالصواريخ يوم الأحد"))
    assert len(two) == 2


def test_the_incident_takes_the_most_specific_place_its_mentions_tell_bug():
    """Regression: the lead places the suicide bombing in Daraa governorate, the observatory in the village of
    Zaynoun inside it; the merged incident kept the lead's governorate, where ACLED codes the village."""
    ex = extract(LEAD + "\n" + OBSERVATORY, published="2018-07-10")
    (e,) = [e for e in ex.facts["events"] if e["type"] == "SuicideBombing"]
    assert e["places"] == ["zaynoun"] and len(ex.mentions_of[e["id"]]) == 2
    # an agreement keeps its own: its later mentions name where its breaches and evacuations were
    lex = Lexicon.load()
    deal = cand("Deal", ["daraa-governorate"])
    absorb(deal, cand("Deal", ["zaynoun"]), lex=lex)
    assert deal.places == ["daraa-governorate"]


def test_an_attack_named_by_its_place_points_back_bug():
    """Regression: "هجوم دوما" (the Duma attack: definite by the construct with a place name) made an attack of its
    own in a sentence of threats, where it names the chemical attack told before (BBC Arabic, 2018-04-09, dev
    half; the threat shortened from the article's)."""
    told = "قُتل حوالي سبعين شخصا على الأقل إثر ما يشتبه في أنه هجوم كيميائي على مدينة دوما السورية."
    ex = extract(told + "\nوهدد الرئيس الأمريكي النظام السوري ردا على هجوم دوما.", published="2018-04-09")
    (e,) = ex.facts["events"]
    assert e["type"] == "ChemicalAttack" and ex.text[slice(*ex.mentions_of[e["id"]][1])].endswith("هجوم دوما")
    # an attack on a place (هجوما على دوما: a preposition between, no construct) is told anew
    assert not extract("وشنت قوات النظام هجوما على دوما.", published="2018-04-09").facts["events"][0].get("statement")


def test_merging_a_mention_without_a_toll_leaves_the_toll_bug():
    """Regression: a mention with no count merged into an incident whose one mention gave a toll without a
    side and one with a side ("عشرة قتلى في صفوف الفصائل … والقوات الموالية") dropped the sided toll."""
    own = [{"kind": "killed", "n": 10}, {"kind": "killed", "side": "pro-regime-militias", "min": 2, "vague": True}]
    assert combine_counts(own, []) == own and combine_counts([], own) == own
    # two mentions with tolls still combine as before: the larger toll without a side covers the sided one
    assert combine_counts(own, [{"kind": "killed", "n": 14}]) == [{"kind": "killed", "n": 14}]


# BBC Arabic, 2018-02 (dev half): the medics' toll of government air strikes (a place and a day added), and
# strikes named only as a cover for an advance (another dev article's words)
MEDICS = "وقال مسعفون إن ستة أشخاص من بينهم طفلة قتلوا في غارات جوية حكومية على بلدة حمورية الثلاثاء."
COVER = "وجرى ذلك تحت غطاء من ضربات جوية."


def test_a_bare_act_word_after_an_incident_is_that_incident_bug():
    """Regression: a word of an act with nothing of its own (no actor, place, date or count read with it) made a
    row of its own, placed in the article's governorate, beside the incident told before it."""
    ex = extract(MEDICS + "\n" + COVER, published="2018-02-21")
    (e,) = ex.facts["events"]
    assert e["type"] == "AirStrike" and e["places"] == ["hamouriyah"] and len(ex.mentions_of[e["id"]]) == 2
    assert ex.text[slice(*ex.mentions_of[e["id"]][1])] == "ضربات جوية"
    # alone, with nothing told before it, it is still an event of its own
    assert [e["type"] for e in extract(COVER, published="2018-02-21").facts["events"]] == ["AirStrike"]


def test_a_vague_toll_restating_a_figure_adds_no_side_bug():
    """Regression: the Friday strikes on the Eastern Ghouta (dev half, France 24 2018-03-17) told with "80 قتيلا
    مدنيا على الأقل" and again as "قصفه المكثف … موقعة عشرات القتلى" (the opposition's pocket read as the side)
    summed to 100 dead: the dozens are the 80 told in figures, not another side's."""
    civilians = {"kind": "killed", "side": "civilians", "n": 80}
    dozens = {"kind": "killed", "side": "syrian-opposition-factions", "min": 20, "vague": True}
    assert combine_counts([civilians], [dozens]) == [civilians]
    assert combine_counts([dozens], [civilians]) == [civilians]
    isis = {"kind": "killed", "side": "isis", "n": 4}
    assert combine_counts([civilians], [isis]) == [civilians, isis]          # figures of two sides: summed
    same = {"kind": "killed", "side": "civilians", "min": 200, "vague": True}
    assert combine_counts([civilians], [same]) == [same]                     # the same side: the larger, as before
