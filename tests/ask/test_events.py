"""Events by date, place, actor, type, kind and source (conflictkg.ask.events), on the built seeds."""
import datetime as dt

import pytest
from rdflib import URIRef
from rdflib.namespace import RDFS

from conflictkg.ask.events import FilterError, Filters, bound, events
from conflictkg.ask.names import UnknownName
from conflictkg.core.ns import CKG
from conflictkg.model import ontology
from conflictkg.store.queries import expand

ID = "https://w3id.org/conflictkg/id/"
AMBUSH = ID + "fact/003_117490c947766292/e06"   # al-Masrab, 14 November 2021, 13 killed
SECOND = ID + "fact/003_117490c947766292/e07"   # al-Haddad's account of the same ambush
SPAN = ID + "fact/002_772c49967b19e274/e18"     # a sweep dated 2018-11-28 .. 2019-03-23


def iris(store, **kw):
    return [r["event"] for r in events(store, Filters(**kw))]


def test_a_span_counts_when_it_overlaps_the_range(store):
    assert SPAN in iris(store, start=dt.date(2019, 3, 1), end=dt.date(2019, 12, 31))   # overlaps its end
    assert SPAN in iris(store, start=dt.date(2018, 1, 1), end=dt.date(2018, 11, 28))   # overlaps its start
    assert SPAN in iris(store, start=dt.date(2019, 1, 1), end=dt.date(2019, 1, 31))    # inside it
    assert SPAN not in iris(store, start=dt.date(2019, 3, 24))
    assert SPAN not in iris(store, end=dt.date(2018, 11, 27))
    for r in events(store, Filters(start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31))):
        assert r["earliest"] <= "2021-12-31" and r["latest"] >= "2021-01-01", r


def test_within_takes_only_spans_inside_the_range(store):
    """--within follows the rule of counts by period (docs/dates.md): the whole span in the range."""
    assert SPAN not in iris(store, start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31), within=True)
    assert SPAN in iris(store, start=dt.date(2018, 11, 28), end=dt.date(2019, 3, 23), within=True)
    inside = events(store, Filters(start=dt.date(2018, 1, 1), end=dt.date(2018, 12, 31), within=True))
    assert inside and all("2018-01-01" <= r["earliest"] <= r["latest"] <= "2018-12-31" for r in inside)
    overlapping = iris(store, start=dt.date(2018, 1, 1), end=dt.date(2018, 12, 31))
    assert set(r["event"] for r in inside) < set(overlapping)


def test_undated_events_overlap_no_range(store):
    everything = events(store)
    undated = [r["event"] for r in everything if r["earliest"] is None]
    assert undated, "the seeds have undated events"
    assert not set(undated) & set(iris(store, start=dt.date(1900, 1, 1)))


def test_the_ambush_in_deir_ez_zor_in_november_2021(store):
    rows = events(store, Filters(start=dt.date(2021, 11, 1), end=dt.date(2021, 11, 30),
                                 governorates=("Deir ez-Zor",), kinds=("event",)))
    by_iri = {r["event"]: r for r in rows}
    ambush = by_iri[AMBUSH]
    assert (ambush["killed_low"], ambush["killed_high"], ambush["class"]) == (13, 13, "Ambush")
    assert "بادية المسرب" in ambush["evidence"] and ambush["source"] == "curated"
    assert SECOND not in by_iri and ambush["other_accounts"] == SECOND  # one row per event
    for r in rows:
        assert "Deir ez-Zor" in r["governorates"].split("; ") and r["kind"] == "event"
        assert r["earliest"] <= "2021-11-30" and r["latest"] >= "2021-11-01"


def test_a_place_takes_everything_part_of_it(store):
    """The al-Masrab ambush is filed under the desert and the salt mine, not the governorate itself: the
    filters walk part-of up from every place of the event."""
    assert AMBUSH in iris(store, places=("Western Deir ez-Zor countryside",))
    assert AMBUSH in iris(store, places=("ريف دير الزور الغربي",))
    assert AMBUSH not in iris(store, places=("Homs Governorate",))
    assert AMBUSH not in iris(store, governorates=("Homs",))


