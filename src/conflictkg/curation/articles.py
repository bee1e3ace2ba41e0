"""New article files: reading them as NFC text, their ids, outlets and metadata.

Both 'conflictkg extract' and 'conflictkg ingest' read articles that are not seeds; they share these
helpers so that an article decodes the same way (and its offsets count the same) in both.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from conflictkg.core import dates as kgdates
from conflictkg.core.arabic import nfc
from conflictkg.core.errors import InputError
from conflictkg.core.normalise import fold

MAX_BYTES = 20_000_000
UNNAMED_OUTLET = "unnamed-outlet"
OUTLET_CLASSES = ("NewsOutlet", "LocalNetwork")


def article_id(path: Path) -> str:
    """An article id from a file name: letters, digits, - and _ (others become -)."""
    stem = Path(path).name
    for suffix in (".txt", ".text", ".md"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")
    return slug or "article"


def _arabic_share(text: str) -> tuple[int, int]:
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f"
                 or "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff")
    return arabic, len(letters)


def _refuse_non_text(data: bytes, name: str) -> None:
    """Raise InputError with the fix for empty, oversized, UTF-16 or binary files."""
    if not data.strip():
        raise InputError("the article is empty", file=name, fix="put the article's Arabic text in the file")
    if len(data) > MAX_BYTES:
        raise InputError(f"the file is {len(data):,} bytes; articles above {MAX_BYTES:,} are refused", file=name,
                         fix="split it into one file per article")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError("the file is UTF-16", file=name, fix="save it as UTF-8 (iconv -f UTF-16 -t UTF-8)")
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    if b"\x00" in sample or controls > len(sample) // 100:
        raise InputError("the file is binary, not text", file=name,
                         fix="give a plain-text (.txt) article in UTF-8")


def _as_text(data: bytes, name: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else Windows-1256 when that reads as Arabic."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as e:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            raise InputError(f"the file is not UTF-8 (bad byte at {e.start})", file=name,
                             fix="convert it to UTF-8, e.g. iconv -f WINDOWS-1256 -t UTF-8") from None
        arabic, letters = _arabic_share(text)
        if letters == 0 or arabic < letters * 0.5:
            raise InputError(f"the file is not UTF-8 (bad byte at {e.start}) and does not read as Windows-1256 "
                             "Arabic either", file=name, fix="convert it to UTF-8 (iconv -f ENCODING -t UTF-8)")
        return text, "cp1256"


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Article bytes to NFC text and the encoding read: UTF-8 (with or without BOM), else Windows-1256 when
    that reads as Arabic. Raises InputError with the fix for empty, binary, UTF-16 or undecodable files."""
    _refuse_non_text(data, name)
    text, encoding = _as_text(data, name)
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    if any(unicodedata.category(c) == "Cs" for c in text[:1000]):
        raise InputError("the text holds broken characters", file=name, fix="save it again as UTF-8")
    arabic, letters = _arabic_share(text)
    if arabic < 20 or arabic < letters * 0.2:
        raise InputError(f"the text is not Arabic ({arabic} Arabic letters of {letters})", file=name,
                         fix="extract reads Arabic news articles; give the Arabic original")
    return text, encoding


def read_article(path: Path) -> tuple[str, str]:
    """Read and decode an article file (see decode): its NFC text and encoding."""
    path = Path(path)
    if not path.is_file():
        raise InputError("article not found" if not path.exists() else "not a file", file=str(path),
                         fix="give the path of a .txt article (or a folder with 'extract DIR')")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", file=str(path)) from None
    return decode(data, str(path))


def resolve_outlet(name: str | None, actors: Mapping[str, dict]) -> str:
    """The outlet's actor id: an id of the actors registry (seeds/actors.yaml, by id), or an outlet named by
    its English or Arabic name; else the unnamed outlet."""
    if not name:
        return UNNAMED_OUTLET
    if name in actors:
        return name
    for a in actors.values():
        if a["class"] not in OUTLET_CLASSES:
            continue
        names = [a["en"], a["ar"], *(a.get("variants") or [])]
        if any(fold(n) == fold(name) or n.lower() == name.lower() for n in names):
            return a["id"]
    return UNNAMED_OUTLET


def article_meta(aid: str, outlet: str, outlet_name: str | None, published: str | None) -> dict:
    """Article metadata as in seeds/articles/*.meta.yaml. Without a publication date, the date is this year,
    marked estimated, between 1900 and today."""
    meta: dict = {"id": aid, "language": "ar", "outlet": {"actor": outlet}}
    if outlet_name and outlet == UNNAMED_OUTLET:
        meta["outlet"]["basis"] = f"given on the command line as '{outlet_name}', not an outlet of seeds/actors.yaml"
    if published:
        p = kgdates.parse(published)
        meta["published"] = {"date": p.label, "precision": p.precision, "estimated": False}
    else:
        today = dt.date.today()
        meta["published"] = {"date": str(today.year), "precision": "year", "estimated": True,
                             "earliest": "1900-01-01", "latest": today.isoformat()}
    return meta
