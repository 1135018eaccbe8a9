"""Challenge lists read by the general stages (plangraf.loaders.challenges): goals listed as
questions under a challenge label, indicators under a follow-up label, proposals under a
question with their actors tagged inline. All texts are invented for the tests."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.challenges import actors, challenges_in, is_label, without_tags
from plangraf.loaders.general import GeneralExtractor
from plangraf.loaders.layout import layout
from plangraf.loaders.text import clean_lines
from plangraf.namespace import PG

PLAN = """\
Plan för trygg uppväxt i Exempellän

Det övergripande målet är trygg uppväxt i Exempellän.

Uppföljning av planen sker årligen med stöd av uppföljningsfrågor.
Detta görs genom en enkät som skickas till alla skolor i länet.

Syfte och mål
Barn i Exempellän ska må bra.

Att följa upp

• Andel elever som trivs i skolan

1. Tidiga insatser
Inom insatsområdet ligger fokus på tidigt stöd.

Skolan
Detta kan uppnås genom elevhälsa i alla skolor.

Identifierade utmaningsfrågor

• Hur kan elever med oro fångas upp tidigt?

• Hur kan stöd ges till familjer som lever med missbruk?

Att följa upp

• Finns rutiner för tidig upptäckt?

Ekonomi och medel
Övergripande ansvar för dessa insatser har länets samordnare inom nätverket.

BILAGA 1

Skolan
Hur skulle vi kunna fånga upp elever med oro tidigt?

• Införa samtalsgrupper i skolan (Aktör: Elevhälsan, Socialtjänsten)

