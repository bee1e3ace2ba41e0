"""Events the extractor made no candidate for: an agreement named by what it hands over, forces reinforcing
their deployment around a town.

The sentences are real clauses of the development half (Sky News Arabia, France 24, 2018), some shortened;
none of them is in the seed articles."""
from conflictkg.core.normalise import normalise
from conflictkg.ingest.extract import extract
from conflictkg.ingest.extract.grouping import find_events
from conflictkg.ingest.extract.lexicon import Lexicon


def events(text, published="2018-07-10"):
    return extract(text, published=published).facts["events"]


def candidates(text):
    return [c.type for c in find_events(normalise(text), Lexicon.load()).candidates if c.kind == "event"]


def test_an_agreement_of_handover_is_an_agreement_bug():
    """Regression: "اتفاق تسليم" (an agreement to hand over a region and its heavy weapons) had no trigger, as
    اتفاق استسلام has: the Daraa handover agreement of the Free Syrian Army made no row."""
    text = ("وسلم الجيش السوري الحر المعارض معظم المنطقة مع الأسلحة الثقيلة للنظام بعد اتفاق تسليم أبرم يوم "
            "الجمعة في درعا.")
    deals = [e for e in events(text) if e["type"] == "Deal"]
    assert len(deals) == 1, [(e["type"], e["quote"]) for e in events(text)]
    assert "اتفاق تسليم" in deals[0]["quote"]
    # a bare التسليم (the terms of handover) is no agreement
    assert "Deal" not in candidates("وتدور المفاوضات حول شروط التسليم في المنطقة.")


def test_forces_reinforcing_their_deployment_bug():
    """Regression: "عززت انتشارها في محيط دوما" (government forces reinforcing their deployment around a town)
    had no trigger. Told with وكانت … قد it is background (eventhood), and kept as such."""
    text = "وكانت القوات الحكومية قد عززت انتشارها في محيط دوما خلال الأيام الأخيرة."
    assert "Reinforcement" in candidates(text)
    rows = [e for e in events(text, "2018-04-06") if e["type"] == "Reinforcement"]
    assert len(rows) == 1 and rows[0].get("statement") == "background"
    # the deployment itself is no reinforcement
    assert "Reinforcement" not in candidates("وتنتشر قوات النظام في محيط دوما.")


def test_reinforcements_in_the_possessed_plural_bug():
    """Regression: "تعزيزاتها العسكرية" (its reinforcements) was no trigger, only the bare تعزيزات: the regime
    massing reinforcements around the Yarmouk camp made no row (its only candidate was the operation they
    prepare, a pattern)."""
    text = ("وتحشد قوات النظام منذ نحو أسبوعين تعزيزاتها العسكرية في محيط مخيم اليرموك وأحياء أخرى محاذية يتواجد "
            "فيها التنظيم المتطرف في جنوب دمشق.")
    rows = [e for e in events(text, "2018-04-18") if e["type"] == "Reinforcement"]
    assert len(rows) == 1, [(e["type"], e["quote"]) for e in events(text, "2018-04-18")]
    assert rows[0].get("statement") is None and "تعزيزاتها" in rows[0]["quote"]
