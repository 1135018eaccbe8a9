"""The project-sheets template: appendix compilations with role lists, sheets and indicator catalogues.

Every text here is written for the test in the template's shape (none is copied from a sample,
and glyph-less lists are written without the leading spaces a PDF transcript may keep); the one
test on the bundled sample checks only that provenance quotes lie within their lines.
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from rdflib.namespace import RDF, RDFS, SKOS

from plangraf.loaders.inputs import read_document
from plangraf.loaders.pipeline import extract_document
from plangraf.loaders.templates.project_sheets import ProjectSheetExtractor
from plangraf.loaders.templates.project_sheets._text import section
from plangraf.loaders.templates.project_sheets.indicators import catalogue_names, source_names, split_source
from plangraf.namespace import OA, PG

SYNTHETIC = """Bilaga 3. Beskrivningar av satsningar

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

Målområde Trygghet
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


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("ps") / "bilagor.txt"
    path.write_text(SYNTHETIC, encoding="utf-8")
    doc = read_document(path)
    return doc, extract_document(doc, "project-sheets").graph


def labels(g, cls):  # type: ignore[no-untyped-def]
    return {str(g.value(s, RDFS.label)) for s in g.subjects(RDF.type, cls)}


def links(g, p):  # type: ignore[no-untyped-def]
    return {(str(g.value(s, RDFS.label)), str(g.value(o, RDFS.label))) for s, o in g.subject_objects(p)}


def test_matches_the_template_only(synthetic) -> None:  # type: ignore[no-untyped-def]
    doc, _ = synthetic
    assert ProjectSheetExtractor().matches(doc) >= 0.5


def test_matches_rejects_a_plain_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("Handlingsplan 2024\n\nMål 1: Fler ska må bra\nAktivitet: Föreläsningar\n", encoding="utf-8")
    assert ProjectSheetExtractor().matches(read_document(path)) < 0.5


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
    (PG.FocusArea, "Trygghet"),
    (PG.Goal, "Tryggt boende"),
    (PG.Indicator, "Andel äldre som känner sig trygga"),
    (PG.Indicator, "Återinläggningar inom 30 dagar"),
    (PG.DataSource, "Nationell brukarundersökning"),
    (PG.DataSource, "Patientregistret"),
    (PG.Assumption, "Ledarskap"),
    (PG.Assumption, "Gemensam data"),
])
def test_nodes(synthetic, cls, label) -> None:  # type: ignore[no-untyped-def]
    assert label in labels(synthetic[1], cls)


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
    (PG.hasGoal, ("Trygghet", "Tryggt boende")),
    (PG.measuredBy, ("Tryggt boende", "Andel äldre som känner sig trygga")),
    (PG.measuredBy, ("Tryggt boende", "Återinläggningar inom 30 dagar")),
    (PG.dataSource, ("Andel äldre som känner sig trygga", "Nationell brukarundersökning")),
    (PG.dataSource, ("Återinläggningar inom 30 dagar", "Patientregistret")),
    (PG.responsibleFor, ("Lokal samordnare", "Sammankalla nätverket för SIP")),
    (PG.responsibleFor, ("Lokal samordnare", "Sprida kunskap om samordnad individuell plan i den egna kommunen")),
    (PG.servesGoal, ("Digital vårdplanering", "Alla vårdplaneringar sker digitalt")),
    (PG.partOf, ("Utbilda personalen i verktyget", "Digital vårdplanering")),
    (PG.responsibleFor, ("Regionens IT-enhet", "Digital vårdplanering")),
    (PG.responsibleFor, ("Kommunförbundet", "Digital vårdplanering")),
    (PG.budget, ("Digital vårdplanering", "Projektet har en budget på 2 miljoner kronor")),
])
def test_links(synthetic, pred, pair) -> None:  # type: ignore[no-untyped-def]
    assert pair in links(synthetic[1], pred)


def test_card_merges_into_catalogue_indicator(synthetic) -> None:  # type: ignore[no-untyped-def]
    g = synthetic[1]
    assert len(labels(g, PG.Indicator)) == 2  # the card's longer title is an altLabel, not a new node
    node = next(s for s in g.subjects(RDF.type, PG.Indicator)
                if str(g.value(s, RDFS.label)) == "Andel äldre som känner sig trygga")
    assert str(g.value(node, SKOS.altLabel)) == "Andel äldre som känner sig trygga i hemmet"
    assert str(g.value(node, PG.targetValue)) == "80 procent"


def test_budget_amount_and_assumption_link(synthetic) -> None:  # type: ignore[no-untyped-def]
    g = synthetic[1]
    budget = next(g.subjects(RDF.type, PG.Budget))
    assert str(g.value(budget, PG.amount)) == "2 miljoner"
    assumed = {str(g.value(o, RDFS.label)) for o in g.objects(None, PG.assumes)}
    assert assumed == {"Ledarskap", "Gemensam data"}


