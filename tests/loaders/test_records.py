"""Field records read by the general stages (plangraf.loaders.records, records_roles): project
sheets, role descriptions and role lists, label-line blocks, challenge tables, focus-area cues and
prerequisites.

Every text here is written for the test in the layout's shape (none is copied from a sample, and
glyph-less lists are written without the leading spaces a PDF transcript may keep).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.inputs import read_document
from plangraf.loaders.pipeline import extract_document
from plangraf.loaders.records import read_records
from plangraf.loaders.records_text import VOCAB, section
from plangraf.namespace import PG
from tests.loaders.stagegraph import labels, links, stage_graph

RECORDS = """Bilaga 3. Beskrivningar av satsningar

Uppdragsbeskrivning Lokal samordnare för SIP i länet

Bakgrund
Kommunerna har kommit överens om att utse en samordnare var.

Uppdrag
Sammankalla nätverket för SIP
Sprida kunskap om samordnad individuell plan i
den egna kommunen

Tidsåtgång
Minst 20 procent av en heltid.

Trygg hemgång

Bakgrund
Många äldre skrivs in på sjukhus igen kort efter att de kommit hem och saknar då stöd.

Syfte
Syftet är att minska antalet återinläggningar bland äldre efter utskriv-
ning. Vidare är syftet att stärka samarbetet mellan kommun och region.

Tidplan
Januari 2024 till december 2025.

Metod
Arbetet leds av Hemgångsteamet Norr. Två processledare har anställts på Regionalt utvecklingsstöd.

Resultat
En gemensam målbild är framtagen: alla äldre ska kunna återvända hem tryggt.
Målsättningen med arbetet är att:
• En rutin för uppföljning efter utskrivning finns
• Alla kommuner använder samma checklista

Digital vårdplanering

Bakgrund
Information mellan vårdgivare når inte alltid fram i tid.

Mål
• Alla vårdplaneringar sker digitalt

Aktiviteter
• Införa ett gemensamt planeringsverktyg
• Utbilda personalen i verktyget

Ansvarig
Kommunförbundet och Regionens IT-enhet

Budget
Projektet har en budget på 2 miljoner kronor.

Vad krävs? (förutsättningar)

Ledarskap – Cheferna behöver ge tid åt förändringsarbetet.

Gemensam data – Uppföljningen bygger på delade register.

Ledningsstruktur

Styrgruppen

Beslutar om prioriteringar
Följer upp resultat av satsningarna

Utbildning i motiverande samtal 2024

Syftet med utbildningen:
Att ge personalen ett gemensamt förhållningssätt
Målgrupp:
Sjuksköterskor i hemsjukvården
Biståndshandläggare
Utbildare: Lärare från Kunskapscentrum Syd

