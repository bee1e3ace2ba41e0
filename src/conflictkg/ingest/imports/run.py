"""An import: stream rows, check each, turn a batch into RDF, validate it with SHACL, and publish it only when
it conforms. One batch is one transaction of the store: a failed or killed import leaves whole batches only."""
from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field
from pathlib import Path

from conflictkg.core.errors import ConflictKGError
from conflictkg.store.generations import Store
from . import link
from . import mapping
from . import nt
from . import triples
from . import batch_shacl as shacl_batch
from .checks import FieldError
from .csvfile import Reader, Row
from .dataset import Dataset
from .entities import EntityMatcher
from .incident import Incident
from .registry import find


class ImportAborted(ConflictKGError):
    """A row is bad and --on-error abort was given (exit code 1). Earlier batches stay imported."""

    exit_code = 1


@dataclass
class Rejected:
    line: int
    column: str
    value: str
    message: str
    fix: str = ""
    raw: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = f"row at line {self.line}" + (f", column {self.column}" if self.column else "")
        value = f" = {self.value!r}" if self.value else ""
        return f"{where}{value}: {self.message}" + (f"; fix: {self.fix}" if self.fix else "")


@dataclass
class ImportResult:
    dataset: str
    graph: str
    rows: int = 0
    imported: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    batches: int = 0
    triples: int = 0
    seconds: float = 0.0
    rejected_file: Path | None = None
    duplicates: int = 0
    timings: dict[str, float] = field(default_factory=lambda: {"validate": 0.0, "write": 0.0, "link": 0.0})


class _RejectedFile:
    """The rejected rows, as they were read, with the reason: so that nothing is silently lost."""

    def __init__(self, path: Path | None, header: list[str]):
        self.path, self.header, self._fh, self._w = path, header, None, None

    def write(self, r: Rejected) -> None:
        if self.path is None:
            return
        if self._w is None:
            self._fh = open(self.path, "w", encoding="utf-8", newline="")
            self._w = csv.writer(self._fh, lineterminator="\n")
            self._w.writerow(["line", "column", "value", "error", *self.header])
        self._w.writerow([r.line, r.column, r.value, f"{r.message}" + (f"; fix: {r.fix}" if r.fix else ""), *r.raw])

    def close(self) -> None:
        if self._fh:
            self._fh.close()


def _chunks(rows, size: int):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Batch:
    """Triples of a batch of incidents, and which row each node comes from."""

    def __init__(self, incidents: list[Incident], resolver: EntityMatcher, source: str, first: bool):
        self.incidents = incidents
        self.out = nt.Lines()
        self.origin: dict[str, Incident] = {}
        resolver.start_batch()
        if first:
            triples.dataset_triples(resolver, self.out)
        for inc in incidents:
            before = len(resolver.created)
            e = triples.incident(inc, resolver, source, self.out)
            for s in triples.subjects(inc.dataset, inc.record_id) + resolver.created[before:]:
                self.origin[s] = inc
        self.created = list(resolver.created)
        # the nodes this batch creates; English names it adds to existing entities cannot break a shape
        known = resolver.known
        self.focus = {s for s in (line.split(" ", 1)[0][1:-1] for line in self.out.lines)
                      if s not in known or s in self.created}

    def row_of(self, focus: str) -> Incident | None:
        node = focus
        while node and node not in self.origin:
            node = node.rpartition("/")[0]  # e.g. a geometry or count node under its parent's IRI
        return self.origin.get(node)


