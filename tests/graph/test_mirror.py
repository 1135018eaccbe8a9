"""The in-memory mirror of the embedded Oxigraph store (what `plangraf serve` answers from):
it answers like the disk store, every write reaches both, and a failed write changes neither."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.api.settings import Settings
from plangraf.graph.loading import ensure_system_graphs
from plangraf.graph.oxigraph import OxigraphStore
from plangraf.graph.results import QueryError
from plangraf.graph.store import StoreError, open_store
from plangraf.loaders.pipeline import extract_file
from plangraf.namespace import PG, graph_iri
from plangraf.queries import ParamError, list_queries, run

SAMPLE = Path(__file__).resolve().parents[2] / "plangraf" / "samples" / "004_f9e9a9070f811de9.txt"
EX = "https://w3id.org/plangraf/id/test/"
A, B, C = graph_iri("doc-a"), graph_iri("doc-b"), graph_iri("doc-c")
BLANK_NT = f'_:x <{RDFS.label}> "tom nod" .\n_:x <{RDF.type}> <{PG.Goal}> .\n'.encode()


def goals(n: int, label: str = "Mål") -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"{EX}goal{i}"), RDF.type, PG.Goal))
        g.add((URIRef(f"{EX}goal{i}"), RDFS.label, Literal(f"{label} {i}", lang="sv")))
    return g


def quads(store: OxigraphStore) -> set[str]:
    """The exact content (blank-node ids included) as a set of N-Quads lines."""
    return set(store.dump("nquads").decode("utf-8").splitlines())


def on_disk(path: Path) -> set[str]:
    with OxigraphStore(path) as s:
        assert not s.mirrored
        return quads(s)


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A disk store with the ontology, reference data, one extracted sample and a blank node."""
    path = tmp_path_factory.mktemp("mirror") / "store"
    with OxigraphStore(path) as s:
        ensure_system_graphs(s)
        ex = extract_file(SAMPLE)
        s.replace_graph(graph_iri(ex.doc.doc_id), ex.ntriples())
        s.replace_graph(C, BLANK_NT)
    return path


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with OxigraphStore(path) as s:
        s.replace_graph(A, goals(3))
        s.replace_graph(C, BLANK_NT)
    return path


@pytest.fixture()
def mirror(store_path: Path) -> Iterator[OxigraphStore]:
    s = OxigraphStore(store_path, memory=True)
    yield s
    s.close()


def outcome(store: OxigraphStore, name: str) -> object:
    """What a catalogue query answers, keyed on its IRIs: SAMPLE() and GROUP_CONCAT pick labels
    in storage order, which differs between RocksDB and memory (both answers are valid)."""
    try:
        res = run(store, name)
    except ParamError:
        return "needs parameters"
    except QueryError as exc:
        return f"error: {exc}"
    return res.kind, res.vars, sorted(repr([t if isinstance(t, URIRef) else type(t) for t in row])
                                      for row in res.rows), res.boolean


def test_mirror_answers_like_the_disk_store(sample_path: Path) -> None:
    disk = OxigraphStore(sample_path, read_only=True)
    mem = OxigraphStore(sample_path, read_only=True, memory=True)
    try:
        assert mem.mirrored and mem.disk is None and mem.mirror_quads == len(disk.ox) > 1000
        assert quads(mem) == quads(disk)  # an exact copy, blank-node ids included
        assert mem.graphs() == disk.graphs() and mem.count() == disk.count()
        join = (f"SELECT ?a ?g ?l WHERE {{ ?a <{PG.servesGoal}> ?g . ?g <{RDFS.label}> ?l . ?a a ?t }} "
                "ORDER BY ?a ?g ?l")
        assert mem.query(join).rows == disk.query(join).rows and len(mem.query(join).rows) > 10
        answered = 0
        for q in list_queries():
            got = outcome(mem, q.name)
            assert got == outcome(disk, q.name), q.name
            answered += isinstance(got, tuple) and bool(got[2])
        assert answered >= 3
    finally:
        disk.close()
        mem.close()


