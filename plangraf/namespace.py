"""The pg: vocabulary as a closed namespace (a typo raises), plus the IRIs plangraf mints."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/plangraf/ontology"
ID_BASE = "https://w3id.org/plangraf/id/"
GRAPH_BASE = ID_BASE + "graph/"

ID = Namespace(ID_BASE)
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
TIME = Namespace("http://www.w3.org/2006/time#")

REFERENCE_GRAPH = URIRef(GRAPH_BASE + "reference")
ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")


class PG(DefinedNamespace):
    """Classes and properties of https://w3id.org/plangraf/ontology# (see ontology/plangraf.ttl)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Strategy: URIRef
    Plan: URIRef
    FocusArea: URIRef
    Malbild: URIRef
    Goal: URIRef
    LongTermGoal: URIRef
    ShortTermGoal: URIRef
    Activity: URIRef
    Intervention: URIRef
    Indicator: URIRef
    DataSource: URIRef
    Assumption: URIRef
    ResponsibleBody: URIRef
    TargetGroup: URIRef
    Budget: URIRef
    Document: URIRef
    SourceFile: URIRef
    Resource: URIRef
    # object properties
    hasFocusArea: URIRef
    hasGoal: URIRef
    hasMalbild: URIRef
    contributesTo: URIRef
    servesGoal: URIRef
    measuredBy: URIRef
    dataSource: URIRef
    responsibleFor: URIRef
    hasResponsible: URIRef
    targetGroup: URIRef
    assumes: URIRef
    budget: URIRef
    partOf: URIRef
    hasPart: URIRef
    followsUpIn: URIRef
    sourceDocument: URIRef
    requires: URIRef
    # datatype properties (provenance and values)
    startLine: URIRef
    endLine: URIRef
    page: URIRef
    extractor: URIRef
    confidence: URIRef
    curated: URIRef
    amount: URIRef
    targetValue: URIRef
    fileName: URIRef
    sha256: URIRef


def graph_iri(doc_id: str) -> URIRef:
    """The named graph that holds one source document's statements."""
    return URIRef(GRAPH_BASE + doc_id)


def doc_iri(doc_id: str) -> URIRef:
    return URIRef(f"{ID_BASE}doc/{doc_id}")
