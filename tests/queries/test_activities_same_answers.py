"""activities-for-goal was restructured for speed (scripts/bench_queries.py): its answers must
not change. The previous text (commit 45e5892: every lookup per row, then one GROUP BY) is kept
here and both run on the bundled sample corpus, for all plans, one plan and one goal: the same
rows, with the `;`/`,` lists compared as sets (GROUP_CONCAT's order is the engine's, in both)."""
from __future__ import annotations

from dataclasses import replace

import pytest
from querytest_support import load_samples

from plangraf.graph.store import open_store
from plangraf.queries import load, prepare

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
LISTS = {"dataSources": "; ", "responsible": "; ", "measures": ", "}

PREVIOUS = """\
PREFIX pg:   <https://w3id.org/plangraf/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

SELECT ?plan ?goal (MIN(?goalName) AS ?goalLabel) ?activity (MIN(?activityName) AS ?activityLabel)
       (MIN(?viaName) AS ?via) ?indicator (MIN(?indicatorName) AS ?indicatorLabel)
       (GROUP_CONCAT(DISTINCT ?measuredSide; separator=", ") AS ?measures)
       (REPLACE(REPLACE(GROUP_CONCAT(DISTINCT COALESCE(STR(?dataSourceName), ""); separator="; "), "^; |; $", ""), "; ; ", "; ") AS ?dataSources)
       (REPLACE(REPLACE(GROUP_CONCAT(DISTINCT COALESCE(STR(?bodyName), ""); separator="; "), "^; |; $", ""), "; ; ", "; ") AS ?responsible)
WHERE {
  GRAPH ?g { ?plan a pg:Plan ; pg:sourceDocument ?planDoc . ?activity a ?activityType . }
  # pg:Activity and its subclasses, listed (tests/queries/test_catalogue.py checks the list against
  # the ontology): a type pattern with a free class reads every rdf:type triple of the store
  VALUES ?activityType { pg:Activity pg:Intervention }
  # where the goal is stated: the activity, a parent activity, or the focus area of either
  ?activity (pg:partOf|^pg:hasPart)*/pg:hasFocusArea? ?through .
  ?through pg:servesGoal|pg:hasGoal ?goal .
  # a focus area counts only when it states one goal (it does not say which of several is served)
  OPTIONAL { SELECT ?through (COUNT(DISTINCT ?areaGoal) AS ?areaGoals)
             WHERE { ?through a pg:FocusArea ; pg:hasGoal ?areaGoal . } GROUP BY ?through }
  FILTER(!BOUND(?areaGoals) || ?areaGoals = 1)
  OPTIONAL { ?through rdfs:label ?throughName . }
  BIND(IF(?through = ?activity, "", COALESCE(STR(?throughName), STR(?through))) AS ?viaName)
  OPTIONAL { ?goal rdfs:label ?goalName . }
  OPTIONAL { ?activity rdfs:label ?activityName . }
  # the indicators of the activity and of the goal (single-pattern OPTIONALs on bound keys), one
  # row per side and indicator; a pair with no indicator at all keeps one row without (the gap)
  OPTIONAL { ?activity pg:measuredBy ?activityIndicator . }
  OPTIONAL { ?goal pg:measuredBy ?goalIndicator . }
  VALUES ?side { "goal" "activity" }
  BIND(IF(?side = "goal", ?goalIndicator, ?activityIndicator) AS ?indicator)
  FILTER(BOUND(?indicator) || (?side = "activity" && !BOUND(?activityIndicator) && !BOUND(?goalIndicator)))
  BIND(IF(BOUND(?indicator), ?side, "") AS ?measuredSide)
  # chained OPTIONALs on an always-bound key (a dummy IRI when the optional did not match): flat
  # and fast on Oxigraph, where nested OPTIONALs are evaluated in full and hash-joined
  BIND(COALESCE(?indicator, <urn:plangraf:none>) AS ?indicatorKey)
  OPTIONAL { ?indicatorKey rdfs:label ?indicatorName . }
  OPTIONAL { ?indicatorKey pg:dataSource/(rdfs:label|skos:prefLabel) ?dataSourceName . }
  OPTIONAL { ?activity (pg:partOf|^pg:hasPart|pg:hasFocusArea)*/(^pg:responsibleFor|pg:hasResponsible)/(rdfs:label|skos:prefLabel) ?bodyName . }
}
GROUP BY ?plan ?goal ?activity ?indicator
ORDER BY ?plan ?goalLabel ?activityLabel ?indicatorLabel
"""


@pytest.fixture(scope="module")
def samples(tmp_path_factory):  # type: ignore[no-untyped-def]
    s = load_samples(open_store(f"oxigraph:{tmp_path_factory.mktemp('samples')}"))
    yield s
    s.close()


def answer(store, text: str, params: dict[str, str]) -> tuple[list[str], list[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    res = store.query(prepare(replace(load("activities-for-goal"), text=text), params, store))
    rows = []
    for row in res.rows:
        cells: list[object] = []
        for var, term in zip(res.vars, row):
            value = None if term is None else str(term)
            if value is not None and var in LISTS:
                cells.append(frozenset(value.split(LISTS[var])))
            else:
                cells.append(value)
        rows.append(tuple(cells))
    return list(res.vars), sorted(rows, key=repr)


def some_goal(store) -> str:  # type: ignore[no-untyped-def]
    """A goal with activities and indicators of both sides, so the case tests something."""
    rows = answer(store, PREVIOUS, {"plan": "003"})[1]
    both = [r for r in rows if r[8] == frozenset({"goal"})]
    assert both, "sample 003 has no goal measured by its own indicators"
    return str(both[0][1])


@pytest.mark.parametrize("case", ["all plans", "one plan", "one goal"])
def test_same_answers_as_before(samples, case: str) -> None:  # type: ignore[no-untyped-def]
    params = {"all plans": {}, "one plan": {"plan": "003"}, "one goal": {"goal": some_goal(samples)}}[case]
    before = answer(samples, PREVIOUS, params)
    now = answer(samples, load("activities-for-goal").text, params)
    assert now[0] == before[0]
    assert len(before[1]) > (100 if case != "one goal" else 1)
    assert now[1] == before[1]
