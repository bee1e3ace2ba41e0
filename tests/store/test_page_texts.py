"""A listing's first page is read from its page text (queries/page/NAME.rq), which cuts the rows at the
DEPTH-th smallest value of the listing's first sort key and looks up only those rows' fields. Its rows are the
start of the listing's own rows, term for term (datatypes and languages included) and in the same order, for
every depth, on the seeds, on the seeds with the ACLED and UCDP fixtures imported and linked, and on the seeds
with synthetic ACLED rows; and `conflictkg query NAME` gives the very page the whole listing gives. The columns
that join several values (paging.JOINED), whose order the engine does not fix, are compared with their values
sorted, as `conflictkg query` gives them; every other term is compared as the engine gives it."""
import re
from pathlib import Path

from helpers import import_fixtures, import_synthetic, kept_as_the_writer_keeps

from conflictkg.store import paging, summary
from conflictkg.store import queries as query

ROOT = Path(__file__).resolve().parents[2]


def terms(store, sparql: str, name: str) -> list[list]:
    result = store.open().query(sparql, use_default_graph_as_union=True)
    columns = [v.value for v in result.variables]
    joined = set(paging.JOINED.get(name, ()))
    assert joined <= set(columns), name

    def cell(c, t):
        if t is None or c not in joined:
            return None if t is None else str(t)
        return (str(t.datatype), t.language, paging.sorted_values(t.value))
    return [columns] + [[cell(c, s[c]) for c in columns] for s in result]


def at(name: str, depth: int) -> str:
    return re.sub(r"\bDEPTH\b", str(depth), query.text(f"page/{name}"))


def page_terms(store, name: str, depth: int) -> list[list]:
    """The page text's rows at `depth`: those with no key (its `# undated:` items) first, as paging puts them."""
    page = terms(store, at(name, depth), name)
    undated = paging.undated_text(store.select, query.text(f"page/{name}"))
    return page[:1] + (terms(store, undated, name)[1:] if undated else []) + page[1:]


KEY = {"timeline": "earliest", "arrests": "date", "control-changes": "date", "deals": "date",
       "events-near": "km_away"}  # the first sort key
# listings read label by label (a "# groups:" line): their page texts are checked per label below
GROUPED = [n for n in paging.PAGED if "\n# groups: " in query.text(f"page/{n}")]
KEYED = [n for n in paging.PAGED if n not in GROUPED]


def up_to_cut(store, name: str, whole: list[list], depth: int) -> int:
    """How many rows of the whole listing have no key (they sort first) or one up to the cut at `depth`: as
    many as the page text must give (those with no key only, when there is no cut)."""
    cut = store.select(paging.cut_query(query.text(f"page/{name}"), depth))[1]
    key = whole[0].index(KEY[name])
    number = float if name == "events-near" else str  # a distance, or a date (ISO: in order as text)
    return sum(1 for row in whole[1:]
               if row[key] is None or cut and number(row[key].split('"')[1]) <= number(cut[0]["cut"]))


def assert_a_start_at_every_depth(store, inside: bool = True, depths=None) -> None:
    assert_the_start_of_each_label(store, depths)
    for name in KEYED:
        whole = terms(store, query.text(name), name)
        assert len(whole) > 1, name
        cut = set()  # the lengths the cuts gave: some must fall inside the listing, or nothing was tested
        for depth in range(0, 3 * len(whole) + 2):
            page = page_terms(store, name, depth)
            assert page[0] == whole[0], name  # the same columns in the same order
            assert page == whole[:len(page)], f"{name} at depth {depth}: not the start of the listing's rows"
            assert len(page) - 1 == up_to_cut(store, name, whole, depth), f"{name} at depth {depth}: rows missing"
            cut.add(len(page) - 1)
        if len(whole) > 3 or inside:  # the seeds hold one or two rows of some listings
            assert {n for n in cut if 0 < n < len(whole) - 1}, f"{name}: no depth cut the listing inside its rows"


