"""The store interface: one named graph per source document, SPARQL over their union.

Backends (chosen by a store SPEC, see :func:`open_store`):

==========================================  =================================================
``oxigraph:PATH``                           embedded persistent Oxigraph store (the default)
``memory:``                                 rdflib in-memory Dataset (tests, small jobs)
``sparql+http://HOST:PORT/PATH``            a remote SPARQL 1.1 endpoint (Oxigraph server,
``sparql+https://…``                        Virtuoso, Fuseki, GraphDB): Query, Update, and the
                                            Graph Store Protocol when the server has one
==========================================  =================================================

``open_store(spec, memory=True)`` opens an ``oxigraph:PATH`` store with an in-memory mirror:
queries read the copy (5-6x faster than RocksDB on disk), writes go to disk first and then to the
copy. The copy is built on a background thread (seconds and RAM at 10^6 quads); until it is
ready queries read the disk store, so the web server answers at once. Short commands do not mirror
(see :mod:`plangraf.graph.oxigraph`). Other backends ignore ``memory``.

The default SPEC comes from the environment variable ``PLANGRAF_STORE``, else
``oxigraph:<data dir>/store`` where the data directory is ``PLANGRAF_HOME`` or
``~/.local/share/plangraf``.
"""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Self

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from plangraf.graph.results import QueryResult
from plangraf.namespace import GRAPH_BASE

DUMP_FORMATS = {"trig": "trig", "nquads": "nquads", "turtle": "turtle", "nt": "nt", "json-ld": "json-ld"}


class StoreError(Exception):
    """The store could not be opened or written (bad spec, unreachable server, locked path)."""


class RdfSyntaxError(Exception):
    """An RDF input is not valid (or holds no triples); ``line`` is the 1-based line when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


QUAD_FORMATS = {"trig", "nquads"}


class Store(ABC):
    """What plangraf needs from a triplestore. The default graph of a query is the union of all
    named graphs; writes address one named graph at a time."""

    # Whether queries may run on several threads at once (rdflib's SPARQL parser may not: its
    # pyparsing grammar fails now and then with errors like "postParse2() missing … 'tokenList'").
    concurrent_queries = True

    spec: str = ""

    @abstractmethod
    def graphs(self) -> list[URIRef]:
        """The named graphs this store holds (plangraf's own, under GRAPH_BASE)."""

    @abstractmethod
    def replace_graph(self, graph: URIRef, data: Graph | bytes) -> int:
        """Put ``data`` (an rdflib Graph, or N-Triples bytes) in ``graph``, replacing what was
        there; returns the triple count. Either the new content is in place afterwards or the
        old one still is."""

    def load_file(self, path: Path, fmt: str, graph: URIRef) -> dict[URIRef, int]:
        """Load an RDF file (an rdflib format name): triples into ``graph``; for TriG and N-Quads,
        each named graph into the graph of that name (triples outside one into ``graph``). Every
        graph written is replaced; returns the triple count of each. Raises RdfSyntaxError for bad
        RDF or a file with no triples, with nothing changed. This default parses with rdflib into
        memory; the embedded store streams through its engine instead."""
        parsed: dict[URIRef, Graph] = {}
        try:
            if fmt in QUAD_FORMATS:
                ds = Dataset()
                ds.parse(path, format=fmt)
                for ctx in ds.graphs():
                    if len(ctx):
                        name = ctx.identifier
                        key = graph if not isinstance(name, URIRef) or str(name) == "urn:x-rdflib:default" \
                            else URIRef(str(name))
                        parsed.setdefault(key, Graph())
                        for t in ctx:
                            parsed[key].add(t)
            else:
                g = Graph()
                g.parse(path, format=fmt)
                parsed[graph] = g
        except Exception as exc:  # rdflib's parsers raise many types; all mean "bad RDF in this file"
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            line = getattr(exc, "lines", None) or getattr(exc, "line", None)
            raise RdfSyntaxError(f"not valid {fmt}: {msg}", line if isinstance(line, int) else None) from exc
        if not any(len(g) for g in parsed.values()):
            raise RdfSyntaxError("contains no triples")
        return {name: self.replace_graph(name, g) for name, g in parsed.items() if len(g)}

    @abstractmethod
    def drop_graph(self, graph: URIRef) -> bool:
        """Remove one named graph; False when it did not exist."""

    @abstractmethod
    def query(self, sparql: str, bindings: dict[str, Node] | None = None,
              timeout: float | None = None) -> QueryResult:
        """Run a SPARQL query; ``bindings`` pre-bind variables to typed terms (never text)."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL Update."""

    @abstractmethod
    def dump(self, fmt: str = "trig", graph: URIRef | None = None) -> bytes:
        """Serialise the whole store (or one graph) in one of DUMP_FORMATS."""

    def count(self, graph: URIRef | None = None) -> int:
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
        res = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(str(res.rows[0][0])) if res.rows else 0

    def dataset(self) -> Dataset:
        """A copy as an rdflib Dataset (for pySHACL and networkx)."""
        ds = Dataset(default_union=True)
        ds.parse(data=self.dump("nquads"), format="nquads")
        return ds

    def union_graph(self) -> Graph:
        """A copy of all named graphs merged into one rdflib Graph."""
        return merge_nquads(self.dump("nquads"))

    def close(self) -> None:
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def as_ntriples(data: Graph | bytes) -> bytes:
    return data if isinstance(data, bytes) else data.serialize(format="nt", encoding="utf-8")


def as_graph(data: Graph | bytes) -> Graph:
    if isinstance(data, Graph):
        return data
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return g


def merge_nquads(data: bytes) -> Graph:
    """N-Quads -> one rdflib Graph holding the triples of every graph."""
    ds = Dataset()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    merged = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def data_dir() -> Path:
    return Path(os.environ.get("PLANGRAF_HOME") or Path.home() / ".local" / "share" / "plangraf")


def default_spec() -> str:
    return os.environ.get("PLANGRAF_STORE") or f"oxigraph:{data_dir() / 'store'}"


def open_store(spec: str | None = None, *, read_only: bool = False, memory: bool = False) -> Store:
    """Open a store from its SPEC (see the module docstring). ``memory`` mirrors an
    ``oxigraph:PATH`` store in memory; the other backends ignore it."""
    spec = spec or default_spec()
    if spec.startswith("oxigraph:"):
        from plangraf.graph.oxigraph import OxigraphStore
        path = spec[len("oxigraph:"):]
        if not path:
            raise StoreError("oxigraph: needs a directory, e.g. oxigraph:./data/store")
        return OxigraphStore(Path(path).expanduser(), read_only=read_only, memory=memory, background=memory)
    if spec in ("memory:", "memory"):
        from plangraf.graph.memory import MemoryStore
        return MemoryStore()
    if spec.startswith(("sparql+http://", "sparql+https://")):
        from plangraf.graph.remote import RemoteStore
        return RemoteStore(spec)
    raise StoreError(f"unknown store {spec!r}: use oxigraph:PATH, memory: or sparql+http://HOST:PORT/PATH")


def is_plangraf_graph(iri: str) -> bool:
    return iri.startswith(GRAPH_BASE)