def test_nothing_invented(synthetic) -> None:  # type: ignore[no-untyped-def]
    g = synthetic[1]
    assert "Ledningsstruktur" not in labels(g, PG.ResponsibleBody) | labels(g, PG.Activity)
    assert "Socialstyrelsen" not in labels(g, PG.DataSource)  # publisher, not a source


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
def test_role_lists(tmp_path: Path, heading: str, bullets: list[str], body: bool) -> None:
    path = tmp_path / "roller.txt"
    path.write_text("Inledande text om arbetet.\n\n" + heading + "\n\n" + "\n".join("• " + b for b in bullets)
                    + "\n", encoding="utf-8")
    g = extract_document(read_document(path), "project-sheets").graph
    assert (heading in labels(g, PG.ResponsibleBody)) is body
    assert (set(bullets) <= labels(g, PG.Activity)) is body



@pytest.mark.parametrize("text,area", [
    ("Arbetet faller inom fokusområdet: Psykisk hälsa hos unga.", "Psykisk hälsa hos unga"),
    ("Fokusområde: 3,5", None),  # areas referred to by number are named elsewhere
    ("Fokusområde: 1, 4 och 5", None),
])
def test_focus_area_cue(tmp_path: Path, text: str, area: str | None) -> None:
    path = tmp_path / "fokus.txt"
    path.write_text("Inledande text om arbetet.\n\n" + text + "\n", encoding="utf-8")
    g = extract_document(read_document(path), "project-sheets").graph
    assert labels(g, PG.FocusArea) == ({area} if area else set())


def test_course_title_is_no_fragment(tmp_path: Path) -> None:
    path = tmp_path / "kurs.txt"
    path.write_text("Kurs i samtalsmetodik\n\nDeltagande i\nSyftet med kursen: Att stärka samtalen\n"
                    "Målgrupp: Kuratorer\n", encoding="utf-8")
    g = extract_document(read_document(path), "project-sheets").graph
    assert ("Kurs i samtalsmetodik", "Kuratorer") in links(g, PG.targetGroup)
    assert "Deltagande i" not in labels(g, PG.Activity)


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


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("sheet") / "satsning.txt"
    path.write_text(SHEET, encoding="utf-8")
    return extract_document(read_document(path), "project-sheets").graph


@pytest.mark.parametrize("pred,pair", [
    (PG.servesGoal, ("Stöd till unga föräldrar", "få bättre kunskap om behoven")),  # long "Syftet med ... är att"
    (PG.servesGoal, ("Stöd till unga föräldrar", "alla kommuner erbjuder föräldragrupper")),  # "Förväntat resultat är att"
    (PG.servesGoal, ("Stöd till unga föräldrar", "färre föräldrar känner sig ensamma")),  # "Förhoppningen är att"
    (PG.partOf, ("Ansökan om medel för fler grupper", "Stöd till unga föräldrar")),  # "Planerat arbete ...:"
    (PG.partOf, ("Utbildning av gruppledare", "Stöd till unga föräldrar")),
])
def test_sheet_cues(sheet, pred, pair) -> None:  # type: ignore[no-untyped-def]
    assert pair in links(sheet, pred)


def test_sheet_background_is_not_a_goal(sheet) -> None:  # type: ignore[no-untyped-def]
    assert not {g for g in labels(sheet, PG.Goal) if "saknar stöd" in g}


@pytest.mark.parametrize("text,expected", [
    ("Bakgrund", "bakgrund"), ("Förväntat resultat – framtida planering", "förväntat resultat"),
    ("Syfte och metod", "syfte och metod"), ("Tidplan – beräknad tid för genomförandet", None),
    ("Bakgrunden till arbetet", None),
])
def test_section(text: str, expected: str | None) -> None:
    assert section(text) == expected


# -- the bundled sample ----------------------------------------------------------------------------
SAMPLE = next(Path(str(resources.files("plangraf.samples"))).glob("001_*.txt"), None)


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    if SAMPLE is None:
        pytest.skip("sample 001 not bundled")
    doc = read_document(SAMPLE)
    return doc, extract_document(doc, "project-sheets").graph


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


def test_sample_quotes_within_their_lines(sample) -> None:  # type: ignore[no-untyped-def]
    doc, g = sample
    bad = []
    for src in g.subjects(RDF.type, OA.SpecificResource):
        start, end = int(g.value(src, PG.startLine)), int(g.value(src, PG.endLine))
        quote = str(g.value(g.value(src, OA.hasSelector), OA.exact) or "")
        text = " ".join(ln.text for ln in doc.lines if start <= ln.start and ln.end <= end)
        raw = " ".join(doc.raw_lines[start - 1:end])
        if quote and squash(quote) not in squash(text) and squash(quote) not in squash(raw):
            bad.append((start, end, quote[:60]))
    assert not bad, bad[:5]


