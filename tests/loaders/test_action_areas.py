"""Tests for the action-areas template (insatsområden, utmaningsfrågor, Att följa upp, (Aktör: …))."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import PROV, RDF, RDFS

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.inputs import read_document
from plangraf.loaders.templates.action_areas import ActionAreaExtractor
from plangraf.loaders.templates.action_areas_text import activity_label, actors, items, target_groups
from plangraf.loaders.text import clean_lines
from plangraf.namespace import OA, PG

SAMPLES = Path(__file__).resolve().parents[2] / "plangraf" / "samples"

# A made-up plan in the template's shape (not copied from any sample).
SYNTHETIC = """\
SAMMANFATTNING

Det övergripande målet är trygg uppväxt i Exempellän.

Hälsan följs genom enkäterna Liv & Hälsa ung (LHU) samt när det gäller elever genom
skoldatabasen SKOLA.

Syfte och mål
Barn i Exempellän ska må bra.

Att följa upp

• Andel som mår bra enligt Liv & Hälsa ung

• Elevers skolnärvaro, åk 9

För fortsatt arbete behöver vi arbeta inom följande strategiska områden:

• Förebyggande insatser

• Samordning i länet

Förebyggande insatser

1. Tidiga insatser
Inom insatsområdet ligger fokus på tidigt stöd.

Skolan
Detta kan uppnås genom elevhälsa i alla skolor.

Identifierade utmaningsfrågor

• Hur kan elever med oro fångas upp
tidigt?

• Hur kan stöd ges för barn som lever med missbruk och för deras syskon?

Att följa upp

• Finns rutiner för tidig upptäckt? (Skolan)

Hur görs uppföljningen?
Uppföljning sker årligen med de uppföljningsfrågor som finns för varje insatsområde.
Detta görs genom en enkät till alla skolor i länet.

BILAGA 1

1. Tidiga insatser

Skolan
Hur skulle vi kunna fånga upp elever med oro tidigt?

• Införa samtalsgrupper i skolan (Aktör: Elevhälsan, Socialtjänsten)

