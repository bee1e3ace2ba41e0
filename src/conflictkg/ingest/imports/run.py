"""An import: stream rows, check each, turn a batch into RDF, validate it with SHACL, and publish it only when
it conforms. One batch is one transaction of the store: a failed or killed import leaves whole batches only."""
from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from conflictkg.core import controls, memory
from conflictkg.core.errors import ConflictKGError
from conflictkg.curation import links as link
from conflictkg.store.generations import Store, Writer

from . import batch_shacl, mapping, triples
from .batch import Batch, chunks
from .checks import FieldError
from .csvfile import Reader, Row
from .dataset import Dataset
from .entities import EntityMatcher
from .incident import Incident
from .jsonfile import JsonRecords, is_json
from .registry import find
from .rejects import Rejected, RejectedFile, where_of
from .seen import SeenIds

OWN_COLUMN = "ckg_"  # the columns our exports add after a dataset's own (share/exports/acled_csv.py)


class ImportAborted(ConflictKGError):
    """A row is bad and --on-error abort was given (exit code 1). Earlier batches stay imported."""

    exit_code = 1


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
    unchanged: int = 0  # rows already in the store exactly as the file gives them: nothing written for them
    timings: dict[str, float] = field(default_factory=lambda: {"validate": 0.0, "write": 0.0, "link": 0.0})


