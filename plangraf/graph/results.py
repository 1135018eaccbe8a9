"""Backend-neutral query results, and writers for the SPARQL results formats.

Every store returns a :class:`QueryResult` holding rdflib terms, so the CLI, the API and the
audit do not care which backend answered.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

Kind = TypingLiteral["select", "ask", "graph"]

RESULT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
    "xml": "application/rdf+xml",
    "trig": "application/trig",
}


class QueryError(Exception):
    """A query could not be parsed or run (bad syntax, refused feature, time limit)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class QueryResult:
    kind: Kind
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        return len(self.graph) if self.graph is not None else int(bool(self.boolean))

    def dicts(self) -> list[dict[str, Node]]:
        return [{v: t for v, t in zip(self.vars, row) if t is not None} for row in self.rows]

    # -- writers -----------------------------------------------------------------------------
    def serialize(self, fmt: str) -> bytes:
        if self.kind == "graph":
            assert self.graph is not None
            rdflib_fmt = {"nt": "nt", "turtle": "turtle", "json-ld": "json-ld", "xml": "xml",
                          "trig": "trig"}.get(fmt)
            if rdflib_fmt is None:
                raise QueryError(f"a graph result cannot be written as {fmt!r}", 406)
            return self.graph.serialize(format=rdflib_fmt, encoding="utf-8")
        writer = {"json": self._json, "csv": self._csv, "tsv": self._tsv, "xml": self._xml}.get(fmt)
        if writer is None:
            raise QueryError(f"a {self.kind} result cannot be written as {fmt!r}", 406)
        return writer()

    def _json(self) -> bytes:
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)}).encode()
        bindings = [{v: term_json(t) for v, t in zip(self.vars, row) if t is not None} for row in self.rows]
        return json.dumps({"head": {"vars": self.vars}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")

    def _csv(self) -> bytes:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        if self.kind == "ask":
            w.writerow(["boolean"])
            w.writerow(["true" if self.boolean else "false"])
        else:
            w.writerow(self.vars)
            for row in self.rows:
                w.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row])
        return buf.getvalue().encode("utf-8")

    def _tsv(self) -> bytes:
        if self.kind == "ask":
            return b"?boolean\n" + (b"true\n" if self.boolean else b"false\n")
        lines = ["\t".join(f"?{v}" for v in self.vars)]
        for row in self.rows:
            lines.append("\t".join("" if t is None else t.n3() for t in row))
        return ("\n".join(lines) + "\n").encode("utf-8")

    def _xml(self) -> bytes:
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        out += [f"<variable name={quoteattr(v)}/>" for v in self.vars]
        out.append("</head>")
        if self.kind == "ask":
            out.append(f"<boolean>{'true' if self.boolean else 'false'}</boolean>")
        else:
            out.append("<results>")
            for row in self.rows:
                out.append("<result>")
                for v, t in zip(self.vars, row):
                    if t is not None:
                        out.append(f"<binding name={quoteattr(v)}>{term_xml(t)}</binding>")
                out.append("</result>")
            out.append("</results>")
        out.append("</sparql>")
        return "\n".join(out).encode("utf-8")


def term_json(t: Node) -> dict[str, str]:
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    assert isinstance(t, Literal)
    d = {"type": "literal", "value": str(t)}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype:
        d["datatype"] = str(t.datatype)
    return d


def term_xml(t: Node) -> str:
    if isinstance(t, URIRef):
        return f"<uri>{escape(str(t))}</uri>"
    if isinstance(t, BNode):
        return f"<bnode>{escape(str(t))}</bnode>"
    assert isinstance(t, Literal)
    if t.language:
        return f"<literal xml:lang={quoteattr(t.language)}>{escape(str(t))}</literal>"
    if t.datatype:
        return f"<literal datatype={quoteattr(str(t.datatype))}>{escape(str(t))}</literal>"
    return f"<literal>{escape(str(t))}</literal>"


def parse_results_json(data: dict) -> QueryResult:
    """SPARQL results JSON (from a remote endpoint) -> QueryResult."""
    if "boolean" in data:
        return QueryResult("ask", boolean=bool(data["boolean"]))
    vars_ = list(data.get("head", {}).get("vars", []))
    rows = []
    for b in data.get("results", {}).get("bindings", []):
        rows.append(tuple(json_term(b[v]) if v in b else None for v in vars_))
    return QueryResult("select", vars_, rows)


def json_term(d: dict[str, str]) -> Node:
    kind = d["type"]
    if kind == "uri":
        return URIRef(d["value"])
    if kind == "bnode":
        return BNode(d["value"])
    dt = d.get("datatype")
    return Literal(d["value"], lang=d.get("xml:lang"), datatype=URIRef(dt) if dt else None)
