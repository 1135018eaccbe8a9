"""Logic-model template: prompts found however the PDF flattened them, rows aligned, links at row level."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.inputs import read_document
from plangraf.loaders.pipeline import with_ontology
from plangraf.loaders.templates import logic_model_cells as cells
from plangraf.loaders.templates import logic_model_prompts as prompts
from plangraf.loaders.templates.logic_model import LogicModelExtractor, list_cue, target_group
from plangraf.loaders.text import Line
from plangraf.namespace import PG

SAMPLES = sorted(Path(str(resources.files("plangraf.samples"))).glob("*.txt"))
LOGIC_SAMPLE = next(p for p in SAMPLES if p.name.startswith("000_"))

# Two satsningar, flattened row by row as pdftotext does; names start a text box (one leading space).
ROW_MAJOR = """\
Handlingsplan för psykisk hälsa 2030
Stöd till unga vuxna
Unga vuxna söker sällan hjälp.
1. Främjande förebyggande
2. Tidiga och tillgängliga
insatser
 KOMMENTAR: Pågår enligt plan.

Interventionslogik Indikatorer Datakällor Antaganden/Hot

Vad förväntas satsningen uppnå på
längre sikt?
Färre unga vuxna har
psykisk ohälsa.

Hur kan det mätas?
Andel unga vuxna med
psykisk ohälsa

Vilken data kan användas för
mätning?
Kolada
Hälsa på lika villkor

Vilka antaganden är en förutsätt-
ning för att satsningen ska uppnå de
långsiktiga utfallen?
Långsiktig finansiering.

Vilka resultat förväntas satsningen
uppnå på kort sikt?
”Skolpersonal” har kunskap om
tidiga tecken.

Hur kan det mätas?
Antal utbildade

Vilken data kan användas för
mätning?
Utbildningsregister

Vilka antaganden är en
förutsättning för att satsningens
kortsiktiga utfall uppnås?

Vilka aktiviteter ska genomföras i
satsningen?
Utbilda skolpersonal i
första hjälpen.
Starta samtalsgrupper.

Hur mäts aktiviteternas genom-
förande och att målgruppen nås?
Antal grupper
2019 - Ja

Vilken data kan användas för
mätning?
Verksamhetsstatistik

Vilka antaganden är en
förutsättning för att satsningens
aktiviteter kan genomföras?
Resurser – Region Exempel
avsätter 2 miljoner årligen.

Vilka resurser, verktyg och
strukturer behövs för att genomföra
satsningens aktiviteter?
Samordnare

Hur kan det mätas? Vilken data kan användas för
mätning?

Vilka antaganden är en
förutsättning för satsningens insatta
resurser?
Tjänsten finansieras.
 Äldres ensamhet
4. Utsatta grupper

Interventionslogik Indikatorer Datakällor Antaganden/Hot

Vad förväntas satsningen uppnå på
längre sikt?
Färre äldre är ensamma.

Hur kan det mätas?
Andel ensamma äldre

Vilken data kan användas för
mätning?
Hälsa på lika villkor
"""

# One satsning flattened column by column: the k-th indicator/data cell belongs to the k-th row.
COLUMN_MAJOR = """\
Plan 2030
 Trygg skolgång
1. Främjande förebyggande

Interventionslogik Indikatorer Datakällor Antaganden/Hot

Vad förväntas satsningen uppnå på längre sikt?
Högre skolnärvaro.
Vilka resultat förväntas satsningen uppnå på kort sikt?
Fler elever får stöd.
Vilka aktiviteter ska genomföras i satsningen?
Elevhälsan kartlägger frånvaro.
Hur kan det mätas?
Närvaro i procent
Hur kan det mätas?
Antal elever med stöd
Hur mäts aktiviteternas genomförande och att målgruppen nås?
Kartläggning gjord
Vilken data kan användas för mätning?
Skolans närvarosystem
Vilken data kan användas för mätning?
Elevhälsans journal
Vilken data kan användas för mätning?
Protokoll
"""

# The PDF interleaved the activity row's four prompts: all heads first, then each tail and its text.
INTERLEAVED = """\
Plan 2030
 Barnskydd
4. Utsatta grupper

Interventionslogik Indikatorer Datakällor Antaganden/Hot

Vad förväntas satsningen uppnå?
Fler barn skyddas.
Vilka aktiviteter ska genomföras i Hur mäts aktiviteternas
genomförande och att målgruppen
Vilken data kan användas för Vilka antaganden är en
förutsättning för att satsningens
 satsningen?
