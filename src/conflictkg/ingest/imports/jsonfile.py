"""Records of a JSON file, as the UCDP API (GED and candidate events) and ACLED's API serve them: a page
object whose `Result` (UCDP) or `data` (ACLED) holds the records, or a plain array of records.

Each record becomes a Row like a CSV row: column → value as text, numbered by its place among the records
(the API serves a page on one line, so a line number would not tell records apart). Values
are kept as the file wrote them: numbers in their own digits (parse_int/parse_float keep the text), true and
false as written, null as empty. The whole file is read at once (an API page holds at most 1000 records)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Sequence

from conflictkg.core.errors import InputError

from .csvfile import Row

_DECODER = json.JSONDecoder(parse_float=str, parse_int=str, parse_constant=str)
_WS = " \t\r\n"


# where a page object keeps its records: UCDP's API ({"TotalCount": …, "Result": […]}) and ACLED's
# ({"status": 200, "success": true, "count": …, "data": […]})
PAGE_KEYS = ("Result", "data")


def is_json(path: Path) -> bool:
    """A file to read as JSON: named .json, or starting (after a BOM and spaces) with [ or {."""
    if path.suffix.lower() == ".json":
        return True
    with open(path, "rb") as fh:
        head = fh.read(64).removeprefix(b"\xef\xbb\xbf").lstrip()
    return head[:1] in (b"[", b"{")


def text_of(value) -> str:
    """A JSON value as the text a CSV cell would hold: strings as they are, numbers in their own digits."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


class JsonRecords:
    """The records of a JSON file, with the Reader's interface (header, require, iteration, bytes read)."""

    unit = "record"  # a Row's line is the record's number: 1 for the first record

    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise InputError("file not found", file=str(path))
        data = self.path.read_bytes()
        self.size = self.bytes_read = len(data)
        try:
            self.text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = data[:e.start].count(b"\n") + 1
            raise InputError(f"the file is not UTF-8: byte 0x{data[e.start]:02X}", file=str(path), line=line,
                             fix="save the file as UTF-8 (e.g. iconv -f WINDOWS-1256 -t UTF-8)") from None
        self.starts = self._records()
        if not self.starts:
            raise InputError("the file holds no records", file=str(path),
                             fix="save the API's answer whole: {\"Result\": [{…}, …]} or an array of records")
        header: dict[str, None] = {}
        for _, record in self.starts:
            header.update(dict.fromkeys(k.strip().lower() for k in record))
        self.header = list(header)

    def _value(self, at: int):
        """(value, end) of the JSON value at character `at`."""
        try:
            return _DECODER.raw_decode(self.text, at)
        except json.JSONDecodeError as e:
            raise InputError(f"not valid JSON: {e.msg} (column {e.colno})", file=str(self.path), line=e.lineno,
                             fix="save the API's answer unchanged") from None

    def _skip(self, at: int, allowed: str = "") -> int:
        while at < len(self.text) and (self.text[at] in _WS or self.text[at] in allowed):
            at += 1
        return at

    def _records(self) -> list[tuple[int, dict]]:
        """(character offset, record) of every record, in the file's order."""
        at = self._skip(0)
        if self.text.startswith("{", at):
            at = self._result_array(at)
        if not self.text.startswith("[", at):
            raise InputError("not a UCDP API answer: the file holds neither an array of records nor a page "
                             "object with a Result array", file=str(self.path), line=self._line(at),
                             fix="save the API's answer whole: {\"Result\": [{…}, …]} or an array of records")
        out, at = [], self._skip(at + 1)
        while not self.text.startswith("]", at):
            if at >= len(self.text):
                self._value(at)  # raises: the array is cut short
            value, end = self._value(at)
            if not isinstance(value, dict):
                raise InputError(f"a record is not a JSON object: {self.text[at:end][:40]}",
                                 file=str(self.path), line=self._line(at), fix="keep one {…} object per event")
            out.append((at, value))
            at = self._skip(end, ",")
        return out

    def _result_array(self, at: int) -> int:
        """The offset of the `Result` array of the page object starting at `at`."""
        at = self._skip(at + 1)
        while at < len(self.text) and not self.text.startswith("}", at):
            key, end = self._value(at)
            at = self._skip(self._skip(end), ":")
            if key in PAGE_KEYS:
                return at
            _, end = self._value(at)
            at = self._skip(end, ",")
        return at

    def _line(self, at: int) -> int:
        return self.text.count("\n", 0, at) + 1

    def require(self, columns: Sequence[str], layout: str) -> None:
        missing = [c for c in columns if c not in self.header]
        if missing:
            raise InputError(f"not in {layout}'s layout: no record has the field(s) {', '.join(missing)}",
                             file=str(self.path), line=self._line(self.starts[0][0]),
                             fix=f"import {layout}'s records with their standard fields (see docs/import.md)")

    def __iter__(self) -> Iterator[Row]:
        for number, (_, record) in enumerate(self.starts, 1):
            written = {h: "" for h in self.header}
            written.update((k.strip().lower(), text_of(v)) for k, v in record.items())
            values = {k: v.strip() for k, v in written.items()}
            yield Row(number, values, [values[h] for h in self.header], written)
