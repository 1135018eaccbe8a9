"""Parameters are typed terms, never query text: hostile values give an error or nothing."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from plangraf.namespace import PG
from plangraf.queries import ParamError, load, prepare, resolve_plan, run

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

A = "https://w3id.org/plangraf/id/docA/"


@pytest.mark.parametrize("name, params, error", [
    ("goals-without-indicators", {"goal": A + "gS2"}, "has no parameter 'goal'.*its parameters: plan"),
    ("search", {}, "needs term"),
    ("provenance", {"node": "not an iri"}, "not an absolute IRI"),
    ("provenance", {"node": "http://x/a> } ; DROP ALL ; { <b"}, "not a valid IRI"),
    ("provenance", {"node": A + "gS2", "links": "perhaps"}, "not a boolean"),
    ("search", {"term": "x", "class": "Gaol"}, "not a plangraf class"),
    ("goal-chain", {"plan": "nosuchdoc"}, "no plan 'nosuchdoc'; loaded documents: docA, docB"),
    ("goal-chain", {"plan": "doc"}, "names 2 plans"),
    ("search", {"term": "x" * 1001}, "longer than"),
    ("responsibility-matrix", {"body": "urn:x:{}"}, "not a valid IRI"),
])
def test_bad_parameters_are_clear_errors(ox_store, name, params, error):
    with pytest.raises(ParamError, match=error):
        run(ox_store, name, params)


@pytest.mark.parametrize("name, params", [
    ("activities-for-goal", {"goal": "https://w3id.org/plangraf/id/docA/no-such-goal"}),
    ("provenance", {"node": "https://w3id.org/plangraf/id/nothing"}),
    ("search", {"term": '"} } ; DROP ALL ; SELECT * { ?s ?p ?o } #'}),
    ("search", {"term": "'''\\\" ) ) FILTER(true) {"}),
    ("indicators-by-data-source", {"source": '") || true || ("'}),
    ("responsibility-matrix", {"body": "urn:x:nobody"}),
])
def test_hostile_values_give_empty_results(store, name, params):
    assert run(store, name, params).rows == []
    assert len(store.graphs()) == 4  # nothing was dropped


def test_quotes_and_braces_are_matched_literally(store):
    text = prepare(load("search"), {"term": 'a"} b'})
    assert 'VALUES (?term) { ("a\\"} b") }' in text


@pytest.mark.parametrize("value, expected", [
    ("docA", A + "plan"), ("docB", "https://w3id.org/plangraf/id/docB/plan"),
    ("https://w3id.org/plangraf/id/graph/docA", A + "plan"),
    ("https://w3id.org/plangraf/id/doc/docA", A + "plan"), (A + "plan", A + "plan"),
    ("docA.txt", A + "plan"), ("docB.t", "https://w3id.org/plangraf/id/docB/plan"),
])
def test_plans_resolve_from_ids_iris_and_file_names(ox_store, value, expected):
    assert resolve_plan(ox_store, value) == URIRef(expected)


@pytest.mark.parametrize("ptype_query, param, value, term", [
    ("search", "class", "Goal", PG.Goal),
    ("search", "class", "pg:LongTermGoal", PG.LongTermGoal),
    ("search", "term", "  Ha\u0308lsa ", Literal("halsa")),  # NFC-normalised, trimmed, folded as labels are
    ("search", "term", "ÖREBRO Län", Literal("orebro lan")),
    ("provenance", "links", "ja", Literal(True)),
    ("provenance", "node", "id:docA/gS2", URIRef(A + "gS2")),
    ("provenance", "node", f"<{A}gS2>", URIRef(A + "gS2")),
])
def test_values_become_typed_terms(ptype_query, param, value, term):
    from plangraf.queries import convert
    got = convert(load(ptype_query).params[param], value)
    assert got == term and type(got) is type(term)
    if isinstance(term, Literal):
        assert got.datatype == term.datatype or (got.datatype is None and term.datatype is None)


def test_boolean_is_xsd_boolean():
    from plangraf.queries import to_boolean
    assert to_boolean("false").datatype == XSD.boolean


@pytest.mark.parametrize("value", [
    "docA", A + "plan", "https://w3id.org/plangraf/id/graph/docA",
    "https://w3id.org/plangraf/id/doc/docA", "docA.txt", f"<{A}plan>",
])
def test_exact_plan_names_are_resolved_without_listing_every_plan(store, monkeypatch, value):
    """An exact name is one query bound to it; listing all plans (830 at 10^7) is for prefixes."""
    import plangraf.queries as catalogue

    def no_listing(_store):
        raise AssertionError("resolve_plan listed every plan for an exact name")

    monkeypatch.setattr(catalogue, "plans", no_listing)
    assert catalogue.exact_plans(store, value) == {A + "plan"}
    assert resolve_plan(store, value) == URIRef(A + "plan")


@pytest.mark.parametrize("value", ["doc", "docB.t", "nosuchdoc", '"} UNION { ?x ?y ?z', "urn:x:none", "a b"])
def test_values_that_name_no_plan_exactly_find_none(store, value):
    from plangraf.queries import exact_plans
    assert exact_plans(store, value) == set()
