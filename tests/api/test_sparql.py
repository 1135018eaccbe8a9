"""The SPARQL endpoint: protocol forms, content negotiation, refusals, limits."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.api.app import Settings, create_app
from plangraf.graph.oxigraph import OxigraphStore
from plangraf.namespace import PG, graph_iri

Q = "PREFIX pg: <https://w3id.org/plangraf/ontology#> SELECT ?g WHERE { ?g a pg:Goal } ORDER BY ?g"


def small_store():  # type: ignore[no-untyped-def]
    store = OxigraphStore()  # in-memory Oxigraph
    g = Graph()
    for i in range(30):
        node = URIRef(f"https://w3id.org/plangraf/id/t/goal{i:02d}")
        g.add((node, RDF.type, PG.Goal))
        g.add((node, RDFS.label, Literal(f"Mål {i}", lang="sv")))
    store.replace_graph(graph_iri("t"), g)
    return store


@pytest.fixture()
def client():  # type: ignore[no-untyped-def]
    app = create_app(Settings(store="memory:", update_token="s3cret", max_rows=25, query_timeout=2),
                     store=small_store())
    with TestClient(app) as c:
        yield c


def test_get_json(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": Q})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    rows = r.json()["results"]["bindings"]
    assert len(rows) == 25 and r.headers.get("x-plangraf-truncated")


@pytest.mark.parametrize("accept,media", [
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/html;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
])
def test_content_negotiation(client: TestClient, accept: str, media: str) -> None:
    r = client.get("/sparql", params={"query": Q}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)


def test_csv_parses(client: TestClient) -> None:
    r = client.post("/sparql", data={"query": Q}, headers={"Accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["g"] and rows[1][0].endswith("goal00")


def test_post_direct_and_construct(client: TestClient) -> None:
    r = client.post("/sparql", content="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 4",
                    headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=r.text, format="turtle")) == 4
    r = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/plangraf/id/t/goal01>",
                                      "format": "json-ld"})
    assert r.status_code == 200 and json.loads(r.text)


def test_ask(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert r.json()["boolean"] is True


def test_malformed_query_is_400(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "SELECT WHERE {"}).status_code == 400
    assert client.get("/sparql").status_code == 400


def test_unacceptable_format_is_406(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": Q}, headers={"Accept": "image/png"}).status_code == 406


def test_update_refused_without_token(client: TestClient) -> None:
    upd = "DELETE WHERE { ?s ?p ?o }"
    assert client.post("/sparql", data={"update": upd}).status_code == 401
    assert client.post("/sparql", content=upd, headers={"Content-Type": "application/sparql-update"}).status_code == 401
    assert len(client.get("/sparql", params={"query": Q}).json()["results"]["bindings"]) == 25


def test_update_with_token(client: TestClient) -> None:
    r = client.post("/sparql", data={"update": "DELETE WHERE { GRAPH ?g { ?s a ?c } }"},
                    headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 204
    assert client.get("/sparql", params={"query": Q}).json()["results"]["bindings"] == []


def test_read_only_server_refuses_updates_even_with_a_token() -> None:
    app = create_app(Settings(store="memory:"), store=small_store())
    with TestClient(app) as c:
        r = c.post("/sparql", data={"update": "CLEAR ALL"}, headers={"Authorization": "Bearer x"})
        assert r.status_code == 403


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
])
def test_remote_fetching_is_refused(client: TestClient, query: str) -> None:
    assert client.get("/sparql", params={"query": query}).status_code == 403


def test_load_is_refused_even_with_token(client: TestClient) -> None:
    r = client.post("/sparql", data={"update": "LOAD <http://127.0.0.1:9/x.ttl>"},
                    headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 403


def test_service_inside_a_string_is_fine(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": 'SELECT ?x WHERE { BIND("SERVICE LOAD" AS ?x) }'})
    assert r.status_code == 200


def test_long_query_hits_the_time_limit() -> None:
    app = create_app(Settings(store="memory:", query_timeout=0.2, max_rows=10**9), store=small_store())
    slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with TestClient(app) as c:
        r = c.get("/sparql", params={"query": slow})
        assert r.status_code == 503 and "time limit" in r.text
