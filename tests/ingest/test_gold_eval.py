"""conflictkg evaluate --gold: ACLED-style gold files, read and scored.

The hand gold tests/ingest/gold/004_ce1fad4af3d1fbde.yaml annotates the seed article 004 (a monthly ISIS
round-up) by the annotation guide: three events (the coalition's arrest of 17, the killing of the "emir of
zakat" near al-Shaddadi on 23 November, 13 ISIS members killed by Russian strikes in the Homs desert) and
the patterns and tallies around them as skipped mentions.
"""
import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictkg.cli import main
from conflictkg.core.errors import InputError
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.curation.seeds import read_article, read_fact_file
from conflictkg.ingest.extract import goldscore
from conflictkg.ingest.extract.evaluate import _event, _strict, gold_events, score
from conflictkg.ingest.extract.gold import governorate_key, place_key, read_gold
from conflictkg.ingest.extract.goldscore import Half, Pred
from conflictkg.ingest.extract.lexicon import Lexicon
from conflictkg.ingest.extract.pipeline import extract

GOLD = Path(__file__).parent / "gold"
ARTICLES = SEEDS_DIR / "articles"
ART = "004_ce1fad4af3d1fbde"


def gold():
    return read_gold(GOLD / f"{ART}.yaml", ARTICLES)


def pred(pid, etype, span, gov=None, loc=None, killed=None, sub=None):
    return Pred(pid, etype, sub, None, None, None, None, gov, loc, (), killed, [span])


def test_gold_file_reads_with_exact_quotes():
    g, text = gold()
    assert [e.id for e in g.events] == ["g01", "g02", "g03"]
    for e in g.events:
        for s in e.evidence:
            assert text[s.start:s.end] == s.quote
    air = g.events[2]
    assert air.governorate == "homs" and air.killed == (13, 13) and len(air.evidence) == 2
    assert g.events[1].governorate == governorate_key("Al-Hasakah Governorate") == "alhasakeh"
    assert governorate_key("Rif Dimashq") == governorate_key("Rural Damascus")
    assert place_key("Ash Shaddadi") == place_key("Al-Shaddadi") == "shaddadi"
    assert {s.kind for s in g.skipped} == {"pattern", "tally", "anticipated"}


def test_bad_offsets_name_the_file_and_record(tmp_path):
    bad = (GOLD / f"{ART}.yaml").read_text("utf-8").replace("start: 948,", "start: 949,", 1)
    (tmp_path / "x.yaml").write_text(bad, "utf-8")
    with pytest.raises(InputError) as e:
        read_gold(tmp_path / "x.yaml", ARTICLES)
    assert "x.yaml: events[0] (g01) evidence[0]" in str(e.value) and "text[949:1008]" in str(e.value)


def test_scores_worked_out_by_hand():
    g, text = gold()
    g1, g2, g3 = ((e.evidence[0].start, e.evidence[0].end) for e in g.events)
    pattern = g.skipped[0].span
    preds = [
        pred("a", "Strategic developments", g1, sub="Arrests"),                     # g01: matched
        pred("b", "Battles", (g2[0], g2[1]), gov="alhasakeh", loc="shaddadi", killed=1),  # g02: matched
        pred("c", "Battles", (g2[0] + 10, g2[1] + 20), killed=1),                   # g02 again: duplicate row
        pred("d", "Explosions/Remote violence", g3, loc="syriandesertbadia", killed=13),  # g03, no governorate
        pred("e", "Battles", (pattern.start, pattern.end)),                         # a pattern
        pred("f", "Battles", (2300, 2310), gov="dara"),                              # nothing there
    ]
    h = Half()
    h.add(g, preds)
    assert (h.acled.tp, h.acled.fp, h.acled.fn) == (2, 4, 1)
    assert (h.seedway.tp, h.seedway.fp, h.seedway.fn) == (2, 4, 1)
    assert dict(h.false_positives) == {"duplicate row": 1, "not an event: pattern": 1, "wrong place": 1,
                                       "no counterpart": 1}
    assert dict(h.misses_by_reason) == {"wrong place": 1}
    assert dict(h.misses_by_type) == {"Explosions/Remote violence": 1}
    # fields on the pairs a-g01, b-g02, d-g03; c, e and f are unpaired
    f = h.fields
    assert (f["event_type"].tp, f["event_type"].fp, f["event_type"].fn) == (3, 3, 0)
    assert (f["killed"].tp, f["killed"].fp, f["killed"].fn) == (2, 1, 0)             # c's toll is unpaired
    assert (f["governorate"].tp, f["governorate"].fp, f["governorate"].fn) == (1, 1, 1)  # d misses homs, f
    assert (f["sub_event_type"].tp, f["sub_event_type"].fn) == (1, 2)


