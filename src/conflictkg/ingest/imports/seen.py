"""The record ids an import has read, and the line (in JSON: the number) of the row that had each first.

A dict of every id held 115 MB at 1,000,000 rows (and grew with the file); here the ids of earlier batches live
in a temporary SQLite table on disk, with a page cache of a few MB, and only the current batch's in a dict.
A bitmap of 4 MB (two bits per id, set from its hash) says which ids cannot have been read, so the table is
asked only about the few others. Exact: an id is found again only if it was read before, whatever its text.
"""
from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

BITS = 1 << 25
MASK = BITS - 1


class SeenIds:
    """record id → the line that had it first, for one import; close() removes the table."""

    def __init__(self):
        self.folder = tempfile.TemporaryDirectory(prefix="conflictkg-ids-")
        self.db = sqlite3.connect(Path(self.folder.name) / "ids.sqlite", isolation_level=None)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4096;"
                              "CREATE TABLE ids (id TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID;")
        self.pending: dict[str, int] = {}  # the current batch's, written by flush()
        self.count = 0
        self.bits = bytearray(BITS // 8)  # an id whose two bits are not both set was never added

    @staticmethod
    def _positions(record_id: str) -> tuple[int, int]:
        h = hash(record_id)
        return h & MASK, (h >> 32) & MASK

    def first(self, record_id: str) -> int | None:
        """The line of the row that had `record_id` before, or None if no row had it."""
        line = self.pending.get(record_id)
        if line is None and self.count:
            a, b = self._positions(record_id)
            if not (self.bits[a >> 3] >> (a & 7) & 1 and self.bits[b >> 3] >> (b & 7) & 1):
                return None
            hit = self.db.execute("SELECT line FROM ids WHERE id = ?", (record_id,)).fetchone()
            line = hit[0] if hit else None
        return line

    def add(self, record_id: str, line: int) -> None:
        self.pending[record_id] = line
        a, b = self._positions(record_id)
        self.bits[a >> 3] |= 1 << (a & 7)
        self.bits[b >> 3] |= 1 << (b & 7)

    def flush(self) -> None:
        """Move the current batch's ids to the table (call it between batches)."""
        if self.pending:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT INTO ids VALUES (?, ?)", self.pending.items())
            self.db.execute("COMMIT")
            self.count += len(self.pending)
            self.pending = {}

    def __len__(self) -> int:
        return self.count + len(self.pending)

    def __contains__(self, record_id: str) -> bool:
        return self.first(record_id) is not None

    def close(self) -> None:
        self.db.close()
        self.folder.cleanup()
