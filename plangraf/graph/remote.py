"""A remote SPARQL 1.1 endpoint as a store: Protocol for queries and updates, Graph Store
Protocol for whole-graph writes when the server has one.

SPEC: ``sparql+http://HOST:PORT/PATH[?option=value&...]`` where PATH is the query endpoint.
Options (all optional):

``update=/PATH``   the update endpoint (default: ``…/update`` beside a ``…/query`` path, else PATH)
``store=/PATH``    the Graph Store Protocol endpoint (default: ``…/store`` beside ``…/query``;
                   none otherwise, and graphs are written with chunked ``INSERT DATA``)
``graph-param=NAME`` the GSP's graph parameter (``graph``; Virtuoso's crud endpoint uses ``graph-uri``)
``user=…&password=…&auth=basic|digest``  credentials for writes (Virtuoso: digest, dba/dba)
``join-order=written|engine``  ``written`` asks the server to join the patterns in the order the
                   query writes them; ``engine`` leaves the order to its optimizer. Default:
                   ``written`` on Virtuoso (known by its ``Server`` header), where the optimizer's
                   order gives wrong answers for some property paths (an inverse step inside a
                   ``*`` path evaluated from its far end: fewer activities per focus area) and a
                   plan that changes from load to load (``goal-chain`` 0.3 s or 13 s at 10^7);
                   plangraf's own queries are written in the order that is right and fast. A
                   query that starts with its own ``DEFINE`` is sent as it is. Other servers: no
                   effect (there is no standard way to ask).
``graphs=all``     send no graph list with queries: the server's own default graph answers (on
                   Virtuoso the union of all its graphs, its few system graphs included). For
                   stores with many documents: listing ~800 graphs per query makes Virtuoso 7.2
                   answer with headers too long for the HTTP client ("Receive buffer too long")

Examples: ``sparql+http://127.0.0.1:7878/query`` (Oxigraph server) and
``sparql+http://127.0.0.1:8890/sparql?update=/sparql-auth&store=/sparql-graph-crud-auth&graph-param=graph-uri&user=dba&password=dba&auth=digest``
(Virtuoso). Queries name plangraf's graphs as the default graph (``default-graph-uri``), so a
server's own system graphs never leak into answers.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
from rdflib import Graph, URIRef
from rdflib.term import Node

from plangraf.graph.bind import inline_values, query_form
from plangraf.graph.results import QueryError, QueryResult, parse_results_json
from plangraf.graph.store import RdfSyntaxError, Store, StoreError, as_ntriples, is_plangraf_graph
from plangraf.namespace import GRAPH_BASE

CHUNK = 1000  # triples per INSERT DATA (Virtuoso fails on ~10,000)
LOAD_CHUNK = 50_000  # triples per Graph Store POST when streaming a file


# Virtuoso's pragma for "join in the order written" (its SQL optimizer option ``order``).
VIRTUOSO_WRITTEN_ORDER = 'DEFINE sql:select-option "order"\n'

NTRIPLES_TYPES = ("application/n-triples", "text/plain", "text/ntriples")


def parse_ntriples(body: bytes) -> Graph:
    """N-Triples read by Oxigraph's parser into an rdflib Graph: a plan's graph of 19,060 triples
    in ~0.3 s, where rdflib's Turtle parser took seconds (the audit validates it with pySHACL).
    Blank nodes get fresh labels, as each rdflib parse gives them."""
    import pyoxigraph as ox

    from plangraf.graph.oxigraph import Converted
    term = Converted().__getitem__
    g = Graph()
    try:
        g.addN((term(t.subject), term(t.predicate), term(t.object), g)
               for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=True))
    except SyntaxError as exc:
        raise QueryError(f"the server sent N-Triples that do not parse: {exc}", 502) from exc
    return g


class RemoteStore(Store):
    def __init__(self, spec: str, timeout: float = 60.0) -> None:
        self.spec = spec
        parts = urlsplit(spec[len("sparql+"):])
        opts = dict(parse_qsl(parts.query))
        base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        path = parts.path or "/sparql"
        self.query_url = base + path
        sibling = path.rsplit("/", 1)[0]
        default_update = sibling + "/update" if path.endswith("/query") else path
        default_store = sibling + "/store" if path.endswith("/query") else None
        self.update_url = base + opts.get("update", default_update)
        store = opts.get("store", default_store)
        self.store_url = base + store if store else None
        self.graph_param = opts.get("graph-param", "graph")
        self.list_graphs = opts.get("graphs", "list") != "all"
        order = opts.get("join-order", "written")
        if order not in ("written", "engine"):
            raise StoreError(f"store {spec!r}: join-order={order!r}: give written or engine")
        self.join_written = order == "written"
        self._server: str | None = None  # the Server header, read once
        auth: httpx.Auth | None = None
        if "user" in opts:
            cls = httpx.DigestAuth if opts.get("auth", "basic") == "digest" else httpx.BasicAuth
            auth = cls(opts["user"], opts.get("password", ""))
        try:
            self.timeout = float(opts.get("timeout", timeout))
        except ValueError:
            raise StoreError(f"store {spec!r}: timeout={opts['timeout']!r} is not a number of seconds") from None
        self.http = httpx.Client(timeout=self.timeout, auth=auth, trust_env=False)
        self._graphs: list[URIRef] | None = None
        # Plan parameters resolved on this server (plangraf.queries.resolve_plan): a lookup is a
        # round trip, as long as a millisecond query itself. Forgotten with the graph list when
        # this store writes; like it, not told of other clients' writes.
        self.plan_cache: dict[str, URIRef] = {}

    # -- helpers -----------------------------------------------------------------------------
    def _post(self, url: str, **kw: object) -> httpx.Response:
        try:
            r = self.http.post(url, **kw)  # type: ignore[arg-type]
        except httpx.TimeoutException as exc:
            raise StoreError(f"{url} did not answer within {self.timeout:g} s (raise it with the store's "
                             f"option timeout=SECONDS, e.g. {self.spec.split('?')[0]}?timeout=600)") from exc
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach {url}: {exc}") from exc
        if r.status_code >= 400:
            raise QueryError(f"{url} answered {r.status_code}: {r.text[:300]}", 400 if r.status_code < 500 else 502)
        return r

    def _raw_query(self, sparql: str, accept: str, default_graphs: list[URIRef] | None) -> httpx.Response:
        data: list[tuple[str, str]] = [("query", sparql)]
        data += [("default-graph-uri", str(g)) for g in default_graphs or []]
        data += [("named-graph-uri", str(g)) for g in default_graphs or []]
        return self._post(self.query_url, content=urlencode(data).encode(),
                          headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})

    def forget(self) -> None:
        """Drop what this store remembers of the server's contents (after a write)."""
        self._graphs = None
        self.plan_cache.clear()

    def server(self) -> str:
        """The server's software as its ``Server`` header names it ("" when it names none)."""
        if self._server is None:
            r = self._raw_query("ASK {}", "application/sparql-results+json", None)
            self._server = r.headers.get("server", "").strip()
        return self._server

    def prologue(self, sparql: str) -> str:
        """What goes before a query on this server: on Virtuoso with ``join-order=written``, the
        pragma that keeps the written join order (see the module's doc)."""
        if not self.join_written or sparql.lstrip().upper().startswith("DEFINE"):
            return ""
        return VIRTUOSO_WRITTEN_ORDER if self.server().startswith("Virtuoso") else ""

    # -- Store -------------------------------------------------------------------------------
    def graphs(self) -> list[URIRef]:
        if self._graphs is None:
            q = (f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                 f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }}')
            res = parse_results_json(self._raw_query(q, "application/sparql-results+json", None).json())
            self._graphs = sorted(URIRef(str(r[0])) for r in res.rows if r[0] is not None
                                  and is_plangraf_graph(str(r[0])))
        return list(self._graphs)

    def replace_graph(self, graph: URIRef, data: Graph | bytes) -> int:
        self.forget()
        body = as_ntriples(data)
        n = body.count(b"\n")
        if self.store_url:
            r = self.http.put(self.store_url, params={self.graph_param: str(graph)}, content=body,
                              headers={"Content-Type": "application/n-triples"})
            if r.status_code < 400:
                return n
            if r.status_code not in (405, 415, 501):
                raise QueryError(f"{self.store_url} answered {r.status_code}: {r.text[:300]}")
        # Portable path: clear, then INSERT DATA in chunks.
        lines = body.decode("utf-8").splitlines()
        self.update(f"DROP SILENT GRAPH <{graph}>")
        for i in range(0, len(lines), CHUNK):
            chunk = "\n".join(lines[i:i + CHUNK])
            self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{chunk}\n}} }}")
        return n

    def load_file(self, path: Path, fmt: str, graph: URIRef) -> dict[URIRef, int]:
        """Stream an RDF file to the server: parsed by Oxigraph, sent in pieces of LOAD_CHUNK
        triples per graph (Graph Store POST, else INSERT DATA). Each graph of the file is dropped
        on the server when the file first names it. Not atomic: the server has no transaction
        across requests; a failed load leaves those graphs partly written (the error says so)."""
        import pyoxigraph as ox

        from plangraf.graph.oxload import OX_FORMATS, syntax_error
        if fmt not in OX_FORMATS:
            return super().load_file(path, fmt, graph)
        counts: dict[URIRef, int] = {}
        buffers: dict[URIRef, list[ox.Triple]] = {}
        try:
            for q in ox.parse(path=str(path), format=OX_FORMATS[fmt], rename_blank_nodes=True):
                g = graph if isinstance(q.graph_name, ox.DefaultGraph) else URIRef(q.graph_name.value)
                if g not in counts:
                    self.update(f"DROP SILENT GRAPH <{g}>")
                    counts[g], buffers[g] = 0, []
                buf = buffers[g]
                buf.append(ox.Triple(q.subject, q.predicate, q.object))
                counts[g] += 1
                if len(buf) >= LOAD_CHUNK:
                    self._append(g, ox.serialize(buf, format=ox.RdfFormat.N_TRIPLES) or b"")
                    buf.clear()
        except SyntaxError as exc:
            raise syntax_error(exc, fmt) from exc
        for g, buf in buffers.items():
            if buf:
                self._append(g, ox.serialize(buf, format=ox.RdfFormat.N_TRIPLES) or b"")
        if not counts:
            raise RdfSyntaxError("contains no triples")
        self.forget()
        return counts

    def _append(self, graph: URIRef, body: bytes) -> None:
        """Add N-Triples to a graph: Graph Store POST when there is one, else INSERT DATA."""
        if self.store_url:
            r = self.http.post(self.store_url, params={self.graph_param: str(graph)}, content=body,
                               headers={"Content-Type": "application/n-triples"})
            if r.status_code < 400:
                return
            if r.status_code not in (405, 415, 501):
                raise QueryError(f"{self.store_url} answered {r.status_code}: {r.text[:300]}")
        lines = body.decode("utf-8").splitlines()
        for i in range(0, len(lines), CHUNK):
            chunk = "\n".join(lines[i:i + CHUNK])
            self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{chunk}\n}} }}")

    def drop_graph(self, graph: URIRef) -> bool:
        existed = graph in self.graphs()
        self.forget()
        self.update(f"DROP SILENT GRAPH <{graph}>")
        return existed

    def query(self, sparql: str, bindings: dict[str, Node] | None = None,
              timeout: float | None = None) -> QueryResult:
        if bindings:
            sparql = inline_values(sparql, bindings)
        graphs = (self.graphs() or [URIRef(GRAPH_BASE + "none")]) if self.list_graphs else None
        graph_form = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples, text/turtle;q=0.9" if graph_form else "application/sparql-results+json"
        r = self._raw_query(self.prologue(sparql) + sparql, accept, graphs)
        ctype = r.headers.get("content-type", "").split(";")[0].strip()
        if ctype in ("application/sparql-results+json", "application/json"):
            return parse_results_json(r.json())
        if ctype in NTRIPLES_TYPES:
            return QueryResult("graph", graph=parse_ntriples(r.content))
        g = Graph()
        fmt = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
               "application/rdf+xml": "xml", "application/ld+json": "json-ld"}.get(ctype, "turtle")
        g.parse(data=r.text, format=fmt)
        return QueryResult("graph", graph=g)

    def update(self, sparql: str) -> None:
        self.forget()
        self._post(self.update_url, data={"update": sparql})

    def dump(self, fmt: str = "trig", graph: URIRef | None = None) -> bytes:
        from rdflib import Dataset
        ds = Dataset()
        for g in [graph] if graph else self.graphs():
            res = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
            target = ds.graph(g)
            for t in res.graph or ():
                target.add(t)
        if fmt in ("trig", "nquads"):
            return ds.serialize(format=fmt, encoding="utf-8")
        merged = Graph()
        for ctx in ds.graphs():
            merged += ctx
        return merged.serialize(format=fmt, encoding="utf-8")

    def close(self) -> None:
        self.http.close()
