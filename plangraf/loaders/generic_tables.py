"""Flattened tables for the generic fallback: a header of column words, then rows of cells.

PDF-to-text extraction writes a simple table as its header cells one per line ("Mål",
"Aktivitet", "Ansvar", "Tidsplan"), then each row's cells one per line, rows between blank lines;
or, from other converters, cells between '|'. :func:`read_table` reads either shape back into
columns (a role and class per header cell, from the label vocabulary of
:mod:`plangraf.loaders.cues`) and rows of (text, span) cells. Tables whose columns are cut by
wrap width instead (goal tables) are :mod:`plangraf.loaders.flattened`'s.
"""
from __future__ import annotations

import re

from rdflib import URIRef

from plangraf.graph.model import Span
from plangraf.loaders.cues import area_heading, label_role, numbered_heading, parse_label
from plangraf.loaders.text import Line

Column = tuple[str, "URIRef | None"]
Cell = tuple[str, Span]
TABLE_ROLES = ("goal", "activity", "indicator", "source", "body", "group", "budget", "followup")
MAX_CELL = 220


def header_role(text: str) -> tuple[str, URIRef | None] | None:
    """The column a header cell names ('Ansvar', 'Målvärde 2025', 'Mål 2025' = a target value)."""
    text = text.strip()
    if not text or len(text) > 40 or len(text.split()) > 5 or text.endswith(".") \
            or ":" in text.rstrip(":"):
        return None
    if re.fullmatch(r"(?i)mål\s+\d{4}", text):
        return "value", None
    return label_role(text)


def _is_header(columns: list[Column], least: int = 3) -> bool:
    return len(columns) >= least and len({r for r, _c in columns if r in TABLE_ROLES}) >= 2


def _cells(lines: list[Line], idx: list[int]) -> list[Cell]:
    """One cell per line; a line starting in lower case continues the cell above (a wrapped cell)."""
    cells: list[list[Line]] = []
    for k in idx:
        line = lines[k]
        if cells and line.text[:1].islower() and not cells[-1][-1].text.endswith("."):
            cells[-1].append(line)
        else:
            cells.append([line])
    return [(" ".join(l.text for l in c), Span(c[0].start, c[-1].end, c[0].page)) for c in cells]


def _ends_table(lines: list[Line], idx: list[int]) -> bool:
    for k in idx:
        text = lines[k].text
        if lines[k].bullet or text.endswith(":") or area_heading(text) or numbered_heading(text):
            return True
        label = parse_label(text)
        if label is not None and not label.bare:
            return True
    return False


def read_table(lines: list[Line], i: int) -> tuple[list[Column], list[list[Cell]], int] | None:
    """A table flattened from a PDF starting at line i: (columns, rows of cells, index after it).

    Vertical: the header cells one per line, then rows one cell per line, rows between blank lines
    (or, with no blank lines, every N cells). A row with fewer cells than columns lacks its leading
    ones (merged with the row above). Piped: 'Mål | Aktivitet | Ansvar' and rows likewise.
    None when line i opens no table.
    """
    first = lines[i].text
    if "|" not in first and header_role(first) is None:
        return None
    if "|" in first:
        columns = [header_role(c) for c in first.strip("| ").split("|")]
        if any(c is None for c in columns) or not _is_header(columns, 2):  # type: ignore[arg-type]
            return None
        rows: list[list[Cell]] = []
        j = i + 1
        while j < len(lines) and "|" in lines[j].text:
            parts = [p.strip() for p in lines[j].text.strip("| ").split("|")]
            if len(parts) > len(columns):
                break
            rows.append([(p, lines[j].span) for p in parts if p] if len(parts) < len(columns)
                        else [(p, lines[j].span) for p in parts])
            j += 1
        return (columns, rows, j) if rows else None  # type: ignore[return-value]
    columns: list[Column] = []
    j = i
    while j < len(lines) and lines[j].text and not lines[j].bullet:
        role = header_role(lines[j].text)
        if role is None:
            break
        columns.append(role)
        j += 1
    if not _is_header(columns):
        return None
    n, rows, end, separated = len(columns), [], j, False
    while True:
        k = end
        while k < len(lines) and not lines[k].text:
            k += 1
        separated = separated or k > end
        idx = []
        while k < len(lines) and lines[k].text:
            idx.append(k)
            k += 1
        if idx and [header_role(lines[x].text) for x in idx[:n]] == columns:
            idx = idx[n:]  # the header repeated on the next page
        if not idx or _ends_table(lines, idx):
            break
        cells = _cells(lines, idx)
        if sum(len(t) for t, _s in cells) / len(cells) > MAX_CELL:
            break
        if len(cells) == n or (rows and 2 <= len(cells) < n):
            rows.append(cells)
        elif len(cells) > n and len(cells) % n == 0 and not separated:
            rows += [cells[s:s + n] for s in range(0, len(cells), n)]
        else:
            break
        end = k
    return (columns, rows, end) if rows else None
