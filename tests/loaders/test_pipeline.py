"""Document-level extraction: the plan node's title, period and publisher."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import DCTERMS, RDFS

from plangraf.loaders.inputs import read_document
from plangraf.loaders.pipeline import extract_document, guess_title
from plangraf.namespace import PG


def doc_from(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    return read_document(p)


@pytest.mark.parametrize("text,title", [
    ("Inledning\n\nFolkhälsoplan för Exempelby kommun 2023–2026\n\nText här.\n", "Folkhälsoplan för Exempelby kommun 2023–2026"),
    # a running header that repeats beats an early sentence that names a plan
    (("Handlingsplanen bygger på en analys\nav läget i länet.\n\nHandlingsplan psykisk hälsa 2024\n\nx\n\n"
     "Handlingsplan psykisk hälsa 2024\n"), "Handlingsplan psykisk hälsa 2024"),
    # label lines are not titles
    ("Samverkan: Strategigruppen, Programmet för hälsa\n\nÅtgärdsplan 2025\n", "Åtgärdsplan 2025"),
    # a document-sharing site states the title: its first sentence, without the running header
    (('Sida ett\n\nDownload "- trygghetsprogram - Trygghetsprogram 2020-2024. antaget av fullmäktige"\n\n'
     "Inledning\n\nText här.\n"), "Trygghetsprogram 2020-2024"),
    # … unless it only records a decision
    ('Download "Antagen av nämnden 3 mars 2020"\n\nInledning\n\nDenna trafiksäkerhetsplan gäller hela kommunen.\n',
     "Trafiksäkerhetsplan"),
    # a long opening line that starts with the plan word: the part before the dash
    (("Handlingsplan 2021 för arbetet mot ensamhet bland äldre - utifrån regionens uppdrag och "
     "kommunernas samverkansavtal från 2019 om gemensamma insatser\n\nText här.\n"),
     "Handlingsplan 2021 för arbetet mot ensamhet bland äldre"),
    # … also when a contents list later has a heading with the bare plan word
    (("Handlingsplan 2021 för arbetet mot ensamhet bland äldre - utifrån regionens uppdrag och "
      "kommunernas samverkansavtal från 2019 om gemensamma insatser\n\nInnehåll\n\n1 Inledning\n\n"
      "2 Handlingsplan\n\nText här.\n"), "Handlingsplan 2021 för arbetet mot ensamhet bland äldre"),
    # a question is no title, though it names the plan word
    ("Målbilden i vår kommun?\n\nDen gemensamma målbilden för vård nära invånarna antogs av nämnden 2022.\n",
     "Målbilden för vård nära invånarna"),
    # a statement about the plan, and a section of it, are no titles
    ("Trygghetsplan 2025\n\nSamtliga mål i trygghetsplanen är kopplade till tre fokusområden:\n\n • A\n • B\n",
     "Trygghetsplan 2025"),
    ("Syfte med programmet\n\nText här.\n\nProgram för trygghet 2024\n\nMer text.\n", "Program för trygghet 2024"),
    # no heading names the plan: what the text says was adopted, or a plan's proper name
    ("Nyheter\n\nI går antogs budget 2022 med flerårsplan för 2023-2024 och nya mål.\n",
     "Budget 2022 med flerårsplan för 2023-2024"),
    ("Hur går det?\n\nVarje år följs målen i Kulturstrategin upp av nämnden.\n", "Kulturstrategin"),
    # a linked file is another document, even with a comma in its title
    (("Styrdokument\n\nExempelby kommuns budget är det övergripande styrdokumentet för nämnderna.\n\n"
     "Budget för Exempelby kommun, 2015, pdf, öppnas i nytt fönster\n"), "Exempelby kommuns budget"),
])
def test_guess_title(tmp_path: Path, text: str, title: str) -> None:
    assert guess_title(doc_from(tmp_path, text))[0] == title


def test_period_and_publisher(tmp_path: Path) -> None:
    doc = doc_from(tmp_path, "Plan för god psykisk hälsa i Värmland 2021–2024\n\n"
                             "Planen är antagen av Region Värmland och länets kommuner.\n")
    b = extract_document(doc).builder
    assert str(b.graph.value(b.plan, DCTERMS.temporal)) == "2021–2024"
    assert str(b.graph.value(b.plan, DCTERMS.publisher)).endswith("/region/17")
    assert str(b.graph.value(b.plan, RDFS.label)) == "Plan för god psykisk hälsa i Värmland 2021–2024"


def test_no_publisher_when_no_body_is_named(tmp_path: Path) -> None:
    b = extract_document(doc_from(tmp_path, "Handlingsplan 2024\n\nMål: Bättre hälsa.\n")).builder
    assert b.graph.value(b.plan, DCTERMS.publisher) is None


def test_a_run_away_extraction_stops_at_the_output_budget(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from plangraf.loaders.base import LoaderError
    text = "Mål\n\n" + "".join(f" • Andelen i grupp {i} ska öka.\n" for i in range(1200))
    monkeypatch.setenv("PLANGRAF_RECORDS_PER_KB", "1")
    with pytest.raises(LoaderError, match="budget") as err:
        extract_document(doc_from(tmp_path, text))
    assert "plan.txt" in str(err.value)
    monkeypatch.delenv("PLANGRAF_RECORDS_PER_KB")
    assert extract_document(doc_from(tmp_path, text)).count(PG.Goal) >= 1200


def test_many_goals_and_activities_give_links_in_proportion_to_the_text(tmp_path: Path) -> None:
    """Issue 11's reproduction: 400 'Mål:' lines and 400 activities in one section once gave
    320,000 servesGoal links (2.4 M triples); now each item gets the owner the outline gives."""
    lines = ["Handlingsplan 2024", "", "Utvecklingsområde 1: Trygghet", ""]
    lines += [f"Mål: Tryggheten ska öka i område {i}" for i in range(400)]
    lines += ["", "Aktiviteter", ""] + [f"- Genomföra trygghetsvandring nummer {i}" for i in range(400)]
    ex = extract_document(doc_from(tmp_path, "\n".join(lines)))
    serves = len(set(ex.builder.graph.subject_objects(PG.servesGoal)))
    assert ex.count(PG.Goal) >= 400 and ex.count(PG.Activity) >= 400
    assert serves <= 800
    assert len(ex.ntriples().splitlines()) < 40 * 800


def test_a_bare_plan_word_gives_way_to_the_fuller_name_and_a_part_is_no_title(tmp_path: Path) -> None:
    from plangraf.loaders.identity import fuller_title
    assert fuller_title("Handlingsplan", ["Samverkansplan", "handlingsplan 2017 för äldre"]) == \
        ("Handlingsplan 2017 för äldre", ["Handlingsplan", "Samverkansplan"])
    assert fuller_title("Folkhälsoplan 2024", ["folkhälsoplan 2024 för X"])[0] == "Folkhälsoplan 2024"
    doc = doc_from(tmp_path, "1 Inledning\n\nText om arbetet i kommunen.\n\nKommunens strategiska mål\n\n • Fler i arbete\n")
    b = extract_document(doc).builder
    assert str(b.graph.value(b.plan, RDFS.label)) == "Kommunens strategiska mål"


def test_a_paragraph_is_cut_to_a_title_of_bounded_length(tmp_path: Path) -> None:
    # no heading, no plan word: the first block is the title's last resort, cut at a word
    text = " ".join(["förbättringsarbetetsuppföljningsrapporteringen"] * 400) + ".\n"
    b = extract_document(doc_from(tmp_path, text)).builder
    title = str(b.graph.value(b.plan, RDFS.label))
    assert 0 < len(title) <= 200 and text.startswith(title)