def test_without_memory_queries_read_the_disk_store(store_path: Path) -> None:
    with OxigraphStore(store_path) as s:
        assert s.ox is s.disk and not s.mirrored
    assert not OxigraphStore().mirrored  # path=None: memory only, nothing to mirror


@pytest.mark.parametrize("write", ["replace", "replace-blank", "drop", "update", "update-blank", "bulk-load"])
def test_writes_reach_mirror_and_disk(write: str, mirror: OxigraphStore, store_path: Path,
                                      tmp_path: Path) -> None:
    before = quads(mirror)
    if write == "replace":
        assert mirror.replace_graph(A, goals(1, "Nytt")) == 2
    elif write == "replace-blank":
        mirror.replace_graph(B, BLANK_NT)
    elif write == "drop":
        assert mirror.drop_graph(A) is True
        assert mirror.drop_graph(A) is False
    elif write == "update":
        mirror.update(f'INSERT DATA {{ GRAPH <{B}> {{ <{EX}x> <{RDFS.label}> "ny" }} }}')
    elif write == "update-blank":  # fresh blank node: the mirror is copied again from disk
        mirror.update(f'INSERT DATA {{ GRAPH <{B}> {{ _:n <{RDFS.label}> "ny" }} }}')
    else:
        nq = tmp_path / "more.nq"
        nq.write_text(f'<{EX}y> <{RDFS.label}> "bulk" <{B}> .\n', encoding="utf-8")
        mirror.bulk_load(nq)
    after = quads(mirror)
    assert after != before
    assert len(mirror.ox) == len(mirror.disk)  # type: ignore[arg-type]
    labels = {str(r[0]) for r in mirror.query(f"SELECT ?l WHERE {{ ?s <{RDFS.label}> ?l }}").rows}
    assert ("Nytt 0" in labels) == (write == "replace")
    assert ("Mål 0" in labels) == (write not in ("replace", "drop"))
    mirror.close()
    assert on_disk(store_path) == after  # persisted, and equal to what the mirror answered from


@pytest.mark.parametrize("write", ["bad n-triples", "bad update"])
def test_failed_write_changes_neither(write: str, mirror: OxigraphStore, store_path: Path) -> None:
    before = quads(mirror)
    with pytest.raises(StoreError if write == "bad n-triples" else QueryError):
        if write == "bad n-triples":
            mirror.replace_graph(A, b"<https://w3id.org/plangraf/id/test/x> this is not N-Triples\n")
        else:
            mirror.update(f"INSERT DATA {{ GRAPH <{A}> {{ <{EX}x> <{RDFS.label}> }} }}")
    assert quads(mirror) == before
    mirror.close()
    assert on_disk(store_path) == before


class FailingDisk:
    """Stands in for the disk store when a write fails there for a reason other than syntax."""

    def update(self, sparql: str) -> None:
        raise OSError("disk full")


def test_disk_failure_leaves_mirror_unchanged(mirror: OxigraphStore) -> None:
    before = quads(mirror)
    disk, mirror.disk = mirror.disk, FailingDisk()  # type: ignore[assignment]
    try:
        with pytest.raises(QueryError, match="disk full"):
            mirror.update(f"DROP GRAPH <{A}>")
    finally:
        mirror.disk = disk
    assert quads(mirror) == before


def test_read_only_mirror_refuses_writes(store_path: Path) -> None:
    with OxigraphStore(store_path, read_only=True, memory=True) as s:
        with pytest.raises(StoreError):
            s.replace_graph(A, goals(1))
        with pytest.raises(StoreError):
            s.drop_graph(A)
        with pytest.raises(QueryError):
            s.update(f"DROP GRAPH <{A}>")
        assert s.count(A) == 6


