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
from plangraf.loaders.templates.development_areas import INDICATORS, DevelopmentAreaExtractor, is_header
from plangraf.loaders.templates.development_areas_table import (
    GOAL_PREFIX,
    horizon,
    join_text,
    role_cue,
    role_split,
    verb_cue,
)
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
    (["metoden PRO-", "ACT"], "metoden PRO-ACT"),
    (["en e-", "tjänst"], "en e-tjänst"),
    (["samord-", "ning/stöd"], "samordning/stöd"),
    (["vård/", "omsorg"], "vård/omsorg"),
])
def test_join_text(parts, joined):
    assert join_text(parts) == joined


@pytest.mark.parametrize("text, verb", [
    ("Genomföra utbildningar", True), ("Inventera behovet", True), ("Implementering av rutiner", True),
    ("Tillsätta en arbetsgrupp", True), ("Flera skolor har", False), ("Berörda rektorer", False),
    ("Alla elever erbjuds", False), ("Vård i rätt tid", False),
])
def test_verb_cue(text, verb):
    assert verb_cue(text) is verb


@pytest.mark.parametrize("text, role", [
    ("Enhetschef för", True), ("IT Ledningsgrupp", True), ("Berörda rektorer", True),
    ("BUP och elevhälsan", True), ("Styrgruppen i norra länet", True), ("Kultur- och fritidsförvaltningen", True),
    ("Enkät till rektorer och lärare", False), ("Gruppsamtal för ökade", False),
    ("Individuell handledning 30 min", False),
])
def test_role_cue(text, role):
    assert role_cue(text) is role


@pytest.mark.parametrize("text, body", [
    ("Klargöra hur stödet ska ges. Skolchefer", "Skolchefer"),
    ("tydliggöra rollerna Enhetschef Elevhälsan", "Enhetschef Elevhälsan"),
    ("inom IT Ledningsgrupp Skola och", None),
    ("för rektorer och lärare i berörda", None),
])
def test_role_split(text, body):
    cut = role_split(text)
    assert (text[cut:] if cut is not None else None) == body


@pytest.mark.parametrize("text, kind, rest", [
    ("L: Alla barn har en plan.", "L", "Alla barn har en plan."), ("K. Rutinen finns.", "K", "Rutinen finns."),
    ("L,K: Ett råd finns.", "KL", "Ett råd finns."), ("Långsiktigt mål: Färre olyckor.", "L", "Färre olyckor."),
    ("Kortsiktiga mål: En rutin.", "K", "En rutin."), ("Lärare deltar.", None, None),
    ("Långsiktigt arbete pågår.", None, None),
])
def test_horizon_prefixes(text, kind, rest):
    m = GOAL_PREFIX.match(text)
    assert (horizon(m) if m else None, m.group("rest") if m else None) == (kind, rest)


@pytest.mark.parametrize("text, header", [
    ("Mål Lång sikt (5 år) Kort sikt", True), ("Mål Åtgärder Ansvarig", True),
    ("Aktiviteter 2024 Ansvariga verksamheter/funktioner", True), ("Mål: Alla ska må bra.", False),
    ("Målen är höga", False), ("Ansvariga", False),
])
def test_header_lines(text, header):
    assert is_header(text) is header


@pytest.mark.parametrize("text, rest", [
    ("Indikatorer för uppföljning:", ""), ("Indikatorerna för uppföljning: Andel nöjda", "Andel nöjda"),
    ("Mätetal:", ""), ("Indikatorer", ""), ("Uppföljningen sker årligen.", None), ("Mått och steg", None),
])
def test_indicator_labels(text, rest):
    m = INDICATORS.match(text)
    assert ((m.group("rest") or "") if m else None) == rest


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


