"""The command line: documented, and exit codes that mean something."""
import json

import click
from click.testing import CliRunner

from conflictkg.cli import main


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    assert "Example" in runner.invoke(main, ["--help"]).output
    for name, cmd in main.commands.items():
        assert isinstance(cmd, click.Command)
        out = runner.invoke(main, [name, "--help"]).output
        assert "Example:" in out and "conflictkg " + name in out, name


def test_stats_json(store):
    result = CliRunner().invoke(main, ["--store", str(store.path), "stats", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["totals"]["Article"] == 5 and len(data["articles"]) == 5


def test_stats_on_missing_store_says_build_first(tmp_path):
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "none"), "stats"])
    assert result.exit_code == 2
    assert "run 'conflictkg build' first" in result.output


def test_export_to_file(store, tmp_path):
    out = tmp_path / "kg.ttl"
    result = CliRunner().invoke(main, ["--store", str(store.path), "export", "--format", "ttl", "-o", str(out)])
    assert result.exit_code == 0 and out.stat().st_size > 10000
