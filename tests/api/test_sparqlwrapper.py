"""An analyst's Python client against the real endpoint: SPARQLWrapper (the README's example) gets
JSON and CSV results from /sparql over HTTP on loopback, with the predeclared prefixes; a browser
gets the editor page, and /docs and /queries answer a browser with pages that load nothing from
outside (the browser tests run them with the network cut off)."""
from __future__ import annotations

import csv
import io
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from plangraf.api.app import create_app
from tests.api.conftest import HOSTILE_DOC, LABELS
from tests.servers import free_port


@pytest.fixture(scope="module")
def endpoint(api_store, api_settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(api_settings, store=api_store), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


QUERY = """SELECT ?goal ?label WHERE { ?goal a pg:Goal ; rdfs:label ?label . } ORDER BY ?label"""


def test_sparqlwrapper_gets_json(endpoint: str) -> None:
    sparql = SPARQLWrapper(endpoint + "/sparql")
    sparql.setQuery(QUERY)
    sparql.setReturnFormat(JSON)
    rows = sparql.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    labels = {r["label"]["value"] for r in rows}
    assert LABELS["goal"] in labels and len(rows) > 10


def test_sparqlwrapper_gets_csv(endpoint: str) -> None:
    sparql = SPARQLWrapper(endpoint + "/sparql")
    sparql.setQuery(QUERY)
    sparql.setReturnFormat(CSV)
    body = sparql.query().convert()
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))  # type: ignore[union-attr]
    assert {r["label"] for r in rows} >= {LABELS["goal"], LABELS["lonely_goal"]}
    assert all(r["goal"].startswith("https://w3id.org/plangraf/id/") for r in rows)


def test_malformed_query_is_one_line_with_its_position(endpoint: str) -> None:
    r = httpx.get(endpoint + "/sparql", params={"query": "SELECT * WHERE {\n ?s a nope:Goal }"}, trust_env=False)
    assert r.status_code == 400
    assert r.text.count("\n") == 1 and "line 2" in r.text and "'nope:' is not declared" in r.text


@pytest.mark.parametrize("path, marker", [("/docs", "/static/swagger-ui/swagger-ui-bundle.js"),
                                          ("/sparql", "/static/yasgui/yasgui.min.js"),
                                          ("/queries", "PLANGRAF_CATALOGUE")])
def test_browser_pages_use_vendored_files(endpoint: str, path: str, marker: str) -> None:
    r = httpx.get(endpoint + path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}, trust_env=False)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert marker in r.text
    for src in ("https://cdn", "unpkg.com", "jsdelivr", "googleapis"):
        assert src not in r.text
    asset = marker if marker.startswith("/static/") else None
    if asset:
        assert httpx.get(endpoint + asset, trust_env=False).status_code == 200


def test_machines_still_get_data(endpoint: str) -> None:
    assert httpx.get(endpoint + "/sparql", trust_env=False).status_code == 400  # no query, no HTML wanted
    assert httpx.get(endpoint + "/queries", trust_env=False).json()[0]["name"]
    one = httpx.get(endpoint + "/view/plan", params={"plan": HOSTILE_DOC}, trust_env=False).json()
    assert one["plan"]["title"] == LABELS["plan"]