Teamet utbildar vårdpersonal.
nås?
Antal utbildade
mätning?
Kursregister
aktiviteter kan genomföras?
Personal kan frigöras.
"""


def extract(text: str, tmp_path: Path) -> tuple[GraphBuilder, list[cells.Table]]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    builder = GraphBuilder(doc.doc_id, doc.file_name)
    builder.plan = builder.node(PG.Plan, doc.lines[0].text, doc.lines[0].span)
    LogicModelExtractor().extract(doc, builder)
    return builder, cells.build_tables(doc)


def node(b: GraphBuilder, cls: URIRef, label: str) -> URIRef:
    found = b.find(cls, label)
    assert found is not None, f"no {cls.split('#')[1]} {label!r}"
    return found


def linked(b: GraphBuilder, s: URIRef, p: URIRef, o: URIRef) -> bool:
    return (s, p, o) in b.graph


def test_row_major_tables(tmp_path: Path) -> None:
    b, tables = extract(ROW_MAJOR, tmp_path)
    assert len(tables) == 2
    sats = node(b, PG.Intervention, "Stöd till unga vuxna")
    # an Activity through the ontology's axiom (the extractor no longer adds the superclass)
    assert (sats, RDF.type / (RDFS.subClassOf * "*"), PG.Activity) in with_ontology(b.graph)
    area = node(b, PG.FocusArea, "Tidiga och tillgängliga insatser")
    assert linked(b, sats, PG.hasFocusArea, area) and linked(b, b.plan, PG.hasFocusArea, area)
    lt = node(b, PG.LongTermGoal, "Färre unga vuxna har psykisk ohälsa.")
    st = node(b, PG.ShortTermGoal, "”Skolpersonal” har kunskap om tidiga tecken.")
    assert linked(b, sats, PG.hasGoal, lt) and linked(b, sats, PG.hasGoal, st)
    share = node(b, PG.Indicator, "Andel unga vuxna med psykisk ohälsa")
    trained = node(b, PG.Indicator, "Antal utbildade")
    assert linked(b, lt, PG.measuredBy, share) and linked(b, st, PG.measuredBy, trained)
    assert not linked(b, lt, PG.measuredBy, trained)  # another row
    for source in ("Kolada", "Hälsa på lika villkor"):
        assert linked(b, share, PG.dataSource, node(b, PG.DataSource, source))
    assert not linked(b, trained, PG.dataSource, node(b, PG.DataSource, "Kolada"))
    act = node(b, PG.Activity, "Utbilda skolpersonal i första hjälpen.")
    assert linked(b, act, PG.partOf, sats) and linked(b, act, PG.servesGoal, st)
    assert linked(b, act, PG.measuredBy, node(b, PG.Indicator, "Antal grupper"))
    assert b.find(PG.Indicator, "2019 - Ja") is None
    assert linked(b, st, PG.targetGroup, node(b, PG.TargetGroup, "Skolpersonal"))
    money = node(b, PG.Budget, "Region Exempel avsätter 2 miljoner årligen.")
    assert linked(b, sats, PG.budget, money)
    assert float(b.graph.value(money, PG.amount).toPython()) == 2_000_000
    assert linked(b, node(b, PG.ResponsibleBody, "Region Exempel"), PG.responsibleFor, sats)
    assert linked(b, sats, PG.requires, node(b, PG.Resource, "Samordnare"))
    assert linked(b, sats, PG.assumes, node(b, PG.Assumption, "Tjänsten finansieras."))
    assert linked(b, sats, PG.assumes, node(b, PG.Assumption, "Långsiktig finansiering."))
    # the second table: its name is cut from the end of the last cell of the first
    older = node(b, PG.Intervention, "Äldres ensamhet")
    assert b.find(PG.Assumption, "Tjänsten finansieras. Äldres ensamhet") is None
    assert linked(b, older, PG.hasFocusArea, node(b, PG.FocusArea, "Utsatta grupper"))
    assert linked(b, older, PG.hasGoal, node(b, PG.LongTermGoal, "Färre äldre är ensamma."))
    # prompts and the description are no entities
    labels = {str(o) for o in b.graph.objects(None, RDFS.label)}
    assert not any(re.search(r"sikt\?|mätas\?|mätning\?|Unga vuxna söker", lab) for lab in labels)


def test_column_major_rows(tmp_path: Path) -> None:
    b, _ = extract(COLUMN_MAJOR, tmp_path)
    lt = node(b, PG.LongTermGoal, "Högre skolnärvaro.")
    st = node(b, PG.ShortTermGoal, "Fler elever får stöd.")
    act = node(b, PG.Activity, "Elevhälsan kartlägger frånvaro.")
    assert linked(b, lt, PG.measuredBy, node(b, PG.Indicator, "Närvaro i procent"))
    assert linked(b, st, PG.measuredBy, node(b, PG.Indicator, "Antal elever med stöd"))
    assert not linked(b, lt, PG.measuredBy, node(b, PG.Indicator, "Antal elever med stöd"))
    assert linked(b, act, PG.measuredBy, node(b, PG.Indicator, "Kartläggning gjord"))
    assert linked(b, node(b, PG.Indicator, "Antal elever med stöd"), PG.dataSource,
                  node(b, PG.DataSource, "Elevhälsans journal"))
    assert linked(b, node(b, PG.Indicator, "Kartläggning gjord"), PG.dataSource,
                  node(b, PG.DataSource, "Protokoll"))


def test_interleaved_prompts(tmp_path: Path) -> None:
    b, tables = extract(INTERLEAVED, tmp_path)
    kinds = [(c.kind, c.row) for c in tables[0].cells]
    assert kinds == [("logic", "LT"), ("logic", "ACT"), ("ind", "ACT"), ("data", None), ("assump", "ACT")]
    sats = node(b, PG.Intervention, "Barnskydd")
    act = node(b, PG.Activity, "Teamet utbildar vårdpersonal.")
    ind = node(b, PG.Indicator, "Antal utbildade")
    assert linked(b, act, PG.partOf, sats) and linked(b, act, PG.measuredBy, ind)
    assert linked(b, act, PG.servesGoal, node(b, PG.LongTermGoal, "Fler barn skyddas."))
    assert linked(b, ind, PG.dataSource, node(b, PG.DataSource, "Kursregister"))
    assert linked(b, sats, PG.assumes, node(b, PG.Assumption, "Personal kan frigöras."))


@pytest.mark.parametrize("prev, cur, data, new", [
    ("Cosmic,", "Dödsorsaksregistret.", True, True),
    ("Befolkningsstatistik", "Dödsorsaksregistret", True, True),
    ("Budget med verksamhetsplan Region", "Jönköpings län", True, False),
    ("Praktiskt stöd till föreningen", "Hjärnkoll med målsättning att", False, False),
    ("Uppdatera befintlig handlingsplan", "Informationsträff för chefer.", False, True),
    ("rutiner med socialtjänst och BHV", "HoS", False, False),
    ("Planera att delta i NSPH:s projekt", "”Åldras och må bra”.", False, False),
    ("Sjukskrivningsstatistik", "”Rehabstöd” verktyg som ger", True, True),
    ("Följa dödsorsak och medellivslängd i", "Sverige", False, False),
    ("Andel utbildade.", "1. Genom uppföljning av", False, True),
    ("Äldre med psykisk ohälsa och deras", "anhöriga känner sig trygga", False, False),
    ("Psykiatrisk slutenvård: Resultat", "Nationell patientenkät", False, False),
    ("Studiebesök på Region Östergötland", "- Flyktingmedicinskt centrum i", False, False),
    ("Höst 2018:", "- Uppföljning via enkät", False, True),
    ("Uppföljning via enkät.", "- Avstämning av läget", False, True),
])
def test_new_item(prev: str, cur: str, data: bool, new: bool) -> None:
    assert cells.new_item(prev, cells.Frag(cur, Line(cur, 1, 1)), data) is new


@pytest.mark.parametrize("lines, kind, expected", [
    (["ÖJ, Kolada, Folkhälsomyndighetens", "databas"], "data",
     ["ÖJ", "Kolada", "Folkhälsomyndighetens databas"]),
    (["Enkäter till brukare, anhöriga,", "personal, ledning."], "data",
     ["Enkäter till brukare, anhöriga, personal, ledning."]),
    (["Kommunernas dokumentations-", "system"], "data", ["Kommunernas dokumentationssystem"]),
    (["Inventering gjord? Ja/Nej", "2018 - Delvis", "Ja/Nej"], "ind", ["Inventering gjord? Ja/Nej"]),
    (["1 Kartläggning av rutiner", "i länets 13", "kommuner", "2. Stöd till kommuner"], "logic",
     ["Kartläggning av rutiner i länets 13 kommuner", "Stöd till kommuner"]),
    # a qualifier line belongs to the next indicator; a follow-up answer and a status are none
    (["Kommunal psykiatri:", "”Brukarundersökning", "funktionshinder”"], "ind",
     ["Kommunal psykiatri: ”Brukarundersökning funktionshinder”"]),
    (["Finns skriftlig rutin? Ja/Nej", "Rutin är framtagen, implementeras", "under 2018"], "ind",
     ["Finns skriftlig rutin? Ja/Nej"]),
    (["Föreningen är för närvarande vilande.", "Antal träffar i grupperna. Antal", "genomförda dokument"],
     "ind", ["Antal träffar i grupperna.", "Antal genomförda dokument"]),
    (["Mäts och följs upp i respektive", "projekt"], "data", []),
    (["Datakällor från exempelvis SCB,", "Folkhälsoenkät UNG, arbetslöshet etc."], "data",
     ["SCB", "Folkhälsoenkät UNG"]),
    # the rest of an entry after a blank ends open: it rejoins the entry
    (["Utbildning för lantbrukare ex. LRF.", "Hushållningssällskapet, lantbrevbärare och"], "logic",
     ["Utbildning för lantbrukare ex. LRF. Hushållningssällskapet, lantbrevbärare och"]),
    (["Ca 30 aktiviteter av 69 berör psykisk hälsa.", "Exempel på aktiviteter är metodstöd till skolor,",
      "livscaféer för unga samt", "spridning av Passion för livet."], "logic",
     ["metodstöd till skolor", "livscaféer för unga", "spridning av Passion för livet"]),
    (["Stöd och uppföljning genom", "Strategigruppen och", "ledningsgrupp"], "assump",
     ["Strategigruppen och ledningsgrupp"]),
    (["Gemensam värdegrund:"], "assump", ["Gemensam värdegrund"]),
])
def test_cell_items(lines: list[str], kind: str, expected: list[str]) -> None:
    frags = [cells.Frag(t, Line(t, n, n)) for n, t in enumerate(lines, 1)]
    assert [it.text for it in cells.cell_items(frags, kind)] == expected


@pytest.mark.parametrize("text, group", [
    ("”Blåljuspersonal” har ökad kunskap om suicid.", "Blåljuspersonal"),
    ("Alla asylsökande och nyanlända erbjuds hälsoundersökning", "asylsökande och nyanlända"),
    ("Alla barn som anhöriga uppmärksammas och får stöd", "barn som anhöriga"),
    ("Äldre med psykisk ohälsa och deras anhöriga känner sig trygga", "Äldre med psykisk ohälsa"),
    ("Individen får insatser efter behov", None),
    ("Minskat antal suicid", None),
])
def test_target_group(text: str, group: str | None) -> None:
    assert target_group(text) == group


# An activity row broken by a page: the assumption cell runs on into the row's four columns, without
# prompts. An empty line ends a cell, a line of spaces separates entries, one leading space opens a box.
PAGE_BREAK = """\
Plan 2030
 Stöd till unga
