"""File -> cleaned document -> extractors -> reference linking -> corrections -> one Graph."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import LoaderError, SourceDocument
from plangraf.loaders.inputs import read_document
from plangraf.loaders.registry import choose
from plangraf.namespace import PG


@dataclass
class Extraction:
    doc: SourceDocument
    builder: GraphBuilder
    extractors: list[str]
    warnings: list[str] = field(default_factory=list)
    _graph: Graph | None = None

    @property
    def graph(self) -> Graph:
        """Everything extracted, provenance included, as an rdflib Graph (built on first use)."""
        if self._graph is None:
            self._graph = self.builder.full_graph()
        return self._graph

    def ntriples(self) -> bytes:
        """The document graph as N-Triples: the fast path into a store."""
        return self.builder.ntriples()

    def count(self, cls) -> int:
        return sum(1 for _ in self.builder.graph.subjects(RDF.type, cls))


PERIOD = re.compile(r"\b((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\b")
ORG_NAME = re.compile(r"\b(Region [A-ZÅÄÖ][\wåäö]+(?: län)?|Landstinget (?:i )?[A-ZÅÄÖ][\wåäö]+|"
                      r"[A-ZÅÄÖ][\wåäö]+ kommun|[A-ZÅÄÖ][\wåäö]+s läns landsting)\b")


def guess_title(doc: SourceDocument) -> tuple[str, Span]:
    """The plan's title and its span (see :mod:`plangraf.loaders.identity`)."""
    from plangraf.loaders.identity import declared_title, plan_title, running_title
    from plangraf.loaders.layout import document_blocks
    found = declared_title(doc.lines) or running_title(doc.lines) or plan_title(document_blocks(doc))
    if found is not None:
        return found
    first = next((l for l in doc.lines if l.text), None)
    return (first.text, first.span) if first else (doc.file_name, Span(1, 1))


def plan_metadata(doc: SourceDocument, builder: GraphBuilder, title: str) -> None:
    """The plan's period (years in its title, as dct:temporal) and publisher (the first region or
    municipality named near the start, as dct:publisher, with low confidence)."""
    if builder.plan is None:
        return
    m = PERIOD.search(title)
    if m:
        period = m.group(1) + (f"–{m.group(2)}" if m.group(2) else "")
        builder.set(builder.plan, DCTERMS.temporal, Literal(period))
    from plangraf.loaders.reference import match_body
    for line in doc.lines[:120]:
        for name in ORG_NAME.findall(line.text):
            org = match_body(name)
            if org is not None:
                builder.link(builder.plan, DCTERMS.publisher, org, line.span, quote=name, confidence=0.4)
                return


RECORDS_PER_KB = 500      # the output budget: real plans give at most ~60 statements per KB of text
RECORDS_FLOOR = 2000


def output_budget(doc: SourceDocument) -> int:
    """How many statements (node mentions and links) a document may produce: RECORDS_PER_KB per KB
    of its text ($PLANGRAF_RECORDS_PER_KB overrides), at least RECORDS_FLOOR."""
    import os
    per_kb = float(os.environ.get("PLANGRAF_RECORDS_PER_KB", "") or RECORDS_PER_KB)
    kb = sum(len(line) + 1 for line in doc.raw_lines) / 1024
    return int(RECORDS_FLOOR + per_kb * kb)


def extract_document(doc: SourceDocument, template: str | None = None) -> Extraction:
    """One document through the templates that recognise it and the general pipeline, then
    reference linking and its corrections file. A run-away extraction (over the output budget)
    is a LoaderError naming the file."""
    from plangraf.graph.model import ExtractionOverflow
    try:
        return _extract_document(doc, template)
    except ExtractionOverflow as exc:
        raise LoaderError(f"extraction produced {exc} (the budget is {RECORDS_PER_KB} per KB of text; "
                          "$PLANGRAF_RECORDS_PER_KB raises it): the document is read wrongly, please report it",
                          doc.path) from exc


def _extract_document(doc: SourceDocument, template: str | None = None) -> Extraction:
    extractors = choose(doc, template)
    builder = GraphBuilder(doc.doc_id, doc.file_name, extractor=extractors[0].name)
    builder.max_records = output_budget(doc)
    if doc.lines:
        title, span = guess_title(doc)
        from plangraf.loaders.identity import fuller_title, plan_names
        from plangraf.loaders.layout import document_blocks
        names = plan_names(document_blocks(doc), title)
        found = title      # the words at ``span``: the provenance's quote
        title, names = fuller_title(title, names)
        builder.plan = builder.node(PG.Plan, title, span, quote=found, confidence=0.5)
        for name in names:
            builder.set(builder.plan, SKOS.altLabel, Literal(name, lang="sv"))
        builder.link(builder.plan, PG.sourceDocument, builder.doc)
        plan_metadata(doc, builder, title)
    builder.set(builder.doc, DCTERMS.format, Literal(doc.media_type))
    for extractor in extractors:
        builder.extractor = extractor.name
        extractor.extract(doc, builder)
    from plangraf.loaders.reference import link_reference  # late: loads the reference data once
    link_reference(builder)
    from plangraf.loaders.corrections import apply_corrections
    apply_corrections(doc, builder)
    result = Extraction(doc, builder, [e.name for e in extractors], warnings=list(doc.warnings))
    typed = sum(1 for _s, _p, o in builder.graph.triples((None, RDF.type, None))
                if o not in (PG.SourceFile, PG.Plan) and str(o).startswith(str(PG._NS)))
    if not typed:
        result.warnings.append(f"{doc.path}: loaded, but no goals, activities or indicators were found")
    return result


def extract_file(path: str | Path, template: str | None = None) -> Extraction:
    return extract_document(read_document(path), template)


PREFIXES = {"pg": str(PG._NS), "rdf": str(RDF), "rdfs": str(RDFS), "skos": "http://www.w3.org/2004/02/skos/core#",
            "prov": "http://www.w3.org/ns/prov#", "oa": "http://www.w3.org/ns/oa#", "dct": str(DCTERMS),
            "xsd": "http://www.w3.org/2001/XMLSchema#"}


def serialize_extraction(data: Graph | bytes, fmt: str, ontology: bool = True) -> tuple[bytes, int]:
    """One document's graph (N-Triples bytes or rdflib) as turtle/nt/json-ld/xml, optionally with
    the ontology's subclass axioms so a lone file is self-describing. Returns (bytes, triples)."""
    import pyoxigraph as ox
    nt = data if isinstance(data, bytes) else data.serialize(format="nt", encoding="utf-8")
    if ontology:
        from plangraf.ontology import ontology_graph
        axioms = Graph()
        for t in ontology_graph().triples((None, RDFS.subClassOf, None)):
            axioms.add(t)
        nt += axioms.serialize(format="nt", encoding="utf-8")
    triples = list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD,
               "xml": ox.RdfFormat.RDF_XML}
    prefixes = PREFIXES if fmt in ("turtle", "json-ld", "xml") else None
    out = ox.serialize(triples, format=formats[fmt], prefixes=prefixes) if prefixes else \
        ox.serialize(triples, format=formats[fmt])
    return out or b"", len(triples)


def with_ontology(graph: Graph) -> Graph:
    """The graph plus the ontology's class axioms, so a lone file is self-describing."""
    from plangraf.ontology import ontology_graph
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns)
    out += graph
    onto = ontology_graph()
    for s, p, o in onto.triples((None, RDFS.subClassOf, None)):
        out.add((s, p, o))
    return out
