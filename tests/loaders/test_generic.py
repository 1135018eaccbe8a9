"""The generic fallback on a plan written for this test (tests/data/generic/)."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import RDF, RDFS

from plangraf.loaders.generic import classify_label, split_names
from plangraf.loaders.inputs import read_document
from plangraf.loaders.pipeline import extract_document
from plangraf.namespace import PG

DOC = Path(__file__).parent.parent / "data" / "generic" / "handlingsplan_exempel.txt"


@pytest.fixture(scope="module")
def graph():  # type: ignore[no-untyped-def]
    return extract_document(read_document(DOC), "generic").graph


def labels(g, cls):  # type: ignore[no-untyped-def]
    return {str(g.value(s, RDFS.label)) for s in g.subjects(RDF.type, cls)}


def links(g, p):  # type: ignore[no-untyped-def]
    return {(str(g.value(s, RDFS.label)), str(g.value(o, RDFS.label))) for s, o in g.subject_objects(p)}


@pytest.mark.parametrize("word,role", [
    ("Mål", "goal"), ("Övergripande mål", "goal"), ("Delmål", "goal"), ("Aktiviteter", "activity"),
    ("Åtgärder", "activity"), ("Indikator", "indicator"), ("Mätetal", "indicator"), ("Nyckeltal", "indicator"),
    ("Ansvarig", "body"), ("Målgrupp", "group"), ("Datakälla", "source"), ("Budget", "budget"),
    ("Målvärde", "value"),
])
def test_label_words(word: str, role: str) -> None:
    kind = classify_label(word)
    assert kind is not None and kind[1] == role


@pytest.mark.parametrize("word", ["Bakgrund", "Inledning", "Målbild och vision för alla", "Sammanfattning"])
def test_not_label_words(word: str) -> None:
    assert classify_label(word) is None


@pytest.mark.parametrize("value,and_too,expected", [
    ("Region Exempel, Socialtjänsten", True, ["Region Exempel", "Socialtjänsten"]),
    ("Barn- och utbildningsförvaltningen", True, ["Barn- och utbildningsförvaltningen"]),
    ("Kommunen och Regionen", True, ["Kommunen", "Regionen"]),
    ("Liv och hälsa ung", False, ["Liv och hälsa ung"]),
])
def test_split_names(value: str, and_too: bool, expected: list[str]) -> None:
    assert split_names(value, and_too) == expected


def test_entities(graph) -> None:  # type: ignore[no-untyped-def]
    assert "Fler barn och unga får stöd tidigt." in labels(graph, PG.Goal)
    assert "minska antalet suicid i kommunen" in labels(graph, PG.Goal)
    assert "Utbilda elevhälsans personal i första hjälpen till psykisk hälsa." in labels(graph, PG.Activity)
    assert "Ta fram en lokal handlingsplan" in labels(graph, PG.Activity)
    assert labels(graph, PG.Indicator) == {"Andel elever som upplever att de får stöd",
                                          "Antal suicid per 100 000 invånare"}
    assert {"Barn- och utbildningsförvaltningen", "Socialtjänsten"} <= labels(graph, PG.ResponsibleBody)


def test_section_links(graph) -> None:  # type: ignore[no-untyped-def]
    assert ("Inför gemensamma rutiner för SIP.", "Fler barn och unga får stöd tidigt.") in links(graph, PG.servesGoal)
    assert ("minska antalet suicid i kommunen", "Antal suicid per 100 000 invånare") in links(graph, PG.measuredBy)
    # no link across sections
    assert ("Ta fram en lokal handlingsplan", "Fler barn och unga får stöd tidigt.") not in links(graph, PG.servesGoal)
    assert ("Socialtjänsten", "Ta fram en lokal handlingsplan") in links(graph, PG.responsibleFor)