"""


def stage(text: str) -> Graph:
    """What the record stage alone makes of a text (no other stage runs)."""
    return stage_graph(text, read_records)


@pytest.fixture(scope="module")
def records() -> Graph:
    return stage(RECORDS)


@pytest.mark.parametrize("cls,label", [
    (PG.Activity, "Trygg hemgång"),
    (PG.Goal, "minska antalet återinläggningar bland äldre efter utskrivning"),
    (PG.Goal, "stärka samarbetet mellan kommun och region"),
    (PG.Goal, "En rutin för uppföljning efter utskrivning finns"),
    (PG.Malbild, "alla äldre ska kunna återvända hem tryggt"),
    (PG.ResponsibleBody, "Styrgruppen"),
    (PG.Activity, "Beslutar om prioriteringar"),
    (PG.Activity, "Utbildning i motiverande samtal 2024"),
    (PG.TargetGroup, "Biståndshandläggare"),
    (PG.ResponsibleBody, "Kunskapscentrum Syd"),
    (PG.Assumption, "Ledarskap"),
    (PG.Assumption, "Gemensam data"),
])
def test_nodes(records: Graph, cls, label: str) -> None:  # type: ignore[no-untyped-def]
    assert label in labels(records, cls)


@pytest.mark.parametrize("pred,pair", [
    (PG.servesGoal, ("Trygg hemgång", "minska antalet återinläggningar bland äldre efter utskrivning")),
    (PG.servesGoal, ("Trygg hemgång", "Alla kommuner använder samma checklista")),
    (PG.hasMalbild, ("Trygg hemgång", "alla äldre ska kunna återvända hem tryggt")),
    (PG.responsibleFor, ("Hemgångsteamet Norr", "Trygg hemgång")),
    (PG.responsibleFor, ("Regionalt utvecklingsstöd", "Trygg hemgång")),
    (PG.responsibleFor, ("Styrgruppen", "Följer upp resultat av satsningarna")),
    (PG.servesGoal, ("Utbildning i motiverande samtal 2024", "Att ge personalen ett gemensamt förhållningssätt")),
    (PG.targetGroup, ("Utbildning i motiverande samtal 2024", "Sjuksköterskor i hemsjukvården")),
    (PG.responsibleFor, ("Kunskapscentrum Syd", "Utbildning i motiverande samtal 2024")),
    (PG.responsibleFor, ("Lokal samordnare", "Sammankalla nätverket för SIP")),
    (PG.responsibleFor, ("Lokal samordnare", "Sprida kunskap om samordnad individuell plan i den egna kommunen")),
    (PG.servesGoal, ("Digital vårdplanering", "Alla vårdplaneringar sker digitalt")),
    (PG.partOf, ("Utbilda personalen i verktyget", "Digital vårdplanering")),
    (PG.responsibleFor, ("Regionens IT-enhet", "Digital vårdplanering")),
    (PG.responsibleFor, ("Kommunförbundet", "Digital vårdplanering")),
    (PG.budget, ("Digital vårdplanering", "Projektet har en budget på 2 miljoner kronor")),
])
def test_links(records: Graph, pred, pair: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert pair in links(records, pred)


def test_budget_amount_and_assumptions(records: Graph) -> None:
    budget = next(records.subjects(RDF.type, PG.Budget))
    assert str(records.value(budget, PG.amount)) == "2 miljoner"
    assert labels(records, PG.Assumption) == {"Ledarskap", "Gemensam data"}


def test_nothing_invented(records: Graph) -> None:
    assert "Ledningsstruktur" not in labels(records, PG.ResponsibleBody) | labels(records, PG.Activity)
    assert not {g for g in labels(records, PG.Goal) if "saknar stöd" in g}   # a Bakgrund states no goal


def test_the_general_pipeline_reads_records(tmp_path: Path) -> None:
    """No template is asked for: the default extraction and ``--template general`` read the records."""
    path = tmp_path / "bilagor.txt"
    path.write_text(RECORDS, encoding="utf-8")
    doc = read_document(path)
    for template in (None, "general"):
        g = extract_document(doc, template).graph
        assert ("Digital vårdplanering", "Alla vårdplaneringar sker digitalt") in links(g, PG.servesGoal)
        assert ("Lokal samordnare", "Sammankalla nätverket för SIP") in links(g, PG.responsibleFor)


def test_a_plain_plan_has_no_records() -> None:
    g = stage("Handlingsplan 2024\n\nMål 1: Fler ska må bra\nAktivitet: Föreläsningar\n\n"
              "Bakgrund\nKommunen har arbetat med frågan länge.\n")
    assert len(g) == len(GraphBuilder("t", "t.txt").graph)   # the source file's own triples only


def test_a_label_with_its_value_is_no_body() -> None:
    """'Planen, målområde: X' over a list of goals labels them; it names no body."""
    g = stage("Inledande text.\n\nRegionplanen, målområde: God hälsa\n\n• Hälsan ska vara god.\n"
              "• Skillnaderna ska minska.\n")
    assert not labels(g, PG.ResponsibleBody)


@pytest.mark.parametrize("heading,bullets,body", [
    ("Styrelsen", ["Beslutar om budget", "Följer upp arbetet"], True),
    ("Samordnarna", ["Ansvarar för nätverket", "Håller i utbildningar"], True),
    ("Målgrupper", ["Barn och unga", "Äldre personer"], False),
    ("Prioriterade områden", ["Insatser för unga", "Aktiviteter för äldre"], False),
    ("Nämnden för vård och omsorg", ["Mottagningar i länet", "Vårdcentraler"], True),  # cue in its own words
    ("Att följa upp", ["Har personalen fått utbildning?", "Har rutinen införts?"], False),  # a checklist
    ("Kontrollpunkter", ["Har personalen fått utbildning?", "Har rutinen införts?"], False),  # not tasks
    ("Hur ska vi följa upp samverkan?", ["Beslutar om mått", "Följer upp resultat"], False),
    ("Kommuner)", ["Etablerar samverkan", "Samordnar insatser"], False),  # a cut-off table cell
    ("Studiebesök på Region Exempel", ["Mottagningen i Exempelstad", "Vårdcentralen Norr"], False),
    ("Kommunernas strategiska mål", ["Stärka kompetensen", "Öka samverkan"], False),
])
def test_role_lists(heading: str, bullets: list[str], body: bool) -> None:
    g = stage("Inledande text om arbetet.\n\n" + heading + "\n\n" + "\n".join("• " + b for b in bullets) + "\n")
    assert (heading in labels(g, PG.ResponsibleBody)) is body
    assert (set(bullets) <= labels(g, PG.Activity)) is body


@pytest.mark.parametrize("text,area", [
    ("Arbetet faller inom fokusområdet: Psykisk hälsa hos unga.", "Psykisk hälsa hos unga"),
    ("Fokusområde: 3,5", None),  # areas referred to by number are named elsewhere
    ("Fokusområde: 1, 4 och 5", None),
])
def test_focus_area_cue(text: str, area: str | None) -> None:
    g = stage("Inledande text om arbetet.\n\n" + text + "\n")
    assert labels(g, PG.FocusArea) == ({area} if area else set())


def test_a_plan_names_its_focus_areas_in_a_list() -> None:
    g = stage("Inledning\n\nKommunen har tagit fram en gemensam handlingsplan som innefattar två fokusområden:\n"
              "1. Trygga skolvägar\n2. Stöd till föräldrar\n")
    assert links(g, PG.hasFocusArea) == {("gemensam handlingsplan", "Trygga skolvägar"),
                                         ("gemensam handlingsplan", "Stöd till föräldrar")}


def test_course_title_is_no_fragment() -> None:
    g = stage("Kurs i samtalsmetodik\n\nDeltagande i\nSyftet med kursen: Att stärka samtalen\nMålgrupp: Kuratorer\n")
    assert ("Kurs i samtalsmetodik", "Kuratorer") in links(g, PG.targetGroup)
    assert "Deltagande i" not in labels(g, PG.Activity)


SHEET = """Bilaga 2. Satsningar

