"""Issue 11: damaged inputs end as a LoaderError naming the file, never a traceback or a hang.

Each test feeds hypothesis-made damaged files (text, DOCX, PDF, corrections YAML beside a plan)
to the public entry point ``extract_file``, runs every case (a crash does not stop the run, so
the count is complete), keeps each crash's input, and then asserts none crashed or hung. Cases
are derandomized in the suite (the same cases each run); ``make fuzz`` runs 10,000 new ones.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import examples
from tests.fuzz.harness import Stats
from tests.fuzz.mutations import (
    CORRECTIONS_DOC,
    PDF_TOKENS,
    TEXT_TOKENS,
    alias_bomb,
    corrections_text,
    damaged_docx,
    mutated,
    pdf_seeds,
    text_seeds,
)

RANDOM = os.environ.get("PLANGRAF_FUZZ_RANDOM") == "1"


def fuzz_settings(kind: str) -> settings:
    return settings(max_examples=examples(kind), deadline=None, database=None, derandomize=not RANDOM,
                    suppress_health_check=list(HealthCheck), phases=["generate"])


def check(stats: Stats) -> None:
    assert stats.outcomes["crash"] == stats.outcomes["hang"] == stats.outcomes["bad-error"] == 0, (
        stats.summary() + "\n" + stats.problems())
    assert sum(stats.outcomes.values()) == examples(stats.kind)


def test_fuzz_text(fuzz_stats, tmp_path):
    path = tmp_path / "plan.txt"

    @fuzz_settings("text")
    @given(mutated(text_seeds(), TEXT_TOKENS))
    def case(data: bytes) -> None:
        path.write_bytes(data)
        fuzz_stats.run(path)

    case()
    check(fuzz_stats)


def test_fuzz_docx(fuzz_stats, tmp_path):
    path = tmp_path / "plan.docx"

    @fuzz_settings("docx")
    @given(damaged_docx())
    def case(data: bytes) -> None:
        path.write_bytes(data)
        fuzz_stats.run(path)

    case()
    check(fuzz_stats)


def test_fuzz_pdf(fuzz_stats, tmp_path):
    path = tmp_path / "plan.pdf"

    @fuzz_settings("pdf")
    @given(mutated(pdf_seeds(), PDF_TOKENS))
    def case(data: bytes) -> None:
        path.write_bytes(data)
        fuzz_stats.run(path)

    case()
    check(fuzz_stats)


def test_fuzz_corrections(fuzz_stats, tmp_path):
    doc, corrections = tmp_path / "plan.txt", tmp_path / "plan.corrections.yaml"
    doc.write_text(CORRECTIONS_DOC, encoding="utf-8")

    @fuzz_settings("corrections")
    @given(st.one_of(corrections_text(), corrections_text(), alias_bomb()))
    def case(data: bytes) -> None:
        corrections.write_bytes(data)
        fuzz_stats.run(doc, [corrections])

    case()
    check(fuzz_stats)


def test_corrections_seeds_apply_cleanly(tmp_path, monkeypatch):
    """The corrections seeds are valid for the seed document, so damaging them reaches every edit."""
    from plangraf.loaders.pipeline import extract_file
    from tests.fuzz.mutations import CORRECTIONS_SEEDS
    monkeypatch.delenv("PLANGRAF_CORRECTIONS", raising=False)
    doc = tmp_path / "plan.txt"
    doc.write_text(CORRECTIONS_DOC, encoding="utf-8")
    plain = len(extract_file(doc).builder.graph)
    for seed in CORRECTIONS_SEEDS:
        (tmp_path / "plan.corrections.yaml").write_text(seed, encoding="utf-8")
        assert len(extract_file(doc).builder.graph) != plain
