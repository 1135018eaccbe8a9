"""The development-areas template: flattened goal / activity / responsible tables per area."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import PROV, RDF, RDFS

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.inputs import read_document
from plangraf.loaders.templates.development_areas import DevelopmentAreaExtractor
from plangraf.loaders.templates.development_areas_table import join_text, role_cue, role_split, verb_cue
from plangraf.loaders.text import clean_lines
from plangraf.namespace import OA, PG

SAMPLES = Path(__file__).resolve().parents[2] / "plangraf" / "samples"

# Written for this test in the template's shape: the table columns come one after another,
# wrapped at their own widths, as PDF-to-text leaves them.
SYNTHETIC = """\
Handlingsplan för psykisk hälsa 2018

Enligt överenskommelsen ”Vägen till bättre psykisk hälsa 2018” ska planen omfatta tre fokus-
områden (1. Främjande arbete 2. Tidiga insatser 3. Styrning och ledning) samt mål och aktiviteter.
Planens utvecklingsområden finansieras genom de projektmedel som kommunerna har fått.

3.1 Utvecklingsområde: Psykisk hälsa i
skolan

Nulägesbeskrivning: Elevhälsan når inte alla elever som behöver stöd.

Utvecklingsbehov: Gemensamma rutiner behöver tas fram.

Mål Lång sikt (5 år) Kort sikt
(1 år)

Aktiviteter 2018 Ansvariga verksam-
heter/funktioner

L: Alla elever med psykisk
ohälsa får stöd i rätt tid.

K: Rutiner för elevhälso-
arbetet är framtagna.

Kartlägga elevhälsans arbete i samtliga
kommuner och sammanställa resultatet.

Tillsätta en arbetsgrupp som får i
uppdrag att:
- Beskriva skolans ansvar
- Beskriva elevhälsans ansvar

Utbildningsförvaltningen
Elevhälsans samordnare
Rektorer
L: Skolfrånvaron minskar i
alla kommuner.

Inventera orsakerna till hög frånvaro
bland eleverna i årskurs 7-9.

Skolchefer

Fokusområde: 2,3

Indikatorer för uppföljning:
- Andel elever med stöd i Elevhälsoenkäten
- Rutin är framtagen Ja/Nej

3.2 Ledning och styrning

Nulägesbeskrivning: Samverkan mellan huvudmännen är inte formaliserad.

Utvecklingsbehov: En ny struktur behövs.

Mål Lång sikt (5 år) Kort sikt (1 år)
Aktiviteter 2018 Ansvariga verksamheter/funktioner

En gemensam struktur för
samverkan finns
Utarbeta ett förslag om ny samverkans-
struktur. Socialchefer

Fokusområde: 3

