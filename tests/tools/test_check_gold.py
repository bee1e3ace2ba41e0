"""tools/check_gold.py: it passes a right gold file, names the file, id and problem of a wrong one, and the
project's own gold passes it when the corpus sits beside the checkout."""
import datetime as dt
import importlib.util
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from conflictkg.core.resources import SEEDS_DIR

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "ant-2018"
ARTICLE = "000_67d3ca1c45515943.txt"  # a seed article: real text, shipped with the package

spec = importlib.util.spec_from_file_location("check_gold", ROOT / "tools" / "check_gold.py")
check_gold = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_gold)


def at(text: str, quote: str) -> dict:
    start = text.index(quote)
    return {"start": start, "end": start + len(quote), "quote": quote}


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEEDS_DIR / "articles" / ARTICLE, folder / ARTICLE)
    return folder


@pytest.fixture
def gold() -> dict:
    text = unicodedata.normalize("NFC", (SEEDS_DIR / "articles" / ARTICLE).read_text("utf-8"))
    return {
        "article": ARTICLE, "published": dt.date(2018, 4, 5), "outlet": "unknown", "guide": "docs/annotation.md v1",
        "events": [{
            "id": "g01", "event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory",
            "actor1": "SDF: Syrian Democratic Forces", "actor1_ref": "sdf",
            "actor2": "Islamic State (Iraq and the Levant)", "actor2_ref": "isis",
            "date": {"earliest": dt.date(2018, 4, 2), "latest": dt.date(2018, 4, 2)},
            "governorate": "Deir ez Zor", "location": "Bir al-Azraq", "location_ar": "بئر الأزرق", "killed": None,
            "evidence": [at(text, "وسيطرت قوات سورية الديمقراطية، الاثنين، على بئر الأزرق وبئر أبو شوارب النفطيين")],
        }],
        "skipped": [{"kind": "tally", "why": "20 days of fighting counted together",
                     **at(text, "ووثق المرصد مقتل 182 عنصراً من النظام و47 عنصراً من تنظيم داعش خلال آخر 20 يوما")}],
    }


def run(tmp_path, articles, gold, capsys) -> tuple[int, str]:
    path = tmp_path / ARTICLE.replace(".txt", ".yaml")
    path.write_text(yaml.safe_dump(gold, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code = check_gold.main(["--articles", str(articles), str(path)])
    return code, capsys.readouterr().out


def test_a_right_file_passes(tmp_path, articles, gold, capsys):
    code, out = run(tmp_path, articles, gold, capsys)
    assert code == 0, out
    assert "1 file(s), 1 event(s), 1 skip(s)" in out


@pytest.mark.parametrize("breaks, says", [
    (lambda g: g["events"][0]["evidence"][0].update(start=g["events"][0]["evidence"][0]["start"] + 1),
     "g01 evidence[0]: text["),
    (lambda g: g["events"][0].update(governorate="Rif Dimashq"), "g01: governorate 'Rif Dimashq'"),
    (lambda g: g["events"][0].update(sub_event_type="Air/drone strike"), "g01: sub_event_type 'Air/drone strike'"),
    (lambda g: g["events"][0].update(killed={"low": 5, "high": 3}), "g01: killed high 3"),
    (lambda g: g["events"][0].update(date={"earliest": dt.date(2018, 4, 3), "latest": dt.date(2018, 4, 2)}), "g01: date earliest"),
    (lambda g: g["events"][0].update(id="g02"), "g02: id should be g01"),
    (lambda g: g["events"][0].update(actor1_ref="no-such-actor"), "g01: actor1_ref 'no-such-actor'"),
    (lambda g: g["events"][0].update(location_ar="دوما"), "g01: location_ar 'دوما'"),
    (lambda g: g["skipped"][0].update(kind="rumour"), "skipped[0]: kind 'rumour'"),
    (lambda g: g.update(article="001_c9aa099658fc15d9.txt"), "header: article"),
])
def test_a_wrong_file_is_named_with_its_problem(tmp_path, articles, gold, capsys, breaks, says):
    breaks(gold)
    code, out = run(tmp_path, articles, gold, capsys)
    assert code == 1
    assert f"{ARTICLE.replace('.txt', '.yaml')}: {says}" in out


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the ANT corpus is not at {CORPUS}")
@pytest.mark.parametrize("path", sorted((ROOT / "gold" / "ant-2018").glob("*/*.yaml")), ids=lambda p: p.stem)
def test_the_projects_gold_passes(path, capsys):
    code = check_gold.main(["--articles", str(CORPUS), str(path)])
    assert code == 0, capsys.readouterr().out
