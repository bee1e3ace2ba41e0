"""The rows of conflictkg.ask.events written out: a table, CSV, TSV, JSON, GeoJSON (one feature per event) or
an Excel workbook (openpyxl). The same store and filters always give the same bytes, the workbook included."""
from __future__ import annotations

import io
import json
import zipfile

from conflictkg.store import Store
from conflictkg.store.queries import Result

from .events import COLUMNS, Filters, Selection, rows, select
from .render import render
from .tabular import Tables

FORMATS = ("table", "csv", "tsv", "json", "geojson", "xlsx")
# the table on a terminal: the columns that fit; the other formats carry them all
TABLE_COLUMNS = ("earliest", "latest", "class", "kind", "places", "governorates", "perpetrators", "targets",
                 "killed_low", "killed_high", "source", "event")
NUMBERS = ("killed_low", "killed_high")


def write(store: Store, filters: Filters | None = None, fmt: str = "table") -> bytes:
    """The events the filters keep, in `fmt` (one of FORMATS)."""
    sel = select(Tables(store), filters or Filters())
    data = rows(sel)
    if fmt == "json":
        return (json.dumps({"columns": list(COLUMNS), "rows": data}, ensure_ascii=False, indent=2) + "\n").encode()
    if fmt == "geojson":
        return geojson(sel, data)
    if fmt == "xlsx":
        return xlsx(data)
    columns = list(TABLE_COLUMNS if fmt == "table" else COLUMNS)
    text = [{c: None if r[c] is None else str(r[c]) for c in columns} for r in data]
    return render(Result(columns, text), fmt).encode("utf-8")


def geojson(sel: Selection, data: list[dict]) -> bytes:
    """One feature per event: a Point at its one located place, a MultiPoint at several (where it happened,
    where from and where to, in that order), no geometry when none of its places has a point. Summing
    killed_low over the features counts each event once."""
    ents = sel.tables.entities
    features = []
    for ev, row in zip(sel.events, data):
        points = []
        for p in dict.fromkeys(ev.role("hasPlace") + ev.role("fromPlace") + ev.role("toPlace")):
            e = ents.get(p)
            if e is not None and e.lat is not None and [round(e.lon, 5), round(e.lat, 5)] not in points:
                points.append([round(e.lon, 5), round(e.lat, 5)])
        geometry = None if not points else {"type": "Point", "coordinates": points[0]} if len(points) == 1 \
            else {"type": "MultiPoint", "coordinates": points}
        features.append({"type": "Feature", "id": row["event"], "geometry": geometry, "properties": row})
    doc = {"type": "FeatureCollection", "features": features}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def xlsx(data: list[dict]) -> bytes:
    """An Excel workbook with one sheet, "events": a header row, then one row per event. Text cells are
    written as text (a cell starting with = stays text, never a formula); the tolls are numbers."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "events"
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, r in enumerate(data, start=2):  # cell by cell: ws.max_row after each append made it quadratic
        for j, c in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=i, column=j, value=r[c])
            if c not in NUMBERS and r[c] is not None:
                cell.data_type = TYPE_STRING  # never a formula, whatever the text starts with
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for letter, width in zip("ABCDEFGHIJKLMNOPQRST", (11, 11, 9, 22, 18, 16, 11, 30, 16, 24, 24, 20, 7, 7, 9, 10,
                                                      50, 50, 30, 40)):
        ws.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed(buf.getvalue())


_EPOCH = "2000-01-01T00:00:00Z"


def _fixed(data: bytes) -> bytes:
    """The workbook with its clock readings fixed (the zip entries' times, the document's created and modified
    dates), so the same rows give the same bytes."""
    import re

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + _EPOCH.encode(), body)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, body)
    return out.getvalue()
