"""Every catalogue query runs on the bundled sample corpus as the loaders extract it today, and
the audit's twin queries agree with pySHACL there too (the answers themselves are pinned on the
hand-written graph; here only their shape and consistency)."""
from __future__ import annotations

import pytest
from querytest_support import SAMPLES, load_samples

from plangraf.graph.store import open_store
from plangraf.queries import list_queries, load, run

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):  # type: ignore[no-untyped-def]
    s = load_samples(open_store(f"oxigraph:{tmp_path_factory.mktemp('corpus')}"))
    yield s
    s.close()


def test_one_plan_per_document(corpus):
    rows = run(corpus, "plans-overview").dicts()
    assert len(rows) == len(SAMPLES)
    assert all(int(r["goals"]) > 0 and int(r["activities"]) > 0 for r in rows)


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_runs_on_the_sample_corpus(corpus, name):
    params = {"search": {"term": "psykisk hälsa"}}.get(name, {})
    if name == "provenance":
        goal = run(corpus, "search", {"term": "psykisk", "class": "Goal"}).rows[0][0]
        params = {"node": str(goal), "links": "true"}
    if "plan" in load(name).params:
        params["plan"] = "003"
    res = run(corpus, name, params)
    assert res.kind == "select"
    if name in ("activities-for-goal", "goal-chain", "search", "provenance", "plans-overview",
                "focus-area-coverage", "indicators-by-data-source", "responsibility-matrix"):
        assert res.rows, f"{name} found nothing on sample 003"


def test_audit_twins_agree_with_the_shapes_on_a_sample(corpus):
    from plangraf.audit import audit
    report = audit(corpus, plan="003", shacl="pyshacl")
    assert report.findings
    for f in report.findings:
        if report.rules[f.rule].shape:
            assert f.found_by == ("query", "shacl"), f
    assert all(f.line is not None and f.quote for f in report.findings if f.rule != "NodeWithoutProvenance")
