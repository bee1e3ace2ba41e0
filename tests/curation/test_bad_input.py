"""Every kind of bad input gets a clear error naming the file and record, and the store stays as it was."""

import pytest
import yaml
from click.testing import CliRunner
from helpers import copy_store

from conflictkg.cli import main
from conflictkg.store.generations import Store

ARTICLE = "003_117490c947766292"
GOOD_EVENT = {
    "id": "zz1", "type": "Ambush", "quote": "نفذ تنظيم داعش الإرهابي اليوم 14 نوفمبر كمينًا",
    "summary": "test event", "date": "2021-11-14", "places": ["masrab-badia"], "perpetrator": ["isis"],
    "target": ["syrian-regime-forces"], "reporter": "al-fajr", "certainty": "reported",
    "counts": [{"kind": "killed", "side": "syrian-regime-forces", "n": 13}],
}


@pytest.fixture
def live(store, tmp_path):
    """A copy of the built store, and the bytes that prove it unchanged afterwards."""
    path = tmp_path / "store"
    copy_store(store.path, path)
    return path


def snapshot(path):
    return {p.name: p.stat().st_mtime_ns for p in path.iterdir()}, (path / "CURRENT").read_text()


def run_build(seeds, store_path):
    return CliRunner().invoke(main, ["--store", str(store_path), "build", "--seeds", str(seeds)])


def edit_facts(seeds, change):
    path = seeds / "facts" / f"{ARTICLE}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def add_event(**changes):
    def change(data):
        event = dict(GOOD_EVENT, **changes)
        data["events"].append({k: v for k, v in event.items() if v is not None})
    return change


def assert_refused(seeds, live, code, *needles):
    before = snapshot(live)
    result = run_build(seeds, live)
    assert result.exit_code == code, result.output
    for needle in needles:
        assert needle in result.output, result.output
    assert snapshot(live) == before  # not one file of the store touched
    assert not [p for p in live.iterdir() if p.name.startswith(".") and p.name != ".lock"]  # no half-written generation


def test_good_event_is_accepted(seeds, live):
    edit_facts(seeds, add_event())
    assert run_build(seeds, live).exit_code == 0


def test_malformed_fact_file(seeds, live):
    path = seeds / "facts" / f"{ARTICLE}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [unclosed\n", encoding="utf-8")
    assert_refused(seeds, live, 2, f"facts/{ARTICLE}.yaml:", "YAML syntax error", "fix:")


def test_quote_not_in_article(seeds, live):
    edit_facts(seeds, add_event(quote="هذا النص ليس في المقال"))
    assert_refused(seeds, live, 1, f"facts/{ARTICLE}.yaml", "[zz1]", "quote not found")


def test_unknown_actor(seeds, live):
    edit_facts(seeds, add_event(perpetrator=["martians"]))
    assert_refused(seeds, live, 1, "[zz1]", "unknown actor 'martians'", "seeds/actors.yaml")


def test_unknown_place(seeds, live):
    edit_facts(seeds, add_event(places=["atlantis"]))
    assert_refused(seeds, live, 1, "[zz1]", "unknown place 'atlantis'")


def test_impossible_date(seeds, live):
    edit_facts(seeds, add_event(date="2021-02-30"))
    assert_refused(seeds, live, 1, "[zz1]", "not a real day")


def test_negative_count(seeds, live):
    edit_facts(seeds, add_event(counts=[{"kind": "killed", "side": "isis", "n": -3}]))
    assert_refused(seeds, live, 1, "[zz1]", "not a whole number ≥ 0")


def test_reversed_count_range(seeds, live):
    edit_facts(seeds, add_event(counts=[{"kind": "killed", "side": "isis", "min": 300, "max": 250}]))
    assert_refused(seeds, live, 1, "[zz1]", "range is reversed", "swap min and max")


def test_unknown_key_is_a_typo(seeds, live):
    edit_facts(seeds, add_event(perpetrators=["isis"]))
    assert_refused(seeds, live, 1, "[zz1]", "unknown key(s) perpetrators")


def test_coordinates_out_of_range(seeds, live):
    path = seeds / "places.yaml"
    text = path.read_text(encoding="utf-8").replace("lat: 34.50, lon: 40.97", "lat: 134.50, lon: 40.97")
    path.write_text(text, encoding="utf-8")
    assert_refused(seeds, live, 1, "places.yaml", "[suwaiyah]", "coordinates out of range")


def test_empty_article(seeds, live):
    (seeds / "articles" / f"{ARTICLE}.txt").write_text("  \n", encoding="utf-8")
    assert_refused(seeds, live, 1, f"{ARTICLE}.txt", "the article is empty")


def test_shacl_violation_is_reported_by_shape(seeds, live):
    # a transfer deal without a destination passes the loader but not the shapes
    edit_facts(seeds, add_event(type="TransferDeal", target=None, perpetrator=None, party=["isis"],
                                places=None, **{"from": ["south-damascus"]}))
    assert_refused(seeds, live, 1, "SHACL validation failed", f"facts/{ARTICLE}.yaml [zz1]", "TransferDealShape",
                   "Name where the fighters were moved to.")


def test_turtle_syntax_error_names_the_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"unclosed .\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "bad.ttl:3" in result.output and "syntax error" in result.output


def test_validate_reports_violations_with_exit_1(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ckg: <https://w3id.org/conflictkg/ontology#> .\n"
                   "<https://w3id.org/conflictkg/id/place/x> a ckg:Town .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "PlaceLabelAndPointShape" in result.output and "Give the place an Arabic label" in result.output
    assert "PlaceShape" in result.output and "Give the place an English label." in result.output


def test_failed_build_into_empty_store_creates_no_store(seeds, tmp_path):
    edit_facts(seeds, add_event(quote="غير موجود"))
    result = run_build(seeds, tmp_path / "new")
    assert result.exit_code == 1
    assert Store(tmp_path / "new").current() is None
