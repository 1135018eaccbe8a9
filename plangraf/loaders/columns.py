"""Tables read column by column: a header row of column names, then each column's cells in turn.

Text taken from a PDF without its layout often gives a table column after column: the header
("Mål Lång sikt (5 år) Kort sikt" / "Aktiviteter 2017 Ansvariga verksamheter/funktioner"), then
the goals' paragraphs, then the activities', then the responsible bodies'. Part of the items and
links stages: :func:`column_tables` finds such tables (the header's column names are field labels
of the vocabulary: "Mål" -> Goal, "Aktiviteter" -> Activity, "Ansvariga" -> ResponsibleBody),
:func:`column_items` gives each cell the kind of the column its wording fits (a goal's "ska" or
"ökad", an activity's verb first, a body's name), and :func:`column_links` links the table as one
row: its activities serve its goals, its bodies answer for its activities. The cells of a
table's rows are not aligned in such text, so a table is read as one row; a table with more than
MAX_ROW goals or activities is left to the other rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plangraf.loaders.items import ACTIVITY_FIRST, STRONG_GOAL, form_kind
from plangraf.loaders.layout import Block
from plangraf.loaders.links import Link, items_by_block
from plangraf.loaders.runs import ends_in_function_word
from plangraf.loaders.vocab import Vocabulary, vocabulary, vocabulary_data

if TYPE_CHECKING:
    from plangraf.loaders.general import Item

_WORDS = vocabulary_data()["columns"]
COLUMN_KINDS = ("Goal", "Activity", "ResponsibleBody", "Indicator", "TargetGroup", "DataSource")
MAX_HEADER_WORDS = 14
MAX_BODY = 40            # blocks of one table at most
MAX_BROKEN = 0.25       # share of a table's cells that may open mid-sentence (lower case): row-wise text has more
MAX_ROW = 6              # goals or activities of one table read as one row, at most
WORD = re.compile(r"[A-ZÅÄÖ][\wåäöÅÄÖ/-]*")
JOINED = re.compile(r"\s(?:och|samt|eller|för|i|av|med|som)\s")
ROLE = re.compile(r"\b\w*(?:" + _WORDS["roles"] + r")\b", re.IGNORECASE)
PASSIVE_FIRST = re.compile(r"^(?:[A-ZÅÄÖ]?[a-zåäö]+ ){1,4}[a-zåäö]{3,}(?:as|ts|ds|rs) ", re.IGNORECASE)  # "… tillsätts …"
VERB_ERA = re.compile(r"^(?:\w+ ){0,2}\w{3,}era\b")   # "Formulera", "Utifrån X identifiera"
ACTION_NOUN = re.compile(r"^(?:" + _WORDS["action_nouns"] + r") (?:av|om|för|kring|till|inom)\b")
HEADER_REST = re.compile(r"[A-ZÅÄÖ][a-zåäö]+(?: [a-zåäö]+)?(?: \(?\d+[^)]{0,10}\)?)?")   # "Kort sikt (1 år)"
NOT_INFINITIVES = frozenset(_WORDS["not_infinitives"])   # -a words that open a cell, no verb ("Samtliga …")
HORIZON = re.compile(r"^[KLkl]:\s*")      # "K: …" / "L: …": a short- or long-term goal's cell


@dataclass
class ColumnTable:
    header: list[int]                  # block indices of the header row (it may wrap)
    columns: list[str]                 # the kinds of its columns, in order
    cells: dict[int, str]              # block index -> the kind of the column it sits in


def header_kinds(text: str, voc: Vocabulary) -> list[str]:
    """The column kinds a header row names, in order ([] when the line is no header row): at
    least two capitalised column names, nothing joining them ("Mål och aktiviteter" is a title)."""
    if len(text.split()) > MAX_HEADER_WORDS or JOINED.search(text) or text.endswith((".", ":", "?")):
        return []
    kinds: list[str] = []
    for word in WORD.findall(text):
        kind = voc.field_kind(word)
        if kind in COLUMN_KINDS and kind not in kinds:
            kinds.append(kind)
    return kinds


def _ends_table(b: Block, kinds: list[str], voc: Vocabulary) -> bool:
    """A field, a numbered or labelled heading, or a lead naming another kind ("Indikatorer för
    uppföljning:") ends the table; a lead of the table's own kinds is a cell ("Tillsätta en
    arbetsgrupp som får i uppdrag att:")."""
    if b.kind == "field":
        return True
    if b.kind == "lead":
        kind = voc.section_kind(b.text)
        return kind is not None and kind not in kinds
    return bool(b.kind == "heading" and (b.marker in ("num", "roman") or b.label or voc.labelled_heading(b.text)))


def column_tables(blocks: list[Block], voc: Vocabulary | None = None) -> list[ColumnTable]:
    """The tables of a document that its text gives column by column."""
    voc = voc or vocabulary()
    out: list[ColumnTable] = []
    k = 0
    while k < len(blocks):
        kinds = header_kinds(blocks[k].text, voc) if blocks[k].kind in ("heading", "sentence") else []
        if "Goal" not in kinds and "Activity" not in kinds:
            k += 1
            continue
        header = [k]
        j = k + 1
        while j < len(blocks) and j <= k + 3 and blocks[j].kind in ("heading", "sentence") and len(blocks[j].text) <= 80:
            more = header_kinds(blocks[j].text, voc)
            if not more and not re.fullmatch(r"\(?[\d\s\wåäö]{1,12}\)?", blocks[j].text) \
                    and not (blocks[j].kind == "heading" and HEADER_REST.fullmatch(blocks[j].text)):
                break           # "(1 år)", "Kort sikt (1 år)": the rest of a header cell; else the table begins
            kinds += [m for m in more if m not in kinds]
            header.append(j)
            j += 1
        if len(kinds) < 2:
            k = j
            continue
        cells: dict[int, str] = {}
        current = kinds[0]
        while j < len(blocks) and j < header[-1] + 1 + MAX_BODY and not _ends_table(blocks[j], kinds, voc) \
                and not header_kinds(blocks[j].text, voc):
            b = blocks[j]
            horizon = b.marker == "alpha" and b.number.upper() in ("K", "L")    # "L: …" read as a list letter
            current = "Goal" if horizon and "Goal" in kinds else \
                _column_of(b.text, kinds, current, voc, b.marker in ("bullet", "dash"))
            cells[j] = current
            j += 1
        seq = list(cells.values())
        order = [c for n, c in enumerate(seq) if n == 0 or c != seq[n - 1]]
        broken = sum(1 for c in cells if not blocks[c].text[:1].isupper() and blocks[c].marker not in ("bullet", "dash"))
        if len(order) <= len(kinds) + 1 and broken <= MAX_BROKEN * len(cells):
            out.append(ColumnTable(header, kinds, cells))   # (cells that switch columns back and forth
        k = j                                               # are no column-by-column text, nor are cells
                                                            # mostly cut mid-sentence: left alone)
    return out


FINITE = re.compile(r"\b(?:" + _WORDS["finite_verbs"] + r")\b", re.IGNORECASE)
ACRONYM = re.compile(r"\b[A-ZÅÄÖ]{2,6}\b")


def _is_body(t: str, voc: Vocabulary) -> bool:
    """A cell that names who is responsible: short, no finite verb, a body's or a role's name."""
    words = t.split()
    if len(words) > 15 or FINITE.search(t) or HORIZON.match(t) or re.match(r"(?i)att\s", t) \
            or (len(words) <= 2 and t[:1].islower()) or t.count("(") != t.count(")"):
        return False        # a clause, a goal, a fragment of a wrapped cell ("en.", "CBT).")
    return bool(voc.bodies.search(t) or ROLE.search(t) or (ACRONYM.search(t) and len(words) <= 5))


def _column_of(text: str, kinds: list[str], current: str, voc: Vocabulary, listed: bool = False) -> str:
    """The column a cell's wording fits; the column of the cell before when nothing decides."""
    t = text.lstrip("-–• ").strip()
    if "Goal" in kinds and HORIZON.match(t):
        return "Goal"
    first = t.split(" ", 1)[0].lower()
    infinitive = len(first) >= 6 and first.endswith("a") and first not in NOT_INFINITIVES and not STRONG_GOAL.search(t)
    if "Activity" in kinds and (ACTIVITY_FIRST.match(t) or VERB_ERA.match(t) or infinitive
                                or re.match(r"^(?:att )?[a-zåäö]+a\b", t, re.IGNORECASE) and form_kind(t, voc) == "Activity"):
        return "Activity"           # a verb first: what is to be done
    if "Activity" in kinds and (listed or text[:1] in "-–•") and not _is_body(t, voc):
        return "Activity"           # a dashed list in a table with activities: the activity's steps
    if "ResponsibleBody" in kinds and _is_body(t, voc):
        return "ResponsibleBody"
    if "Goal" in kinds and (STRONG_GOAL.search(t) or re.search(r"\bska(?:ll)? \w+as\b", t)):
        return "Goal"
    if "Activity" in kinds and (form_kind(t, voc) == "Activity" or PASSIVE_FIRST.match(t) or ACTION_NOUN.match(t)):
        return "Activity"
    if "Indicator" in kinds and form_kind(t, voc) == "Indicator":
        return "Indicator"
    return current


def column_items(items: list[Item], blocks: list[Block], tables: list[ColumnTable]) -> list[Item]:
    """The items with each cell of a column table given its column's kind (a cell the general
    stages left without an item gets one; a name inside a cell stays as it is)."""
    from plangraf.loaders.general import Item
    kind_at = {k: kind for t in tables for k, kind in t.cells.items()}
    horizons = {k: _horizon(blocks, t, k) for t in tables for k, kind in t.cells.items() if kind == "Goal"}
    out: list[Item] = []
    seen: set[int] = set()
    for it in items:
        kind = kind_at.get(it.block.index)
        whole = it.label == it.block.text or it.block.text.endswith(it.label)
        if kind is not None and whole and it.kind in ("Goal", "Activity", "Indicator", "FocusArea", "Malbild"):
            if it.block.index not in seen:
                seen.add(it.block.index)
                out.append(Item(kind, HORIZON.sub("", it.label), it.block, max(it.confidence, 0.6),
                                subclass=horizons.get(it.block.index)))
            continue
        out.append(it)
    for k, kind in kind_at.items():
        text = blocks[k].text
        fragment = (text[:1].islower() and len(text.split()) <= 2) or (ends_in_function_word(text) and len(text.split()) <= 4) \
            or text.count("(") != text.count(")") or text.rstrip().endswith(("–", "-", ","))
        if k not in seen and not fragment and (len(text.split()) >= 2 or kind == "ResponsibleBody") and len(text) <= 400:
            out.append(Item(kind, HORIZON.sub("", text.lstrip("-–• ")), blocks[k], 0.6, subclass=horizons.get(k)))
    return out


def _horizon(blocks: list[Block], table: ColumnTable, k: int) -> str | None:
    """A goal cell's horizon: "L: …" / "K: …" under a header naming "Lång sikt" and "Kort sikt"."""
    b = blocks[k]
    m = HORIZON.match(b.text)
    letter = b.number.upper() if b.marker == "alpha" else (m.group(0)[:1].upper() if m else "")
    header = " ".join(blocks[h].text.lower() for h in table.header)
    if letter == "L" and "lång" in header:
        return "LongTermGoal"
    if letter == "K" and "kort" in header:
        return "ShortTermGoal"
    return None


def column_links(items: list[Item], blocks: list[Block], tables: list[ColumnTable]) -> list[Link]:
    """Each table as one row: its activities serve its goals, its bodies answer for its activities;
    the focus area whose section holds the table has its goals; the indicators of a follow-up
    list right after the table ("Indikatorer för uppföljning:") measure them."""
    voc = vocabulary()
    by_block = items_by_block(items)
    out: list[Link] = []
    for t in tables:
        cell = {kind: [i for k, c in t.cells.items() if c == kind for i in by_block.get(k, []) if items[i].kind == kind]
                for kind in t.columns}
        goals, acts = cell.get("Goal", []), cell.get("Activity", [])
        if len(goals) <= MAX_ROW and len(acts) <= 2 * MAX_ROW:
            out += [Link(a, "servesGoal", g, a) for a in acts for g in goals]
        if len(acts) <= 2 * MAX_ROW:
            out += [Link(b, "responsibleFor", a, b) for b in cell.get("ResponsibleBody", []) for a in acts]
            out += [Link(g, "measuredBy", m, m) for g in goals for m in cell.get("Indicator", [])]
        area = _area_above(t.header[0], blocks, by_block, items)
        if area is not None:
            out += [Link(area, "hasGoal", g, g) for g in goals]
        end = max(t.cells, default=t.header[-1]) + 1
        for k in range(end, min(end + FOLLOW_UP_REACH, len(blocks))):
            b = blocks[k]
            if b.kind in ("lead", "heading") and voc.section_kind(b.text) == "Indicator":
                measures = [i for c in b.children for i in by_block.get(c, []) if items[i].kind == "Indicator"]
                if len(goals) <= MAX_ROW:
                    out += [Link(g, "measuredBy", m, m) for g in goals for m in measures]
                break
            if b.kind == "heading" and b.marker in ("num", "roman"):
                break
    return out


FOLLOW_UP_REACH = 4      # blocks between a table and its follow-up list, at most
AREA_REACH = 30          # blocks between a section's heading and its table, at most


def _area_above(k: int, blocks: list[Block], by_block: dict[int, list[int]], items: list[Item]) -> int | None:
    """The focus area of the section a table sits in: the nearest heading above it with one."""
    for j in range(k - 1, max(-1, k - 1 - AREA_REACH), -1):
        if blocks[j].kind != "heading":
            continue
        area = next((i for i in by_block.get(j, []) if items[i].kind == "FocusArea"), None)
        if area is not None:
            return area
        if blocks[j].marker in ("num", "roman"):
            return None         # a numbered section without an area: not the table's
    return None