def test_open_store_memory_only_affects_oxigraph(store_path: Path) -> None:
    with open_store(f"oxigraph:{store_path}", memory=True) as s:
        assert s.wait_mirror(60) and s.mirrored  # type: ignore[attr-defined]
    with open_store(f"oxigraph:{store_path}") as s:
        assert not s.mirrored  # type: ignore[attr-defined]
    with open_store("memory:", memory=True) as s:
        assert not hasattr(s, "mirrored")


@pytest.mark.parametrize(("env", "expected"), [(None, False), ("1", True), ("true", True), ("0", False),
                                              ("off", False), ("maybe", False)])
def test_memory_setting_from_environment(env: str | None, expected: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if env is None:
        monkeypatch.delenv("PLANGRAF_MEMORY", raising=False)
    else:
        monkeypatch.setenv("PLANGRAF_MEMORY", env)
    assert Settings(store="memory:").memory is expected


@pytest.mark.parametrize(("args", "mirrored"), [([], True), (["--disk"], False), (["--memory"], True)])
def test_serve_answers_from_the_mirror(args: list[str], mirrored: bool, store_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """`plangraf serve` -> Settings -> the app's start-up -> open_store: run the app it would
    serve (uvicorn replaced) and ask it something."""
    import uvicorn

    from plangraf.cli import main
    seen: dict[str, object] = {}

    def fake_run(app, **_kw: object) -> None:  # type: ignore[no-untyped-def]
        with TestClient(app) as client:
            store = app.state.store
            store.wait_mirror(30)       # the copy is built in the background
            seen["mirrored"] = store.mirrored
            seen["memory"] = store.ox is not store.disk
            res = client.get("/sparql", params={"query": f"ASK {{ GRAPH <{A}> {{ ?s ?p ?o }} }}"},
                             headers={"Accept": "application/sparql-results+json"})
            seen["answer"] = res.json().get("boolean")

    monkeypatch.delenv("PLANGRAF_MEMORY", raising=False)
    monkeypatch.setattr(uvicorn, "run", fake_run)
    res = CliRunner().invoke(main, ["serve", "--store", f"oxigraph:{store_path}", *args], catch_exceptions=False)
    assert res.exit_code == 0
    assert seen == {"mirrored": mirrored, "memory": mirrored, "answer": True}
    assert ("quads into memory in" in res.stderr) == mirrored
    if mirrored:
        assert "copied 8 quads" in res.stderr


def test_open_store_answers_at_once_and_mirrors_in_the_background(sample_path: Path) -> None:
    """`plangraf serve`'s start: open_store(memory=True) returns before the copy is made, queries
    answer from disk meanwhile, writes wait for the copy, and the copy then answers the same."""
    with OxigraphStore(sample_path, read_only=True) as disk:
        want = outcome(disk, "plans-overview")
    s = open_store(f"oxigraph:{sample_path}", memory=True)
    try:
        assert isinstance(s, OxigraphStore)
        assert outcome(s, "plans-overview") == want  # from disk or memory, whichever is ready
        assert s.wait_mirror(60) and s.mirrored and s.ox is not s.disk
        assert outcome(s, "plans-overview") == want
        s.replace_graph(A, goals(2))
        assert s.count(A) == 4 and len(s.ox) == len(s.disk)  # type: ignore[arg-type]
        s.drop_graph(A)
    finally:
        s.close()


def test_the_copy_in_chunks_is_exact_across_chunk_boundaries() -> None:
    import pyoxigraph as ox

    from plangraf.graph.oxigraph import COPY_CHUNK, copy_to_memory
    src = ox.Store()
    g = ox.NamedNode("https://example.org/g")
    b = ox.BlankNode("keep-me")
    quads = [ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"), b, g)
             for i in range(2 * COPY_CHUNK + 7)]
    quads.append(ox.Quad(b, ox.NamedNode("https://example.org/p"), ox.Literal("x"), ox.DefaultGraph()))
    src.extend(quads)
    mem = copy_to_memory(src)
    assert set(mem) == set(src) and len(mem) == 2 * COPY_CHUNK + 8   # blank-node ids kept
