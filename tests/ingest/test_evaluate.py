"""conflictkg evaluate: honest scores against the curated seed facts."""
import yaml
from click.testing import CliRunner

from conflictkg.cli import main
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.curation.seeds import read_article, read_fact_file
from conflictkg.ingest.extract.evaluate import FIELDS, PRF, Ev, _pairs, _strict, gold_events, score
from conflictkg.ingest.extract.lexicon import LEXICON_DIR


def ev(span, type_, place=(), killed=()):
    return Ev(span, type_, {"type": {type_}, "perpetrator": set(), "target": set(), "place": set(place),
                            "date": set(), "killed": set(killed)})


def test_whole_event_match_needs_type_place_and_count():
    gold = ev((10, 50), "Ambush", {"masrab-badia"}, {13})
    assert _strict(ev((20, 60), "Ambush", {"masrab-badia", "syrian-badia"}, {13}), gold)
    assert not _strict(ev((20, 60), "Attack", {"masrab-badia"}, {13}), gold)      # type
    assert not _strict(ev((20, 60), "Ambush", {"syrian-badia"}, {13}), gold)      # place
    assert not _strict(ev((20, 60), "Ambush", {"masrab-badia"}, {14}), gold)      # count
    assert not _strict(ev((20, 60), "Ambush", {"masrab-badia"}, set()), gold)     # count missing
    # evidence that does not overlap is never paired, however alike the events are
    assert _pairs([ev((60, 90), "Ambush", {"masrab-badia"}, {13})], [gold], _strict) == []


def test_pairs_are_one_to_one():
    gold = [ev((0, 40), "Attack"), ev((30, 80), "Attack")]
    pred = [ev((20, 50), "Attack")]
    assert len(_pairs(pred, gold)) == 1


def test_prf():
    p = PRF(tp=8, fp=2, fn=8)
    assert (round(p.p, 2), round(p.r, 2), round(p.f1, 2)) == (0.8, 0.5, 0.62)


def test_gold_events_are_the_curated_ones():
    art = read_article(SEEDS_DIR / "articles" / "003_117490c947766292.txt")
    facts = read_fact_file(SEEDS_DIR / "facts" / "003_117490c947766292.yaml").data
    gold = gold_events(art, facts)
    assert len(gold) == 14
    ambush = gold[5]
    assert ambush.type == "Ambush" and ambush.values["killed"] == {13}
    assert art.text[ambush.span[0]:ambush.span[1]].startswith("نفذ تنظيم داعش الإرهابي اليوم 14 نوفمبر")


def test_scores_on_the_seeds_and_leave_one_out():
    full, loo = score(), score(loo=True)
    # 91 curated events: 004's "اعتقال 17 ... بعمليات أمنية مشتركة ... بالحسكة ودير الزور والرقة", a statistic over
    # several operations, is a tally, not one of the events scored
    assert sum(g for g, _, _ in full.per_article.values()) == 91
    for s in (full, loo):
        for f in FIELDS:
            assert 0 <= s.fields[f].p <= 1 and 0 <= s.fields[f].r <= 1
    # the ambush of 14 November 2021 (article 003) is found whole: type, place, 13 killed
    assert full.per_article["003_117490c947766292"][2] >= 1
    # holding an article out costs recall: its own spellings are gone
    assert loo.fields["place"].tp < full.fields["place"].tp
    assert full.events.f1 > 0.2  # measured, not fitted: see docs/extraction.md


def test_lexicon_sources_name_seed_articles():
    prefixes = {p.name.split("_")[0] for p in (SEEDS_DIR / "articles").glob("*.txt")}
    for path in LEXICON_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = data if isinstance(data, list) else data.get("names", []) if isinstance(data, dict) else []
        if isinstance(data, dict):
            entries = entries + [e for e in data.get("tallies", []) if isinstance(e, dict)]
        for e in entries:
            assert set(map(str, e.get("from") or [])) <= prefixes, (path.name, e)


def test_cli_writes_the_report(tmp_path):
    out = tmp_path / "extraction.md"
    r = CliRunner().invoke(main, ["evaluate", "-o", str(out), "--no-timing"])
    assert r.exit_code == 0, r.output
    assert "whole events" in r.output and "LOO" in r.output
    text = out.read_text(encoding="utf-8")
    assert "| **whole events** |" in text and "Leave one article out" in text


def test_the_report_keeps_the_hand_written_sections_bug(tmp_path):
    """Regression: 'evaluate -o docs/extraction.md' rewrote the whole page, so the hand-written sections (the
    statement kinds, the places) with their measured figures were lost; what follows the marker stays."""
    from conflictkg.ingest.extract.evaluate import KEPT

    out = tmp_path / "extraction.md"
    out.write_text(f"# old generated part\n\n{KEPT}\n\n## Places\n\nDev F1 0.09 → 0.22.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["evaluate", "-o", str(out), "--no-timing"])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "old generated part" not in text and "| **whole events** |" in text
    assert text.endswith(f"{KEPT}\n\n## Places\n\nDev F1 0.09 → 0.22.\n")
