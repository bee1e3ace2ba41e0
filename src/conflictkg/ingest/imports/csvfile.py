"""Streaming a CSV file row by row, with the line each row starts on, whatever its size or line endings."""
from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from conflictkg.core import csvsafe
from conflictkg.core.errors import InputError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # ACLED notes can be long; memory stays per row
_EOL = re.compile(rb"\r\n|\r|\n")
CHUNK = 1 << 20
# an HXL hashtag (#adm1+name): HDX republishes ACLED and UCDP files with a row of them under the header
_HXL_TAG = re.compile(r"#[a-z][a-z0-9_]*(\s*\+\s*[a-z][a-z0-9_]*)*", re.I)


def hxl_row(fields: Sequence[str]) -> bool:
    """True for the HXL hashtag row of a file from the Humanitarian Data Exchange: every cell empty or a hashtag,
    at least one hashtag. It describes the columns; it is no record."""
    cells = [f.strip() for f in fields if f.strip()]
    return bool(cells) and all(_HXL_TAG.fullmatch(c) for c in cells)


def utf16(head: bytes) -> str | None:
    """'UTF-16' and how it was known, when the file's first bytes are UTF-16 text: a byte-order mark, or
    without one, a zero byte in every other place (the column names are ASCII). Else None."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16 (it starts with a UTF-16 byte-order mark)"
    head = head[:len(head) // 2 * 2]
    if len(head) < 4:
        return None
    for zeros, text, order in ((head[1::2], head[0::2], "little"), (head[0::2], head[1::2], "big")):
        if zeros.count(0) >= 0.9 * len(zeros) and text.count(0) <= 0.1 * len(text):
            return f"UTF-16 ({order}-endian, without a byte-order mark: every other byte is zero)"
    return None


@dataclass
class Row:
    line: int               # line of the file where the row starts (the header is line 1)
    values: dict[str, str]  # column → value, columns lower-cased
    raw: list[str]          # the values as read, for the rejected-rows file
    written: dict[str, str] | None = None  # column → value exactly as the source wrote it (spaces kept)


class Reader:
    """Rows of a CSV file: UTF-8 (a BOM is fine), LF, CRLF or CR line ends, quoted fields may hold newlines.
    A value our own CSV writers guarded against spreadsheet formulas ('=…) is read back as it was. An HXL
    hashtag row right under the header (files from HDX) is skipped."""

    unit = "line"  # a Row's line is the line of the file it starts on

    def __init__(self, path: Path):
        self.path = Path(path)
        self.bytes_read = 0
        if not self.path.is_file():
            raise InputError("file not found", file=str(path))
        self.size = self.path.stat().st_size
        if self.size == 0:
            raise InputError("the file is empty", file=str(path), fix="export the data again, with its header row")
        self._fh = open(self.path, "rb")
        head = self._fh.read(512)
        self._fh.seek(0)
        found = utf16(head)
        if found:
            self._fh.close()
            raise InputError(f"the file is {found}", file=str(path), line=1,
                             fix="save it as UTF-8 CSV (e.g. iconv -f UTF-16 -t UTF-8)")
        self._line = 0
        self._reader = csv.reader(self._lines())
        try:
            header = next(self._reader)
        except StopIteration:
            raise InputError("the file has no header row", file=str(path)) from None
        self.header = [h.strip().lower() for h in header]
        dup = sorted({h for h in self.header if self.header.count(h) > 1})
        if dup:
            raise InputError(f"the header repeats column(s) {', '.join(dup)}", file=str(path), line=1,
                             fix="keep each column once")

    def _raw_lines(self) -> Iterator[bytes]:
        """The file's lines as bytes, each with its end: LF, CRLF or a lone CR (old Mac files)."""
        buf = b""
        while chunk := self._fh.read(CHUNK):
            buf += chunk
            start = 0
            for m in _EOL.finditer(buf):
                if m.end() == len(buf) and buf.endswith(b"\r"):
                    break  # perhaps the CR of a CRLF the chunk cut in two
                yield buf[start:m.end()]
                start = m.end()
            buf = buf[start:]
        if buf:
            yield buf

    def _lines(self) -> Iterator[str]:
        for raw in self._raw_lines():
            self._line += 1
            self.bytes_read += len(raw)
            if self._line == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as e:
                column = len(raw[:e.start].decode("utf-8")) + 1  # in characters, as an editor counts
                raise InputError(f"the line is not UTF-8: byte 0x{raw[e.start]:02X} at column {column} "
                                 f"(byte {e.start + 1} of the line)", file=str(self.path), line=self._line,
                                 fix="save the file as UTF-8 (e.g. iconv -f WINDOWS-1256 -t UTF-8)") from None

    def require(self, columns: Sequence[str], layout: str) -> None:
        missing = [c for c in columns if c not in self.header]
        if missing:
            raise InputError(f"not in {layout}'s layout: missing column(s) {', '.join(missing)}", file=str(self.path),
                             line=1, fix=f"export with {layout}'s standard columns (see docs/import.md)")

    def __iter__(self) -> Iterator[Row]:
        width = len(self.header)
        start = self._line + 1
        first = True
        try:
            for fields in self._reader:
                if not any(f.strip() for f in fields) or (first and hxl_row(fields)):
                    start = self._line + 1
                    continue  # blank line, or the hashtags of an HDX file
                first = False
                if len(fields) != width:
                    yield Row(start, {"__width__": f"{len(fields)}"}, fields)
                else:
                    written = dict(zip(self.header, (csvsafe.restore(f) for f in fields)))
                    yield Row(start, {k: v.strip() for k, v in written.items()}, fields, written)
                start = self._line + 1
        except csv.Error as e:
            raise InputError(f"cannot read the CSV: {e}", file=str(self.path), line=self._line,
                             fix="check the quoting around this line") from None
        finally:
            self._fh.close()
