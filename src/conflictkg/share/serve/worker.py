"""One query worker of `conflictkg serve`: runs SPARQL on the store with pyoxigraph, one request at a time.

Started by the endpoint's pool (pool.py) as `python -m conflictkg.share.serve.worker LOCATION MAX_ROWS
[--writable]`. It reads requests from stdin and writes answers to stdout, each a frame: two big-endian
uint32 lengths, a JSON header, a body. The front kills this process when a query runs past the timeout:
pyoxigraph cannot cancel a query, and a process is the unit the operating system can stop for certain.
A request {"op": "open", "location": …} moves a read-only worker to another generation of the store; a
writable worker (one per update, on a private working copy) flushes and closes its copy when stdin ends.

Imports only pyoxigraph and the standard library, so that a replacement starts in a fraction of a second.
"""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import struct
import sys
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from conflictkg.core import controls

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# media types offered, the first of each list being the default
SOLUTION_TYPES = ["application/sparql-results+json", "application/json", "application/sparql-results+xml",
                  "application/xml", "text/csv", "text/tab-separated-values"]
GRAPH_TYPES = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/n-quads",
               "application/ld+json"]


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


# ------------------------------------------------------------------ framing (shared with serve.py)
def pack(header: dict, body: bytes = b"") -> bytes:
    head = json.dumps(header).encode("utf-8")
    return struct.pack("!II", len(head), len(body)) + head + body


def _read_exact(stream, n: int) -> bytes:
    data = stream.read(n)
    if data is None or len(data) < n:
        raise EOFError
    return data


def read_frame(stream) -> tuple[dict, bytes]:
    hlen, blen = struct.unpack("!II", _read_exact(stream, 8))
    return json.loads(_read_exact(stream, hlen)), _read_exact(stream, blen)


# ------------------------------------------------------------------ content negotiation
def negotiate(accept: str, offered: list[str]) -> str | None:
    """The offered media type the Accept header prefers (q-values, type/* and */*); None if none fits."""
    if not accept.strip():
        return offered[0]
    best, best_q = None, 0.0
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if media == "*/*":
            match = offered[0]
        elif media.endswith("/*"):
            match = next((o for o in offered if o.startswith(media[:-1])), None)
        else:
            match = media if media in offered else None
        # on equal q, the client's order wins, then ours
        if match and q > best_q:
            best, best_q = match, q
    return best


# ------------------------------------------------------------------ result writers
def _json_term(t):
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                        "object": _json_term(t.object)}}


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return (f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}</predicate>"
            f"<object>{_xml_term(t.object)}</object></triple>")


def _csv_term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else str(t)


def write_solutions(names: list[str], rows: list, media: str) -> bytes:
    if media.endswith("json"):
        bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if media.endswith("xml"):
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f"<variable name={quoteattr(n)}/>" for n in names]
        out.append("</head><results>")
        for row in rows:
            out.append("<result>" + "".join(f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                                            for n, t in zip(names, row) if t is not None) + "</result>")
        out.append("</results></sparql>\n")
        return controls.for_xml_bytes("".join(out).encode("utf-8"))  # a NUL or ESC in a literal: its picture
    if media == "text/csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        w.writerows([_csv_term(t) for t in row] for row in rows)
        return buf.getvalue().encode("utf-8")
    # TSV: terms in N-Triples form; a tab inside a literal is written as \t
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join("" if t is None else str(t).replace("\t", "\\t") for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_boolean(value: bool, media: str) -> bytes:
    if media.endswith("json"):
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if media.endswith("xml"):
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode("utf-8")
    return ("true\n" if value else "false\n").encode("utf-8") if media == "text/csv" else \
        f"?_askResult\n{'true' if value else 'false'}\n".encode("utf-8")


# ------------------------------------------------------------------ evaluation
def _graphs(iris: list[str]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(i) for i in iris]
    except ValueError as e:
        raise Refused(400, f"bad graph IRI: {e}") from None


def run_query(store: ox.Store, req: dict, text: str, max_rows: int) -> tuple[int, str, bytes]:
    kwargs = {"use_default_graph_as_union": True}
    if req.get("default_graph"):  # SPARQL Protocol default-graph-uri / named-graph-uri replace the union
        kwargs = {"default_graph": _graphs(req["default_graph"])}
    if req.get("named_graphs"):
        kwargs["named_graphs"] = _graphs(req["named_graphs"])
    result = store.query(text, **kwargs)
    accept = req.get("accept", "")
    if isinstance(result, ox.QueryBoolean):
        media = _pick(accept, SOLUTION_TYPES)
        return 200, media, write_boolean(bool(result), media)
    if isinstance(result, ox.QuerySolutions):
        media = _pick(accept, SOLUTION_TYPES)
        names = [v.value for v in result.variables]
        rows = []
        for row in result:  # stop at the first row past the limit: the rest is never computed
            if len(rows) == max_rows:
                raise Refused(422, f"the query gives more than {max_rows} rows, the server's limit (--max-rows): "
                                   "add LIMIT/OFFSET to page through the results, or aggregate")
            rows.append(list(row))
        return 200, media, write_solutions(names, rows, media)
    media = _pick(accept, GRAPH_TYPES)
    triples = []
    for t in result:
        if len(triples) == max_rows:
            raise Refused(422, f"the query gives more than {max_rows} triples, the server's limit (--max-rows): "
                               "add LIMIT to the query")
        triples.append(t)
    body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(media))
    return 200, media, controls.for_xml_bytes(body) if media.endswith("xml") else body


