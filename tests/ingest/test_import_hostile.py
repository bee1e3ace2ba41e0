"""Hostile or damaged import files: control characters, formulas, UTF-16 without a BOM, invalid UTF-8 in a
file with old Mac line ends. Each is refused with the line, column, value and fix, or imported exactly."""
import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import copy_store

from conflictkg.cli import main
from conflictkg.ingest.imports import csvfile
from conflictkg.ingest.imports.run import import_file
from conflictkg.share.exports import export
from conflictkg.store.generations import Store

DATA = Path(__file__).parents[1] / "data" / "import"
GOOD = (DATA / "acled-2019-layout.csv").read_text(encoding="utf-8")
HEADER = GOOD.splitlines()[0].split(",")
ID = "https://w3id.org/conflictkg/id/"
FORMULA = "=cmd|' /C calc'!A0"


@pytest.fixture
def live(store, tmp_path) -> Store:
    path = tmp_path / "store"
    copy_store(store.path, path)
    return Store(path)


def with_fields(changes: dict[tuple[int, str], str]) -> str:
    """The good file with fields of rows (0-based, after the header) replaced."""
    rows = list(csv.reader(GOOD.splitlines()))
    for (row, column), value in changes.items():
        rows[row + 1][rows[0].index(column)] = value
    out = []
    csv.writer(type("W", (), {"write": lambda self, s: out.append(s)})(), lineterminator="\n").writerows(rows)
    return "".join(out)


def run(live, path, *args):
    return CliRunner().invoke(main, ["--store", str(live.path), "import", "acled", str(path), *args])


def files_of(store: Store) -> dict:
    return {p.name: p.stat().st_mtime_ns for p in store.path.iterdir() if p.name != ".lock"}


@pytest.mark.parametrize("column,value,shown,name", [
    ("notes", "Shelling\x00 near Hajin", "Shelling\\x00 near Hajin", "U+0000 (NUL)"),
    ("actor1", "\x1b[31mIslamic State", "\\x1b[31mIslamic State", "U+001B (ESC)"),
    ("location", "Hajin\x0c", "Hajin\\x0c", "U+000C (FF)"),
])
def test_control_characters_are_refused_with_row_column_and_escaped_value_bug(live, tmp_path, column, value, shown,
                                                                              name):
    """Regression: a NUL or ESC in a value was imported, and then broke the GraphML, GEXF and XML results."""
    path = tmp_path / "acled.csv"
    path.write_text(with_fields({(2, column): value}), encoding="utf-8")
    before = files_of(live)
    r = run(live, path)
    assert r.exit_code == 1, r.output
    for needle in ("acled.csv:4", f"column {column}", shown, f"control character {name}", "fix: delete it"):
        assert needle in r.output, r.output
    assert "\x00" not in r.output and "\x1b" not in r.output
    assert files_of(live) == before


def test_rejected_rows_file_neutralises_formulas_and_imports_back_exactly_bug(live, tmp_path):
    """Regression: values starting with = + - @ went unchanged into the rejected-rows CSV, which analysts open
    in a spreadsheet. Numbers keep their sign; once fixed, the rows import back with the values as read."""
    path = tmp_path / "acled.csv"
    path.write_text(with_fields({(1, "actor1"): FORMULA, (1, "notes"): "@SUM(1+1) and -2+3", (1, "fatalities"): "-3",
                                 (3, "actor2"): "+HYPERLINK(\"http://x\")", (3, "latitude"): "135",
                                 (3, "longitude"): "-12.5", (3, "assoc_actor_2"): "'=already quoted"}),
                    encoding="utf-8")
    rejected = tmp_path / "rejected.csv"
    r = run(live, path, "--on-error", "skip", "--rejected", str(rejected))
    assert r.exit_code == 0 and "Imported 3 of 5 rows" in r.output, r.output
    rows = list(csv.DictReader(rejected.open(encoding="utf-8")))
    assert [(x["line"], x["column"], x["value"]) for x in rows] == [("3", "fatalities", "-3"),
                                                                    ("5", "latitude", "135")]
    assert (rows[0]["actor1"], rows[0]["notes"], rows[0]["fatalities"]) == (f"'{FORMULA}", "'@SUM(1+1) and -2+3", "-3")
    assert (rows[1]["actor2"], rows[1]["longitude"]) == ("'+HYPERLINK(\"http://x\")", "-12.5")
    assert rows[1]["assoc_actor_2"] == "''=already quoted"
    for row in rows:
        assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in row.values())
        assert not any(v.startswith("-") for k, v in row.items() if k not in ("fatalities", "longitude", "value"))
    # fix the two rows in the rejected file and import it: the values are those of the original file
    fixed = tmp_path / "fixed.csv"
    with fixed.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=HEADER, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows({**x, "fatalities": "3", "latitude": "35.1"} for x in rows)
    assert run(live, fixed).exit_code == 0
    labels = {r["l"] for r in live.select("SELECT ?l WHERE { ?a a ?c ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }")[1]}
    assert {FORMULA, "+HYPERLINK(\"http://x\")", "'=already quoted"} <= labels
    notes = live.select(f"SELECT ?n WHERE {{ <{ID}event/acled/SYR90002> <https://w3id.org/conflictkg/ontology#summary> ?n }}")
    assert notes[1] == [{"n": "@SUM(1+1) and -2+3"}] or "@SUM(1+1) and -2+3" in str(notes[1])


