"""Is this an event? The forms a cue word takes in a sentence: a noun with the article or a preposition
(التهديدات، بمواصلة), the first person of a verb, the words of accusing; and events told abroad. On short
quotes of the development articles (gold/ant-2018/dev, 2018), each with the kind its gold gives it."""
import pytest

from conflictkg.ingest.extract.eventhood import decide
from conflictkg.ingest.extract.timex import Published


def kind(clause: str, published: str = "2018-04-11", before: str = "", after: str = ".") -> str:
    """The decision on `clause` in the text title + before + clause + after."""
    text = "عنوان\n\n" + before + clause + after
    start = len(text) - len(clause + after)
    return decide(text, start, start + len(clause), Published.parse(published)).kind


@pytest.mark.parametrize("before, clause, expected", [
    # 092 (2018-04-11): the army emptied airports before threatened strikes; the strikes are not told
    ("قام الجيش بإخلاء مطارات وقواعد عسكرية في دمشق إثر ", "التهديدات الأمريكية بتنفيذ ضربات جوية", "anticipated"),
    # 042 (2018-03-13): an accusation of going on bombing, a pattern
    ("واتهمت المندوبة الأمريكية ", "القوات الروسية بمواصلة قصف أهداف بسوريا", "pattern"),
])
def test_nouns_with_the_article_or_a_preposition_are_cues_bug(before, clause, expected):
    """Regression: the cue nouns were read with و or ف only, so التهديدات (the threats) and بمواصلة (of going
    on) left the strikes they govern as events."""
    assert kind(clause, before=before) == expected


def test_the_nouns_with_a_preposition_leave_a_told_event_alone():
    # 092: the emptying itself is told as done
    assert kind("الجيش السوري قام بإخلاء مطارات وقواعد عسكرية في دمشق") == "event"


def test_the_first_person_of_a_warning_is_a_cue_bug():
    """Regression: the warning and statement verbs were listed in the third person only, so a speaker's own
    "we warn" (نحذر) left the attacks it speaks of as events."""
    # 042 (2018-03-13), the US envoy at the Security Council
    assert kind("نحذر أيضاً أي دولة مصممة على فرض إرادتها من خلال الهجمات الكيماوية",
                published="2018-03-13") == "anticipated"


def test_escalation_and_planning_are_cues_bug():
    """Regression: the course of a campaign (تصاعد القصف، التصعيد العسكري) and the verbal noun of planning
    (بالتخطيط) were no cues, so the bombing of an escalation and a planned attack were events."""
    # 184 (2018-09-11): the displaced fled an escalation of bombing, no one strike
    assert kind("تصاعد القصف الجوي والأرضي في المنطقة", published="2018-09-11",
                before="فقد نزح أكثر من 30 ألف شخص داخلياً في محافظة إدلب بسبب \"", after="\".") == "pattern"
    # a sentence of ours: a court's charge of a plot
    assert kind("بالتخطيط لتفجير مقر الحكومة", before="أدانت المحكمة رجلا ") == "anticipated"
    # the indefinite تصعيد names the news' own strikes as a step of it: they stay events
    assert kind("نفذت طائرات حربية غارات على مواقع في ريف درعا في تصعيد مفاجئ", published="2018-06-24") == "event"


def test_a_condition_with_hal_is_a_cue_bug():
    """Regression: a condition was read after إذا and لو only, so the strikes of "in case" (في حال) were
    events."""
    # 091 (2018-04-11): the French president on strikes his country may decide on
    assert kind("شن ضربات عسكرية", before="أشار الرئيس الفرنسي إيمانويل ماكرون إلى أنه في حال قررت بلاده ",
                after="، فسوف تستهدف القدرات الكيميائية.") == "anticipated"


def test_in_a_state_is_no_condition():
    # a sentence of ours: في حالة tells the state of the wounded, the strike is told as done
    assert kind("غارة جوية على بلدة في ريف إدلب", published="2018-06-24",
                before="أصيب خمسة مدنيين في حالة حرجة في ") == "event"
