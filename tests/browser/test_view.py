"""The network view in headless Debian Chromium: the overview, one plan and one chain, each
checked from vis-network's own positions and scale — every label drawn at its initial placement
is at least 11 CSS px and no two label boxes overlap — and kept as a screenshot in
``artifacts/`` (or $PLANGRAF_ARTIFACTS): view-overview.png, view-plan.png, view-chain.png."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

# Label boxes in canvas units, from vis-network's nodes, each drawn once more at its current position
# (the library lays a label out when it draws it): the label's own box for shapes that draw it beside themselves, the
# node's box for shapes that draw it inside. Font size on screen = font size x the network's scale.
MEASURE = """() => {
  const v = window.plangrafView, net = v.network, s = net.getScale(), ctx = net.canvas.getContext();
  const inside = new Set(["box", "database", "ellipse", "circle", "text"]);
  const boxes = [], small = [];
  for (const id of v.nodes.getIds()) {
    const n = net.body.nodes[id];
    const drawn = n.draw(ctx);  // vis-network lays a label out when it draws it; off-screen nodes are not drawn
    if (drawn.drawExternalLabel) drawn.drawExternalLabel();
    const L = n.labelModule, px = L.elementOptions.font.size * s;
    if (!L.elementOptions.label) continue;
    if (px < 11) small.push([id, px]);
    const b = inside.has(n.options.shape) ? n.shape.boundingBox
      : {left: L.size.left, top: L.size.top, right: L.size.left + L.size.width, bottom: L.size.top + L.size.height};
    boxes.push([b.left, b.top, b.right, b.bottom, id]);
  }
  boxes.sort((a, b) => a[0] - b[0]);
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j][0] < boxes[i][2]; j++) {
      const a = boxes[i], b = boxes[j];
      if (a[1] < b[3] && b[1] < a[3]) overlaps.push([a[4], b[4]]);
    }
  }
  net.redraw();
  return {scale: s, labels: boxes.length, small, overlaps};
}"""


# Each drawn node's shape and fill as vis-network holds them in its own node options, by kind, and
# the legend's rows (kind, the swatch's fill).
KINDS_DRAWN = """() => {
  const v = window.plangrafView, kindOf = new Map(v.data.nodes.map(d => [d.id, d.kind])), byKind = {};
  for (const id of v.nodes.getIds()) {
    const o = v.network.body.nodes[id].options, kind = kindOf.get(id);
    (byKind[kind] = byKind[kind] || new Set()).add(JSON.stringify([o.shape, o.color.background]));
  }
  const legend = Array.from(document.querySelectorAll('#kinds > div')).map(row => [
    row.querySelector('input').value, row.querySelector('svg [fill]').getAttribute('fill'), row.textContent]);
  return {byKind: Object.fromEntries(Object.entries(byKind).map(([k, s]) => [k, Array.from(s).map(JSON.parse)])),
          legend};
}"""


def assert_one_look_per_kind(page) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Every kind drawn has one shape and one colour, no two kinds share a shape or a colour, and
    the legend lists each drawn kind with that colour (in Swedish)."""
    m = page.evaluate(KINDS_DRAWN)
    look = {}
    for kind, pairs in m["byKind"].items():
        assert len(pairs) == 1, f"{kind} is drawn in {len(pairs)} ways: {pairs}"
        look[kind] = tuple(pairs[0])
    shapes = [shape for shape, _colour in look.values()]
    colours = [colour for _shape, colour in look.values()]
    assert len(set(shapes)) == len(shapes), f"kinds sharing a shape: {look}"
    assert len(set(colours)) == len(colours), f"kinds sharing a colour: {look}"
    legend = {kind: (fill, name) for kind, fill, name in m["legend"]}
    for kind, (_shape, colour) in look.items():
        assert kind in legend, f"{kind} is drawn but not in the legend"
        assert legend[kind][0].lower() == colour.lower(), (kind, legend[kind], colour)
        assert legend[kind][1] != kind or kind == "Plan", f"legend names {kind} in English"
    return look


