"""Limits checked on a user's RDF file before a parser sees it, so that a small hostile file cannot take
minutes, gigabytes or a network request: no XML entity declarations (a 1 KB "billion laughs" expands to
gigabytes), lists and nesting of bounded size (rdflib holds every list member as Python objects: a
2M-member list took 8.8 GB), and no JSON-LD @context that is not in the file itself (a URL or file:// one
would be fetched). Each refusal names the file, the line where there is one, the limit and the fix."""
from __future__ import annotations

import json
import re
from pathlib import Path
from xml.parsers import expat

from .errors import InputError

MAX_LIST = 10_000          # members of one RDF list: ( … ) in Turtle, @list in JSON-LD, parseType="Collection"
MAX_LIST_TOTAL = 100_000   # members of all lists of one file
MAX_DEPTH = 100            # nesting of ( ) and [ ], of XML elements, of JSON objects and arrays

_TURTLE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n\r]*|[()\[\]]'
                     r'|[^\s()\[\]"\'<#]+', re.S)


def check(path: Path, fmt: str) -> None:
    """Refuse the file (InputError) if it passes a limit for its format (rdflib's format names)."""
    if fmt in ("turtle", "n3", "trig"):
        _turtle(path)
    elif fmt == "xml":
        _rdfxml(path)
    elif fmt == "json-ld":
        _jsonld(path)


def _refuse(path: Path, what: str, fix: str, line: int | None = None):
    raise InputError(f"refused: {what}", file=str(path), line=line, fix=fix)


class _Lists:
    """Counting list members and nesting, for the three formats."""

    def __init__(self, path: Path):
        self.path, self.total = path, 0

    def size(self, count: int, line=lambda: None) -> None:
        """A list has `count` members so far; `line()` gives the line, asked only for an error."""
        if count > MAX_LIST:
            _refuse(self.path, f"an RDF list of more than {MAX_LIST:,} members (the limit)",
                    "split the list, or state its members as separate triples", line())

    def add(self, count: int = 1, line=lambda: None) -> None:
        """`count` more list members in the file."""
        self.total += count
        if self.total > MAX_LIST_TOTAL:
            _refuse(self.path, f"more than {MAX_LIST_TOTAL:,} list members in the file (the limit)",
                    "split the file, or state the members as separate triples", line())

    def depth(self, depth: int, line=lambda: None) -> None:
        if depth > MAX_DEPTH:
            _refuse(self.path, f"nested more than {MAX_DEPTH} levels deep (the limit)",
                    "flatten the data: give the nested nodes names (IRIs) of their own", line())


def _turtle(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    lists = _Lists(path)
    stack: list[list] = []  # per open ( or [: [kind, members]
    skip_next = False
    line = lambda: text.count("\n", 0, m.start()) + 1  # noqa: E731  (the current token's, asked only for an error)
    for m in _TURTLE.finditer(text):
        tok = m[0]
        if tok[0] == "#":
            continue
        if tok in (")", "]"):
            if stack:
                stack.pop()
            continue
        if skip_next:  # the datatype IRI after ^^
            skip_next = False
            continue
        if tok.startswith(("^^", "@")):  # a literal's datatype or language: part of the member before it
            skip_next = tok == "^^"
            continue
        if stack and stack[-1][0] == "(":
            stack[-1][1] += 1
            lists.size(stack[-1][1], line)
            lists.add(1, line)
        if tok in ("(", "["):
            stack.append([tok, 0])
            lists.depth(len(stack), line)


def _rdfxml(path: Path) -> None:
    lists = _Lists(path)
    p = expat.ParserCreate(namespace_separator=" ")
    stack: list[list] = []  # per open element: [is a Collection, children]
    collection = "http://www.w3.org/1999/02/22-rdf-syntax-ns# parseType"

    def entity(name, is_parameter, value, base, system_id, public_id, notation):
        kind = "parameter entity" if is_parameter else "external entity" if system_id else "entity"
        _refuse(path, f"the XML declares the {kind} '{name}': entity expansion is off (a few hundred bytes of "
                      "nested entities expand to gigabytes)",
                "write the entity's text in place of each reference, or convert the file to Turtle "
                "(e.g. rapper -i rdfxml -o turtle FILE)", p.CurrentLineNumber)

    def start(name, attrs):
        if stack and stack[-1][0]:
            stack[-1][1] += 1
            lists.size(stack[-1][1], lambda: p.CurrentLineNumber)
            lists.add(1, lambda: p.CurrentLineNumber)
        stack.append([attrs.get(collection) == "Collection", 0])
        lists.depth(len(stack), lambda: p.CurrentLineNumber)

    p.EntityDeclHandler = entity
    p.StartElementHandler = start
    p.EndElementHandler = lambda name: stack.pop()
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        with path.open("rb") as fh:
            p.ParseFile(fh)
    except expat.ExpatError as e:
        raise InputError(f"xml syntax error: {expat.ErrorString(e.code)}", file=str(path), line=e.lineno,
                         fix="correct the syntax at that line") from None


def _jsonld(path: Path) -> None:
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except RecursionError:
        _refuse(path, f"JSON nested deeper than can be read (the limit is {MAX_DEPTH} levels)",
                "flatten the data: give the nested nodes @id of their own")
    except (UnicodeDecodeError, ValueError) as e:
        raise InputError(f"json-ld syntax error: {e}", file=str(path), line=getattr(e, "lineno", None),
                         fix="correct the JSON at that line") from None
    lists = _Lists(path)
    todo = [(doc, 1)]
    while todo:
        value, depth = todo.pop()
        lists.depth(depth)
        if isinstance(value, list):
            todo += [(v, depth + 1) for v in value]
            continue
        if not isinstance(value, dict):
            continue
        for key, v in value.items():
            if key == "@context":
                _context(path, v)
            elif isinstance(v, list) and key != "@graph":
                # an @list, or an array of a term whose context makes it one (@container @list): every array
                # but @graph is bounded; only @list members count towards the file's total
                lists.size(len(v))
                lists.add(len(v) if key == "@list" else 0)
            todo.append((v, depth + 1))


def _context(path: Path, ctx) -> None:
    """A @context must be written out in the file: a string (a URL, a file:// IRI or a relative reference)
    or an @import would be fetched while reading it."""
    for c in ctx if isinstance(ctx, list) else [ctx]:
        where = c if isinstance(c, str) else c.get("@import") if isinstance(c, dict) else None
        if isinstance(where, str):
            _refuse(path, f"the JSON-LD @context '{where[:200]}' is not in the file: contexts from the network "
                          "or other files are not fetched while validating",
                    "copy the context's object into the file in place of its address")