1. Främjande förebyggande

Interventionslogik Indikatorer Datakällor Antaganden/Hot

Vad förväntas satsningen uppnå på längre sikt?
Färre unga mår dåligt.

Vilka aktiviteter ska genomföras i satsningen?
Utbilda lärare.

Hur mäts aktiviteternas genomförande och att målgruppen nås?
Antal utbildade lärare

Vilken data kan användas för mätning?
Kursregister

Vilka antaganden är en förutsättning för att satsningens aktiviteter kan genomföras?
Tid avsätts.

 Starta stödgrupper.
\x20
Ordna föräldramöten.

Antal grupper

Gruppregister

Lokaler finns.

Vilka resurser, verktyg och strukturer behövs för att genomföra satsningens aktiviteter?
Samordnare

Hur kan det mätas?
Antal timmar samordning
"""


def test_row_continued_after_page_break(tmp_path: Path) -> None:
    b, tables = extract(PAGE_BREAK, tmp_path)
    assert [(c.kind, c.row) for c in tables[0].cells][2:8] == [
        ("ind", "ACT"), ("data", None), ("assump", "ACT"), ("logic", "ACT"), ("ind", "ACT"), ("data", "ACT")]
    sats = node(b, PG.Intervention, "Stöd till unga")
    groups, count = node(b, PG.Activity, "Starta stödgrupper."), node(b, PG.Indicator, "Antal grupper")
    assert linked(b, groups, PG.partOf, sats) and linked(b, groups, PG.measuredBy, count)
    assert linked(b, count, PG.dataSource, node(b, PG.DataSource, "Gruppregister"))
    assert linked(b, sats, PG.assumes, node(b, PG.Assumption, "Lokaler finns."))
    assert b.find(PG.Assumption, "Starta stödgrupper.") is None and b.find(PG.Assumption, "Antal grupper") is None
    # a resource row's indicator measures the satsning, not the budget
    hours = node(b, PG.Indicator, "Antal timmar samordning")
    assert linked(b, sats, PG.measuredBy, hours)
    assert not linked(b, node(b, PG.Resource, "Samordnare"), PG.measuredBy, hours)


@pytest.mark.parametrize("text, kinds, headers", [
    (("Interventionslogik Indikatorer Datakällor Antaganden/Hot\nVad förväntas satsningen uppnå på\n"
      "längre sikt?\nHur kan det\nmätas?\nhur mäts aktiviteternas genom-\nförande och att målgruppennås?"),
     {("logic", "LT"), ("ind", None), ("ind", "ACT")}, 1),
    ("Vad är psykisk hälsa? Hur mår unga i länet? Indikatorer och datakällor.", set(), 0),
])
def test_prompt_kinds_and_headers(text: str, kinds: set, headers: int) -> None:
    assert prompts.prompt_kinds(text.lower()) == kinds
    assert prompts.count_headers(text.lower()) == headers


def test_matches_only_the_logic_model_sample() -> None:
    for path in SAMPLES:
        score = LogicModelExtractor().matches(read_document(path))
        assert (score >= 0.5) is (path == LOGIC_SAMPLE), (path.name, score)


def test_dash_taken_for_a_bullet() -> None:
    """The cleaner flags a line opening with "-" as a bullet; mid-sentence it is still a dash."""
    rows = [("Studiebesök på Region Öst", False, ""), ("Flyktingmedicinskt centrum.", True, "- "),
            ("Avstämning av läget.", True, "- ")]
    frags = [cells.Frag(t, Line(t, n, n, None, bullet), mark + t) for n, (t, bullet, mark) in enumerate(rows, 1)]
    assert [it.text for it in cells.cell_items(frags, "logic")] == [
        "Studiebesök på Region Öst - Flyktingmedicinskt centrum.", "Avstämning av läget."]


# Goals listed under a named intro; a short-term indicator measures them by that name.
NAMED_LIST = """\
Plan 2030
 Jämlik hälsa
