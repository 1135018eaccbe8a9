"""Layout: cleaned lines -> typed blocks with their source span and their place in the outline.

The first stage of the general pipeline (see :mod:`plangraf.loaders.general`). Whatever the input
was — a line-wrapped PDF, a web page, a DOCX, a transcript with a whole page on one line — it
becomes a list of :class:`Block` s:

- ``heading``: numbered ("2.3 Tidiga insatser"), all-caps, labelled ("Fokusområde 1: …", "Mål 3"),
  or a short title-like line standing alone;
- ``lead``: a line ending in ':' that introduces what follows ("Programmet innehåller följande mål:");
- ``item``: a list item (bullets of any glyph, "1.", "1)", "a)", "A.", dashes);
- ``field``: "Label: value" where the label is a known field word ("Ansvarig: Socialnämnden"),
  also when it stands inside a long line;
- ``sentence``: running text, one block per sentence.

Each block knows its ``parent``: the heading, lead or list item it sits under, so later stages can
read the context ("an item under 'Aktiviteter'"). Boilerplate (cookie banners, "Storlek: px",
contact lines, tables of contents, page numbers in transcripts) is dropped here. All of it is pure:
a function of the lines, tested on small texts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from plangraf.loaders.outline import is_all_caps, set_outline
from plangraf.loaders.runs import (
    announces_list,
    capital_run,
    colon_run,
    ends_in_function_word,
    header_row,
    is_cell_value,
    leading_heading,
    page_lines,
    running_header,
    strip_page_number,
    unglue,
)
from plangraf.loaders.text import Line, continues_sentence

if TYPE_CHECKING:
    from plangraf.loaders.base import SourceDocument
from plangraf.loaders.vocab import Vocabulary, vocabulary

LONG_LINE = 320          # a line longer than this is a run of blocks (transcripts, flattened pages)
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 110
RUN_TITLE_WORDS = 12     # the words before a flattened list title it when there are at most this many


@dataclass
class Block:
    kind: str                 # heading | lead | item | field | sentence
    text: str
    start: int                # original lines, 1-based inclusive
    end: int
    page: int | None = None
    marker: str = ""          # bullet | num | alpha | roman | dash | "" — for items and numbered headings
    number: str = ""          # "2.3", "a", "IV"
    indent: int = 0
    label: str = ""           # a field's label; a labelled heading's label ("Fokusområde 1")
    level: int = 0            # outline depth (0 = top)
    parent: int | None = None
    para: int = 0             # paragraph number: blocks of one paragraph share it
    index: int = 0
    children: list[int] = field(default_factory=list)
    toc: bool = False         # a piece of a contents list: owns nothing after the list


# -- markers ---------------------------------------------------------------------------------
NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?:\.|\)|:)?\s+(?=\S)")
ALPHA = re.compile(r"^(?P<num>[a-zA-ZåäöÅÄÖ])[.)]\s+(?=\S)")
ROMAN = re.compile(r"^(?P<num>(?:IX|IV|V?I{1,3}|V|X))[.)]\s+(?=\S)")
DASH = re.compile(r"^[-–—]\s+(?=\S)")
GLYPH = re.compile(r"^[•·▪▫►▶●○◦■□✓✔❖➢➤⁃∙*\uf000-\uf8ff]+\s*")
INDENT = re.compile(r"^[ \t\u00a0]*")
YEAR_START = re.compile(r"^(19|20)\d\d\b")


def marker_of(raw: str, text: str, bullet: bool) -> tuple[str, str, str]:
    """(marker kind, number, text without the marker) of a cleaned line."""
    if bullet:
        return "bullet", "", text
    m = GLYPH.match(text)
    if m and m.end() < len(text):
        return "bullet", "", text[m.end():]
    m = NUMBERED.match(text)
    if m and not YEAR_START.match(text) and not re.match(r"^\d+\s*(%|procent|kr|st|år|mnkr|tkr|miljoner)\b", text):
        num = m.group("num")
        rest = text[m.end():]
        # "3 000 personer" is a number, not a list; so is a lone "12" before a lower-case word
        if rest[:1].isdigit() or (rest[:1].islower() and "." not in m.group(0) and ")" not in m.group(0)):
            return "", "", text
        return "num", num, rest
    m = ROMAN.match(text)
    if m:
        return "roman", m.group("num"), text[m.end():]
    m = ALPHA.match(text)
    if m and len(text) > 4:
        return "alpha", m.group("num"), text[m.end():]
    m = DASH.match(text)
    if m:
        return "dash", "", text[m.end():]
    return "", "", text


# -- sentences -------------------------------------------------------------------------------
ABBREVIATIONS = frozenset(["t.ex", "bl.a", "m.m", "m.fl", "s.k", "dvs", "osv", "etc", "ca", "kap", "nr", "st", "jfr", "resp", "inkl", "exkl", "enl", "tel", "p.g.a", "f.d", "fr.o.m", "t.o.m", "kl", "ex", "prop", "skr", "fig", "tab", "bet", "rskr", "utg.omr"])
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"”“'(]?[A-ZÅÄÖ0-9•])"
                            r"|(?<=[a-zåäö0-9][a-zåäö0-9][.!?])(?=[A-ZÅÄÖ][a-zåäö]{2})")   # "år 2020.Det långsiktiga"


def sentences(text: str) -> list[str]:
    """Split running text into sentences (keeps abbreviations such as "t.ex." and "bl.a." whole)."""
    out: list[str] = []
    at, spaced = 0, True        # spaced: whether a space stood before this piece (not so when glued)
    for m in [*SENTENCE_SPLIT.finditer(text), None]:
        p = text[at:m.start() if m else len(text)].strip()
        before, at, spaced = spaced, (m.end() if m else len(text)), bool(m and m.end() > m.start())
        if not p:
            continue
        last = out[-1].rsplit(" ", 1)[-1].rstrip(".").lstrip("(\"”“'").lower() if out else ""
        if out and (len(p) < 3 or last in ABBREVIATIONS or re.fullmatch(r"\d+\.?", out[-1])
                    or out[-1].count("(") > out[-1].count(")")):     # no sentence ends inside parentheses
            out[-1] += (" " if before else "") + p
        else:
            out.append(p)
    return out


# -- headings --------------------------------------------------------------------------------
ENDS_SENTENCE = re.compile(r"[.!?;,]$")
FIELD = re.compile(r"^(?P<label>[A-ZÅÄÖ][\wåäöÅÄÖ /-]{1,40}?)\s*:\s*(?P<value>\S.*)?$")
INLINE_FIELD = re.compile(r"(?<=[.!?)\s])\s*(?P<label>[A-ZÅÄÖ][\wåäö]+(?: [a-zåäö]+){0,2})\s*:\s+(?=\S)")
TOC_WORD = re.compile(r"^(?:innehåll|innehållsförteckning)\b:?", re.IGNORECASE)


def heading_like(text: str) -> bool:
    """Short, starts with a capital or a digit, does not end like a sentence."""
    if not text or len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if ENDS_SENTENCE.search(text) and not is_all_caps(text):
        return False
    return text[:1].isupper() or text[:1].isdigit()


PAGED_ENTRY = re.compile(r"[A-Za-zåäö)]\.*\s+\d{1,3}(?=\s+\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÅÄÖ]|\s*$)")


PAGE_NUMBER = re.compile(r"\s*(?:\.{3,}|…)\s?\d{1,3}\b|(?:\s*\.{2,}|\s*…)?\s+\d{1,3}(?=\s+\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÅÄÖ]|\s*$)"
                         r"|\.{3,}|…")
DOTTED_ENTRY = re.compile(r"[^\W\d_]\s*(?:\.{3,}|…)\s?\d{1,3}\b")


def unpage(text: str) -> list[str]:
    """The entries of a contents list, cut at its page numbers and leader dots (each entry stays
    a piece of the original text, so quotes still match it)."""
    return [e.strip(" .…") for e in PAGE_NUMBER.split(text) if e.strip(" .…")]


def is_toc(text: str) -> bool:
    """A table of contents with page numbers flattened into one line, or its heading alone.

    A contents list without page numbers ("1. Inledning 2. Bakgrund 7. Mål 7.1 Delmål …") is
    kept: in a transcript it may be the only place the plan's outline is written out."""
    if TOC_WORD.match(text) and len(text.split()) <= 2:
        return True
    if len(DOTTED_ENTRY.findall(text)) >= 3:      # "Inledning...5 Organisation...7 …"
        return True
    return len(PAGED_ENTRY.findall(text)) >= 3 and len(re.findall(r"(?<!\d)[.!?]\s+[A-ZÅÄÖ]", text)) <= 2


