"""Each SHACL audit rule against one valid and one invalid example (tests/data/shapes/).

Convention in the invalid files: exactly the nodes whose local name starts with "bad-" must be
reported by the rule; "ok-" nodes must not be.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from plangraf.ontology import shapes_graph
from plangraf.ontology.validate import SHAPES_NS, restrict, rule_names, validate

DATA = Path(__file__).resolve().parents[1] / "data" / "shapes"
RULES = rule_names(shapes_graph())
EXAMPLE = "https://w3id.org/plangraf/id/example/"


def load(name: str) -> Graph:
    return Graph().parse(DATA / name, format="turtle")


def test_every_rule_has_examples_and_every_example_a_rule() -> None:
    files = {p.name.split(".")[0] for p in DATA.glob("*.ttl")}
    assert files == set(RULES)
    assert {"GoalWithoutIndicator", "IndicatorWithoutDataSource", "ActivityWithoutGoal",
            "ActivityWithoutResponsible", "GoalWithoutResponsible", "NodeWithoutProvenance"} <= set(RULES)


@pytest.mark.parametrize("inference", ["none", "rdfs"])
@pytest.mark.parametrize("rule", RULES)
def test_valid_example_conforms(rule: str, inference: str) -> None:
    report = validate(load(f"{rule}.valid.ttl"), only=rule, inference=inference)
    assert report.conforms, [(f.rule, str(f.focus)) for f in report.findings]
    assert report.findings == []


@pytest.mark.parametrize("inference", ["none", "rdfs"])
@pytest.mark.parametrize("rule", RULES)
def test_invalid_example_reports_the_rule_on_the_bad_nodes(rule: str, inference: str) -> None:
    data = load(f"{rule}.invalid.ttl")
    report = validate(data, only=rule, inference=inference)
    assert not report.conforms
    assert report.rules() == {rule}
    bad = {s for s in set(data.subjects()) | set(data.objects())
           if isinstance(s, URIRef) and str(s).startswith(EXAMPLE + "bad-")}
    assert bad, "the invalid example names its bad nodes"
    assert report.focus_nodes(rule) == bad


@pytest.mark.parametrize("rule", RULES)
def test_rule_is_documented_in_both_languages(rule: str) -> None:
    g = shapes_graph()
    shape = URIRef(SHAPES_NS + rule)
    for prop in (RDFS.label, SH.description, SH.message):
        langs = {o.language for o in g.objects(shape, prop)}
        assert {"sv", "en"} <= langs, (rule, prop)
    assert g.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info)


def test_findings_carry_messages_in_both_languages() -> None:
    report = validate(load("GoalWithoutIndicator.invalid.ttl"), only="GoalWithoutIndicator")
    finding = report.findings[0]
    assert finding.severity == "Warning"
    assert "indikator" in finding.message("sv") and "indicator" in finding.message("en")


def test_subclass_targets_need_the_ontology() -> None:
    """A pg:ShortTermGoal is checked as a goal: validate() passes the ontology as ont_graph."""
    data = Graph()
    goal = URIRef(EXAMPLE + "bad-goal")
    data.add((goal, RDF.type, URIRef("https://w3id.org/plangraf/ontology#ShortTermGoal")))
    assert validate(data, only="GoalWithoutIndicator").focus_nodes("GoalWithoutIndicator") == {goal}


def test_allow_warnings_lets_warnings_pass_but_not_violations() -> None:
    assert validate(load("GoalWithoutIndicator.invalid.ttl"), only="GoalWithoutIndicator",
                    allow_warnings=True).conforms
    assert not validate(load("NodeWithoutProvenance.invalid.ttl"), only="NodeWithoutProvenance",
                        allow_warnings=True).conforms


def test_restrict_rejects_unknown_rule() -> None:
    with pytest.raises(ValueError):
        restrict(shapes_graph(), "NoSuchRule")
