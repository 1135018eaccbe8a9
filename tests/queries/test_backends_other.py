"""The non-gap catalogue queries give the same answers on rdflib's in-memory store as on Oxigraph."""
from __future__ import annotations

import pytest
from querytest_support import assert_same_answers

from plangraf.queries import list_queries

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
A = "https://w3id.org/plangraf/id/docA/"
CASES = [(q.name, {}) for q in list_queries()
         if "gap" not in q.tags and not q.one_of and not any(p.required for p in q.params.values())] + [
    ("goal-chain", {"plan": "docB"}),
    ("search", {"term": "Hälsa", "class": "Indicator"}),
    ("provenance", {"node": A + "gS1", "links": "true"}),
    ("goal-chain", {"plan": "docA", "focusArea": A + "aF2"}),
]


@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}{'-' + '-'.join(p) if p else ''}" for n, p in CASES])
def test_rdflib_agrees_with_oxigraph(ox_store, mem_store, name, params):
    assert_same_answers(ox_store, mem_store, name, params)
