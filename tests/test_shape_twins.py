"""Each SHACL rule (plangraf/ontology/shapes.ttl) decides like its twin query (plangraf/queries).

Why: the audit runs both and merges their findings by (rule, node); a rule whose shape and query
decide differently shows findings only one engine found, and with pySHACL skipped (big stores)
the answer would change. The queries are the specification.

Every example graph in tests/data/shapes/ goes into one document graph of an Oxigraph store, with
a plan (the queries only look at nodes typed in a graph that holds a pg:Plan with
pg:sourceDocument), and pySHACL validates the same triples (plangraf.ontology.validate). For every
rule that has both a shape and a twin query, the two must report the same focus nodes. The
``<Rule>.twin.ttl`` files hold the cases where shapes 0.1.0 and the queries disagreed: there the
rule must report exactly the "bad-" nodes; "known-" nodes are the documented exceptions in
:data:`KNOWN`, reported by the shape only.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from plangraf.audit.model import rules
from plangraf.graph.store import Store, open_store
from plangraf.namespace import ONTOLOGY_GRAPH, PG, graph_iri
from plangraf.ontology import ontology_graph
from plangraf.ontology.validate import validate
from plangraf.queries import run

DATA = Path(__file__).parent / "data" / "shapes"
EX = "https://w3id.org/plangraf/id/example/"
FILES = sorted(p.name for p in DATA.glob("*.ttl"))
TWIN_FILES = [f for f in FILES if f.endswith(".twin.ttl")]
TWINNED = sorted(r.id for r in rules().values() if r.query and r.shape)
# Where a shape knowingly decides otherwise than its query: rule -> {node local name: why}.
# Not covered here, as no single graph can show it: the queries only look at nodes typed in a
# graph with a plan, and take a class's subclasses from the ontology (pySHACL also follows
# rdfs:subClassOf triples that the data declares).
KNOWN: dict[str, dict[str, str]] = {}
Decisions = dict[str, set[URIRef]]
_decided: dict[str, tuple[Decisions, Decisions, set[URIRef]]] = {}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(f"oxigraph:{tmp_path_factory.mktemp('twins')}")
    s.replace_graph(ONTOLOGY_GRAPH, ontology_graph())
    yield s
    s.close()


def with_plan(data: Graph) -> Graph:
    """The example plus a plan with a source document (and provenance, so no rule reports it)."""
    out = Graph()
    out += data
    plan = URIRef(EX + "twin-plan")
    out.add((plan, RDF.type, PG.Plan))
    out.add((plan, PG.sourceDocument, URIRef(EX + "twin-doc")))
    out.add((plan, PROV.wasDerivedFrom, URIRef(EX + "twin-passage")))
    return out


def decide(store: Store, name: str) -> tuple[Decisions, Decisions, set[URIRef]]:
    """(rule -> nodes the shape reports, rule -> nodes the twin query reports, the file's IRIs)."""
    if name not in _decided:
        data = with_plan(Graph().parse(DATA / name, format="turtle"))
        report = validate(data)
        by_shape = {rule: {URIRef(str(n)) for n in report.focus_nodes(rule)} for rule in TWINNED}
        store.replace_graph(graph_iri("twin-test"), data)
        all_rules = rules()
        by_query = {rule: {URIRef(str(row[all_rules[rule].node_var]))
                           for row in run(store, all_rules[rule].query).dicts()} for rule in TWINNED}
        iris = {t for t in set(data.subjects()) | set(data.objects()) if isinstance(t, URIRef)}
        _decided[name] = (by_shape, by_query, iris)
    return _decided[name]


def known(rule: str, iris: set[URIRef]) -> set[URIRef]:
    return {URIRef(EX + n) for n in KNOWN.get(rule, {})} & iris


def test_there_are_twins_and_twin_cases() -> None:
    assert {"GoalWithoutIndicator", "GoalWithoutResponsible", "IndicatorWithoutDataSource",
            "ActivityWithoutGoal", "ActivityWithoutResponsible", "NodeWithoutProvenance",
            "ProvenanceRecord"} <= set(TWINNED)
    assert {f.split(".")[0] for f in TWIN_FILES} == set(TWINNED)


@pytest.mark.parametrize("name", FILES)
def test_shape_and_twin_query_report_the_same_nodes(store: Store, name: str) -> None:
    by_shape, by_query, iris = decide(store, name)
    differ = {rule: (sorted(by_shape[rule] - by_query[rule]), sorted(by_query[rule] - by_shape[rule]))
              for rule in TWINNED if by_shape[rule] ^ by_query[rule] != known(rule, iris)}
    assert differ == {}, "rule: (shape only, query only)"
    for rule in TWINNED:
        assert known(rule, iris) <= by_shape[rule], "a known exception is reported by the shape"


@pytest.mark.parametrize("name", TWIN_FILES)
def test_twin_cases_report_exactly_the_bad_nodes(store: Store, name: str) -> None:
    rule = name.split(".")[0]
    by_shape, by_query, iris = decide(store, name)
    bad = {i for i in iris if str(i).startswith(EX + "bad-")}
    assert bad, "the case file names its bad nodes"
    assert by_query[rule] == bad
    assert by_shape[rule] == bad | known(rule, iris)
