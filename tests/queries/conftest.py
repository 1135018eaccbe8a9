"""Stores holding the hand-written graph tests/data/small_graph.trig, one per backend."""
from __future__ import annotations

import pytest
from querytest_support import load_small_graph

from plangraf.graph.store import Store, open_store


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def store(request, tmp_path_factory) -> Store:
    spec = "memory:" if request.param == "memory" else f"oxigraph:{tmp_path_factory.mktemp('ox')}"
    s = load_small_graph(open_store(spec))
    yield s
    s.close()


@pytest.fixture(scope="module")
def ox_store(tmp_path_factory) -> Store:
    s = load_small_graph(open_store(f"oxigraph:{tmp_path_factory.mktemp('ox1')}"))
    yield s
    s.close()


@pytest.fixture(scope="module")
def mem_store() -> Store:
    return load_small_graph(open_store("memory:"))