# -- the stage -------------------------------------------------------------------------------
@dataclass
class _Seg:
    text: str
    start: int
    end: int
    page: int | None
    raw: str
    bullet: bool
    blank_before: bool
    long: bool = False
    toc: bool = False
    role: str = ""        # header (a table's header row) | cell (a glued cell) | runhead / run (a capitalised run)
    cells: tuple[int, int] = (0, 0)   # a glued cell: (its place, the cells of its line); a glued header: (0, columns)


def _blank_between(raw_lines: list[str], a: int, b: int) -> bool:
    """Whether an original line strictly between 1-based lines a and b is blank."""
    return any(not raw_lines[i].strip() for i in range(a, min(b - 1, len(raw_lines))))


def _segments(lines: list[Line], raw_lines: list[str], voc: Vocabulary) -> list[_Seg]:
    """Non-blank, non-boilerplate pieces of text, long lines cut where a reader sees breaks and
    lines that go on with the sentence above joined to it."""
    out: list[_Seg] = []
    header = running_header([voc.page_prefix.sub("", line.text) for line in lines])
    last_end = 0
    dropped = True
    paged = page_lines([line.text for line in lines], LONG_LINE)
    for n, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        if n in paged:
            text = strip_page_number(voc.page_prefix.sub("", text), paged[n])
        raw = raw_lines[line.start - 1] if 0 < line.start <= len(raw_lines) else text
        bullet = line.bullet
        after_drop = dropped
        blank = dropped or not out or _blank_between(raw_lines, last_end, line.start)
        last_end = line.end
        dropped = False
        if voc.boilerplate.match(text.strip()) or _not_content(text, voc):
            dropped = True
            continue
        if header:
            # the header's own dashes may have been read as a bullet ("- program - Inledning …")
            bare = voc.page_prefix.sub("", text).lstrip(" -–|")
            core = header.strip(" -–|")
            if bare.lower().startswith(core) and bare[len(core):].lstrip()[:1] in ("-", "–", "|"):
                text, bullet, raw = bare[len(core):].strip(" -–|"), False, ""
                if not text:
                    dropped = True
                    continue
        if len(text) > LONG_LINE:
            text = voc.page_prefix.sub("", text) if n not in paged else text
            contents = bool(TOC_WORD.match(text))
            text = TOC_WORD.sub("", text).strip()
            toc = ""
            if is_toc(text[:600]):
                # a transcript page that opens with a paged table of contents: its entries without
                # the page numbers are an outline of their own, the rest is the page
                entries = list(PAGED_ENTRY.finditer(text)) + list(DOTTED_ENTRY.finditer(text))
                cut = max(e.end() for e in entries) if entries else len(text)
                toc, text = text[:cut], text[cut:].strip()
            for entry in unpage(toc):
                for piece, _ in _split_long(entry, voc, toc=True):
                    out.append(_Seg(piece, line.start, line.end, line.page, "", False, True, long=True, toc=True))
            pieces = _split_long(text, voc)
            for k, (piece, role) in enumerate(pieces):
                # a flattened list is one paragraph with its lead, and with a sentence between them
                joined = role == "run" or (k > 0 and pieces[k - 1][1] == "runhead" and k + 1 < len(pieces)
                                           and pieces[k + 1][1] == "run")
                out.append(_Seg(piece, line.start, line.end, line.page, "", False, not joined, long=True,
                                toc=contents, role=role))
            dropped = True
            continue
        if is_toc(text):
            for entry in unpage(text):
                for piece, _ in _split_long(entry, voc, toc=True):
                    out.append(_Seg(piece, line.start, line.end, line.page, "", False, True, long=True, toc=True))
            dropped = True
            continue
        cells = unglue(text)
        row = header_row(cells)
        if row is not None or len(cells) > 1:
            # a table's header row, or cells glued together: each cell a piece of its own
            for k, cell in enumerate([row] if row is not None else cells):
                out.append(_Seg(cell, line.start, line.end, line.page, raw if k == 0 else "", False,
                                blank if k == 0 else False, role="header" if row is not None else "cell",
                                cells=(k, len(cells)) if len(cells) > 1 else (0, 0)))
            continue
        text = cells[0]
        prev = out[-1] if out else None
        # a line that closes a parenthesis the line above opened goes on with it ("… (Aktör:" / "BUP, FC)")
        closes = prev is not None and not blank and prev.text.count("(") > prev.text.count(")") \
            and text.count(")") > text.count("(")
        if prev is not None and not after_drop and not prev.long and not bullet and not marker_of(raw, text, False)[0] \
                and (closes or not FIELD.match(text)) \
                and (closes or continues_sentence(prev.text, text)
                     or (not blank and ends_in_function_word(prev.text) and not ends_in_function_word(text))) \
                and (not blank or not heading_like(prev.text) or ends_in_function_word(prev.text)
                     or bool(QUESTION_WORD.match(prev.text))):     # a question wrapped over a blank line
            prev.text = f"{prev.text} {text}"
            prev.end = line.end
            continue
        out.append(_Seg(text, line.start, line.end, line.page, raw, bullet, blank))
    return out


