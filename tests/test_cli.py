"""The command line: help, load/export/drop round trips, and bad input that changes nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from plangraf.cli import main

GOOD_TTL = """@prefix pg: <https://w3id.org/plangraf/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/plangraf/id/t/goal1> a pg:Goal ; rdfs:label "Bättre psykisk hälsa"@sv .
<https://w3id.org/plangraf/id/t/act1> a pg:Activity ; pg:servesGoal <https://w3id.org/plangraf/id/t/goal1> .
"""


@pytest.fixture()
def run(tmp_path: Path):  # type: ignore[no-untyped-def]
    spec = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(main, [*args, "--store", spec] if args and args[0] not in ("extract", "templates", "ontology-docs") else list(args),
                             catch_exceptions=False)
    return invoke


def count(run) -> int:  # type: ignore[no-untyped-def]
    res = run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), 'good')) }",
              "-f", "csv")
    return int(res.output.strip().splitlines()[-1])


def test_help_lists_commands() -> None:
    res = CliRunner().invoke(main, ["--help"])
    assert res.exit_code == 0
    for cmd in ("load", "extract", "export", "sparql", "drop", "stats", "query", "audit", "serve", "show"):
        assert cmd in res.output


def test_load_export_drop_round_trip(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "good.ttl"
    f.write_text(GOOD_TTL, encoding="utf-8")
    assert run("load", str(f)).exit_code == 0
    assert count(run) == 4
    out = run("export", "-f", "trig")
    ds = Dataset()
    ds.parse(data=out.output, format="trig")
    assert any(str(g.identifier).endswith("/graph/good") for g in ds.graphs())
    assert "good" in run("documents").output
    assert run("drop", "good").exit_code == 0
    assert run("drop", "good").exit_code == 2


@pytest.mark.parametrize("name,content,expect", [
    ("missing.ttl", None, "no such file"),
    ("empty.txt", b"", "empty"),
    ("broken.ttl", b"@prefix pg: <https://w3id.org/plangraf/ontology#> .\n<a> pg:x ;; .\n", "broken.ttl"),
    ("binary.bin", bytes(range(256)) * 8, "binary.bin"),
])
def test_bad_input_is_one_line_and_changes_nothing(run, tmp_path: Path, name: str, content: bytes | None,
                                                   expect: str) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.ttl"
    good.write_text(GOOD_TTL, encoding="utf-8")
    run("load", str(good))
    before = count(run)
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    res = run("load", str(bad))
    assert res.exit_code == 2
    errors = [line for line in res.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and expect in errors[0]
    assert count(run) == before


def test_one_bad_file_among_good_ones_exits_zero(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.ttl"
    good.write_text(GOOD_TTL, encoding="utf-8")
    (tmp_path / "bad.ttl").write_text("<a> <b> .", encoding="utf-8")
    res = run("load", str(good), str(tmp_path / "bad.ttl"))
    assert res.exit_code == 0
    assert "1 loaded, 1 failed" in res.output


def test_broken_turtle_names_the_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.ttl"
    bad.write_text(GOOD_TTL + "\n<x> <y> \"unterminated .\n", encoding="utf-8")
    res = run("load", str(bad))
    assert res.exit_code == 2
    assert "bad.ttl:" in res.output


def test_malformed_sparql_is_an_error(run) -> None:  # type: ignore[no-untyped-def]
    res = run("sparql", "SELEKT nothing")
    assert res.exit_code == 2 and "error:" in res.output


def test_extract_writes_turtle_with_subclass_axioms(tmp_path: Path) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("Handlingsplan för psykisk hälsa 2024\n\nMål: Fler unga mår bra.\n", encoding="utf-8")
    out = tmp_path / "plan.ttl"
    res = CliRunner().invoke(main, ["extract", str(doc), "-o", str(out)])
    assert res.exit_code == 0, res.output
    g = Graph().parse(out)
    assert len(g) > 0


def test_audit_exit_codes_follow_fail_on(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # a goal with no indicator and no provenance: a warning (gap) and a violation (provenance)
    f = tmp_path / "good.ttl"
    f.write_text(GOOD_TTL, encoding="utf-8")
    run("load", str(f))
    assert run("audit", "-f", "json").exit_code == 1
    doc = tmp_path / "plan.txt"
    doc.write_text("Handlingsplan 2024\n\nMål: Fler unga mår bra.\nIndikator: Andel unga som mår bra\n"
                   "Datakälla: Liv och hälsa ung\n", encoding="utf-8")
    run("drop", "good")
    run("load", str(doc))
    assert run("audit", "-f", "json").exit_code == 0          # only notes (Info)
    assert run("audit", "-f", "json", "--fail-on", "info").exit_code == 1
    gaps = tmp_path / "gaps.txt"
    gaps.write_text("Handlingsplan 2024\n\nMål: Fler unga mår bra.\nAktiviteter:\n• Utbilda personal\n",
                    encoding="utf-8")
    run("drop", "plan")
    run("load", str(gaps))
    report = run("audit", "-f", "json")
    severities = {f["severity"] for f in json.loads(report.stdout)["findings"]}
    assert "Warning" in severities and "Violation" not in severities
    assert report.exit_code == 1                                 # warnings fail, as in pySHACL
    assert run("audit", "-f", "json", "--fail-on", "violation").exit_code == 0   # the old behaviour


def test_analytics_summarises_and_exports(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "plan.txt"
    doc.write_text("Handlingsplan 2024\n\nMål: Fler unga mår bra.\nAktiviteter:\n• Utbilda personal\n"
                   "Indikator: Andel unga som mår bra\nDatakälla: Kolada\n", encoding="utf-8")
    assert run("load", str(doc)).exit_code == 0
    out = tmp_path / "g.graphml"
    res = run("analytics", "--export", str(out))
    assert res.exit_code == 0 and "Handlingsplan 2024" in res.output
    assert out.read_text(encoding="utf-8").count("<node ") >= 4


def test_sparql_as_typed_in_the_readme(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "good.ttl"
    f.write_text(GOOD_TTL, encoding="utf-8")
    run("load", str(f))
    res = run("sparql", "SELECT * WHERE { ?s a pg:Goal } LIMIT 5")
    assert res.exit_code == 0 and "Bättre psykisk hälsa" in res.stdout and "https://" not in res.stdout
    assert "https://w3id.org/plangraf/id/t/goal1" in run("sparql", "SELECT * WHERE { ?s a pg:Goal }", "-f", "csv").stdout
    bad = run("sparql", "SELECT * WHERE { ?s a nope:Goal }")
    assert bad.exit_code == 2
    assert bad.stderr.strip().count("\n") == 0 and "line 1, column" in bad.stderr and "nope:" in bad.stderr


def test_reads_work_while_a_server_holds_the_store(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A running `plangraf serve` keeps the store's lock: reading commands open it read-only,
    writing ones say what to do."""
    from plangraf.graph.store import open_store
    f = tmp_path / "good.ttl"
    f.write_text(GOOD_TTL, encoding="utf-8")
    run("load", str(f))
    holder = open_store(f"oxigraph:{tmp_path / 'store'}")  # what the server does
    try:
        res = run("sparql", "SELECT ?l WHERE { ?s a pg:Goal ; rdfs:label ?l }")
        assert res.exit_code == 0 and "Bättre psykisk hälsa" in res.stdout
        assert run("documents").exit_code == 0
        dropped = run("drop", "good")
        assert dropped.exit_code == 2 and "plangraf serve" in dropped.stderr and "Ctrl-C" in dropped.stderr
    finally:
        holder.close()
