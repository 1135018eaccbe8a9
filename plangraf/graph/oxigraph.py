"""Embedded Oxigraph store: persistent on disk (the default backend), optionally mirrored in memory.

On disk (RocksDB) Oxigraph is measured 10-300x faster than rdflib. An in-memory Oxigraph store is
5-6x faster still: on a synthetic corpus of 1.02M quads (2 cores, pyoxigraph 0.5.13) a 3-pattern
join returning 7k rows took 150 ms on disk and 30 ms in memory, the catalogue query
activities-for-goal 7.6 s and 1.24 s. Copying the disk store into memory costs ~7-10 s and
~400-600 MB at 10^6 quads (0.6 s for the sample corpus), paid once. So a long-running process
(``plangraf serve``) opens the store with ``memory=True``: queries read the mirror, the disk
store stays the system of record, and every write goes to disk first and then, only when that
succeeded, the same change is made to the mirror. Short commands (load, query, export) open the
disk store directly: for them the copy would cost more than it saves.
"""
from __future__ import annotations

import itertools
import logging
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from plangraf.graph.bind import inline_values
from plangraf.graph.oxload import OX_FORMATS, Loader, read_journal, recover
from plangraf.graph.results import QueryError, QueryResult
from plangraf.graph.store import (
    QUAD_FORMATS,
    RdfSyntaxError,
    Store,
    StoreError,
    as_ntriples,
    is_plangraf_graph,
    merge_nquads,
)

log = logging.getLogger("plangraf.store")
FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
           "nt": ox.RdfFormat.N_TRIPLES}
# An update that would not give the same result twice (fresh blank nodes, random or clock values,
# remote data): the mirror is re-copied from disk after it instead of running it a second time.
UNREPEATABLE = re.compile(r"_:|\[|\b(?:BNODE|UUID|STRUUID|RAND|NOW|LOAD|SERVICE)\b", re.IGNORECASE)


def to_rdflib(t: object) -> Node | None:
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(dt))
    raise QueryError(f"unsupported term in result: {t!r}")


class Converted(dict):  # type: ignore[type-arg]
    """Oxigraph term -> rdflib term, each distinct term converted once (on first lookup)."""

    def __missing__(self, t: object) -> Node | None:
        term = self[t] = to_rdflib(t)
        return term


COPY_CHUNK = 1_000       # quads per bulk_extend call while copying a store into memory (~10–30 ms each)


def copy_to_memory(src: ox.Store) -> ox.Store:
    """Every quad of ``src`` in a new in-memory store, blank-node ids included (exact copy).
    Graph by graph (same speed as one bulk_extend, ~40% less peak memory), in chunks with a pause
    between them: bulk_extend holds the GIL while it drains its iterator, and a server copying in
    the background must keep answering meanwhile (one 10^6-quad graph held it ~30 s)."""
    mem = ox.Store()
    for g in [ox.DefaultGraph(), *src.named_graphs()]:
        quads = src.quads_for_pattern(None, None, None, g)
        while True:
            chunk = list(itertools.islice(quads, COPY_CHUNK))
            mem.bulk_extend(chunk)
            if len(chunk) < COPY_CHUNK:
                break
            time.sleep(0.001)    # let other threads (the server's event loop) take the GIL
    return mem


def run_update(store: ox.Store, sparql: str) -> None:
    try:
        store.update(sparql)
    except SyntaxError as exc:
        raise QueryError(f"malformed update: {exc}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"update failed: {exc}") from exc


def _open_read_only(path: Path, attempts: int = 10) -> ox.Store:
    """Open a store another process holds (a running `plangraf serve`) read-only. RocksDB's
    read-only open reads the file list the writer left; while the writer flushes or compacts
    (right after it opens, for one) a listed file may already be gone: "Corruption … No such
    file". That is transient, so the open is tried again a few times, 0.2 s apart."""
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if "No such file" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.2)
    raise AssertionError("unreachable")


