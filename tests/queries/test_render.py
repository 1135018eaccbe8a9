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