Stöd till unga föräldrar

Bakgrund
Många unga föräldrar saknar stöd under det första året.

Syfte
Arbetet pågår i tre kommuner. Syftet med den långa uppföljningsstudien av unga föräldrar i hela länet är att
få bättre kunskap om behoven.

Metod
Arbetet sker i samverkan med mödravården. Planerat arbete under 2024:
• Ansökan om medel för fler grupper
• Utbildning av gruppledare

Förväntat resultat
Förväntat resultat är att alla kommuner erbjuder föräldragrupper. Förhoppningen är att färre
föräldrar känner sig ensamma.
"""


@pytest.mark.parametrize("pred,pair", [
    (PG.servesGoal, ("Stöd till unga föräldrar", "få bättre kunskap om behoven")),  # long "Syftet med ... är att"
    (PG.servesGoal, ("Stöd till unga föräldrar", "alla kommuner erbjuder föräldragrupper")),  # "Förväntat resultat är att"
    (PG.servesGoal, ("Stöd till unga föräldrar", "färre föräldrar känner sig ensamma")),  # "Förhoppningen är att"
    (PG.partOf, ("Ansökan om medel för fler grupper", "Stöd till unga föräldrar")),  # "Planerat arbete ...:"
    (PG.partOf, ("Utbildning av gruppledare", "Stöd till unga föräldrar")),
])
def test_sheet_cues(pred, pair: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert pair in links(stage(SHEET), pred)


def test_sheet_background_is_not_a_goal() -> None:
    assert not {g for g in labels(stage(SHEET), PG.Goal) if "saknar stöd" in g}


@pytest.mark.parametrize("text,expected", [
    ("Bakgrund", "bakgrund"), ("Förväntat resultat – framtida planering", "förväntat resultat"),
    ("Syfte och metod", "syfte och metod"), ("Tidplan – beräknad tid för genomförandet", None),
    ("Bakgrunden till arbetet", None),
])
def test_section(text: str, expected: str | None) -> None:
    assert section(text) == expected


def test_section_words_come_from_the_vocabulary() -> None:
    words = [w for ws in VOCAB["sections"].values() for w in ws]
    assert words and all(section(w.capitalize()) == w for w in words)


def test_glyphless_task_list_under_a_body_heading() -> None:
    """Text that lost its bullet glyphs: one task per line that opens with a present-tense verb,
    a wrapped line joined to its task; a prose paragraph after a blank line is no task."""
    g = stage("Inledande text om arbetet.\n\nSamordningsgruppen\n\nBeslutar om gemensamma mål\n"
              "Tar fram en plan för uppföljning tillsammans med\nkommunerna\n\n"
              "Gruppen möts fyra gånger per år och protokollen publiceras.\n")
    assert ("Samordningsgruppen", "Tar fram en plan för uppföljning tillsammans med kommunerna") \
        in links(g, PG.responsibleFor)
    assert ("Samordningsgruppen", "Beslutar om gemensamma mål") in links(g, PG.responsibleFor)
    assert not {a for a in labels(g, PG.Activity) if a.startswith("Gruppen möts")}


def test_glyphless_lines_need_a_named_body() -> None:
    g = stage("Inledande text om arbetet.\n\nViktiga frågor\n\nBeslutar om gemensamma mål\nFöljer upp resultat\n")
    assert "Viktiga frågor" not in labels(g, PG.ResponsibleBody)


def test_challenge_table_rows_run_together() -> None:
    """A table flattened to single-spaced lines: the row's name ends where its question begins."""
    g = stage("Tabell 2. Teamens frågor\n\nTeam Utmaning Metod\n\nNätverket Norr Hur kan vi nå\n"
              "fler unga i glesbygden?\n\nDialogen ger underlag.\n\nSkolteamet Vad behövs för att\n"
              "elever ska hitta stöd?\n")
    assert ("Nätverket Norr", "Hur kan vi nå fler unga i glesbygden?") in links(g, PG.responsibleFor)
    assert ("Skolteamet", "Vad behövs för att elever ska hitta stöd?") in links(g, PG.responsibleFor)


