"""Names inside a block's text (plangraf.loaders.mentions), on small texts written for the test."""
from __future__ import annotations

from plangraf.loaders.mentions import (
    bodies,
    body_extent,
    body_name,
    budgets,
    cued_groups,
    data_sources,
    documents,
    group_extent,
    mentions,
    name_forms,
    names_in,
    strategies,
    target_groups,
)
from plangraf.loaders.vocab import vocabulary


def names(text: str) -> list[str]:
    return [n for n, _s, _e in bodies(text)]


def groups(text: str) -> list[str]:
    return [n for n, _s, _e in target_groups(text)]


def test_body_name_drops_the_possessive() -> None:
    assert body_name("kommunfullmäktiges") == "kommunfullmäktige"
    assert body_name("Region Norrlands") == "Region Norrland"
    assert body_name("Tekniska nämndens") == "Tekniska nämnden"
    assert body_name("Exempelby kommuns") == "Exempelby kommun"
    assert body_name("Socialnämnden") == "Socialnämnden"


def test_a_body_name_ends_before_a_heading_word_and_runs_on_with_its_task() -> None:
    text = "Tekniska nämnden Uppföljning 2024"
    assert body_extent(text, 0, len("Tekniska nämnden Uppföljning")) == ("Tekniska nämnden", len("Tekniska nämnden"))
    text = "Enheten för miljö och hälsa ska samordna arbetet."
    assert body_extent(text, 0, len("Enheten")) == ("Enheten för miljö och hälsa", len("Enheten för miljö och hälsa"))
    text = "Nätverket för att stödja anhöriga träffas."
    assert body_extent(text, 0, len("Nätverket")) == ("Nätverket", len("Nätverket"))


def test_a_possessive_body_is_an_owner_of_a_document_or_the_start_of_a_longer_name() -> None:
    text = "Exempelby kommuns budget anger ramarna."
    assert body_extent(text, 0, len("Exempelby kommuns")) is None
    text = "Region Norrlands folkhälsoråd samordnar arbetet."
    assert body_extent(text, 0, len("Region Norrlands")) == ("Region Norrlands folkhälsoråd", len("Region Norrlands folkhälsoråd"))
    text = "Tekniska nämndens verksamhet ska utvecklas."
    assert body_extent(text, 0, len("Tekniska nämndens")) == ("Tekniska nämnden", len("Tekniska nämndens"))


def test_bodies_include_described_ones_and_lists_of_acronyms_but_no_lone_acronym() -> None:
    assert "Brottsförebyggande rådet" in names("Brottsförebyggande rådet har tagit fram stödet.")
    assert "Regionalt nätverk för våldsprevention" in names("Ett Regionalt nätverk för våldsprevention bildades.")
    got = names("Arbetet sker i alla förvaltningar (MBN, TFN och KSF).")
    assert {"MBN", "TFN", "KSF"} <= set(got)
    assert names("Vi använder metoden Motiverande samtal (MI).") == []
    assert names("Styrdokumentet finns i Exempelby kommuns vision.") == []


def test_a_target_group_keeps_its_qualifier_and_stops_at_the_verb() -> None:
    assert groups("Fler barn i ekonomiskt utsatta familjer ska få stöd.") == ["barn i ekonomiskt utsatta familjer"]
    assert groups("Insatser för unga som riskerar att skadas av spel.") == ["unga som riskerar att skadas av spel"]
    assert groups("Stöd till personer som lever i en utsatt situation behövs.") == ["personer som lever i en utsatt situation"]
    assert groups("Stöd till unga som drabbas av våld.") == ["unga som drabbas av våld"]
    assert groups("Stärka föräldrar i en positiv roll.") == ["föräldrar"]
    assert groups("Personer ska erbjudas stöd.") == []   # a general word needs a qualifier


def test_a_half_compound_before_och_is_no_group() -> None:
    f = name_forms()
    text = "Stöd till barn och ungdomsverksamhet."
    start = text.index("barn")
    assert group_extent(text, start, start + 4, f) is None
    text = "Relationer med ungdomar och förebygga brott."
    start = text.index("ungdomar")
    assert group_extent(text, start, start + len("ungdomar"), f) == "ungdomar"


def test_a_cued_list_of_people_is_one_group() -> None:
    got = cued_groups("Målgruppen är barn, ungdomar och deras föräldrar. Arbetet startar i maj.")
    assert [n for n, _s, _e in got] == ["barn, ungdomar och deras föräldrar"]
    assert groups("Målgruppen är barn, ungdomar och deras föräldrar.") == ["barn, ungdomar och deras föräldrar"]


