"""Helpers for the tests of the layout readers (records, catalogue): run readers alone on a text
written for the test, and read the graph back as labels."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.text import Line, clean_lines

Reader = Callable[[list[Line], GraphBuilder], object]


def stage_graph(text: str, *readers: Reader) -> Graph:
    """What the given readers alone (no other stage runs) make of a text."""
    raw = text.split("\n")
    doc = SourceDocument(path=Path("t.txt"), doc_id="t", raw_lines=raw, lines=clean_lines(raw))
    builder = GraphBuilder("t", "t.txt")
    for read in readers:
        read(doc.lines, builder)
    return builder.graph


def labels(g: Graph, cls: URIRef) -> set[str]:
    """The labels of the nodes of a class."""
    return {str(g.value(s, RDFS.label)) for s in g.subjects(RDF.type, cls)}


def links(g: Graph, p: URIRef) -> set[tuple[str, str]]:
    """The links of a predicate, as (subject label, object label)."""
    return {(str(g.value(s, RDFS.label)), str(g.value(o, RDFS.label))) for s, o in g.subject_objects(p)}
