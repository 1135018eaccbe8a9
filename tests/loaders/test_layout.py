"""The layout stage on small texts written for the test, one per layout kind."""
from __future__ import annotations

import pytest

from plangraf.loaders.layout import Block, is_toc, layout, marker_of, sentences
from plangraf.loaders.text import clean_lines


def blocks_of(text: str) -> list[Block]:
    raw = text.split("\n")
    return layout(clean_lines(raw), raw)


def outline(blocks: list[Block]) -> list[tuple[int, str, str]]:
    return [(b.level, b.kind, b.text) for b in blocks]


def test_bullets_under_headings_nest_under_their_heading() -> None:
    bl = blocks_of("Vår plan\n\nTrygghet\n\n • Fler ska känna sig trygga.\n • Brotten ska minska.\n\n"
                   "Hälsa\n\n • Andelen rökare ska minska.\n")
    assert outline(bl) == [
        (0, "heading", "Vår plan"), (0, "heading", "Trygghet"),
        (1, "item", "Fler ska känna sig trygga."), (1, "item", "Brotten ska minska."),
        (0, "heading", "Hälsa"), (1, "item", "Andelen rökare ska minska.")]
    assert bl[2].marker == "bullet" and bl[2].parent == 1


def test_numbered_headings_with_lettered_items_and_double_spacing() -> None:
    bl = blocks_of("1. Det tidiga livet\n\na) Barnfattigdomen ska minska\n\nb) Stödet ska öka\n\n"
                   "2. Utbildning\n\nc) Alla ska klara skolan\n")
    kinds = [(b.kind, b.marker, b.number, b.level) for b in bl]
    assert kinds == [("heading", "num", "1", 0), ("item", "alpha", "a", 1), ("item", "alpha", "b", 1),
                     ("heading", "num", "2", 0), ("item", "alpha", "c", 1)]


def test_a_lead_line_owns_the_list_after_it() -> None:
    bl = blocks_of("Mål\n\nProgrammet innehåller följande mål:\n\n  • Tillgången ska minska.\n  • Bruket ska minska.\n")
    lead = next(b for b in bl if b.kind == "lead")
    assert lead.text == "Programmet innehåller följande mål"
    assert [bl[i].text for i in lead.children] == ["Tillgången ska minska.", "Bruket ska minska."]


def test_fields_stand_alone_and_inside_long_lines() -> None:
    bl = blocks_of("Ansvarig: Socialnämnden\nMålgrupp: Unga vuxna\n")
    assert [(b.kind, b.label, b.text) for b in bl] == [("field", "Ansvarig", "Socialnämnden"),
                                                       ("field", "Målgrupp", "Unga vuxna")]
    page = ("3 Sidan 2 av 9 Åtgärder Vi erbjuder föräldraträffar varje termin i alla skolor i kommunen. "
            "Ansvarig: Barn- och utbildningsnämnden. " + "Vi följer upp arbetet varje år och redovisar det. " * 6)
    bl = blocks_of(page)
    fields = [b for b in bl if b.kind == "field"]
    assert fields and fields[0].text.startswith("Barn- och utbildningsnämnden")
    assert all(b.start == 1 for b in bl)   # every piece keeps the source line


def test_a_whole_page_on_one_line_is_cut_into_headings_and_sentences() -> None:
    page = ("4 Sidan 3 av 14 7. Huvudmål för programmet Det övergripande målet är ett samhälle fritt från narkotika. "
            "Alkoholkonsumtionen ska minska. 7.1 Delmål Färre unga ska börja röka. " + "Detta följs upp. " * 15)
    bl = blocks_of(page)
    texts = [b.text for b in bl]
    assert "7. Huvudmål för programmet" in texts or "Huvudmål för programmet" in texts
    assert "Alkoholkonsumtionen ska minska." in texts
    assert not any(t.startswith("4 Sidan") for t in texts)


