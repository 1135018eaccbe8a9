"""Queries bounded by their shape are answered in the server process (plangraf.api.inline), with
the bytes a worker would give; everything else still goes to a killable worker. And the ASGI fast
path in front of FastAPI keeps the body limit and the 500 of the middleware it skips."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from plangraf.api import fastpath
from plangraf.api.answer import Job, answer
from plangraf.api.app import Settings, create_app
from plangraf.api.inline import bounded_limit, inline_answer
from plangraf.graph.oxigraph import OxigraphStore

LABELS = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 50"
JSON = "application/sparql-results+json"


@pytest.mark.parametrize("query,limit", [
    (LABELS, 50),
    ("select * { ?s a pg:Plan . } limit 7", 7),
    ('SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> "Mål"@sv } LIMIT 5', 5),
    ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 100", 100),
])
def test_bounded_shapes(query: str, limit: int) -> None:
    assert bounded_limit(query) == limit


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p ?o }",                                   # no LIMIT
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10 OFFSET 100000",            # OFFSET scans
    "SELECT ?s WHERE { ?s ?s ?s } LIMIT 1",                           # repeated variable: a full scan
    "SELECT ?s WHERE { ?s ?p ?s } LIMIT 1",
    "SELECT ?s WHERE { ?s ?p ?o . ?o ?q ?r } LIMIT 10",               # a join
    "SELECT ?s WHERE { ?s rdfs:label* ?o } LIMIT 10",                 # a property path
    "SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } LIMIT 10",
    "SELECT ?s FROM <http://example.org/g> WHERE { ?s ?p ?o } LIMIT 10",
    "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 10",
    "SELECT DISTINCT ?s WHERE { ?s ?p ?o } LIMIT 10",
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 10",
    "SELECT ?s WHERE { ?s ?p ?o FILTER(REGEX(?o, '(a+)+b')) } LIMIT 10",
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10 # }",
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 101",                         # above INLINE_ROWS
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } LIMIT 1",
    "ASK { ?s ?p ?o }",
    "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 10",
])
def test_everything_else_goes_to_a_worker(query: str) -> None:
    assert bounded_limit(query) is None


@pytest.mark.parametrize("accept", [JSON, "application/sparql-results+xml", "text/csv", "text/tab-separated-values"])
def test_inline_answers_are_a_workers_bytes(api_store: OxigraphStore, accept: str) -> None:
    job = Job(LABELS, accept)
    here = inline_answer(api_store, job)
    assert here is not None
    assert here == answer(api_store, job)  # what a worker runs
    assert here.body.count(b"label") >= 1


def test_a_disk_store_without_a_memory_copy_is_not_answered_inline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = OxigraphStore(tmp_path / "s")
    try:
        assert inline_answer(store, Job(LABELS, JSON)) is None
    finally:
        store.close()


def test_the_server_uses_a_worker_only_for_unbounded_queries(api_store: OxigraphStore) -> None:
    settings = Settings(store="memory:", cache_bytes=0, sparql_workers=1)
    app = create_app(settings, store=api_store)
    with TestClient(app) as client:
        r = client.get("/sparql", params={"query": LABELS}, headers={"Accept": JSON})
        assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 50
        pool = getattr(app.state, "sandbox", None)
        assert pool is None or not pool.pids()
        # an engine refusal is not answered inline: the worker gives its usual 400
        bad = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s nope:x ?o } LIMIT 5"},
                         headers={"Accept": JSON})
        assert bad.status_code == 400 and b"nope" in bad.content
        assert app.state.sandbox.pids()
        join = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o . ?o ?q ?r } LIMIT 5"},
                          headers={"Accept": JSON})
        assert join.status_code == 200 and len(join.json()["results"]["bindings"]) == 5


def test_the_fast_path_keeps_the_body_limit_and_the_500(api_store: OxigraphStore,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(Settings(store="memory:", max_body=100, sparql_workers=0), store=api_store)
    with TestClient(app, raise_server_exceptions=False) as client:
        big = client.request("GET", "/sparql", params={"query": LABELS}, headers={"Accept": JSON},
                             content=b"x" * 1000)
        assert big.status_code == 413

        async def broken(*args: object) -> None:
            raise RuntimeError("a bug")
        monkeypatch.setattr(fastpath, "sparql_reply", broken)
        r = client.get("/sparql", params={"query": LABELS}, headers={"Accept": JSON})
        assert r.status_code == 500 and r.content == b"Internal Server Error"


def test_only_the_usual_prefixes_a_query_mentions_are_declared() -> None:
    from plangraf.api.runner import predeclare_used
    from plangraf.queries.prefixes import predeclare
    text, added = predeclare_used("SELECT ?s WHERE { ?s a pg:Plan ; rdfs:label ?l }")
    assert added == 1 and "PREFIX pg:" in text and "PREFIX rdfs:" in text and "PREFIX skos:" not in text
    assert predeclare_used(LABELS) == (LABELS, 0)   # declares its own
    assert predeclare("SELECT * WHERE { ?s ?p ?o }")[1] == 1 and predeclare_used("SELECT * WHERE { ?s ?p ?o }")[1] == 0
