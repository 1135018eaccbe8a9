"""The catalogue itself: every .rq parses, has the header, and the API finds it."""
from __future__ import annotations

import pytest
from rdflib.plugins.sparql import prepareQuery

from plangraf.graph.results import QueryError
from plangraf.queries import PARAM_TYPES, UnknownQuery, list_queries, load, parse_header

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

REQUIRED = ["activities-for-goal", "goal-chain", "goals-without-indicators", "indicators-without-data-source",
            "activities-without-goal", "activities-without-responsible", "malbilder-without-goals",
            "responsibility-matrix", "indicators-by-data-source", "focus-area-coverage", "plans-overview",
            "search", "provenance"]
NAMES = [q.name for q in list_queries()]


def test_required_queries_exist():
    assert set(REQUIRED) <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_header_is_complete(name):
    q = load(name)
    assert q.summary and len(q.summary) < 120
    assert len(q.description) > 40
    assert q.tags
    for p in q.params.values():
        assert p.type in PARAM_TYPES and p.example and p.description, p
        assert f"?{p.name}" in q.text, f"parameter {p.name} is not a variable of the query"


@pytest.mark.parametrize("name", NAMES)
def test_parses_with_rdflib(name):
    prepareQuery(load(name).text)


@pytest.mark.parametrize("name", NAMES)
def test_runs_on_empty_oxigraph(name, tmp_path):
    from plangraf.graph.store import open_store
    from plangraf.queries import run
    q = load(name)
    params = {p.name: "x" for p in q.params.values() if p.required}
    iris = [n for n in q.one_of if q.params[n].type == "iri"]
    if q.one_of:  # an empty store has no plan to resolve: give the IRI one
        params[iris[0]] = "https://w3id.org/plangraf/id/nothing"
    if "node" in params:
        params["node"] = "https://w3id.org/plangraf/id/nothing"
    with open_store(f"oxigraph:{tmp_path}") as s:
        assert run(s, name, params).rows == []


def test_unknown_query_is_a_clear_error():
    with pytest.raises(UnknownQuery, match="no query named 'goals'.*goals-without-indicators"):
        load("goals")


@pytest.mark.parametrize("header, error", [
    ("#+ description: x\nSELECT * {}", "needs at least"),
    ("#+ summary: x\n#+ params:\n#+   p: {type: colour}\nSELECT * {}", "unknown type"),
    ("#+ summary: [unclosed\nSELECT * {}", "not valid YAML"),
])
def test_bad_headers_fail_loudly(header, error):
    with pytest.raises(QueryError, match=error):
        parse_header("bad", header)


def test_summary_may_contain_colons():
    q = parse_header("ok", "#+ summary: Plans: counts by class\n#+ tags: [x]\nSELECT * {}")
    assert q.summary == "Plans: counts by class"
    assert q.header()["name"] == "ok"


@pytest.mark.parametrize("name", NAMES)
def test_class_lists_match_the_ontology(name):
    """Queries list a class with its subclasses (``VALUES ?goalType { pg:Goal pg:LongTermGoal … }``)
    instead of following rdfs:subClassOf at run time; each list must be the ontology's closure."""
    import re

    from rdflib import URIRef
    from rdflib.namespace import RDFS

    from plangraf.namespace import PG
    from plangraf.ontology import ontology_graph
    onto = ontology_graph()
    lists = [(var, items) for var, items in re.findall(r"VALUES \?(\w+)Type \{([^}]*)\}", load(name).text)
             if items.split()[0] == f"pg:{var.capitalize()}"]  # ?goalType { pg:Goal … }
    for var, items in lists:
        listed = {PG[t.removeprefix("pg:")] for t in items.split()}
        top = PG[var.capitalize()]
        closure = {top} | {URIRef(c) for c in onto.transitive_subjects(RDFS.subClassOf, top)}
        assert listed == closure, f"{name}: ?{var} lists {sorted(listed)}, the ontology has {sorted(closure)}"


def test_one_of_parameters_are_enforced(tmp_path):
    """goal-chain is for a plan or a focus area: neither is a clear error, either one runs."""
    from plangraf.queries import ParamError, bindings
    q = load("goal-chain")
    assert q.one_of == ("plan", "focusArea")
    with pytest.raises(ParamError, match="needs plan or focusArea"):
        bindings(q, {})
    assert bindings(q, {"focusArea": "https://w3id.org/plangraf/id/x"})
    with pytest.raises(QueryError, match="one_of"):
        parse_header("bad", "#+ summary: s\n#+ one_of: [nope]\nSELECT * {}")
