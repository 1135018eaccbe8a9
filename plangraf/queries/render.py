"""Write query results for people: an aligned text table and a Markdown table.

Machines get the SPARQL results formats from :meth:`QueryResult.serialize` (json, csv, tsv,
xml); :func:`render` dispatches to either. IRIs are shortened with the prefixes below so a table
of plan nodes stays readable; the JSON/CSV writers keep full IRIs.
"""
from __future__ import annotations

import unicodedata

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from plangraf.graph.results import QueryError, QueryResult
from plangraf.namespace import ID_BASE, PG

PREFIXES = [
    (str(PG._NS), "pg:"),
    (ID_BASE, "id:"),
    ("http://www.w3.org/2004/02/skos/core#", "skos:"),
    ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"),
    ("http://www.w3.org/ns/prov#", "prov:"),
    ("http://purl.org/dc/terms/", "dct:"),
]
FORMATS = ("table", "md", "markdown", "json", "csv", "tsv", "xml")


def short(term: Node | None) -> str:
    """A term as a person reads it: prefixed IRIs, literal values without quotes or tags."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        s = str(term)
        for base, prefix in PREFIXES:
            if s.startswith(base):
                return prefix + s[len(base):]
        return s
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return str(term)
    return str(term)


def _width(text: str) -> int:
    """Display width (combining marks take no column)."""
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if _width(text) <= limit else text[: max(limit - 1, 1)] + "…"


def to_table(result: QueryResult, max_width: int = 48) -> str:
    """An aligned plain-text table (cells clipped to ``max_width``), with a row count."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if result.kind == "graph":
        return result.serialize("turtle").decode("utf-8")
    cells = [[_clip(short(t), max_width) for t in row] for row in result.rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(result.vars)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(result.vars), line(["-" * w for w in widths])] + [line(r) for r in cells]
    n = len(result.rows)
    out.append(f"({n} row{'s' if n != 1 else ''}{', truncated' if result.truncated else ''})")
    return "\n".join(out)


def to_markdown(result: QueryResult) -> str:
    """A GitHub-flavoured Markdown table; pipes and newlines in values are escaped."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if result.kind == "graph":
        return "```turtle\n" + result.serialize("turtle").decode("utf-8") + "```"

    def cell(t: Node | None) -> str:
        return " ".join(short(t).split()).replace("\\", "\\\\").replace("|", "\\|")

    out = ["| " + " | ".join(result.vars) + " |", "|" + "---|" * len(result.vars)]
    out += ["| " + " | ".join(cell(t) for t in row) + " |" for row in result.rows]
    return "\n".join(out) + "\n"


def render(result: QueryResult, fmt: str = "table") -> str | bytes:
    """``table`` or ``md`` as text; ``json`` (SPARQL results JSON), ``csv``, ``tsv``, ``xml`` as bytes."""
    if fmt == "table":
        return to_table(result)
    if fmt in ("md", "markdown"):
        return to_markdown(result)
    if fmt in ("json", "csv", "tsv", "xml"):
        return result.serialize(fmt)
    raise QueryError(f"unknown output format {fmt!r}; one of {', '.join(FORMATS)}")
