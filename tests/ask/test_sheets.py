"""The xlsx writer of conflictkg.ask.sheets: text stays text, tolls are numbers, the same rows the same bytes."""
import io

from openpyxl import load_workbook

from conflictkg.ask.events import COLUMNS
from conflictkg.ask.sheets import xlsx


def row(**values):
    return {c: values.get(c) for c in COLUMNS}


def test_text_that_looks_like_a_formula_stays_text():
    rows = [row(summary='=HYPERLINK("http://x","click")', evidence="@SUM(A1)", places="-2+3", killed_low=13,
                killed_high=None, event="https://w3id.org/conflictkg/id/fact/x/e01"),
            row(summary="داعش", evidence="نفذ تنظيم داعش الإرهابي اليوم 14 نوفمبر كمينًا", killed_low=0)]
    data = xlsx(rows)
    sheet = load_workbook(io.BytesIO(data))["events"]
    cells = {c.value: c for r in sheet.iter_rows(min_row=2) for c in r if c.value is not None}
    assert cells['=HYPERLINK("http://x","click")'].data_type == "s"
    assert cells["@SUM(A1)"].data_type == "s" and cells["-2+3"].data_type == "s"
    assert cells[13].data_type == "n"
    assert "نفذ تنظيم داعش الإرهابي اليوم 14 نوفمبر كمينًا" in cells  # Arabic as written, NFC kept
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert xlsx(rows) == data
