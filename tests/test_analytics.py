"""networkx projection and analytics on the hand-written graph (tests/data/small_graph.trig)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, URIRef

from plangraf import analytics as an
from plangraf.graph.store import open_store
from plangraf.namespace import ONTOLOGY_GRAPH

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SMALL_GRAPH = Path(__file__).parent / "data" / "small_graph.trig"
A, B, REF = ("https://w3id.org/plangraf/id/docA/", "https://w3id.org/plangraf/id/docB/",
             "https://w3id.org/plangraf/id/test-ref/")
PLAN_A, PLAN_B = A + "plan", B + "plan"


def short(n: str) -> str:
    return n.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(f"oxigraph:{tmp_path_factory.mktemp('an')}")
    ds = Dataset()
    ds.parse(SMALL_GRAPH, format="trig")
    for g in ds.graphs():
        if len(g):
            s.replace_graph(URIRef(str(g.identifier)), g)
    from plangraf.ontology import ontology_graph
    if len(ontology_graph()):
        s.replace_graph(ONTOLOGY_GRAPH, ontology_graph())
    yield s
    s.close()


@pytest.fixture(scope="module")
def G(store):
    return an.project(store)


@pytest.mark.parametrize("node, type_, kind, plans", [
    (A + "gL1", "LongTermGoal", "Goal", {PLAN_A}),
    (A + "a2", "Intervention", "Activity", {PLAN_A}),
    (REF + "hlv", "DataSource", "DataSource", {PLAN_A, PLAN_B}),
    (REF + "fa1", "FocusArea", "FocusArea", {PLAN_A}),       # national area, through skos:exactMatch
    (REF + "provkommun", "ResponsibleBody", "ResponsibleBody", {PLAN_B}),  # through dct:publisher
])
def test_nodes_are_typed(G, node, type_, kind, plans):
    d = G.nodes[node]
    assert (d["type"], d["kind"], d["plans"]) == (type_, kind, plans)


def test_projection_leaves_out_provenance_and_documents(G):
    assert not any("/src" in n or "/doc/" in n or n.endswith("link1") for n in G)
    assert G.number_of_nodes() == 38  # 26 in docA (2 national areas), 14 in docB, 2 shared
    rels = {d["relation"] for *_e, d in G.edges(data=True)}
    assert rels == {"hasFocusArea", "hasGoal", "hasMalbild", "contributesTo", "servesGoal", "measuredBy",
                    "dataSource", "responsibleFor", "hasResponsible", "targetGroup", "budget", "partOf",
                    "exactMatch", "broadMatch", "publisher"}
    assert G.has_edge(A + "a1", A + "gS1", key="servesGoal")


def test_one_plan(store):
    H = an.project(store, plan="docB")
    assert {p for _n, d in H.nodes(data=True) for p in d["plans"]} == {PLAN_B}
    assert REF + "hlv" in H and A + "a1" not in H


def test_components_and_islands(G):
    comps = an.components_per_plan(G)
    assert [len(c) for c in comps[PLAN_A]] == [23, 3]
    assert PLAN_A in comps[PLAN_A][0]
    assert [sorted(map(short, c)) for c in an.islands(G, PLAN_A)] == [["a4", "dsWeb", "iA4"]]
    assert an.islands(G, PLAN_B) == []


def test_bridges(G):
    got = [(short(str(b["node"])), b["kind"], len(b["plans"])) for b in an.bridges(G)]  # type: ignore[arg-type]
    assert got == [("hlv", "DataSource", 2), ("region-test", "ResponsibleBody", 2)]
    assert an.bridges(G, min_plans=3) == []


@pytest.mark.parametrize("plan, measure, top", [
    (PLAN_A, "degree", "a1"), (PLAN_A, "betweenness", "a1"), (PLAN_A, "pagerank", "a1"),
    (PLAN_B, "degree", "aB2"),
])
def test_central_activities(G, plan, measure, top):
    ranked = an.central_activities(G, k=3, plan=plan, measure=measure)
    assert short(str(ranked[0]["node"])) == top
    assert all(G.nodes[r["node"]]["kind"] == "Activity" for r in ranked)
    assert [r["score"] for r in ranked] == sorted((r["score"] for r in ranked), reverse=True)


def test_unknown_measure(G):
    with pytest.raises(ValueError, match="unknown centrality"):
        an.central_activities(G, measure="fame")


def test_summary(G):
    s = {short(str(r["plan"]).rsplit("/", 1)[0]): r for r in an.summary(G)}
    assert (s["docA"]["islands"], s["docA"]["island_nodes"], s["docB"]["components"]) == (1, 3, 1)


@pytest.mark.parametrize("suffix, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_reads_back(G, tmp_path, suffix, reader):
    path = an.export(G, tmp_path / f"plans.{suffix}")
    H = reader(path)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes[REF + "hlv"]["plans"] == f"{PLAN_A};{PLAN_B}"


def test_export_rejects_unknown_format(G, tmp_path):
    with pytest.raises(ValueError, match="graphml or gexf"):
        an.export(G, tmp_path / "plans.dot")