QUESTION_WORD = re.compile(r"^(?:hur|vad|varför|vilka|vilken|vilket|när|var|vem)\s", re.IGNORECASE)


def _not_content(text: str, voc: Vocabulary) -> bool:
    """Link lines and navigation ("Läs mer om …", "Kontakta gärna") in a line of their own. A line
    that opens with a question word is the first line of a wrapped question ("Vilka data kan
    användas för" / "mätning?"): it stays."""
    return len(text) < 90 and bool(voc.forms["not_item"].search(text)) and not text.endswith("?") \
        and not QUESTION_WORD.match(text)


SPLIT_MARKERS = re.compile(r"\s(?=(?:[•▪►●■]|\d{1,2}\.\d{1,2}\.?\s+[A-ZÅÄÖ]|\d{1,2}\.\s+[A-ZÅÄÖ][a-zåäö]"
                           r"|(?:Mål|Delmål|Fokusområde|Målområde|Insatsområde|Aktivitet|Åtgärd) \d{1,2}(?:\.\d{1,2})? ?[-–:]))")


def _split_long(text: str, voc: Vocabulary, toc: bool = False) -> list[tuple[str, str]]:
    """A long line (a whole page or slide) as pieces: sentences, numbered headings, bullets, fields,
    the phrases of a flattened list (role "runhead" for the words before it, "run" for each phrase).
    The entries of a contents list (``toc``) are titles: they are not cut further."""
    out: list[tuple[str, str]] = []
    chunks: list[str] = []
    for chunk in SPLIT_MARKERS.split(text):
        if chunks and chunks[-1].count("(") > chunks[-1].count(")"):
            chunks[-1] += " " + chunk       # "(1. A 2. B 3. C)": a numbered list inside parentheses stays whole
        else:
            chunks.append(chunk)
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if toc:
            out.append((chunk, ""))
            continue
        m = re.match(r"^(\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÅÄÖ][^.!?]{2,90}?)\s+(?=[A-ZÅÄÖ][a-zåäö]+ [a-zåäö])", chunk)
        if m and not ENDS_SENTENCE.search(m.group(1)) and not m.group(1).endswith(":") and len(m.group(1).split()) <= 10 \
                and not ends_in_function_word(m.group(1)):     # "… plan för | Skövde kommun" is one title
            out.append((m.group(1), ""))   # "7. Huvudmål för programmet Detta avsnitt ..." -> heading + text
            chunk = chunk[m.end():]
        for sentence in sentences(chunk):
            glued = leading_heading(sentence, lambda head: _names_section(head, voc))
            if glued is not None and len(capital_run(sentence.rstrip(".!?"))) > 1 \
                    and glued[0].split()[0].lower() not in voc.structural:
                glued = None        # "Våra områden Trygg uppväxt Goda livsvillkor …": the run's title
            if glued is not None:
                out.append((glued[0], ""))      # "Syfte med programmet Att utifrån …": heading + sentence
                sentence = glued[1]
            listed = colon_run(sentence)
            if listed is not None:
                lead, entries, sentence = listed
                out.append((lead, ""))
                out.extend((entry, "run") for entry in entries)
                if not sentence:
                    continue
            run = capital_run(sentence.rstrip(".!?"))
            if len(run) > 1:
                # the words before the run title it ("Målsättningar för …"); a whole sentence before
                # it names nothing about the run, but the sentence before that may announce it
                title = len(run[0].split()) <= RUN_TITLE_WORDS
                if not title and out and out[-1][1] == "" and announces_list(out[-1][0]) \
                        and voc.section_kind(out[-1][0]) is not None:
                    out[-1] = (out[-1][0], "runhead")   # "… på följande fyra målområden." then the run
                out.append((run[0], "runhead" if title else ""))
                out.extend((phrase, "run") for phrase in run[1:])
                continue
            out.extend((piece, "") for piece in _split_fields(sentence, voc))
    return [o for o in out if o[0] and not voc.boilerplate.match(o[0])]


