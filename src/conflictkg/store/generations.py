"""The embedded store: pyoxigraph (RocksDB) on disk, replaced atomically.

Layout of the store folder:
    CURRENT          name of the live generation (replaced with os.replace, which is atomic)
    gen-<sha>/       one pyoxigraph database, named by the hash of its content's digests
    gen-<sha>.json   manifest: triple counts, digests and build figures
    gen-<sha>.kept.sqlite    the named queries' answers: aggregates by the writer, the rest at first ask
    .work-<pid>/     a writer's working copy, never read by anyone else
    .lock            held (flock) by the one command that writes; says which command that is
    .leases/         a lease file per generation a live reader holds open (leases.py)
Readers open the live generation read-only, and RocksDB does not allow a writer beside them. So no
generation is ever written once live: a writer starts from a hard-linked copy of the live one (RocksDB
checkpoint, milliseconds), changes it, and publishes it as a new generation by moving CURRENT. A failed
or killed writer leaves the live store exactly as it was. Pruning keeps the generation live just before,
and every generation a live reader holds a lease on. Builds fill two named graphs (ontology, facts);
ingested articles and imports live in named graphs of their own and so survive rebuilds.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib import Graph

from conflictkg.core.errors import StoreError
from conflictkg.core.ns import GRAPH_FACTS, GRAPH_ONTOLOGY

from . import solutions, summary
from .leases import Lease, leased
from .ntriples import canonical

BUILT_GRAPHS = (str(GRAPH_ONTOLOGY), str(GRAPH_FACTS))
WRITER_WAIT = 2.0  # seconds a writing command waits for another (a writable endpoint's update is brief)


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)

    # ------------------------------------------------------------------ reading
    def current(self) -> Path | None:
        pointer = self.path / "CURRENT"
        if not pointer.exists():
            return None
        gen = self.path / pointer.read_text(encoding="utf-8").strip()
        return gen if gen.is_dir() else None

    def manifest(self) -> dict:
        gen = self.current()
        if gen is None:
            return {}
        return json.loads(gen.with_suffix(".json").read_text(encoding="utf-8"))

    def open(self) -> ox.Store:
        """Open the live generation read-only; error if nothing has been built yet."""
        gen = self.current()
        if gen is None:
            raise StoreError(f"no knowledge graph in {self.path}", fix="run 'conflictkg build' first")
        self.tidy()
        try:
            return ox.Store.read_only(str(gen))
        except OSError as e:
            raise StoreError(f"cannot open the store: {e}", file=str(gen)) from None

    def query(self, sparql: str):
        return self.open().query(sparql, use_default_graph_as_union=True)

    def select(self, sparql: str) -> tuple[list[str], list[dict[str, str | None]]]:
        """A SELECT's column names and its rows as plain strings (None where unbound); an ASK gives one
        column, "boolean", as in SPARQL JSON results."""
        res = self.query(sparql)
        if isinstance(res, ox.QueryBoolean):
            return ["boolean"], [{"boolean": str(bool(res)).lower()}]
        if not isinstance(res, ox.QuerySolutions):
            raise StoreError("a CONSTRUCT or DESCRIBE query gives a graph, not rows",
                             fix="use SELECT or ASK here; 'conflictkg serve' answers CONSTRUCT with a graph")
        cols, rows = solutions.records(res)
        return cols, list(rows)

    def graphs(self) -> dict[str, int]:
        """Triples per named graph of the live generation."""
        cols, rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
        return {r["g"]: int(r["n"]) for r in rows}

    # ------------------------------------------------------------------ leases and leftovers
    def snapshot(self) -> "Snapshot":
        """The live generation as a Store of its own, opened once and leased until its release()."""
        return Snapshot(self)

    def lease(self) -> Lease:
        """A lease on the live generation, which pruning respects until it is released: for readers that
        keep a generation open while writers publish newer ones."""
        for _ in range(20):
            gen = self.current()
            if gen is None:
                raise StoreError(f"no knowledge graph in {self.path}", fix="run 'conflictkg build' first")
            lease = Lease(self.path, gen.name)
            if self.current() == gen:  # still live once the lease is written: every later prune sees it
                return lease
            lease.release()
        raise StoreError(f"the store {self.path} changed 20 times while a lease was taken", fix="try again")

    def tidy(self) -> None:
        """Remove what killed writers left (working copies, half-written generations), when no writer runs.
        Readers call it, so a killed import's work folder does not wait for the next write."""
        if not self._leftovers():
            return
        try:
            with self.lock(quiet=True):
                self._remove_leftovers()
        except (StoreError, OSError):
            pass  # a writer is at work (its folders are its own), or the store is not ours to change

    def _leftovers(self) -> list[Path]:
        return [*self.path.glob(".work-*"), *self.path.glob(".gen-*.tmp")]

    def _remove_leftovers(self) -> None:
        for stale in self._leftovers():
            shutil.rmtree(stale, ignore_errors=True)

    # ------------------------------------------------------------------ writing
    @contextlib.contextmanager
    def lock(self, wait: float = 0, *, quiet: bool = False):
        """Hold the store's writer lock: one writing command at a time; readers never wait. Waits up to
        `wait` seconds for another writer to finish; then refuses, naming the command that holds it."""
        self.path.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait
        with open(self.path / ".lock", "a+", encoding="utf-8") as fh:  # "a": waiting must not touch the file
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        fh.seek(0)
                        holder = fh.read().strip()
                        raise StoreError(f"another conflictkg command is writing {self.path}"
                                         + (f" ({holder})" if holder else ""),
                                         fix="wait for it to finish, then run this again") from None
                    time.sleep(0.05)
            try:
                if not quiet:
                    fh.truncate(0)
                    fh.write(f"pid {os.getpid()}: {' '.join(['conflictkg', *sys.argv[1:]])[:300]}\n")
                    fh.flush()
                yield
            finally:
                if not quiet:
                    fh.truncate(0)
                fcntl.flock(fh, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def writer(self) -> Iterator["Writer"]:
        """A working copy of the live generation to write into, published when the block ends without an
        error (and at each Writer.commit). On an error, or if the process dies, nothing is published."""
        if self.current() is None:
            raise StoreError(f"no knowledge graph in {self.path}", fix="run 'conflictkg build' first")
        with self.lock(WRITER_WAIT):
            w = Writer(self, self.working_copy())
            try:
                yield w
                w.commit(summarise=True)
            except Exception:
                self.summarise_live()  # what an earlier commit published stays answerable from a summary
                raise
            finally:
                w.close()

    def summarise_live(self) -> None:
        """Make the kept answers of the live generation (summary.py) if it has none, holding a lease on it.
        The writer's lock is not needed: a writer may publish meanwhile, and a table made for a generation is
        only ever read for that generation. For generations published without one (serve --writable)."""
        live = self.current()
        if live is None or not summary.missing(live):
            return  # nothing to make: no lease taken, not one file of the store touched
        lease = self.lease()
        try:
            gen = self.path / lease.name
            if summary.missing(gen):
                summary.keep(ox.Store.read_only(str(gen)), gen)
        finally:
            lease.release()

    def replace(self, ontology: Graph, facts: Graph, info: dict) -> dict:
        """Publish a new build: the ontology and facts graphs replaced, every added graph (ingested articles,
        imports) kept. Returns the new manifest."""
        onto_nt, facts_nt = canonical(ontology), canonical(facts)
        digest = hashlib.sha256(onto_nt + b"\0" + facts_nt).hexdigest()[:16]
        with self.lock(WRITER_WAIT):
            base = self.manifest()
            manifest = dict(info, build_digest=digest, ontology_triples=onto_nt.count(b"\n"),
                            fact_triples=facts_nt.count(b"\n"), added=base.get("added", {}))
            if base.get("updates"):  # SPARQL updates of a writable endpoint outside the built graphs stay
                manifest["updates"] = base["updates"]
            if _name(manifest) == base.get("generation"):
                return base  # the same content is live already
            work = self.working_copy()
            try:
                db = ox.Store(str(work))
                for graph, nt in ((GRAPH_ONTOLOGY, onto_nt), (GRAPH_FACTS, facts_nt)):
                    db.remove_graph(ox.NamedNode(str(graph)))
                    db.bulk_load(nt, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(graph)))
                db.flush()
                return self._publish(db, manifest, summarise=True)
            except (OSError, SyntaxError, ValueError) as e:
                raise StoreError(f"cannot write the store: {e}", file=str(work)) from None
            finally:
                db = None
                shutil.rmtree(work, ignore_errors=True)

    def working_copy(self) -> Path:
        """A private, writable copy of the live generation (or an empty database before the first build).
        Call it holding lock(); publish it with publish_copy()."""
        self._remove_leftovers()  # left by a killed writer; we hold the lock
        work = self.path / f".work-{os.getpid()}"
        live = self.current()
        try:
            if live is None:
                ox.Store(str(work)).flush()
            else:
                ox.Store.read_only(str(live)).backup(str(work))
        except OSError as e:
            raise StoreError(f"cannot copy the store: {e}", file=str(work)) from None
        return work

    def publish_copy(self, work: Path, manifest: dict) -> dict:
        """Publish the working copy at `work` (closed by whoever wrote it) as the live generation described
        by `manifest`; call it holding lock(). Returns the manifest."""
        try:
            return self._publish(ox.Store(str(work)), manifest)
        except OSError as e:
            raise StoreError(f"cannot publish the store: {e}", file=str(work)) from None

    def _publish(self, db: ox.Store, manifest: dict, *, summarise: bool = False) -> dict:
        """Make a checkpoint of the working copy `db` the live generation, with its summary table when
        `summarise` (before it goes live, so that readers find both at once). Returns the manifest."""
        name = _name(manifest)
        manifest = dict(manifest, generation=name)
        gen, tmp = self.path / name, self.path / f".{name}.tmp"
        previous = self.current()
        shutil.rmtree(tmp, ignore_errors=True)
        if gen.is_dir() and gen != previous:  # left by a crash between writing and switching: not trusted
            shutil.rmtree(gen)
            summary.path_of(gen).unlink(missing_ok=True)
        if not gen.is_dir():
            db.backup(str(tmp))
            os.replace(tmp, gen)
        if summarise:
            summary.keep(db, gen)
        gen.with_suffix(".json").write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        pointer = self.path / "CURRENT.tmp"
        pointer.write_text(name + "\n", encoding="utf-8")
        os.replace(pointer, self.path / "CURRENT")
        self._prune(keep={name, previous.name if previous else name})
        return manifest

    def _prune(self, keep: set[str]) -> None:
        """Drop old generations; the one live just before stays, for readers that still have it open, and so
        does every one a live reader holds a lease on."""
        keep = keep | leased(self.path)
        for p in self.path.iterdir():
            m = _GENERATION.match(p.name)  # the generation, its manifest, its kept answers and their temporary file
            if m and m[1] not in keep:
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)


