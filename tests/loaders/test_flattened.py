"""Tests for flattened-table layout: items, wrap widths, cue words, columns."""
from __future__ import annotations

from pathlib import Path

import pytest

from plangraf.loaders.base import SourceDocument
from plangraf.loaders.flattened import (
    Piece,
    assign_columns,
    bounds,
    column_width,
    cut_sentences,
    em,
    indicator_cue,
    join,
    layout_tables,
    node_span,
    paragraphs,
    prepare,
    pull_back,
    row_parts,
    split_items,
)
from plangraf.loaders.text import clean_lines


def pieces(*lines: str, start: int = 1, fresh_at: tuple[int, ...] = ()) -> list[Piece]:
    return [Piece(t, n, n, fresh=n in fresh_at, phys=((n, t),)) for n, t in enumerate(lines, start=start)]


def texts(items: list[list[Piece]]) -> list[str]:
    return [join(it) for it in items]


def doc_of(text: str) -> SourceDocument:
    raw = text.split("\n")
    return SourceDocument(path=Path("t.txt"), doc_id="t", raw_lines=raw, lines=clean_lines(raw))


def test_prepare_drops_page_numbers_and_marks_fresh_and_gap() -> None:
    got = prepare(doc_of("Rubrik\nFörsta stycket.\n\nAndra stycket.\n7\nNy sida\nhttp://x.se\nslut"))
    assert [p.text for p in got] == ["Rubrik", "Första stycket.", "Andra stycket.", "Ny sida", "slut"]
    assert [p.gap for p in got] == [False, False, True, False, False]
    assert [p.fresh for p in got] == [False, False, False, True, False]  # a page number stood above
    assert [p.start for p in got] == [1, 2, 4, 6, 8]


def test_prepare_splits_cells_at_double_spaces() -> None:
    got = prepare(doc_of("Antal deltagare.   Nätverksträffar"))
    assert [p.text for p in got] == ["Antal deltagare.", "Nätverksträffar"]
    assert all(p.start == 1 for p in got) and [p.phys for p in got] == [((1, p.text),) for p in got]


def test_cut_sentences_keeps_the_line_span() -> None:
    cut = cut_sentences(pieces("Antal revisioner. Samordna brukarrådet", "och föreningen.", start=5))
    assert [(p.text, p.start) for p in cut] == [("Antal revisioner.", 5), ("Samordna brukarrådet", 5),
                                                ("och föreningen.", 6)]
    # an abbreviation is no sentence end; a count after a full stop starts a sentence
    assert cut_sentences(pieces("enkäter, t.ex. Kolada")) == pieces("enkäter, t.ex. Kolada")
    assert cut_sentences(pieces("Träff kl. 10 i länet")) == pieces("Träff kl. 10 i länet")
    assert [p.text for p in cut_sentences(pieces("alla solarier. 4-5 inspektörer"))] == ["alla solarier.", "4-5 inspektörer"]
    assert [p.cut for p in cut] == [False, True, False]


@pytest.mark.parametrize("lines, text", [
    (["Kompetens-", "försörjning"], "Kompetensförsörjning"),
    (["FoU-", "ledare"], "FoU-ledare"),  # a hyphen after a capital is part of the word
    (["barn-", "och ungdomar"], "barn- och ungdomar"),  # "barn- och": a shared word ending
    (["Vi gör", "nytta."], "Vi gör nytta."),
])
def test_join(lines: list[str], text: str) -> None:
    assert join(pieces(*lines)) == text


