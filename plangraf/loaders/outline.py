"""The outline of a document's blocks: each block's parent, children and depth.

The last step of the layout stage (:mod:`plangraf.loaders.layout`): headings nest by rank
(numbered by depth, labelled by kind, all-caps above plain), leads own the list after them,
items nest by marker and indent, a table's rows sit under its header row, and sentences and
fields belong to the nearest open item, lead or heading.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from plangraf.loaders.vocab import Vocabulary, vocabulary

if TYPE_CHECKING:
    from plangraf.loaders.layout import Block


def is_all_caps(text: str) -> bool:
    if not text.isupper():      # (the cheap test first: a lower-case letter, or none with a case)
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)



HEADING_RANK = {"num": 10, "roman": 5}


def _heading_rank(b: Block, voc: Vocabulary, caps_seen: bool) -> int:
    """Outline rank of a heading: lower is higher up. Numbered headings by depth; labelled ones
    by their kind (perspective > area > goal > activity); all-caps above plain ones."""
    if b.marker in ("num", "roman"):
        return HEADING_RANK[b.marker] + b.number.count(".") * 2
    lab = voc.labelled_heading(b.text)
    if lab:
        return {"Strategy": 8, "FocusArea": 11, "Goal": 13, "Malbild": 13, "Activity": 15, "Indicator": 15}.get(lab[0], 12)
    if is_all_caps(b.text):
        return 9
    if len(b.text.split()) <= 4 and voc.section_kind(b.text) is not None:
        return 12    # a bare section heading ("Mål", "Aktiviteter", "Målområde ▶") sits under the named one
    return 11 if caps_seen else 10


def set_outline(blocks: list[Block]) -> None:
    """Set each block's parent: headings nest by rank, leads own what follows them in their
    paragraph run, items nest by marker kind and indent; sentences and fields belong to the
    nearest open item, lead or heading."""
    voc = vocabulary()
    headings: list[tuple[int, int]] = []   # (rank, index)
    items: list[tuple[tuple[str, int], int]] = []   # ((marker, indent), index)
    lead: int | None = None
    lead_para = -1
    caps_seen = False
    prev: Block | None = None
    table: int | None = None      # the open table's header row
    cell: int | None = None       # the first cell of its current row
    column_cells: dict[int, int] = {}   # the latest cell of each column
    for b in blocks:
        if not b.toc and headings and blocks[headings[-1][1]].toc:
            headings = [h for h in headings if not blocks[h[1]].toc]   # the contents list is over
        if b.kind == "lead" and b.marker == "table":
            b.parent = headings[-1][1] if headings else None
            table, cell, items, lead, column_cells = b.index, None, [], None, {}
            prev = b
            continue
        if table is not None and b.kind == "item" and b.marker == "cell":
            # a row's cells sit under the header row; in a table of nested columns under the cell
            # of the column before, in this row or the rows above
            column = int(b.number) if b.number else 0
            b.parent, cell = column_cells.get(column - 1, table), b.index
            column_cells = {c: i for c, i in column_cells.items() if c < column}
            column_cells[column] = b.index
            prev = b
            continue
        if table is not None and b.kind == "sentence" and cell is not None:
            b.parent = cell                      # the rest of a row belongs to its first cell
            prev = b
            continue
        table = cell = None
        if b.kind == "heading":
            rank = _heading_rank(b, voc, caps_seen)
            if prev is not None and prev.kind == "heading" and prev.marker in ("num", "roman") and not b.marker \
                    and prev.start == b.start and headings and headings[-1][1] == prev.index:
                # the rest of a numbered title cut off in a flattened line ("8.1 Stärka föräldrarollen
                # Erbjuda föräldraträffar") sits inside that numbered section
                rank = max(rank, headings[-1][0] + 1)
            caps_seen = caps_seen or is_all_caps(b.text)
            while headings and headings[-1][0] >= rank:
                headings.pop()
            b.parent = headings[-1][1] if headings else None
            headings.append((rank, b.index))
            items, lead = [], None
        elif b.kind == "item":
            key = (b.marker, b.indent)
            # a list started by a different marker (or deeper indent) nests under the open item
            while items and not _nests(items[-1][0], key, [k for k, _ in items]):
                items.pop()
            if items and items[-1][0] == key:
                items.pop()
            owner = items[-1][1] if items else (lead if lead is not None else (headings[-1][1] if headings else None))
            b.parent = owner
            items.append((key, b.index))
        else:
            if b.kind == "lead":
                if prev is not None and prev.kind == "item" and items:
                    # a lead right after an item ends the list unless the next lines are deeper
                    items = []
                owner = headings[-1][1] if headings else None
                b.parent = owner
                lead, lead_para = b.index, b.para
                continue
            # sentences and fields: inside the current item's paragraph, else the lead, else heading
            if items and prev is not None and prev.para == b.para and prev.kind in ("item", "field", "sentence") \
                    and blocks[items[-1][1]].para == b.para:
                b.parent = items[-1][1]
            elif lead is not None and (b.para == lead_para or b.kind == "field") and not items:
                b.parent = lead
            else:
                if b.para != (prev.para if prev else -1):
                    items, lead = [], None
                b.parent = headings[-1][1] if headings else None
        prev = b
    _indent_outline(blocks)
    for b in blocks:
        if b.parent is not None:
            blocks[b.parent].children.append(b.index)
        b.level = 0 if b.parent is None else blocks[b.parent].level + 1


INDENT_ORDER = {"lead": 0, "heading": 1, "item": 2, "sentence": 3, "field": 3}


def _indent_outline(blocks: list[Block]) -> None:
    """Where a web page indents its nested lists ("• Area" / "  Socialt:" / "  Mål 1" / "  text"),
    an indented block belongs to the nearest block above it with less indent; at the same indent a
    label line owns what follows it (lead > heading > item > text). Used only when the document's
    lines have at least two indents besides none, so stray leading spaces of a PDF change nothing."""
    indents = {b.indent for b in blocks if b.indent > 0 and not b.toc}
    if len(indents) < 2 or max(indents) > 12:
        return
    stack: list[Block] = []
    for b in blocks:
        if b.toc:
            continue
        while stack and (stack[-1].indent > b.indent or (
                stack[-1].indent == b.indent and INDENT_ORDER[stack[-1].kind] >= INDENT_ORDER[b.kind])):
            stack.pop()
        if b.indent > 0 and stack:
            b.parent = stack[-1].index
        if b.kind in ("item", "heading", "lead"):
            stack.append(b)


def _nests(open_key: tuple[str, int], key: tuple[str, int], stack: list[tuple[str, int]]) -> bool:
    """Whether an item with ``key`` stays inside the open item with ``open_key``."""
    if open_key == key:
        return True
    if key in stack:        # back to an outer list's marker
        return False
    return key[1] > open_key[1] or key[0] != open_key[0]
