"""Every catalogue query runs on Virtuoso (through plangraf's remote store) and answers as the
embedded store does, on the sample corpus (all plans, and one plan) and on the hand-written small
graph (every audit rule has a finding there)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from querytest_support import load_small_graph
from rdflib import URIRef

from plangraf.audit import audit
from plangraf.audit.model import AuditReport
from plangraf.graph.loading import ensure_system_graphs, expand_inputs, extract_document
from plangraf.graph.results import QueryResult
from plangraf.graph.store import Store, open_store
from plangraf.queries import ParamError, list_queries, load, run
from tests.servers import virtuoso_server

pytestmark = [pytest.mark.external, pytest.mark.filterwarnings("ignore::DeprecationWarning")]
SAMPLES = Path(__file__).resolve().parents[2] / "plangraf" / "samples"


def fill(store: Store) -> Store:
    ensure_system_graphs(store)
    for path in expand_inputs([SAMPLES]):
        ex = extract_document(path)
        store.replace_graph(ex.graph, ex.ntriples)
    return store


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Store]]:
    tmp = tmp_path_factory.mktemp("virtuoso-compare")
    with virtuoso_server(tmp) as spec:
        embedded, remote = fill(open_store(f"oxigraph:{tmp / 'ox'}")), fill(open_store(spec))
        yield embedded, remote
        embedded.close()
        remote.close()


def keyed(res: QueryResult) -> object:
    """An answer keyed on its IRIs and numbers: SAMPLE() and GROUP_CONCAT may pick other labels
    on another engine (both valid)."""
    def cell(t: object) -> object:
        if isinstance(t, URIRef):
            return str(t)
        if t is not None and getattr(t, "datatype", None) is not None and str(t.datatype).endswith(  # type: ignore[attr-defined]
                ("#integer", "#decimal", "#int", "#long")):
            return float(t)  # type: ignore[arg-type]
        return type(t).__name__
    return res.kind, res.vars, sorted(repr([cell(t) for t in row]) for row in res.rows), res.boolean


def first_plan(store: Store) -> str:
    rows = store.query("PREFIX pg: <https://w3id.org/plangraf/ontology#> SELECT ?p WHERE { ?p a pg:Plan } "
                       "ORDER BY ?p LIMIT 1").rows
    return str(rows[0][0])


# Virtuoso 7.2.5's optimizer answers focus-area-coverage over all plans wrongly (fewer activities
# for one sample plan) in the join order it picks; the remote store asks it for the written order
# (join-order=written, its default on Virtuoso). Queries that still differ would be listed here.
WRONG_ON_VIRTUOSO: set[tuple[str, str]] = set()


def cases() -> list[object]:
    out: list[object] = []
    for q in list_queries():
        scopes = ["all plans", "one plan"] if "plan" in q.params else ["all plans"]
        for scope in scopes:
            marks = [pytest.mark.xfail(strict=True, reason="Virtuoso answers differently")] \
                if (q.name, scope) in WRONG_ON_VIRTUOSO else []
            out.append(pytest.param(q.name, scope, marks=marks, id=f"{q.name}-{scope.replace(' ', '-')}"))
    return out


@pytest.mark.parametrize(("name", "scope"), cases())
def test_query_answers_the_same_on_virtuoso(stores: tuple[Store, Store], name: str, scope: str) -> None:
    embedded, remote = stores
    params = {"plan": first_plan(embedded)} if scope == "one plan" else {}
    if name == "search":
        params["term"] = "hälsa"
    elif name == "provenance":
        params.update(node=str(embedded.query("PREFIX pg: <https://w3id.org/plangraf/ontology#> SELECT ?n WHERE "
                                               "{ GRAPH ?g { ?n a pg:Goal } } ORDER BY ?n LIMIT 1").rows[0][0]),
                      links="true")
    try:
        want = run(embedded, name, params)
    except ParamError:
        pytest.skip(f"{name} needs a parameter for {scope}")
    got = run(remote, name, params)  # raises QueryError when Virtuoso refuses the text
    assert keyed(got) == keyed(want), (name, params)


@pytest.mark.parametrize("term", ["halsa", "HÄLSA", "ökad", "Vård", "psykisk hälsa", "fo\u0308ra\u0308ldrasto\u0308d",
                                  "é", "–", "2020"])
def test_search_folds_accents_on_virtuoso(stores: tuple[Store, Store], term: str) -> None:
    """search folds case and accents on Virtuoso as on the embedded store: Virtuoso's REPLACE
    does not fold å/ä/ö in some string representations (stored labels, the bound term), so
    accent-free terms found almost nothing there before the query was rewritten."""
    embedded, remote = stores
    want = run(embedded, "search", {"term": term})
    assert want.rows
    assert keyed(run(remote, "search", {"term": term})) == keyed(want), term


def audit_key(report: AuditReport) -> object:
    """Findings with their looked-up line, quote and responsible bodies, and the plans' counts
    (labels chosen by SAMPLE() may differ between engines, as above)."""
    findings = sorted((f.rule, f.node, f.plan, f.line, f.quote, f.responsible) for f in report.findings)
    # sorted: plans whose labels tie (docA, docB of the small graph) may come in either order
    plans = sorted(repr((p["plan"], p["file"], p["document"], p["counts"])) for p in report.plans)
    return findings, plans


@pytest.mark.parametrize("scope", ["one plan", "all plans"])
def test_audit_finds_the_same_on_virtuoso(stores: tuple[Store, Store], scope: str) -> None:
    """The audit's queries and lookups run on Virtuoso (they used to crash it) and find what
    the embedded store finds."""
    embedded, remote = stores
    plan = first_plan(embedded) if scope == "one plan" else None
    want, got = audit(embedded, plan=plan, shacl="off"), audit(remote, plan=plan, shacl="off")
    assert want.findings
    assert audit_key(got) == audit_key(want)


@pytest.fixture(scope="module")
def small_stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Store]]:
    """The hand-written graph of tests/data/small_graph.trig: its plans (docA, docB) have a finding
    of every audit rule, where the samples have none for some (nodes-without-provenance answered
    nothing at all on Virtuoso, and the comparison on the samples could not see it)."""
    tmp = tmp_path_factory.mktemp("virtuoso-small")
    with virtuoso_server(tmp) as spec:
        embedded = load_small_graph(open_store(f"oxigraph:{tmp / 'ox'}"))
        remote = load_small_graph(open_store(spec))
        ensure_system_graphs(embedded)
        ensure_system_graphs(remote)
        yield embedded, remote
        embedded.close()
        remote.close()


@pytest.mark.parametrize("name", [q.name for q in list_queries() if q.name not in ("search", "provenance")])
@pytest.mark.parametrize("plan", [None, "docA"])
def test_query_answers_the_same_on_virtuoso_small_graph(small_stores: tuple[Store, Store], name: str,
                                                        plan: str | None) -> None:
    embedded, remote = small_stores
    if plan and "plan" not in load(name).params:
        pytest.skip(f"{name} has no plan parameter")
    params = {"plan": plan} if plan else {}
    try:
        want = run(embedded, name, params)
    except ParamError:
        pytest.skip(f"{name} needs a parameter")
    assert keyed(run(remote, name, params)) == keyed(want), (name, params)


@pytest.mark.parametrize("plan", [None, "docA"])
def test_audit_finds_the_same_on_virtuoso_small_graph(small_stores: tuple[Store, Store], plan: str | None) -> None:
    embedded, remote = small_stores
    want, got = audit(embedded, plan=plan, shacl="off"), audit(remote, plan=plan, shacl="off")
    assert any(f.rule == "NodeWithoutProvenance" for f in want.findings)
    assert audit_key(got) == audit_key(want)


def test_construct_gives_the_graph_as_stored(small_stores: tuple[Store, Store]) -> None:
    """CONSTRUCT comes back as N-Triples read by Oxigraph's parser (the audit fetches a plan's graph
    so for pySHACL): every term as the embedded store has it (language tags, datatypes, text)."""
    from rdflib.compare import isomorphic
    embedded, remote = small_stores
    q = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/plangraf/id/graph/docA> { ?s ?p ?o } }"
    got, want = remote.query(q).graph, embedded.query(q).graph
    assert got is not None and want is not None and len(want) > 50
    assert isomorphic(got, want)


def test_bad_ntriples_from_a_server_is_a_query_error() -> None:
    from plangraf.graph.remote import parse_ntriples
    from plangraf.graph.results import QueryError
    assert len(parse_ntriples(b'<urn:a> <urn:b> "c"@sv .\n_:x <urn:b> "1"^^<urn:t> .\n')) == 2
    with pytest.raises(QueryError, match="do not parse"):
        parse_ntriples(b"<urn:a> <urn:b> .\n")
