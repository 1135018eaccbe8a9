"""Readers shared by the loaders: amounts of money, lists of names, sentences, wrapped lines.

Templates read the same kinds of values out of cells, label lines and prose: "412,3 miljoner
kronor" (:func:`amount`, :data:`KRONOR`), "FoU-ledare och teamchef" (:func:`split_list`),
"Socialförvaltningen, Region X och Y-nämnden" (:func:`split_names`, the careful reader for free
text), the sentences of a paragraph (:func:`sentence_spans`, :data:`ABBREVIATION`) and the words a
wrapped line can end on (:data:`CONNECT`). One reader each keeps the rules alike across
templates — e.g. that a hyphen before "och" is a compound ellipsis ("Barn- och
utbildningsförvaltningen" is one name, never two).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# -- money -------------------------------------------------------------------------------------
NUMBER = r"\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"  # '1 500 000', '412,3', '2.5'
CURRENCY = "miljoner kronor|miljoner kr|miljon kronor|mnkr|mkr|msek|tkr|tusen kronor|kronor|kr|sek"
# An amount where the text is about money (a budget field, a sentence with a budget word): a bare
# 'miljoner' is kronor there ('Ca 14,5 miljoner på 3 år').
MONEY = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>{CURRENCY}|miljoner|miljon)\b", re.IGNORECASE)
# An amount in any sentence: a currency unit is needed ('1,2 miljoner invånare' is no amount).
KRONOR = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>{CURRENCY})\b", re.IGNORECASE)
MULTIPLIER = {"miljoner": 10**6, "miljon": 10**6, "mnkr": 10**6, "mkr": 10**6, "msek": 10**6, "tkr": 1000,
              "tusen": 1000}


def amount(text: str) -> Decimal | None:
    """The one amount in kronor a text states ('412,3 miljoner kronor' -> 412300000), else None
    (no amount, or two: 'Basfinansiering 105 000 kr och projektmedel 50 000 kr')."""
    found = list(MONEY.finditer(text))
    return money_value(found[0]) if len(found) == 1 else None


def money_value(m: re.Match[str]) -> Decimal | None:
    """The kronor a :data:`MONEY` or :data:`KRONOR` match stands for ('2,5 mkr' -> 2500000)."""
    try:
        value = Decimal(re.sub(r"\s", "", m["num"]).replace(",", "."))
    except InvalidOperation:
        return None
    value *= MULTIPLIER.get(m["unit"].lower().split()[0], 1)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


# -- names -------------------------------------------------------------------------------------
LIST_SEP = re.compile(r"\s*,\s*|(?<![-‐\s])\s+och\s+")


def split_list(text: str) -> list[str]:
    """'FoU-ledare, samordnare och teamchef' -> three names: a field that holds nothing but a list
    is cut at every comma and every 'och' — except after a hyphen ('Barn- och
    utbildningsförvaltningen', 'hälso- och sjukvården' are one name each)."""
    return [p.strip() for p in LIST_SEP.split(text) if p.strip()]


SPLIT_LIST = re.compile(r"\s*[,;]\s*|\s+/\s+")
SPLIT_AND = re.compile(r"(?<!-) (?:och|samt) (?=[A-ZÅÄÖ])"
                       r"|\s+(?:i samverkan med|i samarbete med|tillsammans med)\s+")
ORG_END = re.compile(r"(?:förvaltning(?:en|ar(?:na)?)?|nämnd(?:en|er(?:na)?)?|enhet(?:en|er(?:na)?)?"
                     r"|avdelning(?:en|ar(?:na)?)?|kommun(?:en|er(?:na)?)?|region(?:en)?"
                     r"|verksamhet(?:en|er(?:na)?)?|styrelse(?:n|r(?:na)?)?|kontor(?:et)?"
                     r"|central(?:en)?|rådet"
                     r"|ledning(?:en)?|chef(?:en|er(?:na)?)?|samordnar(?:en|na)?|grupp(?:en|er(?:na)?)?)$")


def split_names(value: str, and_too: bool) -> list[str]:
    """'A, B och C' -> [A, B, C]; 'Barn- och utbildningsförvaltningen' and 'Liv och hälsa' stay whole.

    With ``and_too`` (bodies) also 'X i samverkan med Y', and 'X-förvaltningen och y-nämnden' when
    both sides end like an organisation.
    """
    parts = [p for p in SPLIT_LIST.split(value) if p]
    if and_too:
        parts = [q for p in parts for q in SPLIT_AND.split(p)]
        parts = [q for p in parts for q in split_org_and(p)]
    return [p for p in parts if p]


def split_org_and(text: str) -> list[str]:
    """'A-förvaltningen och b-nämnden' -> two names, where both sides end like an organisation
    (a hyphen before 'och' is a compound ellipsis, never a split)."""
    for m in re.finditer(r"(?<!-) och ", text):
        left, right = text[:m.start()], text[m.end():]
        if re.search(r"\b(?:i|inom|för|på|vid|med|av|hos|till|mellan) \S+$", left):
            continue  # 'chefer i region och kommuner' coordinates inside the phrase
        if ORG_END.search(left) and ORG_END.search(right.split(" (")[0]):
            return [left] + split_org_and(right)
    return [text]


# -- sentences and wrapped lines ---------------------------------------------------------------
# Words a wrapped line can end on: the sentence, cell or title goes on in the next line.
CONNECT = frozenset(("och", "eller", "samt", "av", "i", "till", "med", "för", "som", "att", "om", "på",
                     "från", "vid", "inom", "mellan", "under", "genom", "enligt", "efter", "mot", "via",
                     "de", "den", "det", "ett", "en", "sitt", "sin", "sina", "är", "ska", "har", "kan",
                     "avseende", "rörande", "kring", "gällande", "angående", "hos", "per", "utan", "än",
                     "bland", "åt", "över", "där", "vilka", "vars", "minst", "högst", "cirka", "ca",
                     "drygt", "dels", "resp", "respektive", "vad", "hur", "både", "the", "of", "and"))
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”•–])")
# abbreviations whose full stop ends no sentence ('ca. 50', 't.ex. Region X', '3 st. per år')
ABBREVIATION = re.compile(r"\b(?:kl|nr|ca|st|resp|jfr|inkl|exkl|tel|dvs|osv|mfl|mm|bl\.a|t\.ex|s\.k|fr\.o\.m"
                          r"|t\.o\.m)\.$", re.IGNORECASE)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph: a break is a full stop, '!' or '?' before a
    capital, a digit, a quote or a list mark — not the stop of an abbreviation ('ca. 50', 't.ex.
    Region X', 'kl. 10')."""
    out, pos = [], 0
    for m in SENTENCE_BREAK.finditer(text):
        if ABBREVIATION.search(text, max(0, m.start() - 12), m.start()):
            continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out