# -- general mechanisms on small texts written for the test -------------------------------------------
def _graph(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return extract_document(read_document(path), "project-sheets").graph


def test_glyphless_task_list_under_a_body_heading(tmp_path: Path) -> None:
    """Text that lost its bullet glyphs: one task per line that opens with a present-tense verb,
    a wrapped line joined to its task; a prose paragraph after a blank line is no task."""
    g = _graph(tmp_path, "Inledande text om arbetet.\n\nSamordningsgruppen\n\nBeslutar om gemensamma mål\n"
                         "Tar fram en plan för uppföljning tillsammans med\nkommunerna\n\n"
                         "Gruppen möts fyra gånger per år och protokollen publiceras.\n")
    assert ("Samordningsgruppen", "Tar fram en plan för uppföljning tillsammans med kommunerna") \
        in links(g, PG.responsibleFor)
    assert ("Samordningsgruppen", "Beslutar om gemensamma mål") in links(g, PG.responsibleFor)
    assert not {a for a in labels(g, PG.Activity) if a.startswith("Gruppen möts")}


def test_glyphless_lines_need_a_named_body(tmp_path: Path) -> None:
    g = _graph(tmp_path, "Inledande text om arbetet.\n\nViktiga frågor\n\nBeslutar om gemensamma mål\n"
                         "Följer upp resultat\n")
    assert "Viktiga frågor" not in labels(g, PG.ResponsibleBody)


def test_challenge_table_rows_run_together(tmp_path: Path) -> None:
    """A table flattened to single-spaced lines: the row's name ends where its question begins."""
    g = _graph(tmp_path, "Tabell 2. Teamens frågor\n\nTeam Utmaning Metod\n\nNätverket Norr Hur kan vi nå\n"
                         "fler unga i glesbygden?\n\nDialogen ger underlag.\n\nSkolteamet Vad behövs för att\n"
                         "elever ska hitta stöd?\n")
    assert ("Nätverket Norr", "Hur kan vi nå fler unga i glesbygden?") in links(g, PG.responsibleFor)
    assert ("Skolteamet", "Vad behövs för att elever ska hitta stöd?") in links(g, PG.responsibleFor)


@pytest.mark.parametrize("heading,role", [
    ("Uppdragsbeskrivning Lokal samordnare för länet", "Lokal samordnare"),
    ("Uppdragsbeskrivning – Uppdaterad Regional koordinator inom vården", "Regional koordinator"),
])
def test_role_description_heading(tmp_path: Path, heading: str, role: str) -> None:
    g = _graph(tmp_path, f"{heading}\n\nBakgrund\nEn roll behövs i varje kommun.\n\nUppdrag\n"
                         "• Leda det lokala nätverket\n• Rapportera till styrgruppen\n\nTidsåtgång\nEn dag i veckan.\n")
    assert (role, "Leda det lokala nätverket") in links(g, PG.responsibleFor)


def test_section_words_come_from_the_yaml() -> None:
    from plangraf.loaders.templates.project_sheets._text import VOCAB
    words = [w for kind, ws in VOCAB["sections"].items() if kind != "core" for w in ws]
    assert words and all(section(w.capitalize()) == w for w in words)


def test_body_heading_without_blank_lines(tmp_path: Path) -> None:
    """Text with no blank lines at all (as a PDF reader gives it): a body's name straight above
    its task lines still heads them."""
    g = _graph(tmp_path, "Inledande text om arbetet som pågår i hela länet under året.\nLedningsgruppen\n"
                         "Beslutar om inriktning\nFöljer upp resultat\nArbetsgruppen\nTar fram underlag\n"
                         "Genomför aktiviteter\n")
    assert ("Ledningsgruppen", "Följer upp resultat") in links(g, PG.responsibleFor)
    assert ("Arbetsgruppen", "Tar fram underlag") in links(g, PG.responsibleFor)
    assert ("Ledningsgruppen", "Tar fram underlag") not in links(g, PG.responsibleFor)


def test_catalogue_without_blank_lines(tmp_path: Path) -> None:
    """A catalogue whose cells arrive one line after another: the Indikator cell ends at its full
    stop, a Datakälla cell at a known source's end, a closing bracket or a publisher's name."""
    g = _graph(tmp_path, "Målområde Trygghet\nIndikator Mått Datakälla\nTryggt boende – individen\n"
                         "ska känna sig trygg hemma.\nAndel äldre som känner\nsig trygga\n"
                         "Patientregistret (Socialstyrelsen)\nBesök av hemtjänst per vecka\n"
                         "– Verksamhetssystem, Socialstyrelsen\nÅterinläggningar inom 30 dagar\n"
                         "Patientregistret\n")
    assert ("Trygghet", "Tryggt boende") in links(g, PG.hasGoal)
    assert ("Andel äldre som känner sig trygga", "Patientregistret") in links(g, PG.dataSource)
    assert ("Besök av hemtjänst per vecka", "Verksamhetssystem") in links(g, PG.dataSource)
    assert ("Tryggt boende", "Återinläggningar inom 30 dagar") in links(g, PG.measuredBy)
    assert not {s for s in labels(g, PG.DataSource) if "Återinläggningar" in s}
