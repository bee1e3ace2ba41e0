"""conflictkg extract: real Arabic text in, candidate facts in the seeds' format out."""
import csv
import io

import pytest
from click.testing import CliRunner
from helpers import NEWS

from conflictkg.cli import main
from conflictkg.core.normalise import normalise
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.ingest.extract import check, decode, extract
from conflictkg.ingest.extract.lexicon import Lexicon
from conflictkg.share.exports import acled_csv as acled

# An unseen paragraph in the style of the Syrian news sites (written for these tests, not from the seeds).


@pytest.fixture(scope="module")
def lex():
    return Lexicon.load()


def by_type(facts):
    return {e["type"]: e for e in facts["events"]}


def test_unseen_paragraph(lex):
    ex = extract(NEWS, published="2023-05-17", lexicon=lex)
    ev = by_type(ex.facts)
    attack = ev["Attack"]
    assert attack["perpetrator"] == ["isis"] and attack["target"] == ["syrian-regime-forces"]
    assert attack["places"][:1] == ["sukhnah"] and "eastern-rif-homs" in attack["places"]
    assert attack["date"] == "2023-05-16"  # the Tuesday before Wednesday 17 May
    assert attack["counts"] == [{"kind": "killed", "side": "syrian-regime-forces", "n": 7}]
    assert attack["reporter"] == "sohr" and attack["certainty"] == "reported"
    arrest = ev["Arrest"]
    assert arrest["perpetrator"] == ["sdf"] and arrest["target"] == ["isis-cells"]
    assert arrest["places"] == ["busayrah", "eastern-rif-deir-ez-zor"]
    assert arrest["counts"] == [{"kind": "arrested", "side": "isis-cells", "n": 12, "approx": True}]
    assert arrest["certainty"] == "suspected"  # يُشتبه
    strike = ev["AirStrike"]
    assert strike["perpetrator"] == ["russian-forces"] and strike["places"] == ["raqqa-badia"]
    assert strike["date"] == "2023-04" and strike["certainty"] == "suspected"  # الشهر الماضي, يُرجّح
    shelling = ev["Shelling"]
    assert shelling["certainty"] == "alleged"  # اتهمت
    assert shelling["claim"] == {"kind": "accusation", "by": "sdf", "against": "iran-backed-militias"}
    assert len(ex.facts["events"]) == 4  # بقصف ... قذائف is one shelling
    for e in ex.facts["events"] + ex.facts["mentions"]:
        assert ex.text[e["start"]:e["end"]] == e["quote"]
    check(ex)  # the seeds' loader accepts it


def test_diacritics_and_tatweel_change_nothing_but_offsets(lex):
    plain = extract(NEWS, published="2023-05-17", lexicon=lex).facts["events"]
    heavy_text = NEWS.replace("قوات", "قُوَّاتُ").replace("تنظيم", "تنظـــيم").replace("مقتل", "مَقْتَل")
    heavy = extract(heavy_text, published="2023-05-17", lexicon=lex)
    strip = lambda es: [{k: v for k, v in e.items() if k not in ("quote", "start", "end", "summary", "occurrence")}
                        for e in es]
    assert strip(heavy.facts["events"]) == strip(plain)
    for e in heavy.facts["events"]:
        assert heavy.text[e["start"]:e["end"]] == e["quote"]
    check(heavy)


def test_offset_map_points_into_the_original():
    n = normalise("قُتِلَ ١٣ عنصراً في سوريـــة")
    assert n.text == "قتل 13 عنصرا في سوريا"
    s, e = n.original(n.text.index("13"), n.text.index("13") + 2)
    assert "قُتِلَ ١٣ عنصراً في سوريـــة"[s:e] == "١٣"


