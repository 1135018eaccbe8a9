"""plangraf.ttl: header, every PG term declared (and nothing else in pg:), labels and axioms."""
from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from plangraf.namespace import ONTOLOGY_IRI, PG
from plangraf.ontology import ontology_graph
from plangraf.ontology.docs import terms

PGNS = str(PG._NS)
PROV = "http://www.w3.org/ns/prov#"
G = ontology_graph()
DECLARED = {s for s in G.subjects() if isinstance(s, URIRef) and str(s).startswith(PGNS)}
NAMESPACE_TERMS = {PG[name] for name in PG.__annotations__}
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def test_header_has_version() -> None:
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in G
    version = G.value(onto, OWL.versionInfo)
    assert version is not None and str(G.value(onto, OWL.versionIRI)).endswith(str(version))
    assert {t.language for t in G.objects(onto, DCTERMS.title)} >= {"sv", "en"}


def test_every_namespace_term_is_declared_and_vice_versa() -> None:
    assert NAMESPACE_TERMS, "PG lists its terms"
    assert NAMESPACE_TERMS - DECLARED == set(), "terms in namespace.py missing from plangraf.ttl"
    assert DECLARED - NAMESPACE_TERMS == set(), "terms in plangraf.ttl missing from namespace.py"


@pytest.mark.parametrize("term", sorted(NAMESPACE_TERMS, key=str), ids=lambda t: t.split("#")[1])
def test_term_has_kind_labels_and_definition(term: URIRef) -> None:
    kinds = set(G.objects(term, RDF.type)) & set(KINDS)
    assert len(kinds) == 1, f"{term}: exactly one of owl:Class/ObjectProperty/DatatypeProperty"
    for prop in (RDFS.label, SKOS.prefLabel, SKOS.definition):
        values = [o for o in G.objects(term, prop) if isinstance(o, Literal) and str(o).strip()]
        assert {o.language for o in values} >= {"sv", "en"}, f"{term} lacks {prop} in sv and en"


@pytest.mark.parametrize("sub, sup", [
    (PG.Plan, URIRef(PROV + "Plan")), (PG.FocusArea, SKOS.Concept), (PG.LongTermGoal, PG.Goal),
    (PG.ShortTermGoal, PG.Goal), (PG.Intervention, PG.Activity),
    (PG.DataSource, URIRef("http://www.w3.org/ns/dcat#Dataset")), (PG.ResponsibleBody, URIRef(PROV + "Agent")),
    (PG.Document, URIRef("http://xmlns.com/foaf/0.1/Document")),
])
def test_subclass_axioms(sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in G


def test_responsible_body_definition_covers_roles() -> None:
    text = " ".join(str(o) for o in G.objects(PG.ResponsibleBody, SKOS.definition))
    assert "org:Organization" in text and "Samordnaren för SIP" in text


@pytest.mark.parametrize("a, b", [(PG.responsibleFor, PG.hasResponsible), (PG.partOf, PG.hasPart)])
def test_inverses(a: URIRef, b: URIRef) -> None:
    assert (a, OWL.inverseOf, b) in G or (b, OWL.inverseOf, a) in G


def _classes(expr: object) -> set[object]:
    if isinstance(expr, BNode):
        return set(Collection(G, G.value(expr, OWL.unionOf)))
    return {expr}


def test_object_properties_have_domain_and_range_in_pg_classes() -> None:
    classes = set(terms(G)[OWL.Class])
    for prop in terms(G)[OWL.ObjectProperty]:
        dom, rng = G.value(prop, RDFS.domain), G.value(prop, RDFS.range)
        assert dom is not None and rng is not None, prop
        for member in _classes(dom) | _classes(rng):
            assert member in classes, (prop, member)


@pytest.mark.parametrize("prop, domain", [(PG.servesGoal, PG.Activity), (PG.dataSource, PG.Indicator),
                                          (PG.responsibleFor, PG.ResponsibleBody)])
def test_key_domains(prop: URIRef, domain: URIRef) -> None:
    assert domain in _classes(G.value(prop, RDFS.domain))


def test_union_domain_for_has_focus_area() -> None:
    assert {PG.Plan, PG.Activity, PG.Goal} <= _classes(G.value(PG.hasFocusArea, RDFS.domain))


@pytest.mark.parametrize("name", ["startLine", "endLine", "page", "extractor", "confidence", "curated",
                                  "amount", "targetValue", "fileName", "sha256"])
def test_provenance_and_value_properties_are_datatype_properties(name: str) -> None:
    assert (PG[name], RDF.type, OWL.DatatypeProperty) in G


def test_line_numbers_are_integers_on_specific_resources() -> None:
    from rdflib.namespace import XSD  # not at module level: pytest's collector probes module globals
    for prop in (PG.startLine, PG.endLine, PG.page):
        assert G.value(prop, RDFS.range) == XSD.integer
        assert G.value(prop, RDFS.domain) == URIRef("http://www.w3.org/ns/oa#SpecificResource")


def test_with_ontology_adds_subclass_axioms() -> None:
    from plangraf.loaders.pipeline import with_ontology
    out = with_ontology(Graph())
    assert (PG.LongTermGoal, RDFS.subClassOf, PG.Goal) in out