class Importer:
    """One file read into the store batch by batch: each row checked, each batch validated, then committed.
    A bad row stops the import (on_error "abort") or is left out and listed (on_error "skip")."""

    def __init__(self, path: Path, dataset: Dataset, store: Store, *, batch_size: int, on_error: str,
                 rejected_path: Path | None, progress, validator, link_events: bool = False):
        self.path, self.dataset, self.store, self.link_events = Path(path), dataset, store, link_events
        self.batch_size, self.on_error, self.progress, self.validator = batch_size, on_error, progress, validator
        self.maps = mapping.load()
        json_file = self.path.is_file() and is_json(self.path)  # the UCDP API's answer
        self.reader: Reader | JsonRecords = (JsonRecords if json_file else Reader)(self.path)
        self.reader.require(dataset.required, dataset.layout)
        self.result = ImportResult(dataset.name, dataset.graph)
        self.rejects = RejectedFile(rejected_path if on_error == "skip" else None, self.reader.header,
                                    dataset.numeric, self.reader.unit)
        self.seen = SeenIds()  # record id → line (in JSON: number) of the row that had it first
        self.built = 0  # batches built and validated (the writes follow a batch behind)
        self.pending: Future | None = None  # the write of the last batch built

    def run(self) -> ImportResult:
        """Batch k is written and published by a second thread while this one reads, builds and validates
        batch k+1 (pyoxigraph's bulk load leaves the interpreter free). Writes stay one at a time and in order,
        and a batch is handed over only once it conforms: a bad row still stops the import with every earlier
        batch published whole and nothing of its own."""
        try:
            # the pool is left (waiting for the write in flight) before the writer's working copy is closed
            with self.store.writer() as w, ThreadPoolExecutor(1, thread_name_prefix="import-write") as pool:
                matcher = EntityMatcher(self.store, self.maps, self.dataset)
                replace = w.has_graph(self.result.graph)  # a re-import rewrites its rows instead of adding to them
                for rows in chunks(self.reader, self.batch_size):
                    incidents = [i for i in (self.check(r) for r in rows) if i is not None]
                    self.seen.flush()
                    self.result.rows += len(rows)
                    batch = self.validated(incidents, matcher, {r.line: r.raw for r in rows})
                    self.built += 1
                    self.settle()
                    self.pending = pool.submit(self.write, batch, w, replace)
                    rows = incidents = batch = None  # not held while the next batch is read
                self.settle()
                # what reading needed goes before the writer's last commit computes the kept answers
                matcher = None
                memory.release()
                if self.link_events:  # in this writer: its last commit publishes the links and the aggregates once
                    t = time.perf_counter()
                    self.result.duplicates = link.link(self.store, w)
                    self.result.timings["link"] = time.perf_counter() - t
        finally:
            self.rejects.close()
            self.seen.close()
        return self.result

    def settle(self) -> None:
        """Wait for the batch being written (raising what its write raised), then report progress."""
        pending, self.pending = self.pending, None
        if pending is not None:
            t = time.perf_counter()
            pending.result()
            self.result.timings["waited"] = self.result.timings.get("waited", 0.0) + time.perf_counter() - t
            if self.progress:
                self.progress(self.result, self.reader.bytes_read, self.reader.size)

    # ------------------------------------------------------------------ rows
    def check(self, row: Row) -> Incident | None:
        """The row as an Incident, or None when it is rejected: wrong width, a bad field or a repeated id."""
        if "__width__" in row.values:
            self.reject(Rejected(row.line, "", "", f"has {row.values['__width__']} fields, the header has "
                                 f"{len(self.reader.header)}", "check for an unquoted comma or a cut line", row.raw))
            return None
        clean = controls.find("".join(row.raw)) is None  # one search per row, the fields only when it finds one
        for column, value in ([] if clean else zip(self.reader.header, row.raw)):
            bad = controls.find(value)
            if bad:  # shown around the character, escaped
                self.reject(Rejected(row.line, column, value[max(0, bad.start() - 30):bad.start() + 30],
                                     f"holds the control character {controls.name(bad[0])} at character "
                                     f"{bad.start() + 1}", "delete it, it is no text (and XML cannot carry it), e.g. "
                                     r"with tr -d '\000-\010\013\014\016-\037'", row.raw))
                return None
        try:
            inc = self.dataset.parse(row.values, row.line, self.maps)
        except FieldError as e:
            self.reject(Rejected(row.line, e.column, e.value, e.message, e.fix, row.raw))
            return None
        first = self.seen.first(inc.record_id)
        if first is not None:
            self.reject(Rejected(row.line, self.dataset.id_column, inc.record_id,
                                 f"duplicate id: the {where_of(first, self.reader.unit)} has it too",
                                 "keep one row per event id", row.raw))
            return None
        self.seen.add(inc.record_id, row.line)
        # our own columns (of a re-imported export) are not the source's values
        inc.source_values = {k: v for k, v in (row.written or row.values).items() if not k.startswith(OWN_COLUMN)}
        return inc

    def reject(self, r: Rejected) -> None:
        """Stop the import at a bad row (abort), or list it and go on (skip)."""
        r.unit = self.reader.unit
        if self.on_error == "abort":
            self.settle()  # the batch before this one is written whole before the import stops
            raise ImportAborted(f"{r}\n  {self.result.imported} row(s) in {self.result.batches} batch(es) were "
                                f"imported before it; nothing of the batch holding this row was written",
                                file=str(self.path), line=r.line if r.unit == "line" else None,
                                fix="correct the row and import again (rows already imported are not duplicated),"
                                    " or use --on-error skip to import the good rows and list the bad ones")
        self.result.rejected.append(r)
        self.rejects.write(r)

    # ------------------------------------------------------------------ batches
    def build(self, incidents: list[Incident], matcher: EntityMatcher) -> Batch:
        return Batch(incidents, matcher, self.path.name, first=self.built == 0)

    def validated(self, incidents: list[Incident], matcher: EntityMatcher, raw: dict[int, list[str]]) -> Batch:
        """The batch of `incidents` once SHACL finds no violation in it: the rows it blames are rejected and the
        batch rebuilt without them. `raw` gives each row as read, by line, for the rejected-rows file."""
        batch = self.build(incidents, matcher)
        for _ in range(3):  # a dropped row can only remove violations; three passes is plenty
            bad = self.violations(batch, matcher)
            if not bad:
                return batch
            culprits = self.blamed(batch, bad)
            for line, (inc, v) in sorted(culprits.items()):
                self.reject(Rejected(line, v.path.rsplit("#", 1)[-1] if v.path.startswith("http") else "", v.value,
                                     f"SHACL {v.shape}: {v.message}", "", raw.get(line, [])))
            matcher.rollback()
            batch = self.build([i for i in batch.incidents if i.line not in culprits], matcher)
        raise ConflictKGError("a batch still has SHACL violations after dropping its bad rows", file=str(self.path))

    def violations(self, batch: Batch, matcher: EntityMatcher) -> list:
        t = time.perf_counter()
        bad = self.validator(batch.out.bytes(), matcher.context(matcher.referenced), batch.focus)
        self.result.timings["validate"] += time.perf_counter() - t
        return bad

    def blamed(self, batch: Batch, bad: list) -> dict:
        """line → (incident, its first violation) of the rows the violations are on."""
        culprits = {}
        for v in bad:
            inc = batch.row_of(v.focus)
            if inc is not None:
                culprits.setdefault(inc.line, (inc, v))
        if not culprits:
            raise ConflictKGError(f"SHACL violation not traced to a row: {bad[0]}", file=str(self.path))
        return culprits

    def write(self, batch: Batch, w: Writer, replace: bool) -> None:
        """Publish the batch as one transaction, replacing what an earlier import of its rows wrote."""
        t = time.perf_counter()
        subjects = [s for i in batch.incidents for s in triples.subjects(self.dataset, i.record_id)]
        if replace and w.holds(self.result.graph, subjects, batch.out.bytes()):
            self.result.unchanged += len(batch.incidents)  # a re-import of the same rows publishes nothing
        else:
            if replace:
                w.delete_subjects(self.result.graph, subjects)
            w.add(self.result.graph, batch.out.bytes())
            w.commit()
            self.result.triples += len(batch.out)
        memory.release()  # the batch's loading buffers, freed, go back to the system
        self.result.timings["write"] += time.perf_counter() - t
        self.result.imported += len(batch.incidents)
        self.result.batches += 1


def import_file(path: Path, dataset: str | Dataset, store: Store, *, batch_size: int = 5000,
                on_error: str = "abort", rejected_path: Path | None = None, progress=None,
                validator=batch_shacl.batch, link_events: bool = True) -> ImportResult:
    """Import an ACLED or UCDP CSV file, or a UCDP API answer (JSON), into the store. `dataset` is a name of registry.DATASETS ("acled",
    "ucdp") or a Dataset. See docs/import.md."""
    dataset = find(dataset)
    if on_error not in ("abort", "skip"):
        raise ConflictKGError(f"--on-error must be abort or skip, not '{on_error}'")
    t0 = time.perf_counter()
    result = Importer(path, dataset, store, batch_size=batch_size, on_error=on_error, rejected_path=rejected_path,
                      progress=progress, validator=validator, link_events=link_events).run()
    if result.rejected and rejected_path is not None:
        result.rejected_file = rejected_path
    result.seconds = time.perf_counter() - t0
    return result