def test_mentions_give_bodies_before_groups_and_no_group_inside_a_body() -> None:
    got = mentions("Socialnämnden ska erbjuda stöd till äldre med demens.", vocabulary())
    assert ("ResponsibleBody", "Socialnämnden") in [(k, n) for k, n, _s, _e in got]
    assert ("TargetGroup", "äldre med demens") in [(k, n) for k, n, _s, _e in got]
    assert all(n != "Barn" for _k, n, _s, _e in mentions("Barn- och utbildningsnämnden beslutar.", vocabulary()))


def test_data_sources_and_budgets_in_prose() -> None:
    assert data_sources("Andelen följs upp i Kolada och i Öppna jämförelser.") == ["Kolada", "Öppna jämförelser"]
    assert data_sources("Andelen ska öka.") == []
    assert budgets("Nämnden erhåller 12 miljoner kronor för satsningen.") == ["12 miljoner kronor"]
    assert budgets("Rådet har 15 kr/invånare att disponera.") == ["15 kr/invånare"]
    assert budgets("Kommunen har 12 000 invånare och 40 kr i parkeringsavgift.") == []


def test_strategies_and_documents_not_the_plan_itself() -> None:
    assert "Agenda 2030" in strategies("Arbetet utgår från Agenda 2030.")
    assert documents("Mer finns i kommunens budget.", "Kommunens mål") == ["kommunens budget"]


def test_names_in_gives_groups_only_in_items_or_where_the_text_says_so() -> None:
    voc = vocabulary()
    text = "Socialnämnden ska utveckla vården av äldre med demens."
    assert ("TargetGroup", "äldre med demens", 0.4) not in names_in(text, "", voc, item=False)
    assert ("TargetGroup", "äldre med demens", 0.4) in names_in(text, "", voc, item=True)
    assert ("TargetGroup", "äldre med demens", 0.4) in names_in("Stöd ges till äldre med demens.", "", voc, item=False)
    assert ("ResponsibleBody", "Socialnämnden", 0.4) in names_in(text, "", voc, item=False)
    assert ("DataSource", "Kolada", 0.4) in names_in("Följs upp i Kolada.", "", voc, item=False)
    assert not [n for n in names_in("Följs upp i Kolada.", "", voc, item=False, prose=False) if n[0] == "DataSource"]


def test_a_survey_named_by_its_kind_is_a_data_source_and_its_owner_no_body() -> None:
    assert data_sources("Indexet kommer från polisens trygghetsmätning.") == ["polisens trygghetsmätning"]
    assert data_sources("Resultaten från elevenkäten visar en ökning.") == ["elevenkäten"]
    assert data_sources("En enkät skickades ut.") == []
    assert names("Indexet kommer från polisens trygghetsmätning.") == []


def test_the_plan_in_definite_form_is_no_other_strategy() -> None:
    from plangraf.loaders.mentions import is_the_plan
    assert is_the_plan("kulturstrategin", "Kulturstrategi 2024–2030")
    assert is_the_plan("Miljö- och klimatstrategin", "Miljö- och klimatstrategi för Exempelby")
    assert not is_the_plan("den regionala kulturstrategin", "Kulturstrategi 2024–2030")
    assert not is_the_plan("bostadsstrategin", "Kulturstrategi 2024–2030")
    assert strategies("Kulturstrategin gäller till 2030.", "Kulturstrategi 2024–2030") == []
    assert strategies("Utifrån FN- konventionen om barnets rättigheter.") == ["FN-konventionen om barnets rättigheter"]
    assert strategies("Arbetet utgår från Exempelby kommuns vision om ett hållbart liv.") == \
        ["Exempelby kommuns vision om ett hållbart liv"]


def test_a_task_runs_on_a_name_but_not_on_a_verbs_object() -> None:
    assert names("Därtill ansvarar nämnden för tillsyn av skolor.") == []
    assert names("Nämnden för teknik och miljö beslutar.") == ["Nämnden för teknik och miljö"]
    assert names("Nationell samverkan för psykisk hälsa deltar.") == ["Nationell samverkan för psykisk hälsa"]


def test_a_generic_body_is_named_only_where_it_acts() -> None:
    assert names("Kommunen och polisen ska verka för trygghet.") == ["polisen", "Kommunen"]
    assert names("Regeringen har beslutat om nya mål.") == ["Regeringen"]
    assert names("Regionen har 300 000 invånare.") == []
    assert names("Tryggheten i kommunen ska öka.") == []


