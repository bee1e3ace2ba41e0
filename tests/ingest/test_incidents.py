"""One candidate per incident: later mentions of an incident merged into its first mention.

The sentences are from the dev half (Sky News Arabia, 2018-07-10: an ISIS suicide attack in Daraa told
in the lead, in the observatory's words and in ISIS's claim), shortened."""
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.ingest.extract import extract
from conflictkg.ingest.extract.candidates import Candidate
from conflictkg.ingest.extract.incidents import combine_counts, compatible
from conflictkg.ingest.extract.lexicon import Lexicon
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
    (s1, e1), (s2, e2) = ex.mentions_of[a["id"]]
    assert (s1, e1) == (a["start"], a["end"]) and ex.text[s2:e2] == "التفجير"   # a general word, another family
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


def test_mentions_without_a_pointer_stay_apart():
    ex, _ = events(LEAD + "\n" + OBSERVATORY, "Attack")
    assert sorted(e["type"] for e in ex.facts["events"] if e["type"] != "ClaimOfResponsibility") == [
        "SuicideBombing", "SuicideBombing"]
    assert ex.mentions_of == {}


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