# The same shape in other words: another area label, other description labels, a header
# "Mål Åtgärder Ansvarig", horizons written out, areas referred to as "Målområde", "Mätetal:".
OTHER_WORDING = """\
Folkhälsoplan för Exempelkommunen

Planen bygger på strategin ”Jämlik hälsa i hela kommunen 2030” och har tre målområden
(1. Goda uppväxtvillkor 2. Trygga miljöer 3. Hälsosamt åldrande).

1.1 Insatsområde: Fysisk aktivitet bland äldre

Bakgrund: Många äldre rör sig för lite.

Förbättringsbehov: Fler mötesplatser behövs.

Mål Åtgärder Ansvarig

Långsiktigt mål: Äldre rör sig
minst en timme om dagen.

Kortsiktigt mål: Alla träffpunkter
erbjuder gympa.

Starta promenadgrupper vid
varje träffpunkt.

Kultur- och fritidsförvaltningen
Äldreomsorgen

Målområde: 3

Mätetal:
- Andel äldre som rör sig dagligen i Folkhälsoenkäten

1.2 Insatsområde: Trygga skolvägar

Bakgrund: Få barn går eller cyklar till skolan.

Förbättringsbehov: Säkrare passager behövs.

Mål Åtgärder Ansvarig

Långsiktigt mål: Fler barn går
till skolan.

Inventera passagerna vid
skolorna.

Tekniska förvaltningen

Målområde: 2

Mätetal:
- Andel barn som går till skolan
"""


def test_other_wording_reads_the_same_shape():
    doc = make_doc(OTHER_WORDING, "other")
    assert DevelopmentAreaExtractor().matches(doc) >= 0.5
    b = extract(doc)
    g = b.graph
    area, goal = "Fysisk aktivitet bland äldre", "Äldre rör sig minst en timme om dagen."
    short, walk = "Alla träffpunkter erbjuder gympa.", "Starta promenadgrupper vid varje träffpunkt."
    assert labels(g, PG.LongTermGoal) == {goal, "Fler barn går till skolan."}
    assert labels(g, PG.ShortTermGoal) == {short}
    assert labels(g, PG.Activity) == {walk, "Inventera passagerna vid skolorna."}
    assert labels(g, PG.ResponsibleBody) == {"Kultur- och fritidsförvaltningen", "Äldreomsorgen",
                                             "Tekniska förvaltningen"}
    assert labels(g, PG.Strategy) == {"Jämlik hälsa i hela kommunen 2030"}
    assert linked(b, PG.FocusArea, area, PG.hasGoal, PG.LongTermGoal, goal)
    assert linked(b, PG.Activity, walk, PG.servesGoal, PG.ShortTermGoal, short)
    assert linked(b, PG.ResponsibleBody, "Äldreomsorgen", PG.responsibleFor, PG.Activity, walk)
    assert not linked(b, PG.ResponsibleBody, "Tekniska förvaltningen", PG.responsibleFor, PG.Activity, walk)
    assert linked(b, PG.FocusArea, area, PG.partOf, PG.FocusArea, "Hälsosamt åldrande")
    assert linked(b, PG.FocusArea, "Trygga skolvägar", PG.partOf, PG.FocusArea, "Trygga miljöer")
    indicator = "Andel äldre som rör sig dagligen i Folkhälsoenkäten"
    assert linked(b, PG.LongTermGoal, goal, PG.measuredBy, PG.Indicator, indicator)
    assert linked(b, PG.Indicator, indicator, PG.dataSource, PG.DataSource, "Folkhälsoenkäten")
    assert not linked(b, PG.LongTermGoal, "Fler barn går till skolan.", PG.measuredBy, PG.Indicator, indicator)
    assert quotes_outside_lines(doc, g) == []


# -- bundled sample ------------------------------------------------------------------------------
def test_matches_only_the_development_area_sample():
    scores = {p.name[:3]: DevelopmentAreaExtractor().matches(read_document(p)) for p in SAMPLES.glob("*.txt")}
    assert scores.pop("003") >= 0.5
    assert all(s < 0.5 for s in scores.values()), scores