def _pick(accept: str, offered: list[str]) -> str:
    media = negotiate(accept, offered)
    if media is None:
        raise Refused(406, f"cannot answer in {accept}; this result can be given as: {', '.join(offered)}")
    return media


def handle(store: ox.Store, req: dict, body: bytes, max_rows: int, writable: bool) -> tuple[dict, bytes]:
    text = body.decode("utf-8")
    try:
        if req["op"] == "update":
            if not writable:
                raise Refused(403, "this endpoint is read-only: start it with --writable to allow updates")
            store.update(text)
            store.flush()
            return {"status": 204, "ctype": "text/plain"}, b""
        status, media, out = run_query(store, req, text, max_rows)
        ctype = media + ("; charset=utf-8" if media.startswith("text/") else "")
        return {"status": status, "ctype": ctype}, out
    except Refused as e:
        return {"status": e.status, "ctype": "text/plain; charset=utf-8"}, f"{e}\n".encode("utf-8")
    except SyntaxError as e:
        return {"status": 400, "ctype": "text/plain; charset=utf-8"}, f"SPARQL syntax error: {e}\n".encode("utf-8")
    except (ValueError, TypeError, OSError, RuntimeError) as e:
        return {"status": 500, "ctype": "text/plain; charset=utf-8"}, f"query evaluation failed: {e}\n".encode("utf-8")


def _die_with_parent() -> None:
    """Linux: be killed when the front process dies, even mid-query, so that no worker is ever left over."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _reopen(store: ox.Store, location: str) -> tuple[ox.Store, dict]:
    """The generation at `location` opened read-only (the old one is closed), or the old one on failure."""
    try:
        return ox.Store.read_only(location), {"ready": True}
    except OSError as e:
        return store, {"ready": False, "error": str(e)}


def main() -> None:
    location, max_rows, writable = sys.argv[1], int(sys.argv[2]), "--writable" in sys.argv[3:]
    parent = os.getppid()
    _die_with_parent()
    if os.getppid() != parent:
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the front decides
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    try:
        store = ox.Store(location) if writable else ox.Store.read_only(location)
    except OSError as e:
        stdout.write(pack({"ready": False, "error": str(e)}))
        stdout.flush()
        return
    stdout.write(pack({"ready": True}))
    stdout.flush()
    while True:
        try:
            req, body = read_frame(stdin)
        except EOFError:
            return
        if req.get("op") == "open":
            store, header = _reopen(store, req["location"])
            stdout.write(pack(header))
            stdout.flush()
            continue
        try:
            header, out = handle(store, req, body, max_rows, writable)
        except BaseException as e:  # a Rust panic surfaces as pyo3's PanicException: answer, then leave
            header, out = {"status": 500, "ctype": "text/plain; charset=utf-8", "exit": True}, \
                f"the query engine failed: {type(e).__name__}: {e}\n".encode("utf-8")
        stdout.write(pack(header, out))
        stdout.flush()
        if header.get("exit"):
            return


if __name__ == "__main__":
    main()
