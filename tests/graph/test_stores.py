"""One test suite, every backend: embedded Oxigraph (on disk, and mirrored in memory as `plangraf
serve` opens it), rdflib memory, Oxigraph server, Virtuoso."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.graph.results import QueryError
from plangraf.graph.store import Store, StoreError, open_store
from plangraf.namespace import PG, graph_iri
from tests.servers import oxigraph_server, virtuoso_server

EX = "https://w3id.org/plangraf/id/test/"


def doc_graph(n: int, label: str = "Mål") -> Graph:
    g = Graph()
    for i in range(n):
        goal, act = URIRef(f"{EX}goal{i}"), URIRef(f"{EX}act{i}")
        g.add((goal, RDF.type, PG.Goal))
        g.add((goal, RDFS.label, Literal(f"{label} {i} \"citat\" {{}}", lang="sv")))
        g.add((act, RDF.type, PG.Activity))
        g.add((act, PG.servesGoal, goal))
    return g


@pytest.fixture(scope="module", params=["memory", "oxigraph", "oxigraph-mirror", "oxigraph-server", "virtuoso"])
def store_spec(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp(request.param)
    if request.param == "memory":
        yield "memory:"
    elif request.param in ("oxigraph", "oxigraph-mirror"):
        yield f"oxigraph:{tmp / 'store'}"
    elif request.param == "oxigraph-server":
        with oxigraph_server(tmp) as spec:
            yield spec
    else:
        with virtuoso_server(tmp) as spec:
            yield spec


@pytest.fixture()
def store(store_spec: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    mirror = request.node.callspec.params.get("store_spec") == "oxigraph-mirror"  # queries read RAM
    s = open_store(store_spec, memory=mirror)
    if mirror:
        assert s.wait_mirror()  # type: ignore[attr-defined]  # the copy is built on a thread
    for g in s.graphs():
        s.drop_graph(g)
    yield s
    for g in s.graphs():
        s.drop_graph(g)
    s.close()


def test_replace_graph_keeps_other_documents(store: Store) -> None:
    a, b = graph_iri("doc-a"), graph_iri("doc-b")
    store.replace_graph(a, doc_graph(3))
    store.replace_graph(b, doc_graph(2, "Annat"))
    assert set(store.graphs()) == {a, b}
    assert store.count(a) == 12 and store.count(b) == 8
    store.replace_graph(a, doc_graph(1))          # reload one document
    assert store.count(a) == 4 and store.count(b) == 8


def test_drop_graph(store: Store) -> None:
    a, b = graph_iri("doc-a"), graph_iri("doc-b")
    store.replace_graph(a, doc_graph(2))
    store.replace_graph(b, doc_graph(2))
    assert store.drop_graph(a) is True
    assert store.drop_graph(a) is False
    assert store.graphs() == [b]


def test_default_graph_is_union_of_documents(store: Store) -> None:
    store.replace_graph(graph_iri("doc-a"), doc_graph(2))
    store.replace_graph(graph_iri("doc-b"), doc_graph(3, "B"))
    res = store.query("PREFIX pg: <https://w3id.org/plangraf/ontology#> "
                      "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a pg:servesGoal ?g }")
    assert int(res.rows[0][0]) == 3  # act0..act2 (act0, act1 appear in both graphs)
    res = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [str(r[0]) for r in res.rows] == [str(graph_iri("doc-a")), str(graph_iri("doc-b"))]


def test_bindings_are_typed_terms(store: Store) -> None:
    store.replace_graph(graph_iri("doc-a"), doc_graph(3))
    q = ("PREFIX pg: <https://w3id.org/plangraf/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT DISTINCT ?label WHERE { ?a pg:servesGoal ?goal . ?goal rdfs:label ?label }")
    res = store.query(q, {"goal": URIRef(EX + "goal1")})
    assert [str(r[0]) for r in res.rows] == ['Mål 1 "citat" {}']
    hostile = Literal('x" } ; DROP ALL ; SELECT * { "')
    res = store.query(q.replace("?goal rdfs:label ?label", "?goal rdfs:label ?label FILTER(?label = ?q)"),
                      {"q": hostile})
    assert res.rows == []
    assert store.count() == 12  # nothing was dropped


def test_ask_construct_and_dump(store: Store) -> None:
    store.replace_graph(graph_iri("doc-a"), doc_graph(2))
    assert store.query("ASK { ?s ?p ?o }").boolean is True
    res = store.query("CONSTRUCT { ?a ?p ?o } WHERE { ?a a <https://w3id.org/plangraf/ontology#Activity> ; ?p ?o }")
    assert res.kind == "graph" and len(res.graph) == 4
    back = Graph()
    back.parse(data=store.dump("turtle").decode("utf-8"), format="turtle")
    assert len(back) == 8
    assert b"doc-a" in store.dump("trig")


def test_malformed_query_raises_query_error(store: Store) -> None:
    with pytest.raises(QueryError):
        store.query("SELEKT ?x WHERE { ?x ?y }")


def test_unknown_spec() -> None:
    with pytest.raises(StoreError):
        open_store("mongodb://localhost")


def test_embedded_store_persists(tmp_path: Path) -> None:
    spec = f"oxigraph:{tmp_path / 's'}"
    with open_store(spec) as s:
        s.replace_graph(graph_iri("doc-a"), doc_graph(2))
    with open_store(spec) as s:
        assert s.count() == 8


def test_load_file_streams_triples_and_keeps_quads_graphs(store: Store, tmp_path: Path) -> None:
    """Store.load_file on every backend: N-Triples into the given graph, N-Quads into their own
    graphs (triples outside a graph into the given one), each graph replaced."""
    from plangraf.graph.store import RdfSyntaxError
    a, b, f = graph_iri("doc-a"), graph_iri("doc-b"), graph_iri("file")
    store.replace_graph(a, doc_graph(5))
    nt = tmp_path / "x.nt"
    nt.write_bytes(doc_graph(2).serialize(format="nt", encoding="utf-8"))
    assert store.load_file(nt, "nt", b) == {b: 8}
    nq = tmp_path / "x.nq"
    nq.write_text(f'<{EX}g1> <{RDFS.label}> "ett" <{a}> .\n<{EX}g2> <{RDFS.label}> "två" <{a}> .\n'
                  f'<{EX}g3> <{RDFS.label}> "tre" .\n', encoding="utf-8")
    assert store.load_file(nq, "nquads", f) == {a: 2, f: 1}
    assert store.graphs() == sorted([a, b, f]) and store.count(a) == 2 and store.count(b) == 8
    bad = tmp_path / "bad.nt"
    bad.write_text("<https://x/a> <https://x/b> .\n", encoding="utf-8")
    with pytest.raises(RdfSyntaxError):
        store.load_file(bad, "nt", graph_iri("bad"))
    assert graph_iri("bad") not in store.graphs()


def test_remote_store_names_its_timeout() -> None:
    """A remote endpoint that accepts the connection but never answers: the error says how long
    plangraf waited and how to wait longer (the store spec's timeout= option)."""
    import socket

    from plangraf.graph.store import StoreError
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    try:
        store = open_store(f"sparql+http://127.0.0.1:{port}/sparql?graphs=all&timeout=0.5")
        with pytest.raises(StoreError, match=r"did not answer within 0.5 s .*timeout=SECONDS"):
            store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        with pytest.raises(StoreError, match="not a number of seconds"):
            open_store(f"sparql+http://127.0.0.1:{port}/sparql?timeout=soon")
    finally:
        listener.close()


class _Recording:
    """A one-thread SPARQL endpoint that names itself ``server`` in its Server header, records the
    query texts it receives and answers each with an empty SELECT result."""

    def __init__(self, server: str) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from urllib.parse import parse_qs
        received: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def version_string(self) -> str:
                return server

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                received.append(parse_qs(body)["query"][0])
                out = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *args: object) -> None:
                pass

        self.received = received
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def queries(self, option: str = "") -> list[str]:
        """The texts the server received for one SELECT sent through a fresh remote store (the
        store's own probe, ``ASK {}``, left out)."""
        store = open_store(f"sparql+http://127.0.0.1:{self.port}/sparql?graphs=all{option}")
        store.query("SELECT ?s WHERE { ?s ?p ?o }")
        store.query("DEFINE sql:log-enable 2 SELECT ?s WHERE { ?s ?p ?o }")
        store.close()
        return [q for q in self.received if q != "ASK {}"]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize(("server", "option", "pragma"), [
    ("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu", "", True),
    ("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu", "&join-order=engine", False),
    ("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu", "&join-order=written", True),
    ("Oxigraph/0.5.13", "", False),
])
def test_remote_store_asks_virtuoso_for_the_written_join_order(server: str, option: str, pragma: bool) -> None:
    """On Virtuoso (known by its Server header) a query goes with the pragma that keeps the written
    join order, unless join-order=engine or the query has a DEFINE of its own; other servers get
    the text as it is."""
    endpoint = _Recording(server)
    try:
        plain, own = endpoint.queries(option)
    finally:
        endpoint.close()
    assert plain == ('DEFINE sql:select-option "order"\n' if pragma else "") + "SELECT ?s WHERE { ?s ?p ?o }"
    assert own == "DEFINE sql:log-enable 2 SELECT ?s WHERE { ?s ?p ?o }"


def test_remote_store_refuses_an_unknown_join_order() -> None:
    from plangraf.graph.store import StoreError
    with pytest.raises(StoreError, match="join-order='fast': give written or engine"):
        open_store("sparql+http://127.0.0.1:9/sparql?join-order=fast")


def test_remote_store_remembers_resolved_plans_until_it_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan parameter resolved on a remote store is not looked up again (a round trip as long as
    a small query) until the store writes."""
    from plangraf import queries
    store = open_store("sparql+http://127.0.0.1:9/sparql")
    looked_up: list[str] = []

    def exact(_store: object, value: str) -> set[str]:
        looked_up.append(value)
        return {"https://example.org/plan/" + value}

    monkeypatch.setattr(queries, "exact_plans", exact)
    monkeypatch.setattr(store, "_post", lambda *a, **k: None)
    assert queries.resolve_plan(store, "003") == URIRef("https://example.org/plan/003")
    assert queries.resolve_plan(store, " <003> ") == URIRef("https://example.org/plan/003")
    assert looked_up == ["003"]
    store.update("DROP SILENT GRAPH <https://example.org/g>")
    queries.resolve_plan(store, "003")
    assert looked_up == ["003", "003"]