@pytest.mark.parametrize("heading,role", [
    ("Uppdragsbeskrivning Lokal samordnare för länet", "Lokal samordnare"),
    ("Uppdragsbeskrivning – Uppdaterad Regional koordinator inom vården", "Regional koordinator"),
])
def test_role_description_heading(heading: str, role: str) -> None:
    g = stage(f"{heading}\n\nBakgrund\nEn roll behövs i varje kommun.\n\nUppdrag\n"
              "• Leda det lokala nätverket\n• Rapportera till styrgruppen\n\nTidsåtgång\nEn dag i veckan.\n")
    assert (role, "Leda det lokala nätverket") in links(g, PG.responsibleFor)


def test_body_heading_without_blank_lines() -> None:
    """Text with no blank lines at all (as a PDF reader gives it): a body's name straight above
    its task lines still heads them."""
    g = stage("Inledande text om arbetet som pågår i hela länet under året.\nLedningsgruppen\n"
              "Beslutar om inriktning\nFöljer upp resultat\nArbetsgruppen\nTar fram underlag\nGenomför aktiviteter\n")
    assert ("Ledningsgruppen", "Följer upp resultat") in links(g, PG.responsibleFor)
    assert ("Arbetsgruppen", "Tar fram underlag") in links(g, PG.responsibleFor)
    assert ("Ledningsgruppen", "Tar fram underlag") not in links(g, PG.responsibleFor)


