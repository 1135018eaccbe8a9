"""Every REST route through TestClient: status codes, content types, negotiation, hostile input,
and labels from documents escaped wherever a route writes HTML (fixtures in conftest.py)."""
from __future__ import annotations

import csv
import html
import io
import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from plangraf import queries as catalogue
from plangraf.namespace import ID_BASE
from tests.api.conftest import HOSTILE_DOC, LABELS

RAW_MARKUP = ["<script>alert", "<img src=x", "<svg onload", "</script><script>", "<b>y</b>", "<i>test</i>"]


def assert_no_raw_markup(text: str) -> None:
    for bad in RAW_MARKUP:
        assert bad not in text, f"unescaped document text in HTML: {bad!r}"


def example_params(q: catalogue.NamedQuery) -> dict[str, str]:
    # the app's store holds sample 004 (a plan parameter's example names another sample)
    return {p.name: "004" if p.type == "plan" else p.example
            for p in q.params.values() if p.required or p.name in q.one_of[:1]}


# -- the catalogue --------------------------------------------------------------------------------
def test_catalogue_lists_every_query(api_client: TestClient) -> None:
    r = api_client.get("/queries")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert [q["name"] for q in body] == [q.name for q in catalogue.list_queries()]
    for q in body:
        assert q["summary"] and q["href"] == f"/queries/{q['name']}"
        assert set(q) >= {"description", "params", "tags"}
        for p in q["params"]:
            assert set(p) >= {"name", "type", "example", "required"}
    chain = next(q for q in body if q["name"] == "activities-for-goal")
    assert {p["name"]: p["type"] for p in chain["params"]}["plan"] == "plan"