def _names_section(head: str, voc: Vocabulary) -> bool:
    """A heading of the vocabulary: structural ("Inledning", "Syfte") or naming a section ("Målgrupp")."""
    low = head.lower()
    return low in voc.structural or low.split()[0] in voc.structural or voc.section_kind(head) is not None


def _split_fields(text: str, voc: Vocabulary) -> list[str]:
    """"… genomförs löpande. Ansvarig: Socialnämnden" -> the text and the field, when the label is
    a known field word."""
    pieces: list[str] = []
    at = 0
    for m in INLINE_FIELD.finditer(text):
        if m.start() <= 0 or voc.field_kind(m.group("label")) is None:
            continue
        pieces.append(text[at:m.start()].strip())
        at = m.start()
    pieces.append(text[at:].strip())
    return [p for p in pieces if p]


def _indent(raw: str) -> int:
    return len(INDENT.match(raw).group(0).expandtabs(4)) if raw else 0  # type: ignore[union-attr]


def layout(lines: list[Line], raw_lines: list[str], voc: Vocabulary | None = None) -> list[Block]:
    """The blocks of a document, in reading order, each with its parent in the outline."""
    voc = voc or vocabulary()
    segs = _segments(lines, raw_lines, voc)
    blocks: list[Block] = []
    para = 0
    table = row_start = False     # inside a table after its header row; the next cell starts a row
    columns = 0                   # the columns of a glued header row (0: rows are paragraphs)
    answer = first_answer = False     # inside the answer to a form's question (a "prompt" lead)
    for k, seg in enumerate(segs):
        nxt = segs[k + 1] if k + 1 < len(segs) else None
        if seg.blank_before:
            para += 1
        marker, number, text = marker_of(seg.raw, seg.text, seg.bullet)
        text = text.strip()
        if not text:
            continue
        base: dict[str, Any] = {"start": seg.start, "end": seg.end, "page": seg.page, "para": para,
                                 "indent": _indent(seg.raw), "toc": seg.toc}
        if seg.role == "header":
            blocks.append(Block("lead", text, marker="table", **base))
            table, row_start, columns = True, True, seg.cells[1]
            continue
        if seg.role == "runhead":
            blocks.append(Block("lead", text, marker="run", **base))
            continue
        if seg.role == "run":
            blocks.append(Block("item", text, marker="run", **base))
            continue
        if table:
            table = not _ends_table(seg, marker, text, voc)
        if table:
            if is_cell_value(text):
                row_start = True        # "Ja" / "Delvis": the status cell that ends a row
                continue
            if row_start or seg.role == "cell" or (heading_like(text) and len(text.split()) <= 8):
                first, *comment = sentences(text) or [text]     # a row's first cell; what follows it in
                blocks.append(Block("item", first, marker="cell", number=_column(seg, columns), **base))
                blocks.extend(Block("sentence", s, **base) for s in comment)
                row_start = False
            else:
                blocks.extend(Block("sentence", s, **base) for s in sentences(text))
            continue
        if not marker and _prompt(text, nxt, voc):
            blocks.append(Block("lead", text, marker="prompt", **base))
            answer = True       # the lines under a form's question answer it, up to what ends the answer below
            first_answer = True
            continue
        if answer and ((seg.blank_before and not first_answer and not _prompt_ahead(segs, k, voc))
                       or marker or seg.role or text.endswith(("?", ":"))
                       or (heading_like(text) and nxt is not None and _starts_list(nxt)
                           and (nxt.blank_before or marker_of(nxt.raw, nxt.text, nxt.bullet)[0] == "num"))):
            answer = False      # a blank line (unless the form's next question follows), a list, another
            #                     question or lead, or a title right over a numbered list ends the answer
        first_answer = False
        if answer:
            blocks.extend(Block("item", s, marker="answer", **base) for s in sentences(text) or [text])
            continue
        fm = FIELD.match(text) if not marker else None
        kind = voc.field_kind(fm.group("label")) if fm else None
        if fm and kind is not None and fm.group("value") and not voc.labelled_heading(text):
            blocks.append(Block("field", (fm.group("value") or "").strip(), label=fm.group("label").strip(), **base))
            continue
        if fm and kind is None and fm.group("value") and len(fm.group("label").split()) <= 3 \
                and re.match(r"^att [a-zåäö]", fm.group("value")) and not voc.labelled_heading(text):
            # "Ekonomin: att ha en god ekonomisk hushållning": a named heading and what it aims at
            blocks.append(Block("heading", fm.group("label").strip(), **base))
            blocks.append(Block("item", fm.group("value").strip(), marker="label", **base))
            continue
        alone = seg.blank_before and (nxt is None or nxt.blank_before)
        prev_block = blocks[-1] if blocks else None
        in_list = prev_block is not None and (prev_block.kind == "lead" or (
            prev_block.kind == "item" and prev_block.marker == marker))
        if marker in ("num", "roman") and heading_like(text) and not in_list and not _list_context(segs, k):
            blocks.append(Block("heading", text, marker=marker, number=number, **base))
        elif marker:
            title, rest = _titled(text) if not voc.labelled_heading(text) else (text, "")
            blocks.append(Block("item", title, marker=marker, number=number, **base))
            for sentence in sentences(rest) if rest else []:
                blocks.append(Block("sentence", sentence, **base))
        elif text.endswith(":") and len(text) <= 200:
            if text.rstrip(": "):
                blocks.append(Block("lead", text.rstrip(": "), **base))
        elif prev_block is not None and not seg.blank_before and heading_like(text) and len(text.split()) <= 10 \
                and (prev_block.kind == "lead" and prev_block.marker == "" or prev_block.marker == "line"):
            # "Målgrupp:" then a name a line, no glyphs (lost in the PDF): the lead's list
            blocks.append(Block("item", text, marker="line", **base))
        elif voc.labelled_heading(text) and len(text) <= 250:
            blocks.append(Block("heading", text, label=voc.labelled_heading(text)[1], **base))  # type: ignore[index]
        elif heading_like(text) and (alone or is_all_caps(text) or len(text.split()) <= 8
                                     or (nxt is not None and _starts_list(nxt))):
            blocks.append(Block("heading", text, **base))
        elif seg.toc:       # an entry of a contents list is a list item, whatever its form
            blocks.append(Block("item", text, marker="toc", **base))
        else:
            for s in sentences(text) if not seg.long else [text]:
                blocks.append(Block("sentence", s, **base))
    for i, b in enumerate(blocks):
        b.index = i
    set_outline(blocks)
    return blocks


