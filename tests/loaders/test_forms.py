"""Forms: a question and the answer under it (the layout's "prompt" leads), the answers linked
question by question, and form templates as YAML configurations of the general stages."""
from __future__ import annotations

from pathlib import Path

from plangraf.loaders.forms import FormTemplate, form_items, form_links, form_templates, forms_in
from plangraf.loaders.general import items_of
from plangraf.loaders.layout import layout
from plangraf.loaders.link_rules import prompt_links
from plangraf.loaders.text import clean_lines

FORM = """Stöd till anhöriga

Vad förväntas arbetet uppnå på
längre sikt?
Anhöriga känner sig trygga.

Hur kan det mätas?
Andel anhöriga som känner sig trygga
Antal stödsamtal

Vilka data kan användas för
mätning?
Brukarenkäten
Verksamhetsstatistik

Vilka antaganden är en förutsättning?
Verksamheterna prioriterar arbetet.
"""


def blocks_of(text: str):  # type: ignore[no-untyped-def]
    raw = text.split("\n")
    return layout(clean_lines(raw), raw)


def test_a_wrapped_question_is_a_prompt_and_the_lines_under_it_its_answer() -> None:
    blocks = blocks_of(FORM)
    prompts = [b.text for b in blocks if b.marker == "prompt"]
    assert prompts[0] == "Vad förväntas arbetet uppnå på längre sikt?"      # joined over the wrap
    assert "Vilka data kan användas för mätning?" in prompts   # its first line is no navigation line
    answers = {b.text: blocks[b.parent].text for b in blocks if b.marker == "answer"}  # type: ignore[index]
    assert answers["Brukarenkäten"] == "Vilka data kan användas för mätning?"
    assert answers["Antal stödsamtal"] == "Hur kan det mätas?"


def test_answers_take_the_kind_their_question_asks_for() -> None:
    kinds = {it.label: it.kind for it in items_of(blocks_of(FORM), None)}
    assert kinds["Anhöriga känner sig trygga."] == "Goal"
    assert kinds["Antal stödsamtal"] == "Indicator"
    assert kinds["Brukarenkäten"] == "DataSource"
    assert kinds["Verksamheterna prioriterar arbetet."] == "Assumption"


def test_answers_link_to_the_answers_of_the_question_before() -> None:
    blocks = blocks_of(FORM)
    items = items_of(blocks, None)
    got = {(items[lk.subject].label, lk.predicate, items[lk.object].label) for lk in prompt_links(items, blocks)}
    assert ("Anhöriga känner sig trygga.", "measuredBy", "Antal stödsamtal") in got
    assert ("Andel anhöriga som känner sig trygga", "dataSource", "Brukarenkäten") in got
    assert ("Anhöriga känner sig trygga.", "assumes", "Verksamheterna prioriterar arbetet.") in got
    assert not any(p == "dataSource" and o == "Brukarenkäten" and s.startswith("Anhöriga") for s, p, o in got)


def test_a_heading_starts_a_new_form() -> None:
    text = "1. Första delen\n\nVad ska arbetet uppnå?\nFler unga känner sig trygga.\n\n" \
           "2. Andra delen\n\nHur kan det mätas?\nAntal unga i enkäten\n"
    blocks = blocks_of(text)
    items = items_of(blocks, None)
    assert not [lk for lk in prompt_links(items, blocks) if lk.predicate == "measuredBy"]


def test_a_question_without_an_answer_is_no_prompt() -> None:
    blocks = blocks_of("Inledning\n\nVarför behövs en plan?\n\nKommunen har många planer. De ska samordnas.\n")
    assert not [b for b in blocks if b.marker == "prompt"]


def test_the_answer_ends_where_a_title_over_a_list_begins() -> None:
    text = FORM.replace("Verksamheterna prioriterar arbetet.\n", "Verksamheterna prioriterar arbetet.\nNästa satsning\n\n"
                        "1. Första området\n2. Andra området\n")
    blocks = blocks_of(text)
    title = next(b for b in blocks if b.text == "Nästa satsning")
    assert title.kind == "heading" and title.marker != "answer"
    # as a PDF reader gives it, without blank lines: the numbered list right under it still tells
    flat = "\n".join(line for line in text.split("\n") if line.strip())
    title = next(b for b in blocks_of(flat) if b.text == "Nästa satsning")
    assert title.kind == "heading" and title.marker != "answer"


def template(**kw) -> FormTemplate:  # type: ignore[no-untyped-def]
    base = {"name": "test-form", "description": "", "header": ("mål", "indikatorer", "datakällor"), "header_min": 3,
                "min_forms": 2, "title": "Activity", "title_list": "FocusArea",
                "title_links": (("Goal", "hasGoal", "down"), ("FocusArea", "hasFocusArea", "down"),
                             ("Activity", "partOf", "up"))}
    base.update(kw)
    return FormTemplate(**base)  # type: ignore[arg-type]


TWO_FORMS = """Satsning på anhörigstöd

1. Tidiga insatser
2. Utsatta grupper

Mål Indikatorer Datakällor

Vad förväntas satsningen uppnå?
Anhöriga känner sig trygga.

Vilka aktiviteter ska genomföras?
Utbilda personalen i anhörigstöd.

Skolsatsning

3. Barn och unga

Mål Indikatorer Datakällor

Vad förväntas satsningen uppnå?
Fler elever fullföljer skolan.
"""


