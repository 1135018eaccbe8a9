"""Put documents and RDF files into a store: one named graph each, reference data alongside.

Documents are extracted completely before the store is touched (in worker processes when a batch
has several: :func:`load_batch`); RDF files stream through the store's own loader
(:meth:`Store.load_file`), which is atomic per file. Either way a bad file never leaves half a
graph behind and the documents already loaded stay as they were; a batch goes on past it.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from plangraf.graph.store import RdfSyntaxError, Store, StoreError
from plangraf.namespace import GRAPH_BASE, ONTOLOGY_GRAPH, ONTOLOGY_IRI, PG, REFERENCE_GRAPH, graph_iri

RDF_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".n3": "n3", ".rdf": "xml", ".owl": "xml",
                ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads"}
DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".pdf", ".docx", ""}
SYSTEM_GRAPHS = {ONTOLOGY_GRAPH, REFERENCE_GRAPH}


class InputError(Exception):
    """One input could not be loaded; the message names the file (and line when known)."""


@dataclass
class Loaded:
    path: Path
    graph: URIRef
    triples: int
    kind: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given, and the loadable files inside directories (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")
                          and (f.suffix.lower() in RDF_SUFFIXES or f.suffix.lower() in DOCUMENT_SUFFIXES)
                          and not f.name.endswith((".corrections.yaml", ".py")))
        else:
            out.append(p)
    return out


def parse_rdf(path: Path) -> Graph:
    fmt = RDF_SUFFIXES[path.suffix.lower()]
    g = Graph()
    try:
        g.parse(path, format=fmt)
    except Exception as exc:  # rdflib's parsers raise many types; all mean "bad RDF in this file"
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        line = getattr(exc, "lines", None) or getattr(exc, "line", None)
        where = f"{path}:{line}" if line else str(path)
        raise InputError(f"{where}: not valid {fmt}: {msg}") from exc
    if not len(g):
        raise InputError(f"{path}: contains no triples")
    return g


def prepare(path: Path, template: str | None = None) -> tuple[URIRef, Graph | bytes, str, list[str]]:
    """Read, parse or extract one input without touching any store."""
    from plangraf.loaders.base import LoaderError
    from plangraf.loaders.inputs import doc_id_for
    if not path.exists():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in RDF_SUFFIXES:
        return graph_iri(doc_id_for(path)), parse_rdf(path), "rdf", []
    from plangraf.loaders.pipeline import extract_file
    try:
        ex = extract_file(path, template)
    except LoaderError as exc:
        raise InputError(str(exc)) from exc
    return graph_iri(ex.doc.doc_id), ex.ntriples(), "document:" + "+".join(ex.extractors), ex.warnings


def ensure_system_graphs(store: Store, force: bool = False) -> None:
    """Load the ontology and the reference data when the store lacks them or has an old version."""
    from plangraf.ontology import ontology_graph, reference_graph
    onto = ontology_graph()
    version = next(onto.objects(URIRef(ONTOLOGY_IRI), OWL.versionInfo), None)
    if not force and ONTOLOGY_GRAPH in store.graphs() and version is not None:
        current = store.query(
            f"SELECT ?v WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_IRI}> <{OWL.versionInfo}> ?v }} }}")
        if any(str(row[0]) == str(version) for row in current.rows):
            return
    if len(onto):
        store.replace_graph(ONTOLOGY_GRAPH, onto)
    ref = reference_graph()
    if len(ref):
        store.replace_graph(REFERENCE_GRAPH, ref)


@dataclass
class Extracted:
    """A document's graph, extracted (in a worker process or here) and not yet in a store: its
    N-Triples as bytes, or in ``spooled`` (a file a worker wrote), and how many triples they hold."""
    path: Path
    graph: URIRef
    ntriples: bytes
    kind: str
    file_name: str
    warnings: list[str]
    triples: int | None = None
    spooled: Path | None = None

    def data(self) -> bytes:
        """The N-Triples (read from the spool file, which is then removed)."""
        if self.spooled is None:
            return self.ntriples
        data = self.spooled.read_bytes()
        self.spooled.unlink(missing_ok=True)
        return data


def distinct_lines(data: bytes) -> int:
    """Triples in N-Triples that write each triple on one line and each term one way (what
    :meth:`~plangraf.graph.model.GraphBuilder.ntriples` gives): the distinct non-empty lines, i.e.
    what the store will hold (a few ms for a sample document; asking the store costs ~30 ms)."""
    return len({line for line in data.split(b"\n") if line.strip() and not line.lstrip().startswith(b"#")})


def extract_document(path: Path, template: str | None = None, spool: Path | None = None) -> Extracted:
    """Extract one document (runs in a worker process: top-level and picklable both ways). With
    ``spool`` (a directory) the N-Triples go to a file there rather than back through the pool's
    pipe (4.9 MB for a sample document: pickled, piped and unpickled, ~6 ms of the writing
    process's time per document; a file costs it ~1 ms)."""
    from plangraf.loaders.base import LoaderError
    from plangraf.loaders.pipeline import extract_file
    if not path.exists():
        raise InputError(f"{path}: no such file")
    try:
        ex = extract_file(path, template)
    except LoaderError as exc:
        raise InputError(str(exc)) from exc
    data = ex.ntriples()
    out = Extracted(path, graph_iri(ex.doc.doc_id), data, "document:" + "+".join(ex.extractors),
                    ex.doc.file_name, ex.warnings, triples=distinct_lines(data))
    if spool is not None:
        out.spooled = spool / (hashlib.sha1(str(path).encode()).hexdigest() + ".nt")
        out.spooled.write_bytes(data)
        out.ntriples = b""
    return out


def file_names(store: Store, graph: URIRef) -> set[str]:
    """The source file names a document graph records (pg:fileName of its pg:SourceFile)."""
    res = store.query(f"SELECT DISTINCT ?f WHERE {{ GRAPH <{graph}> {{ ?d <{PG.fileName}> ?f }} }}")
    return {str(r[0]) for r in res.rows if isinstance(r[0], Literal)}


def clash(store: Store, graph: URIRef, file_name: str, path: Path) -> str | None:
    """Why loading ``path`` into ``graph`` would replace another file's document, or None."""
    if graph not in store.graphs():
        return None
    others = file_names(store, graph)
    if not others or file_name in others:
        return None
    doc_id = str(graph)[len(GRAPH_BASE):]
    return (f"{path}: its document id {doc_id!r} is already taken by {', '.join(sorted(others))} in the store; "
            f"rename one of the files, or `plangraf drop {doc_id}` first to replace it")


def write_document(store: Store, ex: Extracted) -> Loaded:
    reason = clash(store, ex.graph, ex.file_name, ex.path)
    if reason:
        raise InputError(reason)
    from plangraf.graph.oxigraph import OxigraphStore
    if isinstance(store, OxigraphStore):
        n = store.replace_graph(ex.graph, ex.data(), triples=ex.triples)
    else:
        n = store.replace_graph(ex.graph, ex.data())
    return Loaded(ex.path, ex.graph, n, ex.kind, warnings=ex.warnings)


def load_rdf(store: Store, path: Path) -> Loaded:
    """Stream an RDF file into the store: triples into the file's graph; TriG and N-Quads keep
    their named graphs (triples outside one go to the file's graph)."""
    from plangraf.loaders.inputs import doc_id_for
    if not path.exists():
        raise InputError(f"{path}: no such file")
    fmt = RDF_SUFFIXES[path.suffix.lower()]
    graph = graph_iri(doc_id_for(path))
    try:
        counts = store.load_file(path, fmt, graph)
    except RdfSyntaxError as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise InputError(f"{where}: {exc}") from exc
    except (StoreError, OSError) as exc:
        raise InputError(f"{path}: {exc}") from exc
    main = graph if graph in counts else min(counts)
    return Loaded(path, main, sum(counts.values()), "rdf" if len(counts) == 1 else f"rdf:{len(counts)} graphs",
                  counts={str(g): n for g, n in counts.items()})


def load_one(store: Store, path: Path, template: str | None = None) -> Loaded:
    if path.suffix.lower() in RDF_SUFFIXES:
        return load_rdf(store, path)
    return write_document(store, extract_document(path, template))


@dataclass
class Outcome:
    """One input of a batch: what was loaded, or why not."""
    path: Path
    loaded: Loaded | None = None
    error: str | None = None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def load_batch(store: Store, inputs: list[Path], jobs: int | None = None, template: str | None = None,
               started: Callable[[Path], None] | None = None) -> Iterator[Outcome]:
    """Load every input, yielding one Outcome each (a failed input never stops the batch).

    RDF files stream into the store from this process. Documents are extracted by ``jobs`` worker
    processes (default: one per core) and written here, one at a time, as each finishes; with one
    job (or one document) they are extracted here. Two inputs of one batch that want the same
    graph: the first wins, the second is reported. ValueError (an unknown template) is raised."""
    jobs = max(1, jobs or default_jobs())
    if template:
        from plangraf.loaders.registry import template_names
        names = template_names()
        if template not in names:
            raise ValueError(f"unknown template {template!r}; known: {', '.join(names)}")
    taken: dict[URIRef, Path] = {}
    docs = [p for p in inputs if p.suffix.lower() not in RDF_SUFFIXES]

    def record(path: Path, work: Callable[[], Loaded]) -> Outcome:
        try:
            done = work()
        except InputError as exc:
            return Outcome(path, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug in one extractor, a store error: report it, go on
            return Outcome(path, error=f"{path}: {type(exc).__name__}: {exc}")
        for g in [done.graph, *(URIRef(k) for k in done.counts)]:
            taken.setdefault(g, path)
        return Outcome(path, done)

    def write(ex: Extracted) -> Loaded:
        if ex.graph in taken and taken[ex.graph] != ex.path:
            raise InputError(f"{ex.path}: its document id {str(ex.graph)[len(GRAPH_BASE):]!r} is the same as "
                             f"{taken[ex.graph]}'s, loaded just before; rename one of the files")
        return write_document(store, ex)

    for path in inputs:
        if path.suffix.lower() in RDF_SUFFIXES:
            if started:
                started(path)
            yield record(path, lambda path=path: load_rdf(store, path))  # type: ignore[misc]
    if jobs == 1 or len(docs) < 2:
        for path in docs:
            if started:
                started(path)
            yield record(path, lambda path=path: write(extract_document(path, template)))  # type: ignore[misc]
        return
    ctx = get_context("forkserver")
    ctx.set_forkserver_preload(["plangraf.loaders.pipeline"])
    spool = Path(tempfile.mkdtemp(prefix="plangraf-load-"))
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(docs)), mp_context=ctx) as pool:
            pending: dict[Future[Extracted], Path] = {pool.submit(extract_document, p, template, spool): p
                                                      for p in docs}
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in sorted(finished, key=lambda f: str(pending[f])):
                    path = pending.pop(fut)
                    if started:
                        started(path)
                    yield record(path, lambda fut=fut: write(fut.result()))  # type: ignore[misc]
    finally:
        shutil.rmtree(spool, ignore_errors=True)


def document_graphs(store: Store) -> list[URIRef]:
    return [g for g in store.graphs() if g not in SYSTEM_GRAPHS]
