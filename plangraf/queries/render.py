"""Write query results for people: an aligned text table and a Markdown table.

Machines get the SPARQL results formats from :meth:`QueryResult.serialize` (json, csv, tsv,
xml); :func:`render` dispatches to either. For people (:func:`for_people`), a column of IRIs is
left out when the result has its label beside it (``goal`` next to ``goalLabel``), the other
plan nodes are shown by their label (:func:`labels_of` looks them up in the store), and any IRI
still left is shortened with the prefixes below; the JSON/CSV writers keep full IRIs.
"""
from __future__ import annotations

import unicodedata

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from plangraf.graph.results import QueryError, QueryResult
from plangraf.graph.store import Store
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
LABEL_SUFFIXES = ("Label", "Name", "_label", "Title")
LOOKUP_CHUNK = 400


def labels_of(store: Store, result: QueryResult, limit: int = 4000) -> dict[str, str]:
    """Labels (rdfs:label, skos:prefLabel, dct:title) of the plan nodes (IRIs under the id: base)
    in the result's cells, looked up in the store; at most ``limit`` IRIs."""
    iris = sorted({str(t) for row in result.rows for t in row
                   if isinstance(t, URIRef) and str(t).startswith(ID_BASE)})[:limit]
    best: dict[str, tuple[tuple[int, int, str], str]] = {}
    for i in range(0, len(iris), LOOKUP_CHUNK):
        values = " ".join(f"<{iri}>" for iri in iris[i:i + LOOKUP_CHUNK] if ">" not in iri and " " not in iri)
        if not values:
            continue
        res = store.query(f"""SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }}
          ?s <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel>|<http://purl.org/dc/terms/title> ?l }}""")
        for s, lab in res.rows:
            if s is None or lab is None:
                continue
            rank = _label_rank(lab)
            if str(s) not in best or rank < best[str(s)][0]:
                best[str(s)] = (rank, str(lab))
    return {k: v for k, (_r, v) in best.items()}


def _label_rank(label: Node) -> tuple[int, int, str]:
    """Swedish first, then no language tag, then any other; the longer (fuller) of equals."""
    lang = getattr(label, "language", None) or ""
    return ({"sv": 0, "": 1}.get(lang.lower(), 2), -len(str(label)), str(label))


def for_people(result: QueryResult, labels: dict[str, str] | None = None) -> tuple[list[str], list[list[str]]]:
    """The columns and cells a person reads: an IRI column with a label column beside it is left
    out, an IRI with a known label shows the label, other IRIs their prefixed name."""
    labels = labels or {}
    names = set(result.vars)
    keep = [i for i, v in enumerate(result.vars)
            if not (any(v + sfx in names for sfx in LABEL_SUFFIXES)
                    and all(row[i] is None or isinstance(row[i], URIRef) for row in result.rows))]

    def cell(t: Node | None) -> str:
        if isinstance(t, URIRef) and str(t) in labels:
            return labels[str(t)]
        return short(t)

    return [result.vars[i] for i in keep], [[cell(row[i]) for i in keep] for row in result.rows]


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


def to_table(result: QueryResult, max_width: int = 48, labels: dict[str, str] | None = None) -> str:
    """An aligned plain-text table (cells clipped to ``max_width``), with a row count."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if result.kind == "graph":
        return result.serialize("turtle").decode("utf-8")
    names, shown = for_people(result, labels)
    cells = [[_clip(v, max_width) for v in row] for row in shown]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(names)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in cells]
    n = len(result.rows)
    out.append(f"({n} row{'s' if n != 1 else ''}{', truncated' if result.truncated else ''})")
    return "\n".join(out)


def to_markdown(result: QueryResult, labels: dict[str, str] | None = None) -> str:
    """A GitHub-flavoured Markdown table; pipes and newlines in values are escaped."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if result.kind == "graph":
        return "```turtle\n" + result.serialize("turtle").decode("utf-8") + "```"

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")

    names, shown = for_people(result, labels)
    out = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in shown]
    return "\n".join(out) + "\n"


def render(result: QueryResult, fmt: str = "table", labels: dict[str, str] | None = None) -> str | bytes:
    """``table`` or ``md`` as text; ``json`` (SPARQL results JSON), ``csv``, ``tsv``, ``xml`` as bytes."""
    if fmt == "table":
        return to_table(result, labels=labels)
    if fmt in ("md", "markdown"):
        return to_markdown(result, labels=labels)
    if fmt in ("json", "csv", "tsv", "xml"):
        return result.serialize(fmt)
    raise QueryError(f"unknown output format {fmt!r}; one of {', '.join(FORMATS)}")
