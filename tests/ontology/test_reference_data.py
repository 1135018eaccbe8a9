"""The SKOS reference data: regions and municipalities (checked by shape), focus areas, data sources."""
from __future__ import annotations

from collections import Counter

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS

from plangraf.loaders.reference import fold
from plangraf.namespace import ID_BASE, PG
from plangraf.ontology import build_organisations as orgs
from plangraf.ontology import read_text, reference_graph

ORG = "http://www.w3.org/ns/org#"
DCAT = "http://www.w3.org/ns/dcat#"
COUNTS = {"01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12, "09": 1, "10": 5, "12": 33,
          "13": 6, "14": 49, "17": 16, "18": 12, "19": 10, "20": 15, "21": 10, "22": 7, "23": 8, "24": 15,
          "25": 14}
G = reference_graph()


def in_scheme(slug: str) -> list[URIRef]:
    return sorted(G.subjects(SKOS.inScheme, URIRef(f"{ID_BASE}scheme/{slug}")))


def test_organisations_ttl_is_generated_from_the_table() -> None:
    assert read_text("organisations.ttl") == orgs.render(), "run python -m plangraf.ontology.build_organisations"


def test_regions() -> None:
    regions = in_scheme("regions")
    codes = [str(G.value(r, SKOS.notation)) for r in regions]
    assert sorted(codes) == sorted(COUNTS) and len(set(codes)) == 21
    for r, code in zip(regions, codes):
        assert str(r) == f"{ID_BASE}region/{code}"
        for cls in (URIRef(ORG + "Organization"), PG.ResponsibleBody, SKOS.Concept):
            assert (r, RDF.type, cls) in G
    labels = {str(G.value(r, SKOS.prefLabel)) for r in regions}
    assert {"Region Värmland", "Region Jönköpings län", "Västra Götalandsregionen", "Region Stockholm"} <= labels


def test_municipalities_by_shape() -> None:
    munis = in_scheme("municipalities")
    codes = [str(G.value(m, SKOS.notation)) for m in munis]
    assert len(codes) == 290 and len(set(codes)) == 290
    assert all(len(c) == 4 and c.isdigit() for c in codes)
    assert Counter(c[:2] for c in codes) == COUNTS
    for m, code in zip(munis, codes):
        assert str(m) == f"{ID_BASE}municipality/{code}"
        assert G.value(m, SKOS.broader) == URIRef(f"{ID_BASE}region/{code[:2]}")
        assert (m, RDF.type, URIRef(ORG + "Organization")) in G and (m, RDF.type, PG.ResponsibleBody) in G
    prefs = [str(G.value(m, SKOS.prefLabel)) for m in munis]
    assert len(set(prefs)) == 290
    assert all(p.endswith((" kommun", " stad")) for p in prefs)


@pytest.mark.parametrize("code, pref, alt", [
    ("1780", "Karlstads kommun", "Karlstad"), ("0604", "Aneby kommun", "Aneby"),
    ("2080", "Falu kommun", "Falun"), ("1480", "Göteborgs stad", "Göteborg"),
    ("1490", "Borås stad", "Borås"), ("0139", "Upplands-Bro kommun", "Upplands-Bro"),
    ("2023", "Malung-Sälens kommun", "Malung-Sälen"), ("1462", "Lilla Edets kommun", "Lilla Edet"),
])
def test_municipality_labels(code: str, pref: str, alt: str) -> None:
    m = URIRef(f"{ID_BASE}municipality/{code}")
    assert str(G.value(m, SKOS.prefLabel)) == pref
    assert alt in {str(a) for a in G.objects(m, SKOS.altLabel)}


def test_region_alt_labels() -> None:
    alts = {str(a) for a in G.objects(URIRef(f"{ID_BASE}region/17"), SKOS.altLabel)}
    assert {"Värmlands län", "Landstinget i Värmland"} <= alts


def test_focus_areas() -> None:
    areas = in_scheme("focus-areas")
    notes = {str(G.value(a, SKOS.notation)): str(G.value(a, SKOS.prefLabel)) for a in areas}
    assert notes == {"1": "Förebyggande och främjande arbete", "2": "Tillgängliga och tidiga insatser",
                     "3": "Enskildas delaktighet och rättigheter", "4": "Utsatta grupper",
                     "5": "Ledning, styrning och organisation"}
    for a in areas:
        assert str(a) == f"{ID_BASE}focus-area/{G.value(a, SKOS.notation)}"
        assert list(G.objects(a, SKOS.altLabel))


def test_data_sources() -> None:
    sources = sorted(G.subjects(RDF.type, PG.DataSource))
    assert len(sources) >= 25
    for s in sources:
        assert str(s).startswith(f"{ID_BASE}datasource/")
        assert (s, RDF.type, URIRef(DCAT + "Dataset")) in G
        assert (s, SKOS.inScheme, URIRef(f"{ID_BASE}scheme/data-sources")) in G
        assert G.value(s, SKOS.prefLabel) is not None
        assert G.value(s, URIRef(DCAT + "landingPage")) or G.value(s, FOAF.homepage), s
        publisher = G.value(s, DCTERMS.publisher) or G.value(G.value(s, DCTERMS.isPartOf), DCTERMS.publisher)
        assert publisher is not None or s.endswith("/elsa"), f"{s}: no publisher"
        for pub in G.objects(s, DCTERMS.publisher):
            assert G.value(pub, SKOS.prefLabel) is not None, f"{s}: publisher {pub} not in organisations.ttl"


@pytest.mark.parametrize("slug, label", [
    ("kolada", "Kolada"), ("oppna-jamforelser", "Öppna jämförelser"), ("hlv", "HLV"),
    ("liv-och-halsa", "Liv & hälsa"), ("liv-och-halsa-ung", "Liv & hälsa ung"), ("elsa", "ELSA"),
    ("nationell-patientenkat", "Nationell patientenkät"), ("patientregistret", "Patientregistret"),
    ("dodsorsaksregistret", "Dödsorsaksregistret"), ("lupp", "LUPP"), ("psykosr", "PsykosR"),
    ("senior-alert", "Senior alert"), ("bup-registret", "BUP-registret"),
])
def test_catalogue_names(slug: str, label: str) -> None:
    s = URIRef(f"{ID_BASE}datasource/{slug}")
    names = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in G.objects(s, p)}
    assert label in names


def test_no_label_names_two_data_sources() -> None:
    owners: dict[str, set[URIRef]] = {}
    for s in G.subjects(RDF.type, PG.DataSource):
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for o in G.objects(s, p):
                owners.setdefault(fold(str(o)), set()).add(s)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_local_systems_are_not_reference_data() -> None:
    labels = {fold(str(o)) for s in G.subjects(RDF.type, PG.DataSource)
              for p in (SKOS.prefLabel, SKOS.altLabel) for o in G.objects(s, p)}
    assert not {"cosmic", "cosmic link", "synergi", "kvalitetsregister"} & labels
