"""Docs tested against code: every CLI command and every named query is in the README."""
from __future__ import annotations

from pathlib import Path

from plangraf.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name in main.commands if f"plangraf {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_command_has_help() -> None:
    for name, cmd in main.commands.items():
        assert cmd.help and len(cmd.help) > 20, name


def test_every_named_query_is_in_the_readme() -> None:
    from plangraf import queries
    missing = [q.name for q in queries.list_queries() if q.name not in README]
    assert not missing, f"queries missing from README.md: {missing}"


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in README and "make test" in ci