• Utbilda lärare i tidiga tecken (Aktörer: Kommunen och till
Region Exempel). (Pågår redan i två kommuner)
"""


def make_doc(text: str, name: str = "synthetic.txt") -> SourceDocument:
    raw = text.splitlines()
    return SourceDocument(path=Path(name), doc_id=Path(name).stem, raw_lines=raw, lines=clean_lines(raw))


def run(doc: SourceDocument) -> GraphBuilder:
    builder = GraphBuilder(doc.doc_id, doc.file_name, extractor="action-areas")
    first = doc.lines[0]
    builder.plan = builder.node(PG.Plan, first.text, first.span)
    ActionAreaExtractor().extract(doc, builder)
    return builder


def by_label(b: GraphBuilder, cls: URIRef, label: str) -> URIRef:
    found = [n for n in b.graph.subjects(RDF.type, cls) if str(b.graph.value(n, RDFS.label)) == label]
    assert found, f"no {cls} labelled {label!r}; have {labels(b, cls)}"
    return found[0]


def labels(b: GraphBuilder, cls: URIRef) -> set[str]:
    return {str(b.graph.value(n, RDFS.label)) for n in b.graph.subjects(RDF.type, cls)}


# As written, most lines are followed by a blank, so the cleaner drops single blanks (a
# double-spaced page); with doubled blanks the paragraph breaks survive. Both must read alike.
VARIANTS = {"double-spaced": SYNTHETIC, "paragraphs": SYNTHETIC.replace("\n\n", "\n\n\n")}


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def synthetic(request: pytest.FixtureRequest) -> GraphBuilder:
    return run(make_doc(VARIANTS[request.param]))


@pytest.mark.parametrize("cls,label", [
    (PG.LongTermGoal, "trygg uppväxt i Exempellän"),
    (PG.FocusArea, "Tidiga insatser"),
    (PG.FocusArea, "Skolan"),
    (PG.Goal, "Hur kan elever med oro fångas upp tidigt?"),
    (PG.Indicator, "Finns rutiner för tidig upptäckt?"),
    (PG.Indicator, "Elevers skolnärvaro, åk 9"),
    (PG.DataSource, "Liv & Hälsa ung (LHU)"),
    (PG.DataSource, "skoldatabasen SKOLA"),
    (PG.DataSource, "en enkät till alla skolor i länet"),
    (PG.Strategy, "Samordning i länet"),
    (PG.TargetGroup, "barn som lever med missbruk"),
    (PG.Activity, "Införa samtalsgrupper i skolan"),
    (PG.Activity, "Utbilda lärare i tidiga tecken."),
    (PG.ResponsibleBody, "Region Exempel"),
])
def test_synthetic_nodes(synthetic: GraphBuilder, cls: URIRef, label: str) -> None:
    by_label(synthetic, cls, label)


@pytest.mark.parametrize("s_cls,s,p,o_cls,o", [
    (PG.Plan, "SAMMANFATTNING", PG.hasGoal, PG.LongTermGoal, "trygg uppväxt i Exempellän"),
    (PG.LongTermGoal, "trygg uppväxt i Exempellän", PG.measuredBy, PG.Indicator, "Elevers skolnärvaro, åk 9"),
    (PG.Goal, "Barn i Exempellän ska må bra.", PG.measuredBy, PG.Indicator, "Elevers skolnärvaro, åk 9"),
    (PG.Indicator, "Andel som mår bra enligt Liv & Hälsa ung", PG.dataSource, PG.DataSource,
     "Liv & Hälsa ung (LHU)"),
    (PG.Indicator, "Elevers skolnärvaro, åk 9", PG.dataSource, PG.DataSource, "skoldatabasen SKOLA"),
    (PG.Plan, "SAMMANFATTNING", PG.hasFocusArea, PG.FocusArea, "Tidiga insatser"),
    (PG.Strategy, "Förebyggande insatser", PG.hasFocusArea, PG.FocusArea, "Tidiga insatser"),
    (PG.FocusArea, "Skolan", PG.partOf, PG.FocusArea, "Tidiga insatser"),
    (PG.FocusArea, "Skolan", PG.hasGoal, PG.Goal, "Hur kan elever med oro fångas upp tidigt?"),
    (PG.Goal, "Hur kan elever med oro fångas upp tidigt?", PG.measuredBy, PG.Indicator,
     "Finns rutiner för tidig upptäckt?"),
    (PG.Indicator, "Finns rutiner för tidig upptäckt?", PG.dataSource, PG.DataSource,
     "en enkät till alla skolor i länet"),
    (PG.Goal, "Hur kan stöd ges för barn som lever med missbruk och för deras syskon?", PG.targetGroup,
     PG.TargetGroup, "barn som lever med missbruk"),
    # the appendix question is the listed utmaningsfråga in other words: the same goal
    (PG.Activity, "Införa samtalsgrupper i skolan", PG.servesGoal, PG.Goal,
     "Hur kan elever med oro fångas upp tidigt?"),
    (PG.ResponsibleBody, "Socialtjänsten", PG.responsibleFor, PG.Activity, "Införa samtalsgrupper i skolan"),
    (PG.ResponsibleBody, "Kommunen", PG.responsibleFor, PG.Activity, "Utbilda lärare i tidiga tecken."),
])
def test_synthetic_links(synthetic: GraphBuilder, s_cls, s, p, o_cls, o) -> None:
    assert (by_label(synthetic, s_cls, s), p, by_label(synthetic, o_cls, o)) in synthetic.graph


@pytest.mark.parametrize("s_cls,s,p,o_cls,o", [
    # population indicators are not answered by the area survey, nor areas' by the population survey
    (PG.Indicator, "Elevers skolnärvaro, åk 9", PG.dataSource, PG.DataSource,
     "en enkät till alla skolor i länet"),
    (PG.Indicator, "Finns rutiner för tidig upptäckt?", PG.dataSource, PG.DataSource, "skoldatabasen SKOLA"),
    (PG.Indicator, "Andel som mår bra enligt Liv & Hälsa ung", PG.dataSource, PG.DataSource,
     "skoldatabasen SKOLA"),
])
def test_synthetic_no_invented_links(synthetic: GraphBuilder, s_cls, s, p, o_cls, o) -> None:
    assert (by_label(synthetic, s_cls, s), p, by_label(synthetic, o_cls, o)) not in synthetic.graph


def test_synthetic_no_prompt_or_prose_nodes(synthetic: GraphBuilder) -> None:
    assert "Hur görs uppföljningen?" not in labels(synthetic, PG.Indicator) | labels(synthetic, PG.Goal)
    assert labels(synthetic, PG.Strategy) == {"Förebyggande insatser", "Samordning i länet"}
    # two utmaningsfrågor, the overarching goal (a LongTermGoal, a Goal through the ontology's
    # subclass axiom) and the "ska" sentence under "Syfte och mål"
    assert len(labels(synthetic, PG.Goal) | labels(synthetic, PG.LongTermGoal)) == 4


# Label variants: "Frågeställningar:", "Indikatorer:", "Aktiviteter:", a follow-up question tagged
# with the section it follows up.
VARIANT_LABELS = """\
2. Samverkan