def test_boilerplate_is_dropped_and_a_contents_list_owns_nothing_after_it() -> None:
    bl = blocks_of("Kakor (cookies)\n\nStorlek: px\n\nStarta visningen från sidan:\n\nTranskript\n\n"
                   "Innehållsförteckning\n\n1. Inledning 3 2. Bakgrund 4 3. Mål 6 4. Uppföljning 9 5. Bilagor 11\n\n"
                   "Telefon: 0498-26 90 00\n\nMål\n\n • Alla ska må bra.\n")
    toc = [b for b in bl if b.toc]
    assert [b.text for b in toc] == ["Inledning", "Bakgrund", "Mål", "Uppföljning", "Bilagor"]   # no page numbers
    assert outline([b for b in bl if not b.toc]) == [(0, "heading", "Mål"), (1, "item", "Alla ska må bra.")]


def test_wrapped_lines_join_into_one_sentence_with_the_whole_span() -> None:
    bl = blocks_of("Kommunen ska under perioden arbeta med att\nutveckla stödet till föräldrar. Det är viktigt.\n")
    assert bl[0].text == "Kommunen ska under perioden arbeta med att utveckla stödet till föräldrar."
    assert (bl[0].start, bl[0].end) == (1, 2)
    assert bl[1].text == "Det är viktigt."


@pytest.mark.parametrize("text, expected", [
    ("1. Inledning", ("num", "1", "Inledning")),
    ("2.3 Tidiga insatser", ("num", "2.3", "Tidiga insatser")),
    ("a) Barnfattigdomen ska minska", ("alpha", "a", "Barnfattigdomen ska minska")),
    ("IV. Uppföljning", ("roman", "IV", "Uppföljning")),
    ("– Region Gävleborg", ("dash", "", "Region Gävleborg")),
    ("2018 års plan", ("", "", "2018 års plan")),
    ("3 000 personer deltog", ("", "", "3 000 personer deltog")),
    ("25 procent ska öka", ("", "", "25 procent ska öka")),
])
def test_markers(text: str, expected: tuple[str, str, str]) -> None:
    assert marker_of(text, text, False) == expected


def test_sentences_keep_abbreviations_whole() -> None:
    assert sentences("Vi ska t.ex. erbjuda stöd. Det gäller bl.a. unga. Klart.") == [
        "Vi ska t.ex. erbjuda stöd.", "Det gäller bl.a. unga.", "Klart."]


def test_is_toc() -> None:
    assert is_toc("1. Inledning 3 2. Bakgrund 4 3. Mål och delmål 6 4. Uppföljning 9")
    assert not is_toc("Målet är att 3 av 4 elever ska klara skolan. Det mäts varje år.")


def test_indented_labels_and_text_nest_under_the_bullet_above() -> None:
    bl = blocks_of("Mål\n\n • Hållbar framtid\n\n  Socialt:\n\n  Mål 1\n\n  Alla ska ha ett arbete.\n\n"
                   "  Ekologiskt:\n\n  Mål 2\n\n  Utsläppen ska minska.\n\n • Attraktiv livsmiljö\n")
    by_text = {b.text: b for b in bl}
    def parent(text: str) -> str | None:
        p = by_text[text].parent
        return bl[p].text if p is not None else None
    assert parent("Socialt") == "Hållbar framtid"
    assert parent("Mål 1") == "Socialt"
    assert parent("Alla ska ha ett arbete.") == "Mål 1"
    assert parent("Ekologiskt") == "Hållbar framtid"
    assert parent("Attraktiv livsmiljö") == "Mål"


def test_a_transcripts_running_header_and_dotted_contents_are_read() -> None:
    page = "Vi arbetar med detta varje år och följer upp arbetet noga i alla verksamheter. " * 5
    text = (f"- drogpolitiskt program - Innehållsförteckning Inledning...5 Målområden...8 ungdomsåren...9 "
            f"arbetslivet...10\n\n- drogpolitiskt program - Inledning {page}\n\n- 3 -\n\n"
            f"- drogpolitiskt program - Bakgrund {page}\n")
    bl = blocks_of(text)
    texts = [b.text for b in bl]
    assert not any(t.lower().startswith("drogpolitiskt program") for t in texts)
    assert "- 3 -" not in texts and "3" not in texts
    toc = [b.text for b in bl if b.toc]
    assert {"Målområden", "ungdomsåren", "arbetslivet"} <= set(toc)


