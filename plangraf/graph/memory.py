"""In-memory store on rdflib's Dataset: no files, for tests and as the benchmark's baseline."""
from __future__ import annotations

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node, Variable

from plangraf.graph.results import QueryError, QueryResult
from plangraf.graph.store import DUMP_FORMATS, Store, as_graph


def from_rdflib(res: Result) -> QueryResult:
    if res.type == "ASK":
        return QueryResult("ask", boolean=bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        g = Graph()
        for t in res:
            g.add(t)  # type: ignore[arg-type]
        return QueryResult("graph", graph=g)
    vars_ = [str(v) for v in (res.vars or [])]
    return QueryResult("select", vars_, [tuple(row) for row in res])  # type: ignore[misc]


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
            return from_rdflib(self.ds.query(sparql, initBindings=init))
        except Exception as exc:  # rdflib raises pyparsing and many other errors for bad queries
            raise QueryError(f"query failed: {exc}") from exc

    def update(self, sparql: str) -> None:
        try:
            self.ds.update(sparql)
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
