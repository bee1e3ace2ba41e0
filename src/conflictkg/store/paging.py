"""Pages of a query's rows: the library asks for one row more than the page, so it knows whether more follow.

The query files stay as they are (any SPARQL client runs them whole); `LIMIT` and `OFFSET` are added to the
text sent to the engine. A page is a slice of the query's own `ORDER BY`, which names a key that is unique
per row, so pages neither overlap nor skip rows (tests/store/test_paging.py checks it for every listing).
"""
from __future__ import annotations

import re
from typing import Callable

DEFAULT_LIMIT = 100
# listings with a page text, queries/page/NAME.rq: their first pages without sorting every row
PAGED = ("timeline", "arrests", "control-changes", "deals")
# the columns of a listing that join several values with "; " (GROUP_CONCAT), whose order the engine does not
# fix: they are given with their values sorted, so that a page text's rows and the whole listing's are equal
JOINED = {
    "arrests": ("arrested_by", "arrested", "places"),
    "control-changes": ("places", "took_or_left", "from_or_to_side"),
    "deals": ("places", "from_place", "to_place", "parties", "approvers", "mediators", "terms"),
}
SEPARATOR = "; "
NEAR = 1000  # a page ending within this many rows of the start is read from the page text

# a LIMIT or OFFSET written at the end of a query, after its last closing brace
_OWN = re.compile(r"\}[^{}]*\b(LIMIT|OFFSET)\s+\d+[^{}]*$", re.IGNORECASE)


def own_limit(blanked: str) -> bool:
    """Whether a query (its text with comments, strings and IRIs blanked) sets its own LIMIT or OFFSET."""
    return _OWN.search(blanked) is not None


def paged(sparql: str, blanked: str, limit: int | None, offset: int) -> tuple[str, bool]:
    """The query text asking for rows offset … offset+limit (and one more, to tell whether more follow), and
    whether it was paged. A query with its own LIMIT or OFFSET runs as written; so does `limit` None from
    offset 0 (every row)."""
    if own_limit(blanked) or (limit is None and offset == 0):
        return sparql, False
    # on lines of their own: a comment on the query's last line would swallow them
    tail = (f"\nLIMIT {limit + 1}" if limit is not None else "") + (f"\nOFFSET {offset}" if offset else "")
    return sparql.rstrip() + tail + "\n", True


def sorted_values(cell: str | None) -> str | None:
    """A joined cell with its values in code point order ("b; a" -> "a; b"). A value that itself holds the
    separator cannot be told apart from two (GROUP_CONCAT's output is ambiguous there already)."""
    return cell if not cell else SEPARATOR.join(sorted(cell.split(SEPARATOR)))


def ordered(name: str, rows: list[dict]) -> list[dict]:
    """A listing's rows with the values of its joined columns (JOINED) sorted; other rows as they are."""
    joined = [c for c in JOINED.get(name, ()) if rows and c in rows[0]]
    if not joined:
        return rows
    return [{**r, **{c: sorted_values(r[c]) for c in joined}} for r in rows]


def near_start(limit: int, offset: int) -> bool:
    return offset + limit <= NEAR


def first_rows(select: Callable, page_text: str, limit: int, offset: int) -> tuple[list[str], list[dict]] | None:
    """The first rows of a listing, at least offset + limit + 1 of them (or all), from its page text, or None.

    An engine sorts every row of a listing before it can cut a page (seconds to minutes at 100,000 events),
    and orders IRIs by reading their text back. A page text (queries/page/NAME.rq) gives the same rows in the
    same order as the listing, but only those whose first sort key is at most a cut: the DEPTH-th smallest
    value of that key in the store (a date, which the engine orders without reading text), found by
    `ORDER BY key OFFSET DEPTH LIMIT 1`; the rest of a row is looked up for those few. Those rows are the
    start of the listing's rows (every row with a key up to the cut comes before every row past it), so
    when there are more of them than the page ends with, the page and whether more follow are exact. With
    fewer (the store has fewer keys than DEPTH, or fewer rows than keys at the start) the answer is None,
    and the caller runs the listing whole; unless the store has at most DEPTH keys (the cut alone, asked by
    itself, finds none): then the cut is the greatest key, and the page text gives every row of the listing."""
    want = offset + limit + 1
    for depth in (want, 4 * want):  # a few keys may be those of rows the listing leaves out
        columns, rows = page_rows(select, page_text, depth)
        if len(rows) >= want:
            return columns, rows
    if select(cut_query(page_text, 4 * want))[1]:
        return None
    return page_rows(select, page_text, None)


def page_rows(select: Callable, page_text: str, depth: int | None) -> tuple[list[str], list[dict]]:
    """A page text's rows at `depth` (None: the cut at the greatest key, every row): those with no key first,
    from the text with its keyed line replaced by its `# undated:` pattern, when it has one."""
    if depth is None:
        cut = _CUT.search(page_text)
        text_ = page_text.replace(cut[0], "{ " + cut[1].replace("ORDER BY ?cut", "ORDER BY DESC(?cut)") + " LIMIT 1 }")
    else:
        text_ = re.sub(r"\bDEPTH\b", str(depth), page_text)
    columns, rows = select(text_)
    undated = undated_text(select, page_text)
    return columns, (select(undated)[1] if undated else []) + rows


def undated_text(select: Callable, page_text: str) -> str | None:
    """The query of a page text's rows with no key (an unbound key sorts first), None when there are none: the
    items its `# undated:` header line's pattern finds (a small query), given by VALUES in place of its cut
    and its line marked `# keyed` (so that the engine looks their fields up one by one)."""
    undated = re.search(r"^# undated: (\?\w+) (.+)$", page_text, re.M)
    if undated is None:
        return None
    prefixes = "\n".join(re.findall(r"^PREFIX [^\n]*", page_text, re.M))
    found = select(f"{prefixes}\nSELECT DISTINCT {undated[1]} WHERE {{ {undated[1]} {undated[2]} }}")[1]
    if not found:
        return None
    values = " ".join(f"<{r[undated[1][1:]]}>" for r in found)
    text_, n = _KEYED.subn(lambda _: f"  VALUES {undated[1]} {{ {values} }}\n", page_text, count=1)
    if n != 1:  # else the dated rows would be given twice
        raise ValueError("a page text with an '# undated:' line needs its cut followed by a line marked '# keyed'")
    return text_


# a page text's cut: the one sub-select `{ SELECT ?cut WHERE { … } ORDER BY ?cut OFFSET DEPTH LIMIT 1 }`
_CUT = re.compile(r"\{\s*(SELECT \?cut WHERE .*?ORDER BY \?cut) OFFSET DEPTH LIMIT 1\s*\}", re.S)
_KEYED = re.compile(r"^[ \t]*\{\s*SELECT \?cut WHERE .*?OFFSET DEPTH LIMIT 1\s*\}\s*\n[^\n]*# keyed\n", re.S | re.M)


def cut_query(page_text: str, depth: int) -> str:
    """A query of a page text's cut alone at `depth`: one row, ?cut, or none when there are at most `depth`
    keys."""
    prefixes = "\n".join(re.findall(r"^PREFIX [^\n]*", page_text, re.M))
    return f"{prefixes}\n{_CUT.search(page_text)[1]} OFFSET {depth} LIMIT 1\n"