def test_acled_export_neutralises_formulas_and_keeps_negative_longitude_bug(live, tmp_path):
    """Regression: `export --format acled-csv` wrote =… cells unchanged. Text cells get a ', numeric columns keep
    numbers such as -12.5, and the export imports back to the same rows."""
    path = tmp_path / "acled.csv"
    path.write_text(with_fields({(0, "actor1"): FORMULA, (0, "notes"): "-- a note starting with dashes",
                                 (0, "location"): "@Hajin", (0, "longitude"): "-12.5", (0, "latitude"): "-1.25"}),
                    encoding="utf-8")
    assert run(live, path).exit_code == 0
    exported = export(live, "acled-csv")
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(exported.decode("utf-8").splitlines())}
    row = rows["SYR90001"]
    assert (row["actor1"], row["notes"], row["location"]) == (f"'{FORMULA}", "'-- a note starting with dashes",
                                                              "'@Hajin")
    assert (row["longitude"], row["latitude"]) == ("-12.5", "-1.25")  # as the file wrote them
    for r in rows.values():
        assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in r.values())
        assert not any(v.startswith("-") for k, v in r.items()
                       if k not in ("latitude", "longitude", "ckg_latitude", "ckg_longitude"))
    # and back: the same rows (tags and timestamp say where and when a row was coded)
    again = tmp_path / "again.csv"
    again.write_bytes(exported)
    assert not import_file(again, "acled", live, batch_size=40).rejected
    back = {r["event_id_cnty"]: r for r in csv.DictReader(export(live, "acled-csv").decode("utf-8").splitlines())}
    for rid in [rid for rid, r in rows.items() if "/event/acled/" in r["tags"]]:
        assert {k: v for k, v in back[rid].items() if k not in ("tags", "timestamp")} == \
            {k: v for k, v in rows[rid].items() if k not in ("tags", "timestamp")}, rid
    assert back["SYR90001"]["actor1"] == f"'{FORMULA}"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_with_or_without_bom_is_named_bug(live, tmp_path, encoding):
    """Regression: UTF-16 without a BOM was reported as 'missing columns'."""
    path = tmp_path / "acled.csv"
    path.write_bytes(GOOD.encode(encoding))
    r = run(live, path)
    assert r.exit_code == 2 and "acled.csv:1: the file is UTF-16" in r.output and "save it as UTF-8" in r.output, \
        r.output
    assert "missing column" not in r.output


def test_invalid_utf8_names_the_line_with_old_mac_line_ends_bug(live, tmp_path):
    """Regression: with CR line ends the whole file was one line, so invalid UTF-8 was placed by a byte offset
    only. Now the line, and the column in characters (Arabic counts one per letter), not bytes."""
    text = with_fields({(3, "notes"): "قتل راعيان ÿ في البادية"})
    data = text.encode("utf-8").replace("ÿ".encode("utf-8"), b"\xff").replace(b"\n", b"\r")
    path = tmp_path / "acled.csv"
    path.write_bytes(data)
    r = run(live, path)
    line = text.splitlines()[4]
    column = line.index("ÿ") + 1
    byte = len(line[:line.index("ÿ")].encode("utf-8")) + 1
    assert column != byte
    assert r.exit_code == 2 and f"acled.csv:5: the line is not UTF-8: byte 0xFF at column {column} (byte {byte} " \
        "of the line)" in r.output, r.output


def test_old_mac_line_ends_import_with_their_lines(live, tmp_path):
    path = tmp_path / "acled.csv"
    path.write_bytes(GOOD.replace("\n", "\r").encode("utf-8"))
    assert import_file(path, "acled", live, batch_size=2, link_events=False).imported == 5
    lines = live.select("SELECT ?n WHERE { ?r <https://w3id.org/conflictkg/ontology#rowNumber> ?n ; "
                        "<https://w3id.org/conflictkg/ontology#recordId> ?id FILTER(STRSTARTS(?id, 'SYR9000')) }")[1]
    assert sorted(int(x["n"]) for x in lines) == [2, 3, 4, 5, 6]


@pytest.mark.parametrize("ends", ["\n", "\r\n", "\r"])
def test_rows_and_lines_do_not_depend_on_where_reading_cuts_the_file(tmp_path, monkeypatch, ends):
    text = GOOD.replace("in the Deir ez-Zor desert.", "in the Deir ez-Zor\ndesert.").replace("\n", ends)
    path = tmp_path / "acled.csv"
    path.write_bytes(text.encode("utf-8"))
    whole = [(r.line, r.raw) for r in csvfile.Reader(path)]
    for size in (1, 2, 3, 7, 64):
        monkeypatch.setattr(csvfile, "CHUNK", size)
        assert [(r.line, r.raw) for r in csvfile.Reader(path)] == whole, size
    assert [line for line, _ in whole] == [2, 4, 5, 6, 7]  # row 1 holds a quoted newline