class OxigraphStore(Store):
    """``self.ox`` is the store queries read; ``self.disk`` the persistent one (None when the
    store lives in memory only). Without a mirror they are the same object.

    ``path=None``: a fresh in-memory store. ``memory=True`` with a path: open the disk store and
    answer from an in-memory copy (``mirror_quads`` quads copied in ``mirror_seconds``); with
    ``read_only`` too, only the copy is kept and writes are refused."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False, memory: bool = False,
                 background: bool = False) -> None:
        self.spec = f"oxigraph:{path}" if path else "oxigraph:"
        self.read_only = read_only and path is not None
        self.mirror_quads: int | None = None
        self.mirror_seconds = 0.0
        self._lock = threading.Lock()  # a write is two steps (disk, mirror): keep them in order
        self.path = path
        self._copier: threading.Thread | None = None
        self._closing = False
        self.recovered: str | None = None  # what recover() did at open, if anything
        try:
            if path is None:
                disk = None
            elif read_only:
                if read_journal(path) is not None:
                    raise StoreError(f"the store at {path} holds an interrupted load: open it once for "
                                     "writing (any plangraf command without read-only) to clean it up")
                disk = _open_read_only(path)
            else:
                path.mkdir(parents=True, exist_ok=True)
                disk = ox.Store(str(path))
                self.recovered = recover(disk, path)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot open the store at {path}: {exc}") from exc
        self.disk: ox.Store | None = disk
        if disk is None:
            self.ox = ox.Store()
        elif memory and background:
            # Answer from disk at once; the copy is built on a thread and swapped in when done.
            self.ox = disk
            self._copier = threading.Thread(target=self._copy_in_background, name="plangraf-mirror", daemon=True)
            self._copier.start()
        elif memory:
            self._remirror(disk)
            if read_only:
                self.disk = None  # just the copy
        else:
            self.ox = disk

    @property
    def mirrored(self) -> bool:
        """True when queries read an in-memory copy of a disk store."""
        return self.mirror_quads is not None

    def _copy_in_background(self) -> None:
        with self._lock:  # writes wait for the copy (queries do not: they read disk meanwhile)
            src = self.disk
            if src is None or self._closing:
                return
            self._remirror(src)
            if self.read_only:
                self.disk = None
        log.info("copied %s quads into memory in %.1f s (queries read the disk store until then)",
                 f"{self.mirror_quads:,}", self.mirror_seconds)

    def wait_mirror(self, timeout: float | None = None) -> bool:
        """Wait for a copy being built in the background; True when queries now read memory."""
        if self._copier is not None:
            self._copier.join(timeout)
        return self.mirrored

    def _remirror(self, src: ox.Store) -> None:
        t = time.perf_counter()
        mem = copy_to_memory(src)
        self.mirror_seconds = time.perf_counter() - t
        self.mirror_quads = len(mem)
        self.ox = mem  # one assignment: a query running meanwhile keeps reading the old copy

    def _primary(self) -> ox.Store:
        """The store a write goes to first (disk when there is one)."""
        if self.read_only:
            raise StoreError(f"the store {self.spec} was opened read-only")
        return self.disk if self.disk is not None else self.ox

    def _mirror(self) -> ox.Store | None:
        """The in-memory copy a write is repeated on, when there is one."""
        return self.ox if self.disk is not None and self.ox is not self.disk else None

    def bulk_load(self, path: Path | str, format: ox.RdfFormat | None = None) -> None:
        """Load a big RDF file fast (no transaction: for scripts and fresh stores). With a mirror,
        the mirror is copied again from disk afterwards."""
        with self._lock:
            primary = self._primary()
            try:
                primary.bulk_load(path=str(path), format=format)
            except SyntaxError as exc:
                raise StoreError(f"not valid RDF: {exc}") from exc
            if self._mirror() is not None:
                self._remirror(primary)

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self.ox.named_graphs()
                      if isinstance(g, ox.NamedNode) and is_plangraf_graph(g.value))

    def _load(self, write: Callable[[Loader], None]) -> dict[URIRef, int]:
        """One atomic load (see :mod:`plangraf.graph.oxload`): ``write`` adds the inputs; then
        the counts are taken, the load committed, and the mirror, if any, given the new graphs."""
        with self._lock:
            primary = self._primary()
            loader = Loader(primary, self.path if primary is self.disk else None)
            try:
                write(loader)
                counts = loader.counts()
                if not any(counts.values()):
                    raise RdfSyntaxError("contains no triples")
            except BaseException:
                loader.abort()
                raise
            loader.commit()
            mirror = self._mirror()
            if mirror is not None:
                # Copied from disk rather than parsed again: parsing renames blank nodes afresh.
                for g in loader.graphs():
                    node = ox.NamedNode(g)
                    if mirror.contains_named_graph(node):
                        mirror.remove_graph(node)
                    mirror.bulk_extend(primary.quads_for_pattern(None, None, None, node))
            return {URIRef(g): n for g, n in counts.items()}

    def replace_graph(self, graph: URIRef, data: Graph | bytes, *, triples: int | None = None) -> int:
        """``triples``: how many distinct triples ``data`` holds, when the caller knows (a document's
        N-Triples: :func:`plangraf.graph.loading.distinct_lines`); otherwise the store counts."""
        nt = as_ntriples(data)
        try:
            counts = self._load(lambda loader: loader.triples(str(graph), "nt", data=nt, count=triples))
        except RdfSyntaxError as exc:
            if str(exc) == "contains no triples":  # an empty graph: the old one goes
                self.drop_graph(graph)
                return 0
            raise StoreError(f"not valid N-Triples: {exc}") from exc
        return counts[graph]

    def load_file(self, path: Path, fmt: str, graph: URIRef) -> dict[URIRef, int]:
        if fmt not in OX_FORMATS:
            return super().load_file(path, fmt, graph)
        if fmt in QUAD_FORMATS:
            return self._load(lambda loader: loader.quads(str(graph), fmt, path=path))
        return self._load(lambda loader: loader.triples(str(graph), fmt, path=path))

    def drop_graph(self, graph: URIRef) -> bool:
        node = ox.NamedNode(str(graph))
        with self._lock:
            primary = self._primary()
            if not primary.contains_named_graph(node):
                return False
            primary.remove_graph(node)
            mirror = self._mirror()
            if mirror is not None and mirror.contains_named_graph(node):
                mirror.remove_graph(node)
            return True

    def query(self, sparql: str, bindings: dict[str, Node] | None = None,
              timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        if bindings:
            sparql = inline_values(sparql, bindings)
        try:
            res = self.ox.query(sparql, use_default_graph_as_union=True)
        except (SyntaxError, RuntimeError) as exc:
            raise QueryError(f"malformed query: {exc}") from exc
        except (OSError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from exc
        if isinstance(res, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(res))
        deadline = time.monotonic() + timeout if timeout else None
        # Results are lazy: the deadline is checked while iterating. pyoxigraph's iterators must
        # be dropped on the thread that made them, so no exception leaves while one is alive.
        late, failed = False, None
        if isinstance(res, ox.QueryTriples):
            g = Graph()
            for i, t in enumerate(res):
                g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))  # type: ignore[arg-type]
                if deadline and i % 256 == 0 and time.monotonic() > deadline:
                    late = True
                    break
            del res
            if late:
                raise QueryError("the query ran past its time limit", 503)
            return QueryResult("graph", graph=g)
        vars_ = [v.value for v in res.variables]
        rows, truncated = [], False
        # Terms repeat across rows (a goal's label on each of its activities): converting each
        # distinct term once took the sample corpus's goal-chain from 170 to ~80 ms (rdflib's
        # Literal() costs ~8 us). A solution iterates its values in the order of `vars_`.
        convert = Converted({None: None}).__getitem__
        try:
            for i, sol in enumerate(res):
                if max_rows is not None and i >= max_rows:
                    truncated = True
                    break
                rows.append(tuple(map(convert, sol)))
                del sol
                if deadline and i % 256 == 0 and time.monotonic() > deadline:
                    late = True
                    break
        except OSError as exc:
            failed = str(exc)
        del res
        if late:
            raise QueryError("the query ran past its time limit", 503)
        if failed:
            raise QueryError(f"query failed: {failed}")
        return QueryResult("select", vars_, rows, truncated=truncated)

    def update(self, sparql: str) -> None:
        """Run on disk; only when that succeeded, run the same on the mirror (or, for an update
        that would not give the same result twice, copy the mirror again from disk)."""
        with self._lock:
            if self.read_only:
                raise QueryError(f"update failed: the store {self.spec} was opened read-only")
            primary = self._primary()
            run_update(primary, sparql)
            mirror = self._mirror()
            if mirror is None:
                return
            if UNREPEATABLE.search(sparql):
                self._remirror(primary)
                return
            try:
                mirror.update(sparql)
            except (SyntaxError, OSError, ValueError, RuntimeError):
                self._remirror(primary)  # disk has the change: never let the copy drift from it

    def dump(self, fmt: str = "trig", graph: URIRef | None = None) -> bytes:
        if fmt == "json-ld" or (graph is None and fmt in ("turtle", "nt")):
            return merge_nquads(self.dump("nquads", graph)).serialize(format=fmt, encoding="utf-8")
        if graph is not None and fmt in ("trig", "nquads"):
            out = ox.Dataset(self.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))))
            return ox.serialize(out, format=FORMATS[fmt]) or b""
        if graph is not None:
            return self.ox.dump(format=FORMATS[fmt], from_graph=ox.NamedNode(str(graph))) or b""
        return self.ox.dump(format=FORMATS[fmt]) or b""

    def close(self) -> None:
        """Flush and let go of both stores (releases the directory lock); closing twice is fine.
        A copy still being built is finished first (it holds the disk store)."""
        self._closing = True
        if self._copier is not None and self._copier is not threading.current_thread():
            self._copier.join()
        if self.disk is not None and not self.read_only:  # a read-only store refuses flush()
            try:
                self.disk.flush()
            except OSError:
                pass
        self.disk = None
        self.__dict__.pop("ox", None)
