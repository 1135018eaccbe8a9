"""Time the network view in headless Debian Chromium: the overview and every plan of the samples.

Loads the bundled samples into a fresh Oxigraph store, starts ``plangraf serve`` on a free
127.0.0.1 port, warms the server's cache (one request per level, so the figures are the
browser's), then for each level opens ``/view`` (``/view?plan=ID``) in a fresh page and reports:

- ``load``: navigation start until the page sets ``document.body.dataset.drawn = '1'``
  (fetching the data, vis-network's first draw, stacking the columns, the final draw);
- ``draw``: the page's own figure, data received until drawn (``dataset.drawMs``);
- the node count and the scale of the first view.

Target (issue 10): every level drawn in under 1 s. The load average is printed before and after
(the figures move with it on a shared machine). Usage: python scripts/bench_view.py [--runs 3]
The server is stopped by PID at the end.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.servers import free_port, stop, wait_http

CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="page loads per level (the median is reported)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = f"oxigraph:{Path(tmp) / 'store'}"
        exe = [sys.executable, "-m", "plangraf.cli"]
        subprocess.run([*exe, "load", "--samples", "--store", store], check=True, capture_output=True)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([*exe, "serve", "--store", store, "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_http(url + "/view", proc, 60)
            plans = httpx.get(url + "/view/overview", timeout=60, trust_env=False).json()["plans"]
            levels = [("overview", "/view")] + [(p["title"][:40], f"/view?plan={p['id']}") for p in plans]
            for p in plans:
                httpx.get(url + "/view/plan", params={"plan": p["id"]}, timeout=60, trust_env=False)
            run(url, levels, args.runs)
        finally:
            stop(proc)


def run(url: str, levels: list[tuple[str, str]], runs: int) -> None:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        print(load_line("start"))
        print(f"{'level':42} {'nodes':>6} {'scale':>6} {'load ms':>8} {'draw ms':>8}  target (load < 1000 ms)")
        for name, path in levels:
            loads, draws, nodes, scale = [], [], 0, 0.0
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(url + path)
                page.wait_for_function("document.body.dataset.drawn === '1'", timeout=30000)
                loads.append(page.evaluate("performance.now()"))  # since navigation start
                draws.append(float(page.evaluate("document.body.dataset.drawMs")))
                nodes = int(page.evaluate("document.body.dataset.nodes"))
                scale = float(page.evaluate("window.plangrafView.network.getScale()"))
                page.close()
            load = statistics.median(loads)
            print(f"{name:42} {nodes:6d} {scale:6.2f} {load:8.0f} {statistics.median(draws):8.0f}  "
                  f"{'ok' if load < 1000 else 'MISS'}", flush=True)
        browser.close()
        print(load_line("end"))


def load_line(when: str) -> str:
    """The machine's load average, printed with the figures: on a shared machine they move with it."""
    one, five, fifteen = os.getloadavg()
    return f"load average at {when}: {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


if __name__ == "__main__":
    main()