1. Främjande förebyggande

Interventionslogik Indikatorer Datakällor Antaganden/Hot

Vad förväntas satsningen uppnå på längre sikt?
Strategiska/långsiktiga mål:
1. Bättre styrning
2. Stärkt samverkan

Hur kan det mätas?
Andel med god hälsa

Vilka resultat förväntas satsningen uppnå på kort sikt?
Fler aktiviteter genomförs.

Hur kan det mätas?
Uppföljning för respektive strategiskt mål.
Antal aktiviteter.
"""


def test_indicator_naming_a_goal_list(tmp_path: Path) -> None:
    b, _ = extract(NAMED_LIST, tmp_path)
    follow_up = node(b, PG.Indicator, "Uppföljning för respektive strategiskt mål.")
    for goal in ("Bättre styrning", "Stärkt samverkan"):
        assert linked(b, node(b, PG.LongTermGoal, goal), PG.measuredBy, follow_up)
        assert not linked(b, node(b, PG.LongTermGoal, goal), PG.measuredBy, node(b, PG.Indicator, "Antal aktiviteter."))
    assert linked(b, node(b, PG.ShortTermGoal, "Fler aktiviteter genomförs."), PG.measuredBy, follow_up)


@pytest.mark.parametrize("intro, text, named", [
    ("Strategiska/långsiktiga mål:", "Genom uppföljning för respektive strategiskt mål", True),
    ("Strategiska/långsiktiga mål:", "Antal långsiktiga mål som nåtts", True),
    ("Strategiska mål:", "Antal strategier", False),
    ("Mål:", "Antal mål som nåtts", None),  # no qualifier names the list
])
def test_list_cue(intro: str, text: str, named: bool | None) -> None:
    cue = list_cue(intro)
    assert (cue and bool(cue.search(text))) is named


@pytest.mark.parametrize("raw, is_footer", [
    (["Antal SIP", "Kommunal utveckling i länet och Region Exempel", "", "14", " Nästa satsning"], True),
    (["Antal SIP", "Förebyggande insatser – Regional strategi och handlingsplan för jämlik hälsa",
      " Vilka resultat förväntas satsningen"], False),
])
def test_footer(raw: list[str], is_footer: bool) -> None:
    """A page-wide line beside a page number is a footer, never a satsning's name."""
    assert cells.footer(cells.Frag(raw[1], Line(raw[1], 2, 2), raw[1]), raw) is is_footer