def wait_drawn(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("document.body.dataset.drawn === '1'", timeout=20000)


def assert_readable(page, least: int) -> dict:  # type: ignore[no-untyped-def,type-arg]
    m = page.evaluate(MEASURE)
    assert m["labels"] >= least
    assert m["small"] == [], f"labels under 11 px at scale {m['scale']:.2f}: {m['small'][:3]}"
    assert m["overlaps"] == [], f"{len(m['overlaps'])} overlapping labels, e.g. {m['overlaps'][:2]}"
    return m  # type: ignore[no-any-return]


def canvas_is_drawn(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("""() => {
        const c = document.querySelector('#network canvas'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 16) { if (d[i] < 200 || d[i+1] < 200 || d[i+2] < 200) n++; }
        return n > 500;
    }""")


def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_overview_shows_the_plans_readably(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/view")
    wait_drawn(page)
    assert page.evaluate("document.body.dataset.level") == "overview"
    assert canvas_is_drawn(page)
    plans = page.evaluate("window.plangrafView.data.nodes.filter(n => n.kind === 'Plan').length")
    assert plans == 5
    assert_readable(page, 40)
    # plan titles, not document ids, in the menu; Swedish kinds in the legend
    options = page.locator("#plan-menu option").all_inner_texts()
    assert len(options) == 6 and not any(re.fullmatch(r"\d{3}_[0-9a-f]{16}", o) for o in options)
    legend = page.locator("#kinds").inner_text()
    assert "Fokusområde" in legend and "Datakälla" in legend and "FocusArea" not in legend
    look = assert_one_look_per_kind(page)
    assert {"Plan", "FocusArea", "NationalFocusArea"} <= set(look)
    shoot(page, "view-overview.png")


def test_click_a_plan_then_a_goal_then_its_chain(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/view")
    wait_drawn(page)
    # click plan 003 where the network draws it
    at = page.evaluate("""() => { const v = window.plangrafView;
        const n = v.data.nodes.find(n => n.kind === 'Plan' && n.plan.startsWith('003'));
        v.network.moveTo({position: v.network.getPositions([n.id])[n.id], animation: false});
        return {...v.network.canvasToDOM(v.network.getPositions([n.id])[n.id]), title: n.full || n.label}; }""")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    page.wait_for_function("document.body.dataset.level === 'plan' && document.body.dataset.drawn === '1'")
    assert "plan=003" in page.url
    # the menu names the plan by the title the network showed for it (not its id)
    assert page.locator("#plan-menu").evaluate("s => s.options[s.selectedIndex].text") == at["title"]
    legend = page.locator("#kinds").inner_text()
    for name in ("Mål", "Långsiktigt mål", "Aktivitet", "Indikator", "Ansvarig"):
        assert name in legend
    look = assert_one_look_per_kind(page)
    # the kinds the issue names as indistinguishable before: Goal and LongTermGoal, Activity and Intervention
    assert {"Goal", "LongTermGoal", "ShortTermGoal", "Activity", "Indicator"} <= set(look)
    assert_readable(page, 150)
    shoot(page, "view-plan.png")
    # a goal with a source, scrolled into view and clicked: the panel quotes the source
    goal = page.evaluate("""() => { const v = window.plangrafView;
        const g = v.data.nodes.find(n => n.kind.endsWith('Goal') && n.source && n.source.quote
                                         && v.data.edges.some(e => e.to === n.id && e.title === 'servesGoal'));
        v.network.moveTo({position: v.network.getPositions([g.id])[g.id], animation: false});
        return {id: g.id, quote: g.source.quote, at: v.network.canvasToDOM(v.network.getPositions([g.id])[g.id])}; }""")
    page.mouse.click(box["x"] + goal["at"]["x"], box["y"] + goal["at"]["y"])
    page.wait_for_selector("#panel blockquote.quote")
    assert page.locator("#panel blockquote.quote").inner_text().strip() == goal["quote"].strip()
    assert "rad" in page.locator("#panel .source-where").inner_text()
    total = int(page.evaluate("document.body.dataset.nodes"))
    page.click("#chain")
    page.wait_for_function("document.body.dataset.level === 'chain' && document.body.dataset.drawn === '1'")
    shown = int(page.evaluate("document.body.dataset.nodes"))
    assert 2 <= shown < total and "chain=" in page.url
    ids = page.evaluate("window.plangrafView.nodes.getIds()")
    assert goal["id"] in ids
    assert any(page.evaluate("window.plangrafView.data.nodes.filter(n => n.kind === 'Activity' || n.kind === 'Intervention')"
                             ".map(n => n.id)").count(i) for i in ids)
    # the chain fills the view: every chain node is on screen
    assert page.evaluate("""() => { const v = window.plangrafView, r = document.getElementById('main');
        return v.nodes.getIds().every(id => { const p = v.network.canvasToDOM(v.network.getPositions([id])[id]);
            return p.x >= 0 && p.y >= 0 && p.x <= r.clientWidth && p.y <= r.clientHeight * 3; }); }""")
    assert_readable(page, 2)
    shoot(page, "view-chain.png")
    # the URL is the state: opening it again shows the same chain
    url = page.url
    page.goto(url)
    wait_drawn(page)
    assert page.evaluate("document.body.dataset.level") == "chain"
    assert int(page.evaluate("document.body.dataset.nodes")) == shown


def test_png_download_and_kind_filter(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/view?plan=004")
    wait_drawn(page)
    total = int(page.evaluate("document.body.dataset.nodes"))
    with page.expect_download() as dl:
        page.click("#png")
    assert dl.value.suggested_filename.endswith(".png")
    assert dl.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.uncheck("#kinds input[value='Indicator']")
    page.wait_for_function(f"Number(document.body.dataset.nodes) < {total} && document.body.dataset.drawn === '1'")
    assert "hide=Indicator" in page.url
    kinds = page.evaluate("window.plangrafView.nodes.getIds().map(id => window.plangrafView.data.nodes.find(n => n.id === id).kind)")
    assert "Indicator" not in kinds


def test_labels_are_escaped(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/view?plan=000")
    wait_drawn(page)
    page.fill("#search", "psykisk")
    page.press("#search", "Enter")
    page.wait_for_function("document.body.dataset.drawn === '1' && /träffar/.test(document.getElementById('hits').textContent)")
    assert page.evaluate("document.querySelectorAll('#panel script, #panel img, aside script').length") == 0


def test_offline_file_while_served(page, server: str, sample_store: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`plangraf view -o` reads the served store (read-only) and writes one file that draws the
    overview and any plan from file:// with no network at all."""
    out = tmp_path / "view.html"
    done = subprocess.run([sys.executable, "-m", "plangraf.cli", "view", "-o", str(out), "--store", sample_store],
                          check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    outside: list[str] = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (outside.append(route.request.url), route.abort()))
    page.goto(out.as_uri())
    wait_drawn(page)
    assert page.evaluate("document.body.dataset.level") == "overview"
    page.select_option("#plan-menu", label="Plan för god psykisk hälsa i Värmland 2021–2024")
    page.wait_for_function("document.body.dataset.level === 'plan' && document.body.dataset.drawn === '1'")
    assert_readable(page, 100)
    assert outside == []
