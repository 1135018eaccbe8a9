"""Tables whose text comes column by column, and numbered references ("Fokusområde: 4,5")."""
from __future__ import annotations

from plangraf.loaders.columns import column_items, column_links, column_tables, header_kinds
from plangraf.loaders.general import items_of
from plangraf.loaders.layout import layout
from plangraf.loaders.link_rules import number_references
from plangraf.loaders.text import clean_lines
from plangraf.loaders.vocab import vocabulary

TABLE = """2.3 Utvecklingsområde: Stöd till unga vuxna

Nulägesbeskrivning: Unga vuxna söker sällan stöd.

Mål Lång sikt Kort sikt

Aktiviteter Ansvariga

L: Alla unga vuxna ska erbjudas stöd inom en vecka.

K: Väntetiden till första samtal ska halveras.

Kartlägga dagens väntetider.

Införa en gemensam ingång för unga vuxna.

Verksamhetschef för öppenvården

Indikatorer för uppföljning:

- Väntetid till första samtal (dagar)
"""


def blocks_of(text: str):  # type: ignore[no-untyped-def]
    raw = text.split("\n")
    return layout(clean_lines(raw), raw)


def test_a_header_row_names_its_columns_in_order() -> None:
    voc = vocabulary()
    assert header_kinds("Mål Lång sikt (5 år) Kort sikt Aktiviteter 2017 Ansvariga", voc) == \
        ["Goal", "Activity", "ResponsibleBody"]
    assert header_kinds("Mål och aktiviteter", voc) == []        # a title that joins two words
    one = blocks_of("Aktiviteter\n\nKartlägga dagens väntetider.\n\nInföra en gemensam ingång.\n")
    assert column_tables(one) == []                               # one column is no table


def test_each_cell_takes_the_column_its_wording_fits() -> None:
    blocks = blocks_of(TABLE)
    tables = column_tables(blocks)
    assert len(tables) == 1
    items = column_items(items_of(blocks, None), blocks, tables)
    kinds = {it.label: it.kind for it in items}
    assert kinds["Alla unga vuxna ska erbjudas stöd inom en vecka."] == "Goal"       # "L:" taken off
    assert kinds["Kartlägga dagens väntetider."] == "Activity"
    assert kinds["Verksamhetschef för öppenvården"] == "ResponsibleBody"


def test_a_column_table_is_linked_as_one_row_and_to_its_section() -> None:
    blocks = blocks_of(TABLE)
    tables = column_tables(blocks)
    items = column_items(items_of(blocks, None), blocks, tables)
    got = {(items[lk.subject].label, lk.predicate, items[lk.object].label) for lk in column_links(items, blocks, tables)}
    goal = "Väntetiden till första samtal ska halveras."
    assert ("Införa en gemensam ingång för unga vuxna.", "servesGoal", goal) in got
    assert ("Verksamhetschef för öppenvården", "responsibleFor", "Kartlägga dagens väntetider.") in got
    assert ("Stöd till unga vuxna", "hasGoal", goal) in got
    assert (goal, "measuredBy", "Väntetid till första samtal (dagar)") in got


def test_a_reference_by_number_links_the_section_to_the_numbered_areas() -> None:
    text = ("Inledning\n\nPlanen har tre fokusområden (1. Tidiga insatser 2. Utsatta grupper 3. Ledning och styrning) "
            "som alla insatser ska tjäna.\n\n2.1 Utvecklingsområde: Stöd till unga vuxna\n\n"
            "Kommunen vill korta väntetiderna.\n\nFokusområde: 2,3\n")
    blocks = blocks_of(text)
    items = items_of(blocks, None)
    assert not [it for it in items if it.label in ("2,3", "2, 3")]       # a reference is no area of its own
    got = {(items[lk.subject].label, lk.predicate, items[lk.object].label) for lk in number_references(items, blocks)}
    assert got == {("Stöd till unga vuxna", "partOf", "Utsatta grupper"),
                   ("Stöd till unga vuxna", "partOf", "Ledning och styrning")}


def test_a_header_over_three_lines_and_lettered_horizons() -> None:
    text = ("Mål Lång sikt (5 år)\nKort sikt (1 år)\nAktiviteter Ansvariga\n\n"
            "L: Alla barn får rätt insats i tid.\n\nK: Fler barn bedöms inom en månad.\n\n"
            "- Utifrån kartläggningen formulera en ny rutin.\n\nInköp av ett bedömningsverktyg.\n\n"
            "Verksamhetschef barnhälsovården\n")
    blocks = blocks_of(text)
    tables = column_tables(blocks)
    assert len(tables) == 1 and tables[0].columns == ["Goal", "Activity", "ResponsibleBody"]
    items = column_items(items_of(blocks, None), blocks, tables)
    got = {it.label: (it.kind, it.subclass) for it in items if it.kind in ("Goal", "Activity", "ResponsibleBody")}
    assert got["Alla barn får rätt insats i tid."] == ("Goal", "LongTermGoal")
    assert got["Fler barn bedöms inom en månad."] == ("Goal", "ShortTermGoal")
    assert got["Utifrån kartläggningen formulera en ny rutin."][0] == "Activity"
    assert got["Inköp av ett bedömningsverktyg."][0] == "Activity"
    assert got["Verksamhetschef barnhälsovården"][0] == "ResponsibleBody"


def test_money_granted_for_the_work_is_a_budget() -> None:
    from plangraf.loaders.mentions import budgets
    assert budgets("Arbetet finansieras genom de stimulansmedel som erhålls enligt överenskommelsen.") == ["stimulansmedel"]
    assert budgets("Stimulansmedel är ett ord i den här meningen.") == []      # no word of funding


def test_a_table_given_row_by_row_is_not_read_as_columns() -> None:
    text = ("Strategiskt mål Mål på områdesnivå Mätetal Aktivitet\n\n"
            "Vi stärker och ökar\n\nkompetensen i länet.\n\n80 % av deltagarna\n\nska vara nöjda.\n\n"
            "Kursutvärderingar.\n\nUtbildningar i\n\nmetoder.\n")
    assert column_tables(blocks_of(text)) == []


def test_a_fragment_of_a_wrapped_cell_is_no_body() -> None:
    text = ("Mål Lång sikt Kort sikt\n\nAktiviteter Ansvariga\n\nFler unga ska få stöd i tid.\n\nTillsätta en arbetsgrupp som får i uppdrag att:\n\n"
            "- Kartlägga behoven.\n\nVerksamhetschef för öppenvården\n\nen.\n\nKBT och CBT (culturally adapted –\n")
    blocks = blocks_of(text)
    tables = column_tables(blocks)
    items = column_items(items_of(blocks, None), blocks, tables)
    bodies = {it.label for it in items if it.kind == "ResponsibleBody"}
    assert "Verksamhetschef för öppenvården" in bodies
    assert not bodies & {"en.", "KBT och CBT (culturally adapted –"}
    assert any(it.kind == "Activity" and it.label.startswith("Tillsätta en arbetsgrupp") for it in items)
