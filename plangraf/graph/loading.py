"""Put documents and RDF files into a store: one named graph each, reference data alongside.

Each input is parsed or extracted completely before the store is touched, so a bad file never
leaves half a graph behind and the documents already loaded stay as they were.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from plangraf.graph.store import Store
from plangraf.namespace import ONTOLOGY_GRAPH, ONTOLOGY_IRI, REFERENCE_GRAPH, graph_iri

RDF_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".n3": "n3", ".rdf": "xml", ".owl": "xml",
                ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads"}
DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".pdf", ".docx", ""}
SYSTEM_GRAPHS = {ONTOLOGY_GRAPH, REFERENCE_GRAPH}


class InputError(Exception):
    """One input could not be loaded; the message names the file (and line when known)."""


@dataclass
class Loaded:
    path: Path
    graph: URIRef
    triples: int
    kind: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given, and the loadable files inside directories (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")
                          and (f.suffix.lower() in RDF_SUFFIXES or f.suffix.lower() in DOCUMENT_SUFFIXES)
                          and not f.name.endswith((".corrections.yaml", ".py")))
        else:
            out.append(p)
    return out


def parse_rdf(path: Path) -> Graph:
    fmt = RDF_SUFFIXES[path.suffix.lower()]
    g = Graph()
    try:
        g.parse(path, format=fmt)
    except Exception as exc:  # rdflib's parsers raise many types; all mean "bad RDF in this file"
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        line = getattr(exc, "lines", None) or getattr(exc, "line", None)
        where = f"{path}:{line}" if line else str(path)
        raise InputError(f"{where}: not valid {fmt}: {msg}") from exc
    if not len(g):
        raise InputError(f"{path}: contains no triples")
    return g


def prepare(path: Path, template: str | None = None) -> tuple[URIRef, Graph | bytes, str, list[str]]:
    """Read, parse or extract one input without touching any store."""
    from plangraf.loaders.base import LoaderError
    from plangraf.loaders.inputs import doc_id_for
    if not path.exists():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in RDF_SUFFIXES:
        return graph_iri(doc_id_for(path)), parse_rdf(path), "rdf", []
    from plangraf.loaders.pipeline import extract_file
    try:
        ex = extract_file(path, template)
    except LoaderError as exc:
        raise InputError(str(exc)) from exc
    return graph_iri(ex.doc.doc_id), ex.ntriples(), "document:" + "+".join(ex.extractors), ex.warnings


def ensure_system_graphs(store: Store, force: bool = False) -> None:
    """Load the ontology and the reference data when the store lacks them or has an old version."""
    from plangraf.ontology import ontology_graph, reference_graph
    onto = ontology_graph()
    version = next(onto.objects(URIRef(ONTOLOGY_IRI), OWL.versionInfo), None)
    if not force and ONTOLOGY_GRAPH in store.graphs() and version is not None:
        current = store.query(
            f"SELECT ?v WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_IRI}> <{OWL.versionInfo}> ?v }} }}")
        if any(str(row[0]) == str(version) for row in current.rows):
            return
    if len(onto):
        store.replace_graph(ONTOLOGY_GRAPH, onto)
    ref = reference_graph()
    if len(ref):
        store.replace_graph(REFERENCE_GRAPH, ref)


def load_one(store: Store, path: Path, template: str | None = None) -> Loaded:
    graph, data, kind, warnings = prepare(path, template)
    n = store.replace_graph(graph, data)
    return Loaded(path, graph, n, kind, warnings=warnings)


def document_graphs(store: Store) -> list[URIRef]:
    return [g for g in store.graphs() if g not in SYSTEM_GRAPHS]
