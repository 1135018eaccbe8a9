"""Linking extracted nodes to reference data: matching tables and graph rewriting."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.reference import (
    focus_area_match,
    link_reference,
    match_body,
    match_data_source,
    match_focus_area,
    mentioned_data_sources,
)
from plangraf.namespace import ID_BASE, PG


def ref(path: str) -> URIRef:
    return URIRef(ID_BASE + path)


@pytest.mark.parametrize("label, expected", [
    ("Region Värmland", "region/17"),
    ("REGION VÄRMLAND", "region/17"),
    ("Region Varmland", "region/17"),
    ("Landstinget i Värmland", "region/17"),
    ("Landstinget i Värmlands län", "region/17"),
    ("Värmlands läns landsting", "region/17"),
    ("Region Jönköpings län", "region/06"),
    ("Region Jönköping", "region/06"),
    ("Västra Götalandsregionen", "region/14"),
    ("VGR", "region/14"),
    ("Region Örebro län", "region/18"),
    ("Region Gotland", "region/09"),
    ("Region Värmland (RV)", "region/17"),
    ("Karlstads kommun", "municipality/1780"),
    ("Karlstad kommun", "municipality/1780"),
    ("Karlstad", "municipality/1780"),
    ("Falu kommun", "municipality/2080"),
    ("Göteborgs Stad", "municipality/1480"),
    ("Malmö stad", "municipality/1280"),
    ("Upplands Väsby kommun", "municipality/0114"),
    ("Socialstyrelsen", "agency/socialstyrelsen"),
    ("Folkhälsomyndigheten", "agency/folkhalsomyndigheten"),
    ("SKR", "agency/skr"),
    ("Sveriges Kommuner och Landsting", "agency/skr"),
])
def test_match_body_positive(label: str, expected: str) -> None:
    assert match_body(label) == ref(expected)


@pytest.mark.parametrize("label", [
    "Värmlands län",                       # the county: region, county board or its municipalities?
    "Regionen", "Kommunen", "Länets kommuner", "Region", "Kommunerna i Värmland",
    "Region Värmland och länets kommuner", "Region Värmland/kommunerna",
    "Karlstads kommun, socialförvaltningen", "Länsstyrelsen i Värmlands län",
    "Samordnaren för SIP", "Verksamhetschef för vuxenpsykiatrin", "BUP", "Vårdcentral",
    "skr",                                   # abbreviations only in capitals
    "Region Värmland (Karlstads kommun)",    # the parenthesis names something else
    "",
])
def test_match_body_negative(label: str) -> None:
    assert match_body(label) is None


@pytest.mark.parametrize("label, expected", [
    ("Kolada", "kolada"),
    ("Data från Kolada", "kolada"),
    ("Kolada 2019", "kolada"),
    ("Kolada-data", "kolada"),
    ("Kolada (RKA)", "kolada"),
    ("Hälsa på lika villkor", "hlv"),
    ("Hälsa på Lika Villkor (HLV)", "hlv"),
    ("HLV", "hlv"),
    ("HLV-enkäten", "hlv"),
    ("Nationella folkhälsoenkäten", "hlv"),
    ("Liv & hälsa", "liv-och-halsa"),
    ("Liv och Hälsa", "liv-och-halsa"),
    ("Liv & hälsa ung", "liv-och-halsa-ung"),
    ("Liv och hälsa ungdom", "liv-och-halsa-ung"),
    ("elevhälsodatabasen ELSA", "elsa"),
    ("ELSA", "elsa"),
    ("Öppna jämförelser", "oppna-jamforelser"),
    ("öppna jämförelser", "oppna-jamforelser"),
    ("Öppna jämförelse", "oppna-jamforelser"),
    ("Nationell Patientenkät", "nationell-patientenkat"),
    ("Nationella patientenkäten", "nationell-patientenkat"),
    ("Patientregistret", "patientregistret"),
    ("Dödsorsaksregistret", "dodsorsaksregistret"),
    ("LUPP-enkät", "lupp"),
    ("Källa: SCB", "scb-statistikdatabas"),
    ("Folkhälsomyndighetens databas", "folkhalsodata"),
    ("PrimärvårdsKvalitet", "primarvardskvalitet"),
    ("Senior Alert", "senior-alert"),
    ("PsykosR", "psykosr"),
])
def test_match_data_source_positive(label: str, expected: str) -> None:
    assert match_data_source(label) == ref("datasource/" + expected)


@pytest.mark.parametrize("label", [
    "Cosmic", "Cosmic Link", "Data ur Cosmic Link", "Kvalitetsregister", "Nationella brukarenkäter",
    "Avvikelsestatistik", "Skolornas statistik", "Brukarenkät", "Minnesanteckningar",
    "hlv", "par", "Elsa", "Lupp",          # abbreviations only in capitals ("Elsa" is a name)
    "Skolresultat (ÖJ)",                   # a figure from ÖJ, not ÖJ itself
    "Datakällor från exempelvis SCB",      # mentions, does not name
    "Nationell patientenkät kan vara en eventuell källa, trots begränsning.",
    "Liv och hälsa ung samt HLV",
    "",
])
def test_match_data_source_negative(label: str) -> None:
    assert match_data_source(label) is None


@pytest.mark.parametrize("label, expected", [
    ("Datakällor från exempelvis SCB", ["scb-statistikdatabas"]),
    ("Nationell patientenkät kan vara en eventuell källa", ["nationell-patientenkat"]),
    ("Skolresultat (ÖJ)", ["oppna-jamforelser"]),
    ("Kolada och Öppna jämförelser", ["kolada", "oppna-jamforelser"]),
    ("Egen enkät till par och familjer", []),
    ("Cosmic", []),
])
def test_mentioned_data_sources(label: str, expected: list[str]) -> None:
    assert sorted(mentioned_data_sources(label)) == sorted(ref("datasource/" + e) for e in expected)


@pytest.mark.parametrize("label, note, exact", [
    ("Förebyggande och främjande arbete", "1", True),
    ("Främjande förebyggande", "1", True),
    ("Hälsofrämjande och förebyggande arbete", "1", True),
    ("Tillgängliga och tidiga insatser", "2", True),
    ("Tidiga och tillgängliga insatser", "2", True),
    ("Tidiga insatser", "2", True),
    ("Tidiga insatser i skolan", "2", False),
    ("Enskildas delaktighet och rättigheter", "3", True),
    ("Utsatta grupper", "4", True),
    ("Särskilt utsatta grupper", "4", True),
    ("Ledning, styrning och organisation", "5", True),
    ("Ledning, styrning organisation", "5", True),
    ("Ledning och styrning – övergripande", "5", True),
    ("Fokusområde 4: Utsatta grupper", "4", True),
])
def test_focus_area_positive(label: str, note: str, exact: bool) -> None:
    assert focus_area_match(label) == (ref("focus-area/" + note), exact)
    assert match_focus_area(label) == ref("focus-area/" + note)


@pytest.mark.parametrize("label", [
    "Suicidprevention", "Arbete och delaktighet", "Barn och unga", "Samverkan och samlärande",
    "Förbättringsarbete och forskning", "Asylsökande/Nyanländas psykiska hälsa", "Stöd och insats",
    "Förebyggande arbete och tidiga insatser",   # spans two national areas
    "Ledning av utsatta grupper",                # ditto
    "",
])
def test_focus_area_negative(label: str) -> None:
    assert match_focus_area(label) is None


# -- graph rewriting --------------------------------------------------------------------------
def build() -> tuple[GraphBuilder, dict[str, URIRef]]:
    b = GraphBuilder("doc1", "plan.txt")
    n = {
        "body": b.node(PG.ResponsibleBody, "Region Värmland", Span(3, 3)),
        "body2": b.node(PG.ResponsibleBody, "Landstinget i Värmland", Span(9, 9)),
        "role": b.node(PG.ResponsibleBody, "Samordnaren för SIP", Span(4, 4)),
        "act": b.node(PG.Activity, "Utbilda personal", Span(5, 5)),
        "ind": b.node(PG.Indicator, "Andel trygga elever", Span(6, 6)),
        "src": b.node(PG.DataSource, "HLV", Span(7, 7)),
        "mention": b.node(PG.DataSource, "Datakällor från exempelvis SCB", Span(8, 8)),
        "local": b.node(PG.DataSource, "Cosmic", Span(8, 8)),
        "area": b.node(PG.FocusArea, "Tidiga insatser i skolan", Span(1, 1)),
        "area2": b.node(PG.FocusArea, "Utsatta grupper", Span(2, 2)),
        "area3": b.node(PG.FocusArea, "Suicidprevention", Span(2, 2)),
    }
    b.link(n["body"], PG.responsibleFor, n["act"], Span(5, 5))
    b.link(n["body2"], PG.responsibleFor, n["area"], Span(9, 9))
    b.link(n["role"], PG.responsibleFor, n["act"], Span(5, 5))
    b.link(n["ind"], PG.dataSource, n["src"], Span(7, 7))
    return b, n


def test_link_reference_replaces_iris_everywhere() -> None:
    b, n = build()
    link_reference(b)
    g = b.full_graph()
    region, hlv = ref("region/17"), ref("datasource/hlv")
    for old in (n["body"], n["body2"], n["src"]):
        assert not list(g.triples((old, None, None))) and not list(g.triples((None, None, old)))
    assert (region, RDF.type, PG.ResponsibleBody) in g
    assert {str(o) for o in g.objects(region, RDFS.label)} == {"Region Värmland", "Landstinget i Värmland"}
    assert len(list(g.objects(region, PROV.wasDerivedFrom))) == 2     # both mentions keep provenance
    assert (region, PG.responsibleFor, n["act"]) in g and (region, PG.responsibleFor, n["area"]) in g
    assert (n["ind"], PG.dataSource, hlv) in g
    assert (hlv, RDFS.label, Literal("HLV", lang="sv")) in g
    statements = set(g.subjects(RDF.subject, region))
    assert len(statements) == 2 and all(g.value(st, PROV.wasDerivedFrom) for st in statements)
    assert (n["role"], PG.responsibleFor, n["act"]) in g                # roles stay local
    assert list(g.triples((n["local"], None, None)))


def test_link_reference_adds_mentions_and_focus_matches() -> None:
    b, n = build()
    link_reference(b)
    g = b.graph
    assert (n["mention"], DCTERMS.source, ref("datasource/scb-statistikdatabas")) in g
    assert (n["area"], SKOS.broadMatch, ref("focus-area/2")) in g
    assert (n["area2"], SKOS.exactMatch, ref("focus-area/4")) in g
    assert not list(g.triples((n["area3"], None, ref("focus-area/1"))))
    assert not [o for o in g.objects(n["area3"], None) if str(o).startswith(ID_BASE + "focus-area/")]


def test_builder_finds_the_new_iri_and_relinking_is_stable() -> None:
    b, _n = build()
    link_reference(b)
    assert b.find(PG.ResponsibleBody, "Region Värmland") == ref("region/17")
    again = b.node(PG.ResponsibleBody, "Region Värmland", Span(10, 10))
    assert again == ref("region/17")
    before = len(b.graph)
    link_reference(b)
    assert len(b.graph) == before
