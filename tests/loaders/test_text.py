"""Text cleaning: each rule on small tables of raw lines, then the whole pipeline's promises."""
from __future__ import annotations

import pytest

from plangraf.loaders.text import (
    Line,
    clean_lines,
    continues_sentence,
    hyphen_join,
    normalize_chars,
    normalize_quote,
    page_number_lines,
    pages_from_form_feeds,
    paragraph_breaks,
    quote_in_lines,
    split_bullet,
    strip_footnote_marks,
)


def texts(raw: list[str], pages=None) -> list[str]:
    return [line.text for line in clean_lines(raw, pages)]


@pytest.mark.parametrize("raw, expected", [
    ("reviderad  version", "reviderad version"),
    ("  Nära\u00a0vård\u00a0 ", "Nära vård"),
    ("sam\u00adverkan", "samverkan"),
    ("utveckl\u00ad", "utveckl\u00ad"),                    # kept at the end: marks a split word
    ("SIP\u2011mötena och 2016\u20102020", "SIP-mötena och 2016-2020"),
    ("\ufb01nansiering", "finansiering"),
    ("a\u0308ldre", "äldre"),                              # decomposed to composed
    ("tab\there", "tab here"),
    ("hälsa\u00b3 och", "hälsa och"),                       # superscript footnote mark
    ("2016–2020", "2016–2020"),
])
def test_normalize_chars(raw, expected):
    assert normalize_chars(raw) == expected


@pytest.mark.parametrize("raw, dash_list, expected", [
    ("\uf0b7 Vi har ett starkt partnerskap", False, ("Vi har ett starkt partnerskap", True)),
    ("\uf0a7Öka tillgängligheten", False, ("Öka tillgängligheten", True)),
    ("\uf0d8 Mål", False, ("Mål", True)),
    ("• Hur kan uppföljning ske?", False, ("Hur kan uppföljning ske?", True)),
    ("- Antalet fasta specialistläkare", False, ("Antalet fasta specialistläkare", True)),
    ("-Definiera vad som kännetecknar", False, ("Definiera vad som kännetecknar", True)),
    ("-2 700", False, ("-2 700", False)),                 # a negative number
    ("– Region", False, ("– Region", False)),             # a continuation, no list around
    ("– Samverkanssystem", True, ("Samverkanssystem", True)),
    ("1. Främjande förebyggande", False, ("1. Främjande förebyggande", False)),
    ("\uf0b7", False, ("", True)),
    ("Mål \uf0e0 resultat", False, ("Mål resultat", False)),
])
def test_split_bullet(raw, dash_list, expected):
    assert split_bullet(raw, dash_list) == expected


@pytest.mark.parametrize("left, right, expected", [
    ("utveckl-", "ing", "utveckling"),
    ("utveckl-", "ing,", "utveckling,"),
    ("fokus-", "områden", "fokusområden"),
    ("process-", "ledarna", "processledarna"),       # both parts common words: still one word
    ("sjukdoms-", "förebyggande", "sjukdomsförebyggande"),
    ("verksamhet-", "er/funktioner", "verksamheter/funktioner"),
    ("SIP-", "mötena", "SIP-mötena"),                 # acronym keeps its hyphen
    ("e-", "hälsa", "e-hälsa"),                       # single letter keeps it
    ("Super-Cross-", "databasen", "Super-Cross-databasen"),
    ("UTVECK-", "LING", "UTVECKLING"),
    ("hälso-", "och", None),                          # compound ellipsis
    ("Barn-", "och", None),
    ("sluten-", "till", None),
    ("gemen-", "samt", "gemensamt"),                  # ...unless the two make a word
    ("2016-", "2020", None),                          # numbers
    ("Region-", "Gävleborg", None),                   # capitalised next word
    ("kommuner-", "/regioner", None),
    ("utveckl\u00ad", "ing", "utveckling"),           # soft hyphen: always a split word
    ("utveckling", "av", None),                       # no hyphen
    ("ansvar –", "men", None),
])
def test_hyphen_join(left, right, expected):
    assert hyphen_join(left, right) == expected


def test_hyphen_join_follows_the_document():
    counts = {"co-production": 3, "coproduction": 0}
    assert hyphen_join("co-", "production.", counts.get) == "co-production."
    assert hyphen_join("strategi-", "gruppen", {"strategi-gruppen": 0, "strategigruppen": 2}.get) == "strategigruppen"


@pytest.mark.parametrize("left, right, expected", [
    ("traumabe-", "handling.", "traumabehandling."),  # fragment is no word: join across a break
    ("förutsätt-", "ning", "förutsättning"),
    ("verksamhet-", "er", "verksamheter"),            # known joined word
])
def test_hyphen_join_across_break(left, right, expected):
    assert hyphen_join(left, right, across_break=True) == expected