def test_a_header_row_makes_the_paragraphs_below_it_rows_of_a_table() -> None:
    bl = blocks_of("2. Trygg kommun\n\nMål Kommentarer Uppfyllt Ja/Nej\n\nBrotten ska bli färre i centrum.\n\n"
                   "Polisen och kommunen har gått kvällsrundor.\n\nNej\n\nFler ska känna sig trygga, t.ex. i parker.\n\n"
                   "Enkäten visar en ökning.\n\nJa\n\n3. Hälsa\n\nAndelen rökare minskar.\n")
    header = next(b for b in bl if b.kind == "lead")
    assert header.text == "Mål | Kommentarer | Uppfyllt | Ja/Nej" and header.marker == "table"
    cells = [b for b in bl if b.marker == "cell"]
    assert [c.text for c in cells] == ["Brotten ska bli färre i centrum.", "Fler ska känna sig trygga, t.ex. i parker."]
    assert all(c.parent == header.index for c in cells)
    comment = next(b for b in bl if b.text.startswith("Polisen"))
    assert comment.kind == "sentence" and comment.parent == cells[0].index
    assert not any(b.text in ("Ja", "Nej") for b in bl)          # status cells end rows, they are no headings
    after = next(b for b in bl if b.text.startswith("Andelen"))
    assert bl[after.parent].text == "Hälsa"                      # the next numbered heading ends the table


def test_cells_glued_without_spaces_are_cut_apart_and_nest_by_column_under_a_glued_header_row() -> None:
    bl = blocks_of("3Uppdrag\nMålområdeInsatsområde\nBoendeTrygga bostäder\nStöd vid flytt\nArbeteFler i arbete\n")
    assert (bl[0].kind, bl[0].number, bl[0].text) == ("heading", "3", "Uppdrag")
    header = bl[1]
    assert (header.kind, header.text) == ("lead", "Målområde | Insatsområde")
    # a row with fewer cells fills the last columns: "Stöd vid flytt" is another Insatsområde of "Boende"
    assert [(b.kind, b.text, b.parent) for b in bl[2:]] == [
        ("item", "Boende", 1), ("item", "Trygga bostäder", 2), ("item", "Stöd vid flytt", 2),
        ("item", "Arbete", 1), ("item", "Fler i arbete", 5)]


def test_two_words_of_a_heading_are_no_header_row() -> None:
    bl = blocks_of("Mål och aktiviteter\n\nVi arbetar vidare.\n")
    assert bl[0].kind == "heading" and bl[0].marker == ""


def test_a_flattened_diagram_without_punctuation_is_cut_at_its_capitalised_phrases() -> None:
    words = ("Våra mål för en levande landsbygd Bättre vägar Vägarna underhålls året runt och i tid "
             "Fler busslinjer trafikerar byarna Starkare skolor Skolor finns kvar i byarna Eleverna når målen")
    bl = blocks_of(words + " " + "och " * 70 + "slut")     # a slide as one line longer than a page line
    lead = bl[0]
    assert (lead.kind, lead.text) == ("lead", "Våra mål för en levande landsbygd")
    items = [b.text for b in bl if b.kind == "item" and b.marker == "run"]
    assert items[:5] == ["Bättre vägar", "Vägarna underhålls året runt och i tid", "Fler busslinjer trafikerar byarna",
                         "Starkare skolor", "Skolor finns kvar i byarna"]
    assert len(items) == 6 and items[5].startswith("Eleverna når målen och")
    assert all(b.parent == lead.index for b in bl if b.kind == "item")


def test_a_sentence_with_names_in_it_is_no_flattened_list() -> None:
    text = ("Samverkan mellan Region Norrland och Kommunen sker i rådet där Polisen och Räddningstjänsten deltar "
            "med Skolan och Fritid som gäster vid behov. ") * 5
    bl = blocks_of(text)
    assert all(b.kind == "sentence" for b in bl) and len(bl) == 5


def test_run_together_text_stays_linear_on_a_long_line() -> None:
    import time
    glued = "abcdefgh" * 4000 + "Xyz"                           # a 32,000-char letter run that never glues
    unpunctuated = "ord " * 8000                               # one 32,000-char run without capitals
    t0 = time.perf_counter()
    for text in (glued, unpunctuated, "Mål " * 8000):
        blocks_of(text)
    assert time.perf_counter() - t0 < 2.0


