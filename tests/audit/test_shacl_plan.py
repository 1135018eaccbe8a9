"""The audit of one plan gives pySHACL the plan's graph cut to the predicates the shapes name, and
runs it beside the twin queries: the findings must be those of pySHACL on the whole graph."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from plangraf.audit import audit
from plangraf.audit.shacl import data_graph, run_shacl, shape_predicates
from plangraf.graph.oxigraph import OxigraphStore
from plangraf.graph.store import Store
from plangraf.ontology.validate import validate
from plangraf.queries import plans
from tests.queries.querytest_support import load_small_graph

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
DOC_A = URIRef("https://w3id.org/plangraf/id/docA/plan")
SAMPLE = Path(__file__).resolve().parents[2] / "plangraf" / "samples" / "003_9d966ace21cafa6d.txt"


@pytest.fixture(scope="module")
def store() -> Store:
    from plangraf.graph.loading import ensure_system_graphs, extract_document
    s = load_small_graph(OxigraphStore())
    ensure_system_graphs(s)
    if SAMPLE.exists():
        ex = extract_document(SAMPLE)
        s.replace_graph(ex.graph, ex.ntriples)
    return s


def keys(findings) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(f.rule, str(f.focus), f.severity) for f in findings}


def test_the_cut_keeps_what_the_shapes_read_and_drops_the_rest() -> None:
    names = set(shape_predicates())
    assert {str(RDF.type), "https://w3id.org/plangraf/ontology#endLine", "http://www.w3.org/ns/oa#exact"} <= names
    assert str(RDF.subject) not in names and "https://w3id.org/plangraf/ontology#page" not in names


@pytest.mark.parametrize("which", ["docA", "sample"])
def test_cut_graph_gives_the_findings_of_the_whole_graph(store: Store, which: str) -> None:
    plan = DOC_A if which == "docA" else next(URIRef(p["plan"]) for p in plans(store) if "003_" in p["g"])
    graphs = {p["plan"]: p["g"] for p in plans(store, plan)}
    whole = Graph()
    whole.parse(data=store.dump("nt", URIRef(graphs[str(plan)])).decode("utf-8"), format="nt")
    cut = data_graph(store, plan, graphs)
    assert 0 < len(cut) < len(whole)
    want = keys(validate(whole).findings)
    assert want and keys(run_shacl(store, plan, graphs)) == want


def test_one_plan_audit_runs_pyshacl_beside_the_queries(store: Store) -> None:
    both = audit(store, plan="docA", shacl="pyshacl")
    assert both.engine["shacl"] == "pyshacl" and "seconds_shacl" in both.engine
    twins = audit(store, plan="docA", shacl="off")
    assert {(f.rule, f.node) for f in both.findings} == {(f.rule, f.node) for f in twins.findings}
    assert all("shacl" in f.found_by for f in both.findings if both.rules[f.rule].shape)
