"""Line-level reading for the generic fallback: running headers, continuation lines, lists.

Pure functions over the cleaned lines of a document that :class:`plangraf.loaders.generic._Walk`
asks while it walks them: which lines are furniture (a table of contents, a running header),
which lines continue the one above (:func:`joined`), and whether a numbered or bulleted line is
an item of a list (:func:`in_list`, :func:`action_list`) rather than a heading or a loose line.
"""
from __future__ import annotations

from plangraf.loaders import cues
from plangraf.loaders.text import Line

MAX_LABEL = 300
LOWER_OR_PAREN = set("abcdefghijklmnopqrstuvwxyzåäöéü(")
OPEN_END = (",", " och", " samt", " eller", " –", "-")


def tidy(text: str) -> str:
    """A label from item text: whitespace folded, list marks and edge punctuation trimmed."""
    return " ".join(text.split()).strip(" -–•:;,")[:MAX_LABEL]


def furniture(lines: list[Line]) -> set[int]:
    """Indexes of running headers left in the text: a line standing alone between blank lines,
    three or more times, that is no label (a repeated table header is kept)."""
    texts = [l.text for l in lines]
    where: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        if t:
            where.setdefault(t, []).append(i)
    out: set[int] = set()
    for text, idx in where.items():
        if len(idx) < 3 or cues.parse_label(text):
            continue
        if all((i == 0 or not texts[i - 1]) and (i + 1 == len(texts) or not texts[i + 1]) for i in idx):
            out.update(idx)
    return out


def prepare(lines: list[Line]) -> list[Line]:
    """The cleaned lines without tables of contents and running headers, one blank between paragraphs."""
    drop = furniture(lines)
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i in drop or (line.text[-1:].isdigit() and cues.TOC_LINE.search(line.text)):
            continue
        if not line.text and (not out or not out[-1].text):
            continue
        out.append(line)
    while out and not out[-1].text:
        out.pop()
    return out


def mark(line: Line) -> int | None:
    """The list-item number line starts with (0: a dash), else None."""
    return cues.item_mark(line.text)[1]


def joined(lines: list[Line], i: int) -> tuple[str, int]:
    """Line i with its continuation lines: those starting in lower case or with '(', and any line
    after one ending in ',', 'och', '-' or inside a parenthesis ('(Aktör: Region' / 'Värmland)').
    Returns the text and the index of the last line taken."""
    L, text, j = lines, lines[i].text, i
    while (j + 1 < len(L) and L[j + 1].text and not L[j + 1].bullet and len(text) < MAX_LABEL
           and (text.endswith(OPEN_END) or text.count("(") > text.count(")")
                or L[j + 1].text[:1] in LOWER_OR_PAREN and not text.endswith((".", ":", "?", "!")))):
        j += 1
        text = f"{text} {L[j].text}"
    return text, j


def action_list(lines: list[Line], i: int) -> bool:
    """Whether the loose list line i stands in opens each item with an action verb
    ('Utbilda …', 'Ta fram …'): then its items are activities, even with no label above."""
    L, k = lines, i

    def item(line: Line) -> str | None:
        text, number = cues.item_mark(line.text)
        return text if line.bullet or number is not None else None

    while k > 0 and L[k - 1].text and (item(L[k - 1]) is not None or L[k - 1].text[:1] in LOWER_OR_PAREN):
        k -= 1
    while k < len(L) and L[k].text and ((text := item(L[k])) is not None
                                         or L[k].text[:1] in LOWER_OR_PAREN):
        if text is not None and not cues.activity_like(cues.split_tags(text)[0]):
            return False
        k += 1
    return True


def in_list(lines: list[Line], i: int, number: tuple[int, ...]) -> bool:
    """Whether numbered line i is an item of a list ('1. Utbilda …' / '2. Ta fram …' on the
    next line): the item before or after it stands right next to it."""
    if len(number) != 1:
        return False
    L = lines
    if i > 0 and L[i - 1].text and cues.item_mark(L[i - 1].text)[1] == number[0] - 1:
        return True
    j = i + 1
    while j < len(L) and L[j].text[:1] in LOWER_OR_PAREN and L[j].text:
        j += 1
    return j < len(L) and bool(L[j].text) and cues.item_mark(L[j].text)[1] == number[0] + 1
