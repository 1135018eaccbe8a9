"""A real server on loopback with the sample corpus, and headless Debian Chromium via Playwright."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port

CHROMIUM = os.environ.get("PLANGRAF_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("PLANGRAF_ARTIFACTS", Path(__file__).resolve().parents[2] / "artifacts"))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The store SPEC the server serves (the samples); readable by the CLI while it runs."""
    return f"oxigraph:{tmp_path_factory.mktemp('browser') / 'store'}"


@pytest.fixture(scope="session")
def server(sample_store: str) -> Iterator[str]:
    store = sample_store
    exe = [sys.executable, "-m", "plangraf.cli"]
    subprocess.run([*exe, "load", "--samples", "--store", store], check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([*exe, "serve", "--store", store, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/view", timeout=1, trust_env=False).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        proc.kill()
        raise RuntimeError("plangraf serve did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (scripts/install-system-deps.sh)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    yield pg
    ctx.close()
