"""Tests for the readers the loaders share: amounts, name lists, sentences, source names."""
from __future__ import annotations

from decimal import Decimal

import pytest

from plangraf.loaders.source_names import SOURCE_NAMES, names_pattern
from plangraf.loaders.values import KRONOR, MONEY, amount, money_value, sentence_spans, split_list


@pytest.mark.parametrize("text, expected", [
    ("Basfinansiering: 2,5 mkr", Decimal(2500000)),
    ("Ca 14,5 miljoner på 3 år.", Decimal(14500000)),
    ("Budget 2.5 miljoner kronor", Decimal(2500000)),  # a decimal point, not '5 miljoner'
    ("1 miljon kronor", Decimal(1000000)),
    ("150 tkr", Decimal(150000)),
])
def test_amount(text: str, expected: Decimal) -> None:
    assert amount(text) == expected


@pytest.mark.parametrize("text, money, kronor", [
    ("Länet har 1,2 miljoner invånare.", "1,2 miljoner", None),  # only a budget context makes it kronor
    ("Stimulansmedel 2021: 3 500 000 kr", "3 500 000 kr", "3 500 000 kr"),
    ("Insatsen kostar 2 miljoner kronor.", "2 miljoner kronor", "2 miljoner kronor"),
    ("Det tar 2 timmar.", None, None),
])
def test_money_and_kronor(text: str, money: str | None, kronor: str | None) -> None:
    m, k = MONEY.search(text), KRONOR.search(text)
    assert (m.group(0) if m else None, k.group(0) if k else None) == (money, kronor)
    if k:
        assert money_value(k) == amount(text)


@pytest.mark.parametrize("text, expected", [
    ("FoU-ledare, samordnare och teamchef", ["FoU-ledare", "samordnare", "teamchef"]),
    ("Barn- och utbildningsförvaltningen", ["Barn- och utbildningsförvaltningen"]),
    ("Hälso- och sjukvården och socialtjänsten", ["Hälso- och sjukvården", "socialtjänsten"]),
    (" , ", []),
])
def test_split_list(text: str, expected: list[str]) -> None:
    assert split_list(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Antal deltagare. Enkät till chefer! Vilka? 5 st per år.",
     ["Antal deltagare.", "Enkät till chefer!", "Vilka?", "5 st per år."]),
    ("Vi samverkar med t.ex. Region X. Det ger ca. 50 besök.",
     ["Vi samverkar med t.ex. Region X.", "Det ger ca. 50 besök."]),
    ("Målet är nått, dvs. inte mer.", ["Målet är nått, dvs. inte mer."]),
    ("Rad ett\nRad två. Nästa", ["Rad ett\nRad två.", "Nästa"]),
])
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


def test_source_name_patterns() -> None:
    text = "Data ur elevhälsodatabasen ELSA, Kolada/KAS och SKL:s enkät; Koladas egna"
    assert [m.group(0) for m in SOURCE_NAMES.finditer(text)] == ["elevhälsodatabasen ELSA", "Kolada"]
    extra = names_pattern((r"SKL:s [a-zåäö]+",), group=True)
    assert [m.group(1) for m in extra.finditer(text)] == ["elevhälsodatabasen ELSA", "Kolada", "SKL:s enkät"]
