"""The gap queries give the same answers on rdflib's in-memory store as on Oxigraph (standard
SPARQL only: no engine-specific functions, no reliance on evaluation order). The other queries:
test_backends_other.py (split because rdflib parses each query in ~0.3 s)."""
from __future__ import annotations

import pytest
from querytest_support import assert_same_answers

from plangraf.queries import list_queries

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CASES = [(q.name, {}) for q in list_queries() if "gap" in q.tags]


@pytest.mark.parametrize("name, params", CASES, ids=[n for n, _ in CASES])
def test_rdflib_agrees_with_oxigraph(ox_store, mem_store, name, params):
    assert_same_answers(ox_store, mem_store, name, params)