MAX_PROMPT_WORDS = 30


def _prompt(text: str, nxt: _Seg | None, voc: Vocabulary) -> bool:
    """A form's question with its answer under it ("Hur kan det mätas?" / "Antal …"): a short
    question the vocabulary knows (``prompts``: it says what the answer is) followed by a line
    that is not another question. Other questions stay sentences: a web page's "Vad är nära
    vård?" is answered by prose, not by items."""
    return text.endswith("?") and len(text.split()) <= MAX_PROMPT_WORDS and nxt is not None \
        and not nxt.text.rstrip().endswith("?") and not nxt.role \
        and voc.prompt_kind(text) is not None


PROMPT_AHEAD = 8


def _prompt_ahead(segs: list[_Seg], k: int, voc: Vocabulary) -> bool:
    """Whether the answer to a form's question goes on past a blank line: another question of the
    form follows within PROMPT_AHEAD pieces, with no list, table header or other question between."""
    for j in range(k, min(k + PROMPT_AHEAD, len(segs))):
        seg = segs[j]
        if seg.role or seg.bullet or marker_of(seg.raw, seg.text, False)[0]:
            return False
        if seg.text.endswith("?"):
            return _prompt(seg.text, segs[j + 1] if j + 1 < len(segs) else None, voc)
    return False


