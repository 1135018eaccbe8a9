"""Indicator catalogues and cards read by the general stage plangraf.loaders.catalogue, and
"(se <dokument>)" asides. Every text here is written for the test in the layout's shape."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.catalogue import (
    catalogue_names,
    document_references,
    read_catalogue,
    source_names,
    split_source,
)
from plangraf.loaders.inputs import read_document
from plangraf.loaders.pipeline import extract_document
from plangraf.namespace import PG
from tests.loaders.stagegraph import labels, links, stage_graph

CATALOGUE = """Målområde Trygghet
Indikator Mått Datakälla
Tryggt boende – individen
ska känna sig trygg hemma.

Andel äldre som känner
sig trygga

Nationell brukarundersökning
(Socialstyrelsen)

Återinläggningar inom 30 dagar Patientregistret
(Socialstyrelsen)

Tryggt boende 1
Titel Andel äldre som känner sig trygga i hemmet
Mätenhet procent
Målnivå 80 procent
Datakälla Nationell brukarundersökning, Socialstyrelsen
"""


def stage(text: str) -> Graph:
    """What the catalogue stage alone makes of a text (no other stage runs)."""
    return stage_graph(text, read_catalogue, document_references)


@pytest.fixture(scope="module")
def catalogue() -> Graph:
    return stage(CATALOGUE)


@pytest.mark.parametrize("pred,pair", [
    (PG.hasGoal, ("Trygghet", "Tryggt boende")),
    (PG.measuredBy, ("Tryggt boende", "Andel äldre som känner sig trygga")),
    (PG.measuredBy, ("Tryggt boende", "Återinläggningar inom 30 dagar")),
    (PG.dataSource, ("Andel äldre som känner sig trygga", "Nationell brukarundersökning")),
    (PG.dataSource, ("Återinläggningar inom 30 dagar", "Patientregistret")),
])
def test_links(catalogue: Graph, pred, pair: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert pair in links(catalogue, pred)


def test_kinds_of_the_cells(catalogue: Graph) -> None:
    assert labels(catalogue, PG.FocusArea) == {"Trygghet"}
    assert labels(catalogue, PG.Goal) == {"Tryggt boende"}
    assert labels(catalogue, PG.DataSource) == {"Nationell brukarundersökning", "Patientregistret"}
    assert "Socialstyrelsen" not in labels(catalogue, PG.DataSource)  # a publisher, not a source


def test_card_merges_into_catalogue_indicator(catalogue: Graph) -> None:
    g = catalogue
    assert len(labels(g, PG.Indicator)) == 2  # the card's longer title is an altLabel, not a new node
    node = next(s for s in g.subjects(RDF.type, PG.Indicator)
                if str(g.value(s, RDFS.label)) == "Andel äldre som känner sig trygga")
    assert str(g.value(node, SKOS.altLabel)) == "Andel äldre som känner sig trygga i hemmet"
    assert str(g.value(node, PG.targetValue)) == "80 procent"


def test_the_general_pipeline_reads_the_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "indikatorer.txt"
    path.write_text(CATALOGUE, encoding="utf-8")
    g = extract_document(read_document(path)).graph
    assert ("Tryggt boende", "Andel äldre som känner sig trygga") in links(g, PG.measuredBy)
    assert ("Återinläggningar inom 30 dagar", "Patientregistret") in links(g, PG.dataSource)


def test_text_without_a_catalogue_gives_nothing() -> None:
    g = stage("Indikatorer\n\nVi följer upp målen varje år.\nTitel på rapporten\n")
    assert len(g) == len(GraphBuilder("t", "t.txt").graph)   # the source file's own triples only


def test_document_references() -> None:
    g = stage("Arbetet\n\nArbetet följer länets riktlinjer (se Riktlinjer för samverkan i länet) och\n"
              "beskrivs närmare nedan (se Bilaga 2) och i tabellen (se Arbetet).\n")
    assert labels(g, PG.Document) == {"Riktlinjer för samverkan i länet"}


def test_catalogue_without_blank_lines() -> None:
    """A catalogue whose cells arrive one line after another: the Indikator cell ends at its full
    stop, a Datakälla cell at a known source's end, a closing bracket or a publisher's name."""
    g = stage("Målområde Trygghet\nIndikator Mått Datakälla\nTryggt boende – individen\n"
              "ska känna sig trygg hemma.\nAndel äldre som känner\nsig trygga\n"
              "Patientregistret (Socialstyrelsen)\nBesök av hemtjänst per vecka\n"
              "– Verksamhetssystem, Socialstyrelsen\nÅterinläggningar inom 30 dagar\n"
              "Patientregistret\n")
    assert ("Trygghet", "Tryggt boende") in links(g, PG.hasGoal)
    assert ("Andel äldre som känner sig trygga", "Patientregistret") in links(g, PG.dataSource)
    assert ("Besök av hemtjänst per vecka", "Verksamhetssystem") in links(g, PG.dataSource)
    assert ("Tryggt boende", "Återinläggningar inom 30 dagar") in links(g, PG.measuredBy)
    assert not {s for s in labels(g, PG.DataSource) if "Återinläggningar" in s}


@pytest.mark.parametrize("text,expected", [
    ("Nationell väntetidsenkät (SKR)", ["Nationell väntetidsenkät"]),
    ("Journalsystem, KvalitetsRegistret", ["Journalsystem", "KvalitetsRegistret"]),
    ("Hälsa & liv och Hälsa & liv ung (Region Exempel)", ["Hälsa & liv", "Hälsa & liv ung"]),
    ("Registret över stödinsatser inom kommunal omsorg, Socialstyrelsen",
     ["Registret över stödinsatser inom kommunal omsorg"]),
    ("Vad tycker eleverna om skolan? Socialstyrelsen.", ["Vad tycker eleverna om skolan?"]),
    ("Regionens service i siffror (RSS). Källa: Egen enkät", ["Regionens service i siffror"]),
    ("Ej klar", []),
])
def test_source_names(text: str, expected: list[str]) -> None:
    assert source_names(text) == expected


@pytest.mark.parametrize("line,expected", [
    ("Höftfrakturer bland äldre Patientregistret", ("Höftfrakturer bland äldre", "Patientregistret")),
    ("Upplevd stress – Hälsa på lika villkor", ("Upplevd stress", "Hälsa på lika villkor")),
    ("Hot på arbetsplatsen Ej klar", ("Hot på arbetsplatsen", "Ej klar")),
    ("Väntande patienter", ("Väntande patienter", None)),
    ("Demensregistret", ("", "Demensregistret")),
])
def test_split_source(line: str, expected: tuple[str, str | None]) -> None:
    assert split_source(line, {"Patientregistret", "Demensregistret"}) == expected


@pytest.mark.parametrize("line,expected", [
    ("Trivsel i skolan Skolenkäten", ("Trivsel i skolan", "Skolenkäten")),  # only in data-sources.ttl
    ("Antal besök per invånare Kolada", ("Antal besök per invånare", "Kolada")),
    ("Psykisk ohälsa bland unga Liv & hälsa ung", ("Psykisk ohälsa bland unga", "Liv & hälsa ung")),
])
def test_split_source_with_the_catalogue(line: str, expected: tuple[str, str | None]) -> None:
    assert split_source(line, set(catalogue_names())) == expected


def test_catalogue_names_are_swedish_labels() -> None:
    names = catalogue_names()
    assert {"Kolada", "Hälsa på lika villkor", "HLV", "Liv & hälsa"} <= names
    assert "Health on Equal Terms" not in names  # English labels never occur in the Swedish text


def test_flattened_catalogue_with_an_unknown_source() -> None:
    """No blank lines and a source no catalogue knows: the capitalised line after a whole Mått cell
    opens the Datakälla cell, so the two cells stay apart."""
    g = stage("Målområde Hälsa\nIndikator Mått Datakälla\nGod hälsa – alla ska må bra.\nAndel som mår bra\n"
              "i länet\nLänets egen hälsoenkät\n(Kommunförbundet)\nAndel med stöd i\nhemmet\nHemtjänstens journal\n")
    assert ("Andel som mår bra i länet", "Länets egen hälsoenkät") in links(g, PG.dataSource)
    assert ("Andel med stöd i hemmet", "Hemtjänstens journal") in links(g, PG.dataSource)
    assert labels(g, PG.Indicator) == {"Andel som mår bra i länet", "Andel med stöd i hemmet"}


def test_a_document_reference_may_wrap() -> None:
    g = stage("Arbetet\n\nUppföljningen görs enligt länets modell (se Modell för uppföljning\n"
              "av hälsoarbetet) och redovisas varje år (se avsnittet Uppföljning nedan).\n")
    assert labels(g, PG.Document) == {"Modell för uppföljning av hälsoarbetet"}
