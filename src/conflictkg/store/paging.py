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
PAGED = ("timeline", "arrests", "control-changes", "deals", "claims-by-source", "events-near")
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
    itself, finds none): then the cut is the greatest key, and the page text gives every row of the listing.
    A page text with a `# groups:` line is read group by group (grouped_rows)."""
    want = offset + limit + 1
    if _GROUPS.search(page_text):
        return grouped_rows(select, page_text, want)
    return keyed_rows(select, page_text, want)


def keyed_rows(select: Callable, page_text: str, want: int) -> tuple[list[str], list[dict]] | None:
    """At least `want` first rows of a page text, or all of them, or None (see first_rows). The depths tried are
    `want` and 4 × `want` (a few keys may be those of rows the listing leaves out), or those of the text's
    `# depths:` line, when a key holds many rows (a place's events). The rows with no key are read once; when a
    depth gives too few rows and the store has no cut at it (at most that many keys), no deeper one is tried:
    the text gives every row with the cut at the greatest key."""
    own = _DEPTHS.search(page_text)
    depths = [int(d) for d in own[1].split()] if own else [want, 4 * want]
    undated, keys = undated_rows(select, page_text), cuts(select, page_text)
    for depth in depths:
        columns, rows = page_rows(select, page_text, depth, undated, keys, want)
        if len(rows) >= want:
            return columns, rows
        if not has_cut(select, page_text, depth, keys):
            return page_rows(select, page_text, None, undated, keys)
    return None


# a page text's groups: the values of the listing's first sort key, in the listing's order, that its LABEL stands for
_GROUPS = re.compile(r"^# groups: (\?\w+) (.+)$", re.M)
_DEPTHS = re.compile(r"^# depths: ([\d ]+)$", re.M)
_ITEMS = re.compile(r"^# items: (\?\w+) (.+)$", re.M)


def grouped_rows(select: Callable, page_text: str, want: int) -> tuple[list[str], list[dict]] | None:
    """At least `want` first rows of a listing whose first sort key is a label that a few items share (a
    reporter's), or all of them, or None (the caller runs the listing whole). The page text's `# groups:` line
    gives the labels, which the engine orders as the listing does; for each in turn, with the label in place
    of LABEL: when its `# items:` line finds at most 4 × `want` items, they are given to the text by VALUES
    and give every row of that label; else the text at depths `want`, 4 × and 16 × `want` (the cut counts the
    keys of every label) gives the start of the label's rows, which must then reach `want`."""
    groups, items = _GROUPS.search(page_text), _ITEMS.search(page_text)
    prefixes = prefixes_of(page_text)
    labels, keys = select(groups_query(page_text))[1], None
    columns, rows = None, []
    for label in (r[groups[1][1:]] for r in labels):
        text_, need = re.sub(r"\bLABEL\b", literal(label), page_text), want - len(rows)
        found = select(f"{prefixes}\nSELECT DISTINCT {items[1]} WHERE {{ {items[1]} {items[2].replace('LABEL', literal(label))} }}"
                       f" LIMIT {4 * need + 1}")[1]
        if len(found) <= 4 * need:
            got = select(given(text_, items[1], [r[items[1][1:]] for r in found]))
        else:
            keys = cuts(select, page_text) if keys is None else keys
            got = next((g for g in (select(with_cut(text_, d * need, keys)) for d in (1, 4, 16))
                        if len(g[1]) >= need), None)
            if got is None:
                return None
        columns, rows = got[0], rows + got[1]
        if len(rows) >= want:
            break
    return (columns, rows) if columns else None


def prefixes_of(sparql: str) -> str:
    """The PREFIX lines of a query text, for a query made from its parts."""
    return "\n".join(re.findall(r"^PREFIX [^\n]*", sparql, re.M))


def groups_query(page_text: str) -> str | None:
    """The query of a page text's groups (its `# groups:` line), in the listing's order; None without one."""
    groups = _GROUPS.search(page_text)
    if groups is None:
        return None
    prefixes = prefixes_of(page_text)
    return f"{prefixes}\nSELECT DISTINCT {groups[1]} WHERE {{ {groups[2]} }} ORDER BY {groups[1]}\n"


def literal(label: str) -> str:
    """An English label as a SPARQL literal."""
    escaped = label.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"@en'


def page_rows(select: Callable, page_text: str, depth: int | None, undated: list[dict] | None = None,
              keys: list[dict] | None = None, want: int | None = None) -> tuple[list[str], list[dict]]:
    """A page text's rows at `depth` (None: the cut at the greatest key, every row): those with no key first
    (`undated`, as undated_rows gives them, or read here); the cut from `keys` (see cuts) when it holds it;
    with a `# then:` line, at least `want` of them when there are (see then_rows)."""
    keys = cuts(select, page_text) if keys is None else keys
    text_ = with_cut(page_text, depth, keys)
    got = then_rows(select, page_text, text_, prefix(keys, depth), want) if want else None
    columns, rows = got or select(given_terms(select, text_))
    return columns, (undated_rows(select, page_text) if undated is None else undated) + rows


# a given page text's next sort key after its cut's: `# then: ?event PATTERN`, the items of each given value
_THEN = re.compile(r"^# then: (\?\w+) (.+)$", re.M)


def then_rows(select: Callable, page_text: str, text_: str, given_: list[dict] | None, want: int
              ) -> tuple[list[str], list[dict]] | None:
    """At least `want` first rows of a page text whose given values (an item and its key, with_cut) each
    hold many items sorted next (a place's events, by IRI: the listing orders by key, then item, then the
    given item): the items of the given values found (the `# then:` pattern), sorted here as the engine
    sorts them (the key's number, then each IRI's text, in code point order), and the first `want`, then
    4 × `want` of them given to the text with their value and key. Their rows are the listing's rows up to the
    last one's order, so the start of its rows; None when they are fewer than `want`, or the text has no
    such line (the caller reads every given value's rows)."""
    then, names = _THEN.search(page_text), _GIVEN_LINE.search(page_text)
    if then is None or names is None or given_ is None or given_[0]["cut_d"] != _DOUBLE:
        return None
    prefixes = prefixes_of(page_text)
    keyed: dict[str, list[dict]] = {}  # a value may have several keys (a place with two points)
    for r in given_:
        keyed.setdefault(r["item_s"], []).append(r)
    places = " ".join(f"<{iri}>" for iri in sorted(keyed))
    found = select(f"{prefixes}\nSELECT DISTINCT {then[1]} {names[1]} (isIRI({then[1]}) AS ?then_i) WHERE {{\n"
                   f"  VALUES {names[1]} {{ {places} }} {then[2]} }}\n")[1]
    item, value = then[1][1:], names[1][1:]
    if any(r["then_i"] != "true" for r in found):
        return None
    order = sorted((float(k["cut_s"]), r[item], r[value], term(k, "cut")) for r in found for k in keyed[r[value]])
    head = re.search(rf"^[ \t]*VALUES \({re.escape(names[1])} {re.escape(names[2])}\) \{{[^\n]*\n", text_, re.M)
    for k in (want, 4 * want):
        if k >= len(order):
            return None
        triples = " ".join(sorted({f"(<{i}> <{v}> {t})" for _, i, v, t in order[:k]}))
        got = select(text_.replace(head[0], f"  VALUES ({then[1]} {names[1]} {names[2]}) {{ {triples} }}\n", 1))
        if len(got[1]) >= want:
            return got
    return None


_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"


def undated_rows(select: Callable, page_text: str) -> list[dict]:
    """A page text's rows with no key (from undated_text; none without an `# undated:` line)."""
    undated = undated_text(select, page_text)
    return select(undated)[1] if undated else []


def given_terms(select: Callable, text_: str) -> str:
    """A page text with a `# given:` line: the values of its variables from its cut to its line marked
    `# keyed` found by themselves, and given to the rest by VALUES in place of those lines; else the text."""
    names = re.search(r"^# given: ([?\w ]+)$", text_, re.M)
    if names is None:
        return text_
    head = _GIVEN.search(text_)
    if head is None:  # given already (with_cut)
        return text_
    prefixes = prefixes_of(text_)
    vars_ = names[1].split()
    parts = " ".join(f"(STR({v}) AS {v}_s) (DATATYPE({v}) AS {v}_d) (LANG({v}) AS {v}_l) (isIRI({v}) AS {v}_i)" for v in vars_)
    found = select(f"{prefixes}\nSELECT DISTINCT {parts} WHERE {{\n{head[0]}}}")[1]
    rows = " ".join("(" + " ".join(term(r, v[1:]) for v in vars_) + ")" for r in found)
    return text_.replace(head[0], f"  VALUES ({' '.join(vars_)}) {{ {rows} }}\n", 1)


def term(row: dict, name: str) -> str:
    """A term in SPARQL from its text, datatype, language and whether it is an IRI (as given_terms reads it)."""
    if row[f"{name}_i"] == "true":
        return f"<{row[f'{name}_s']}>"
    text_ = row[f"{name}_s"].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text_}"@{row[f"{name}_l"]}' if row[f"{name}_l"] else f'"{text_}"^^<{row[f"{name}_d"]}>'


def undated_text(select: Callable, page_text: str) -> str | None:
    """The query of a page text's rows with no key (an unbound key sorts first), None when there are none: the
    items its `# undated:` header line's pattern finds (a small query), given by VALUES in place of its cut
    and its line marked `# keyed` (so that the engine looks their fields up one by one)."""
    sparql = undated_query(page_text)
    if sparql is None:
        return None
    var = _UNDATED.search(page_text)[1]
    found = select(sparql)[1]
    if not found:
        return None
    return given(page_text, var, [r[var[1:]] for r in found])


_UNDATED = re.compile(r"^# undated: (\?\w+) (.+)$", re.M)


def undated_query(page_text: str) -> str | None:
    """The query of a page text's items with no key (its `# undated:` line), None without one."""
    undated = _UNDATED.search(page_text)
    if undated is None:
        return None
    prefixes = prefixes_of(page_text)
    return f"{prefixes}\nSELECT DISTINCT {undated[1]} WHERE {{ {undated[1]} {undated[2]} }}\n"


def given(page_text: str, var: str, iris: list[str]) -> str:
    """A page text with its cut and its line marked `# keyed` replaced by the items `iris`, given by VALUES (so
    that the engine looks their fields up one by one)."""
    values = " ".join(f"<{iri}>" for iri in iris)
    text_, n = _KEYED.subn(lambda _: f"  VALUES {var} {{ {values} }}\n", page_text, count=1)
    if n != 1:  # else the keyed rows would be given too
        raise ValueError("a page text given items needs its cut followed by a line marked '# keyed'")
    return text_


# a page text's lines from its cut (the sub-select, or its value given by with_cut) to its line marked
# "# keyed", whose values a "# given:" line names
_GIVEN = re.compile(r"^[ \t]*(?:\{\s*SELECT \?cut WHERE |VALUES \?cut \{).*?# keyed\n", re.S | re.M)
# a page text's cut: the one sub-select `{ SELECT ?cut WHERE { … } ORDER BY ?cut OFFSET DEPTH LIMIT 1 }`
_CUT = re.compile(r"\{\s*(SELECT \?cut WHERE .*?ORDER BY \?cut) OFFSET DEPTH LIMIT 1\s*\}", re.S)
_KEYED = re.compile(r"^[ \t]*\{\s*SELECT \?cut WHERE .*?OFFSET DEPTH LIMIT 1\s*\}\s*\n[^\n]*# keyed\n", re.S | re.M)


def cut_query(page_text: str, depth: int) -> str:
    """A query of a page text's cut alone at `depth`: one row, ?cut, or none when there are at most `depth`
    keys."""
    prefixes = prefixes_of(page_text)
    return f"{prefixes}\n{_CUT.search(page_text)[1]} OFFSET {depth} LIMIT 1\n"


# the keys of a page text kept at write time (cuts_query, first.kept_texts): the cut at any depth a first page
# asks (4 × at most NEAR + 1 rows) is read from them, not sorted again
KEPT_CUTS = 4 * (NEAR + 1)


def cuts_query(page_text: str) -> str:
    """The query of a page text's KEPT_CUTS smallest keys in order (fewer: every key), each as its text,
    datatype, language and whether it is an IRI (as term() reads them): the cut at depth D is its row D."""
    prefixes = prefixes_of(page_text)
    cut, item = _CUT.search(page_text)[1], item_of(page_text)
    if item:
        cut = cut.replace("SELECT ?cut WHERE", f"SELECT ?cut {item} WHERE", 1)
    items = f" (STR({item}) AS ?item_s) (isIRI({item}) AS ?item_i)" if item else ""
    return (f"{prefixes}\nSELECT (STR(?cut) AS ?cut_s) (DATATYPE(?cut) AS ?cut_d) (LANG(?cut) AS ?cut_l) "
            f"(isIRI(?cut) AS ?cut_i){items}\nWHERE {{ {{ {cut} LIMIT {KEPT_CUTS} }} }}\nORDER BY ?cut\n")


def item_of(page_text: str) -> str | None:
    """The variable of a page text's cut that names the item a key is of: `?any`, or the first of its
    `# given:` line (a place whose events are read); None when there is none."""
    if re.search(r"\?any\b", _CUT.search(page_text)[1]):
        return "?any"
    names = _GIVEN_LINE.search(page_text)
    return names[1] if names else None


_GIVEN_LINE = re.compile(r"^# given: (\?\w+) (\?\w+)$", re.M)
# keys whose text orders as their value (one datatype, no time zone): then the items up to a cut are read from
# the kept keys, the rows up to the last one with the cut's text
_PLAIN = {"http://www.w3.org/2001/XMLSchema#date": re.compile(r"\d{4}-\d\d-\d\d"),
          "http://www.w3.org/2001/XMLSchema#double": re.compile(r"-?\d+(?:\.\d*)?(?:E-?\d+)?|-?\.\d+")}


def prefix(keys: list[dict], depth: int | None) -> list[dict] | None:
    """The rows of `keys` (cuts_query's) of every item with a key up to the cut at `depth` (None: the
    greatest): those up to the last row whose key is the cut's; None when they cannot be told from `keys` (no
    items, keys of several datatypes or not plain, or the cut's key may go on past the kept rows)."""
    if not keys or "item_s" not in keys[0] or len({r["cut_d"] for r in keys}) != 1:
        return None
    plain = _PLAIN.get(keys[0]["cut_d"])
    if plain is None or any(r["item_i"] != "true" or r["cut_l"] or not plain.fullmatch(r["cut_s"] or "")
                            for r in keys):
        return None
    every = len(keys) < KEPT_CUTS
    end = len(keys) - 1 if depth is None else depth
    if end >= len(keys) or not every and depth is None:
        return None
    while end + 1 < len(keys) and keys[end + 1]["cut_s"] == keys[end]["cut_s"]:
        end += 1
    return keys[:end + 1] if every or end + 1 < len(keys) else None


def cuts(select: Callable, page_text: str) -> list[dict]:
    """The rows of cuts_query: kept by the writer for the generation (when `select` reads kept answers, as
    first.answer's does), else computed (one sort, as the cut's own)."""
    return select(cuts_query(page_text))[1]


def has_cut(select: Callable, page_text: str, depth: int, keys: list[dict]) -> bool:
    """Whether the store has more than `depth` keys (a cut at `depth`)."""
    if depth < len(keys) or len(keys) < KEPT_CUTS:
        return depth < len(keys)
    return bool(select(cut_query(page_text, depth))[1])


def with_cut(page_text: str, depth: int | None, keys: list[dict]) -> str:
    """The page text with its cut at `depth` (None: the greatest key) given by VALUES from `keys` (the
    rows of cuts_query; no value when the store has no cut there, so that no keyed row comes, as with the
    cut's sub-select), or, past them, the cut's sub-select at that depth (or the greatest key's)."""
    cut = _CUT.search(page_text)
    every = len(keys) < KEPT_CUTS  # the keys are all the store's
    if depth is not None and (depth < len(keys) or every):
        pick = keys[depth] if depth < len(keys) else None
    elif depth is None and every:
        pick = keys[-1] if keys else None
    elif depth is None:
        return page_text.replace(cut[0], "{ " + cut[1].replace("ORDER BY ?cut", "ORDER BY DESC(?cut)") + " LIMIT 1 }")
    else:
        return re.sub(r"\bDEPTH\b", str(depth), page_text)
    value = "" if pick is None else "UNDEF" if pick["cut_s"] is None else term(pick, "cut")
    text_ = page_text.replace(cut[0], f"VALUES ?cut {{ {value} }}", 1)
    rows = prefix(keys, depth) if pick is not None else None
    if rows is None:
        return text_
    names = _GIVEN_LINE.search(page_text)
    if names:  # the given line's values (an item and its key) up to the cut, as its own query would find them
        head = _GIVEN.search(text_)
        pairs = " ".join(sorted({f"(<{r['item_s']}> {term(r, 'cut')})" for r in rows}))
        return text_.replace(head[0], f"  VALUES ({names[1]} {names[2]}) {{ {pairs} }}\n", 1)
    # the items up to the cut given to the line marked "# keyed" (which still checks each one's key)
    keyed = re.search(r"^([ \t]*)(\?\w+)([^\n]*# keyed\n)", text_, re.M)
    items = " ".join(sorted({f"<{r['item_s']}>" for r in rows}))
    return text_[:keyed.start()] + f"{keyed[1]}VALUES {keyed[2]} {{ {items} }}\n{keyed[1]}{keyed[2]}{keyed[3]}" + text_[keyed.end():]