def test_acled_way_needs_no_overlap_but_the_seeds_way_does():
    g, _ = gold()
    far = pred("x", "Battles", (10, 20), gov="alhasakeh", killed=1)
    assert goldscore.acled_match(far, g.events[1]) and not goldscore.seed_match(far, g.events[1])
    assert not goldscore.acled_match(pred("y", "Battles", (10, 20), gov="alhasakeh", killed=2), g.events[1])
    open_ended = g.events[1].__class__(**{**g.events[1].__dict__, "killed": (24, None)})
    assert goldscore.toll_ok(pred("z", "Battles", (1, 2), killed=400), open_ended)


def test_one_to_one_reproduces_the_seed_scorers_matches():
    """The greedy matcher of the gold scorer, given the seed scorer's criterion, pairs the seed articles'
    events exactly as the seed scorer does."""
    lex = Lexicon.load()
    expected = score().per_article
    for path in sorted(ARTICLES.glob("*.txt")):
        art = read_article(path)
        facts = read_fact_file(SEEDS_DIR / "facts" / f"{art.id}.yaml").data
        ex = extract(art.text, published=str(art.meta["published"]["date"]),
                     outlet=art.meta.get("outlet", {}).get("actor"), article=art.id, lexicon=lex)
        pred_ = [_event(r, (r["start"], r["end"])) for r in ex.facts["events"]]
        gold_ = gold_events(art, facts)
        pairs = goldscore.one_to_one(pred_, gold_, lambda p, g: goldscore.overlap(p, g) > 0 and _strict(p, g),
                                     same_type_first=True)
        assert len(pairs) == expected[art.id][2], art.id


def test_evaluate_gold_command_scores_the_rows_extract_writes(tmp_path):
    (tmp_path / "dev").mkdir()
    shutil.copy(GOLD / f"{ART}.yaml", tmp_path / "dev")
    runner = CliRunner()
    r = runner.invoke(main, ["evaluate", "--gold", str(tmp_path), "--articles", str(ARTICLES), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    dev = out["halves"]["dev"]
    rows = runner.invoke(main, ["extract", str(ARTICLES / f"{ART}.txt"), "--published", "2023-11",
                                "--format", "acled-csv"])
    n_rows = len(list(csv.DictReader(io.StringIO(rows.stdout))))
    assert dev["articles"][ART] == {"gold": 3, "rows": n_rows, "matched": dev["whole_events_acled"]["tp"]}
    assert sum(dev["false_positives"].values()) == dev["whole_events_acled"]["fp"] == n_rows - dev["whole_events_acled"]["tp"]
    assert sum(dev["misses_by_reason"].values()) == dev["whole_events_acled"]["fn"]
    assert out["seed_leave_one_out"]["whole_events"]["tp"] >= 37  # F1 0.409 before incident merging
    table = runner.invoke(main, ["evaluate", "--gold", str(tmp_path), "--articles", str(ARTICLES)]).stdout
    assert "### dev: 1 articles, 3 gold events" in table and "not an event (overlaps a skipped span)" in table


def test_rewriting_the_seed_tables_keeps_the_gold_section(tmp_path):
    from conflictkg.ingest.extract.evaluate import GOLD_SECTION, evaluate

    out = tmp_path / "extraction.md"
    out.write_text(f"# old tables\n\n{GOLD_SECTION}\n\nfigures before and after\n", encoding="utf-8")
    evaluate(out=out, timing=False)
    text = out.read_text(encoding="utf-8")
    assert "old tables" not in text and "| **whole events** |" in text
    assert text.endswith(f"\n{GOLD_SECTION}\n\nfigures before and after\n") and text.count(GOLD_SECTION) == 1


def test_a_row_that_names_no_candidate_is_an_error_not_a_silent_drop(tmp_path):
    from conflictkg.ingest.extract.goldeval import score_gold

    shutil.copy(GOLD / f"{ART}.yaml", tmp_path)
    with pytest.raises(RuntimeError, match="1 of 1 ACLED rows name no candidate event"):
        score_gold(tmp_path, ARTICLES, lambda exs: [{"event_type": "Battles", "tags": "certainty: reported"}])


def test_a_holdout_half_is_scored_too_bug(tmp_path):
    """Regression: a `holdout/` folder beside `dev/` and `test/` was left out of the scores without a word."""
    from conflictkg.ingest.extract.goldeval import halves

    for half in ("holdout", "test", "dev"):  # made in another order than the one they are scored in
        (tmp_path / half).mkdir()
        shutil.copy(GOLD / f"{ART}.yaml", tmp_path / half)
    assert list(halves(tmp_path)) == ["dev", "test", "holdout"]
    shutil.rmtree(tmp_path / "dev")
    shutil.rmtree(tmp_path / "test")
    assert halves(tmp_path) == {"holdout": tmp_path / "holdout"}
    r = CliRunner().invoke(main, ["evaluate", "--gold", str(tmp_path), "--articles", str(ARTICLES), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert list(out["halves"]) == ["holdout"]
    assert out["halves"]["holdout"]["articles"][ART]["gold"] == 3
