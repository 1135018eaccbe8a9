"""Each catalogue query's answers on the hand-written graph (see tests/data/small_graph.trig),
including the empty results, on the embedded store; test_backends.py checks that rdflib's
in-memory store gives the same answers (it parses each query ~10x slower, so not twice here)."""
from __future__ import annotations

import pytest

from plangraf.queries import run

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

A, B = "https://w3id.org/plangraf/id/docA/", "https://w3id.org/plangraf/id/docB/"
PLAN_A, PLAN_B = A + "plan", B + "plan"


@pytest.fixture(scope="module")
def store(ox_store):
    return ox_store


def local(term) -> str | None:
    return None if term is None else str(term).rstrip("/").rsplit("/", 1)[-1]


def rows(store, name, params=None, cols=None):
    res = run(store, name, params or {})
    cols = cols or res.vars
    return [tuple(r.get(c) for c in cols) for r in res.dicts()]


def local_set(store, name, params, cols):
    return {tuple(local(v) if "http" in str(v) else (str(v) if v is not None else None) for v in row)
            for row in rows(store, name, params, cols)}


GAPS = [
    ("goals-without-indicators", {}, {("docA", "gS2"), ("docA", "gS3"), ("docB", "gB2")}),
    ("goals-without-indicators", {"plan": "docB"}, {("docB", "gB2")}),
    ("indicators-without-data-source", {}, {("docA", "iA1")}),
    ("indicators-without-data-source", {"plan": "docB"}, set()),
    ("activities-without-goal", {}, {("docA", "a4")}),
    ("activities-without-goal", {"plan": "docB"}, set()),
    ("activities-without-responsible", {}, {("docA", "a3"), ("docA", "a4")}),
    ("activities-without-responsible", {"plan": "docB"}, set()),
    ("malbilder-without-goals", {}, {("docA", "m2")}),
    ("malbilder-without-goals", {"plan": "docB"}, set()),
]


@pytest.mark.parametrize("name, params, expected", GAPS)
def test_gap_queries(store, name, params, expected):
    res = run(store, name, params)
    got = {(str(r[0]).split("/")[-2], local(r[2])) for r in res.rows}
    assert got == expected


def test_gap_rows_carry_labels(store):
    by_goal = {local(r["goal"]): r for r in run(store, "goals-without-indicators").dicts()}
    assert str(by_goal["gS2"]["goalLabel"]) == "Fler elever får stöd i skolan"
    assert str(by_goal["gS2"]["planLabel"]).startswith("Handlingsplan")
    ind = run(store, "indicators-without-data-source").dicts()[0]
    assert str(ind["measures"]) == "Utbildning i suicidprevention för personal"


def test_activities_for_goal_answers_the_core_question(store):
    got = local_set(store, "activities-for-goal", {},
                    ["goal", "activity", "via", "indicator", "measures", "dataSources"])
    assert got == {
        ("gS1", "a1", "", "iA1", "activity", ""),
        ("gS1", "a1s", "Utbildning i suicidprevention för personal", None, "", ""),  # a gap row
        # a2 is in aF2, whose one goal is gS2 (gS3 is pg:partOf aF2, not stated by it)
        ("gS2", "a2", "Utsatta grupper och unga", None, "", ""),
        ("gS3", "a3", "", None, "", ""),
        # gB1 is measured by its own indicator iB2: every activity serving it shows it, said so
        ("gB1", "aB1", "", "iB2", "goal", "Hälsa på lika villkor"),
        ("gB1", "aB2", "", "iB2", "goal", "Hälsa på lika villkor"),
        ("gB1", "aB2", "", "iB1", "activity", "Kolada"),
    }


def test_activities_for_goal_lists_an_activity_only_under_goals_it_serves(store):
    """An area that states two goals does not say which one its activities serve."""
    from plangraf.graph.store import open_store
    extra = open_store("memory:")
    for g in store.graphs():
        extra.replace_graph(g, store.dump("nt", g))
    extra.update("""PREFIX pg: <https://w3id.org/plangraf/ontology#>
        INSERT DATA { GRAPH <https://w3id.org/plangraf/id/graph/docA> {
          <https://w3id.org/plangraf/id/docA/aF2> pg:hasGoal <https://w3id.org/plangraf/id/docA/gS3> } }""")
    pairs = {(local(r["goal"]), local(r["activity"])) for r in run(extra, "activities-for-goal").dicts()}
    assert ("gS2", "a2") not in pairs and ("gS3", "a2") not in pairs
    assert ("gS3", "a3") in pairs


def test_activities_for_one_goal(store):
    res = run(store, "activities-for-goal", {"goal": B + "gB1"}).dicts()
    assert {local(r["activity"]) for r in res} == {"aB1", "aB2"}
    assert {local(r["activity"]): str(r["responsible"]) for r in res} == {"aB1": "Region Testlän",
                                                                         "aB2": "Vårdcentralen"}


def test_goal_chain(store):
    got = local_set(store, "goal-chain", {"plan": "docA"}, ["area", "goal", "activity", "indicator", "dataSource"])
    assert got == {
        ("aF1", "gL1", None, "iL1", "hlv"),
        ("aF1", "gS1", "a1", "iA1", None),
        ("aF1", "gS1", "a1s", None, None),
        ("aF2", "gS2", "a2", None, None),
        ("aF2", "gS3", "a3", None, None),
    }
    got_b = local_set(store, "goal-chain", {"plan": "docB"}, ["area", "goal", "activity", "indicator"])
    assert got_b == {("fa2", "gB1", None, "iB2"), ("fa2", "gB1", "aB1", None), ("fa2", "gB1", "aB2", "iB1"),
                     ("fB2", "gB2", None, None)}


