"""The network view in headless Chromium: drawn, searchable, filterable, clickable to the source."""
from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def open_view(page, url: str) -> int:  # type: ignore[no-untyped-def]
    page.goto(url + "/view")
    page.wait_for_function("document.body.dataset.drawn === '1'", timeout=20000)
    return int(page.evaluate("document.body.dataset.nodes"))


def canvas_is_drawn(page) -> bool:  # type: ignore[no-untyped-def]
    # Count non-white pixels on the network canvas.
    return page.evaluate("""() => {
        const c = document.querySelector('#network canvas');
        const ctx = c.getContext('2d');
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 16) { if (d[i + 3] > 0 && (d[i] < 240 || d[i+1] < 240 || d[i+2] < 240)) n++; }
        return n > 200;
    }""")


def test_view_draws_the_corpus(page, server: str) -> None:  # type: ignore[no-untyped-def]
    n = open_view(page, server)
    assert n > 50
    assert canvas_is_drawn(page)
    assert page.locator("#count").inner_text().startswith(str(n))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view.png"))


def test_search_and_filter(page, server: str) -> None:  # type: ignore[no-untyped-def]
    total = open_view(page, server)
    page.fill("#search", "suicid")
    page.press("#search", "Enter")
    page.wait_for_function(f"Number(document.body.dataset.nodes) < {total}")
    found = int(page.evaluate("document.body.dataset.nodes"))
    assert 0 < found < total
    page.click("#reset")
    page.wait_for_function(f"Number(document.body.dataset.nodes) === {total}")
    page.check("#f-classes input[value='Indicator']")
    page.click("#apply")
    page.wait_for_function(f"Number(document.body.dataset.nodes) < {total}")
    labels = page.evaluate("window.plangrafView.data.nodes.map(n => n.classes)")
    assert labels and all("Indicator" in c for c in labels)


def test_click_shows_provenance_and_chain(page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_view(page, server)
    # pick a goal that has a source, and click it where the network draws it
    goal = page.evaluate("""() => {
        const v = window.plangrafView;
        const g = v.data.nodes.find(n => n.cls.endsWith('Goal') && n.source && n.source.quote);
        v.network.focus(g.id, {scale: 3, animation: false});
        const p = v.network.canvasToDOM(v.network.getPositions([g.id])[g.id]);
        const hit = v.network.getNodeAt(p);
        const n = v.data.nodes.find(m => m.id === hit);
        return {id: hit, quote: n.source ? n.source.quote : "", x: p.x, y: p.y};
    }""")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + goal["x"], box["y"] + goal["y"])
    page.wait_for_selector("#panel blockquote.quote")
    assert page.locator("#panel blockquote.quote").inner_text().strip() == goal["quote"].strip()
    assert "rad" in page.locator("#panel .source-where").inner_text()
    page.click("#chain")
    page.wait_for_function("Number(document.body.dataset.chain) >= 1")
    page.screenshot(path=str(ARTIFACTS / "view-chain.png"))


def test_labels_are_escaped(page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_view(page, server)
    # no document text became markup: the panel holds only our own elements
    page.evaluate("""() => { const v = window.plangrafView; const n = v.data.nodes[0];
        v.network.selectNodes([n.id]); }""")
    assert page.evaluate("document.querySelectorAll('#panel script, #panel img').length") == 0
