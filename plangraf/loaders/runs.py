"""Run-together text: where a flattened table, diagram or list lost its separators.

Transcripts of PDFs and slides, and web pages rendered from tables, often keep the words of a
table or a diagram but lose what set its cells apart. A reader still sees the cells; these pure
functions find them again, for :mod:`plangraf.loaders.layout`:

- :func:`unglue`: cells glued without a space ("FolkhälsaSamordnat folkhälsoarbete"): a lower-case
  letter run directly followed by a capitalised word is a cell border; so is a section number
  glued to its title ("1.1Verksamhetsstyrning").
- :func:`header_row`: a table's header row ("Mål Kommentarer Uppfyllt Ja/Nej"): only column words
  (``table_headers`` in ``vocabulary.yaml``).
- :func:`is_cell_value`: a status cell that ends a row ("Ja", "Delvis uppfyllt"; ``table_values``).
- :func:`capital_run`: a long stretch without any punctuation in which several capitalised words
  follow lower-case ones: a diagram or list flattened into one run of words ("Ökad kunskap Fler
  aktörer har kunskap Utvecklad samverkan Samverkan utgår från …"), cut before each of them.

Everything here is linear in the length of the text (no backtracking patterns over long lines).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

from plangraf.loaders.vocab import vocabulary_data

# a lower-case run glued to a capitalised word: "folkhälsoarbeteNationell"
GLUE = re.compile(r"(?<=[a-zåäöéü]{3})(?=[A-ZÅÄÖ][a-zåäöéü]{2})")
# a section number glued to its title: "1.1Verksamhetsstyrning"
GLUED_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?(?=[A-ZÅÄÖ][a-zåäö]{2})")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], re.Pattern[str], frozenset[str]]:
    """(table header words, the pattern of a status cell, function words) from vocabulary.yaml."""
    data = vocabulary_data()
    headers = frozenset(w.lower() for w in data.get("table_headers", []))
    values = re.compile("^(?:" + "|".join(f"(?:{v})" for v in data.get("table_values", ["(?!)"])) + r")[.!]?$",
                        re.IGNORECASE)
    return headers, values, frozenset(data.get("function_words", []))


@lru_cache(maxsize=1)
def _list_cues() -> re.Pattern[str]:
    data = vocabulary_data()
    return re.compile("|".join(f"(?:{c})" for c in data.get("list_cues", ["(?!)"])), re.IGNORECASE)


def announces_list(sentence: str) -> bool:
    """A sentence that says a list follows ("… på följande fyra målområden."): its colon may have
    been lost, as in a transcript where the list was run together."""
    return bool(_list_cues().search(sentence))


def unglue(text: str) -> list[str]:
    """The cells of a line whose cells were glued together, or ``[text]`` when none were.

    "FolkhälsaSamordnat folkhälsoarbeteNationell uppföljning" -> three cells. A glued section
    number gets its space back ("1.1Verksamhetsstyrning" -> "1.1 Verksamhetsstyrning")."""
    m = GLUED_NUMBER.match(text)
    if m:
        text = f"{m.group(1)} {text[m.end():]}"
    if not GLUE.search(text):
        return [text]
    pieces = [p.strip() for p in GLUE.split(text)]
    return [p for p in pieces if p]


WORD_SPLIT = re.compile(r"[\s/]+")


def header_row(cells: list[str]) -> str | None:
    """The header row a line's cells make, its columns set apart ("Mål | Kommentarer | Uppfyllt |
    Ja/Nej" of "Mål Kommentarer Uppfyllt Ja/Nej"), or None.

    Every word must be a column word, and there must be three of them (or two glued cells):
    "Mål och aktiviteter" is a heading, not a header row."""
    headers = _words()[0]
    text = " ".join(cells) if len(cells) > 1 else cells[0]
    if len(text) > 120:
        return None
    words = [w for w in WORD_SPLIT.split(text.lower().strip(" :")) if w]
    if not words or not all(w in headers for w in words):
        return None
    if len(words) >= 3 or (len(cells) >= 2 and len(words) >= 2):
        # the column names, set apart as cells: a header row is no "Label name" heading
        return " | ".join(text.strip(" :").split() if len(cells) == 1 else cells)
    return None


def is_cell_value(text: str) -> bool:
    """A status cell ("Ja", "Nej", "Delvis", "Uppfyllt", "Ej uppfyllt")."""
    return bool(_words()[1].match(text.strip()))


# -- capitalised runs ------------------------------------------------------------------------
PUNCT = re.compile(r"[.!?;:]")
TOKEN = re.compile(r"\S+")
MIN_RUN_WORDS = 14     # shorter stretches are a title or a name, not a flattened list
MIN_CUTS = 3           # a sentence may hold a name or two; a flattened list holds many starts
CAPITALISED = re.compile(r"[A-ZÅÄÖ][a-zåäöéü]+[-,]?")
LOWER_END = re.compile(r"[a-zåäöéü0-9)%]$")


def capital_run(text: str) -> list[str]:
    """The phrases of a run of words without punctuation, cut before each capitalised word that
    follows a lower-case word, or ``[text]`` when the text is not such a run.

    A run must have no end punctuation, at least ``MIN_RUN_WORDS`` words and ``MIN_CUTS``
    such starts; names of two or more capitalised words ("Region Skåne") stay whole, and a
    phrase is never cut right after a function word ("mellan | Region Skåne")."""
    if PUNCT.search(text):
        return [text]
    tokens = list(TOKEN.finditer(text))
    if len(tokens) < MIN_RUN_WORDS:
        return [text]
    function_words = _words()[2]
    cuts: list[int] = []
    for k, (prev, tok) in enumerate(pairwise(tokens)):
        word, before = tok.group(0), prev.group(0)
        after = tokens[k + 2].group(0) if k + 2 < len(tokens) else ""
        if CAPITALISED.fullmatch(word) and LOWER_END.search(before) and before[:1].islower() \
                and before.lower() not in function_words and not before.endswith(",") and not after[:1].isupper():
            cuts.append(tok.start())     # not before a name of two capitalised words ("Östra Skaraborg")
    if len(cuts) < MIN_CUTS:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip() for a, b in pairwise(bounds) if text[a:b].strip()]


def ends_in_function_word(text: str) -> bool:
    """Whether the last word of ``text`` is a function word ("Plan för"): a title does not end so."""
    words = text.split()
    return bool(words) and words[-1].lower() in _words()[2]


# -- pages as lines --------------------------------------------------------------------------
HEADER_PREFIX = re.compile(r"^(?P<h>[-–]?\s?[^\s].{4,80}?\s[-–|])\s+\S")


def running_header(texts: list[str]) -> str | None:
    """The words a transcript repeats, set off by a dash or bar, at the start of its page lines
    ("- alkohol- och drogpolitiskt program - Inledning …"), if at least three lines share them."""
    counts: dict[str, int] = {}
    for t in texts:
        m = HEADER_PREFIX.match(t)
        if m:
            key = m.group("h").lower()
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    key, n = max(counts.items(), key=lambda kv: kv[1])
    return key if n >= 3 else None


PAGE_START = re.compile(r"(\d{1,3}) \S")


def page_lines(texts: list[str], long_line: int) -> dict[int, int]:
    """Lines of a transcript with one page per line ("1 Title …", "2 Inledning …"): index -> page.

    Such lines follow each other with nothing but blank lines between them, numbered 1, 2, 3 …,
    and at least one of them is a whole page (longer than ``long_line``). A contents list
    ("1 Inledning" / "2 Bakgrund") has no such long line; numbered headings have text between them."""
    out: dict[int, int] = {}
    run: list[tuple[int, int]] = []

    def close() -> None:
        if len(run) >= 2 and any(len(texts[i]) > long_line for i, _ in run):
            out.update(run)

    for i, t in enumerate(texts):
        if not t:
            continue
        m = PAGE_START.match(t)
        number = int(m.group(1)) if m else None
        if number is not None and ((not run and number == 1) or (run and number == run[-1][1] + 1)):
            run.append((i, number))
            continue
        close()
        run = [(i, 1)] if number == 1 else []
    close()
    return out


def strip_page_number(text: str, page: int) -> str:
    """A page line without its page number at the end ("… vid ett tillfälle. 2" on page 2)."""
    end = f" {page}"
    return text[: -len(end)].rstrip() if text.endswith(end) and len(text) > len(end) + 1 else text


COLON_RUN_MIN = 3      # single capitalised words in a row after a colon that make a flattened list


def colon_run(text: str) -> tuple[str, list[str], str] | None:
    """A lead, a flattened list of one-word entries and the text after it:
    "… fokusområden: Hälsa Trygghet Miljö Nedan följer …" -> ("… fokusområden:",
    ["Hälsa", "Trygghet", "Miljö"], "Nedan följer …"), or None.

    The entries are single capitalised words in a row right after the colon; when a lower-case
    word follows the last of them, that word starts the text after the list."""
    at = text.find(": ")
    if at < 0:
        return None
    tokens = list(TOKEN.finditer(text, at + 2))
    k = 0
    while k < len(tokens) and CAPITALISED.fullmatch(tokens[k].group(0)) and not tokens[k].group(0).endswith("-"):
        k += 1
    if k < len(tokens) and k > 0 and tokens[k].group(0)[:1].islower():
        k -= 1                      # "… Folkhälsa Nedan följer": "Nedan" starts the next sentence
    if k < COLON_RUN_MIN:
        return None
    words = [t.group(0).rstrip(",") for t in tokens[:k]]
    rest = text[tokens[k].start():].strip() if k < len(tokens) else ""
    return text[:at + 1], words, rest


# -- a heading run into its first sentence ---------------------------------------------------
HEAD_WORDS = 4         # a heading glued to the sentence after it has at most this many words
REST_WORDS = 5         # and the sentence after it at least this many


def leading_heading(text: str, is_heading_word: Callable[[str], bool]) -> tuple[str, str] | None:
    """A heading a transcript ran into the sentence under it, and that sentence:
    "Syfte med programmet Att utifrån …" -> ("Syfte med programmet", "Att utifrån …"), or None.

    The heading is one to ``HEAD_WORDS`` words that ``is_heading_word`` accepts (a structural or
    section heading of the vocabulary); the sentence starts with a capitalised word after a
    lower-case word that is no function word, and goes on in lower case."""
    tokens = list(TOKEN.finditer(text, 0, min(len(text), 200)))
    if len(tokens) < 1 + REST_WORDS or not CAPITALISED.fullmatch(tokens[0].group(0)):
        return None
    function_words = _words()[2]
    for k in range(1, min(HEAD_WORDS, len(tokens) - REST_WORDS) + 1):
        word, before, after = tokens[k].group(0), tokens[k - 1].group(0), tokens[k + 1].group(0)
        if not CAPITALISED.fullmatch(word) or word.endswith((",", "-")):
            continue
        if before.lower() in function_words or not before[-1:].isalpha() or not after[:1].islower():
            return None
        head = text[:tokens[k].start()].strip()
        return (head, text[tokens[k].start():]) if is_heading_word(head) else None
    return None
