"""Queries that stop (issue 11): a query past its time limit is killed, not abandoned; a full
pool answers 503 with Retry-After; query workers cannot open network connections."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from plangraf.api.app import Settings, create_app
from plangraf.api.sandbox import Busy, Reply, Sandbox
from tests.api.test_hostile import oxigraph_store

# 60 triples, five-way cross product: 7.8e8 solutions to count. COUNT yields no row before the
# end, so a check between result rows (the old cancellation) never got a chance to stop it.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads CPU time from /proc")
def test_a_timed_out_query_is_killed_and_cpu_and_memory_return_to_idle() -> None:
    app = create_app(Settings(store="memory:", query_timeout=1.0, sparql_workers=1), store=oxigraph_store())
    with TestClient(app) as c:
        assert c.get("/sparql", params={"query": "ASK {}"}).status_code == 200
        pool: Sandbox = app.state.sandbox
        [worker] = pool.pids()
        idle_rss = rss_bytes(worker)
        t = time.monotonic()
        r = c.get("/sparql", params={"query": ENDLESS})
        assert r.status_code == 503 and "time limit" in r.text and "stopped" in r.text
        assert time.monotonic() - t < 3
        # The worker that ran it is gone: its core and its memory are free at once.
        assert not alive(worker)
        assert pool.pids() == []
        # Nothing of this server keeps computing: CPU time stands still over the next second.
        before = cpu_seconds(os.getpid())
        time.sleep(1.0)
        assert cpu_seconds(os.getpid()) - before < 0.3
        # The next query gets a fresh worker, as small as the first one was.
        assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
        [fresh] = pool.pids()
        assert fresh != worker and rss_bytes(fresh) < idle_rss + 50 * 2**20


def test_abandoned_queries_do_not_pile_up() -> None:
    """The audit's 42 abandoned queries: here each one is killed, so workers never exceed the pool."""
    app = create_app(Settings(store="memory:", query_timeout=0.3, sparql_workers=2), store=oxigraph_store())
    with TestClient(app) as c:
        for _ in range(4):
            assert c.get("/sparql", params={"query": ENDLESS}).status_code == 503
        assert len(app.state.sandbox.pids()) <= 2
        assert c.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def sleepy(job: object) -> Reply:
    time.sleep(float(job))  # type: ignore[arg-type]
    return Reply(200, "text/plain", b"slept")


def test_a_full_pool_answers_busy() -> None:
    pool = Sandbox(sleepy, size=1, max_waiting=0)
    try:
        first = threading.Thread(target=pool.call, args=(1.5, 5.0))
        first.start()
        time.sleep(0.5)  # the one worker is busy now
        with pytest.raises(Busy):
            pool.call(0.0, 5.0)
        first.join()
        assert pool.call(0.0, 5.0).body == b"slept"
    finally:
        pool.close()


def test_busy_endpoint_sends_retry_after() -> None:
    app = create_app(Settings(store="memory:", query_timeout=1.0, sparql_workers=1, sparql_queue=0),
                     store=oxigraph_store())
    with TestClient(app) as c:
        slow = threading.Thread(target=c.get, args=("/sparql",), kwargs={"params": {"query": ENDLESS}})
        slow.start()
        time.sleep(0.4)
        r = c.get("/sparql", params={"query": "ASK {}"})
        slow.join()
        assert r.status_code == 503 and r.headers.get("retry-after") == "1"


def connect(job: object) -> Reply:
    host, port = job  # type: ignore[misc]
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError as exc:
        return Reply(200, "text/plain", f"refused: {exc}".encode())
    return Reply(200, "text/plain", b"connected")


def test_workers_have_no_network() -> None:
    """The second wall: even a query that got past the guard could not reach a loopback server."""
    listener = socket.create_server(("127.0.0.1", 0))
    pool = Sandbox(connect, size=1)
    try:
        body = pool.call(listener.getsockname(), 5.0).body
        if not pool.network_isolated:
            pytest.skip("this machine does not allow network namespaces (unshare)")
        assert body.startswith(b"refused")
        socket.create_connection(listener.getsockname(), timeout=2).close()  # the server itself can
    finally:
        pool.close()
        listener.close()


def big(job: object) -> Reply:
    return Reply(200, "application/octet-stream", bytes(range(256)) * (int(job) // 256))  # type: ignore[call-overload]


def test_big_answers_arrive_whole_on_the_loop_and_in_threads() -> None:
    """A reply larger than the socket buffer comes in pieces (uvloop makes the socket non-blocking)."""
    import asyncio

    import uvloop
    pool = Sandbox(big, size=1)
    try:
        size = 8 << 20
        for _ in range(3):
            assert len(uvloop.run(pool.acall(size, 10.0)).body) == size
            assert len(asyncio.run(pool.acall(size, 10.0)).body) == size
            assert len(pool.call(size, 10.0).body) == size  # the same worker, from a thread
        assert len(pool.pids()) == 1
    finally:
        pool.close()


def test_workers_on_a_disk_store(tmp_path: Path) -> None:
    """`plangraf serve --disk`: a worker opens the directory itself (an inherited RocksDB handle
    hung on some queries, e.g. plans-overview, until the time limit)."""
    from plangraf.graph.loading import ensure_system_graphs
    from plangraf.graph.oxigraph import OxigraphStore
    from plangraf.loaders.pipeline import extract_file
    from plangraf.namespace import graph_iri
    from tests.api.conftest import SAMPLE
    store = OxigraphStore(tmp_path / "store")
    ensure_system_graphs(store)
    ex = extract_file(SAMPLE)
    store.replace_graph(graph_iri(ex.doc.doc_id), ex.ntriples())
    store.ox.flush()  # onto SST files, as a store loaded by an earlier process is
    store.ox.optimize()
    app = create_app(Settings(store="memory:", query_timeout=8, sparql_workers=2, cache_bytes=0), store=store)
    try:
        with TestClient(app) as c:
            for _ in range(3):
                r = c.get("/queries/plans-overview")
                assert r.status_code == 200 and r.json()["results"]["bindings"]
                r = c.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
                assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 1000
    finally:
        store.close()
