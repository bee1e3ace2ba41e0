"""Errors that name the file, the record and the fix."""
from __future__ import annotations


class ConflictKGError(Exception):
    """Base error. `exit_code` follows pySHACL: 1 data does not conform, 2 input unreadable."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 record: str | None = None, fix: str | None = None):
        self.message, self.file, self.line, self.record, self.fix = message, file, line, record, fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
        if self.record:
            where += f" [{self.record}]" if where else f"[{self.record}]"
        text = f"{where}: {self.message}" if where else self.message
        if self.fix:
            text += f"\n  fix: {self.fix}"
        return text


class InputError(ConflictKGError):
    """A file cannot be read or parsed (exit code 2)."""


class FactError(ConflictKGError):
    """A curated fact is wrong: bad reference, quote not found, impossible value (exit code 1)."""

    exit_code = 1


class FactErrors(ConflictKGError):
    """Several fact errors, reported together so one build shows them all."""

    exit_code = 1

    def __init__(self, errors: list[ConflictKGError]):
        self.errors = errors
        Exception.__init__(self, str(self))

    def __str__(self) -> str:
        return f"{len(self.errors)} error(s) in the fact files:\n" + "\n".join(f"- {e}" for e in self.errors)


class ShaclViolation(ConflictKGError):
    """The RDF does not conform to the shapes (exit code 1)."""

    exit_code = 1

    def __init__(self, results: list):  # conflictkg.model.shacl.Result
        self.results = results
        Exception.__init__(self, str(self))

    def __str__(self) -> str:
        lines = [f"SHACL validation failed: {len(self.results)} violation(s)"]
        for r in self.results:
            lines.append(f"- {r.file or '?'} [{r.record or r.focus}] shape {r.shape}: {r.message}"
                         + (f" (value: {r.value})" if r.value else ""))
        return "\n".join(lines)


class StoreError(ConflictKGError):
    """The store cannot be opened or written (exit code 2)."""