def test_a_transcript_with_one_page_a_line_loses_its_page_numbers_also_on_short_pages() -> None:
    page2 = "Inledning Planen gäller för alla skolor i kommunen. " * 8 + "Den följs upp varje år. 2"
    bl = blocks_of(f"1 Plan för trygga skolor\n\n2 {page2}\n\n3 Bilagor\n")
    assert (bl[0].kind, bl[0].marker, bl[0].text) == ("heading", "", "Plan för trygga skolor")
    assert bl[-1].text == "Bilagor" and bl[-1].marker == ""
    assert not any(b.text.endswith("år. 2") for b in bl)
    assert any(b.text == "Den följs upp varje år." for b in bl)


def test_numbered_headings_with_text_between_keep_their_numbers() -> None:
    bl = blocks_of("1 Inledning\n\nPlanen gäller i tre år.\n\n2 Bakgrund\n\nKommunen växer.\n")
    assert [(b.kind, b.number) for b in bl if b.kind == "heading"] == [("heading", "1"), ("heading", "2")]


def test_a_numbered_title_in_a_long_line_is_not_cut_after_a_preposition() -> None:
    page = ("2 Innehåll 1. Handlingsplan för Norrby kommun 2. Analys och resultat 2.1 Lika villkor i arbetet "
            "3. Uppföljning av planen ") * 6
    bl = blocks_of(page)
    titles = [b.text for b in bl if b.kind == "heading" and b.number == "1"]
    assert titles and all(t == "Handlingsplan för Norrby kommun" for t in titles)


def test_a_name_of_two_capitalised_words_in_a_flattened_run_stays_whole() -> None:
    run = ("Våra områden i länet Trygg uppväxt Barn och unga mår bra Goda livsvillkor Alla har ett arbete "
           "Samverkan sker med Västra Götaland och kommunerna i hela länet ") + "och " * 70
    items = [b.text for b in blocks_of(run) if b.kind == "item"]
    assert items[:4] == ["Trygg uppväxt", "Barn och unga mår bra", "Goda livsvillkor", "Alla har ett arbete"]
    assert items[4].startswith("Samverkan sker med Västra Götaland och kommunerna")


def test_the_cut_off_rest_of_a_numbered_title_stays_inside_its_section() -> None:
    line = ("Innehåll 1. Inledning 2. Mål för skolan 2.1 Tryggare skolgårdar Bygga om gårdarna 2.2 Bättre luft "
            "2.3 Fler vuxna i skolan 3. Mål för fritiden 3.1 Öppna lokaler ") * 3
    bl = blocks_of(line)
    sub = next(b for b in bl if b.number == "2.2")
    assert bl[sub.parent].number == "2"                  # not under "Bygga om gårdarna"
    rest = next(b for b in bl if b.text == "Bygga om gårdarna")
    assert bl[rest.parent].number == "2.1"


def test_one_word_entries_run_together_after_a_colon_are_items_of_the_lead() -> None:
    page = ("Planen har fyra delar. Alla insatser hör till dessa områden: Boende Skola Arbete Hälsa Därefter "
            "beskrivs varje område för sig. ") + "Texten fortsätter här. " * 12
    bl = blocks_of(page)
    lead = next(b for b in bl if b.kind == "lead")
    assert lead.text == "Alla insatser hör till dessa områden"
    assert [(b.text, b.parent) for b in bl if b.kind == "item"] == [(w, lead.index) for w in ("Boende", "Skola", "Arbete", "Hälsa")]
    assert any(b.kind == "sentence" and b.text == "Därefter beskrivs varje område för sig." for b in bl)


def test_a_colon_before_a_name_makes_no_list() -> None:
    page = "Ansvarig part är: Region Västra Götaland i samverkan med kommunerna. " + "Texten fortsätter här. " * 14
    assert not any(b.kind == "item" for b in blocks_of(page))


def test_sentences_glued_at_a_full_stop_are_cut_but_abbreviations_stay() -> None:
    assert sentences("Alla ska ha bredband år 2030.Det gäller även glesbygden.") == [
        "Alla ska ha bredband år 2030.", "Det gäller även glesbygden."]
    assert sentences("Vi erbjuder t.ex.Yoga och dans.") == ["Vi erbjuder t.ex.Yoga och dans."]
    assert sentences("Se www.kommun.se/Plan för mer.") == ["Se www.kommun.se/Plan för mer."]


