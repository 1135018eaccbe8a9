"""The project-sheets template: appendix compilations with role lists, sheets and indicator catalogues.

The synthetic document below is written for this test in the template's shape (not copied from a
sample); the sample test checks structural counts and provenance on the bundled Nära vård document.
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from rdflib.namespace import RDF, RDFS, SKOS

from plangraf.loaders.inputs import read_document
from plangraf.loaders.pipeline import extract_document
from plangraf.loaders.templates.project_sheets import (
    ProjectSheetExtractor,
    _mark_lost_bullets,
    _section,
    _sheets,
    _source_names,
    _split_source,
    _titles,
)
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
])
def test_role_lists(tmp_path: Path, heading: str, bullets: list[str], body: bool) -> None:
    path = tmp_path / "roller.txt"
    path.write_text("Inledande text om arbetet.\n\n" + heading + "\n\n" + "\n".join("• " + b for b in bullets)
                    + "\n", encoding="utf-8")
    g = extract_document(read_document(path), "project-sheets").graph
    assert (heading in labels(g, PG.ResponsibleBody)) is body
    assert (set(bullets) <= labels(g, PG.Activity)) is body


@pytest.mark.parametrize("text,expected", [
    ("Nationell patientenkät (SKR)", ["Nationell patientenkät"]),
    ("Journal, PrimärvårdsKvalitet", ["Journal", "PrimärvårdsKvalitet"]),
    ("Liv & hälsa och Liv & hälsa ung (Region Exempel)", ["Liv & hälsa", "Liv & hälsa ung"]),
    ("Registret över insatser inom kommunal hälso- och sjukvård, Socialstyrelsen",
     ["Registret över insatser inom kommunal hälso- och sjukvård"]),
    ("Vad tycker de äldre om äldreomsorgen? Socialstyrelsen.", ["Vad tycker de äldre om äldreomsorgen?"]),
    ("Kommunens kvalitet i korthet (KKiK). Källa: Egen undersökning", ["Kommunens kvalitet i korthet"]),
    ("Ej klar", []),
])
def test_source_names(text: str, expected: list[str]) -> None:
    assert _source_names(text) == expected


@pytest.mark.parametrize("line,expected", [
    ("Fallskador bland äldre Patientregistret", ("Fallskador bland äldre", "Patientregistret")),
    ("Ofrivillig ensamhet – Hälsa på lika villkor", ("Ofrivillig ensamhet", "Hälsa på lika villkor")),
    ("Våld i nära relationer Ej klar", ("Våld i nära relationer", "Ej klar")),
    ("Utskrivningsklara patienter", ("Utskrivningsklara patienter", None)),
    ("Senior Alert", ("", "Senior Alert")),
])
def test_split_source(line: str, expected: tuple[str, str | None]) -> None:
    assert _split_source(line, {"Patientregistret", "Senior Alert"}) == expected


@pytest.mark.parametrize("text,expected", [
    ("Bakgrund", "bakgrund"), ("Förväntat resultat – framtida planering", "förväntat resultat"),
    ("Syfte och metod", "syfte och metod"), ("Tidplan – beräknad tid för genomförandet", None),
    ("Bakgrunden till arbetet", None),
])
def test_section(text: str, expected: str | None) -> None:
    assert _section(text) == expected


# -- the bundled sample ----------------------------------------------------------------------------
SAMPLE = next(Path(str(resources.files("plangraf.samples"))).glob("001_*.txt"), None)


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    if SAMPLE is None:
        pytest.skip("sample 001 not bundled")
    doc = read_document(SAMPLE)
    return doc, extract_document(doc, "project-sheets").graph


def test_sample_structure(sample) -> None:  # type: ignore[no-untyped-def]
    doc, g = sample
    lines = _mark_lost_bullets(doc)
    sheets = _sheets(lines, _titles(lines))
    assert len(sheets) >= 15  # 2 role descriptions + the satsningar
    assert sum(1 for t in doc.text().splitlines() if t.startswith("Indikator Mått Datakälla")) == 7
    measured = {s for s, _ in g.subject_objects(PG.measuredBy)}
    assert len(measured & set(g.subjects(RDF.type, PG.Goal))) >= 7
    assert len(set(g.subjects(RDF.type, PG.Indicator))) >= 25
    assert len(set(g.subject_objects(PG.dataSource))) >= 30
    assert len(labels(g, PG.Malbild)) >= 3


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
