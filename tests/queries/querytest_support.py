"""Helpers for the query tests: load the hand-written graph, compare answers across stores."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, URIRef

from plangraf.graph.store import Store
from plangraf.namespace import ONTOLOGY_GRAPH

SMALL_GRAPH = Path(__file__).resolve().parents[1] / "data" / "small_graph.trig"


def load_small_graph(store: Store) -> Store:
    """Each named graph of the TriG file into the store; the real ontology when it exists."""
    ds = Dataset()
    ds.parse(SMALL_GRAPH, format="trig")
    for g in ds.graphs():
        if len(g):
            store.replace_graph(URIRef(str(g.identifier)), g)
    from plangraf.ontology import ontology_graph
    onto = ontology_graph()
    if len(onto):
        store.replace_graph(ONTOLOGY_GRAPH, onto)
    return store


def normalised(res) -> set[tuple]:
    """Rows as sets of strings; GROUP_CONCAT columns sorted (their order is up to the engine)."""
    rows = set()
    for row in res.rows:
        cells = []
        for v, t in zip(res.vars, row):
            text = "" if t is None else str(t)
            if "; " in text:
                text = "; ".join(sorted(text.split("; ")))
            cells.append(text)
        rows.add(tuple(cells))
    return rows


def assert_same_answers(ox: Store, mem: Store, name: str, params: dict[str, str]) -> None:
    from plangraf.queries import run
    want, got = run(ox, name, params), run(mem, name, params)
    assert got.vars == want.vars
    assert normalised(got) == normalised(want)
    assert len(got.rows) == len(want.rows)


SAMPLES = sorted((Path(__file__).resolve().parents[2] / "plangraf" / "samples").glob("*.txt"))


def load_samples(store: Store) -> Store:
    """The bundled sample documents, extracted as `plangraf load` does, with the ontology and the
    reference data: a store shaped like a user's."""
    from plangraf.loaders.pipeline import extract_file
    from plangraf.namespace import REFERENCE_GRAPH, graph_iri
    from plangraf.ontology import ontology_graph, reference_graph
    for p in SAMPLES:
        ex = extract_file(p)
        store.replace_graph(graph_iri(ex.doc.doc_id), ex.ntriples())
    store.replace_graph(ONTOLOGY_GRAPH, ontology_graph())
    store.replace_graph(REFERENCE_GRAPH, reference_graph())
    return store