@pytest.mark.parametrize("gaps, expected", [
    ([0, 0, 1, 0, 0], [False, False, True, False, False]),              # single-spaced: blank = break
    ([1, 1, 1, 1, 2, 1, 1, 1], [False] * 4 + [True] + [False] * 3),     # double-spaced: 2 blanks = break
    ([1, 1], [True, True]),                                            # too short to call double
    ([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1],        # double spacing starts: its
     [False] * 7 + [True] * 3 + [False] * 6 + [True, False]),        # first blanks still count
])
def test_paragraph_breaks(gaps, expected):
    assert paragraph_breaks(gaps) == expected


def test_paragraph_breaks_never_inside_a_sentence():
    assert paragraph_breaks([3, 0, 0], [True, False, False]) == [False, False, False]


@pytest.mark.parametrize("line, nxt, bullet, expected", [
    ("varav den andra är en", "reviderad version.", False, True),
    ("processledare.", "reviderad version.", False, False),
    ("Mål:", "öka andelen", False, False),
    ("Insatser", "Barn och unga", False, False),
    ("för personal", "utbildning", True, False),
])
def test_continues_sentence(line, nxt, bullet, expected):
    assert continues_sentence(line, nxt, bullet) is expected


@pytest.mark.parametrize("lines, expected", [
    (["Sida 3 av 20", "text"], {0}),
    (["- 4 -", "text"], {0}),
    (["text", "5 (12)", ""], set()),                      # could be a table cell
    (["sida", "Sidan beskriver"], set()),
    # an increasing chain of bare numbers between blanks, ~50 lines a page
    ([""] + ["x"] * 48 + ["", "2", ""] + ["x"] * 48 + ["", "3", ""] + ["x"] * 48 + ["", "4", ""], {50, 101, 152}),
    # budget table cells: blank around, but no page-like chain
    (["x", "", "0", "", "x", "", "0", "", "473", ""], set()),
])
def test_page_number_lines(lines, expected):
    assert page_number_lines(lines) == expected


def test_page_number_at_page_edge_when_pages_known():
    lines = ["Rubrik", "text", "7", "Rubrik", "mer", "8"]
    assert page_number_lines(lines, [1, 1, 1, 2, 2, 2]) == {2, 5}


@pytest.mark.parametrize("raw, expected", [
    (["a", "b"], None),
    (["a", "\fb", "c"], [1, 2, 2]),
    (["a\f", "b"], [1, 2]),
    (["\f\fa"], [3]),
])
def test_pages_from_form_feeds(raw, expected):
    assert pages_from_form_feeds(raw) == expected


@pytest.mark.parametrize("lines, expected", [
    (["inom strukturen1 samt", "1 De regionala strukturerna"], ["inom strukturen samt", "1 De regionala strukturerna"]),
    (["projektägare2.", "x", "2 Projektbeställare = Länsstyrgrupp"], ["projektägare.", "x", "2 Projektbeställare = Länsstyrgrupp"]),
    (["covid19 och åk7"], ["covid19 och åk7"]),                 # no footnote lines
    (["hälsa3 och", "1 Fotnot"], ["hälsa3 och", "1 Fotnot"]),    # no footnote 3
])
def test_strip_footnote_marks(lines, expected):
    assert strip_footnote_marks(lines) == expected


# -- the whole pipeline --------------------------------------------------------------------
def test_dehyphenation_moves_the_fragment_and_keeps_provenance():
    raw = ["Handlingsplan 2017 för utveckl-", "ing av insatser inom området", "psykisk hälsa."]
    assert clean_lines(raw) == [Line("Handlingsplan 2017 för utveckling", 1, 2),
                                Line("av insatser inom området", 2, 2), Line("psykisk hälsa.", 3, 3)]


def test_a_line_emptied_by_the_move_disappears():
    raw = ["Verksamhetschef Barnpsykia-", "tri", "Nästa rad"]
    assert clean_lines(raw) == [Line("Verksamhetschef Barnpsykiatri", 1, 2), Line("Nästa rad", 3, 3)]


def test_double_spaced_text():
    raw = ["ska kommuner göra en plan för utveckl-", "", "ing av insatser. Enligt", "",
           "överenskommelsen ska planen omfatta", "", "fem områden.", " ", "", "Analys", "",
           "Ledningsgruppen gav i uppdrag", "", "till en arbetsgrupp att", "", "identifiera data."]
    out = clean_lines(raw)
    assert [l.text for l in out] == [
        "ska kommuner göra en plan för utveckling", "av insatser. Enligt", "överenskommelsen ska planen omfatta",
        "fem områden.", "", "Analys", "Ledningsgruppen gav i uppdrag", "till en arbetsgrupp att",
        "identifiera data."]
    assert (out[0].start, out[0].end) == (1, 3)
    assert out[4] == Line("", 8, 8)


def test_single_spaced_blanks_stay_and_collapse():
    raw = ["", "Mål", "Öka tryggheten.", "", "", "", "Aktiviteter", "Utbilda personal.", ""]
    assert texts(raw) == ["Mål", "Öka tryggheten.", "", "Aktiviteter", "Utbilda personal."]