def assert_the_start_of_each_label(store, depths=None) -> None:
    """For a listing read label by label: at every depth, the page text with a label is the start of that
    label's rows in the whole listing, and exactly its dated rows up to the cut; given the label's items, every
    row of it; and paging.first_rows gives the start of the whole listing for every length."""
    for name in GROUPED:
        text_, whole = query.text(f"page/{name}"), terms(store, query.text(name), name)
        first, date = whole[0].index("reporter_en"), whole[0].index("earliest")
        labels = [r["reporter_en"] for r in store.select(grouped_labels(text_))[1]]
        assert len(labels) > 1 and len(whole) > 3, name
        assert [r for r in whole[1:]] == [r for lab in labels for r in whole[1:] if r[first] == paging.literal(lab)]
        cut_inside = False
        for label in labels:
            mine = [r for r in whole[1:] if r[first] == paging.literal(label)]
            with_label = re.sub(r"\bLABEL\b", paging.literal(label), text_)
            items = store.select(re.sub(r"\bLABEL\b", paging.literal(label), "\n".join(
                re.findall(r"^PREFIX [^\n]*", text_, re.M)) + "\nSELECT DISTINCT ?fact WHERE { ?fact ckg:reportedBy ?r . "
                "?r rdfs:label LABEL }"))[1]
            given = terms(store, paging.given(with_label, "?fact", [r["fact"] for r in items]), name)
            assert given == [whole[0]] + mine, f"{name}, {label}: its items do not give its rows"
            for depth in depths or sorted({*range(12), *range(12, 3 * len(whole) + 2, max(1, len(whole) // 20))}):
                page = terms(store, re.sub(r"\bDEPTH\b", str(depth), with_label), name)
                assert page[0] == whole[0], name
                assert page[1:] == mine[:len(page) - 1], f"{name}, {label} at depth {depth}: not the start of its rows"
                cut = store.select(paging.cut_query(text_, depth))[1]
                dated = sum(1 for r in mine if r[date] is not None and cut and r[date].split('"')[1] <= cut[0]["cut"])
                assert len(page) - 1 == dated, f"{name}, {label} at depth {depth}: rows missing"
                cut_inside |= 0 < dated < len(mine)
        assert cut_inside, f"{name}: no depth cut a label inside its rows"
        everything = paging.ordered(name, store.select(query.text(name))[1])
        for want in sorted({1, 2, 3, 5, 30, 31, 100, len(whole) - 2, len(whole) - 1, len(whole), len(whole) + 4}):
            got = paging.first_rows(store.select, text_, want - 1, 0)
            assert got is not None and got[1][:want] == everything[:want], f"{name}: first {want} rows"
            assert len(got[1]) >= min(want, len(everything)), f"{name}: first {want} rows, too few"


def grouped_labels(page_text: str) -> str:
    groups = re.search(r"^# groups: (\?\w+) (.+)$", page_text, re.M)
    prefixes = "\n".join(re.findall(r"^PREFIX [^\n]*", page_text, re.M))
    return f"{prefixes}\nSELECT DISTINCT {groups[1]} WHERE {{ {groups[2]} }} ORDER BY {groups[1]}"


def assert_the_pages_of_the_library(store) -> None:
    for name in paging.PAGED:
        sparql = dict(query.kept_texts())[name]
        whole = paging.ordered(name, store.select(sparql)[1])
        pages = ((1, 0), (5, 0), (7, 3), (len(whole) - 1, 0), (len(whole), 0), (3, len(whole) - 2), (len(whole) + 9, 0))
        for limit, offset in ((n, at_) for n, at_ in pages if n >= 1 and at_ >= 0):  # a listing may have 1 row
            got = query.run(name, store=store, limit=limit, offset=offset)
            assert got.rows == whole[offset:offset + limit], (name, limit, offset)
            assert got.more == (offset + limit < len(whole)), (name, limit, offset)


def test_every_paged_listing_has_a_page_text_with_its_columns_and_order():
    assert set(paging.PAGED) <= set(query.library())
    for name in paging.PAGED:
        own, page = query.find(name).text, query.text(f"page/{name}")
        assert re.findall(r"^ORDER BY [^\n]*", own, re.M) == re.findall(r"^ORDER BY [^\n]*", page, re.M), name
        assert "OFFSET DEPTH LIMIT 1" in page and paging.cut_query(page, 3), name
        assert set(paging.JOINED.get(name, ())) <= set(query.find(name).columns()), name
        # a page text answers for the listing's default parameters: it holds them as the listing does
        assert set(re.findall(r"^ *VALUES [^\n]*# the parameters[^\n]*", own, re.M)) <= set(page.splitlines()), name


def test_the_start_of_the_listing_on_the_seeds(store):
    assert_a_start_at_every_depth(store, inside=False)


def test_a_first_page_is_read_from_the_page_text_and_not_kept(kg):
    """The first page costs the page text only; the listing is kept when a page far from the start, or every
    row, is asked. Regression: the copy's kept table is first put back to what the writer keeps, since tests
    run before this one may have kept listings in the shared seed store that the copy was made from."""
    kept_as_the_writer_keeps(kg)
    kept = {summary.key(t) for n, t in query.kept_texts() if n in paging.PAGED}
    first = query.run("timeline", store=kg, limit=5)
    assert first.more and len(first.rows) == 5
    assert not kept & summary.held(kg.current())
    every = query.run("timeline", store=kg, limit=None).rows
    assert summary.key(dict(query.kept_texts())["timeline"]) in summary.held(kg.current())
    assert first.rows == every[:5]
    assert_the_pages_of_the_library(kg)


def test_the_start_of_the_listing_with_the_fixtures_imported_and_linked(kg):
    results = import_fixtures(kg)
    assert sum(r.duplicates for r in results) > 0
    assert_a_start_at_every_depth(kg, inside=False)
    assert_the_pages_of_the_library(kg)


def test_the_start_of_the_listing_with_synthetic_rows_imported(kg, tmp_path):
    # enough arrests, captures and agreements (deals) for each listing to be cut inside its rows
    import_synthetic(kg, tmp_path)
    assert_the_start_of_each_label(kg, depths=(0, 1, 2, 10, 50, 100, 101, 150, 200, 250, 299, 300, 340, 400))
    for name in KEYED:  # every depth up to the listing's length and past it would take minutes here
        whole = terms(kg, query.text(name), name)
        n, inside = len(whole) - 1, set()
        assert n >= 8, name
        for depth in sorted({0, 1, 2, 10, 50, 100, 101, 150, 200, 250, 299, 300, 340, 400, n // 4, n // 2, n - 1, n}):
            page = page_terms(kg, name, depth)
            assert page == whole[:len(page)], f"{name} at depth {depth}"
            assert len(page) - 1 == up_to_cut(kg, name, whole, depth), f"{name} at depth {depth}: rows missing"
            if 0 < depth < n * 5 // 6 and name != "events-near":  # its depths count places, not rows
                assert 1 < len(page) < len(whole), f"{name} at depth {depth}: the cut cut nothing"
            inside.add(1 < len(page) < len(whole))
        assert True in inside, f"{name}: no depth cut the listing inside its rows"
    assert_the_pages_of_the_library(kg)
