"""Predeclared prefixes and one-line syntax errors, for queries typed by people.

GraphDB and Virtuoso let an analyst write ``SELECT * WHERE { ?s a pg:Goal }`` without a
``PREFIX`` line; :func:`predeclare` gives ``plangraf sparql`` and ``/sparql`` the same courtesy:
the usual prefixes the query does not declare itself are put in front of it, on ONE extra first
line, so an error position moves by exactly one line (:func:`one_line_error` moves it back).
A prefix the query declares keeps the query's own meaning.
"""
from __future__ import annotations

import re

from plangraf.namespace import ONTOLOGY_IRI

PREFIXES: dict[str, str] = {
    "pg": ONTOLOGY_IRI + "#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "time": "http://www.w3.org/2006/time#",
}

_DECLARED = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:")
_POSITION = re.compile(r"(?:error at |line[: ]\s*)(\d+)(?::|,\s*col(?:umn)?[: ]\s*)(\d+)")


def declared(query: str) -> set[str]:
    """The prefix names a query declares itself."""
    return {m.group(1) or "" for m in _DECLARED.finditer(query)}


def prologue(query: str) -> str:
    """The one line of PREFIX declarations ``query`` lacks (empty when it lacks none)."""
    own = declared(query)
    return " ".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in own)


def predeclare(query: str) -> tuple[str, int]:
    """``query`` with the usual prefixes it does not declare put in front, and how many lines
    were added (0 or 1) — pass that to :func:`one_line_error`."""
    head = prologue(query)
    return (f"{head}\n{query}", 1) if head else (query, 0)


def _expected(detail: str) -> str:
    """Oxigraph lists every character class the parser would take; keep the words."""
    m = re.search(r"expected (?:one of )?(.*)", detail, re.DOTALL)
    if not m:
        return ""
    words = [w.strip() for w in re.split(r",\s*(?![^\[]*\])", m.group(1)) if w.strip()]
    words = [w for w in words if not w.startswith("[") and "\\u" not in w and len(w) < 30]
    return ", ".join(words[:6])


def one_line_error(message: str, query: str, added_lines: int = 0) -> str:
    """A parser's message as one line: the position in the text as typed (line, column), the
    words there, and what was expected — not the grammar's character classes."""
    bare = re.search(r"Unknown namespace prefix : (\S+)", message)  # rdflib says it without a position
    if bare:
        return f"malformed query: {_undeclared(bare.group(1) + ':')}"
    m = _POSITION.search(message)
    if not m:
        return " ".join(message.split())[:300]
    line, col = int(m.group(1)) - added_lines, int(m.group(2))
    lines = query.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    before, after = text[: max(col - 1, 0)], text[max(col - 1, 0):]
    near = (before[-20:] + after[:12]).strip()
    unknown = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*\s*$", before) if "Prefix not found" in message else None
    if unknown:
        what = _undeclared((unknown.group(1) or "") + ":")
    else:
        expected = _expected(message[m.end():])
        what = f"expected {expected}" if expected else "syntax error"
    where = f"line {line}, column {col}" if line > 0 else f"column {col}"
    return f"malformed query at {where}" + (f" near '{near}'" if near else "") + f": {what}"


def _undeclared(prefix: str) -> str:
    return (f"the prefix '{prefix}' is not declared (add PREFIX {prefix} <…>; predeclared: "
            + ", ".join(PREFIXES) + ")")
