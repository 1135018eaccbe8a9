"""The engine's own writers (SELECT with a LIMIT within the row limit, ASK, CONSTRUCT) give the
same answers as plangraf's writers, which still cut results at the row limit."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from plangraf.api.answer import Job, answer
from plangraf.graph.oxigraph import OxigraphStore

LABELS = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
          "SELECT ?s ?label ?none WHERE { ?s rdfs:label ?label OPTIONAL { ?s <urn:x:none> ?none } } "
          "ORDER BY ?s ?label")


def bindings(body: bytes) -> list[dict[str, dict[str, str]]]:
    return json.loads(body)["results"]["bindings"]


def test_native_and_plangraf_writers_agree(api_store: OxigraphStore) -> None:
    native = answer(api_store, Job(LABELS + " LIMIT 40", fmt="json", max_rows=100))
    ours = answer(api_store, Job(LABELS, fmt="json", max_rows=40))  # no LIMIT: read and cut by plangraf
    assert native.status == ours.status == 200
    assert bindings(native.body) == bindings(ours.body) and len(bindings(native.body)) == 40
    assert "X-Plangraf-Truncated" in ours.headers and "X-Plangraf-Truncated" not in native.headers
    langs = {b["label"].get("xml:lang") for b in bindings(native.body)}
    assert "sv" in langs  # language tags survive the engine's writer


@pytest.mark.parametrize("fmt", ["csv", "tsv", "xml"])
def test_native_formats_parse(api_store: OxigraphStore, fmt: str) -> None:
    reply = answer(api_store, Job(LABELS + " LIMIT 5", fmt=fmt))
    assert reply.status == 200
    text = reply.body.decode("utf-8")
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["s", "label", "none"] and len(rows) == 6
    elif fmt == "tsv":
        assert text.splitlines()[0] == "?s\t?label\t?none" and len(text.splitlines()) == 6
    else:
        assert text.count("<result>") == 5


@pytest.mark.parametrize("fmt,rdflib_fmt", [("turtle", "turtle"), ("nt", "nt"), ("json-ld", "json-ld"),
                                            ("rdfxml", "xml")])
def test_construct_in_every_graph_format(api_store: OxigraphStore, fmt: str, rdflib_fmt: str) -> None:
    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 7"
    reply = answer(api_store, Job(q, fmt=fmt))
    assert reply.status == 200
    assert len(Graph().parse(data=reply.body, format=rdflib_fmt)) == 7


def test_ask_natively(api_store: OxigraphStore) -> None:
    assert json.loads(answer(api_store, Job("ASK { ?s ?p ?o }")).body)["boolean"] is True


def test_unacceptable_format_and_engine_errors(api_store: OxigraphStore) -> None:
    from plangraf.graph.results import QueryError
    with pytest.raises(QueryError) as err:
        answer(api_store, Job("ASK { ?s ?p ?o }", accept="image/png"))
    assert err.value.status == 406
    with pytest.raises(QueryError) as err:
        answer(api_store, Job("SELECT * WHERE { ?s ?p }"))
    assert err.value.status == 400


@pytest.mark.parametrize("query,fmt", [
    (LABELS + " LIMIT 3", None), (LABELS, "csv"), ("ASK { ?s ?p ?o }", None), ("SELECT * WHERE {", None),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", None),
])
def test_fast_path_answers_like_the_route(api_client: TestClient, query: str, fmt: str | None) -> None:
    """Programs (no text/html in Accept) get the ASGI fast path, browsers the FastAPI route."""
    params = {"query": query, **({"format": fmt} if fmt else {})}
    fast = api_client.get("/sparql", params=params, headers={"Accept": "application/sparql-results+json"})
    routed = api_client.get("/sparql", params=params,
                            headers={"Accept": "text/html;q=0.1, application/sparql-results+json"})
    assert fast.status_code == routed.status_code
    assert fast.content == routed.content
    for h in ("content-type", "x-plangraf-truncated", "retry-after"):
        assert fast.headers.get(h) == routed.headers.get(h)