@pytest.mark.parametrize("lines, items", [
    (["Chefsträffar", "Samtliga aktiviteter", "inom området."], ["Chefsträffar", "Samtliga aktiviteter inom området."]),
    (["80 % av", "kommunerna ska", "delta i", "utvecklingen av", "Letterbox Club", "Sverige."],
     ["80 % av kommunerna ska delta i utvecklingen av Letterbox Club Sverige."]),
    (["Deltagare upplever att:", "a) stödet är bra.", "b) träffarna är relevanta."],
     ["Deltagare upplever att: a) stödet är bra. b) träffarna är relevanta."]),
    (["Kontinuerligt följa upp", "HVB", "uppföljningsformulär."], ["Kontinuerligt följa upp HVB uppföljningsformulär."]),
    (["HVB-uppföljning", "LOKE", "Kolada"], ["HVB-uppföljning", "LOKE", "Kolada"]),
    (["Gemensamt nätverk", "2 ggr per år."], ["Gemensamt nätverk 2 ggr per år."]),
    # "SKL-nätverk" would have fitted after "inom HVB": the line ended on purpose, a new item starts
    (["Utbildning för all personal", "inom HVB", "SKL-nätverk"], ["Utbildning för all personal inom HVB", "SKL-nätverk"]),
    (["Kompetens-", "utvecklingsprogram.", "Uppföljning av", "FoU-", "ledare."],
     ["Kompetensutvecklingsprogram.", "Uppföljning av FoU-ledare."]),
    (["Rent vatten", "Mål: Alla brunnar", "provas."], ["Rent vatten Mål: Alla brunnar provas."]),  # a cell label
])
def test_split_items(lines: list[str], items: list[str]) -> None:
    assert texts(split_items(pieces(*lines))) == items


def test_widths() -> None:
    assert em("mmmm") > em("Alla") > em("iiii")
    lo, hi = bounds(pieces("Alla kommuner deltar", "i nätverket."))
    assert lo == em("Alla kommuner deltar") and hi == em("Alla kommuner deltar i")
    assert bounds(pieces("Kort.")) == (em("Kort."), 99.0)  # one line: no upper bound


@pytest.mark.parametrize("text, strength", [
    ("75 % av deltagarna", 1.5), ("Antal träffar.", 1.5), ("Nyckeltal: andel", 1.5),
    ("12 kommuner deltar", 0.5), ("Nätverksträffar", 0.0),
])
def test_indicator_cue(text: str, strength: float) -> None:
    assert indicator_cue(pieces(text)) == strength


@pytest.mark.parametrize("widths, cues, first, table, cut", [
    ([(12, 13), (7, 8), (9, 10)], [0, 1.5, 0], True, (None,) * 3, (1, 2)),
    # a second wide sentence belongs to the area goal, not to the narrow Mätetal column
    ([(11, 12.5), (11.5, 12.5), (7, 8), (9, 10)], [0, 0, 1.5, 0], True, (None,) * 3, (2, 3)),
    # continued on a new page: the goal column may be empty
    ([(7, 8), (9, 10)], [1.5, 0], False, (None,) * 3, (0, 1)),
    # alone, a second wide sentence looks like an indicator; the table's widths put it in the goal
    ([(12, 13), (11, 12.5), (9, 10)], [0, 0, 0], True, (None,) * 3, (1, 2)),
    ([(12, 13), (11, 12.5), (9, 10)], [0, 0, 0], True, (12, 8, 9.5), (2, 2)),
])
def test_assign_columns(widths, cues, first, table, cut) -> None:
    assert assign_columns(widths, cues, first, table) == cut


def test_items_that_open_alike_stay_in_one_column() -> None:
    widths, cues = [(7.2, 10.9), (7.2, 10.6), (7.9, 8.8), (13.7, 99), (13.5, 16)], [0.0] * 5
    assert assign_columns(widths, cues, True, (8.4, 7.9, None)) == (1, 3)
    alike = [False, True, False, False, False]  # "Bibehålla och öka …" twice: both area goals
    assert assign_columns(widths, cues, True, (8.4, 7.9, None), alike) == (2, 3)
    part, = row_parts(pieces("Bibehålla och öka", "baspersonalens kompetens.", "Bibehålla och öka",
                             "handläggarnas kompetens.", "6 träffar/år.", "3 nätverk /år."))
    assert part.alike == [False, True, False, True]


