"""Results for people: aligned text tables and Markdown tables."""
from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef

from plangraf.graph.results import QueryError, QueryResult
from plangraf.queries.render import render, short, to_markdown, to_table

RES = QueryResult("select", ["node", "label", "n"], [
    (URIRef("https://w3id.org/plangraf/id/doc1/goal/x"), Literal("Ökad | hälsa", lang="sv"), Literal(3)),
    (URIRef("https://w3id.org/plangraf/ontology#Goal"), None, Literal(12)),
])


@pytest.mark.parametrize("term, text", [
    (URIRef("https://w3id.org/plangraf/ontology#Goal"), "pg:Goal"),
    (URIRef("https://w3id.org/plangraf/id/doc1/goal/x"), "id:doc1/goal/x"),
    (URIRef("http://example.org/x"), "http://example.org/x"),
    (Literal("hälsa", lang="sv"), "hälsa"), (None, ""),
])
def test_short(term, text):
    assert short(term) == text


def test_table_is_aligned():
    lines = to_table(RES).splitlines()
    assert lines[0].split() == ["node", "label", "n"]
    assert lines[2].index("Ökad") == lines[0].index("label")
    assert lines[-1] == "(2 rows)"


def test_table_clips_long_cells():
    res = QueryResult("select", ["x"], [(Literal("a" * 100),)])
    assert "a" * 47 + "…" in to_table(res, max_width=48)


def test_markdown_escapes_pipes():
    md = to_markdown(RES)
    assert md.splitlines()[0] == "| node | label | n |"
    assert "| id:doc1/goal/x | Ökad \\| hälsa | 3 |" in md


def test_render_dispatches():
    assert json.loads(render(RES, "json"))["head"]["vars"] == ["node", "label", "n"]
    assert render(RES, "csv").startswith(b"node,label,n")
    with pytest.raises(QueryError, match="unknown output format"):
        render(RES, "yaml")


def test_ask_result():
    assert to_table(QueryResult("ask", boolean=True)) == "yes"


def test_people_see_labels_not_iris(ox_store):
    """An IRI column with its label beside it is left out; other plan nodes show their label;
    CSV keeps the IRIs."""
    from plangraf.queries import run
    from plangraf.queries.render import for_people, labels_of
    res = run(ox_store, "activities-for-goal", {"plan": "docB"})
    names, rows = for_people(res, labels_of(ox_store, res))
    assert "goal" not in names and "goalLabel" in names and "activity" not in names
    assert names[0] == "plan" and {r[0] for r in rows} == {"Verksamhetsplan Nära vård Provkommun 2025"}
    assert not any("https://" in cell for row in rows for cell in row)
    assert b"https://w3id.org/plangraf/id/docB/gB1" in render(res, "csv")


def test_predeclared_prefixes_and_one_line_errors(store):
    from plangraf.queries.prefixes import one_line_error, predeclare
    text, added = predeclare("SELECT ?g WHERE { ?g a pg:ShortTermGoal ; rdfs:label ?l }")
    assert added == 1 and len(store.query(text).rows) == 2
    own = "PREFIX pg: <http://example.org/other#>\nSELECT * WHERE { ?g a pg:Goal }"
    assert predeclare(own)[0].splitlines()[0].count("PREFIX pg:") == 0  # the query's own pg: wins
    for typed, want in [("SELECT * WHERE {\n  ?s a foo:Bar }", "the prefix 'foo:' is not declared"),
                        ("SELECT * WHERE { ?s ?p }", "malformed query at line 1, column ")]:
        full, added = predeclare(typed)
        with pytest.raises(QueryError) as exc:
            store.query(full)
        msg = one_line_error(str(exc.value), typed, added)
        assert want in msg and "\n" not in msg and "\\u{" not in msg, msg
        if "foo" in typed and "line" in msg:
            assert "line 2" in msg
