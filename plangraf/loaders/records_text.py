"""Line and text helpers of the field-record readers (:mod:`plangraf.loaders.records`,
:mod:`plangraf.loaders.records_roles`, :mod:`plangraf.loaders.catalogue`).

Form vocabulary (section names), title and bullet tests, paragraphs, and the step
from a stretch of cleaned lines to a node or link with provenance. Segments keep "\\n" between
cleaned lines so that a label maps back to the lines it came from (:func:`cut`); labels are
dehyphenated at those joins, quotes keep the line text as it stands.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from rdflib import URIRef

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.text import Line
from plangraf.loaders.values import CONNECT
from plangraf.loaders.vocab import vocabulary_data

# -- the words of field records: vocabulary.yaml, section ``records:`` ------------------------------
VOCAB: dict[str, Any] = vocabulary_data()["records"]


_S = {k: frozenset(v) for k, v in VOCAB["sections"].items()}
GOAL_LISTS, ACTIVITY_LISTS = _S["goal_lists"], _S["activity_lists"]
BODY_SECTIONS, BUDGET_SECTIONS = _S["bodies"], _S["budget"]
TARGET_SECTIONS, RESULT_SECTIONS = _S["target_groups"], _S["results"]
GOAL_SECTIONS = _S["purpose"] | GOAL_LISTS
ROLE_SECTIONS = _S["role"]
SHEET_SECTIONS = frozenset().union(*(v for k, v in _S.items() if k != "role"))
BULLET = re.compile(r"(?:[•·▪\-–]\s|\d{1,2}[.)]\s)")
URL = re.compile(r"^(?:\S+:\s*)?(?:https?://|www\.)\S*$", re.IGNORECASE)
# a line that ends on a connecting word (or '-', ',', '(') goes on in the next; the lookahead tries
# the word list at the last word only
FUNC_END = re.compile(rf"(?:(?<!\w)(?=\w{{1,{max(map(len, CONNECT))}}}$)(?:"
                      + "|".join(sorted(CONNECT, key=len, reverse=True)) + r")|[-‐,(])$", re.IGNORECASE)
DEHYPH = re.compile(r"(\w)[-‐]\n(?!(?:och|eller|samt|till|respektive|som)\b)(?=[a-zåäö])")


@lru_cache(maxsize=8192)
def section(text: str) -> str | None:
    """The form section a heading line names ('Förväntat resultat – framtida planering' ->
    'förväntat resultat'), or None; a dash followed by a sentence is prose, not a heading."""
    if not text or len(text) > 50:
        return None
    head, *tail = re.split(r"\s+[–-]\s+", text.rstrip(" :"), maxsplit=1)
    if tail and (len(tail[0].split()) > 3 or tail[0].endswith(".")):
        return None
    head = head.strip().lower()
    return head if head in SHEET_SECTIONS or head in ROLE_SECTIONS else None


def titlelike(line: Line) -> bool:
    """A short, mostly alphabetic line without end punctuation: a heading or a sheet title."""
    return not line.bullet and _titlelike_text(line.text)


@lru_cache(maxsize=8192)
def _titlelike_text(t: str) -> bool:
    if not t or len(t) > 80 or len(t.split()) > 10 or t[-1] in ".,;:!":
        return False
    if URL.match(t) or t[0].isdigit() or section(t) or re.match(r"^[•·▪]\s", t) or " = " in t:
        return False
    return sum(c.isalpha() for c in t) >= 0.6 * len(t.replace(" ", ""))


def is_bullet(line: Line) -> bool:
    """A bullet the cleaner saw, or one drawn as text ('- ', '• ', '1. ')."""
    return line.bullet or bool(BULLET.match(line.text))


@lru_cache(maxsize=8192)
def skippable(text: str) -> bool:
    """URL lines and bare page numbers interrupt a paragraph without belonging to it."""
    if text.isdigit():
        return len(text) <= 3
    return ("http" in text or "www." in text) and bool(URL.match(text))


def blocks(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """Bullet items and prose paragraphs, each with its wrapped lines joined back."""
    out: list[list] = []
    gap = False
    for ln in lines:
        t = ln.text
        if not t:
            gap = True
            continue
        if skippable(t):
            continue
        cur = out[-1] if out else None
        if is_bullet(ln):
            out.append(["bullet", [ln]])
        elif cur is not None and continues(cur[0], cur[1][-1].text, t, gap):
            cur[1].append(ln)
        else:
            out.append(["prose", [ln]])
        gap = False
    return [(k, ls) for k, ls in out]


def continues(kind: str, prev: str, t: str, gap: bool) -> bool:
    """Line ``t`` wraps the item ending in ``prev``: it starts lowercase or ``prev`` ends on a
    function word; a prose line also continues its paragraph unless a blank line came between."""
    if t[0].islower() or FUNC_END.search(prev):
        return True
    return kind == "prose" and not gap


def bullet_items(L: list[Line], i: int, end: int) -> tuple[list[tuple[str, list[Line]]], int]:
    """Consecutive bullet items from line i on (blank lines allowed); returns them and the stop index."""
    items: list[tuple[str, list[Line]]] = []
    j, gap = i, False
    while j < end:
        ln = L[j]
        if not ln.text or skippable(ln.text):
            gap = gap or not ln.text
        elif is_bullet(ln):
            items.append(("bullet", [ln]))
        elif items and continues("bullet", items[-1][1][-1].text, ln.text, gap):
            items[-1][1].append(ln)
        else:
            break
        gap = gap and not ln.text
        j += 1
    return items, j


def line_items(L: list[Line], i: int, end: int, stop: Callable[[str], bool] | None = None,
               gaps: bool = False) -> list[tuple[str, list[Line]]]:
    """The list that starts at line i (blank lines before it skipped): its bullet items, or, when
    the text lost its glyphs, one item per line that starts with a capital, wrapped lines joined.
    A glyph-less list ends at a blank line after its first item (unless ``gaps``), at a sentence
    end ('.', which makes its item prose), a section name, a line ending in ':' or a line ``stop``
    accepts (a label line)."""
    k = next_nonblank(L, i, end)
    if k is None:
        return []
    items, _ = bullet_items(L, k, end)
    if items:
        return items
    out: list[tuple[str, list[Line]]] = []
    while k < end:
        t = L[k].text
        if not t and gaps:
            k += 1
            continue
        if not t or skippable(t) or section(t) or t.endswith(":") or (stop is not None and stop(t)):
            break
        wraps = bool(out) and continues("bullet", out[-1][1][-1].text, t, False)
        if t.endswith("."):  # a sentence: prose, and so is the item it ends
            if wraps:
                out.pop()
            break
        if wraps:
            out[-1][1].append(L[k])
        else:
            out.append(("bullet", [L[k]]))
        k += 1
    return out


def joined(lines: list[Line]) -> str:
    """The lines' text with newlines between them, so that offsets map back to lines (see cut)."""
    return "\n".join(ln.text for ln in lines)


