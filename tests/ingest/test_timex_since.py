"""A date after "منذ + what happened then" is that thing's date, not the act's told beside it.

The sentences are from the dev half (France 24, 2018-06-24: Russian air strikes on the south, the first since
the ceasefire of 2017)."""
from conflictkg.core.normalise import normalise
from conflictkg.ingest.extract import extract
from conflictkg.ingest.extract.lexicon import Lexicon
from conflictkg.ingest.extract.match import tokens
from conflictkg.ingest.extract.timex import Published, find_dates, since_another

SOUTH = ("الطيران الروسي يشن غارات على جنوب سوريا للمرة الأولى منذ وقف إطلاق النار عام 2017\n\n"
         "شنت روسيا مساء السبت غارات على مناطق تسيطر عليها فصائل المعارضة المسلحة في جنوب سوريا، وذلك للمرة "
         "الأولى منذ أن وافقت على وقف لإطلاق النار في هذه المنطقة قبل عام تقريبا.")


def test_the_year_of_the_ceasefire_does_not_date_the_strikes_bug():
    """Regression: the headline's strikes were dated 2017 by "منذ وقف إطلاق النار عام 2017" and so kept apart
    from the Saturday strikes the story tells: one incident, on Saturday."""
    ex = extract(SOUTH, published="2018-06-24")
    strikes = [e for e in ex.facts["events"] if e["type"] == "AirStrike"]
    assert [e["date"] for e in strikes] == ["2018-06-23"]
    assert len(ex.mentions_of[strikes[0]["id"]]) == 2


def _since(text, trigger):
    norm = normalise(text)
    toks = tokens(norm)
    (d,) = find_dates(toks, 0, len(toks), Lexicon.load(), Published.parse("2018-03-15"))
    return since_another(toks, d, norm.text, trigger)


def test_what_since_names_and_the_span_of_the_act():
    # the date of the thing named after منذ
    assert _since("غارات على جنوب سوريا للمرة الأولى منذ وقف إطلاق النار عام 2017", 0)
    # the ceasefire itself keeps its year
    assert not _since("للمرة الأولى منذ وقف إطلاق النار عام 2017", 4)
    # منذ + a day, a part of a day: the span of the act itself
    assert not _since("القصف التركي العنيف على مدينة عفرين منذ الأربعاء", 0)
    assert not _since("القصف التركي على مدينة عفرين منذ مساء الخميس", 0)
    assert not _since("هجوما عسكريا على عفرين منذ 20 يناير الماضي", 0)
    # a clause ends between: the date is not in the منذ phrase
    assert not _since("للمرة الأولى منذ أشهر، قصفت الطائرات البلدة الخميس", 0)
