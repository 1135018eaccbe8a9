"""The audit on the hand-written graph (tests/data/small_graph.trig): findings per rule and plan,
agreement between the SHACL shapes and their twin queries, scores, exit code, and the reports."""
from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.audit import AuditError, audit
from plangraf.graph.store import open_store
from plangraf.namespace import ONTOLOGY_GRAPH, PG, graph_iri
from plangraf.queries import ParamError

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SMALL_GRAPH = Path(__file__).parent / "data" / "small_graph.trig"
EXPECTED = {
    ("NodeWithoutProvenance", "docA", "iA4"), ("ProvenanceRecord", "docA", "src24"),
    ("ActivityWithoutGoal", "docA", "a4"), ("ActivityWithoutResponsible", "docA", "a3"),
    ("ActivityWithoutResponsible", "docA", "a4"), ("GoalWithoutIndicator", "docA", "gS2"),
    ("GoalWithoutIndicator", "docA", "gS3"), ("IndicatorWithoutDataSource", "docA", "iA1"),
    ("MalbildWithoutGoal", "docA", "m2"), ("GoalWithoutResponsible", "docA", "gL1"),
    ("GoalWithoutResponsible", "docA", "gS1"), ("GoalWithoutIndicator", "docB", "gB2"),
    ("GoalWithoutResponsible", "docB", "gB1"), ("GoalWithoutResponsible", "docB", "gB2"),
}


def load(store, only: set[str] | None = None):
    ds = Dataset()
    ds.parse(SMALL_GRAPH, format="trig")
    for g in ds.graphs():
        name = str(g.identifier).rsplit("/", 1)[-1]
        if len(g) and (only is None or name in only):
            store.replace_graph(URIRef(str(g.identifier)), g)
    from plangraf.ontology import ontology_graph
    if len(ontology_graph()):
        store.replace_graph(ONTOLOGY_GRAPH, ontology_graph())
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = load(open_store(f"oxigraph:{tmp_path_factory.mktemp('audit')}"))
    yield s
    s.close()


@pytest.fixture(scope="module")
def report(store):
    return audit(store)


def found(report) -> set[tuple[str, str, str]]:
    return {(f.rule, f.document, f.node.rsplit("/", 1)[-1]) for f in report.findings}


def test_findings_per_rule_and_plan(report):
    assert found(report) == EXPECTED


def test_shapes_and_twin_queries_agree(report):
    assert report.engine["shacl"] == "pyshacl"
    for f in report.findings:
        rule = report.rules[f.rule]
        assert f.found_by == (("query", "shacl") if rule.shape else ("query",)), f


def test_twins_alone_give_the_same_findings(store, report):
    for kwargs in ({"shacl": "off"}, {"shacl_limit": 10}):
        quick = audit(store, **kwargs)
        assert found(quick) == found(report)
        assert "shacl" not in {b for f in quick.findings for b in f.found_by}
    assert audit(store, shacl_limit=10).engine["shacl"].startswith("skipped")


def test_findings_carry_source_line_quote_and_responsible(report):
    by = {(f.rule, f.node.rsplit("/", 1)[-1]): f for f in report.findings}
    gs2 = by[("GoalWithoutIndicator", "gS2")]
    assert (gs2.file, gs2.line, gs2.quote) == ("docA.txt", 12, "Mål: Fler elever får stöd i skolan")
    assert set(gs2.responsible.split("; ")) == {"Skolförvaltningen", "Socialtjänsten"}
    assert gs2.severity == "Warning" and gs2.message.startswith("Målet mäts inte")
    assert by[("IndicatorWithoutDataSource", "iA1")].detail == "Utbildning i suicidprevention för personal"
    assert by[("ProvenanceRecord", "src24")].detail == "ogiltiga radnummer"
    assert by[("ProvenanceRecord", "src24")].severity == "Violation"


def test_scores(report):
    a = report.scores["https://w3id.org/plangraf/id/docA/plan"]
    assert a == {"goals_measured": 0.5, "indicators_sourced": 0.667, "activities_with_goal": 0.8,
                 "activities_responsible": 0.6, "completeness": 0.642}
    b = report.scores["https://w3id.org/plangraf/id/docB/plan"]
    assert (b["goals_measured"], b["activities_responsible"], b["completeness"]) == (0.5, 1.0, 0.875)