def test_regions_named_as_one_word_and_groups_of_people_described_by_an_adjective() -> None:
    assert names("Östra Exempelregionen ansvarar för vården.") == ["Östra Exempelregionen"]
    assert names("Samarbetet sker med Östra Exempelregionens vårdcentraler.") == ["Östra Exempelregionen"]
    assert names("Lokala arbetsgrupper tar fram rutiner.") == ["Lokala arbetsgrupper"]


def test_documents_keep_what_they_are_about_and_a_quoted_title() -> None:
    got = documents("Det ingår i kommunens överenskommelse om samverkan kring brott och trygghet.", "Trygghetsplan")
    assert got == ["kommunens överenskommelse om samverkan kring brott och trygghet"]
    assert documents("Resultaten finns i rapporten ”Hur mår länet?”.", "Folkhälsoplan") == ["Hur mår länet?"]
    assert documents("I det årliga budget- och planeringsarbetet sätts ramarna.", "Mål 2024") == []
    assert documents("Målen står i kommunens budget.", "Övergripande mål och budget 2024") == []
    assert documents("Målen står i kommunens budget.", "Övergripande mål 2024") == ["kommunens budget"]
    assert documents("Riksdagen beslutade (prop. 2003/04:1).", "Regleringsbrev") == ["prop. 2003/04:1"]


def test_assumptions_are_what_the_work_takes_for_granted() -> None:
    from plangraf.loaders.mentions import assumptions
    assert assumptions("En viktig förutsättning är att alla förvaltningar deltar i arbetet.") == \
        ["alla förvaltningar deltar i arbetet"]
    assert assumptions("Arbetet startar under förutsättning att medel beviljas av staten.") == ["medel beviljas av staten"]
    assert assumptions("Tidiga insatser är en avgörande framgångsfaktor för goda resultat. Vi börjar i maj.") == \
        ["Tidiga insatser är en avgörande framgångsfaktor för goda resultat"]
    assert assumptions("Arbetet ger goda förutsättningar för barnen.") == []


def test_a_quoted_title_after_strategy_is_the_strategys_name() -> None:
    assert "Det goda länet 2030" in strategies("Läs strategin ”Det goda länet 2030” på webben.", "Uppföljning")
    assert strategies("Läs strategin ”Det goda länet 2030”.", "Det goda länet 2030") == []


def test_a_cue_names_the_commissioning_body_whatever_its_form() -> None:
    assert names("På uppdrag av Samverkan Exempelby har planen tagits fram.") == ["Samverkan Exempelby"]
    assert names("Målbilden antogs av NTV (Nämnden för teknik och vård) i maj.") == ["NTV (Nämnden för teknik och vård)"]
    assert names("Planen är antagen av Mål och budget-gruppen.") == []


def test_a_list_of_kinds_of_bodies_is_one_actor() -> None:
    assert names("Planen gäller nämnder, förvaltningar och övriga samhällsaktörer.") == \
        ["nämnder, förvaltningar och övriga samhällsaktörer"]
    assert names("Stöd finns inom de kommunala förvaltningarna.") == ["de kommunala förvaltningarna"]
    assert names("Många förvaltningar saknar rutiner.") == []


def test_a_block_that_is_only_a_group_is_a_label_not_a_mention() -> None:
    assert groups("Barn och unga i Exempelby") == []
    assert groups("Stöd till barn och unga i Exempelby.") == ["barn och unga i Exempelby"]


def test_a_strategy_titled_by_what_it_is_for() -> None:
    got = strategies("Planen kompletterar Strategi för Agenda 2030 och framhåller rådets roll.")
    assert "Strategi för Agenda 2030" in got
    got = strategies("Arbetet följer Policy för lika möjligheter och rättigheter i en hållbar region.")
    assert "Policy för lika möjligheter och rättigheter i en hållbar region" in got
    assert strategies("Strategin för arbetet ska bidra till hälsa.") == []   # definite: the plan itself, referred back to


def test_a_heading_names_a_group_only_where_it_says_whom_it_is_for() -> None:
    voc = vocabulary()
    assert not [n for n in names_in("Fler kvinnor i ledningen", "", voc, item=True, heading=True) if n[0] == "TargetGroup"]
    assert ("TargetGroup", "kvinnor i ledningen", 0.4) in names_in("Fler kvinnor i ledningen", "", voc, item=True)
    assert ("TargetGroup", "ungdomar", 0.4) in names_in("Meningsfull fritid för ungdomar", "", voc, item=True, heading=True)