def test_goal_chain_for_one_focus_area(store):
    got = local_set(store, "goal-chain", {"focusArea": A + "aF2"}, ["goal", "activity"])
    assert got == {("gS2", "a2"), ("gS3", "a3")}
    assert run(store, "goal-chain", {"focusArea": A + "nothing"}).rows == []


def test_responsibility_matrix(store):
    got = local_set(store, "responsibility-matrix", {}, ["body", "kind", "item", "plan"])
    assert got == {("region-test", "ontology#Activity", "a1", "plan"), ("bSkol", "ontology#Goal", "gS2", "plan"),
                   ("bSoc", "ontology#FocusArea", "aF2", "plan"), ("region-test", "ontology#Activity", "aB1", "plan"),
                   ("bVC", "ontology#Activity", "aB2", "plan")}
    one = rows(store, "responsibility-matrix", {"body": "https://w3id.org/plangraf/id/test-ref/region-test"},
               ["item", "planLabel"])
    assert {local(i) for i, _ in one} == {"a1", "aB1"}


@pytest.mark.parametrize("params, expected", [
    ({}, {("hlv", "docA", "iL1"), ("hlv", "docB", "iB2"), ("kolada", "docB", "iB1"), ("dsWeb", "docA", "iA4")}),
    ({"source": "HLV"}, {("hlv", "docA", "iL1"), ("hlv", "docB", "iB2")}),
    ({"source": "halsa pa LIKA"}, {("hlv", "docA", "iL1"), ("hlv", "docB", "iB2")}),
    ({"source": "kolada", "plan": "docA"}, set()),
    ({"dataSource": "https://w3id.org/plangraf/id/test-ref/kolada"}, {("kolada", "docB", "iB1")}),
])
def test_indicators_by_data_source(store, params, expected):
    res = run(store, "indicators-by-data-source", params).dicts()
    assert {(local(r["dataSource"]), str(r["plan"]).split("/")[-2], local(r["indicator"])) for r in res} == expected


def test_region_of_a_plan_is_its_publishers_region(store):
    res = run(store, "indicators-by-data-source", {"source": "kolada"}).dicts()
    assert [(str(r["publisher"]), str(r["region"])) for r in res] == [("Provkommun", "Region Testlän")]


def test_focus_area_coverage(store):
    got = {(str(r.get("notation")), str(r["plan"]).split("/")[-2]):
           tuple(int(r[k]) for k in ("areas", "goals", "activities", "indicators"))
           for r in run(store, "focus-area-coverage").dicts()}
    assert len(got) == 12  # 5 national areas + "not linked", for each of two plans
    assert got[("1", "docA")] == (1, 2, 2, 2)
    assert got[("4", "docA")] == (1, 2, 2, 0)
    assert got[("2", "docB")] == (1, 1, 2, 2)
    assert got[("-", "docB")] == (1, 1, 0, 0)
    assert got[("3", "docA")] == got[("-", "docA")] == (0, 0, 0, 0)


def test_plans_overview(store):
    res = {str(r["plan"]).split("/")[-2]: r for r in run(store, "plans-overview").dicts()}
    cols = ("focusAreas", "malbilder", "goals", "activities", "indicators", "dataSources", "bodies", "targetGroups")
    assert tuple(int(res["docA"][c]) for c in cols) == (2, 2, 4, 5, 3, 2, 3, 1)
    assert tuple(int(res["docB"][c]) for c in cols) == (2, 0, 2, 2, 2, 2, 2, 0)
    assert str(res["docA"]["fileName"]) == "docA.txt" and str(res["docA"]["period"]) == "2024"
    assert str(res["docB"]["publisher"]) == "Provkommun"


@pytest.mark.parametrize("params, expected", [
    ({"term": "HLV"}, {("hlv", "docA"), ("hlv", "docB")}),
    ({"term": "halsa pa lika"}, {("hlv", "docA"), ("hlv", "docB")}),
    ({"term": "Kolada"}, {("kolada", "docB")}),
    ({"term": "Ledning, styrning"}, {("fa5", None)}),
    ({"term": "SUICIDPREVENTION"}, {("gS1", "docA"), ("a1", "docA")}),
    ({"term": "vård", "class": "Goal"}, {("gB1", "docB")}),
    ({"term": "vard", "class": "Malbild"}, {("m2", "docA")}),
    ({"term": "ökad", "class": "Goal"}, {("gS1", "docA"), ("gB1", "docB")}),
    ({"term": "örebro"}, set()),
])
def test_search_ignores_case_and_accents(store, params, expected):
    res = run(store, "search", params).dicts()
    assert {(local(r["node"]), str(r["plan"]).split("/")[-2] if "plan" in r else None) for r in res} == expected


def test_search_folds_decomposed_accents(store):
    assert {local(r["node"]) for r in run(store, "search", {"term": "fo\u0308ra\u0308ldrasto\u0308d"}).dicts()} == {"a2"}


def test_provenance(store):
    res = run(store, "provenance", {"node": A + "gS2"}).dicts()
    assert [(int(r["startLine"]), str(r["quote"])) for r in res] == [
        (12, "Mål: Fler elever får stöd i skolan"), (40, "fler elever får stöd i skolan (se ovan)")]
    assert {str(r["fileName"]) for r in res} == {"docA.txt"}


def test_provenance_with_links(store):
    plain = run(store, "provenance", {"node": A + "gS1"}).dicts()
    assert [int(r["startLine"]) for r in plain] == [7]
    both = run(store, "provenance", {"node": A + "gS1", "links": "true"}).dicts()
    link = [r for r in both if "predicate" in r]
    assert [(local(r["predicate"]), local(r["other"]), int(r["startLine"])) for r in link] == [
        ("ontology#servesGoal", "a1", 8)]