2.1 Gemensamma rutiner
Detta uppnås genom att ta fram rutiner.

Frågeställningar:

• Hur kan rutiner delas mellan huvudmännen?

Indikatorer:

• Finns gemensamma rutiner? (Rutinarbete)

Aktiviteter:

• Ta fram en rutin för överlämning (Ansvarig: Socialtjänsten)

Rutinarbete
Arbetet med rutiner pågår i länet.
"""


@pytest.mark.parametrize("s_cls,s,p,o_cls,o", [
    (PG.FocusArea, "Gemensamma rutiner", PG.hasGoal, PG.Goal, "Hur kan rutiner delas mellan huvudmännen?"),
    (PG.Goal, "Hur kan rutiner delas mellan huvudmännen?", PG.measuredBy, PG.Indicator,
     "Finns gemensamma rutiner?"),
    (PG.Activity, "Ta fram en rutin för överlämning", PG.hasFocusArea, PG.FocusArea, "Gemensamma rutiner"),
    (PG.ResponsibleBody, "Socialtjänsten", PG.responsibleFor, PG.Activity,
     "Ta fram en rutin för överlämning"),
    (PG.FocusArea, "Rutinarbete", PG.measuredBy, PG.Indicator, "Finns gemensamma rutiner?"),
    (PG.FocusArea, "Rutinarbete", PG.partOf, PG.FocusArea, "Samverkan"),
])
def test_label_variants(s_cls, s, p, o_cls, o) -> None:
    b = run(make_doc(VARIANT_LABELS))
    assert (by_label(b, s_cls, s), p, by_label(b, o_cls, o)) in b.graph


@pytest.mark.parametrize("text,expected", [
    ("Gör X (Aktör: Region Väst och till kommuner)", ["Region Väst", "kommuner"]),
    ("Gör X (Aktörer: Skolsköterska NV, BVC, förskola mm)", ["Skolsköterska NV", "BVC", "förskola"]),
    ("Gör X (Aktör: Länet/kommunen samt idrottsföreningar).",
     ["Länet", "kommunen", "idrottsföreningar"]),
    ("Gör X (Aktör Region Väst)", ["Region Väst"]),
    ("Gör X (Aktörer: Skola och Region, eventuellt även polisen.)", ["Skola", "Region"]),
    ("Gör X (Aktör: Alla)", []),
    ("Gör X utan aktör", []),
])
def test_actors(text: str, expected: list[str]) -> None:
    assert actors(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Ge lärare handledning (Aktör: Elevhälsa, Skolverket)", "Ge lärare handledning"),
    ("Mäta trivsel (Aktörer: Rektorer) . (Enkäten finns redan)", "Mäta trivsel."),
    ("Sprida metoden (Aktör: Länsnätverket). Detta för att nå fler.",
     "Sprida metoden. Detta för att nå fler."),
    ("Inrätta en mottagning (för alla typer av våld)", "Inrätta en mottagning (för alla typer av våld)"),
])
def test_activity_label(text: str, expected: str) -> None:
    assert activity_label(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Hur kan en bättre vardag skapas för personer som lever med smärta och för deras familjer?",
     ["personer som lever med smärta"]),
    ("Hur kan en snabbare rutin för personal tas fram?", []),
])
def test_target_groups(text: str, expected: list[str]) -> None:
    assert target_groups(text) == expected


def quotes_within_lines(doc: SourceDocument, b: GraphBuilder) -> list[str]:
    """Every provenance quote (nodes and links) must be found in the cleaned text of its lines."""
    bad, g = [], b.full_graph()
    for src in set(g.subjects(RDF.type, OA.SpecificResource)):
        start, end = int(g.value(src, PG.startLine)), int(g.value(src, PG.endLine))
        quote = str(g.value(g.value(src, OA.hasSelector), OA.exact))
        text = " ".join(ln.text for ln in doc.lines if ln.text and ln.start >= start and ln.end <= end)
        if re.sub(r"\s+", " ", quote) not in text:
            bad.append(f"{start}-{end}: {quote[:60]!r}")
    return bad


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_synthetic_quotes_within_lines(variant: str) -> None:
    doc = make_doc(VARIANTS[variant])
    assert quotes_within_lines(doc, run(doc)) == []


def sample(prefix: str) -> SourceDocument:
    return read_document(next(SAMPLES.glob(f"{prefix}_*.txt")))


@pytest.mark.parametrize("prefix,recognised", [("000", False), ("001", False), ("002", False), ("003", False),
                                              ("004", True)])
def test_matches_samples(prefix: str, recognised: bool) -> None:
    assert (ActionAreaExtractor().matches(sample(prefix)) >= 0.5) is recognised


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_matches_synthetic(variant: str) -> None:
    assert ActionAreaExtractor().matches(make_doc(VARIANTS[variant])) >= 0.5


@pytest.fixture(scope="module")
def county() -> tuple[SourceDocument, GraphBuilder]:
    doc = sample("004")
    return doc, run(doc)


def test_sample_quotes_within_lines(county: tuple[SourceDocument, GraphBuilder]) -> None:
    doc, b = county
    assert quotes_within_lines(doc, b) == []


def test_every_node_has_provenance(county: tuple[SourceDocument, GraphBuilder]) -> None:
    _doc, b = county
    g = b.full_graph()
    for node in set(g.subjects(RDFS.label, None)):
        assert (node, PROV.wasDerivedFrom, None) in g, node


def test_budget_amount_in_area() -> None:
    b = run(make_doc("1. Stöd\n\nFör insatserna finns 2 500 000 kr i stimulansmedel 2022. Resten är eget.\n"))
    budget = by_label(b, PG.Budget, "För insatserna finns 2 500 000 kr i stimulansmedel 2022.")
    assert (by_label(b, PG.FocusArea, "Stöd"), PG.budget, budget) in b.graph
    assert str(b.graph.value(budget, PG.amount)) == "2 500 000 kr"


def test_status_bullet_is_no_activity() -> None:
    b = run(make_doc("1. Stöd\n\nSkolan\nHur skulle vi kunna nå elever med oro?\n\n"
                     "• Finns idag: kurator på skolan\n\n• Införa samtalsgrupper (Aktör: Elevhälsan)\n"))
    assert labels(b, PG.Activity) == {"Införa samtalsgrupper"}


@pytest.mark.parametrize("text,first", [
    # a capitalised short line under a bullet is a heading, unless the bullet broke off mid-phrase
    ("• Andel som mår bra enligt enkäten\nÅrlig rapport\nRapporten beskriver läget i hela länet.\n",
     "Andel som mår bra enligt enkäten"),
    ("• Stöd till familjer i\nRegion Exempel\n", "Stöd till familjer i Region Exempel"),
    ("• Stöd till familjer som\nbehöver det mest\n", "Stöd till familjer som behöver det mest"),
    # a lead line ending ':' opens the next list (double-spaced pages lose the blank before it)
    ("• Andel elever med god hälsa\nVi arbetar inom följande områden:\n• Skolan\n", "Andel elever med god hälsa"),
    # a question after a finished bullet opens the next block of proposals
    ("• Införa samtalsgrupper i skolan.\nHur skulle vi kunna nå fler elever\ni tid?\n• Öppna mottagning\n",
     "Införa samtalsgrupper i skolan."),
    ("• Utbilda personalen. Den behöver\nstöd i arbetet.\n", "Utbilda personalen. Den behöver stöd i arbetet."),
])
def test_bullet_continuation(text: str, first: str) -> None:
    its = [it for it in items(make_doc(text)) if it.kind != "blank"]
    assert its[0].text == first


def test_page_change_from_the_reader_ends_a_bullet() -> None:
    raw = ["• Stöd till familjer i", "Nästa kapitel", "Text om kapitlet som är en lång mening."]
    doc = SourceDocument(path=Path("p.txt"), doc_id="p", raw_lines=raw, lines=clean_lines(raw, [1, 2, 2]))
    assert [it.text for it in items(doc)][:2] == ["Stöd till familjer i", "Nästa kapitel"]


def test_list_labels_come_from_the_yaml() -> None:
    from plangraf.loaders.templates.action_areas_text import VOCAB, is_label
    assert VOCAB["list_labels"]["followup"]
    assert is_label("Att följa upp:") and is_label("Frågeställningar") and not is_label("Att följa upp arbetet")


@pytest.mark.parametrize("gap", ["\n", ""])
def test_budget_heading_after_a_sentence(gap: str) -> None:
    """A budget heading inside an area, after a blank line or directly after a finished sentence."""
    b = run(make_doc(f"1. Stöd\n\nArbetet samordnas i länet.\n{gap}Länets stimulansmedel\nAtt följa upp\n"
                     "• Har medlen använts?\n"))
    assert (by_label(b, PG.FocusArea, "Stöd"), PG.budget, by_label(b, PG.Budget, "Länets stimulansmedel")) in b.graph


def test_no_budget_heading_inside_a_paragraph() -> None:
    b = run(make_doc("1. Stöd\n\nArbetet samordnas i länet och\nSärskilda medel\nfinns för det.\n"))
    assert labels(b, PG.Budget) == set()
