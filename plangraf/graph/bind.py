"""Bind query parameters as typed terms, never by pasting user text into a query.

Backends without pre-binding for every variable (Oxigraph's substitutions only cover projected
variables; remote endpoints have none) get an inline ``VALUES`` block at the start of the WHERE
group. The values are rdflib terms written with ``n3()``, which escapes them, so a parameter
can never change the query's structure.
"""
from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from plangraf.graph.results import QueryError

_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _skip(text: str, i: int) -> int:
    """If a string, IRI or comment starts at i, the index after it; else i."""
    c = text[i]
    if c == "#":
        j = text.find("\n", i)
        return len(text) if j < 0 else j + 1
    if c == "<":
        m = _IRI.match(text, i)
        return m.end() if m else i
    if c in "\"'":
        q3 = text[i:i + 3]
        if q3 in ('"""', "'''"):
            j = text.find(q3, i + 3)
            return len(text) if j < 0 else j + 3
        j = i + 1
        while j < len(text) and text[j] != c:
            j += 2 if text[j] == "\\" else 1
        return j + 1
    return i


def where_brace(query: str) -> int:
    """Index of the '{' that opens the query's WHERE clause (or the first group for SELECT/ASK)."""
    i, first, after_where = 0, -1, False
    while i < len(query):
        j = _skip(query, i)
        if j != i:
            i = j
            continue
        if query[i] == "{":
            if after_where:
                return i
            if first < 0:
                first = i
        elif query[i:i + 5].upper() == "WHERE" and not query[i - 1:i].isalnum():
            after_where = True
        i += 1
    if after_where or first < 0:
        raise QueryError("cannot find the WHERE clause to bind parameters into")
    head = query[:first].upper()
    if "CONSTRUCT" in head:
        raise QueryError("cannot bind parameters: CONSTRUCT queries need an explicit WHERE")
    return first


def check_term(term: Node) -> Node:
    if not isinstance(term, (URIRef, Literal)) or isinstance(term, BNode):
        raise QueryError(f"parameter values must be IRIs or literals, not {term!r}")
    if isinstance(term, URIRef) and not _IRI.fullmatch(f"<{term}>"):
        raise QueryError(f"not a valid IRI: {str(term)!r}")
    return term


def inline_values(query: str, bindings: dict[str, Node]) -> str:
    """``query`` with ``VALUES (?a ?b) { (t1 t2) }`` as the first thing in its WHERE group."""
    if not bindings:
        return query
    names = list(bindings)
    for n in names:
        if not _VAR.match(n):
            raise QueryError(f"not a variable name: {n!r}")
    terms = [check_term(bindings[n]).n3() for n in names]
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }} "
    i = where_brace(query) + 1
    return query[:i] + block + query[i:]


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first form keyword outside IRIs, strings, comments."""
    i = 0
    while i < len(query):
        j = _skip(query, i)
        if j != i:
            i = j
            continue
        m = _FORM.match(query, i)
        if m and not query[i - 1:i].isalnum():
            return m.group(1).upper()
        i += 1
    return ""


def skeleton(query: str) -> tuple[str, list[str]]:
    """The query with strings and comments blanked and IRIs replaced by ``<N>`` placeholders,
    plus the IRIs in order: keyword checks on the skeleton cannot be fooled by literal text."""
    out: list[str] = []
    iris: list[str] = []
    i = 0
    while i < len(query):
        j = _skip(query, i)
        if j == i:
            out.append(query[i])
            i += 1
            continue
        if query[i] == "<":
            out.append(f"<{len(iris)}>")
            iris.append(query[i + 1:j - 1])
        else:
            out.append(" ")
        i = j
    return "".join(out), iris
