import unicodedata

import pytest

from conflictkg.curation.evidence import locate

TEXT = "قتل تنظيم داعش 13 عنصراً. وقال داعش إنه نفذ الهجوم."


def test_offsets_reproduce_the_quote():
    span = locate(TEXT, "13 عنصراً")
    assert TEXT[span.start:span.end] == "13 عنصراً"
    assert span.prefix.endswith("داعش ") and span.suffix.startswith(".")


def test_quote_not_found_names_the_fix():
    with pytest.raises(ValueError, match="quote not found.*copy the exact substring"):
        locate(TEXT, "قوات النظام")


def test_ambiguous_quote_needs_a_hint():
    with pytest.raises(ValueError, match="occurs 2 times"):
        locate(TEXT, "داعش")
    assert locate(TEXT, "داعش", occurrence=2).start == TEXT.rindex("داعش")
    assert locate(TEXT, "داعش", within="وقال داعش").start == TEXT.rindex("داعش")


def test_occurrence_out_of_range():
    with pytest.raises(ValueError, match="occurrence 3"):
        locate(TEXT, "داعش", occurrence=3)


def test_offsets_count_code_points_of_nfc_text():
    # alef + combining hamza above (NFD) is one code point after NFC
    decomposed = "قرية ا\u0654بو رجمين"
    text = unicodedata.normalize("NFC", decomposed)
    span = locate(text, decomposed[5:])  # the quote arrives decomposed too
    assert span.start == 5 and span.end == len(text)
    assert len(text) == len(decomposed) - 1


def test_empty_quote_is_refused():
    with pytest.raises(ValueError, match="empty"):
        locate(TEXT, "  ")
