"""One /sparql request, from query text to response body: guard, run, negotiate, serialise.

This is what a worker process of :mod:`plangraf.api.sandbox` does (or the server itself, when
the pool is off). On an Oxigraph store the engine writes the results (SPARQL JSON/XML/CSV/TSV,
Turtle, N-Triples, RDF/XML, JSON-LD) itself: no cell becomes a Python object. Only a SELECT that
might exceed the row limit (no LIMIT, or a LIMIT above it) is read row by row, cut at the limit and
written by plangraf's writers.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import islice

from plangraf.api import conneg
from plangraf.api.guard import Limits, QueryInfo, check_query
from plangraf.api.sandbox import Reply
from plangraf.graph.oxigraph import OxigraphStore
from plangraf.graph.results import QueryError, QueryResult
from plangraf.graph.store import Store

TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Job:
    """A query as the endpoint received it (picklable: it is sent to a worker process)."""
    query: str
    accept: str | None = None
    fmt: str | None = None
    max_rows: int = 10_000
    allow_service: bool = False
    limits: Limits = field(default_factory=Limits)
    timeout: float | None = None
    # Prefixes the engine predeclares (the query may use them without PREFIX lines).
    prefixes: dict[str, str] | None = None
    trusted: bool = False  # plangraf's own text (the catalogue): no guard


def answer(store: Store, job: Job) -> Reply:
    """Check ``job.query``, run it on ``store`` and write the result in the negotiated format.
    Raises QueryError (400 malformed or too big, 403 refused, 406 no acceptable format, 503)."""
    info = QueryInfo("select", None) if job.trusted else check_query(job.query, job.allow_service, job.limits,
                                                                      job.prefixes)
    if isinstance(store, OxigraphStore):
        return _oxigraph(store, job, info)
    if job.prefixes:
        decls = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in job.prefixes.items())
        job = replace(job, query=decls + job.query, prefixes=None)
    res = store.query(job.query, None, job.timeout)
    return _written(res, job)


def _negotiate(kind: str, job: Job) -> str:
    chosen = conneg.choose(kind, job.accept, job.fmt)
    if chosen is None:
        raise QueryError(f"cannot write a {kind} result as {job.fmt or job.accept}", 406)
    return chosen


def _written(res: QueryResult, job: Job) -> Reply:
    chosen = _negotiate(res.kind, job)
    headers = {}
    if res.kind == "select" and len(res.rows) > job.max_rows:
        res.rows = res.rows[: job.max_rows]
        res.truncated = True
    if res.truncated:
        headers["X-Plangraf-Truncated"] = f"results cut at {job.max_rows} rows"
    body = res.serialize("xml" if chosen == "rdfxml" else chosen)
    return Reply(200, conneg.media_type(chosen), body, headers)


_OWN_HANDLE: dict[str, object] = {}


def engine(store: OxigraphStore) -> object:
    """The pyoxigraph store to read. In a query worker, a RocksDB (disk) handle inherited through
    fork() is not used: its background threads stayed in the server, and some queries hung on it.
    The worker opens the directory read-only itself, once."""
    from plangraf.api import sandbox
    if not sandbox.IN_WORKER or store.disk is None or store.ox is not store.disk:
        return store.ox
    if store.spec not in _OWN_HANDLE:
        import pyoxigraph as ox
        _OWN_HANDLE[store.spec] = ox.Store.read_only(store.spec.removeprefix("oxigraph:"))
    return _OWN_HANDLE[store.spec]


def _oxigraph(store: OxigraphStore, job: Job, info: QueryInfo) -> Reply:
    import pyoxigraph as ox

    from plangraf.graph.oxigraph import Converted
    results = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    graphs = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML,
              "json-ld": ox.RdfFormat.JSON_LD}
    try:
        res = engine(store).query(job.query, use_default_graph_as_union=True,  # type: ignore[attr-defined]
                                  prefixes=job.prefixes or None)
    except (SyntaxError, RuntimeError) as exc:
        raise QueryError(f"malformed query: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    try:
        if isinstance(res, ox.QueryBoolean):
            chosen = _negotiate("ask", job)
            return Reply(200, conneg.media_type(chosen), res.serialize(format=results[chosen]) or b"")
        if isinstance(res, ox.QueryTriples):
            chosen = _negotiate("graph", job)
            return Reply(200, conneg.media_type(chosen), res.serialize(format=graphs[chosen]) or b"")
        chosen = _negotiate("select", job)
        if info.limit is not None and info.limit <= job.max_rows:
            return Reply(200, conneg.media_type(chosen), res.serialize(format=results[chosen]) or b"")
        # Might be longer than the row limit: read one row past it, convert only what is kept.
        vars_ = [v.value for v in res.variables]
        convert = Converted({None: None}).__getitem__
        rows = [tuple(map(convert, sol)) for sol in islice(res, job.max_rows + 1)]
    except OSError as exc:  # an evaluation error surfaces while the results are read
        raise QueryError(f"query failed: {exc}") from exc
    return _written(QueryResult("select", vars_, rows), job)
