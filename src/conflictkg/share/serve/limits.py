"""The request limits both servers apply (the SPARQL endpoint and the web view): body size, the
Content-Length header, and how long a client may take to send its request."""
from __future__ import annotations

import re

MAX_BODY = 16 * 1024 * 1024  # bytes of request body: a query or (with --writable) an update
READ_TIMEOUT = 30.0  # seconds a connection may stay silent while sending a request, or idle between requests
_DIGITS = re.compile(r"[0-9]{1,20}")


class BadRequest(Exception):
    """A request refused before its body is read, with the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def body_length(headers) -> int | None:
    """The byte count of the request's body from its headers (an email.message.Message, as http.server
    gives), or None when it sends none. A length that is not plain digits (-1, +5, 1_000, 0x10), given twice,
    or over MAX_BODY is refused at once, before a byte of the body is read."""
    if headers.get_all("Transfer-Encoding"):
        raise BadRequest(411, "send the request body with a Content-Length, not in chunks (Transfer-Encoding)")
    values = headers.get_all("Content-Length") or []
    if not values:
        return None
    if len(values) > 1:
        raise BadRequest(400, "the request has more than one Content-Length")
    value = values[0].strip(" \t")
    if not _DIGITS.fullmatch(value):
        raise BadRequest(400, f"invalid Content-Length {value[:40]!r}: it must be a byte count, 0 or more")
    length = int(value)
    if length > MAX_BODY:
        raise BadRequest(413, f"request body over {MAX_BODY} bytes")
    return length
