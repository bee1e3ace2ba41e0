"""Is this an event? Classes of phrasing the statement-kind rules read: pledges, imminence and possibility,
"any" act, habit adverbs, spans of time, dates that span the year. On short quotes of the development articles
(gold/ant-2018/dev, 2018), each with the kind its gold gives it."""
from conflictkg.ingest.extract.eventhood import decide
from conflictkg.ingest.extract.timex import Published


def kind(clause: str, published: str = "2018-04-11", before: str = "", after: str = ".",
         trigger: str | None = None) -> str:
    """The decision on `clause` in the text title + before + clause + after; `trigger`, a word of the clause,
    is read as the event's trigger."""
    text = "عنوان\n\n" + before + clause + after
    start = len(text) - len(clause + after)
    span = None
    if trigger is not None:
        t = text.index(trigger, start)
        span = (t, t + len(trigger))
    return decide(text, start, start + len(clause), Published.parse(published), trigger=span).kind


def test_a_pledge_is_anticipated_bug():
    """Regression: a pledge to act (تتعهد، تعهدت، التزامنا) was no cue, so the act pledged was an event."""
    # 095 (2018-04-11), Trump quoting Russia
    assert kind("روسيا تتعهد بإسقاط أي صاروخ يطلق على سوريا") == "anticipated"
    # 092 (2018-04-11)
    assert kind("روسيا بضرب جميع الصواريخ الموجهة إلى سوريا", before="وتعهدت ") == "anticipated"
    # 016 (2018-02-27): the armed factions' statement
    assert kind("بإخراج مسلحي تنظيم هيئة تحرير الشام وجبهة النصرة من الغوطة الشرقية", published="2018-02-27",
                before="وأعلن البيان \"التزامنا التام ") == "anticipated"


def test_imminence_and_possibility_are_anticipated_bug():
    """Regression: an imminent act (وشيك) and a possible one (فمن الممكن أن تُستهدف) were events."""
    # 095 (2018-04-11)
    assert kind("روسيا من إجراء عسكري وشيك في سوريا") == "anticipated"
    # 105 (2018-04-16)
    assert kind("تُستهدف القوات الأمريكية والفرنسية في المنطقة", published="2018-04-16",
                before="فمن الممكن \"أن ") == "anticipated"


def test_any_act_is_no_incident_bug():
    """Regression: "any missile" (أي صاروخ) names no incident, yet its trigger made an event."""
    # 095 (2018-04-11): the clause as the extractor cut it, its trigger right after أي
    assert kind("صاروخ يطلق على سوريا", before="بإسقاط أي ", trigger="صاروخ") == "anticipated"
    assert kind("صاروخ يطلق على سوريا", before="بإسقاط ", trigger="صاروخ") == "event"


def test_what_is_coming_is_anticipated_but_not_what_comes_from_somewhere():
    # 092 (2018-04-11): a warning that missiles are coming
    assert kind("صواريخ جديدة وذكية قادمة لتضرب سوريا") == "anticipated"
    # a sentence of ours: a car coming from a town is hit, news
    assert kind("استهدفت غارة سيارة قادمة من مدينة سراقب") == "event"


def test_the_new_cues_leave_told_events_alone():
    # a sentence of ours: "simultaneously" is no commitment (بالتزامن, not بالتزام)
    assert kind("وصلت بالتزامن مع ذلك تعزيزات عسكرية لقوات النظام إلى محيط المنطقة") == "event"
    # "cannot" is no possibility: only من الممكن is read
    assert kind("أن الضربات الجوية على سوريا ليل الجمعة السبت تسببت في تباين",
                before="وقال إن التصريحات لا يمكن أن تؤدي إلى قطيعة، وذلك بعد إعلان ماكرون ",
                published="2018-04-16") == "event"


def test_adverbs_of_habit_make_a_pattern_bug():
    """Regression: "always", "usually" (دائما ما، عادة ما، غالبا ما) were no cues, so a habit was an event."""
    # 189 (2018-09-24)
    assert kind("ودائما ما تكون الولايات المتحدة وإسرائيل المتهم الرئيسي في أي عمل يستهدف إيران في سوريا",
                published="2018-09-24") == "pattern"


def test_a_duration_makes_a_pattern_bug():
    """Regression: a duration after لمدة or استمر, and the singular a number from 11 on takes (20 يوما), were
    no span of time, so an offensive told as a whole was an event."""
    # 163 (2018-07-10): a 20-day offensive as a whole
    assert kind("حققت قوات النظام والميليشيات الإيرانية نصرا استراتيجيا في هجوم استمر 20 يوما",
                published="2018-07-10") == "pattern"
    # 178 (2018-08-30): two months of fighting
    assert kind("وخاضت الجبهة معارك لمدة شهرين ضد هيئة تحرير الشام في المناطق الواقعة بين إدلب وحلب",
                published="2018-08-30") == "pattern"


def test_the_town_of_douma_is_no_adverb():
    # دوماً (always) folds as دوما (Douma), so it is not a cue; 092 (2018-04-11)
    assert kind("بتنفيذ هجوم كيميائي في دوما في الغوطة الشرقية", before="بعد اتهامات وجهت إلى دمشق ") == "event"


def test_a_date_of_the_whole_year_does_not_make_history_news_bug():
    """Regression: "early 2018" in an article of August 2018 was read as a date within the month before
    publication (the year 2018 ends after it), which kept its background cue from counting."""
    # 178 (2018-08-30)
    assert kind("في أوائل عام 2018، اندمج فصيلان منافسان لهيئة تحرير الشام", published="2018-08-30") == "background"
    # a date of the news' days still makes it news (a sentence of ours)
    assert kind("في أوائل عام 2018، اندمج فصيلان منافسان أمس", published="2018-08-30") == "event"


def test_last_month_told_in_passing_is_background_bug():
    """Regression: a date of the month before (الشهر الماضي) was history only when it ended more than a month
    before publication, so the Douma attack of April told in passing in an article of 16 May was an event."""
    # 135 (2018-05-16)
    assert kind("هجوم مفترض بالغاز السام استهدف مدينة دوما الشهر الماضي", published="2018-05-16",
                before="ويأتي هذا التأكيد في وقت ينتظر العالم فيه نتائج تحقيق في ") == "background"
    # 141 (2018-06-07): late May in an article of 7 June is news (the gold codes it)
    assert kind("قصف موقع داعشي في هجين", published="2018-06-07",
                before="الجيش العراقي أعلن في مايو الماضي ") == "event"


def test_staged_acts_are_denied_bug():
    """Regression: "staged" (مفتعلة) was no cue beside "made up" (مفبركة، ملفقة), so a list of acts called
    staged made events."""
    # 107 (2018-04-18): a commander's tweet
    assert kind("مراوغة وتفجيرات مفتعلة وسيارات مفخخة وشهود زور", published="2018-04-18",
                before="وكتب القيادي في جيش الإسلام على تويتر \"") == "denial"


def test_the_present_of_attacking_is_a_pattern_bug():
    """Regression: the present of habit was read for تشن، تنفذ، تحاصر but not for committing and attacking
    (ترتكب، تهاجم، تقصف), so a column's "while massacres are committed" made an event."""
    # 029 (2018-03-09), an opinion column
    assert kind("ضد المدنيين في غوطة دمشق الشرقية", published="2018-03-09",
                before="أنه في الوقت الذي ترتكب فيه المجازر المروّعة ") == "pattern"
    # the past tells the news' own act
    assert kind("قصفت قوات النظام السوري هذه المنطقة", published="2018-03-09") == "event"
