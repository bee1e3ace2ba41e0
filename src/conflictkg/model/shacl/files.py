"""Any data file against any shapes file, with either engine, and the standard report written to a file."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph

from conflictkg.core.errors import InputError
from conflictkg.model import ontology

from . import validate
from .report import Report
from .standard import report_graph


@contextmanager
def _as_written():
    """rdflib literals kept as written: "1"^^xsd:boolean is not "true" for sh:closed, sh:uniqueLang … (the
    SHACL specification names only true), and rdflib would otherwise turn one into the other."""
    import rdflib

    old, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = old


def check(data: Path, shapes: Path, engine: str = "pyshacl") -> tuple[Report, Graph]:
    """Validate the data file against the shapes file (the ontology is not added) and return the report
    and the shapes graph. Unreadable files raise InputError with the line; shapes the fast engine cannot
    check raise fast.Unsupported naming the feature; shapes pySHACL cannot load raise InputError."""
    with _as_written():
        shapes_graph = ontology.parse_file(Path(shapes))
    data_graph = ontology.parse_file(Path(data))
    from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError

    try:
        report = validate(data_graph, engine=engine, shapes=shapes_graph, with_ontology=False)
    except (ShapeLoadError, ConstraintLoadError, ReportableRuntimeError) as e:
        raise InputError(f"pySHACL cannot use these shapes: {str(e).strip().splitlines()[0][:300]}",
                         file=str(shapes)) from None
    return report, shapes_graph


def text(report: Report) -> str:
    """Every result (by the SHACL specification, any result at all means the data does not conform)."""
    if not report.results:
        return "Conforms: no results."
    lines = [f"Does not conform: {len(report.results)} result(s)"]
    for r in report.results:
        path = f" path {r.path}" if r.path else ""
        value = f" value {r.value_node or r.value}" if (r.value_node or r.value) else ""
        kind = r.component.rsplit("#", 1)[-1]
        lines.append(f"- {r.severity} {r.focus_node or r.focus}{path}{value} [{kind}]: {r.message}")
    return "\n".join(lines)


def write_report(report: Report, shapes: Graph, path: Path) -> None:
    """The sh:ValidationReport in Turtle, written whole or not at all (a temporary file renamed)."""
    path = Path(path)
    data = report_graph(report, shapes).serialize(format="turtle", encoding="utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