def test_pull_back_and_paragraphs_keep_a_cells_second_sentence() -> None:
    # "försörjningsstöd. Följa upp" is one printed line of the goal column: the goal cell's
    row = cut_sentences(pieces("Årligen bistå kommunerna vid", "SKL:s brukarenkät på",
                               "försörjningsstöd. Följa upp", "resultat gemensamt.", "Antal enkäter."))
    part, = row_parts(row)
    assert texts(part.items[1:2]) == ["Följa upp resultat gemensamt."]
    assert pull_back(part, (1, 3), (12.2, 7.6, 9.9)) == (2, 3)
    goal = "Årligen bistå kommunerna vid SKL:s brukarenkät på försörjningsstöd. Följa upp resultat gemensamt."
    assert texts(paragraphs(part.items[:2])) == [goal]
    # "Antal revisioner. Samordna brukarrådet/" is wider than the Mätetal column: two cells
    row = cut_sentences(pieces("Ett brukarråd.", "Antal revisioner. Samordna brukarrådet/", "och föreningen."))
    part, = row_parts(row)
    assert pull_back(part, (1, 2), (12.2, 7.6, 9.9)) == (1, 2)
    assert texts(paragraphs(part.items[1:2])) == ["Antal revisioner."]


def test_column_width_needs_agreement() -> None:
    assert column_width([(8, 9), (8.5, 9.5), (7, 8.7), (12, 13)]) == 8.5
    assert column_width([(8, 9), (12, 13)]) is None
    assert column_width([(5, 6), (8, 9), (12, 13)]) is None


# Two rows of a table (row keys already taken off): lead column "goal", cued "indicator", tail.
ROW_1 = ["Alla kommuner deltar", "i kostnätverket.", "80 % av", "kommunerna", "deltar.", "Nätverksträffar"]
ROW_2 = ["Äldre upplever att", "maten är god.", "Antal nöjda", "gäster.", "Smakpanel", "med äldre."]


def test_layout_tables_cuts_rows_into_columns() -> None:
    (row1, row2), = layout_tables([[pieces(*ROW_1), pieces(*ROW_2, start=10)]])
    assert tuple(map(texts, row1)) == (["Alla kommuner deltar i kostnätverket."], ["80 % av kommunerna deltar."],
                                       ["Nätverksträffar"])
    assert tuple(map(texts, row2)) == (["Äldre upplever att maten är god."], ["Antal nöjda gäster."],
                                       ["Smakpanel med äldre."])
    assert node_span(row2[1][0]).start == 12 and node_span(row2[1][0]).end == 13


def test_layout_tables_restarts_columns_on_a_new_page() -> None:
    rest = pieces(*ROW_2, "75 % av gästerna", "äter upp.", "Meny på", "teckenspråk.", fresh_at=(7,))
    (row,), = layout_tables([[rest]])
    goal, inds, acts = map(texts, row)
    assert goal == ["Äldre upplever att maten är god."]
    assert inds == ["Antal nöjda gäster.", "75 % av gästerna äter upp."]
    assert acts == ["Smakpanel med äldre.", "Meny på teckenspråk."]


def test_layout_tables_takes_another_cue() -> None:
    # the default cue pulls "Antal träffar." into the cued column; a data-source cue does not
    rest = pieces("Alla kommuner deltar", "i kostnätverket.", "Kolada", "Antal träffar.")
    (row,), = layout_tables([[rest]])
    assert texts(row[1]) == ["Kolada", "Antal träffar."]
    source_cue = lambda item: 1.5 if item[0].text == "Kolada" else 0.0
    (row,), = layout_tables([[rest]], cue=source_cue)
    assert tuple(map(texts, row)) == (["Alla kommuner deltar i kostnätverket."], ["Kolada"], ["Antal träffar."])