def cut(lines: list[Line], text: str, s: int, e: int) -> tuple[str, list[Line]]:
    """``text[s:e]`` of ``joined(lines)`` and the lines it comes from."""
    a, z = text.count("\n", 0, s), text.count("\n", 0, max(s, e - 1))
    return text[s:e], lines[a:z + 1]


def clean_label(seg: str) -> str:
    """Label text: words split at a line break joined again, whitespace and edge punctuation trimmed."""
    seg = DEHYPH.sub(r"\1", seg)
    return re.sub(r"\s+", " ", seg).strip(" .;,–-•")


def clean_quote(seg: str) -> str:
    """Quote text: as the lines have it (hyphens kept), so it is found within them."""
    return re.sub(r"\s+", " ", seg).strip(" ;,–-•")


def span_of(lines: list[Line]) -> Span:
    return Span(lines[0].start, max(ln.end for ln in lines), lines[0].page)


def put(b: GraphBuilder, cls: URIRef, seg: str, lines: list[Line], conf: float,
        label: str | None = None) -> URIRef | None:
    """A node for a segment of ``lines``, labelled and quoted from it; None for an empty label."""
    lab = label if label is not None else clean_label(seg)
    if len(lab) < 2 or not lines:
        return None
    return b.node(cls, lab, span_of(lines), quote=clean_quote(seg), confidence=conf)


def link(b: GraphBuilder, s: URIRef | None, p: URIRef, o: URIRef | None, lines: list[Line],
         conf: float) -> None:
    """Link s p o with the lines as provenance; a missing end (None) means no link."""
    if s is not None and o is not None and lines:
        lines = sorted(set(lines), key=lambda ln: ln.start)
        b.link(s, p, o, span_of(lines), quote=clean_quote(joined(lines))[:300], confidence=conf)


def next_nonblank(L: list[Line], i: int, end: int | None = None) -> int | None:
    """Index of the first non-blank line from ``i`` on (before ``end``), or None."""
    end = len(L) if end is None else end
    while i < end and not L[i].text:
        i += 1
    return i if i < end else None


def line_index(L: list[Line], line: Line) -> int:
    """Index of ``line`` in ``L`` (ordered by start line)."""
    return bisect_left(L, line.start, key=lambda ln: ln.start)
