"""The named query library (queries/*.rq) and running a query on the store or on a SPARQL endpoint."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from conflictkg.core.errors import ConflictKGError, InputError
from conflictkg.core.resources import QUERIES_DIR

from . import first, paging, summary
from .generations import Store
from .paging import DEFAULT_LIMIT, paged
from .params import expand, resolve


class QueryError(ConflictKGError):
    """Unknown query, bad parameter, or an endpoint that failed (exit code 2)."""


@dataclass
class NamedQuery:
    name: str
    path: Path
    title: str
    description: str
    params: dict[str, str] = field(default_factory=dict)  # name -> default ("" when required)
    text: str = ""
    block: tuple[int, int] | None = None  # where the parameters' VALUES block is in `text`
    cells: dict[str, str] = field(default_factory=dict)  # name -> its default as written there ("UNDEF", …)
    help: dict[str, str] = field(default_factory=dict)   # name -> what the header says of it

    def takes_iri(self, name: str) -> bool:
        """Whether a parameter takes an IRI: its default is one, or the header says it may be one."""
        cell = self.cells.get(name, "")
        return cell.startswith("<") or expand(cell) is not None or "IRI" in self.help.get(name, "")

    def columns(self) -> list[str]:
        """The columns a SELECT query returns, in order (read with rdflib's SPARQL parser); [] for another
        form or a text rdflib cannot read."""
        from rdflib.plugins.sparql import prepareQuery

        try:
            algebra = prepareQuery(self.text).algebra
        except Exception:  # noqa: BLE001 - any parser error: the columns are unknown, the query may still run
            return []
        return [str(v) for v in algebra.get("PV", [])] if algebra.name == "SelectQuery" else []


@dataclass
class Result:
    columns: list[str]
    rows: list[dict[str, str | None]]
    more: bool = False  # a page of the rows, and more follow it (run with a limit)
    offset: int = 0  # the rows start at this one of the query's order


_PARAM = re.compile(r"^\s*([A-Za-z_][\w-]*):\s*(.*?)(?:\(default:\s*(.*?)\))?\s*$")


def parse(path: Path) -> NamedQuery:
    """Read a query file and its header: `# title:`, `# description:` and `# parameters:` lines."""
    text = Path(path).read_text(encoding="utf-8")
    header, key, fields = [], None, {"title": "", "description": "", "parameters": ""}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line[1:])
    params: dict[str, str] = {}
    helps: dict[str, str] = {}
    for line in header:
        m = re.match(r"^\s?(title|description|parameters):\s*(.*)$", line)
        if m:
            key = m[1]
            fields[key] = m[2].strip()
        elif key == "parameters":
            p = _PARAM.match(line)
            if p:
                params[p[1]] = (p[3] or "").strip()
                helps[p[1]] = p[2].strip()
        elif key:
            fields[key] += " " + line.strip()
    q = NamedQuery(Path(path).stem, Path(path), fields["title"] or Path(path).stem,
                   fields["description"].strip(), params, text, help=helps)
    if params:
        _read_block(q)
    return q


# Skipped as a whole when looking for keywords and braces: IRIs, strings (long ones first) and comments
_IRIREF = r"""<[^<>"{}|^`\\\x00-\x20]*>"""
_STRING = (r'''"""(?:[^"\\]|\\.|"(?!""))*"""|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}'''
           r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*\'''')
_SKIP = re.compile(rf"{_IRIREF}|{_STRING}|#[^\n]*", re.S)


def _blank(sparql: str, *, literals: bool) -> str:
    """The text with its comments (and with `literals`, its IRIs and strings) blanked out, lines kept."""
    def one(m: re.Match) -> str:
        s = m[0]
        if s[0] == "#":
            return " " * len(s)
        return re.sub(r"[^\n]", "_", s) if literals else s
    return _SKIP.sub(one, sparql)


_FORM = re.compile(r"(?<![\w:?$-])(SELECT|CONSTRUCT|ASK|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)"
                   r"(?![\w:-])", re.IGNORECASE)


def form(sparql: str) -> str | None:
    """The query form (SELECT, CONSTRUCT, ASK, DESCRIBE) or update operation, read from the text outside its
    comments, strings and IRIs; None if there is none."""
    m = _FORM.search(_blank(sparql, literals=True))
    return m[1].upper() if m else None


_VALUES = re.compile(r"(?<![\w:?$-])VALUES\s*(?:\(([^(){}]*)\)|[?$]([A-Za-z_]\w*))\s*\{", re.IGNORECASE)
_CELL = re.compile(rf"""\s*(?:[()]|UNDEF(?![\w:-])|{_IRIREF}|(?:{_STRING})(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*"""
                   r"""|\^\^(?:<[^<>\s]*>|[^\s()]+))?|[^\s()]+)""")
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _read_block(q: NamedQuery) -> None:
    """Find the VALUES block whose variables are exactly the parameters: its one row gives their defaults
    (UNDEF: a parameter the CLI requires), and bind() replaces it. Without one, bind() adds a block."""
    code, masked = _blank(q.text, literals=False), _blank(q.text, literals=True)
    for m in _VALUES.finditer(masked):
        names = [n.lstrip("?$") for n in m[1].split()] if m[2] is None else [m[2]]
        if sorted(names) != sorted(q.params):
            continue
        end = masked.find("}", m.end())
        line = q.text.count("\n", 0, m.start()) + 1
        cells = _cells(code[m.end():end], len(names), q, line) if end > 0 else None
        if cells is None:
            raise QueryError("the parameters' VALUES block must have one row with one value per parameter",
                             file=str(q.path), line=line, fix="write VALUES (?a ?b) { (DEFAULT_A DEFAULT_B) }, "
                             "with UNDEF for a parameter without a default")
        for name, cell in zip(names, cells):
            shown = _shown(cell)
            if q.params[name] and q.params[name] != shown:
                raise QueryError(f"parameter {name} has the default '{q.params[name]}' in the header but "
                                 f"{cell} in the VALUES block", file=str(q.path), line=line,
                                 fix="keep the default in the VALUES block only")
            q.params[name], q.cells[name] = shown, cell
        q.block = (m.start(), end + 1)
        return


def _cells(data: str, width: int, q: NamedQuery, line: int) -> list[str] | None:
    """The one row of a VALUES block's data as written, or None if it is not one row of `width` values."""
    tokens, pos = [], 0
    while data[pos:].strip():
        t = _CELL.match(data, pos)
        if t is None:
            raise QueryError(f"cannot read the parameters' VALUES block near '{data[pos:pos + 30].strip()}'",
                             file=str(q.path), line=line)
        tokens.append(t[0].strip())
        pos = t.end()
    if width == 1 and len(tokens) == 1 and tokens[0] not in "()":
        return tokens
    if len(tokens) == width + 2 and tokens[0] == "(" and tokens[-1] == ")" and \
            not {"(", ")"} & set(tokens[1:-1]):
        return tokens[1:-1]
    return None


def _shown(cell: str) -> str:
    """A default as a user gives it with --param: "" for UNDEF, an IRI bare, a plain string unquoted."""
    if cell == "UNDEF":
        return ""
    if cell.startswith("<") and cell.endswith(">"):
        return cell[1:-1]
    if len(cell) > 1 and cell[0] in "\"'" and cell[-1] == cell[0]:
        inner = cell[3:-3] if cell[:3] in ('"""', "'''") and len(cell) >= 6 else cell[1:-1]
        return re.sub(r"\\(.)", lambda e: _ESCAPES.get(e[1], e[0]), inner)
    return cell


def library(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """The named queries a user runs by name: the .rq files directly in `directory`."""
    return {p.stem: parse(p) for p in sorted(directory.glob("*.rq"))}


@lru_cache(maxsize=None)
def text(name: str) -> str:
    """The SPARQL of a packaged query by its path under queries/ without .rq: "export/events", "stats-totals".
    The one reader of .rq files for the library's own queries (exports, analysis, web, import, quality)."""
    path = QUERIES_DIR / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"no packaged query '{name}'", file=str(path))
    return path.read_text(encoding="utf-8")


def folder(name: str) -> list[str]:
    """The names of the packaged queries in one folder of queries/ ("quality"), sorted."""
    return [f"{name}/{p.stem}" for p in sorted((QUERIES_DIR / name).glob("*.rq"))]


def rows(store: Store, name: str) -> list[dict[str, str | None]]:
    """The rows of a packaged query run on the store, values as strings (see Store.select); from the answers
    kept for the live generation when they hold this query (see summary.py)."""
    kept = summary.read(store.current(), text(name))
    return kept[1] if kept is not None else store.select(text(name))[1]


def kept(lib: dict[str, NamedQuery] | None = None) -> list[tuple[str, dict[str, str]]]:
    """(name, parameters) of every answer a writer keeps (summary.py): each named query (of `lib`, the
    library read here when None) with its defaults, and the parameter sets of summary.EXTRA."""
    return [(name, given) for name in (library() if lib is None else lib)
            for given in ({}, *summary.EXTRA.get(name, ()))]


@lru_cache(maxsize=1)  # the packaged files do not change while the process runs; a query miss asks for these
def kept_texts() -> tuple[tuple[str, str], ...]:
    """(name, SPARQL) of every answer kept (summary.py), the parameters bound as `conflictkg query NAME --param …`
    binds them."""
    lib = library()
    return tuple((name, bind(lib[name], given)) for name, given in kept(lib))


def find(name_or_file: str) -> NamedQuery:
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.exists():
        return parse(path)
    if re.fullmatch(r"[\w-]+", name_or_file) and (QUERIES_DIR / f"{name_or_file}.rq").is_file():
        return parse(QUERIES_DIR / f"{name_or_file}.rq")  # the one file of the library, not all of them
    lib = library()
    if name_or_file not in lib:
        raise QueryError(f"unknown query '{name_or_file}'",
                         fix=f"run 'conflictkg queries' for the list, or give a .rq file: {', '.join(lib)}")
    return lib[name_or_file]


_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


def term(value: str):
    """A parameter as an RDF term: an IRI for an absolute http(s) IRI (bare or in <>) or a prefixed or short
    one (see expand), a typed number, else a plain string. Serialised by rdflib, so quotes and braces in a
    value stay inside the literal."""
    bare = value[1:-1] if value.startswith("<") and value.endswith(">") else value
    full = expand(value)
    if full is not None and _IRI.fullmatch(full):
        return URIRef(full)
    if bare is not value:
        raise QueryError(f"'{value}' is not a valid IRI")
    if re.fullmatch(r"-?\d+", value):
        return Literal(value, datatype=XSD.integer)
    if re.fullmatch(r"-?\d+\.\d*", value):
        return Literal(value, datatype=XSD.decimal)
    return Literal(value)


def bind(q: NamedQuery, given: dict[str, str]) -> str:
    """The query text with its parameters bound: the file's parameters' VALUES block replaced by one with the
    given values (a default stays as written there), or in a file without one, a VALUES block added at the top
    of the first WHERE."""
    unknown = set(given) - set(q.params)
    if unknown:
        raise QueryError(f"query '{q.name}' has no parameter(s) {', '.join(sorted(unknown))}",
                         fix=f"its parameters are: {', '.join(q.params) or 'none'}")
    values = {k: given.get(k, q.params[k]) for k in q.params}
    missing = [k for k, v in values.items() if v == ""]
    if missing:
        raise QueryError(f"query '{q.name}' needs parameter(s) {', '.join(missing)}",
                         fix=" ".join(f"--param {k}=VALUE" for k in missing))
    if not values:
        return q.text
    if q.block is not None:
        cells = {k: term(given[k]).n3() if k in given else q.cells[k] for k in q.cells}
        block = f"VALUES ({' '.join(f'?{k}' for k in cells)}) {{ ({' '.join(cells.values())}) }}"
        return q.text[:q.block[0]] + block + q.text[q.block[1]:]
    m = re.search(r"\bWHERE\s*\{", q.text, flags=re.IGNORECASE)
    if not m:
        raise QueryError(f"query '{q.name}' has parameters but no WHERE clause to bind them in")
    names = " ".join(f"?{k}" for k in values)
    terms = " ".join(term(v).n3() for v in values.values())
    return f"{q.text[:m.end()]}\n  VALUES ({names}) {{ ({terms}) }}{q.text[m.end():]}"


def from_json(data: dict) -> Result:
    """SPARQL 1.1 JSON results (a SELECT's bindings or an ASK's boolean) as a Result of strings."""
    if "boolean" in data:
        return Result(["boolean"], [{"boolean": str(data["boolean"]).lower()}])
    cols = data["head"]["vars"]
    return Result(cols, [{c: (b[c]["value"] if c in b else None) for c in cols} for b in data["results"]["bindings"]])


def run_local(sparql: str, store: Store) -> Result:
    try:
        return Result(*store.select(sparql))
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {e}") from None


def run(name_or_file: str, params: dict[str, str] | None = None, *, store: Store | None = None,
        endpoint: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0, **remote) -> Result:
    """Run a named query (or a .rq file) with parameters, on the store or on `endpoint`. Short IRIs and
    slugs among the parameters are looked up there first (see resolve). A SELECT gives a page: `limit` rows
    (None: every row) from `offset` in the query's order; Result.more says if more follow. On the store, the
    page is read from the answers kept for the live generation when they hold this very text (summary.py). A
    listing's joined values are given sorted (paging.JOINED)."""
    check_page(limit, offset)
    q = find(name_or_file)
    if endpoint:
        from .remote import run_remote  # which reads Result and QueryError from here

        def answer(sparql: str) -> Result:
            return run_remote(sparql, endpoint, **remote)
    elif store is None:
        raise InputError("no store given")
    else:
        def answer(sparql: str) -> Result:
            return run_local(sparql, store)
    # a parameter given as its default binds the text the file has, which may be kept
    given = {k: v for k, v in (params or {}).items() if v != q.params.get(k)}
    sparql = bind(q, resolve(q, given, lambda text_: answer(text_).rows))
    kept = None if endpoint else summary.read(store.current(), sparql, limit, offset)
    if kept is None and not endpoint and sparql in {t for _, t in kept_texts()}:
        kept = first.answer(store, q.name, sparql, limit, offset, text)  # the first ask on this generation
    own = q.path.resolve() == (QUERIES_DIR / f"{q.name}.rq").resolve()  # a listing's joined values sorted
    if kept is not None:
        columns, rows_, count = kept
        return Result(columns, paging.ordered(q.name, rows_) if own else rows_, offset + len(rows_) < count, offset)
    result = page(answer, sparql, limit, offset)
    result.rows = paging.ordered(q.name, result.rows) if own else result.rows
    return result


def check_page(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 1 or offset < 0:
        raise QueryError(f"no page of {limit} row(s) from row {offset}", fix="give --limit 1 or more and "
                         "--offset 0 or more, or --all for every row")


def page(answer, sparql: str, limit: int | None, offset: int) -> Result:
    """`answer(text)` run on the page of `sparql` from `offset` (see paging.paged), cut to `limit` rows."""
    check_page(limit, offset)
    blanked = _blank(sparql, literals=True)
    text_, on = paged(sparql, blanked, limit, offset) if form(sparql) == "SELECT" else (sparql, False)
    if not on and offset:
        raise QueryError("this query sets its own LIMIT or OFFSET (or is no SELECT): it cannot be paged",
                         fix="run it without --offset, or change its LIMIT and OFFSET in the file")
    result = answer(text_)
    if on and limit is not None and len(result.rows) > limit:
        result.rows, result.more = result.rows[:limit], True
    result.offset = offset
    return result


def parse_params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryError(f"parameter '{pair}' is not key=value", fix="write --param km=50")
        k, v = pair.split("=", 1)
        out[k.strip()] = v
    return out