def test_a_label_value_wrapped_over_lines_is_read_whole() -> None:
    """A label line's value goes on in the lines below it (a blank line between, as PDF text may
    have it) while they open in lower case or the line before ends on a comma or connecting word."""
    g = stage("Samverkan kring skolnärvaro\n\nMålgrupp: Elevhälsans personal, socialtjänsten,\n\n"
              "fritidsgårdarna och\nföreningslivet i kommunen\n\nSyfte: Att fler elever ska gå i skolan.\n\n"
              "Tidsperiod: Två år.\n")
    assert ("Samverkan kring skolnärvaro",
            "Elevhälsans personal, socialtjänsten, fritidsgårdarna och föreningslivet i kommunen") \
        in links(g, PG.targetGroup)
    assert ("Samverkan kring skolnärvaro", "Att fler elever ska gå i skolan") in links(g, PG.servesGoal)


def test_a_label_line_above_a_block_is_no_title() -> None:
    g = stage("Inledning.\n\nOmråde: Trygghet\n\nMålgrupp: Äldre personer\n\nSyfte: Att minska oron.\n")
    assert not labels(g, PG.Activity)


@pytest.mark.parametrize("sentence,body", [
    ("Projektägare = Länets kommunförbund.", "Länets kommunförbund"),
    ("Två utvecklare har rekryterats till Kunskapsnavet och börjar i höst.", "Kunskapsnavet"),
    ("Region Exempel har fått i uppdrag att samordna arbetet.", "Region Exempel"),
    ("Samordnarna har sin anställning (Familjeteamet Syd) men arbetar i hela länet.", "Familjeteamet Syd"),
])
def test_who_answers_for_a_sheet(sentence: str, body: str) -> None:
    g = stage(f"Barnens hälsa i fokus\n\nBakgrund\nFler barn behöver stöd.\n\nMetod\n{sentence}\n\n"
              "Tidplan\nHösten 2025.\n")
    assert (body, "Barnens hälsa i fokus") in links(g, PG.responsibleFor)


def test_a_block_under_prose_has_no_title() -> None:
    """The title of a label-line block stands right above it; a sentence between ends the search."""
    g = stage("Besök i hemmet\n\nVi erbjuder stöd till\nalla familjer.\n\nMålgrupp: Nyblivna föräldrar\n"
              "Syfte: Att stärka föräldrarna.\n")
    assert not labels(g, PG.Activity)


@pytest.mark.parametrize("heading,body", [
    ("Beredningsgrupperna", True),    # the cue is the compound's head, with its ending
    ("Arbetsgruppsmöten", False),     # the cue inside a compound whose head is something else
    ("Kommunförbundet", True),
])
def test_a_body_cue_ends_its_word(heading: str, body: bool) -> None:
    """Lines without glyphs under a heading are its tasks only where the heading names a body."""
    g = stage(f"Inledande text om arbetet.\n\n{heading}\n\nPlaneringsträffar\nUppföljningsträffar\n")
    assert (heading in labels(g, PG.ResponsibleBody)) is body


def test_prerequisites_are_named_by_their_heading_line() -> None:
    """A title whose wrapped tail mentions prerequisites in passing heads no prerequisite list."""
    g = stage("Inledning.\n\nStarkt stöd till\nföreningarna\n(förutsättningar finns)\n\n"
              "Friluftsliv för alla – Kommunens plan för friluftslivet i skogarna och vid sjöarna 2025–2030\n")
    assert not labels(g, PG.Assumption)
