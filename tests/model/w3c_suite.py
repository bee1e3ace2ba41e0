"""The W3C SHACL test suite (tests/data/w3c-shacl) read from its manifests and run through
`conflictkg validate --shapes … --engine … --report …`, each test judged pass, refused or wrong.

A test passes when the command's exit code and report say what the manifest's expected report says:
conforms, and the same set of (focus node, path, value, severity, source shape, constraint component).
A test whose expected result is sht:Failure passes when the command refuses it (exit 2). Exit 2 on any
other test is a refusal (the reason is kept). Anything else is wrong.

Terms are compared as the suite means them: IRIs as they are; literals by datatype, language and value
(the compiled engine's store writes "4.0"^^xsd:decimal in its canonical form "4", the same value, while
"4"^^xsd:integer stays apart); blank nodes of the data as "some blank node" (a report cannot name the
data's blank nodes); blank-node shapes and paths by their structure, which the report copies."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from rdflib import BNode, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, Namespace

from conflictkg.cli import main

SUITE = Path(__file__).parents[1] / "data" / "w3c-shacl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")


@dataclass
class Case:
    name: str          # e.g. core/node/maxExclusive-001
    file: Path         # the test's own file (holds the expected report)
    data: Path
    shapes: Path
    failure: bool      # the manifest expects the processor to fail


def cases(folder: str) -> list[Case]:
    out = []
    todo = [SUITE / folder / "manifest.ttl"]
    while todo:
        path = todo.pop()
        g = Graph().parse(path, format="turtle", publicID=path.as_uri())
        todo += [Path(str(i).removeprefix("file://")) for i in g.objects(None, MF.include)]
        for lst in g.objects(None, MF.entries):
            for test in Collection(g, lst):
                action = g.value(test, MF.action)
                data = Path(str(g.value(action, SHT.dataGraph)).removeprefix("file://"))
                shapes = Path(str(g.value(action, SHT.shapesGraph)).removeprefix("file://"))
                name = str(path.relative_to(SUITE).with_suffix(""))
                out.append(Case(name, path, data, shapes, g.value(test, MF.result) == SHT.Failure))
    return sorted(out, key=lambda c: c.name)


def _sig(g: Graph, node, depth=0):
    """A blank node by its structure (recursively), anything else as itself."""
    if isinstance(node, BNode):
        if depth > 20:
            return "_:deep"
        return tuple(sorted((str(p), _sig(g, o, depth + 1)) for p, o in g.predicate_objects(node)))
    return _term(node)


def _term(t):
    if t is None:
        return None
    if isinstance(t, BNode):
        return "_:"
    if isinstance(t, Literal):
        numeric = isinstance(t.value, (int, float, Decimal)) and not getattr(t, "ill_typed", False)
        value = t.value if numeric else str(t)
        return ("literal", str(t.datatype or ""), (t.language or "").lower(), value)
    return str(t)


def results(g: Graph, report) -> set[tuple]:
    out = set()
    for r in g.objects(report, SH.result):
        out.add((_term(g.value(r, SH.focusNode)), _sig(g, g.value(r, SH.resultPath)), _term(g.value(r, SH.value)),
                 str(g.value(r, SH.resultSeverity)), _sig(g, g.value(r, SH.sourceShape)),
                 str(g.value(r, SH.sourceConstraintComponent))))
    return out


def expected(case: Case) -> tuple[bool, set[tuple]]:
    g = Graph().parse(case.file, format="turtle", publicID=case.file.as_uri())
    for test in g.subjects(MF.action, None):
        rep = g.value(test, MF.result)
        conforms = g.value(rep, SH.conforms)
        return bool(conforms.toPython()), results(g, rep)
    raise AssertionError(f"{case.file}: no test")


def run(case: Case, engine: str, tmp: Path) -> tuple[str, str]:
    """(outcome, detail): outcome is pass, refused or wrong."""
    out = tmp / f"{case.name.replace('/', '_')}-{engine}.ttl"
    res = CliRunner().invoke(main, ["validate", "--shapes", str(case.shapes), "--engine", engine,
                                    "--report", str(out), str(case.data)])
    if res.exit_code == 2:
        reason = (res.stderr if hasattr(res, "stderr") else res.output).strip()
        return ("pass" if case.failure else "refused"), reason
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        return "wrong", f"crashed: {res.exception!r}"
    if case.failure:
        return "wrong", "the suite expects a failure"
    conforms, want = expected(case)
    got_graph = Graph().parse(out, format="turtle")
    rep = next(got_graph.subjects(RDF.type, SH.ValidationReport))
    got = results(got_graph, rep)
    got_conforms = got_graph.value(rep, SH.conforms).toPython()
    if got_conforms != conforms or res.exit_code != (0 if conforms else 1) or got != want:
        return "wrong", f"conforms {got_conforms} (want {conforms}), exit {res.exit_code}; " \
                        f"missing {sorted(map(str, want - got))}; extra {sorted(map(str, got - want))}"
    return "pass", ""
