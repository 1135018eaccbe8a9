"""Tests for labelled field blocks and the value readers (amounts, names, timing, sources)."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from plangraf.loaders.fields import (
    SOURCE_MENTION,
    field_role,
    is_heading,
    is_timing,
    names,
    read_fields,
    sentences,
    source_items,
)
from plangraf.loaders.flattened import Piece
from plangraf.loaders.values import amount

ROLES = ((r"målgrupp", "target"), (r"syfte", "purpose"), (r"budget( och finansiering)?", "budget"))


def pieces(*lines: str, bullets: tuple[int, ...] = ()) -> list[Piece]:
    return [Piece(t, n, n, bullet=n in bullets, phys=((n, t),)) for n, t in enumerate(lines, start=1)]


def test_field_role_knows_only_its_labels() -> None:
    assert field_role(Piece("Målgrupp: Chefer i länet.", 1, 1), ROLES) == ("target", "Chefer i länet.")
    assert field_role(Piece("Nytta: Bättre stöd.", 1, 1), ROLES) is None  # not a label of these roles
    assert field_role(Piece("Målgrupp: Chefer", 1, 1, bullet=True), ROLES) is None  # a bullet is no label


def test_read_fields_runs_values_on_until_a_label_or_a_stop() -> None:
    ps = pieces("Målgrupp: Chefer och", "handläggare.", "Syfte: Att stödja:", "kommunerna", "regionen",
                "Budget: 100 000 kr.", "Strategiskt mål …", bullets=(4, 5))
    end, block = read_fields(ps, 0, ROLES, stop=lambda k: ps[k].text.startswith("Strategiskt"))
    assert end == 6 and [f.role for f in block] == ["target", "purpose", "budget"]
    assert block[0].text() == "Chefer och handläggare."
    lead, groups = block[1].parts()
    assert [p.text for p in lead] == ["Att stödja:"] and [[p.text for p in g] for g in groups] == [["kommunerna"], ["regionen"]]


def test_is_heading_needs_a_block_after_it() -> None:
    table = re.compile(r"Strategiskt mål")
    ps = pieces("Äldreomsorg", "Målgrupp: Kostchefer.", "Mat och måltider", "Strategiskt mål Mätetal", "Målgrupp: X.",
                "Ny del", "Mer text.", "Syfte: Att stödja.")
    assert [is_heading(ps, i, ROLES, table) for i in range(len(ps))] == [
        True, False, False, False, False, True, False, False]  # a table header comes first after line 3
    assert not is_heading(ps, 0, ROLES, table, fresh_only=True)  # not at a page start


@pytest.mark.parametrize("text, expected", [
    ("Statliga stimulansmedel, 330 000 kronor.", Decimal(330000)),
    ("Finansieras med bidrag. Ca 14,5 miljoner på 3 år.", Decimal(14500000)),
    ("ca 0,4 årsarbetare, PRIO-medel.", None),
    ("Basfinansiering 105 000 kr och projektmedel 50 000 kr.", None),
])
def test_money(text: str, expected: Decimal | None) -> None:
    assert amount(text) == expected


def test_names() -> None:
    assert names("FoU-ledare och teamchef.") == ["FoU-ledare", "teamchef"]
    assert names("Liselotte Karlsson, Mattias Vejklint.") == ["Liselotte Karlsson", "Mattias Vejklint"]
    assert names("Barn- och utbildningsförvaltningen.") == ["Barn- och utbildningsförvaltningen"]


@pytest.mark.parametrize("text, expected", [
    ("Data ur Kolada och SKL:s brukarenkät.", ["Kolada", "SKL:s brukarenkät"]),
    ("Följa öppna jämförelser och Hälsa på lika villkor", ["öppna jämförelser", "Hälsa på lika villkor"]),
    ("Enkät till anställda.", []),
])
def test_source_mention(text: str, expected: list[str]) -> None:
    assert [m.group(1) for m in SOURCE_MENTION.finditer(text)] == expected


@pytest.mark.parametrize("text, timing", [
    ("Löpande i själva modellen.", True), ("En utvärdering efter mars 2018.", True), ("Två gånger per år.", True),
    ("Antal kommuner som aktivt deltar i arbetet.", False), ("Via enkäter.", False),
    ("Kontinuerligt följa upp antalet placeringar som avbryts i förtid.", False),  # long: says what, too
])
def test_is_timing(text: str, timing: bool) -> None:
    assert is_timing(text) is timing


def test_sentences_and_sources() -> None:
    assert sentences("Antal aktiviteter. Enkät till anställda.") == ["Antal aktiviteter.", "Enkät till anställda."]
    items = [[p] for p in pieces("HVB-uppföljning", "LOKE", "ASI", "Antal placeringar.")]
    assert source_items(items) == [True, True, True, False]  # a run of bare lines, one naming a source
    assert source_items([[p] for p in pieces("Chefsträffar", "Temadag")]) == [False, False]