@pytest.mark.parametrize("phrase,count", [
    ("أسفر الهجوم عن مقتل أكثر من 300 عنصر من قوات النظام", {"kind": "killed", "min": 301}),
    ("ما أدى إلى مقتل عشرات العناصر من قوات النظام", {"kind": "killed", "min": 20, "vague": True}),
    ("أسفر الهجوم عن مقتل 13 عنصراً على الأقل من قوات النظام", {"kind": "killed", "min": 13}),
    ("أسفر الهجوم عن مقتل ثلاثة عناصر من قوات النظام", {"kind": "killed", "n": 3}),
    ("أسفر الهجوم عن مقتل بين 250 و300 من قوات النظام", {"kind": "killed", "min": 250, "max": 300}),
    ("أسفر الهجوم عن مقتل حوالي ١٥ عنصراً من قوات النظام", {"kind": "killed", "n": 15, "approx": True}),
])
def test_killed_counts(lex, phrase, count):
    ex = extract("شن تنظيم داعش هجوماً على قوات النظام في بادية تدمر، " + phrase + ".", lexicon=lex)
    (ev,) = ex.facts["events"]
    killed = [{k: v for k, v in c.items() if k != "side"} for c in ev["counts"] if c["kind"] == "killed"]
    assert killed == [count]


@pytest.mark.parametrize("when,published,date", [
    ("يوم الأحد", "2020-11-30", "2020-11-29"),
    ("أمس", "2021-11-14", "2021-11-13"),
    ("في 26 أغسطس/ آب 2017", "2019-02-10", "2017-08-26"),
    ("في 14 نوفمبر", "2021-11-14", "2021-11-14"),
    ("في مايو الماضي", "2020-11-30", "2020-05"),
    ("في كانون الثاني الماضي", "2020-11-30", "2020-01"),
    ("خلال الشهر الماضي", "2023-01-05", "2022-12"),
    ("في آذار 2019", None, "2019-03"),
    ("يوم الثلاثاء", "2018-04", {"begin": "2018-03-26", "end": "2018-04"}),  # published to the month only
])
def test_dates_resolved_against_publication(lex, when, published, date):
    ex = extract(f"نفذ تنظيم داعش كميناً {when} استهدف قوات النظام في بادية الميادين.", published=published,
                 lexicon=lex)
    assert ex.facts["events"][0]["date"] == date


def test_clitics_and_spelling_variants(lex):
    text = "وهاجم مقاتلو د ا ع ش مواقع للميليشيات الإيرانية وللمليشيات الإيرانية في البوكمال وبالبو كمال."
    ex = extract(text, lexicon=lex)
    (ev,) = ex.facts["events"]
    assert ev["perpetrator"] == ["isis"] and ev["target"] == ["iran-backed-militias"]
    assert ev["places"] == ["abu-kamal"]


def test_tallies_are_not_events(lex):
    text = ("ووثقت منظمات حقوقية خلال نوفمبر 2023 مقتل 74 عنصراً من الجيش السوري في 19 هجوماً لتنظيم داعش "
            "في البادية السورية.")
    ex = extract(text, lexicon=lex)
    assert ex.facts["events"] == []
    (t,) = ex.facts["tallies"]
    assert t["counts"][0]["n"] == 74 and t["areas"] == ["syrian-badia"] and t["period"] == "2023-11"
    check(ex)


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "sukhnah-attack.txt"
    p.write_text(NEWS, encoding="utf-8")
    return p


