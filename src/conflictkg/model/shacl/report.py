"""One SHACL result type for both engines, the report they make, and that report as a standard
sh:ValidationReport graph."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Result:
    focus: str
    shape: str             # the owning node shape's local name (property shapes are blank nodes)
    message: str
    path: str = ""         # the property path in SPARQL syntax
    value: str = ""
    severity: str = "Violation"   # Violation, Warning, Info, or the IRI of a severity of one's own
    file: str | None = None    # the fact file and record the focus node comes from, when known
    record: str | None = None
    # the same in N-Triples syntax, for a standard report: focus and value node, the source shape (an IRI
    # or a blank node of the shapes graph) and the constraint component's IRI
    focus_node: str = ""
    value_node: str = ""
    source: str = ""
    component: str = ""


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def text(self) -> str:
        if self.conforms:
            return "Conforms: the data passes every shape."
        lines = [f"Does not conform: {len(self.violations)} violation(s)"]
        for r in self.violations:
            where = f"{r.file or '?'} [{r.record or r.focus}]"
            value = f" (value: {r.value})" if r.value else ""
            lines.append(f"- {where} shape {r.shape}: {r.message}{value}")
        return "\n".join(lines)
