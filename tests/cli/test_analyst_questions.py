"""The README's table of everyday questions: every command in it runs on the built seeds and answers."""
import json
import re
import shlex
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conflictkg.cli import main

README = Path(__file__).parents[2] / "README.md"


def commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    table = text.split("<!-- analyst-questions -->")[1].split("<!-- /analyst-questions -->")[0]
    return re.findall(r"\| `(conflictkg [^`]+)` \|", table)


def test_the_readme_asks_ten_questions():
    assert len(commands()) == 10


# What each answer must hold on the seeds: a row, a figure or a file a reader opens.
EXPECT = {
    "events --governorate Deir ez-Zor": "fact/003_117490c947766292/e06",
    "query isis-presence": "2023-",
    "query transfer-deals": "Idlib countryside",
    "query attacks-by-perpetrator": "Islamic State (ISIS)",
    "query casualties-by-governorate": "Al-Hasakah Governorate",
    "events --type Ambush": "Syrian regime forces",
    "query claims-by-source": "reported",
    "query evidence": "كمين",
}


@pytest.mark.parametrize("command", commands())
def test_every_question_is_answered(command, store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = shlex.split(command)[1:]
    r = CliRunner().invoke(main, args, env={"CONFLICTKG_STORE": str(store.path)}, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    if "-o" in args:
        out = tmp_path / args[args.index("-o") + 1]
        if out.suffix == ".geojson":
            features = json.loads(out.read_text(encoding="utf-8"))["features"]
            assert features and all(f["type"] == "Feature" for f in features)
        else:
            rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
            assert len(rows) > 1 and all("isis" in str(row).lower() for row in rows[1:])
        return
    expected = next(v for k, v in EXPECT.items() if " ".join(args).startswith(k))
    assert expected in r.output and "(0 rows)" not in r.output