def test_a_row_cell_with_a_comment_in_its_paragraph_keeps_only_its_first_sentence() -> None:
    bl = blocks_of("Mål Kommentar Status\n\nAlla ska ha bredband år 2030.Det gäller även glesbygden.\n\nDelvis\n")
    cell = next(b for b in bl if b.marker == "cell")
    assert cell.text == "Alla ska ha bredband år 2030."
    assert [(b.kind, b.parent) for b in bl if b.text.startswith("Det gäller")] == [("sentence", cell.index)]


def test_a_heading_run_into_the_sentence_under_it_is_cut_off_when_the_vocabulary_knows_it() -> None:
    page = ("Bakgrund Kommunen har tagit fram planen under våren. Syfte med planen Att alla barn ska få en trygg "
            "uppväxt i kommunen. Planen gäller Norrby kommun och dess bolag under tre år. ") * 3
    bl = blocks_of(page)
    assert [b.text for b in bl if b.kind == "heading"][:2] == ["Bakgrund", "Syfte med planen"]
    goal = next(b for b in bl if b.text.startswith("Att alla barn"))
    assert goal.kind == "sentence" and bl[goal.parent].text == "Syfte med planen"
    assert any(b.text.startswith("Planen gäller Norrby kommun") for b in bl)   # "Planen gäller" is no heading


def test_a_running_header_whose_dash_was_read_as_a_bullet_is_still_dropped() -> None:
    page = "Vi arbetar med detta varje år och följer upp arbetet noga i alla verksamheter. " * 5
    text = (f"- trygghetsprogram - Trygghetsprogram för Norrby antaget av fullmäktige\n\n"
            f"1 - trygghetsprogram - Inledning {page}\n\n2 - trygghetsprogram - Bakgrund {page}\n\n"
            f"3 - trygghetsprogram - Mål {page}\n")
    bl = blocks_of(text)
    assert (bl[0].kind, bl[0].marker, bl[0].text) == ("heading", "", "Trygghetsprogram för Norrby antaget av fullmäktige")
    assert not any(b.text.lower().startswith("trygghetsprogram -") for b in bl)


def test_a_sentence_announcing_a_list_leads_the_flattened_run_after_the_next_sentence() -> None:
    page = ("Rådet har valt att arbeta med följande tre målområden. Den viktigaste målgruppen är barn och unga i "
            "hela kommunen med fokus på skolan Goda levnadsvanor Trygg uppväxt Fysisk aktivitet för alla "
            "Rådet har haft fyra möten under året. ") + "Texten fortsätter här. " * 10
    bl = blocks_of(page)
    lead = next(b for b in bl if b.kind == "lead")
    assert lead.text.startswith("Rådet har valt att arbeta med följande tre målområden")
    items = [b for b in bl if b.kind == "item"]
    assert [b.text for b in items][:3] == ["Goda levnadsvanor", "Trygg uppväxt", "Fysisk aktivitet för alla"]
    assert all(b.parent == lead.index for b in items)


def test_lines_under_a_lead_without_glyphs_are_its_list() -> None:
    raw = ["Projekt Samverkan", "", "Målgrupp:", " Kommunernas processledare", " Sjukhuskoordinatorer",
           "", "Utbildare: Utvecklingsledare från Regionalt stöd", "Upplägg: Tre workshops."]
    blocks = layout(clean_lines(raw), raw)
    listed = [b for b in blocks if b.marker == "line"]
    assert [b.text for b in listed] == ["Kommunernas processledare", "Sjukhuskoordinatorer"]
    assert all(blocks[b.parent].text == "Målgrupp" for b in listed)  # type: ignore[index]
    assert any(b.kind == "field" and b.label == "Utbildare" for b in blocks)


def test_a_line_that_ends_in_a_preposition_goes_on_in_the_next_line() -> None:
    raw = ["Vilka data kan användas för mätning?", "Statistik från Flyktingmedicinskt centrum i", "Jönköping",
           "Kvalitetsregister"]
    blocks = layout(clean_lines(raw), raw)
    assert "Statistik från Flyktingmedicinskt centrum i Jönköping" in [b.text for b in blocks]
    assert "Kvalitetsregister" in [b.text for b in blocks]
