"""The W3C SHACL test suite through `conflictkg validate --shapes … --engine … --report …`: the compiled
engine gives no wrong answer on `core` and `sparql` (each test passes or is refused with the feature
named), and pySHACL's own outcome is recorded (see tests/model/w3c_suite.py for how tests are judged)."""
import collections
import logging
import warnings

import pytest
from click.testing import CliRunner
from w3c_suite import SUITE, cases, run

from conflictkg.cli import main

FOLDERS = ("core", "sparql")
# pySHACL 0.40's own wrong answers on the suite, as this runner judges them (kept so that a change shows)
PYSHACL_WRONG = {"core/property/or-datatypes-001", "core/property/uniqueLang-002"}
# the compiled engine's wrong answers before they were fixed: nested sh:property on the outer node,
# 4.0 and 4 merged, an extra sh:value, SPARQL-based components skipped, $this joined in nested groups,
# a missing sh:value, sh:prefixes through owl:imports
ONCE_WRONG = ["core/property/property-001", "core/validation-reports/shared", "core/node/maxExclusive-001",
              "core/node/minExclusive-001", "core/node/hasValue-001", "sparql/component/validator-001",
              "sparql/component/optional-001", "sparql/component/propertyValidator-select-001",
              "sparql/pre-binding/unsupported-sparql-006", "sparql/pre-binding/pre-binding-003",
              "sparql/pre-binding/pre-binding-005", "sparql/pre-binding/pre-binding-001",
              "sparql/node/prefixes-001"]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """{engine: {test name: (outcome, detail)}} for every test of both folders."""
    tmp = tmp_path_factory.mktemp("w3c")
    logging.disable(logging.CRITICAL)  # rdflib logs every ill-typed literal the suite holds on purpose
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return {engine: {c.name: run(c, engine, tmp) for f in FOLDERS for c in cases(f)}
                    for engine in ("fast", "pyshacl")}
    finally:
        logging.disable(logging.NOTSET)


def table(outcomes) -> dict[tuple[str, str], collections.Counter]:
    out = {}
    for engine, by_test in outcomes.items():
        for name, (outcome, _) in by_test.items():
            out.setdefault((engine, name.split("/")[0]), collections.Counter())[outcome] += 1
    return out


def test_the_suite_is_vendored_whole():
    assert len(cases("core")) == 98 and len(cases("sparql")) == 22
    assert (SUITE / "README.md").read_text(encoding="utf-8").count("ff9edb9c85375498b49391fb65ef3ff6525ebe08") == 1


def test_fast_engine_gives_no_wrong_answer(outcomes):
    wrong = {n: d for n, (o, d) in outcomes["fast"].items() if o == "wrong"}
    assert wrong == {}
    counts = table(outcomes)
    assert counts[("fast", "core")]["pass"] >= 91 and counts[("fast", "sparql")]["pass"] >= 14


def test_every_refusal_names_the_feature(outcomes):
    for name, (outcome, detail) in outcomes["fast"].items():
        if outcome == "refused":
            assert "refused:" in detail and ("sh:" in detail or "SPARQL" in detail or "datatype" in detail), name


@pytest.mark.parametrize("name", ONCE_WRONG)
def test_once_wrong_answers_now_pass_bug(outcomes, name):
    """Regression: each of these W3C tests got a wrong answer from the compiled engine. SPARQL-based
    constraint components are refused now (naming the component); the rest pass."""
    want = "refused" if name.startswith("sparql/component/") else "pass"
    assert outcomes["fast"][name][0] == want, outcomes["fast"][name][1]


def test_pyshacl_outcome_is_recorded(outcomes):
    wrong = {n for n, (o, _) in outcomes["pyshacl"].items() if o == "wrong"}
    assert wrong == PYSHACL_WRONG


def test_refused_shapes_exit_2_and_write_no_report(tmp_path):
    shapes = SUITE / "sparql" / "component" / "validator-001.ttl"
    report = tmp_path / "r.ttl"
    res = CliRunner().invoke(main, ["validate", "--shapes", str(shapes), "--engine", "fast", "--report",
                                    str(report), str(shapes)])
    assert res.exit_code == 2 and "ex:test1" in res.output and "constraint component" in res.output
    assert not report.exists()


def test_unreadable_data_exits_2_with_the_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    shapes = SUITE / "core" / "node" / "class-001.ttl"
    res = CliRunner().invoke(main, ["validate", "--shapes", str(shapes), "--engine", "fast", str(bad)])
    assert res.exit_code == 2 and "bad.ttl:2" in res.output


def test_report_needs_shapes(tmp_path):
    res = CliRunner().invoke(main, ["validate", "--report", str(tmp_path / "r.ttl"), "x.ttl"])
    assert res.exit_code == 2 and "--report needs --shapes" in res.output
