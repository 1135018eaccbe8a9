"""A load killed with SIGKILL at any point leaves the store as it was before the load, or (once the
load had committed) as it is after it: never half a graph, never a staging graph left over.

Each case runs the load in a child process that kills itself at a named point
(``PLANGRAF_KILL_AT``, see :func:`plangraf.graph.oxload.checkpoint`), then opens the store here
(which runs the recovery) and compares its exact content with the two valid states.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from plangraf.graph.oxigraph import OxigraphStore
from plangraf.graph.oxload import JOURNAL, STAGING, STAGING_DIR
from plangraf.namespace import graph_iri

EX = "https://w3id.org/plangraf/id/test/"
A, B, C = graph_iri("doc-a"), graph_iri("doc-b"), graph_iri("doc-c")
ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import sys
from pathlib import Path
from rdflib import URIRef
from plangraf.graph.oxigraph import OxigraphStore
store, mode, src, graph = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), URIRef(sys.argv[4])
s = OxigraphStore(store)
if mode == "bytes":
    s.replace_graph(graph, src.read_bytes())
else:
    s.load_file(src, mode, graph)
s.close()
"""


def nt(n: int, label: str, graph: URIRef | None = None) -> str:
    g = f" <{graph}>" if graph else ""
    return "".join(f'<{EX}goal{i}> <http://www.w3.org/2000/01/rdf-schema#label> "{label} {i}"{g} .\n'
                   for i in range(n))


def content(path: Path) -> set[str]:
    """Every quad of the store at ``path`` (opening it runs the recovery)."""
    with OxigraphStore(path) as s:
        return set((s.dump("nquads") or b"").decode("utf-8").splitlines())


def raw_graphs(path: Path) -> list[str]:
    """All named graphs, plangraf's or not (staging graphs would show here)."""
    st = ox.Store.read_only(str(path))
    try:
        return sorted(g.value for g in st.named_graphs() if isinstance(g, ox.NamedNode))
    finally:
        del st


@pytest.fixture()
def before(tmp_path: Path) -> Path:
    """A store holding doc-a (old version) and doc-b."""
    path = tmp_path / "before"
    with OxigraphStore(path) as s:
        s.replace_graph(A, nt(50, "gammal").encode())
        s.replace_graph(B, nt(20, "annan").encode())
    return path


def load(store: Path, mode: str, src: Path, graph: URIRef, kill_at: str | None) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PLANGRAF_KILL_AT", None)
    if kill_at:
        env["PLANGRAF_KILL_AT"] = kill_at
    proc = subprocess.run([sys.executable, "-c", CHILD, str(store), mode, str(src), str(graph)], env=env, check=False,
                          capture_output=True, timeout=120)
    assert proc.returncode in (0, -signal.SIGKILL), proc.stderr.decode()
    return proc.returncode


# (what is loaded, where it is killed, which state must follow)
CASES = [
    ("nt-replace", "staged", "old"),       # file replacing doc-a: staged in the staging store
    ("nt-replace", "committed", "new"),
    ("nt-replace", "moving", "new"),       # killed with doc-a dropped and not yet written back
    ("bytes-replace", "staged", "old"),    # a document's N-Triples: kept as a file by the journal
    ("bytes-replace", "committed", "new"),
    ("bytes-replace", "moving", "new"),    # killed with doc-a dropped and the file not yet loaded
    ("nt-new", "written", "old"),          # a new graph, written in place
    ("nt-new", "committed", "new"),
    ("nquads", "staged", "old"),           # doc-a replaced and doc-c added from one N-Quads file
    ("nquads", "moving", "new"),
]


@pytest.mark.parametrize(("what", "kill_at", "expect"), CASES)
def test_a_killed_load_leaves_the_old_or_the_new_store(before: Path, tmp_path: Path, what: str, kill_at: str,
                                                       expect: str) -> None:
    src = tmp_path / "input"
    if what == "nquads":
        src.write_text(nt(40, "ny", A) + nt(30, "tredje", C), encoding="utf-8")
        mode, graph = "nquads", A
    else:
        src.write_text(nt(40, "ny"), encoding="utf-8")
        mode = "bytes" if what == "bytes-replace" else "nt"
        graph = C if what == "nt-new" else A
    old = content(before)
    clean = tmp_path / "clean"
    shutil.copytree(before, clean)
    with OxigraphStore(clean) as s:  # the same load, not killed, in this process
        s.replace_graph(graph, src.read_bytes()) if mode == "bytes" else s.load_file(src, mode, graph)
    new = content(clean)
    assert new != old

    killed = tmp_path / "killed"
    shutil.copytree(before, killed)
    assert load(killed, mode, src, graph, kill_at) == -signal.SIGKILL
    assert (killed / JOURNAL).exists()  # the kill really happened inside the load
    got = content(killed)
    assert got == (old if expect == "old" else new)
    assert not (killed / JOURNAL).exists() and not (killed / STAGING_DIR).exists()
    assert not list(killed.glob("plangraf-pending-*"))
    assert not [g for g in raw_graphs(killed) if g.startswith(STAGING)]
    with OxigraphStore(killed) as s:
        assert s.graphs() == sorted({URIRef(q.split(" ")[-2].strip("<>")) for q in got if q})


def test_a_bad_file_rolls_back_and_keeps_the_old_graph(before: Path, tmp_path: Path) -> None:
    from plangraf.graph.store import RdfSyntaxError
    old = content(before)
    bad = tmp_path / "bad.nt"
    bad.write_text(nt(30, "ny") + "<x> this is not N-Triples .\n", encoding="utf-8")
    with OxigraphStore(before) as s:
        with pytest.raises(RdfSyntaxError) as info:
            s.load_file(bad, "nt", A)
        assert info.value.line == 31
        with pytest.raises(RdfSyntaxError) as info:
            s.load_file(bad, "nt", C)  # a new graph, written in place, then removed again
    del info  # its traceback holds the store open
    assert content(before) == old
    assert not (before / JOURNAL).exists() and not (before / STAGING_DIR).exists()


def test_replacing_leaves_no_staging_graph_behind(before: Path, tmp_path: Path) -> None:
    src = tmp_path / "new.nt"
    src.write_text(nt(10, "ny"), encoding="utf-8")
    with OxigraphStore(before) as s:
        assert s.load_file(src, "nt", A) == {A: 10}                      # through the staging store
        assert s.replace_graph(B, nt(5, "ny").encode()) == 5              # through a staging graph
        assert s.graphs() == [A, B]
    assert raw_graphs(before) == [str(A), str(B)]
    assert not (before / STAGING_DIR).exists()
