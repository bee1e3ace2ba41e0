"""The place of an evacuation that names only the place left, and of an agreement that the capital announced.

The sentences are real clauses of the development half (Sky News Arabia, France 24, 2018), some shortened;
none of them is in the seed articles."""
from conflictkg.ingest.extract import extract


def events(text, published="2018-07-18"):
    return extract(text, published=published).facts["events"]


def test_an_evacuation_from_a_place_is_coded_there_bug():
    """Regression: "إجلاء كل السكان من قريتي الفوعة وكفريا" names the place left and no destination; the place
    went to `from` only, so the ACLED row had no governorate (the country). ACLED codes an evacuation at the
    place people leave (docs/annotation.md)."""
    text = ("والحرس الثوري الإيراني توصلوا للاتفاق السري الذي سيتم بموجبه إجلاء كل السكان من قريتي الفوعة "
            "وكفريا.")
    rows = events(text)
    assert [(e["type"], e.get("places"), e.get("from")) for e in rows] == [("Deal", ["fuah"], None)]


def test_the_capital_that_announced_an_agreement_bug():
    """Regression: "بموجب اتفاق أعلنت عنه دمشق" placed the evacuation in Damascus: the capital after a verb of
    saying is the government only when nothing stands between; عنه (the agreement announced) does."""
    text = "وتتواصل عملية إجلاء المقاتلين والمدنيين منها منذ أيام، بموجب اتفاق أعلنت عنه دمشق الأحد."
    rows = events(text, "2018-04-13")
    assert [e["type"] for e in rows] == ["Deal"] and "damascus" not in rows[0]["places"], rows