class Snapshot(Store):
    """The generation live when it was taken, opened once and leased until release(): a long-lived reader's
    consistent view (the web view reads its pages from one), which pruning leaves alone."""

    def __init__(self, store: Store):
        super().__init__(store.path)
        self.lease_ = store.lease()
        self.generation = store.path / self.lease_.name
        try:
            self.db = ox.Store.read_only(str(self.generation))
        except OSError as e:
            self.lease_.release()
            raise StoreError(f"cannot open the store: {e}", file=str(self.generation)) from None

    def current(self) -> Path:
        return self.generation

    def open(self) -> ox.Store:
        return self.db

    def release(self) -> None:
        """Let pruning have the generation (once nothing reads this snapshot any more)."""
        self.lease_.release()


_GENERATION = re.compile(r"^\.?(gen-[0-9a-f]+)(?:$|\.)")


def _name(manifest: dict) -> str:
    """A generation's name: the hash of the build's digest and of every added graph's digest."""
    added = manifest.get("added") or {}
    if not added and not manifest.get("updates"):
        return f"gen-{manifest['build_digest']}"
    text = manifest["build_digest"] + "".join(f"\n{g} {a['digest']}" for g, a in sorted(added.items()))
    if manifest.get("updates"):  # the chained digest of the SPARQL updates a writable endpoint applied
        text += f"\nupdates {manifest['updates']}"
    return "gen-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Writer:
    """Writes into named graphs of a private working copy; readers see it only once commit() publishes it."""

    def __init__(self, store: Store, work: Path):
        self.store, self.work = store, work
        self.db = ox.Store(str(work))
        self.manifest = dict(store.manifest())
        self.added = {g: dict(a) for g, a in self.manifest.get("added", {}).items()}
        self.changed = False

    def _check(self, graph: str) -> None:
        if graph in BUILT_GRAPHS:
            raise StoreError(f"the graph {graph} is written by 'conflictkg build' only")

    def add(self, graph: str, ntriples: bytes) -> None:
        """Add N-Triples to `graph` (what is already there stays once)."""
        self._check(graph)
        # bulk_load is not transactional, and need not be: this copy is private until commit() publishes it
        self.db.bulk_load(ntriples, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
        # the digest chains the batches, so the same input gives the same generation name
        prev = self.added.get(graph, {}).get("digest", "")
        self.added[graph] = {"digest": hashlib.sha256(prev.encode() + ntriples).hexdigest()[:16]}
        self.changed = True

    def put(self, graph: str, ntriples: bytes) -> None:
        """Replace the content of `graph` with N-Triples."""
        self._check(graph)
        body = ntriples.decode("utf-8")
        self.db.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
        self.added[graph] = {"digest": hashlib.sha256(ntriples).hexdigest()[:16]}
        self.changed = True

    def delete_subjects(self, graph: str, subjects: list[str]) -> None:
        """Remove every triple of `graph` about these subjects (before writing them anew)."""
        self._check(graph)
        for i in range(0, len(subjects), 2000):
            values = " ".join(f"<{s}>" for s in subjects[i:i + 2000])
            self.db.update(f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} WHERE {{ VALUES ?s {{ {values} }} "
                           f"GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        self.changed = True

    def holds(self, graph: str, subjects: list[str], ntriples: bytes) -> bool:
        """True when replacing what `graph` says about `subjects` with these N-Triples would leave it as it is:
        every triple about them is among the new ones, and every new one is in the graph already. Then the
        write can be left out, and a re-import of unchanged rows publishes nothing. (Blank nodes cannot be
        compared across documents: with one, the answer is False.)"""
        g = ox.NamedNode(graph)
        new = {q.triple for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)}
        if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in new):
            return False
        for s in subjects:
            if any(q.triple not in new for q in self.db.quads_for_pattern(ox.NamedNode(s), None, None, g)):
                return False
        return all(ox.Quad(t.subject, t.predicate, t.object, g) in self.db for t in new)

    def has_graph(self, graph: str) -> bool:
        return self.db.contains_named_graph(ox.NamedNode(graph))

    def drop(self, graph: str) -> None:
        self._check(graph)
        self.db.update(f"DROP SILENT GRAPH <{graph}>")
        self.added.pop(graph, None)
        self.changed = True

    def triples(self, graph: str) -> bytes:
        """The graph's content in the working copy, as sorted N-Triples."""
        data = self.db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)) or b""
        return b"".join(sorted(set(line + b"\n" for line in data.split(b"\n") if line.strip())))

    def commit(self, *, summarise: bool = False) -> dict:
        """Publish what has been written so far as the live generation; with `summarise` (a writer's last
        commit) with its summary table, made now if the live generation has none."""
        if not self.changed:
            if summarise and self.store.current() is not None:
                summary.keep(self.db, self.store.current())  # the copy holds what is live: nothing changed
            return self.manifest
        self.db.flush()
        self.manifest = self.store._publish(self.db, dict(self.manifest, added=self.added), summarise=summarise)
        self.changed = False
        return self.manifest

    def close(self) -> None:
        del self.db
        shutil.rmtree(self.work, ignore_errors=True)

