"""Fuzz settings: how many cases (PLANGRAF_FUZZ_EXAMPLES, split over the four input kinds), where
crash reproducers go (PLANGRAF_FUZZ_OUT), and a summary line per kind at the end of the run."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fuzz.harness import Stats

REPORTS: list[Stats] = []
# share of the cases per input kind; CI runs 3,000 in about a minute, `make fuzz` 10,000
SHARES = {"text": 0.3, "docx": 0.3, "pdf": 0.15, "corrections": 0.25}  # PDF cases are the slowest


def examples(kind: str) -> int:
    return max(1, round(int(os.environ.get("PLANGRAF_FUZZ_EXAMPLES", "3000")) * SHARES[kind]))


@pytest.fixture
def fuzz_stats(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A Stats for the test's input kind (its name after "test_fuzz_"), reported at the end."""
    monkeypatch.delenv("PLANGRAF_CORRECTIONS", raising=False)
    kind = request.node.name.removeprefix("test_fuzz_")
    out = Path(os.environ["PLANGRAF_FUZZ_OUT"]) if os.environ.get("PLANGRAF_FUZZ_OUT") else tmp_path / "findings"
    stats = Stats(kind, out)
    REPORTS.append(stats)
    return stats


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if REPORTS:
        terminalreporter.section("fuzz")
        for stats in REPORTS:
            terminalreporter.write_line(stats.summary())
