"""A test store for the API: the ontology and reference data, one extracted sample, and a small
hand-made document whose labels are hostile (markup, quotes, braces, SPARQL fragments), so every
route is exercised on real extraction output and on text that must never become markup or query."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import URIRef

from plangraf.api.app import Settings, create_app
from plangraf.graph.loading import ensure_system_graphs
from plangraf.graph.model import GraphBuilder, Span
from plangraf.graph.oxigraph import OxigraphStore
from plangraf.loaders.pipeline import extract_file
from plangraf.namespace import ID_BASE, PG, graph_iri

SAMPLE = Path(__file__).resolve().parents[2] / "plangraf" / "samples" / "004_f9e9a9070f811de9.txt"
HOSTILE_DOC = "zz_hostile"
# Labels that would run or break something if a route pasted them into HTML or SPARQL.
LABELS = {
    "plan": "Handlingsplan <i>test</i> & \"citat\"",
    "area": "Fokus {område} 'ett'",
    "goal": "Mål <script>alert(\"mål\")</script> } UNION { ?s ?p ?o }",
    "lonely_goal": "Ensamt mål <script>alert('gap')</script>",
    "activity": "Aktivitet <img src=x onerror=alert(1)>",
    "orphan": "Föräldralös aktivitet \"><svg onload=alert(3)>",
    "indicator": "Andel \"} ; DROP ALL ; {\"",
    "source": "Källa </script><script>alert(2)</script>",
    "body": "Nämnd 'x' & <b>y</b>",
}


def hostile_builder() -> GraphBuilder:
    """Plan → area → goal ← activity → indicator → source, a body responsible for the activity;
    plus a goal without indicators and an activity that serves no goal and has no one responsible."""
    b = GraphBuilder(HOSTILE_DOC, "hostile.txt", extractor="test")
    n = {k: b.node(cls, LABELS[k], Span(i + 1, i + 1)) for i, (k, cls) in enumerate([
        ("plan", PG.Plan), ("area", PG.FocusArea), ("goal", PG.Goal), ("lonely_goal", PG.Goal),
        ("activity", PG.Activity), ("orphan", PG.Activity), ("indicator", PG.Indicator),
        ("source", PG.DataSource), ("body", PG.ResponsibleBody)])}
    b.plan = n["plan"]
    span = Span(1, 9)
    for s, p, o in [("plan", PG.hasFocusArea, "area"), ("area", PG.hasGoal, "goal"),
                    ("plan", PG.hasGoal, "lonely_goal"), ("activity", PG.servesGoal, "goal"),
                    ("goal", PG.measuredBy, "indicator"), ("activity", PG.measuredBy, "indicator"),
                    ("indicator", PG.dataSource, "source"), ("body", PG.responsibleFor, "activity")]:
        b.link(n[s], p, n[o], span)
    b.link(n["plan"], PG.sourceDocument, b.doc)
    # a reference-data node, as the loaders link a region: the view's region filter keys on it
    n["region"] = b.node(PG.ResponsibleBody, "Region Värmland", Span(10, 10), iri=URIRef(ID_BASE + "region/17"))
    b.link(n["region"], PG.responsibleFor, n["lonely_goal"], Span(10, 10))
    b.nodes = n  # type: ignore[attr-defined]
    return b


@pytest.fixture(scope="session")
def hostile() -> dict[str, str]:
    """Label key -> node IRI of the hand-made document."""
    return {k: str(v) for k, v in hostile_builder().nodes.items()}  # type: ignore[attr-defined]


def api_store_instance() -> OxigraphStore:
    """A fresh in-memory store: ontology, reference data, the sample and the hostile document."""
    store = OxigraphStore()
    ensure_system_graphs(store)
    ex = extract_file(SAMPLE)
    store.replace_graph(graph_iri(ex.doc.doc_id), ex.ntriples())
    store.replace_graph(graph_iri(HOSTILE_DOC), hostile_builder().ntriples())
    return store


@pytest.fixture(scope="session")
def api_store() -> Iterator[OxigraphStore]:
    store = api_store_instance()
    yield store
    store.close()


@pytest.fixture(scope="session")
def api_settings() -> Settings:
    return Settings(store="memory:", max_rows=5000, query_timeout=30)


@pytest.fixture(scope="session")
def api_client(api_store: OxigraphStore, api_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings, store=api_store)) as c:
        yield c