• Utbilda lärare i tidiga tecken på oro. Ge dem stöd i samtalen. (Aktörer:
Kommunen och till Region Exempel)
"""


def make_doc(text: str, name: str = "invented.txt") -> SourceDocument:
    raw = text.splitlines()
    return SourceDocument(path=Path(name), doc_id=Path(name).stem, raw_lines=raw, lines=clean_lines(raw))


def run(text: str) -> GraphBuilder:
    doc = make_doc(text)
    builder = GraphBuilder(doc.doc_id, doc.file_name, extractor="general")
    first = doc.lines[0]
    builder.plan = builder.node(PG.Plan, first.text, first.span)
    GeneralExtractor().extract(doc, builder)
    return builder


def node(b: GraphBuilder, cls: URIRef, label: str) -> URIRef:
    found = [n for n in b.graph.subjects(RDF.type, cls) if str(b.graph.value(n, RDFS.label)) == label]
    assert found, f"no {cls} labelled {label!r}; have {labels(b, cls)}"
    return found[0]


def labels(b: GraphBuilder, cls: URIRef) -> set[str]:
    return {str(b.graph.value(n, RDFS.label)) for n in b.graph.subjects(RDF.type, cls)}


@pytest.fixture(scope="module")
def plan() -> GraphBuilder:
    return run(PLAN)


def test_labels_are_told_apart() -> None:
    assert is_label("Identifierade utmaningsfrågor") == "goal"
    assert is_label("Frågeställningar:") == "goal"
    assert is_label("Att följa upp") == "follow"
    assert is_label("Uppföljningsfrågor") == "follow"
    assert is_label("Utmaningar i arbetet med skolan") is None
    assert is_label("Att följa upp arbetet är viktigt för alla.") is None


def test_challenge_entries_are_goals_of_their_sub_area(plan: GraphBuilder) -> None:
    area = node(plan, PG.FocusArea, "Skolan")
    goal = node(plan, PG.Goal, "Hur kan elever med oro fångas upp tidigt?")
    assert (area, PG.hasGoal, goal) in plan.graph
    assert "Tidiga insatser" in labels(plan, PG.FocusArea)       # the numbered section over the sub-area


def test_follow_up_entries_measure_the_goals_listed_before_them(plan: GraphBuilder) -> None:
    ind = node(plan, PG.Indicator, "Finns rutiner för tidig upptäckt?")
    for goal in ("Hur kan elever med oro fångas upp tidigt?", "Hur kan stöd ges till familjer som lever med missbruk?"):
        assert (node(plan, PG.Goal, goal), PG.measuredBy, ind) in plan.graph


def test_the_overall_goals_section_follow_up_measures_the_overall_goal(plan: GraphBuilder) -> None:
    goal = node(plan, PG.Goal, "trygg uppväxt i Exempellän")
    assert (goal, PG.measuredBy, node(plan, PG.Indicator, "Andel elever som trivs i skolan")) in plan.graph
    # the sub-area's follow-up question measures its own goals, not the overall goal
    assert (goal, PG.measuredBy, node(plan, PG.Indicator, "Finns rutiner för tidig upptäckt?")) not in plan.graph


def test_the_follow_up_survey_is_the_source_of_the_follow_up_questions(plan: GraphBuilder) -> None:
    survey = node(plan, PG.DataSource, "en enkät som skickas till alla skolor i länet")
    assert (node(plan, PG.Indicator, "Finns rutiner för tidig upptäckt?"), PG.dataSource, survey) in plan.graph


def test_a_question_over_proposals_is_the_listed_goal_and_its_bullets_serve_it(plan: GraphBuilder) -> None:
    goal = node(plan, PG.Goal, "Hur kan elever med oro fångas upp tidigt?")
    assert "Hur skulle vi kunna fånga upp elever med oro tidigt?" not in labels(plan, PG.Goal)
    act = node(plan, PG.Activity, "Införa samtalsgrupper i skolan")
    assert (act, PG.servesGoal, goal) in plan.graph
    for body in ("Elevhälsan", "Socialtjänsten"):
        assert (node(plan, PG.ResponsibleBody, body), PG.responsibleFor, act) in plan.graph


def test_a_wrapped_proposal_keeps_all_its_sentences_and_loses_its_tag(plan: GraphBuilder) -> None:
    act = node(plan, PG.Activity, "Utbilda lärare i tidiga tecken på oro. Ge dem stöd i samtalen.")
    for body in ("Kommunen", "Region Exempel"):
        assert (node(plan, PG.ResponsibleBody, body), PG.responsibleFor, act) in plan.graph
    assert not any("Aktör" in label for label in labels(plan, PG.Activity) | labels(plan, PG.FocusArea))


def test_a_stated_responsibility_names_a_body(plan: GraphBuilder) -> None:
    assert "länets samordnare" in labels(plan, PG.ResponsibleBody)


def test_a_question_over_prose_or_a_form_question_is_no_goal() -> None:
    b = run("Plan\n\nHur skulle vi kunna nå fler unga i länet?\nDet vet vi ännu inte riktigt.\n\n"
            "Hur kan det mätas?\n• Andel unga som deltar\n")
    assert not any(label.startswith("Hur") for label in labels(b, PG.Goal))
    assert "Andel unga som deltar" not in labels(b, PG.Activity)


def test_a_follow_up_heading_without_a_list_holds_no_indicators() -> None:
    blocks = layout(clean_lines(t := ["Att följa upp", "", "Uppföljningen görs varje år av nätverket.", ""]), t)
    assert challenges_in(blocks).lists == []


@pytest.mark.parametrize("text,expected", [
    ("Gör X (Aktör: Region Väst och till kommuner)", ["Region Väst", "kommuner"]),
    ("Gör X (Aktörer: Skolsköterska, BVC, förskola mm)", ["Skolsköterska", "BVC", "förskola"]),
    ("Gör X (Aktör: Länet/kommunen samt idrottsföreningar).", ["Länet", "kommunen", "idrottsföreningar"]),
    ("Gör X (Aktör Region Väst)", ["Region Väst"]),
    ("Gör X (Ansvarig: Skola och Region, eventuellt även polisen.)", ["Skola", "Region"]),
    ("Gör X (Aktör: Alla)", []),
    ("Gör X (för alla åldrar)", []),
])
def test_actor_tags(text: str, expected: list[str]) -> None:
    assert actors(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Ge lärare handledning (Aktör: Elevhälsa, Skolverket)", "Ge lärare handledning"),
    ("Mäta trivsel. (Enkäten finns redan)", "Mäta trivsel."),
    ("Sprida metoden (Aktör: Nätverket). Detta för att nå fler.", "Sprida metoden. Detta för att nå fler."),
    ("Inrätta en mottagning (för alla typer av våld)", "Inrätta en mottagning (för alla typer av våld)"),
])
def test_labels_without_tags(text: str, expected: str) -> None:
    assert without_tags(text) == expected


def test_a_question_names_the_people_it_is_about() -> None:
    b = run("Plan\n\nStöd\n\nFrågeställningar\n\n• Hur kan stöd ges för personer som lever med smärta och för "
            "deras familjer?\n")
    goal = node(b, PG.Goal, "Hur kan stöd ges för personer som lever med smärta och för deras familjer?")
    assert (goal, PG.targetGroup, node(b, PG.TargetGroup, "personer som lever med smärta")) in b.graph


def test_a_line_closing_a_parenthesis_goes_on_with_the_line_above() -> None:
    raw = ["Insatser", "", "• Öppna en mottagning (Aktör:", "Region Väst)", ""]
    blocks = layout(clean_lines(raw), raw)
    assert [b.text for b in blocks if b.kind == "item"] == ["Öppna en mottagning (Aktör: Region Väst)"]


def test_an_actor_tag_on_any_list_item_names_the_bodies_responsible_for_it() -> None:
    b = run("Plan\n\nAktiviteter\n\n• Starta en läxhjälp i biblioteket (Ansvarig: Fritidsförvaltningen)\n\n"
            "• Ordna sommarjobb för unga (Aktörer: Kommunen, Arbetsförmedlingen)\n")
    act = node(b, PG.Activity, "Starta en läxhjälp i biblioteket")
    assert (node(b, PG.ResponsibleBody, "Fritidsförvaltningen"), PG.responsibleFor, act) in b.graph
    act = node(b, PG.Activity, "Ordna sommarjobb för unga")
    for body in ("Kommunen", "Arbetsförmedlingen"):
        assert (node(b, PG.ResponsibleBody, body), PG.responsibleFor, act) in b.graph


def test_a_lead_naming_a_strategy_owns_the_areas_listed_after_it() -> None:
    b = run("Plan\n\nBakgrund\n\nArbetet i länet följer den nationella strategin med tre målområden;\n\n"
            "• Trygg uppväxt\n\n• Goda levnadsvanor\n\n• Stöd till äldre\n")
    strategy = node(b, PG.Strategy, "den nationella strategin med tre målområden")
    for area in ("Trygg uppväxt", "Goda levnadsvanor", "Stöd till äldre"):
        assert (node(b, PG.FocusArea, area), PG.partOf, strategy) in b.graph
