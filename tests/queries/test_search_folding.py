"""search folds case and accents on both sides (stored labels and the term), on both embedded
backends, over a small invented graph: upper-case and decomposed accents in stored labels, accent-free
and accented terms, and terms with regular-expression characters (matched as plain text)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from plangraf.graph.store import Store, open_store
from plangraf.namespace import PG
from plangraf.queries import run

EX = Namespace("https://w3id.org/plangraf/id/folding-test/")
LABELS = {
    "upper": (PG.Goal, RDFS.label, Literal("HÄLSA OCH VÅRD")),
    "decomposed": (PG.Goal, RDFS.label, Literal("Fo\u0308ra\u0308ldrasto\u0308d")),
    "tagged": (PG.Activity, SKOS.altLabel, Literal("Ökad tillgång till vård", lang="sv")),
    "plain": (PG.Goal, RDFS.label, Literal("Halsa")),
    "brackets": (PG.Indicator, RDFS.label, Literal("Kostnad (kr) per år [2020]")),
    "acute": (PG.Goal, RDFS.label, Literal("Café")),
}


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    spec = "memory:" if request.param == "memory" else f"oxigraph:{tmp_path_factory.mktemp('fold')}"
    s = open_store(spec)
    g = Graph()
    for key, (cls, prop, label) in LABELS.items():
        g.add((EX[key], RDF.type, cls))
        g.add((EX[key], prop, label))
    s.replace_graph(URIRef(str(EX) + "graph"), g)
    yield s
    s.close()


@pytest.mark.parametrize(("term", "expected"), [
    ("halsa", {"upper", "plain"}),
    ("hälsa", {"upper", "plain"}),
    ("HALSA", {"upper", "plain"}),
    ("Hälsa och vård", {"upper"}),
    ("föräldrastöd", {"decomposed"}),
    ("FORALDRASTOD", {"decomposed"}),
    ("okad", {"tagged"}),
    ("vard", {"upper", "tagged"}),
    ("å", set(LABELS)),
    ("(kr)", {"brackets"}),
    ("[2020]", {"brackets"}),
    ("k.st", set()),
    ("a|b", set()),
    ("cafe", {"acute"}),
    ("CAFÉ", {"acute"}),
])
def test_search_folds_case_and_accents(store: Store, term: str, expected: set[str]) -> None:
    found = {str(r["node"]).rsplit("/", 1)[-1] for r in run(store, "search", {"term": term}).dicts()}
    assert found == expected, term
