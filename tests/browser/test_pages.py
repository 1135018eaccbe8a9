"""The API's pages in headless Chromium with every request off loopback refused (the network
unplugged): /docs draws Swagger UI, /sparql gives a browser the YASGUI editor with the catalogue's
queries as examples and a results table, /queries a catalogue whose forms run queries into tables.
Screenshots in ``artifacts/`` (pages-docs.png, pages-sparql.png, pages-queries.png)."""
from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


@pytest.fixture()
def offline(page):  # type: ignore[no-untyped-def]
    """The page, with every request to anything but 127.0.0.1 aborted and recorded."""
    outside: list[str] = []

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()
    page.route("**/*", guard)
    page.outside = outside
    return page


def test_docs_offline(offline, server: str) -> None:  # type: ignore[no-untyped-def]
    offline.goto(server + "/docs")
    offline.wait_for_selector(".swagger-ui .info .title", timeout=20000)
    assert "plangraf" in offline.locator(".swagger-ui .info .title").inner_text()
    offline.wait_for_selector(".opblock")
    assert offline.locator(".opblock").count() > 5
    assert offline.outside == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    offline.screenshot(path=str(ARTIFACTS / "pages-docs.png"))


def test_sparql_editor_offline(offline, server: str) -> None:  # type: ignore[no-untyped-def]
    offline.goto(server + "/sparql")
    offline.wait_for_selector(".yasqe .CodeMirror", timeout=20000)
    options = offline.locator("#examples option").all_inner_texts()
    assert any(o.startswith("activities-for-goal") for o in options)
    # an example from the catalogue runs and its answer is a table
    offline.select_option("#examples", label=next(o for o in options if o.startswith("plans-overview")))
    offline.wait_for_function("document.querySelectorAll('.yasr table tbody tr').length >= 5", timeout=20000)
    assert "Plan för god psykisk hälsa i Värmland" in offline.locator(".yasr table").inner_text()
    assert offline.outside == [], offline.outside
    offline.screenshot(path=str(ARTIFACTS / "pages-sparql.png"))


def test_queries_catalogue_offline(offline, server: str) -> None:  # type: ignore[no-untyped-def]
    offline.goto(server + "/queries")
    section = offline.locator("section#activities-for-goal")
    section.locator("input[name=plan]").fill("003")
    section.locator("button").click()
    section.locator("table tr:nth-child(2)").wait_for(timeout=20000)
    assert "goalLabel" in section.locator("table tr").first.inner_text()
    assert section.locator("a[href='/queries/activities-for-goal?format=rq']").count() == 1
    bad = offline.locator("section#search")
    bad.locator("button").click()  # `term` is required
    bad.locator(".error").wait_for(timeout=10000)
    assert offline.outside == []
    offline.screenshot(path=str(ARTIFACTS / "pages-queries.png"), full_page=False)
