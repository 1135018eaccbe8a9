"""The item and link stages (rules, and the shipped model where it exists) on small texts."""
from __future__ import annotations

from plangraf.loaders.general import items_of
from plangraf.loaders.items import candidates, rule_kind
from plangraf.loaders.layout import layout
from plangraf.loaders.link_rules import (
    breakdown_links,
    follow_up_links,
    paragraph_body_links,
    plan_body_links,
    stated_measures,
)
from plangraf.loaders.links import Link, outline_links
from plangraf.loaders.mentions import mentions
from plangraf.loaders.model import LinearModel
from plangraf.loaders.text import clean_lines
from plangraf.loaders.vocab import vocabulary


def rules(text: str) -> list[tuple[str, str | None]]:
    raw = text.split("\n")
    return [(c.text, rule_kind(c)) for c in candidates(layout(clean_lines(raw), raw))]


def linked(text: str, rule) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(subject label, object label) of the links a link rule makes on a small text."""
    raw = text.split("\n")
    blocks = layout(clean_lines(raw), raw)
    items = items_of(blocks, None)
    return {(items[lk.subject].label, items[lk.object].label) for lk in rule(items, blocks)}


def test_items_take_their_kind_from_the_heading_above() -> None:
    got = rules("Aktiviteter\n\n • Utbilda personal i suicidprevention\n • Ta fram en rutin\n\n"
                "Indikatorer\n\n • Andel utbildad personal (%)\n")
    assert ("Utbilda personal i suicidprevention", "Activity") in got
    assert ("Ta fram en rutin", "Activity") in got
    assert ("Andel utbildad personal (%)", "Indicator") in got


def test_a_plain_heading_over_goals_is_a_focus_area() -> None:
    got = dict(rules("Trygghet\n\n • Fler ska känna sig trygga.\n • Brotten ska minska.\n"))
    assert got["Trygghet"] == "FocusArea"
    assert got["Fler ska känna sig trygga."] == "Goal"


def test_labelled_headings_and_fields_name_their_own_kind() -> None:
    got = dict(rules("Fokusområde 1: Sammanhållen planering\n\nMål: Alla barn ska ha en trygg uppväxt\n\n"
                     "Ansvarig: Socialnämnden\n\nMålgrupp: Unga vuxna\n"))
    assert got["Sammanhållen planering"] == "FocusArea"
    assert got["Alla barn ska ha en trygg uppväxt"] == "Goal"
    assert got["Socialnämnden"] == "ResponsibleBody"
    assert got["Unga vuxna"] == "TargetGroup"


def test_questions_and_link_lines_are_not_items() -> None:
    got = dict(rules("Mål\n\n • Hur kan vi minska ensamheten?\n • Läs mer om målen här\n"))
    assert got.get("Hur kan vi minska ensamheten?") is None


def test_mentions_find_bodies_and_target_groups() -> None:
    found = {(k, n) for k, n, _s, _e in mentions("Socialnämnden ska erbjuda stöd till barn och unga i skolan.")}
    assert ("ResponsibleBody", "Socialnämnden") in found
    assert any(k == "TargetGroup" and n.startswith("barn och unga") for k, n in found)


def test_outline_links_one_owner_per_item_and_the_plan_for_the_rest() -> None:
    # blocks: 0 heading (FocusArea), 1 item (Goal) under 0, 2 item (Activity) under 1, 3 field (Body) under 2
    parents = [None, 0, 1, 2]
    kinds = ["FocusArea", "Goal", "Activity", "ResponsibleBody"]
    links = outline_links(kinds, [0, 1, 2, 3], parents, {0: [0], 1: [1], 2: [2], 3: [3]})
    assert set(links) == {Link(-1, "hasFocusArea", 0, 0), Link(0, "hasGoal", 1, 1),
                          Link(2, "servesGoal", 1, 2), Link(2, "partOf", 0, 2), Link(3, "responsibleFor", 2, 3)}


def test_links_grow_with_the_text_not_with_goals_times_activities() -> None:
    n = 200
    text = "Mål\n\n" + "".join(f" • Mål nummer {i} ska öka.\n" for i in range(n)) + "\nAktiviteter\n\n" + \
        "".join(f" • Utbilda grupp {i}\n" for i in range(n))
    raw = text.split("\n")
    blocks = layout(clean_lines(raw), raw)
    items = items_of(blocks, None)
    at: dict[int, list[int]] = {}
    for i, it in enumerate(items):
        at.setdefault(it.block.index, []).append(i)
    links = outline_links([it.kind for it in items], [it.block.index for it in items],
                          [b.parent for b in blocks], at)
    assert len(links) <= 2 * len(items)


def test_the_linear_model_predicts_from_json() -> None:
    model = LinearModel(("Goal", "None"), (0.0, 0.5), {"form=goal": (2.0, 0.0)}, {})
    again = LinearModel.from_json(model.to_json())
    assert again.predict({"form=goal": 1})[0] == "Goal"
    assert again.predict({})[0] == "None"


def test_the_vocabulary_compiles_and_reads_labelled_headings() -> None:
    voc = vocabulary()
    assert voc.labelled_heading("Fokusområde 2: Trygg skola") == ("FocusArea", "Fokusområde 2", "Trygg skola")
    assert voc.labelled_heading("Mål 3 Fler i arbete")[0] == "Goal"  # type: ignore[index]
    assert voc.labelled_heading("Målgruppen är unga") is None
    # a kind word followed by a preposition names a section of such items, not one of them
    assert voc.labelled_heading("Fokusområden i kommunens trygghetsarbete") is None
    assert voc.section_kind("Fokusområden i kommunens trygghetsarbete") == "FocusArea"
    assert voc.section_kind("Långsiktiga mål") == "Goal"
    assert voc.section_kind("Aktiviteter under 2024") == "Activity"
    assert voc.field_kind("Ansvarig") == "ResponsibleBody"


def test_sentences_state_goals_visions_areas_and_documents() -> None:
    from plangraf.loaders.items import enumerated, goal_clause
    from plangraf.loaders.mentions import documents, strategies
    assert goal_clause("Målet med arbetet är att alla barn ska känna sig trygga.") == \
        "alla barn ska känna sig trygga"
    assert goal_clause("Arbetet syftar till att minska ensamheten bland äldre.") == "minska ensamheten bland äldre"
    assert strategies("Visionen är ett samhälle där alla kan leva ett gott liv.") == \
        ["ett samhälle där alla kan leva ett gott liv"]
    assert "Agenda 2030" in strategies("Arbetet utgår från Agenda 2030.")
    assert enumerated("Målen finns inom fyra perspektiv: Invånare, Medarbetare, Verksamhet och Ekonomi.") == \
        ("FocusArea", ["Invånare", "Medarbetare", "Verksamhet", "Ekonomi"])
    assert enumerated("Utvecklingen följs upp med tre indikatorer; inflyttning, lönesumman och sysselsättning.") == \
        ("Indicator", ["inflyttning", "lönesumman", "sysselsättning"])
    assert enumerated("Vi har tre perspektiv: ett som handlar om mycket mer än vad som ryms här i en mening, och fler") is None
    assert enumerated("Fokuset ligger främst på en trygg skolväg, fler vuxna ute och bättre belysning.") == \
        ("FocusArea", ["trygg skolväg", "fler vuxna ute", "bättre belysning"])
    assert enumerated("Fokus ligger på att alla ska må bra.") is None
    found = documents("Mer om målen finns i kommunens budget och i skollagen.", "Kommunens mål")
    assert "kommunens budget" in found and "skollagen" in found
    assert documents("Handlingsplanen gäller 2024.", "Handlingsplanen") == []


def test_a_plain_heading_over_goals_is_an_area_but_not_a_structural_one() -> None:
    raw = ["Sammanfattning", "", " • Fler ska känna sig trygga.", "", "Trygghet", "", " • Brotten ska minska.", ""]
    blocks = layout(clean_lines(raw), raw)
    kinds = {it.label: it.kind for it in items_of(blocks, None)}
    assert kinds.get("Trygghet") == "FocusArea"
    assert "Sammanfattning" not in kinds


def test_the_plan_title_comes_from_a_heading_that_names_a_plan() -> None:
    from plangraf.loaders.identity import plan_title
    raw = ["Till startsidan", "", "Om kommunen", "", "Folkhälsoplan 2022–2030", "", "Planen gäller alla nämnder.", ""]
    title = plan_title(layout(clean_lines(raw), raw))
    assert title is not None and title[0] == "Folkhälsoplan 2022–2030" and title[1].start == 5


def test_the_plan_keeps_the_fuller_names_the_text_gives_it() -> None:
    from plangraf.loaders.identity import plan_names
    raw = ["Folkhälsostrategi", "", "Den 30 november godkände kommunfullmäktige folkhälsostrategin.", "", "Sex målområden prioriteras i Exempelby kommuns folkhälsostrategi.", ""]
    names = plan_names(layout(clean_lines(raw), raw), "Folkhälsostrategi")
    assert names == ["Exempelby kommuns folkhälsostrategi"]


def test_linked_files_are_documents() -> None:
    got = dict(rules("Styrdokument\n\nBudget 2020 med flerårsplan 2021-2022, pdf, öppnas i nytt fönster\n\n"
                     "Riktlinje för styrning (PDF, 120 kB)\n\nVi skickar pdf till alla som frågar.\n"))
    assert got["Budget 2020 med flerårsplan 2021-2022"] == "Document"
    assert got["Riktlinje för styrning"] == "Document"
    assert got.get("Vi skickar pdf till alla som frågar.") != "Document"


def test_activities_from_examples_and_from_what_a_body_does() -> None:
    from plangraf.loaders.items import enumerated
    assert enumerated("Konkreta exempel på satsningar är fler screeningprogram, hälsosamtal och hälsoskola.") == \
        ("Activity", ["fler screeningprogram", "hälsosamtal", "hälsoskola"])
    got = dict(rules("Trygghet\n\nRäddningstjänsten arbetar förebyggande för att minska antalet bränder.\n"))
    assert got["Räddningstjänsten arbetar förebyggande för att minska antalet bränder."] == "Activity"


def test_a_lead_of_only_punctuation_is_no_lead() -> None:
    """Found by the fuzz tests (a damaged DOCX): a line ' :' once became an empty lead whose last
    sentence the item stage looked up."""
    got = rules("Mål\n\n :\n\n • Alla ska ha ett arbete.\n\n. :\n\n • Fler ska må bra.\n")
    assert ("Alla ska ha ett arbete.", "Goal") in got


def test_a_plain_heading_over_prose_is_not_an_area() -> None:
    # the paragraph under it reads like an aim, but a heading over running text titles a section
    got = dict(rules("Samverkansrådet\n\nRådet har som syfte att utveckla och samordna arbetet för bättre hälsa.\n"))
    assert got["Samverkansrådet"] is None


def _owner_links(text: str) -> set[tuple[str, str]]:
    return linked(text, lambda items, blocks: [lk for lk in plan_body_links(items, blocks) if lk.predicate == "responsibleFor"])


def test_the_body_the_opening_names_most_owns_the_plans_areas() -> None:
    text = ("Folkhälsorådet samlar kommunen och regionen.\n\n"
            "Under perioden vill Folkhälsorådet arbeta långsiktigt.\n\n"
            "Trygghet\n\n • Fler ska känna sig trygga.\n • Brotten ska minska.\n")
    assert ("Folkhälsorådet", "Trygghet") in _owner_links(text)
    # named once and deciding nothing: no owner
    once = text.replace("Under perioden vill Folkhälsorådet arbeta", "Under perioden vill vi arbeta")
    assert not _owner_links(once)


def test_sentences_under_an_activity_heading_are_activities_only_when_they_say_what_is_done() -> None:
    got = dict(rules("Uppdrag\n\nNämnden har ansvar för förskola och grundskola i hela kommunen. "
                     "Under året har en samordnare anställts. Skolan ska erbjuda läxhjälp varje vecka.\n"))
    assert got["Nämnden har ansvar för förskola och grundskola i hela kommunen."] is None
    assert got["Under året har en samordnare anställts."] == "Activity"
    assert got["Skolan ska erbjuda läxhjälp varje vecka."] == "Activity"


def test_areas_listed_together_in_one_sentence_are_each_the_plans() -> None:
    # "… inom tre perspektiv: A, B och C" gives three areas from one block, none owning another
    links = outline_links(["FocusArea", "FocusArea", "FocusArea"], [0, 0, 0], [None], {0: [0, 1, 2]})
    assert {(lk.subject, lk.predicate, lk.object) for lk in links} == {(-1, "hasFocusArea", i) for i in range(3)}
    # a goal stated by a sentence that also names an area is not the plan's: the area owns it
    mixed = outline_links(["FocusArea", "Goal"], [0, 0], [None], {0: [0, 1]})
    assert (-1, "hasGoal", 1) not in {(lk.subject, lk.predicate, lk.object) for lk in mixed}
    # … but a strategy the sentence names ("… är nollvisionen") owns nothing: the goal is the plan's
    named = outline_links(["Goal", "Strategy"], [0, 0], [None], {0: [0, 1]})
    assert (-1, "hasGoal", 0) in {(lk.subject, lk.predicate, lk.object) for lk in named}


def test_a_paragraph_opening_with_a_body_tells_what_that_body_does() -> None:
    text = ("Genomförda aktiviteter\n\n"
            "Inom Socialförvaltningen har flera insatser gjorts. En samordnare har anställts. Kurser har genomförts.\n\n"
            "Under året har en kartläggning gjorts. Socialförvaltningen deltar i den.\n")
    got = linked(text, paragraph_body_links)
    assert ("Socialförvaltningen", "En samordnare har anställts.") in got
    assert ("Socialförvaltningen", "Kurser har genomförts.") in got
    # the second paragraph names the body only later: it does not say the body did the mapping
    assert not any(o.startswith("Under året") for _s, o in got)


def test_a_heading_over_malbild_statements_is_their_area() -> None:
    text = ("Trygg omsorg\n\n • Jag får stöd när jag behöver det\n • Jag känner mig trygg hemma\n\n"
            "Målbild\n\n • Jag är delaktig i min vård\n • Jag vet vem jag ska kontakta\n")
    raw = text.split("\n")
    kinds = {it.label: it.kind for it in items_of(layout(clean_lines(raw), raw), None)}
    assert kinds["Trygg omsorg"] == "FocusArea"
    assert kinds["Jag får stöd när jag behöver det"] == "Malbild"
    assert "Målbild" not in kinds      # the section's own name is not an area


def test_an_item_with_its_purpose_gives_the_goal_it_serves() -> None:
    text = "Aktiviteter\n\n • Nattvandringar ska göras varje helg. Syftet är att öka tryggheten i centrum.\n"
    raw = text.split("\n")
    items = items_of(layout(clean_lines(raw), raw), None)
    goal = next(it for it in items if it.kind == "Goal")
    assert goal.label == "öka tryggheten i centrum"
    assert goal.serves is not None and items[goal.serves].kind == "Activity"
    assert items[goal.serves].label == "Nattvandringar ska göras varje helg."


def test_a_subject_committing_to_an_aim_states_a_goal() -> None:
    from plangraf.loaders.items import goal_clause
    got = dict(rules("Kommunen och föreningarna ska aktivt verka för att öka deltagandet i idrott.\n"))
    assert got["Kommunen och föreningarna ska aktivt verka för att öka deltagandet i idrott."] == "Goal"
    assert goal_clause("Kommunen och föreningarna ska aktivt verka för att öka deltagandet i idrott.") \
        == "öka deltagandet i idrott"
    # an instruction to work for something ("Arbeta för att …") stays an activity's wording
    assert goal_clause("Arbeta för att stärka föreningslivet") is None


def test_items_under_a_section_named_by_the_area_word_are_areas() -> None:
    got = dict(rules("Insatsområden i kommunens trygghetsarbete\n\n • Belysning\n • Samverkan\n"))
    assert got["Belysning"] == "FocusArea" and got["Samverkan"] == "FocusArea"


def test_a_short_title_opening_a_paragraph_of_examples_names_an_activity() -> None:
    text = ("Goda exempel från året\n\n"
            "Läxhjälp på biblioteket. Biblioteket har öppnat för läxhjälp två kvällar i veckan. "
            "Ett fyrtiotal elever har deltagit.\n\n"
            "Bild på två elever. Skolgård i bakgrunden.\n")
    got = dict(rules(text))
    assert got["Läxhjälp på biblioteket."] == "Activity"
    # two short captions are not a paragraph with a title
    assert got["Bild på två elever."] is None


def test_an_activity_under_a_goal_sits_in_the_goals_area_too() -> None:
    # blocks: 0 area heading, 1 goal under it, 2 activity under the goal
    links = outline_links(["FocusArea", "Goal", "Activity"], [0, 1, 2], [None, 0, 1], {0: [0], 1: [1], 2: [2]})
    got = {(lk.subject, lk.predicate, lk.object) for lk in links}
    assert (2, "servesGoal", 1) in got and (2, "partOf", 0) in got
    # without an area above the goal, only the goal
    alone = outline_links(["Goal", "Activity"], [0, 1], [None, 0], {0: [0], 1: [1]})
    assert {(lk.subject, lk.predicate, lk.object) for lk in alone if lk.subject == 1} == {(1, "servesGoal", 0)}


def test_a_follow_up_section_after_a_goal_measures_that_goal() -> None:
    text = ("Mål 1\n\nFler unga ska röra sig varje dag.\n\nMåluppfyllelse\n\n"
            " • Andel unga som rör sig minst en timme per dag (%)\n • Antal besök i idrottshallarna\n\n"
            "Mål 2\n\nFärre äldre ska känna sig ensamma.\n")
    got = linked(text, lambda items, blocks: follow_up_links(items, blocks, []))
    assert ("Fler unga ska röra sig varje dag.", "Antal besök i idrottshallarna") in got
    assert not any(s.startswith("Färre äldre") for s, _o in got)


def test_the_first_sentence_under_a_numbered_goal_heading_states_the_goal() -> None:
    got = dict(rules("Mål 3\n\nNämnden bidrar till tryggare skolvägar genom samverkan. Arbetet följs upp varje år.\n"))
    assert got["Nämnden bidrar till tryggare skolvägar genom samverkan."] == "Goal"
    assert got["Arbetet följs upp varje år."] is None


def test_goals_a_lead_breaks_the_stated_goal_into_are_its_parts() -> None:
    text = ("Målet är att alla invånare ska ha en god hälsa.\n\n"
            "Målet är nedbrutet i två delmål:\n\n • Fler ska röra sig varje dag.\n • Färre ska röka.\n")
    got = linked(text, breakdown_links)
    assert got == {("Fler ska röra sig varje dag.", "alla invånare ska ha en god hälsa"),
                   ("Färre ska röka.", "alla invånare ska ha en god hälsa")}


def test_indicators_a_sentence_says_follow_up_the_goal_measure_the_last_stated_goal() -> None:
    text = ("Kommunens mål är att fler ska ha ett arbete år 2030.\n\n"
            "Hur kommunen utvecklas mot målet följs upp med tre indikatorer; sysselsättningen, "
            "inkomsterna och utbildningsnivån.\n")
    got = linked(text, stated_measures)
    assert ("fler ska ha ett arbete år 2030", "inkomsterna") in got and len(got) == 3


def test_a_lead_saying_results_are_presented_in_reports_lists_documents() -> None:
    got = dict(rules("Resultaten presenteras i tre rapporter:\n\n • Grundfakta om länet\n • Trygghet\n"))
    assert got["Grundfakta om länet"] == "Document" and got["Trygghet"] == "Document"


def test_a_list_in_a_sentence_parts_at_commas_and_its_last_conjunction_only() -> None:
    from plangraf.loaders.items import split_list
    assert split_list("Invånare, Medarbetare, Verksamhet och Ekonomi") == ["Invånare", "Medarbetare", "Verksamhet", "Ekonomi"]
    assert split_list("kurser för personal i både skola och fritid samt öppna föreläsningar") == \
        ["kurser för personal i både skola och fritid", "öppna föreläsningar"]
    assert split_list("hembesök, hälsoskola och stöd till dem som söker hälso- och sjukvård") == \
        ["hembesök", "hälsoskola", "stöd till dem som söker hälso- och sjukvård"]


def test_a_heading_naming_a_part_of_the_document_is_no_area() -> None:
    got = dict(rules("Bakgrund till uppdraget\n\n • Fler ska känna sig trygga.\n • Brotten ska minska.\n"))
    assert got["Bakgrund till uppdraget"] is None


def test_numbered_subheadings_take_the_kind_only_of_a_heading_that_starts_with_it() -> None:
    got = dict(rules("8. Mål som gäller barn\n\n8.1 Stärka föräldrarollen\n\n"
                     "9. Analys, resultat och aktiviteter\n\n9.1 Lika lön för lika arbete\n"))
    assert got["Stärka föräldrarollen"] == "Goal"
    assert got["Lika lön för lika arbete"] is None


def test_a_goal_that_is_a_figure_keeps_what_it_is_and_a_second_clause_is_cut() -> None:
    from plangraf.loaders.items import goal_clause
    assert goal_clause("Det långsiktiga målet är 12 000 invånare och syftet är att säkra skolan.") == \
        "Det långsiktiga målet är 12 000 invånare"
    assert goal_clause("Det långsiktiga målet är 90 %, med stöd av staten.") == "Det långsiktiga målet är 90 %"
    assert goal_clause("Målet är att fler ska cykla till skolan och syftet är att minska bilåkandet.") == \
        "fler ska cykla till skolan"


def test_an_aim_that_opens_a_sentence_is_a_goal() -> None:
    from plangraf.loaders.items import goal_clause
    text = "För att öka tryggheten i centrum behövs fler vuxna ute på kvällarna."
    assert dict(rules(text + "\n"))[text] == "Goal"
    assert goal_clause(text) == "öka tryggheten i centrum"
    assert goal_clause("För att delta i mötet krävs anmälan.") is None     # no aim, a condition


def test_list_items_under_a_target_group_heading_are_the_groups() -> None:
    text = "Nämndens målgrupper är\n\n • Barn i förskoleåldern, omsorg och lärande.\n • Vårdnadshavare.\n"
    raw = text.split("\n")
    groups = {it.label for it in items_of(layout(clean_lines(raw), raw), None) if it.kind == "TargetGroup"}
    assert {"Barn i förskoleåldern", "Vårdnadshavare"} <= groups


def test_a_goal_heading_scoped_to_a_topic_is_the_area_of_its_goals() -> None:
    text = "8. Mål som gäller barn\n\n8.1 Stärka föräldrarollen\n\n8.2 Fler barn ska röra sig\n\nMål för 2024\n\n • Fler ska cykla.\n"
    raw = text.split("\n")
    kinds = {it.label: it.kind for it in items_of(layout(clean_lines(raw), raw), None)}
    assert kinds["Mål som gäller barn"] == "FocusArea" and kinds["Stärka föräldrarollen"] == "Goal"
    assert "Mål för 2024" not in kinds      # a year scopes nothing: a section of goals


def test_a_goal_with_the_adverb_first_is_a_goal() -> None:
    from plangraf.loaders.items import goal_clause
    text = "Därför ska alla elever få läxhjälp varje vecka."
    assert dict(rules(text + "\n"))[text] == "Goal"
    assert goal_clause(text) == "alla elever få läxhjälp varje vecka"
    assert goal_clause("Därför ska vi ses igen i morgon.") is None     # we meeting is no goal


def test_a_linked_file_is_a_document_even_with_a_comma_in_its_title() -> None:
    got = dict(rules("Dokument\n\nBudget för Exempelby kommun, 2015, pdf, öppnas i nytt fönster\n"))
    assert got.get("Budget för Exempelby kommun, 2015") == "Document"
