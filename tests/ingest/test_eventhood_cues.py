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
    # 020 (free article phrasing, shortened): "simultaneously" is no commitment (بالتزامن, not بالتزام)
    assert kind("وصلت بالتزامن مع ذلك تعزيزات عسكرية لقوات النظام إلى محيط المنطقة") == "event"
    # "cannot" is no possibility: only من الممكن is read
    assert kind("أن الضربات الجوية على سوريا ليل الجمعة السبت تسببت في تباين",
                before="وقال إن التصريحات لا يمكن أن تؤدي إلى قطيعة، وذلك بعد إعلان ماكرون ",
                published="2018-04-16") == "event"
