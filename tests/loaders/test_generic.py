"""The generic fallback on plans written for these tests (tests/data/generic/, see its README) and on
small snippets: what it extracts, what it links, what it must not invent, and that every quote
stands within its stated lines."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from rdflib.namespace import PROV, RDF, RDFS

from plangraf.graph.model import GraphBuilder
from plangraf.loaders import cues, prose, source_names, values
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.generic import GenericExtractor, classify_label
from plangraf.loaders.generic_tables import read_table
from plangraf.loaders.inputs import read_document
from plangraf.loaders.pipeline import extract_document
from plangraf.loaders.text import clean_lines
from plangraf.namespace import PG
from tests.loaders.quotes import unfound_quotes

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
    assert values.split_names(value, and_too) == expected


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


# -- the test documents of tests/data/generic (see its README) -----------------------------------
DATA = DOC.parent
GOALS = (PG.Goal, PG.LongTermGoal, PG.ShortTermGoal)


def run(doc: SourceDocument) -> GraphBuilder:
    """The generic extractor alone (no templates, no reference linking), with a plan node."""
    b = GraphBuilder(doc.doc_id, doc.file_name)
    b.plan = b.node(PG.Plan, "PLAN", doc.lines[0].span, quote=doc.lines[0].text)
    GenericExtractor().extract(doc, b)
    return b


def snippet(text: str) -> GraphBuilder:
    raw = text.split("\n")
    return run(SourceDocument(Path("snippet.txt"), "snippet", raw, clean_lines(raw)))


_built: dict[str, GraphBuilder] = {}


def built(name: str) -> GraphBuilder:
    if name not in _built:
        _built[name] = run(read_document(DATA / name))
    return _built[name]


def kinds(g, classes) -> set[str]:  # type: ignore[no-untyped-def]
    return {lab for cls in classes for lab in labels(g, cls)}


ASBY = "handlingsplan_psykisk_halsa_asby.txt"
NORDVIK = "folkhalsoplan_nordvik.txt"
OSTERVIK = "verksamhetsplan_socialnamnden_ostervik.txt"
LILLBY = "plan_suicidprevention_lillby.txt"
MELLANLANDA = "naravard_mellanlanda.txt"
STORVIK = "handlingsplan_aldre_storvik.txt"
NAMES = [ASBY, NORDVIK, OSTERVIK, LILLBY, MELLANLANDA, STORVIK]
F, G, L, S = PG.FocusArea, PG.Goal, PG.LongTermGoal, PG.ShortTermGoal
A, I, D, R, T = PG.Activity, PG.Indicator, PG.DataSource, PG.ResponsibleBody, PG.TargetGroup
B, M = PG.Budget, PG.Malbild

COUNTS = {  # what a person would annotate in each document, class by class
    ASBY: {F: 3, L: 3, S: 2, G: 2, A: 8, I: 5, D: 6, R: 5, T: 1, B: 1, M: 0},
    NORDVIK: {F: 3, G: 6, A: 7, I: 7, D: 7, R: 5, T: 1, B: 0},
    OSTERVIK: {L: 2, G: 3, A: 3, I: 4, D: 2, R: 4, B: 2, M: 1, F: 0},
    LILLBY: {L: 1, S: 1, G: 0, A: 4, I: 1, D: 4, R: 3, T: 2, B: 1},
    MELLANLANDA: {F: 3, M: 1, G: 3, A: 6, I: 3, D: 3, R: 6, T: 2, B: 1},
    STORVIK: {G: 2, S: 3, A: 5, I: 3, D: 2, R: 6, T: 1, B: 1},
}
NODES = [  # (document, class, the label exactly)
    (ASBY, F, "Tidiga insatser för barn och unga"),
    (ASBY, L, "Invånarna i Åsby kommun har en god och jämlik psykisk hälsa genom hela livet."),
    (ASBY, S, "Alla grundskolor har ett strukturerat arbete med social och emotionell träning."),
    (ASBY, A, ("Införa en gemensam rutin för samordnad individuell plan (SIP) mellan skola, socialtjänst "
              "och BUP.")),  # a word hyphenated across lines, a bullet wrapped onto the next line
    (ASBY, A, "Ta fram en lokal rutin för stöd till efterlevande vid suicid."),  # a numbered item
    (ASBY, I, "Antal upprättade SIP per år"),  # its source in parentheses stripped off
    (ASBY, D, "elevhälsans journalsystem"),
    (ASBY, D, "Hälsa på lika villkor"),  # named across two lines of prose
    (ASBY, R, "Region Gävleborg"),  # 'Socialförvaltningen i samverkan med Region Gävleborg'
    (ASBY, R, "Styrgruppen"),  # 'Styrgruppen ansvarar för …'
    (ASBY, T, "Barn och unga 6–18 år samt deras föräldrar"),
    (NORDVIK, A, "Kartlägga hinder för deltagande i föreningslivet bland barn i ekonomiskt utsatta familjer"),
    (NORDVIK, G, "Minskad ofrivillig ensamhet bland äldre"),  # a piped table
    (NORDVIK, D, "CAN:s skolundersökning"),
    (NORDVIK, D, "Folkhälsodata"),
    (NORDVIK, F, "Levnadsvanor"),
    (OSTERVIK, L, "Alla invånare ska känna sig trygga och kunna leva ett självständigt liv."),
    (OSTERVIK, G, "Brukarna upplever att de får ett gott bemötande"),
    (OSTERVIK, M, "Östervik – en trygg kommun där alla kan växa."),
    (OSTERVIK, D, "Öppna jämförelser socialtjänst"),
    (OSTERVIK, B, "Nämndens budgetram för 2025 uppgår till 412,3 miljoner kronor."),
    (LILLBY, L, "ingen ska behöva ta sitt liv i Lillby kommun"),
    (LILLBY, S, ("all personal inom elevhälsan och äldreomsorgen har fått grundläggande utbildning i "
                "suicidprevention före utgången av 2026")),
    (LILLBY, A, ("Utbilda medarbetare i elevhälsan och äldreomsorgen i att upptäcka och bemöta personer med "
                "suicidtankar")),
    (LILLBY, A, "Samordna en årlig temavecka om psykisk hälsa tillsammans med civilsamhället"),
    (LILLBY, T, "unga vuxna"),
    (LILLBY, T, "män över 65 år"),
    (LILLBY, I, "antalet suicid per 100 000 invånare i kommunen, som treårsmedelvärde"),
    (MELLANLANDA, G, "Fler invånare har goda levnadsvanor och en god självskattad hälsa."),
    (MELLANLANDA, A, "Införa hälsosamtal för 40-, 50- och 60-åringar i primärvården"),
    (MELLANLANDA, A, "Ta fram en gemensam introduktion för nyanställda undersköterskor."),
    (MELLANLANDA, D, "Hälsa på lika villkor (HLV)"),
    (MELLANLANDA, R, "HR-direktörerna i region och kommuner"),
    (MELLANLANDA, R, "kommunernas vård- och omsorgsförvaltningar"),
    (MELLANLANDA, R, "regionala samordnaren"),
    (STORVIK, G, "Minskad ofrivillig ensamhet bland äldre"),
    (STORVIK, S, "Antalet mötesplatser för äldre i kommunen ökar."),
    (STORVIK, A, ("Använda ett strukturerat bedömningsinstrument för depression vid inflyttning på särskilt "
                 "boende.")),
    (STORVIK, R, "Medicinskt ansvarig sjuksköterska"),
    (STORVIK, D, "Senior alert"),
]
LINKS = [  # (document, subject, predicate, object), labels by their beginning
    (ASBY, "Erbjuda föräldraskapsstödsprogrammet", PG.servesGoal, "Alla grundskolor har"),
    (ASBY, "Främjande och förebyggande arbete", PG.hasGoal, "Fler barn och unga upplever"),
    (ASBY, "PLAN", PG.hasGoal, "Invånarna i Åsby kommun"),
    (ASBY, "Antalet suicid i kommunen minskar", PG.measuredBy, "Antal suicid per 100 000"),
    (ASBY, "Antal suicid per 100 000", PG.dataSource, "Socialstyrelsens dödsorsaksregister"),
    (ASBY, "Antal upprättade SIP per år", PG.dataSource, "Kolada"),
    (ASBY, "Region Gävleborg", PG.responsibleFor, "Delta i den regionala"),
    (ASBY, "Kultur- och fritidsförvaltningen", PG.responsibleFor, "Starta en öppen träffpunkt"),
    (ASBY, "Inrätta en gemensam ingång", PG.hasFocusArea, "Tidiga insatser för barn och unga"),
    (ASBY, "Utbilda personalen på kommunens", PG.budget, "450 000 kr per år"),
    (ASBY, "Starta en öppen träffpunkt", PG.targetGroup, "Barn och unga 6–18 år"),
    (NORDVIK, "Erbjuda avgiftsfria lovaktiviteter", PG.servesGoal, "Fler barn deltar"),  # a merged goal cell
    (NORDVIK, "Fler barn deltar", PG.measuredBy, "Antal deltagare i lovaktiviteter"),
    (NORDVIK, "Andel barn 10–15 år", PG.dataSource, "Liv och hälsa ung"),
    (NORDVIK, "Andel 65 år och äldre", PG.dataSource, "Vad tycker de äldre"),
    (NORDVIK, "Kommunikationsavdelningen", PG.responsibleFor, "Genomföra en informationskampanj"),
    (NORDVIK, "Barn- och utbildningsförvaltningen", PG.responsibleFor, "Genomföra föräldraträffar"),
    (NORDVIK, "Levnadsvanor", PG.hasGoal, "Fler invånare är fysiskt aktiva"),
    (NORDVIK, "PLAN", PG.hasFocusArea, "Goda uppväxtvillkor"),
    (OSTERVIK, "Brukarna upplever", PG.measuredBy, "Andel brukare inom individ- och familjeomsorgen"),
    (OSTERVIK, "Utbilda handläggare i barnsamtal", PG.servesGoal, "Barn och unga som behöver stöd"),
    (OSTERVIK, "Individ- och familjeomsorgen", PG.responsibleFor, "Utbilda handläggare i barnsamtal"),
    (OSTERVIK, "Genomsnittlig handläggningstid", PG.dataSource, "Kolada"),
    (OSTERVIK, "PLAN", PG.budget, "Nämndens budgetram"),
    (OSTERVIK, "PLAN", PG.hasMalbild, "Östervik – en trygg kommun"),
    (LILLBY, "Barn- och utbildningsförvaltningen", PG.responsibleFor, "Ta fram en rutin för hur skolan"),
    (LILLBY, "antalet suicid per 100 000", PG.dataSource, "Kolada"),
    (LILLBY, "antalet suicid per 100 000", PG.dataSource, "Socialstyrelsens dödsorsaksregister"),
    (LILLBY, "PLAN", PG.budget, "Kommunstyrelsen har avsatt 300 000 kronor"),
    (MELLANLANDA, "Erbjuda fysisk aktivitet på recept", PG.servesGoal, "Fler invånare har goda"),
    (MELLANLANDA, "Fler invånare har goda", PG.measuredBy, "Andel invånare som bedömer"),
    (MELLANLANDA, "Andel patienter som upplever", PG.dataSource, "Nationell patientenkät"),
    (MELLANLANDA, "Pröva mobila team", PG.budget, "2,4 miljoner kronor 2025"),
    (MELLANLANDA, "Införa hälsosamtal", PG.targetGroup, "Invånare som fyller 40"),
    (MELLANLANDA, "PLAN", PG.hasFocusArea, "Kompetensförsörjning"),
    (MELLANLANDA, "PLAN", PG.hasMalbild, "Invånarna i Mellanlanda"),
    (STORVIK, "Hemtjänsten", PG.responsibleFor, "Införa social promenad"),
    (STORVIK, "Anhörigstödet", PG.responsibleFor, "Erbjuda samtalsgrupper"),
    (STORVIK, "Öppna två nya träffpunkter", PG.servesGoal, "Minskad ofrivillig ensamhet"),
    (STORVIK, "Tidig upptäckt av depression", PG.measuredBy, "Andel omvårdnadspersonal"),
    (STORVIK, "PLAN", PG.budget, "120 000 kronor"),
]
NOT_LINKED = [  # links across sections, records or rows that the text does not state
    (ASBY, "Inrätta en gemensam ingång", PG.servesGoal, "Antalet suicid i kommunen"),
    (ASBY, "Socialförvaltningen", PG.responsibleFor, "Erbjuda föräldraskapsstödsprogrammet"),
    (NORDVIK, "Kultur- och fritidsförvaltningen", PG.responsibleFor, "Utveckla arbetet med tidig"),
    (NORDVIK, "Utveckla arbetet med tidig", PG.servesGoal, "Fler barn deltar"),
    (OSTERVIK, "Utbilda handläggare i barnsamtal", PG.servesGoal, "Nämnden bedriver"),
    (OSTERVIK, "Budgetavvikelse", PG.dataSource, "Kolada"),
    (LILLBY, "Socialförvaltningen", PG.responsibleFor, "Samordna en årlig temavecka"),
    (LILLBY, "Utbilda medarbetare", PG.servesGoal, "ingen ska behöva"),  # another section
    (MELLANLANDA, "Hälso- och sjukvårdsförvaltningen", PG.responsibleFor, "Erbjuda fysisk aktivitet"),
    (MELLANLANDA, "Pröva mobila team", PG.servesGoal, "Fler invånare har goda"),
    (STORVIK, "Hemtjänsten", PG.responsibleFor, "Öppna två nya träffpunkter"),
    (STORVIK, "Utbilda omvårdnadspersonal", PG.servesGoal, "Minskad ofrivillig ensamhet"),
    (STORVIK, "Införa social promenad", PG.targetGroup, "Personer 65 år och äldre"),
]


def linked(g, s: str, p, o: str) -> bool:  # type: ignore[no-untyped-def]
    return any(a.startswith(s) and b.startswith(o) for a, b in links(g, p))


@pytest.mark.parametrize("name", NAMES)
def test_document_counts(name: str) -> None:
    g = built(name).graph
    assert {cls: len(set(g.subjects(RDF.type, cls))) for cls in COUNTS[name]} == COUNTS[name]


@pytest.mark.parametrize("name,cls,label", NODES)
def test_document_nodes(name: str, cls, label: str) -> None:  # type: ignore[no-untyped-def]
    assert label in labels(built(name).graph, cls)


@pytest.mark.parametrize("name,s,p,o", LINKS)
def test_document_links(name: str, s: str, p, o: str) -> None:  # type: ignore[no-untyped-def]
    assert linked(built(name).graph, s, p, o)


@pytest.mark.parametrize("name,s,p,o", NOT_LINKED)
def test_document_links_not_invented(name: str, s: str, p, o: str) -> None:  # type: ignore[no-untyped-def]
    g = built(name).graph
    assert any(lab.startswith(s) for lab in kinds(g, (PG.Activity, PG.Indicator, PG.ResponsibleBody) + GOALS))
    assert not linked(g, s, p, o)


def test_prose_without_cues_gives_nothing() -> None:
    g = built(LILLBY).graph
    everything = " ".join(kinds(g, GOALS + (PG.Activity, PG.Indicator, PG.ResponsibleBody, PG.TargetGroup)))
    for background in ("Varje år tar omkring", "Suicid går att förebygga", "Planen revideras 2027"):
        assert background not in everything
    assert not any("Lillby kommun" == lab for lab in labels(g, PG.ResponsibleBody))


def test_running_headers_and_contents_are_skipped() -> None:
    everything = {lab for b in (built(LILLBY), built(MELLANLANDA), built(ASBY))
                  for s, o in b.graph.subject_objects(RDF.type) if (lab := str(b.graph.value(s, RDFS.label)))}
    assert not [lab for lab in everything if "| Lillby kommun" in lab or "...." in lab or lab.endswith(" 4")]


def quotes(doc: SourceDocument, b: GraphBuilder) -> tuple[int, list[tuple[int, int, str]]]:
    """(quotes checked, those not found in the cleaned text of their stated lines)."""
    return unfound_quotes(doc, b.full_graph())


@pytest.mark.parametrize("name", NAMES + [DOC.name])
def test_every_quote_is_within_its_lines(name: str) -> None:
    checked, bad = quotes(read_document(DATA / name), built(name))
    assert checked > 10 and not bad, bad[:5]


SAMPLES = sorted(Path(str(resources.files("plangraf.samples"))).glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_sane_on_the_samples(path: Path) -> None:
    """Forced onto the bundled samples (which templates read), it finds things, quotes them
    within their lines, and does not turn every line of a form into a node."""
    doc = read_document(path)
    b = run(doc)
    checked, bad = quotes(doc, b)
    assert checked >= 5
    typed = sum(1 for _s, o in b.graph.subject_objects(RDF.type) if o not in (PG.Document, PG.Plan))
    assert not bad, bad[:5]
    assert 5 <= typed <= len(doc.lines) / 5  # the templates find more; a runaway block finds far more


@pytest.mark.parametrize("name", NAMES)
def test_every_node_has_provenance(name: str) -> None:
    g = built(name).full_graph()
    missing = [s for s, o in g.subject_objects(RDF.type)
               if str(o).startswith(str(PG._NS)) and o != PG.Document
               and (s, PROV.wasDerivedFrom, None) not in g]
    assert not missing


def test_through_the_pipeline() -> None:
    """End to end: reference linking gives national sources their catalogue IRIs, labels stay."""
    g = extract_document(read_document(DATA / NORDVIK), "generic").graph
    assert "Kolada" in labels(g, PG.DataSource)
    assert any(str(s).endswith("/datasource/kolada") for s in g.subjects(RDF.type, PG.DataSource))


# -- small snippets -------------------------------------------------------------------------------
@pytest.mark.parametrize("text,role,cls,value", [
    ("Delmål 2025: Alla skolor har en plan", "goal", PG.ShortTermGoal, "Alla skolor har en plan"),
    ("Långsiktigt mål: Färre unga mår dåligt", "goal", PG.LongTermGoal, "Färre unga mår dåligt"),
    ("Mål på kort sikt (1 år):", "goal", PG.ShortTermGoal, ""),
    ("Kommunfullmäktiges mål: Trygg kommun", "goal", PG.LongTermGoal, "Trygg kommun"),
    ("Nämndmål", "goal", PG.Goal, ""),
    ("Aktivitet 1.2 Införa SIP i hemmet", "activity", PG.Activity, "Införa SIP i hemmet"),
    ("Mål 2 – Färre suicid", "goal", PG.Goal, "Färre suicid"),
    ("Åtgärder 2025:", "activity", PG.Activity, ""),
    ("Hur mäts resultatet?", "indicator", PG.Indicator, ""),
    ("Mått: Andel nöjda", "indicator", PG.Indicator, "Andel nöjda"),
    ("Ansvarig förvaltning: Socialförvaltningen", "body", PG.ResponsibleBody, "Socialförvaltningen"),
    ("Ansvariga verksamheter/funktioner", "body", PG.ResponsibleBody, ""),
    ("Målgrupp: Unga vuxna", "group", PG.TargetGroup, "Unga vuxna"),
    ("Kostnad: 20 000 kr", "budget", PG.Budget, "20 000 kr"),
    ("Målvärde 2025: 90 %", "value", None, "90 %"),
    ("Utgångsvärde 2023", "baseline", None, ""),
    ("Tidplan: Hösten 2025", "time", None, "Hösten 2025"),
    ("Vision: En trygg kommun", "malbild", PG.Malbild, "En trygg kommun"),
    ("Insatsområde 2. Trygg uppväxt", "area", PG.FocusArea, "Trygg uppväxt"),
])
def test_parse_label(text: str, role: str, cls, value: str) -> None:  # type: ignore[no-untyped-def]
    label = cues.parse_label(text)
    assert label is not None and (label.role, label.cls, label.value) == (role, cls, value)


@pytest.mark.parametrize("text", [
    "Målet är att fler ska må bra.", "Kl 10:30 träffas gruppen",
    "Mål och aktiviteter för perioden följs upp årligen",
    "Arbetet med mål och indikatorer", "Ansvarsfrågan är inte löst: det återstår arbete",
])
def test_not_labels(text: str) -> None:
    label = cues.parse_label(text)
    assert label is None or label.role in ("other", "time")


@pytest.mark.parametrize("text,expected", [
    ("Det övergripande målet är att ingen ska ta sitt liv. Mer text.",
     [("goal", PG.LongTermGoal, "ingen ska ta sitt liv")]),
    ("Målet på kort sikt är att alla chefer är utbildade.",
     [("goal", PG.ShortTermGoal, "alla chefer är utbildade")]),
    ("Mål för området är att fler unga ska må bra.", [("goal", PG.Goal, "fler unga ska må bra")]),
    ("Förvaltningen ansvarar för att samordna arbetet.", [("body", PG.ResponsibleBody, "Förvaltningen")]),
    ("Den regionala samordnaren ansvarar för uppföljningen.",
     [("body", PG.ResponsibleBody, "regionala samordnaren")]),
    ("Det är kommunen som ansvarar för det.", []),
    ("Ansvaret för genomförandet ligger hos socialnämnden.", [("body", PG.ResponsibleBody, "socialnämnden")]),
    ("Insatsen riktar sig till föräldrar med barn 0–6 år.",
     [("group", PG.TargetGroup, "föräldrar med barn 0–6 år")]),
    ("Som indikator används andelen elever som mår bra.",
     [("indicator", PG.Indicator, "andelen elever som mår bra")]),
    ("Regionen avsätter 2 miljoner kronor per år.",
     [("budget", PG.Budget, "Regionen avsätter 2 miljoner kronor per år.")]),
    ("Det tar 2 timmar att åka dit.", []),
    ("Detta följs upp genom Kolada och Öppna jämförelser.",
     [("source", PG.DataSource, "Kolada"), ("source", PG.DataSource, "Öppna jämförelser")]),
    ("Kommunen har länge samverkat med regionen kring barn och unga.", []),
])
def test_sentence_cues(text: str, expected: list) -> None:  # type: ignore[no-untyped-def]
    found = [(c.role, c.cls, c.label) for c in prose.sentence_cues(text)]
    assert found == expected
    for c in prose.sentence_cues(text):
        assert text[c.start:c.end] == c.label


@pytest.mark.parametrize("text,expected", [
    ("Data från Hälsa på lika villkor (HLV) och Liv & hälsa ung",
     ["Hälsa på lika villkor", "HLV", "Liv & hälsa ung"]),
    ("enligt elevhälsodatabasen ELSA och Nationella patientenkäten", ["elevhälsodatabasen ELSA",
                                                                     "Nationella patientenkäten"]),
    ("uppgifter ur Socialstyrelsens dödsorsaksregister och Patientregistret",
     ["Socialstyrelsens dödsorsaksregister", "Patientregistret"]),
    ("SCB och nationella kvalitetsregister", ["SCB", "nationella kvalitetsregister"]),
    ("Elsa och hennes familj flyttade hit; ett register över medlemmar", []),
])
def test_find_sources(text: str, expected: list[str]) -> None:
    assert [name for _s, _e, name in source_names.find_sources(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("Hur kan det mätas?", ("indicator", PG.Indicator)),
    ("Vilken data kan användas för mätning?", ("source", PG.DataSource)),
    ("Vad förväntas satsningen uppnå på längre sikt?", ("goal", PG.LongTermGoal)),
    ("Vilka resultat förväntas satsningen uppnå på kort sikt?", ("goal", PG.ShortTermGoal)),
    ("Vilka aktiviteter ska genomföras?", ("activity", PG.Activity)),
    ("Vem ansvarar för genomförandet?", ("body", PG.ResponsibleBody)),
    ("Vilka antaganden är en förutsättning för att satsningen lyckas?", ("assumption", PG.Assumption)),
    ("Hur många bor i kommunen?", None), ("Vad är psykisk hälsa", None),
])
def test_question_prompts(text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert cues.question_role(text) == expected


@pytest.mark.parametrize("text,rest,tags", [
    ("Utbilda personal (Ansvar: Socialförvaltningen)", "Utbilda personal", [("body", "Socialförvaltningen")]),
    ("Starta grupp – Ansvarig: Fritid", "Starta grupp", [("body", "Fritid")]),
    ("Ta fram rutin (Region X samordnar)", "Ta fram rutin", [("body", "Region X")]),
    ("Införa SIP (samordnad individuell plan)", "Införa SIP (samordnad individuell plan)", []),
])
def test_split_tags(text: str, rest: str, tags: list) -> None:  # type: ignore[no-untyped-def]
    assert cues.split_tags(text) == (rest, tags)


@pytest.mark.parametrize("text,expected", [
    ("Andel elever som mår bra (Liv och hälsa ung)", ("Andel elever som mår bra", "Liv och hälsa ung")),
    ("Väntetid (verksamhetens journalsystem)", ("Väntetid", "verksamhetens journalsystem")),
    ("Antal SIP (samordnad individuell plan)", ("Antal SIP (samordnad individuell plan)", None)),
])
def test_trailing_source(text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    assert cues.trailing_source(text) == expected


@pytest.mark.parametrize("prev,new,ok", [
    (None, (1,), True), ((2,), (3,), True), ((2,), (2, 1), True), ((3, 1), (3, 2), True),
    ((3, 2), (4,), True),
    ((3, 3), (1,), True), ((3, 3), (2,), False), ((3,), (3, 4), False), ((2,), (7,), False),
])
def test_heading_numbers(prev, new, ok: bool) -> None:  # type: ignore[no-untyped-def]
    assert cues.is_successor(prev, new) is ok


@pytest.mark.parametrize("text,expected", [
    ("Nämndens budgetram uppgår till 412,3 miljoner kronor.", 412300000),
    ("450 000 kr per år", 450000), ("Budget: 150 tkr", 150000), ("inga belopp", None),
    ("2 kr eller 3 kr", None),
])
def test_amount(text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert values.amount(text) == expected


SNIPPETS = [
    # a bare label with plain lines under it, then a blank line ends it
    ("Aktiviteter\nUtbilda lärare.\nTa fram en rutin.\n\nKommunen har många skolor.",
     {(PG.Activity, "Utbilda lärare."), (PG.Activity, "Ta fram en rutin.")}, set()),
    # a bulleted list of action verbs with no label above is a list of activities; other lists are not
    ("Bakgrund\n\n• Utbilda lärare\n• Ta fram en rutin\n\n• Stärkt samverkan\n• Ökad kunskap",
     {(PG.Activity, "Utbilda lärare"), (PG.Activity, "Ta fram en rutin")}, set()),
    # numbered list items are not headings
    ("1 Inledning\n\nÅtgärder:\n1. Utbilda lärare\n2. Anställa kurator\n\n2 Uppföljning\n\nText.",
     {(PG.Activity, "Utbilda lärare"), (PG.Activity, "Anställa kurator")}, set()),
    # an item's own 'Ansvar:' line under it
    ("Aktiviteter\n• Utbilda lärare\nAnsvar: Skolan\n• Anställa kurator\nAnsvar: Elevhälsan",
     {(PG.ResponsibleBody, "Skolan"), (PG.ResponsibleBody, "Elevhälsan")},
     {("Skolan", PG.responsibleFor, "Utbilda lärare"),
      ("Elevhälsan", PG.responsibleFor, "Anställa kurator")}),
    # a label seen again after another label starts the next record
    ("Aktivitet: Utbilda lärare\nAnsvarig: Skolan\nAktivitet: Anställa kurator\nAnsvarig: Elevhälsan",
     {(PG.Activity, "Utbilda lärare")},
     {("Skolan", PG.responsibleFor, "Utbilda lärare"),
      ("Elevhälsan", PG.responsibleFor, "Anställa kurator")}),
    # piped table with an empty merged cell
    (("Mål | Aktivitet | Ansvar | Klart\nFärre unga i utanförskap | Starta feriejobb | AME | 2025\n"
     " | Fler fritidsledare | Fritid | 2026"),
     {(PG.Goal, "Färre unga i utanförskap"), (PG.Activity, "Fler fritidsledare")},
     {("Fler fritidsledare", PG.servesGoal, "Färre unga i utanförskap"), ("Fritid", PG.responsibleFor,
                                                                         "Fler fritidsledare")}),
    # a vertical table without blank lines between rows
    (("Mål\nAktivitet\nIndikator\nFärre fall\nUtbilda personal\nAntal fall\nFler nöjda\nEnkät till brukare\n"
     "Andel nöjda"),
     {(PG.Goal, "Fler nöjda"), (PG.Indicator, "Andel nöjda")},
     {("Fler nöjda", PG.measuredBy, "Andel nöjda"), ("Utbilda personal", PG.servesGoal, "Färre fall")}),
    # a target value column
    ("Nämndmål\nIndikator\nMålvärde 2025\n\nNöjda brukare\nAndel nöjda brukare\n90 %",
     {(PG.Indicator, "Andel nöjda brukare")}, {("Nöjda brukare", PG.measuredBy, "Andel nöjda brukare")}),
    # prose without cues is no entity
    (("Inledning\n\nPsykisk hälsa är viktigt. Kommunen och regionen samverkar sedan länge.\n"
     "Socialtjänsten möter många unga."), set(), set()),
    # a two-column piped table; a list of names wrapped after a comma
    ("Aktivitet | Ansvarig\nUtbilda lärare | Skolan\n\nAnsvarig: Socialförvaltningen,\nRegion Dalarna",
     {(PG.Activity, "Utbilda lärare"), (PG.ResponsibleBody, "Region Dalarna")},
     {("Skolan", PG.responsibleFor, "Utbilda lärare")}),
    # an area named on the line after its cue word; labels qualified by 'för mål 1', 'för uppföljning'
    (("Fokusområde 1\nTrygg uppväxt\n\nMål: Fler barn mår bra\nAktiviteter för mål 1:\n"
      "• Utbilda föräldrar\n\nIndikatorer för uppföljning\n• Andel barn som mår bra"),
     {(PG.FocusArea, "Trygg uppväxt"), (PG.Activity, "Utbilda föräldrar"),
      (PG.Indicator, "Andel barn som mår bra")},
     {("Trygg uppväxt", PG.hasGoal, "Fler barn mår bra"),
      ("Utbilda föräldrar", PG.servesGoal, "Fler barn mår bra"),
      ("Fler barn mår bra", PG.measuredBy, "Andel barn som mår bra")}),
    # bullets of action verbs under 'Mål: …' are its activities
    ("Mål: Färre fallolyckor\n• Utbilda personalen i fallprevention\n• Införa balansträning",
     {(PG.Goal, "Färre fallolyckor"), (PG.Activity, "Införa balansträning")},
     {("Införa balansträning", PG.servesGoal, "Färre fallolyckor")}),
    # a sentence under a bare 'Målgrupp' is prose, read for its cues
    (("Målgrupp\nInsatserna i den här planen riktar sig till föräldrar med barn i förskoleåldern och till "
     "deras pedagoger."), {(PG.TargetGroup, "föräldrar med barn i förskoleåldern")}, set()),
    # question prompts and the answers under them, wrapped over lines
    (("Vad förväntas insatsen uppnå på\nlängre sikt?\nFärre unga vuxna\nmår dåligt.\nHur kan det mätas?\n"
     "Andel unga vuxna som mår bra\nVilken data kan användas för\nmätning?\nLiv och hälsa ung"),
     {(PG.LongTermGoal, "Färre unga vuxna mår dåligt."), (PG.Indicator, "Andel unga vuxna som mår bra"),
      (PG.DataSource, "Liv och hälsa ung")},
     {("Färre unga vuxna mår dåligt.", PG.measuredBy, "Andel unga vuxna som mår bra"),
      ("Andel unga vuxna som mår bra", PG.dataSource, "Liv och hälsa ung")}),
    # 'Fokusområde: 2,4,5' refers to areas by number
    ("Fokusområde: 2,4,5\nMål: Fler får hjälp", {(PG.Goal, "Fler får hjälp")}, set()),
]


@pytest.mark.parametrize("text,nodes,edges", SNIPPETS)
def test_snippets(text: str, nodes: set, edges: set) -> None:  # type: ignore[no-untyped-def]
    g = snippet(text).graph
    found = {(o, str(g.value(s, RDFS.label))) for s, o in g.subject_objects(RDF.type)
             if o not in (PG.Document, PG.Plan)}
    assert nodes <= found if nodes else not found
    for s, p, o in edges:
        assert (s, o) in links(g, p)


def test_snippet_links_stay_in_their_section() -> None:
    g = snippet("1 Barn\n\nMål: Fler barn mår bra\n\n2 Äldre\n\nAktivitet: Öppna träffpunkt\n"
                "Indikator: Antal besök").graph
    assert not links(g, PG.servesGoal)
    assert ("Fler barn mår bra", "Antal besök") not in links(g, PG.measuredBy)
    assert ("Öppna träffpunkt", "Antal besök") in links(g, PG.measuredBy)


def test_table_reader() -> None:
    raw = ["Mål", "Aktivitet", "Ansvar", "Tidsplan", "", "Färre fall", "Utbilda personal i", "fallprevention",
           "Hemtjänsten", "2025", "", "Läs mer i bilagan."]
    found = read_table(clean_lines(raw), 0)
    assert found is not None
    columns, rows, _end = found
    assert [r for r, _c in columns] == ["goal", "activity", "body", "time"]
    assert [[t for t, _s in row] for row in rows] == [["Färre fall", "Utbilda personal i fallprevention",
                                                       "Hemtjänsten", "2025"]]
    assert rows[0][1][1].start == 7 and rows[0][1][1].end == 8