Indikatorer för uppföljning:
- Förslag är framtaget Ja/Nej
"""


def make_doc(text: str, name: str = "synthetic") -> SourceDocument:
    raw = text.splitlines()
    return SourceDocument(path=Path(f"{name}.txt"), doc_id=name, raw_lines=raw, lines=clean_lines(raw))


def extract(doc: SourceDocument) -> GraphBuilder:
    builder = GraphBuilder(doc.doc_id, doc.file_name, extractor="development-areas")
    builder.plan = builder.node(PG.Plan, doc.lines[0].text, doc.lines[0].span)
    DevelopmentAreaExtractor().extract(doc, builder)
    return builder


def labels(g: Graph, cls) -> set[str]:
    return {str(g.value(n, RDFS.label)) for n in g.subjects(RDF.type, cls)}


def linked(b: GraphBuilder, s_cls, s_label: str, p, o_cls, o_label: str) -> bool:
    s, o = b.find(s_cls, s_label), b.find(o_cls, o_label)
    assert s is not None, f"no {s_cls} {s_label!r}"
    assert o is not None, f"no {o_cls} {o_label!r}"
    return (s, p, o) in b.graph


def quotes_outside_lines(doc: SourceDocument, g: Graph) -> list[str]:
    """Node quotes that are not found in the original lines their provenance names."""
    def key(t: str) -> str:
        return re.sub(r"[\W_]+", "", t.lower())

    bad = []
    for node, src in g.subject_objects(PROV.wasDerivedFrom):
        if (node, RDF.type, RDF.Statement) in g:
            continue
        quote = str(g.value(g.value(src, OA.hasSelector), OA.exact))
        first, last = int(g.value(src, PG.startLine)), int(g.value(src, PG.endLine))
        if key(quote) not in key(" ".join(doc.raw_lines[first - 1:last])):
            bad.append(f"{first}-{last}: {quote}")
    return bad


@pytest.fixture(scope="module")
def synthetic() -> tuple[SourceDocument, GraphBuilder]:
    doc = make_doc(SYNTHETIC)
    return doc, extract(doc)


# -- helpers -----------------------------------------------------------------------------------
@pytest.mark.parametrize("parts, joined", [
    (["stöd i rätt", "tid."], "stöd i rätt tid."),
    (["elevhälso-", "arbetet"], "elevhälsoarbetet"),
    (["hälso-", "och sjukvård"], "hälso- och sjukvård"),
    (["KBT och CA-", "CBT"], "KBT och CA-CBT"),
    (["genomgå e-", "utbildningen"], "genomgå e-utbildningen"),
    (["remisshante-", "ring/kontakt"], "remisshantering/kontakt"),
    (["bedömning/", "krisstöd"], "bedömning/krisstöd"),
])
def test_join_text(parts, joined):
    assert join_text(parts) == joined


@pytest.mark.parametrize("text, verb", [
    ("Genomföra utbildningar", True), ("Inventera behovet", True), ("Implementering av CM", True),
    ("Tillsätta en arbetsgrupp", True), ("Flera individer har", False), ("Berörda chefer", False),
    ("Alla brukare erbjuds", False), ("Vård på lika villkor", False),
])
def test_verb_cue(text, verb):
    assert verb_cue(text) is verb


@pytest.mark.parametrize("text, role", [
    ("Verksamhetschef för", True), ("GU Ledningsgrupp", True), ("Berörda chefer", True),
    ("VC Familjehälsa och BUP", True), ("Styrgruppen i Gästrikland", True),
    ("Enkät till chefer och medarbetare", False), ("Gruppintervention för ökade", False),
    ("Individuell handledning 60 min", False),
])
def test_role_cue(text, role):
    assert role_cue(text) is role


@pytest.mark.parametrize("text, body", [
    ("Klargöra hur insatser ska ske. Skolchefer", "Skolchefer"),
    ("liggöra uppdraget Verksamhetschef Familjehälsan", "Verksamhetschef Familjehälsan"),
    ("inom GU Ledningsgrupp Missbruk och", None),
    ("för chefer och medarbetare i berörda", None),
])
def test_role_split(text, body):
    cut = role_split(text)
    assert (text[cut:] if cut is not None else None) == body


# -- synthetic document --------------------------------------------------------------------------
def test_matches_template_shape_only():
    assert DevelopmentAreaExtractor().matches(make_doc(SYNTHETIC)) >= 0.5
    prose = make_doc("Inledning\n\nMål: Alla ska må bra.\nAktiviteter: Utbildning.\nFokusområde: 2\n")
    assert DevelopmentAreaExtractor().matches(prose) < 0.5


def test_synthetic_areas_strategy_budget(synthetic):
    _, b = synthetic
    g = b.graph
    assert {"Psykisk hälsa i skolan", "Ledning och styrning", "Främjande arbete", "Tidiga insatser",
            "Styrning och ledning"} == labels(g, PG.FocusArea)
    assert labels(g, PG.Strategy) == {"Vägen till bättre psykisk hälsa 2018"}
    assert labels(g, PG.Budget) == {"projektmedel"}
    assert linked(b, PG.FocusArea, "Psykisk hälsa i skolan", PG.partOf, PG.FocusArea, "Tidiga insatser")
    assert not linked(b, PG.FocusArea, "Psykisk hälsa i skolan", PG.partOf, PG.FocusArea, "Främjande arbete")
    assert linked(b, PG.Strategy, "Vägen till bättre psykisk hälsa 2018", PG.hasFocusArea,
                  PG.FocusArea, "Styrning och ledning")
    assert (b.plan, PG.hasFocusArea, b.find(PG.FocusArea, "Ledning och styrning")) in g


def test_synthetic_table_columns(synthetic):
    _, b = synthetic
    g = b.graph
    assert labels(g, PG.LongTermGoal) == {"Alla elever med psykisk ohälsa får stöd i rätt tid.",
                                          "Skolfrånvaron minskar i alla kommuner."}
    assert labels(g, PG.ShortTermGoal) == {"Rutiner för elevhälsoarbetet är framtagna."}
    assert labels(g, PG.Goal) == {"En gemensam struktur för samverkan finns"}
    assert labels(g, PG.Activity) == {
        "Kartlägga elevhälsans arbete i samtliga kommuner och sammanställa resultatet.",
        "Tillsätta en arbetsgrupp som får i uppdrag att:", "Beskriva skolans ansvar",
        "Beskriva elevhälsans ansvar", "Inventera orsakerna till hög frånvaro bland eleverna i årskurs 7-9.",
        "Utarbeta ett förslag om ny samverkansstruktur."}
    assert labels(g, PG.ResponsibleBody) == {"Utbildningsförvaltningen", "Elevhälsans samordnare",
                                             "Rektorer", "Skolchefer", "Socialchefer"}


def test_synthetic_links_follow_rows(synthetic):
    _, b = synthetic
    area, goal1 = "Psykisk hälsa i skolan", "Alla elever med psykisk ohälsa får stöd i rätt tid."
    goal2 = "Skolfrånvaron minskar i alla kommuner."
    survey = "Inventera orsakerna till hög frånvaro bland eleverna i årskurs 7-9."
    mapping = "Kartlägga elevhälsans arbete i samtliga kommuner och sammanställa resultatet."
    assert linked(b, PG.FocusArea, area, PG.hasGoal, PG.LongTermGoal, goal2)
    assert linked(b, PG.Activity, mapping, PG.servesGoal, PG.LongTermGoal, goal1)
    assert linked(b, PG.Activity, mapping, PG.servesGoal, PG.ShortTermGoal,
                  "Rutiner för elevhälsoarbetet är framtagna.")
    assert not linked(b, PG.Activity, mapping, PG.servesGoal, PG.LongTermGoal, goal2)  # next row
    assert linked(b, PG.Activity, survey, PG.servesGoal, PG.LongTermGoal, goal2)
    assert not linked(b, PG.Activity, survey, PG.servesGoal, PG.LongTermGoal, goal1)
    assert linked(b, PG.ResponsibleBody, "Rektorer", PG.responsibleFor, PG.Activity, mapping)
    assert linked(b, PG.ResponsibleBody, "Skolchefer", PG.responsibleFor, PG.Activity, survey)
    assert not linked(b, PG.ResponsibleBody, "Skolchefer", PG.responsibleFor, PG.Activity, mapping)
    assert linked(b, PG.Activity, "Beskriva skolans ansvar", PG.partOf, PG.Activity,
                  "Tillsätta en arbetsgrupp som får i uppdrag att:")
    assert linked(b, PG.ResponsibleBody, "Socialchefer", PG.responsibleFor, PG.Activity,
                  "Utarbeta ett förslag om ny samverkansstruktur.")


def test_synthetic_indicators(synthetic):
    _, b = synthetic
    ind = "Andel elever med stöd i Elevhälsoenkäten"
    assert linked(b, PG.LongTermGoal, "Skolfrånvaron minskar i alla kommuner.", PG.measuredBy, PG.Indicator, ind)
    assert linked(b, PG.Indicator, ind, PG.dataSource, PG.DataSource, "Elevhälsoenkäten")
    assert linked(b, PG.Goal, "En gemensam struktur för samverkan finns", PG.measuredBy, PG.Indicator,
                  "Förslag är framtaget Ja/Nej")
    assert not linked(b, PG.Goal, "En gemensam struktur för samverkan finns", PG.measuredBy, PG.Indicator, ind)


def test_synthetic_quotes_within_lines(synthetic):
    doc, b = synthetic
    assert quotes_outside_lines(doc, b.graph) == []


# -- bundled sample ------------------------------------------------------------------------------
def test_matches_only_the_development_area_sample():
    scores = {p.name[:3]: DevelopmentAreaExtractor().matches(read_document(p)) for p in SAMPLES.glob("*.txt")}
    assert scores.pop("003") >= 0.5
    assert all(s < 0.5 for s in scores.values()), scores