def import_file(path: Path, dataset: str | Dataset, store: Store, *, batch_size: int = 5000,
                on_error: str = "abort", rejected_path: Path | None = None, progress=None,
                validator=shacl_batch.batch, link_events: bool = True) -> ImportResult:
    """Import an ACLED or UCDP CSV file into the store. `dataset` is a name of registry.DATASETS ("acled",
    "ucdp") or a Dataset. See docs/import.md."""
    dataset = find(dataset)
    if on_error not in ("abort", "skip"):
        raise ConflictKGError(f"--on-error must be abort or skip, not '{on_error}'")
    t0 = time.perf_counter()
    path = Path(path)
    maps = mapping.load()
    reader = Reader(path)
    reader.require(dataset.required, dataset.layout)
    result = ImportResult(dataset.name, dataset.graph)
    rejects = _RejectedFile(rejected_path if on_error == "skip" else None, reader.header)
    seen: dict[str, int] = {}

    def reject(r: Rejected) -> None:
        if on_error == "abort":
            raise ImportAborted(f"{r}\n  {result.imported} row(s) in {result.batches} batch(es) were imported "
                                f"before it; nothing of the batch holding this row was written",
                                file=str(path), line=r.line,
                                fix="correct the row and import again (rows already imported are not duplicated),"
                                    " or use --on-error skip to import the good rows and list the bad ones")
        result.rejected.append(r)
        rejects.write(r)

    def check(row: Row) -> Incident | None:
        if "__width__" in row.values:
            reject(Rejected(row.line, "", "", f"has {row.values['__width__']} fields, the header has "
                            f"{len(reader.header)}", "check for an unquoted comma or a cut line", row.raw))
            return None
        try:
            inc = dataset.parse(row.values, row.line, maps)
        except FieldError as e:
            reject(Rejected(row.line, e.column, e.value, e.message, e.fix, row.raw))
            return None
        if inc.record_id in seen:
            reject(Rejected(row.line, dataset.id_column, inc.record_id,
                            f"duplicate id: the row at line {seen[inc.record_id]} has it too",
                            "keep one row per event id", row.raw))
            return None
        seen[inc.record_id] = row.line
        return inc

    try:
        with store.writer() as w:
            resolver = EntityMatcher(store, maps, dataset)
            replace = w.has_graph(result.graph)  # a re-import rewrites its rows instead of adding to them
            raw = {}
            for rows in _chunks(reader, batch_size):
                raw = {r.line: r.raw for r in rows}
                incidents = [i for i in (check(r) for r in rows) if i is not None]
                result.rows += len(rows)
                batch = _Batch(incidents, resolver, path.name, first=result.batches == 0)
                for _ in range(3):  # a dropped row can only remove violations; three passes is plenty
                    tv = time.perf_counter()
                    bad = validator(batch.out.bytes(), resolver.context(resolver.referenced), batch.focus)
                    result.timings["validate"] += time.perf_counter() - tv
                    if not bad:
                        break
                    culprits = {}
                    for v in bad:
                        inc = batch.row_of(v.focus)
                        if inc is not None:
                            culprits.setdefault(inc.line, (inc, v))
                    if not culprits:
                        raise ConflictKGError(f"SHACL violation not traced to a row: {bad[0]}", file=str(path))
                    for line, (inc, v) in sorted(culprits.items()):
                        reject(Rejected(line, v.path.rsplit("#", 1)[-1] if v.path.startswith("http") else "", v.value,
                                        f"SHACL {v.shape}: {v.message}", "", raw.get(line, [])))
                    resolver.rollback()
                    keep = [i for i in incidents if i.line not in culprits]
                    incidents = keep
                    batch = _Batch(keep, resolver, path.name, first=result.batches == 0)
                else:
                    raise ConflictKGError("a batch still has SHACL violations after dropping its bad rows",
                                          file=str(path))
                tw = time.perf_counter()
                if replace:
                    w.delete_subjects(result.graph, [s for i in incidents
                                                     for s in triples.subjects(dataset, i.record_id)])
                data = batch.out.bytes()
                w.add(result.graph, data)
                w.commit()
                result.timings["write"] += time.perf_counter() - tw
                result.imported += len(incidents)
                result.batches += 1
                result.triples += len(batch.out)
                if progress:
                    progress(result, reader.bytes_read, reader.size)
    finally:
        rejects.close()
    if result.rejected and rejected_path is not None:
        result.rejected_file = rejected_path
    if link_events:
        tl = time.perf_counter()
        result.duplicates = link.link(store)
        result.timings["link"] = time.perf_counter() - tl
    result.seconds = time.perf_counter() - t0
    return result
