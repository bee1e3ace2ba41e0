"""Control characters: refused in what we import, never written into XML.

XML 1.0 cannot carry the C0 controls other than tab, line feed and carriage return (not even as `&#0;`),
nor U+FFFE and U+FFFF: one NUL or ESC in a literal makes a GraphML, GEXF or SPARQL XML file unreadable. The
importers refuse such values (find, escaped); the XML writers replace any that are already in a store by
the visible symbols of Unicode's Control Pictures block (U+2400 NUL … U+241F), or U+FFFD (for_xml)."""
from __future__ import annotations

import re

_BAD = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"
BAD = re.compile(f"[{_BAD}]")
_BAD_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"}


def _picture(ch: str) -> str:
    return chr(0x2400 + ord(ch)) if ord(ch) < 0x20 else "\ufffd"


def find(text: str) -> re.Match | None:
    """The first character XML cannot carry, or None."""
    return BAD.search(text)


def name(ch: str) -> str:
    """U+001B (ESC)."""
    code = ord(ch)
    return f"U+{code:04X}" + (f" ({NAMES[code]})" if code in NAMES else "")


def escaped(text: str) -> str:
    """The text with its control characters written as \\x1b (Arabic and the rest as they are)."""
    return BAD.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def for_xml(text: str) -> str:
    """The text with each character XML cannot carry replaced by its visible picture (NUL → ␀)."""
    return BAD.sub(lambda m: _picture(m[0]), text) if BAD.search(text) else text


def for_xml_bytes(data: bytes) -> bytes:
    """UTF-8 bytes of XML with the same replacement (in UTF-8 those bytes are always those characters)."""
    if not _BAD_BYTES.search(data):
        return data
    return _BAD_BYTES.sub(lambda m: _picture(m[0].decode("utf-8")).encode("utf-8"), data)
