"""In-memory store on rdflib's Dataset: no files, for tests and as the benchmark's baseline.

rdflib never fetches here: its loading of FROM/FROM NAMED/USING graphs is switched off (a FROM
names a graph of this store, as in Oxigraph), and a query with SERVICE or an update with LOAD is
refused before rdflib runs it (rdflib would send the request).
"""
from __future__ import annotations

from typing import Any

import rdflib.plugins.sparql
from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.sparql import algebra, parser
from rdflib.query import Result
from rdflib.term import Node, Variable

from plangraf.graph.results import QueryError, QueryResult
from plangraf.graph.store import DUMP_FORMATS, Store, as_graph

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # FROM <url> must never make rdflib download it


def refuse_fetching(tree: Any) -> None:
    """Raise QueryError (403) when a translated query/update would make rdflib send a request."""
    found: list[str] = []

    def visit(node: Any) -> None:
        name = getattr(node, "name", None)
        if name in ("ServiceGraphPattern", "Load"):
            found.append("SERVICE" if name == "ServiceGraphPattern" else "LOAD")

    for part in ([tree.algebra] if hasattr(tree, "algebra") and not isinstance(tree.algebra, list)
                 else list(getattr(tree, "algebra", []) or [])):
        algebra.traverse(part, visitPre=visit)
    if found:
        raise QueryError(f"{found[0]} is not allowed: this store never fetches data from elsewhere", 403)


def from_rdflib(res: Result) -> QueryResult:
    if res.type == "ASK":
        return QueryResult("ask", boolean=bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        g = Graph()
        for t in res:
            g.add(t)  # type: ignore[arg-type]
        return QueryResult("graph", graph=g)
    vars_ = [str(v) for v in (res.vars or [])]
    return QueryResult("select", vars_, [tuple(row) for row in res])  # type: ignore[misc,arg-type]  # rows are ResultRows


class MemoryStore(Store):
    concurrent_queries = False

    def __init__(self) -> None:
        self.spec = "memory:"
        self.ds = Dataset(default_union=True)

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(str(g.identifier)) for g in self.ds.graphs()
                      if isinstance(g.identifier, URIRef) and len(g) and
                      g.identifier != URIRef("urn:x-rdflib:default"))

    def replace_graph(self, graph: URIRef, data: Graph | bytes) -> int:
        data = as_graph(data)
        self.ds.remove_graph(graph)
        target = self.ds.graph(graph)
        for t in data:
            target.add(t)
        return len(target)

    def drop_graph(self, graph: URIRef) -> bool:
        existed = graph in self.graphs()
        self.ds.remove_graph(graph)
        return existed

    def query(self, sparql: str, bindings: dict[str, Node] | None = None,
              timeout: float | None = None) -> QueryResult:
        init = {Variable(k): v for k, v in (bindings or {}).items()}
        try:
            prepared = algebra.translateQuery(parser.parseQuery(sparql))
        except Exception as exc:  # pyparsing's ParseException, unknown prefixes, …
            raise QueryError(f"query failed: {exc}") from exc
        refuse_fetching(prepared)
        try:
            return from_rdflib(self.ds.query(prepared, initBindings=init))  # type: ignore[arg-type]  # rdflib takes Variables
        except Exception as exc:  # rdflib raises pyparsing and many other errors for bad queries
            raise QueryError(f"query failed: {exc}") from exc

    def update(self, sparql: str) -> None:
        try:
            prepared = algebra.translateUpdate(parser.parseUpdate(sparql))
        except Exception as exc:
            raise QueryError(f"update failed: {exc}") from exc
        refuse_fetching(prepared)
        try:
            self.ds.update(sparql)  # the text: rdflib's Dataset mishandles a translated INSERT DATA
        except Exception as exc:
            raise QueryError(f"update failed: {exc}") from exc

    def dump(self, fmt: str = "trig", graph: URIRef | None = None) -> bytes:
        rdflib_fmt = DUMP_FORMATS[fmt]
        if graph is not None or rdflib_fmt in ("turtle", "nt", "json-ld"):
            g = Graph()
            for ctx in self.ds.graphs():
                if graph is None or ctx.identifier == graph:
                    g += ctx
            return g.serialize(format=rdflib_fmt, encoding="utf-8")
        return self.ds.serialize(format=rdflib_fmt, encoding="utf-8")