def test_a_form_template_titles_each_form_and_links_its_answers_to_the_title() -> None:
    blocks = blocks_of(TWO_FORMS)
    t = template()
    assert t.matches(blocks) == 1.0
    forms = forms_in(blocks, t)
    assert [blocks[f.title].text for f in forms if f.title is not None] == ["Satsning på anhörigstöd", "Skolsatsning"]
    found = forms_in(blocks, t)
    items = form_items(items_of(blocks, None), blocks, t, found)
    kinds = {it.label: it.kind for it in items}
    assert kinds["Satsning på anhörigstöd"] == "Activity" and kinds["Tidiga insatser"] == "FocusArea"
    got = {(items[lk.subject].label, lk.predicate, items[lk.object].label) for lk in form_links(items, blocks, t, found)}
    assert ("Satsning på anhörigstöd", "hasGoal", "Anhöriga känner sig trygga.") in got
    assert ("Satsning på anhörigstöd", "hasFocusArea", "Utsatta grupper") in got
    assert ("Utbilda personalen i anhörigstöd.", "partOf", "Satsning på anhörigstöd") in got
    assert ("Skolsatsning", "hasGoal", "Fler elever fullföljer skolan.") in got
    assert ("Skolsatsning", "hasGoal", "Anhöriga känner sig trygga.") not in got


def test_a_document_with_fewer_forms_than_the_template_asks_is_not_one() -> None:
    blocks = blocks_of(TWO_FORMS.split("Skolsatsning")[0])
    assert template().matches(blocks) == 0.5
    assert template(min_forms=3).matches(blocks) < 0.5


def test_the_shipped_templates_are_yaml_configurations(tmp_path: Path) -> None:
    names = {t.name for t in form_templates()}
    assert "logic-model-form" in names
    assert all(t.header and t.header_min >= 1 for t in form_templates())   # a code template's word lists are no form
    lm = next(t for t in form_templates() if t.name == "logic-model-form")
    assert lm.is_header("Interventionslogik Indikatorer Datakällor Antaganden/Hot")
    assert not lm.is_header("Indikatorer och datakällor")


def test_a_forms_activities_serve_every_goal_it_states_before_them() -> None:
    text = ("Vad förväntas uppnås på lång sikt?\nFärre unga vårdas för självskada.\n\n"
            "Vad förväntas uppnås på kort sikt?\nFler lärare känner igen tecken på psykisk ohälsa.\n\n"
            "Vilka aktiviteter ska genomföras?\nUtbilda lärare i första hjälpen till psykisk hälsa.\n")
    blocks = blocks_of(text)
    items = items_of(blocks, None)
    got = {(items[lk.subject].label, items[lk.object].label) for lk in prompt_links(items, blocks)
           if lk.predicate == "servesGoal"}
    act = "Utbilda lärare i första hjälpen till psykisk hälsa."
    assert got == {(act, "Färre unga vårdas för självskada."), (act, "Fler lärare känner igen tecken på psykisk ohälsa.")}


def test_goals_take_the_horizon_their_section_names() -> None:
    text = ("Vad förväntas uppnås på längre sikt?\nFärre unga vårdas för självskada.\n\n"
            "Kortsiktiga mål:\n• Fler lärare känner igen tecken på psykisk ohälsa\n\nMål\n\n• Ökad trygghet i skolan\n")
    sub = {it.label: it.subclass for it in items_of(blocks_of(text), None) if it.kind == "Goal"}
    assert sub["Färre unga vårdas för självskada."] == "LongTermGoal"
    assert sub["Fler lärare känner igen tecken på psykisk ohälsa"] == "ShortTermGoal"
    assert sub["Ökad trygghet i skolan"] is None


def test_an_indicator_naming_a_goal_list_measures_each_goal_of_it() -> None:
    from plangraf.loaders.link_rules import named_list_measures
    text = ("Strategiska mål:\n1. Bättre styrning för jämlik hälsa\n2. Stärkt samverkan i länet\n\n"
            "Indikatorer\n\n• Andel uppnådda nyckeltal per strategiskt mål\n• Antal nätverksträffar (antal)\n")
    blocks = blocks_of(text)
    items = items_of(blocks, None)
    got = {(items[lk.subject].label, items[lk.object].label) for lk in named_list_measures(items, blocks)}
    ind = "Andel uppnådda nyckeltal per strategiskt mål"
    assert got == {("Bättre styrning för jämlik hälsa", ind), ("Stärkt samverkan i länet", ind)}


def test_a_question_the_vocabulary_does_not_know_is_answered_by_prose() -> None:
    blocks = blocks_of("Nära vård\n\nVad är nära vård?\nNära vård är ett sätt att arbeta. Den utgår från personen.\n")
    assert not [b for b in blocks if b.marker in ("prompt", "answer")]


def test_a_form_template_can_be_forced_by_name(tmp_path: Path) -> None:
    from plangraf.loaders.inputs import read_document
    from plangraf.loaders.registry import choose, template_names
    assert "logic-model-form" in template_names()
    doc = tmp_path / "form.txt"
    doc.write_text(FORM, encoding="utf-8")
    chosen = choose(read_document(doc), "logic-model-form")
    assert [e.name for e in chosen] == ["general"]
    assert [t.name for t in chosen[0].forms] == ["logic-model-form"]  # type: ignore[attr-defined]