def test_every_form_of_a_name_gives_the_same_rows(store):
    forms = ["isis", "actor/isis", "actor:isis", "ckgid:actor/isis", f"<{ID}actor/isis>", f"{ID}actor/isis",
             "Islamic State (ISIS)", "داعش", "islamic state (isis)"]
    expected = iris(store, actors=("isis",))
    assert expected
    for form in forms:
        assert iris(store, actors=(form,)) == expected, form
    assert iris(store, places=("البوكمال",)) == iris(store, places=("البو كمال",)) == iris(store, places=("abu-kamal",))


def test_an_unknown_name_lists_close_matches(store):
    with pytest.raises(UnknownName) as e:
        events(store, Filters(governorates=("Deir ez-Zr",)))
    assert e.value.exit_code == 2 and "Deir ez-Zor" in str(e.value)
    with pytest.raises(UnknownName, match="no actor has the IRI"):
        events(store, Filters(actors=("actor/no-such-actor",)))
    with pytest.raises(UnknownName, match="no governorate is called 'Abu Kamal'"):
        events(store, Filters(governorates=("Abu Kamal",)))  # a town, not a governorate


def test_role_chooses_perpetrator_target_or_party(store):
    rows = events(store, Filters(actors=("isis",), role="target"))
    assert rows and all("Islamic State (ISIS)" in r["targets"].split("; ") for r in rows)
    perpetrated = events(store, Filters(actors=("isis",), role="perpetrator"))
    assert AMBUSH in [r["event"] for r in perpetrated] and AMBUSH not in [r["event"] for r in rows]
    anyrole = set(iris(store, actors=("isis",)))
    assert {r["event"] for r in rows} | {r["event"] for r in perpetrated} <= anyrole


def test_a_type_takes_its_subtypes(store):
    g = ontology.graph()
    under_attack = {str(c).rsplit("#", 1)[-1] for c in g.transitive_subjects(RDFS.subClassOf, CKG.Attack)
                    if isinstance(c, URIRef)}
    rows = events(store, Filters(types=("Attack",)))
    classes = {r["class"] for r in rows}
    assert "Ambush" in classes and classes <= under_attack
    assert iris(store, types=("كمين",)) == iris(store, types=("ckg:Ambush",)) == iris(store, types=("ambush",))
    with pytest.raises(UnknownName, match="did you mean: Ambush"):
        events(store, Filters(types=("Ambsh",)))


def test_kinds_and_sources(store):
    everything = events(store)
    assert {r["kind"] for r in everything} == {"event", "background", "pattern"}
    assert {r["source"] for r in everything} == {"curated"}
    assert all(r["kind"] == "pattern" for r in events(store, Filters(kinds=("pattern",))))
    assert events(store, Filters(sources=("acled",))) == []


def test_bad_filters_are_refused():
    with pytest.raises(FilterError, match="before it starts"):
        Filters(start=dt.date(2022, 1, 1), end=dt.date(2021, 1, 1)).check()
    with pytest.raises(FilterError, match="unknown source"):
        Filters(sources=("twitter",)).check()
    assert bound("2021-11") == dt.date(2021, 11, 1) and bound("2021-11", end=True) == dt.date(2021, 11, 30)
    assert bound("2020", end=True) == dt.date(2020, 12, 31) and bound("2024-02", end=True).day == 29
    for bad in ("2021-13", "21-11-01", "yesterday", "2021-02-30"):
        with pytest.raises(FilterError, match="is not a date"):
            bound(bad)


def test_short_iris_expand():
    assert expand("ckg:Attack") == "https://w3id.org/conflictkg/ontology#Attack"
    assert expand("actor:isis") == expand("actor/isis") == expand("ckgid:actor/isis") == ID + "actor/isis"
    assert expand("place/acled/thiban") == ID + "place/acled/thiban"
    assert expand("Abu Kamal") is None and expand("isis") is None and expand("nosuch:x") is None