def _column(seg: _Seg, columns: int) -> str:
    """The column of a glued cell, "" when the table's rows are paragraphs. A glued row with fewer
    cells than the header fills its last columns: the first ones span it from the rows above
    ("Folkhälsa | Samordnat arbete | Uppföljning" then "Kunskapscentrum" under "Samordnat arbete")."""
    if not columns:
        return ""
    place, count = seg.cells if seg.cells[1] else (0, 1)
    return str(max(0, columns - count + place))


def _ends_table(seg: _Seg, marker: str, text: str, voc: Vocabulary) -> bool:
    """Whether a piece ends the table above it: a numbered or labelled heading, an all-caps line,
    a lead line or a bullet list."""
    if marker in ("num", "roman", "bullet") or seg.bullet:
        return True
    return text.endswith(":") or is_all_caps(text) or bool(voc.labelled_heading(text) and len(text) <= 120)


TITLED = re.compile(r"^(?P<title>[A-ZÅÄÖ][^.!?:]{2,60}?)[.:]\s+(?P<rest>[A-ZÅÄÖ].{40,})$")


def _titled(text: str) -> tuple[str, str]:
    """"Tidiga livets villkor. Folkhälsorådet finansierar …" -> the item's short title and the
    text that follows it (a title has no verb-like ending and at most six words)."""
    m = TITLED.match(text)
    if m and len(m.group("title").split()) <= 6:
        return m.group("title"), m.group("rest")
    return text, ""


def _starts_list(seg: _Seg) -> bool:
    return seg.bullet or bool(marker_of(seg.raw, seg.text, False)[0])


def _list_context(segs: list[_Seg], k: int) -> bool:
    """A numbered line among numbered siblings without blank lines between is a list item."""
    def numbered(j: int) -> bool:
        return 0 <= j < len(segs) and marker_of(segs[j].raw, segs[j].text, False)[0] == "num"
    here = segs[k]
    before = numbered(k - 1) and not here.blank_before
    after = numbered(k + 1) and not segs[k + 1].blank_before
    return before or after


def document_blocks(doc: SourceDocument) -> list[Block]:
    """The blocks of a document, computed once per document (the plan title and the general
    extractor both read them)."""
    cached = doc.__dict__.get("_blocks")
    if cached is None:
        cached = layout(doc.lines, doc.raw_lines)
        doc.__dict__["_blocks"] = cached
    return cached
