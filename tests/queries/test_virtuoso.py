"""Every catalogue query runs on Virtuoso (through plangraf's remote store) and answers as the
embedded store does, on the sample corpus: all plans, and one plan."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef

from plangraf.graph.loading import ensure_system_graphs, expand_inputs, extract_document
from plangraf.graph.results import QueryResult
from plangraf.graph.store import Store, open_store
from plangraf.queries import ParamError, list_queries, run
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


# Not yet portable to Virtuoso 7.2.5 (the Debian package); see /work/notes/scale.md. Wrong answers
# from nested property paths with `*` inside sequences and alternatives (fewer rows, zero counts):
WRONG_ON_VIRTUOSO = {"focus-area-coverage", "goal-chain"}
# The server process dies on these texts (the HTTP connection drops, later ones are refused), so
# running them would take the rest of the module down with it:
CRASH_VIRTUOSO = {"plans-overview", "responsibility-matrix"}


def case(name: str) -> object:
    if name in WRONG_ON_VIRTUOSO:
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason="Virtuoso answers differently"))
    if name in CRASH_VIRTUOSO:
        return pytest.param(name, marks=pytest.mark.xfail(run=False, reason="crashes Virtuoso 7.2.5"))
    return name


@pytest.mark.parametrize("name", [case(q.name) for q in list_queries()])
def test_query_answers_the_same_on_virtuoso(stores: tuple[Store, Store], name: str) -> None:
    embedded, remote = stores
    params: list[dict[str, str]] = [{}]
    spec = next(q for q in list_queries() if q.name == name)
    if "plan" in spec.params:
        params.append({"plan": first_plan(embedded)})
    for p in params:
        try:
            want = run(embedded, name, p)
        except ParamError:
            continue
        got = run(remote, name, p)  # raises QueryError when Virtuoso refuses the text
        assert keyed(got) == keyed(want), (name, p)