def test_bullets_and_page_furniture():
    raw = ["Strategiska mål", "\uf0b7 Vi har ett starkt partnerskap.", "\uf0b7", "Vi stärker kompetensen.",
           "– Samverkanssystem", "– Journal", "Sida 2 av 9", "Slut."]
    out = clean_lines(raw)
    assert [(l.text, l.bullet) for l in out] == [
        ("Strategiska mål", False), ("Vi har ett starkt partnerskap.", True),
        ("Vi stärker kompetensen.", True), ("Samverkanssystem", True), ("Journal", True), ("Slut.", False)]


def test_pages_and_running_headers():
    raw, pages = [], []
    bodies = ["Mål för området.", "Aktiviteter under året.", "Indikatorer och källor.", "Ansvar och budget."]
    for page, body in enumerate(bodies, start=1):
        raw += ["Handlingsplan psykisk hälsa 2024", f"{body[:-1]} inleds.", body, f"{body[:-1]} slutar.",
                f"Region Exempel, sida {page}"]
        pages += [page] * 5
    out = clean_lines(raw, pages)
    assert [l.text for l in out if l.page == 2] == ["Aktiviteter under året inleds.", "Aktiviteter under året.",
                                                    "Aktiviteter under året slutar."]
    assert [l.start for l in out if l.page == 2] == [7, 8, 9]


def test_a_repeated_table_header_is_no_running_header():
    raw, pages = [], []
    for page in range(1, 5):
        raw += ["Mål Aktivitet Ansvar", f"rad {page}a", f"rad {page}b", f"rad {page}c"]
        pages += [page] * 4
    raw[0:0], pages[0:0] = ["Inledning", "text"], [1, 1]   # where the table starts it is mid-page
    assert texts(raw, pages).count("Mål Aktivitet Ansvar") == 4


def test_form_feeds_give_pages():
    out = clean_lines(["Första sidan", "\fAndra sidan"])
    assert [(l.text, l.page) for l in out] == [("Första sidan", 1), ("Andra sidan", 2)]


def test_compound_ellipsis_and_ranges_are_kept():
    raw = ["inom hälso-", "och sjukvård under 2016–", "2020 med SIP-", "mötena"]
    assert texts(raw) == ["inom hälso-", "och sjukvård under 2016–", "2020 med SIP-mötena"]


@pytest.mark.parametrize("quote, source", [
    ("utveckling av insatser", "för utveckl- ing av insatser"),
    ("Vi har ett starkt partnerskap", "\uf0b7 Vi  har ett STARKT\u00a0partnerskap."),
    ("SIP-mötena", "SIP- mötena"),
    ("Stöd till riktade insatser", "”Stöd till riktade insatser”"),
    ("strukturen samt", "strukturen1 samt"),
    ("2016–2020", "2016-2020"),
])
def test_normalize_quote_matches(quote, source):
    assert normalize_quote(quote) in normalize_quote(source)


@pytest.mark.parametrize("quote, source", [
    ("utveckling av stöd", "utveckling av insatser"),
    ("hälsa 2018", "hälsa 2016"),
])
def test_normalize_quote_differs(quote, source):
    assert normalize_quote(quote) not in normalize_quote(source)


def test_quote_in_lines_uses_overlapping_cleaned_lines():
    lines = clean_lines(["Mål: ökad utveckl-", "ing av stöd", "Annat"])
    assert quote_in_lines("ökad utveckling av stöd", lines, 1, 2)
    assert quote_in_lines("av stöd", lines, 2, 2)
    assert not quote_in_lines("Annat", lines, 1, 2)


@pytest.mark.parametrize("word", ["utveckling", "habilitering", "gemensamt", "traumabe", "och"])
def test_zipf_agrees_with_wordfreq(word):
    from wordfreq import zipf_frequency

    from plangraf.loaders.text import zipf
    assert zipf(word) == zipf_frequency(word, "sv")
    assert zipf(word, common_only=True) == zipf_frequency(word, "sv", wordlist="small")


@pytest.mark.timeout(60)
def test_long_letter_runs_do_not_hang() -> None:
    """The fuzz reproducers: a 30,000-letter run before a hyphen, and 300 KB of 1,000-letter words
    with one hyphenated word, once took minutes in hyphen_join and document_counter (the timeout
    only guards against a hang; speed is measured in scripts/bench_extraction.py)."""
    from pathlib import Path

    from plangraf.loaders.inputs import read_document
    doc = read_document(Path(__file__).parent.parent / "data" / "fuzz" / "hang-hyphen-join.txt")
    assert doc.lines
    lines = clean_lines(["Inledning", ("a" * 1000 + " ") * 300 + "x-y", "Mål: utveckl-", "ing av"])
    assert any(line.text.endswith("utveckling") for line in lines)
