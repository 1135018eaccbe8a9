"""Property-based tests from the app's own OpenAPI schema (schemathesis, in-process over ASGI):
whatever the generated path, query string, headers or body, no route answers with a 5xx.

Kept small (a few examples per operation) so the whole file runs in well under a minute; the
same store as test_routes.py (one sample and a document with hostile labels) is used.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from plangraf.api.app import Settings, create_app
from tests.api.conftest import api_store_instance

# Built at import because schemathesis reads the schema when the tests are collected.
APP = create_app(Settings(store="memory:", query_timeout=5, max_rows=2000), store=api_store_instance())
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"


def test_schema_covers_the_api() -> None:
    paths = {op.path for op in (r.ok() for r in schema.get_all_operations())}
    assert {"/queries", "/queries/{name}", "/audit", "/ontology", "/view/data", "/sparql"} <= paths


@pytest.fixture(scope="module", autouse=True)
def _close_store():  # type: ignore[no-untyped-def]
    yield
    APP.state.store.close()
