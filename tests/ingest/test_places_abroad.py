"""Places abroad: an event told at a city of a neighbouring country is not a Syrian event, and a place abroad
beside a place in Syria is not where a Syrian event happened.

The sentences are from the dev half (BBC Arabic, 2018-09-24 and 2018-10-01: the Ahvaz attack in Iran and the
Iranian missiles on eastern Syria that answered it)."""
from conflictkg.core.arabic import nfc
from conflictkg.core.normalise import normalise
from conflictkg.ingest.extract import extract
from conflictkg.ingest.extract.eventhood import events_only
from conflictkg.ingest.extract.lexicon import Lexicon
from conflictkg.ingest.extract.match import tokens
from conflictkg.ingest.extract.places import abroad_place, find_places

AHVAZ = ("إيران تقبض على \"22 شخصا\" يشتبه في ضلوعهم بهجوم الأهواز\n"
         "أعلن وزير الاستخبارات الإيراني محمود علوي عن اعتقال عدد من المشتبه بصلتهم في الهجوم المسلح الذي استهدف "
         "عرضا عسكريا في الأهواز يوم السبت.")
ANSWER = ("إيران تقصف البوكمال في سوريا \"رداً\" على هجوم الأهواز\n"
          "قال الحرس الثوري الإيراني إنه أطلق صواريخ على شرقي سوريا، مستهدفا قادة هجوم دامٍ على عرض عسكري في الأهواز.\n"
          "وأعلن الحرس الثوري أن قواته الجوية \"استهدفت قاعدة لزعماء الإرهابيين في الأهواز شرقي الفرات في سوريا بعدد "
          "من الصواريخ الباليستية أرض أرض\" الساعة 02:00 يوم الاثنين.")


def named(text: str) -> list[str]:
    norm = normalise(nfc(text))
    return [m.value for m in find_places(norm, tokens(norm), Lexicon.load(), [])]


def test_a_country_after_a_border_word_names_the_border():
    """"الحدود مع الأردن"، "حدود الأردن"، "البوكمال الحدودية مع العراق" (dev 153, 161; seed 002): the border lies in
    Syria, so the country is no place of the event; a country named otherwise stays a place."""
    assert named("وذكر المرصد أن عشرات الآلاف تجمعوا عند الحدود مع الأردن") == []
    assert named("معظم السوريين النازحين قرب حدود الأردن عادوا إلى مناطقهم") == []
    assert named("تقضي بانسحاب عناصر التنظيم من مدينة البوكمال الحدودية مع العراق") == ["abu-kamal"]
    assert named("وصل مئات اللاجئين إلى الأردن") == ["jordan"]


def test_the_places_abroad_lie_in_their_countries():
    lex = Lexicon.load()
    assert abroad_place(lex, "ahvaz") and abroad_place(lex, "irbid") and abroad_place(lex, "ankara")
    assert not abroad_place(lex, "syria") and not abroad_place(lex, "homs")
    # the bare names of Iran and Israel stay actors' ("الموالية لإيران"), never places
    assert "إيران" not in {lex.places[p]["ar"] for p in ("iran-country", "israel-country")}


def test_an_attack_in_ahvaz_is_no_syrian_row_bug():
    """Regression: "الهجوم المسلح الذي استهدف عرضا عسكريا في الأهواز" was an armed clash placed in Syria (the
    default), since الأهواز was in no list."""
    ex = extract(AHVAZ, published="2018-09-24")
    attacks = [e for e in ex.facts["events"] if e["type"] == "Attack"]
    assert attacks and all(e["places"] == ["ahvaz"] for e in attacks)
    assert not events_only(ex).facts["events"]


def test_the_attack_answered_is_abroad_the_strike_in_syria_is_not_bug():
    """Regression: "مستهدفا قادة هجوم دامٍ على عرض عسكري في الأهواز" (the attack the missiles answered) was a Syrian
    armed clash in Deir ez-Zor; the missile strike itself, "في الأهواز شرقي الفرات في سوريا", stays in Syria."""
    ex = extract(ANSWER, published="2018-10-01")
    kept = events_only(ex).facts["events"]
    assert not [e for e in kept if e["type"] == "Attack"]
    strikes = [e for e in kept if e["type"] == "Shelling"]
    assert strikes and all("ahvaz" not in e["places"] for e in strikes)
    assert any(ex.text[e["start"]:e["end"]].startswith("الحرس الثوري الإيراني إنه أطلق صواريخ") for e in strikes)


def test_a_compound_side_of_syria_is_its_region_not_the_country_bug():
    """Regression: "جنوب غربي سوريا"، "شمال شرقي سوريا"، "شمال غرب سوريا" (the bare phrase; clauses of dev 011 and
    161) were read as the country alone (سوريا), so their events had no governorate."""
    assert named("في جنوب غربي سوريا") == ["southern-syria"]
    assert named("وخلافاً للدعم الكبير الذي حظي به الأكراد شمال شرقي سوريا") == ["north-east-syria"]
    assert named("إجلاء غير الراغبين بالتسوية إلى محافظة ادلب في شمال غرب سوريا") == ["idlib-governorate",
                                                                                       "north-west-syria"]
    lex = Lexicon.load()
    assert set(lex.regions["north-west-syria"]) == {"idlib-governorate", "latakia-governorate", "hama-governorate",
                                                    "aleppo-governorate"}


def test_a_capital_that_speaks_is_its_government_bug():
    """Regression: "ورحبت دمشق الثلاثاء بزيارة منظمة حظر الأسلحة الكيميائية لدوما" (dev 091) placed the chemical
    attack of Douma in Damascus: a place right after a verb of saying or stance is the government, not a place."""
    assert named("ورحبت دمشق الثلاثاء بزيارة منظمة حظر الأسلحة الكيميائية لدوما") == ["gn-170592"]   # Douma (GeoNames)
    assert named("أعلنت دمشق عن اتفاق مع فصيل جيش الإسلام الذي يسيطر على دوما") == ["gn-170592"]   # Douma (GeoNames)
    assert named("وفي دمشق، أعلن الجيش السوري حالة استنفار") == ["damascus"]
