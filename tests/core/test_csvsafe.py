"""CSV cells a spreadsheet cannot run, and text XML can carry."""
import pytest

from conflictkg.core import controls, csvsafe


@pytest.mark.parametrize("value,safe", [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+1+2", "'+1+2"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("-12.5", "'-12.5"), ("Deir ez-Zor", "Deir ez-Zor"), ("داعش", "داعش"), ("", ""), (None, ""), (5, "5"),
    ("'=x", "''=x"), ("''-", "'''-"), ("'quoted'", "'quoted'"),
])
def test_text_cells_that_would_start_a_formula_get_a_quote(value, safe):
    assert csvsafe.cell(value) == safe
    assert csvsafe.restore(safe) == ("" if value is None else str(value))


@pytest.mark.parametrize("value,safe", [("-12.5", "-12.5"), ("+3", "+3"), ("-1e-5", "-1e-5"), ("-.5", "-.5"),
                                        ("-1+1", "'-1+1"), ("=1", "'=1"), ("-", "'-"), ("-inf", "'-inf")])
def test_numeric_cells_keep_plain_numbers(value, safe):
    assert csvsafe.cell(value, numeric=True) == safe


def test_query_columns_are_numeric_when_every_value_is_a_number():
    rows = [{"lon": "-12.5", "name": "-x", "n": None}, {"lon": "36.1", "name": "a", "n": ""}]
    assert csvsafe.numeric_columns(["lon", "name", "n"], rows) == {"lon"}


def test_controls_are_found_escaped_and_replaced_for_xml():
    text = "بيان\x00 ESC\x1b tab\tnl\n\ufffe"
    assert controls.find(text).start() == 4 and controls.name("\x1b") == "U+001B (ESC)"
    assert controls.escaped(text) == "بيان\\x00 ESC\\x1b tab\tnl\n\\ufffe"
    assert controls.for_xml(text) == "بيان\u2400 ESC\u241b tab\tnl\n\ufffd"
    assert controls.for_xml_bytes(text.encode("utf-8")) == controls.for_xml(text).encode("utf-8")
    assert controls.find("tab\tcr\rlf\n") is None
