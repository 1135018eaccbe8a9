"""Hostile requests to /sparql (issue 11): each reproduction of the audit, against a real server
on loopback that counts every request the endpoint might be tricked into sending."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.api.app import Settings, create_app
from plangraf.graph.memory import MemoryStore
from plangraf.graph.oxigraph import OxigraphStore
from plangraf.namespace import PG, graph_iri

TOKEN = "s3cret"
ANSWER = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://evil/"}}]}}'
TURTLE = b"<http://evil/s> <http://evil/p> <http://evil/o> .\n"


class Trap:
    """A loopback HTTP server that answers anything (SPARQL JSON, Turtle) and counts requests."""

    def __init__(self) -> None:
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                hits.append(self.path)
                body = TURTLE if self.path.endswith(".ttl") else ANSWER
                ctype = "text/turtle" if self.path.endswith(".ttl") else "application/sparql-results+json"
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def trap() -> Iterator[Trap]:
    t = Trap()
    yield t
    t.close()


def goals() -> Graph:
    g = Graph()
    for i in range(30):
        node = URIRef(f"https://w3id.org/plangraf/id/t/goal{i:02d}")
        g.add((node, RDF.type, PG.Goal))
        g.add((node, RDFS.label, Literal(f"Mål {i}", lang="sv")))
    return g


def oxigraph_store() -> OxigraphStore:
    store = OxigraphStore()
    store.replace_graph(graph_iri("t"), goals())
    return store


@pytest.fixture(params=["oxigraph", "memory"])
def client(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    store = oxigraph_store() if request.param == "oxigraph" else MemoryStore()
    if request.param == "memory":
        store.replace_graph(graph_iri("t"), goals())
    app = create_app(Settings(store="memory:", update_token=TOKEN, query_timeout=10), store=store)
    with TestClient(app) as c:
        yield c


def ssrf_queries(url: str) -> list[str]:
    escaped = url.replace("/", "\\u002F")
    return [
        # the audit's bypass: an escape in an IRI holding '#' or "'" fooled the old scanner
        f"SELECT * WHERE {{ BIND(<http://x/\\u0041#> AS ?x) SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<http://x/\\u0027> AS ?x) SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
        f"PREFIX e: <{url}> SELECT * WHERE {{ SERVICE e:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ {{ service silent <{url}sparql> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}sparql> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . SERVICE <{escaped}sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ FILTER EXISTS {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }} }}",
    ]


def test_service_is_never_fetched_however_written(client: TestClient, trap: Trap) -> None:
    for query in ssrf_queries(trap.url):
        r = client.get("/sparql", params={"query": query})
        assert r.status_code in (400, 403), (query, r.status_code, r.text)
        assert "evil" not in r.text
    assert trap.hits == []


@pytest.mark.parametrize("template", [
    "PREFIX e: <{url}> SELECT * FROM e:data.ttl WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "BASE <{url}> SELECT * FROM <data.ttl> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM <{esc}data.ttl> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}",
])
def test_from_outside_plangraf_is_refused_and_never_fetched(client: TestClient, trap: Trap, template: str) -> None:
    query = template.format(url=trap.url, esc=trap.url.replace(":", "\\u003A", 1))
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 403 and "FROM" in r.text
    assert trap.hits == []


def test_from_plangraf_graph_is_fine(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": f"SELECT ?s FROM <{graph_iri('t')}> WHERE {{ ?s a ?c }}"})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 30


def test_memory_store_never_fetches_from(trap: Trap, tmp_path: Path) -> None:
    """Straight to the rdflib store (no endpoint guard): FROM names a graph of the store."""
    local = tmp_path / "x.ttl"
    local.write_bytes(TURTLE)
    store = MemoryStore()
    store.replace_graph(graph_iri("t"), goals())
    for iri in (f"{trap.url}data.ttl", local.as_uri()):
        res = store.query(f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}")
        assert all("evil" not in str(t) for row in res.rows for t in row)
    assert trap.hits == []
    with pytest.raises(Exception, match="SERVICE"):
        store.query(f"SELECT * WHERE {{ SERVICE <{trap.url}sparql> {{ ?s ?p ?o }} }}")
    with pytest.raises(Exception, match="LOAD"):
        store.update(f"LOAD <{trap.url}data.ttl>")
    assert trap.hits == []


@pytest.mark.parametrize("template", [
    "LOAD <{url}data.ttl>",
    "INSERT DATA {{ <http://x/\\u0041#> <http://p> 1 }} ; LOAD <{url}data.ttl>",
    "PREFIX e: <{url}> LOAD e:data.ttl INTO GRAPH <https://w3id.org/plangraf/id/graph/t>",
    "INSERT {{ ?s ?p ?o }} USING <{url}data.ttl> WHERE {{ ?s ?p ?o }}",
    "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
])
def test_token_holder_cannot_make_the_server_fetch(client: TestClient, trap: Trap, template: str) -> None:
    r = client.post("/sparql", data={"update": template.format(url=trap.url)},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code in (400, 403), r.text
    assert trap.hits == []


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service a ?c } LIMIT 3",
    "PREFIX service: <https://w3id.org/plangraf/ontology#> SELECT ?g WHERE { ?g a service:Goal } LIMIT 3",
    'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:9/> LOAD FROM" AS ?x) }',
    "SELECT ?g # SERVICE <http://127.0.0.1:9/>\nWHERE { ?g a ?c } LIMIT 3",
])
def test_words_that_look_like_keywords_are_fine(client: TestClient, query: str) -> None:
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 200, r.text


def nested(depth: int) -> str:
    return "SELECT * WHERE { BIND(1 AS ?x) FILTER(" + "(" * depth + "?x" + ")" * depth + ") }"


def test_deep_nesting_is_a_clear_400_and_the_server_lives(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": nested(5000)})  # ~10 KB; used to kill the server
    assert r.status_code == 400 and "nests brackets 5002 deep" in r.text
    r = client.post("/sparql", content="SELECT * WHERE " + "{" * 5000 + "}" * 5000,
                    headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400
    assert client.get("/sparql", params={"query": nested(60)}).json()["results"]["bindings"]


def test_nesting_hidden_in_strings_comments_and_escapes_still_counts() -> None:
    from plangraf.api.guard import Limits, QueryError, check_size
    limits = Limits(max_depth=50)
    deep = "(" * 60 + "1" + ")" * 60
    for text in [f"SELECT * WHERE {{ FILTER({deep}) }}",
                 f"SELECT * WHERE {{ FILTER({'(' * 30} \"))))\" {'(' * 30}1{')' * 60}) }}",
                 f"SELECT * WHERE {{ BIND(<http://x/\\u0027> AS ?a) FILTER({deep}) }}",
                 f"SELECT * WHERE {{ BIND(<http://x/\\u0041#> AS ?a) FILTER({deep}) }}",
                 f"SELECT * WHERE {{ FILTER(?a<{'(' * 60}?b>1) }}"]:
        with pytest.raises(QueryError, match="deep"):
            check_size(text, limits)
    check_size("SELECT * WHERE { FILTER(\"((((((((((((((((((((((((((((((((((((((((((((((((((((((\") }", limits)


def test_size_and_body_limits() -> None:
    app = create_app(Settings(store="memory:", max_query_chars=1000, max_body=10_000), store=oxigraph_store())
    with TestClient(app) as c:
        long_query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 2000
        r = c.get("/sparql", params={"query": long_query})
        assert r.status_code == 400 and "1,000" in r.text
        r = c.post("/sparql", content="SELECT * WHERE { ?s ?p ?o } #" + "x" * 20_000,
                   headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 413
        chunks = (b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 4000 for _ in range(4))  # no Content-Length
        r = c.post("/sparql", content=chunks, headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 413
        assert c.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_every_html_page_has_a_csp(api_client: TestClient) -> None:
    r = api_client.get("/view")
    csp = r.headers.get("content-security-policy", "")
    scripts = csp.split("script-src", 1)[1].split(";", 1)[0]
    assert r.status_code == 200 and "'sha256-" in scripts and "unsafe-inline" not in scripts
    assert "object-src 'none'" in csp and "http" not in scripts
    r = api_client.get("/audit", params={"format": "html"})
    assert "default-src 'none'" in r.headers.get("content-security-policy", "")  # its own, stricter