def test_cli_writes_a_fact_file(article, tmp_path):
    out = tmp_path / "facts.yaml"
    r = run("extract", article, "--published", "2023-05-17", "--outlet", "العربي الجديد", "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "article: sukhnah-attack" in text and "reporter: al-araby-al-jadeed" in text
    assert "type: AirStrike" in text


def test_cli_acled_csv(article):
    r = run("extract", article, "--published", "2023-05-17", "--format", "acled-csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert list(rows[0]) == acled.HEADER
    attack = next(x for x in rows if x["event_date"] == "2023-05-16")
    assert attack["actor1"] == "Islamic State (ISIS)" and attack["fatalities"] == "7"
    assert attack["location"] == "Al-Sukhnah" and attack["event_type"] == "Battles"


@pytest.mark.parametrize("content,message", [
    (b"", "the article is empty"),
    (b"   \n\n", "the article is empty"),
    ("The Islamic State attacked regime forces near Palmyra on Tuesday.".encode(), "not Arabic"),
    (bytes(range(256)) * 40, "binary"),
    ("داعش".encode("utf-16"), "UTF-16"),
])
def test_bad_input_is_a_clear_error(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    r = run("extract", p)
    assert r.exit_code == 2 and message in r.output and str(p) in r.output and "fix:" in r.output
    assert "Traceback" not in r.output


def test_missing_file(tmp_path):
    r = run("extract", tmp_path / "nope.txt")
    assert r.exit_code == 2 and "article not found" in r.output


def test_windows_1256_is_decoded(tmp_path, lex):
    p = tmp_path / "cp1256.txt"
    p.write_bytes(NEWS.encode("cp1256"))
    r = CliRunner().invoke(main, ["extract", str(p), "--published", "2023-05-17"])
    assert r.exit_code == 0 and "Windows-1256" in r.output and "type: Arrest" in r.output
    text, enc = decode(NEWS.encode("cp1256"), "x")
    assert enc == "cp1256" and text == NEWS


def test_mixed_scripts(lex):
    text = "ذكرت وكالة Reuters أن تنظيم داعش (ISIS) نفذ كميناً ضد قوات النظام قرب تدمر، ما أدى إلى مقتل 4 جنود."
    (ev,) = extract(text, lexicon=lex).facts["events"]
    assert ev["type"] == "Ambush" and ev["places"] == ["palmyra"] and ev["counts"][0]["n"] == 4


def test_one_megabyte_article_finishes(tmp_path):
    """1 MB of real news text (the seed articles over and over, about 3,000 events) goes through extraction
    and the loader's check. How long it takes is measured by `conflictkg evaluate` (docs/extraction.md), not
    here: a timed test fails on a loaded machine and measures nothing."""
    p = tmp_path / "big.txt"
    unit = "\n".join(a.read_text(encoding="utf-8") for a in sorted((SEEDS_DIR / "articles").glob("*.txt")))
    p.write_text(unit * (1_000_000 // len(unit.encode("utf-8")) + 1), encoding="utf-8")
    assert p.stat().st_size >= 1_000_000
    r = run("extract", p, "--published", "2023-05-17", "-o", tmp_path / "big.yaml")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "big.yaml").stat().st_size > 500_000


def test_folder_with_one_bad_file(tmp_path, article):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    r = run("extract", tmp_path, "--published", "2023-05-17", "-o", out)
    assert r.exit_code == 2 and "empty.txt" in r.output and "Extracted 1 of 2 articles" in r.output
    assert (out / "sukhnah-attack.facts.yaml").exists()


def test_holdout_lexicon_drops_what_only_that_article_taught():
    full, held = Lexicon.load(), Lexicon.load(holdout="000")
    from conflictkg.core.normalise import fold
    assert fold("القوات الكردية") in full.actor_phrases and fold("القوات الكردية") not in held.actor_phrases
    assert fold("داعش") in held.actor_phrases  # common usage stays


SECOND = (
    "أفادت مصادر محلية بأن عبوة ناسفة انفجرت، صباح الأحد، بسيارة عسكرية تابعة لقوات النظام على طريق دير الزور - "
    "الميادين، ما أسفر عن مقتل ثلاثة عناصر وإصابة اثنين آخرين.\n"
    "وفي ريف حلب الشمالي، قصفت القوات التركية بالمدفعية الثقيلة قرى خاضعة لسيطرة قسد، دون ورود أنباء عن خسائر بشرية.\n"
    "من جهتها، أعلنت قوى الأمن الداخلي (الأسايش) في الثامن من تشرين الثاني 2022 القبض على خلية تابعة لتنظيم الدولة "
    "في مدينة الشدادي جنوبي الحسكة، تضم خمسة أشخاص.\n"
)


def test_second_unseen_paragraph(lex):
    ex = extract(SECOND, published="2022-11-13", lexicon=lex)
    ev = by_type(ex.facts["events"] and ex.facts)
    bomb = ev["Bombing"]
    assert bomb["target"] == ["syrian-regime-forces"] and bomb["date"] == "2022-11-13"  # صباح الأحد
    assert {"kind": "killed", "side": "syrian-regime-forces", "n": 3} in bomb["counts"]
    assert {"kind": "wounded", "n": 2} in bomb["counts"] and bomb["reporter"] == "local-sources"
    assert ev["Shelling"]["perpetrator"] == ["turkey"] and ev["Shelling"]["target"] == ["sdf"]
    arrest = ev["Arrest"]
    assert arrest["perpetrator"] == ["asayish"] and arrest["target"] == ["isis"]
    assert arrest["date"] == "2022-11-08"  # الثامن من تشرين الثاني 2022
    assert arrest["places"] == ["shaddadi", "hasakah-governorate"]
    check(ex)


def test_each_of_makes_one_event_per_actor(lex):
    text = "تشن كل من قوات النظام وقوات سورية الديمقراطية هجمات على مواقع داعش في ريف دير الزور."
    events = extract(text, published="2018-04", lexicon=lex).facts["events"]
    assert sorted(e["perpetrator"][0] for e in events) == ["sdf", "syrian-regime-forces"]
    assert all(e["target"] == ["isis"] and e["places"] == ["rif-deir-ez-zor"] for e in events)


def test_the_attack_told_on_in_the_next_sentence(lex):
    text = "شنّ مسلحو داعش هجوماً على حاجز لقوات النظام قرب السخنة. وأسفر الهجوم عن مقتل خمسة عناصر من قوات النظام."
    (ev,) = extract(text, published="2020-01-10", lexicon=lex).facts["events"]
    assert ev["perpetrator"] == ["isis"] and ev["counts"] == [{"kind": "killed", "side": "syrian-regime-forces", "n": 5}]


def test_one_person_and_the_means_of_an_act(lex):
    text = "قُتل قيادي في تنظيم داعش بغارة جوية لطيران التحالف الدولي قرب الشدادي."
    (ev,) = extract(text, published="2020-01-10", lexicon=lex).facts["events"]
    assert ev["type"] == "AirStrike" and ev["perpetrator"] == ["us-led-coalition"]
    assert ev["counts"][0]["n"] == 1 and ev["places"] == ["shaddadi"]


def test_metadata_file_gives_date_and_outlet(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(NEWS, encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text("published: {date: 2023-05-17}\noutlet: {actor: al-fajr}\n",
                                          encoding="utf-8")
    r = run("extract", art)
    assert r.exit_code == 0 and "date: '2023-05-16'" in r.output and "reporter: al-fajr" in r.output


THIRD = (
    "وثّق المرصد السوري لحقوق الإنسان مقتل 4 عناصر من الدفاع الوطني، جراء هجوم نفذته خلايا تابعة لتنظيم "
    "\"الدولة الإسلامية\" على نقطة عسكرية في بادية الميادين شرقي دير الزور، مساء أمس الأول.\n"
    "كما استهدفت طائرات حربية روسية بأكثر من 20 غارة مواقع يتحصن فيها عناصر التنظيم في جبل البشري.\n"
    "وفي سياق آخر، انسحبت ميليشيا حزب الله من مواقعها في ريف البوكمال باتجاه الحدود العراقية السورية.\n"
)


def test_third_unseen_paragraph(lex):
    ev = by_type(extract(THIRD, published="2022-03-10", lexicon=lex).facts)
    attack = ev["Attack"]
    assert attack["perpetrator"] == ["isis-cells"] and attack["target"] == ["national-defence-forces"]
    assert attack["date"] == "2022-03-08"  # مساء أمس الأول
    assert attack["counts"] == [{"kind": "killed", "side": "national-defence-forces", "n": 4}]
    assert attack["certainty"] == "confirmed" and attack["reporter"] == "sohr"  # وثّق المرصد
    assert attack["places"][0] == "mayadin-badia"
    strike = ev["AirStrike"]
    assert strike["perpetrator"] == ["russian-forces"] and strike["target"] == ["isis"]
    assert strike["places"] == ["jabal-bishri"]
    withdrawal = ev["Withdrawal"]
    assert withdrawal["perpetrator"] == ["hezbollah"] and withdrawal["to"] == ["iraq-syria-border"]


def test_casualty_side_is_who_died_not_who_caused_it(lex):
    text = "قتل خمسة مدنيين وأصيب ثلاثة آخرون بانفجار لغم أرضي من مخلفات داعش في ريف الرقة، في آب/ أغسطس 2021."
    (ev,) = extract(text, published="2021-09-01", lexicon=lex).facts["events"]
    assert ev["type"] == "Bombing" and ev["date"] == "2021-08" and ev["places"] == ["rif-raqqa"]
    assert {"kind": "killed", "side": "civilians", "n": 5} in ev["counts"]
    assert {"kind": "wounded", "n": 3} in ev["counts"]  # not ISIS: the mine is its remnant, not its casualty


def test_country_adjective_places_an_event_abroad(lex):
    text = "شن تنظيم داعش عدة هجمات مسلحة على مواقع أمنية عراقية، أسفرت عن مقتل وجرح أشخاص."
    (ev,) = extract(text, published="2020-11-30", lexicon=lex).facts["events"]
    assert ev["places"] == ["iraq"] and ev["perpetrator"] == ["isis"]
    assert {"kind": "killed"} in ev["counts"]  # stated, with no number


def test_a_heading_glued_to_its_story_makes_no_event(lex):
    text = ("وعاد التنظيم إلى البادية. -كمين دموي لقوات النظام نفذ تنظيم داعش أمس كميناً استهدف قوات النظام "
            "قرب السخنة، ما أدى إلى مقتل 9 عناصر.")
    (ev,) = extract(text, published="2021-11-14", lexicon=lex).facts["events"]
    assert ev["type"] == "Ambush" and ev["perpetrator"] == ["isis"] and ev["target"] == ["syrian-regime-forces"]
    assert ev["quote"].startswith("نفذ تنظيم داعش") or ev["quote"].startswith("تنظيم داعش")


def test_who_lost_the_place(lex):
    text = "وسيطرت قوات سورية الديمقراطية، الاثنين، على بلدة البصيرة بعد اشتباكات مع مقاتلي تنظيم داعش."
    ev = by_type(extract(text, published="2018-04-04", lexicon=lex).facts)
    assert ev["Capture"]["perpetrator"] == ["sdf"] and ev["Capture"]["target"] == ["isis"]
    assert ev["Capture"]["places"] == ["busayrah"] and ev["Capture"]["date"] == "2018-04-02"
    assert sorted(ev["ArmedClash"]["party"]) == ["isis", "sdf"]


def test_the_area_is_the_one_introduced_as_an_area(lex):
    text = ("هاجم عناصر داعش مواقع لقوات النظام في منطقة تلول الصفا بريف السويداء الشرقي. "
            "وكانت قوات النظام قد شنت حملة عسكرية على المنطقة.")
    ev = by_type(extract(text, published="2019-02-10", lexicon=lex).facts)
    assert ev["MilitaryCampaign"]["places"] == ["tulul-al-safa"]
    assert ev["MilitaryCampaign"]["perpetrator"] == ["syrian-regime-forces"]