def test_one_plan(store):
    r = audit(store, plan="docB", lang="en")
    assert {x for x in found(r)} == {x for x in EXPECTED if x[1] == "docB"}
    assert [p["document"] for p in r.plans] == ["docB"] and list(r.scores) == ["https://w3id.org/plangraf/id/docB/plan"]
    assert r.exit_code == 0  # warnings and notes only
    assert all(f.message and not f.message.startswith(("Målet", "Ingen")) for f in r.findings)


def test_exit_code_is_one_with_violations(report):
    assert report.counts() == {"Violation": 2, "Warning": 8, "Info": 4}
    assert report.exit_code == 1


@pytest.mark.parametrize("kwargs, error", [({"plan": "nosuch"}, ParamError), ({"lang": "de"}, AuditError),
                                           ({"shacl": "maybe"}, AuditError)])
def test_bad_arguments(store, kwargs, error):
    with pytest.raises(error):
        audit(store, **kwargs)


def test_json_report(report):
    data = json.loads(report.to_json())
    assert data["exit_code"] == 1 and data["counts"]["Warning"] == 8
    assert len(data["findings"]) == len(EXPECTED)
    assert {r["id"] for r in data["rules"]} >= {"GoalWithoutIndicator", "MalbildWithoutGoal"}
    assert data["plans"][0]["scores"]["completeness"] == 0.642


def test_csv_report(report):
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert len(rows) == len(EXPECTED)
    assert {r["rule"] for r in rows if r["node"].endswith("/gS2")} == {"GoalWithoutIndicator"}
    assert next(r for r in rows if r["node"].endswith("/gS2"))["line"] == "12"


def test_markdown_report(report):
    md = report.to_markdown()
    assert md.startswith("# Granskning av planer")
    assert "## Handlingsplan för psykisk hälsa i Testlän 2024 (docA.txt)" in md
    assert "**Fler elever får stöd i skolan** — docA.txt:12 — “Mål: Fler elever får stöd i skolan”" in md


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        self.attrs += attrs


def test_html_is_self_contained_and_escaped(tmp_path):
    s = load(open_store(f"oxigraph:{tmp_path}"), only={"docB", "reference", "ontology"})
    g = Graph()
    plan, goal = URIRef("urn:x:plan"), URIRef("urn:x:goal")
    g.add((plan, RDF.type, PG.Plan))
    g.add((plan, RDFS.label, Literal("<script>alert('plan')</script> & co", lang="sv")))
    g.add((goal, RDF.type, PG.Goal))
    g.add((goal, RDFS.label, Literal('<img src=x onerror="alert(1)"> mål', lang="sv")))
    s.replace_graph(graph_iri("evil"), g)
    html = audit(s).to_html()
    parser = Tags()
    parser.feed(html)
    assert set(parser.tags) <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p",
                                "table", "tr", "th", "td", "span", "details", "summary", "blockquote",
                                "footer", "br"}
    assert not any(k in ("src", "href", "onerror") for k, _v in parser.attrs)
    assert "&lt;script&gt;alert(&#x27;plan&#x27;)&lt;/script&gt; &amp; co" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; mål" in html
    s.close()


def test_english_html(store):
    html = audit(store, lang="en", shacl="off").to_html()
    assert '<html lang="en">' in html and "Goal without indicator" in html and "Plan audit" in html


def test_pyshacl_failure_keeps_the_twin_findings():
    """pySHACL stops with a TypeError on an ill-typed line number ("abc"^^xsd:integer); the audit
    keeps what the twin queries found (the bad passage among it) and says pySHACL failed."""
    from plangraf.graph.oxigraph import OxigraphStore
    store = load(OxigraphStore())
    store.update('PREFIX pg: <https://w3id.org/plangraf/ontology#> INSERT DATA { GRAPH '
                 '<https://w3id.org/plangraf/id/graph/docA> { <https://w3id.org/plangraf/id/docA/src25> '
                 'pg:startLine "abc"^^<http://www.w3.org/2001/XMLSchema#integer> } }')
    rep = audit(store, shacl="pyshacl")
    assert rep.engine.get("shacl_failed") and rep.engine["shacl"].startswith("failed (")
    assert ("ProvenanceRecord", "docA", "src25") in found(rep)
    assert EXPECTED - {("ProvenanceRecord", "docA", "src24")} <= found(rep)