@pytest.mark.parametrize("name", [q.name for q in catalogue.list_queries()])
def test_every_query_runs_as_json_and_csv(api_client: TestClient, name: str) -> None:
    params = example_params(catalogue.load(name))
    r = api_client.get(f"/queries/{name}", params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    data = r.json()
    head = data["head"]["vars"]
    r = api_client.get(f"/queries/{name}", params=params, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == head and len(rows) - 1 == len(data["results"]["bindings"])


@pytest.mark.parametrize("accept,fmt,media", [
    (None, None, "application/sparql-results+json"),
    ("application/json", None, "application/sparql-results+json"),
    ("text/csv", None, "text/csv"),
    (None, "csv", "text/csv"),
    (None, "tsv", "text/tab-separated-values"),
    ("text/csv", "xml", "application/sparql-results+xml"),  # ?format= wins over Accept
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", None, "application/sparql-results+json"),
    (None, "rq", "application/sparql-query"),
])
def test_query_formats(api_client: TestClient, accept: str | None, fmt: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    params = {"format": fmt} if fmt else {}
    r = api_client.get("/queries/goals-without-indicators", params=params, headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)


def test_query_unacceptable_format(api_client: TestClient) -> None:
    assert api_client.get("/queries/plans-overview", headers={"Accept": "image/png"}).status_code == 406
    assert api_client.get("/queries/plans-overview", params={"format": "pdf"}).status_code == 406


@pytest.mark.parametrize("name", ["nope", "plans-overview.rq", "PLANS-OVERVIEW", "plans-overview%22%7D",
                                  "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3E"])
def test_unknown_query_is_404(api_client: TestClient, name: str) -> None:
    r = api_client.get(f"/queries/{name}")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")  # an echoed name is data, not markup


@pytest.mark.parametrize("name,params", [
    ("goal-chain", {"bogus": "1"}),                                  # unknown parameter
    ("goal-chain", {"plan": "no-such-plan"}),                        # unknown plan
    ("goal-chain", {"plan": 'x"} UNION {'}),                         # hostile plan
    ("activities-for-goal", {"goal": "not an iri"}),
    ("activities-for-goal", {"goal": "<http://x> } ; DROP ALL ; {"}),
    ("activities-for-goal", {"goal": "http://x/a>b"}),
    ("search", {}),                                                  # required parameter missing
    ("search", {"term": "x", "class": "NoSuchClass"}),
    ("search", {"term": "x" * 5000}),
])
def test_bad_parameters_are_400(api_client: TestClient, name: str, params: dict[str, str]) -> None:
    r = api_client.get(f"/queries/{name}", params=params)
    assert r.status_code == 400, r.text
    assert r.json()["detail"]


def test_repeated_parameter_is_400(api_client: TestClient) -> None:
    r = api_client.get("/queries/goal-chain?plan=004&plan=zz")
    assert r.status_code == 400 and "more than once" in r.json()["detail"]


@pytest.mark.parametrize("term", ['"} UNION { ?s ?p ?o } #', "<script>", "{område}", "' ; DROP ALL", "\\", "%00"])
def test_hostile_search_text_is_only_text(api_client: TestClient, term: str) -> None:
    r = api_client.get("/queries/search", params={"term": term})
    assert r.status_code == 200, r.text
    labels = [b["label"]["value"] for b in r.json()["results"]["bindings"]]
    assert all(term.lower() in lab.lower() for lab in labels)


def test_search_finds_the_hostile_goal(api_client: TestClient, hostile: dict[str, str]) -> None:
    r = api_client.get("/queries/search", params={"term": "<script>alert(\"mål\")", "class": "Goal"})
    nodes = {b["node"]["value"]: b["label"]["value"] for b in r.json()["results"]["bindings"]}
    assert nodes == {hostile["goal"]: LABELS["goal"]}


def test_goal_parameter_selects_one_chain(api_client: TestClient, hostile: dict[str, str]) -> None:
    for goal in (hostile["goal"], "<" + hostile["goal"] + ">"):
        r = api_client.get("/queries/activities-for-goal", params={"goal": goal})
        rows = r.json()["results"]["bindings"]
        assert {b["activity"]["value"] for b in rows} == {hostile["activity"]}
        assert {b["dataSources"]["value"] for b in rows} == {LABELS["source"]}
    r = api_client.get("/queries/goal-chain", params={"plan": HOSTILE_DOC}, headers={"Accept": "text/csv"})
    goals = {row["goal"] for row in csv.DictReader(io.StringIO(r.text))}
    assert goals == {hostile["goal"], hostile["lonely_goal"]}


def test_plan_filter_keeps_to_one_document(api_client: TestClient) -> None:
    r = api_client.get("/queries/goals-without-indicators", params={"plan": HOSTILE_DOC})
    rows = r.json()["results"]["bindings"]
    assert rows and all(ID_BASE + HOSTILE_DOC + "/" in json.dumps(b) for b in rows)


def test_row_limit_truncates(api_store, api_settings) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from plangraf.api.app import create_app
    with TestClient(create_app(replace(api_settings, max_rows=3), store=api_store)) as c:
        r = c.get("/queries/search", params={"term": "a"})
        assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 3
        assert r.headers.get("x-plangraf-truncated")


# -- entities ---------------------------------------------------------------------------------------
def test_entity_with_links_and_source(api_client: TestClient, hostile: dict[str, str]) -> None:
    short = hostile["goal"][len(ID_BASE):]
    r = api_client.get(f"/entities/{short}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    e = r.json()
    assert e["iri"] == hostile["goal"] and e["labels"] == [LABELS["goal"]]
    assert "pg:Goal" in e["types"]
    links = {(lk["direction"], lk["predicate"], lk["node"]) for lk in e["links"]}
    assert ("in", "pg:servesGoal", hostile["activity"]) in links
    assert ("out", "pg:measuredBy", hostile["indicator"]) in links
    assert e["sources"][0]["quote"] == LABELS["goal"] and e["sources"][0]["file"] == "hostile.txt"
    assert api_client.get(f"/entities/{quote(hostile['goal'], safe='')}").json()["iri"] == hostile["goal"]


@pytest.mark.parametrize("node", ["nope/nothing", 'x"}{', "%3Cscript%3E", "a%20b", "..%2F..", "urn:x:y"])
def test_unknown_entity_is_4xx(api_client: TestClient, node: str) -> None:
    r = api_client.get(f"/entities/{node}")
    assert r.status_code in (400, 404), r.text


# -- the view ---------------------------------------------------------------------------------------
def test_view_page(api_client: TestClient) -> None:
    r = api_client.get("/view")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "/static/vis-network/vis-network.min.js" in r.text
    assert_no_raw_markup(r.text)
    js = api_client.get("/static/vis-network/vis-network.min.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("application/javascript")
    assert api_client.get("/static/../app.py").status_code == 404
    assert api_client.get("/", follow_redirects=False).headers["location"] == "/view"


def test_view_data_whole_and_filtered(api_client: TestClient, hostile: dict[str, str]) -> None:
    whole = api_client.get("/view/data").json()
    ids = {n["id"] for n in whole["nodes"]}
    assert set(hostile.values()) <= ids and len(ids) > 50
    assert HOSTILE_DOC in whole["documents"]
    goal = next(n for n in whole["nodes"] if n["id"] == hostile["goal"])
    assert goal["full"] == LABELS["goal"] and goal["source"]["quote"] == LABELS["goal"]

    one = api_client.get("/view/data", params={"document": HOSTILE_DOC}).json()
    assert {n["id"] for n in one["nodes"]} == set(hostile.values())
    assert all(e["from"] in ids and e["to"] in ids for e in one["edges"])

    ind = api_client.get("/view/data", params=[("cls", "Indicator"), ("cls", "DataSource")]).json()
    assert ind["nodes"] and all({"Indicator", "DataSource"} & set(n["classes"]) for n in ind["nodes"])

    found = api_client.get("/view/data", params={"search": "föräldralös"}).json()
    assert hostile["orphan"] in {n["id"] for n in found["nodes"]} and len(found["nodes"]) < len(ids)

    area = api_client.get("/view/data", params={"focus_area": "{område}"}).json()
    assert {hostile["area"], hostile["goal"]} <= {n["id"] for n in area["nodes"]}

    region = {n["id"] for n in api_client.get("/view/data", params={"region": "17"}).json()["nodes"]}
    assert set(hostile.values()) <= region
    assert api_client.get("/view/data", params={"region": "99"}).json()["nodes"] == []


@pytest.mark.parametrize("params", [
    {"document": 'x"}<script>'}, {"search": "<script>alert(1)</script>"}, {"search": "{ } \" ' \\"},
    {"focus_area": "'; DROP"}, {"region": "<b>13</b>"}, {"cls": "NoSuchClass"}, {"search": "((("},
])
def test_view_data_hostile_filters(api_client: TestClient, params: dict[str, str]) -> None:
    r = api_client.get("/view/data", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")


def test_view_data_never_exceeds_the_node_limit(api_store, api_settings) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from plangraf.api.app import create_app
    with TestClient(create_app(replace(api_settings, max_view_nodes=20), store=api_store)) as c:
        data = c.get("/view/data").json()
        assert len(data["nodes"]) == 20 and data["truncated"] is True


def test_offline_view_escapes_labels(api_store) -> None:  # type: ignore[no-untyped-def]
    from plangraf.api.view import render_offline
    page = render_offline(api_store, document=HOSTILE_DOC)
    assert "</script><script>alert(2)" not in page  # the JSON payload cannot close its <script>
    assert "alert(2)" in page                      # ... but the label is still there, as data


# -- audit ------------------------------------------------------------------------------------------
def test_audit_json_by_default(api_client: TestClient) -> None:
    r = api_client.get("/audit")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert json.loads(r.text)


@pytest.mark.parametrize("kwargs", [{"params": {"format": "html"}}, {"headers": {"Accept": "text/html"}},
                                    {"params": {"format": "html", "plan": HOSTILE_DOC, "lang": "en"}}])
def test_audit_html_escapes_labels(api_client: TestClient, kwargs: dict) -> None:  # type: ignore[type-arg]
    r = api_client.get("/audit", **kwargs)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "script-src" not in r.headers["content-security-policy"]  # no script may run at all
    assert_no_raw_markup(r.text)
    # the flagged nodes are in the report, escaped
    assert html.escape(LABELS["lonely_goal"], quote=False) in r.text.replace("&#x27;", "'").replace("&#39;", "'")


def test_audit_plan_and_lang(api_client: TestClient, hostile: dict[str, str]) -> None:
    one = api_client.get("/audit", params={"plan": HOSTILE_DOC}).text
    assert hostile["lonely_goal"] in one and hostile["orphan"] in one
    assert ID_BASE + "004_" not in one
    sv = api_client.get("/audit", params={"format": "md", "lang": "sv"})
    en = api_client.get("/audit", params={"format": "md", "lang": "en"})
    assert sv.status_code == en.status_code == 200 and sv.text != en.text
    assert sv.headers["content-type"].startswith("text/markdown")
    r = api_client.get("/audit", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")


@pytest.mark.parametrize("params,status", [
    ({"plan": "no-such-plan"}, 400), ({"plan": 'x"}<script>'}, 400), ({"lang": "de"}, 422),
    ({"format": "pdf"}, 422),
])
def test_audit_refusals(api_client: TestClient, params: dict[str, str], status: int) -> None:
    r = api_client.get("/audit", params=params)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert api_client.get("/audit", headers={"Accept": "image/png"}).status_code == 406


# -- ontology ---------------------------------------------------------------------------------------
def test_ontology_page_and_turtle(api_client: TestClient) -> None:
    r = api_client.get("/ontology")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Goal" in r.text and "ontology?format=ttl" in r.headers["link"]
    assert "script-src" not in r.headers["content-security-policy"]
    for kwargs in ({"headers": {"Accept": "text/turtle"}}, {"params": {"format": "ttl"}}):
        t = api_client.get("/ontology", **kwargs)
        assert t.status_code == 200 and t.headers["content-type"].startswith("text/turtle")
        g = Graph().parse(data=t.text, format="turtle")
        assert len(g) > 50
    j = api_client.get("/ontology", headers={"Accept": "application/ld+json"})
    assert j.status_code == 200 and json.loads(j.text)
    assert api_client.get("/ontology", headers={"Accept": "image/png"}).status_code == 406
    assert api_client.get("/ontology", params={"format": "pdf"}).status_code == 422


def test_shapes(api_client: TestClient) -> None:
    r = api_client.get("/ontology/shapes")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    assert any("NodeShape" in str(o) for o in g.objects())


# -- OpenAPI ----------------------------------------------------------------------------------------
def test_openapi_documents_the_routes(api_client: TestClient) -> None:
    paths = api_client.get("/openapi.json").json()["paths"]
    for p in ("/sparql", "/queries", "/queries/{name}", "/entities/{node_id}", "/audit", "/ontology",
              "/ontology/shapes", "/view", "/view/data"):
        assert p in paths, p
    assert api_client.get("/docs").status_code == 200
