"""Labelled field blocks and the values in them.

Plans describe an area with a block of ``Label: value`` fields ("Område: …", "Målgrupp: …",
"Hur mäts resultatet: …", "Budget och finansiering: …"), a value running on over wrapped lines
and bullets until the next label. :func:`read_fields` reads such a block, given which labels
mean what (a template's ``roles``); :meth:`Field.parts` splits a value into its running text and
its bulleted items; :func:`is_heading` tells a section heading by the block that follows it.
Small readers take a field's value apart: timing (:func:`is_timing`), bare lines naming a data
source (:func:`source_items`), data-source mentions (:data:`SOURCE_MENTION`, the national names of
:mod:`.source_names`); lists of names and sentences are :mod:`.values`' readers (:func:`names`,
:func:`sentences` only fix their form for a field).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from plangraf.loaders.flattened import Items, Piece, join
from plangraf.loaders.source_names import names_pattern
from plangraf.loaders.values import sentence_spans, split_list

FIELD = re.compile(r"^(?P<label>[A-ZÅÄÖ][^:]{1,40}?)\s*:\s*(?P<value>.*)$")
Roles = tuple[tuple[str, str], ...]  # (label pattern, role); the first full match wins
SOURCE_WORD = re.compile(r"(kolada|öppna jämförelser|register|-uppföljning$|enkät|statistik|databas|"
                         r"hälsa på lika villkor|^scb$)", re.IGNORECASE)
# a data source named in a measure field: a national one (:mod:`.source_names`) or an SKL survey
SOURCE_MENTION = names_pattern((r"SKL:s [a-zåäö]+(?: [A-ZÅÄÖ]{2,})?",), group=True)
TIMING = re.compile(r"^(löpande|kontinuerligt|fortlöpande|pågående|årlig\w*|halvårs\w*|kvartals\w*|månads\w*|"
                    r"tertial\w*|varje|en gång|två gånger|\d+ gånger|vid årets slut)\b|\b(januari|februari|mars|"
                    r"april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}\b", re.IGNORECASE)


def field_role(p: Piece, roles: Roles) -> tuple[str, str] | None:
    """(role, value) for a labelled line ``Målgrupp: …`` whose label ``roles`` knows; else None."""
    return None if p.bullet else _field_role(p.text, roles)


@lru_cache(maxsize=4096)
def _field_role(text: str, roles: Roles) -> tuple[str, str] | None:  # cached: headings look ahead
    m = FIELD.match(text)
    if not m:
        return None
    label = m["label"].lower()
    return next(((role, m["value"]) for pat, role in roles if re.fullmatch(pat, label)), None)


def is_heading(pieces: list[Piece], i: int, roles: Roles, barrier: re.Pattern[str], fresh_only: bool = False) -> bool:
    """A short unpunctuated line that opens a section: a field block with one of ``roles``'
    labels follows within a few lines, before any bullet or ``barrier`` line (a table header).
    ``fresh_only``: it must also start a page."""
    p = pieces[i]
    t = p.text
    words = t.split()
    if (p.bullet or len(t) > 60 or len(words) > 7 or t[-1] in ".:,;!?-" or not t[0].isalpha()
            or not any(c.isupper() for c in words[0]) or FIELD.match(t) or barrier.match(t)
            or (fresh_only and not p.fresh) or (i + 1 < len(pieces) and pieces[i + 1].text[0].islower())):
        return False
    for k in range(i + 1, min(i + 16, len(pieces))):
        q = pieces[k]
        if q.bullet or barrier.match(q.text):
            return False
        if field_role(q, roles):
            return True
    return False


@dataclass(frozen=True)
class Field:
    """One field of a block: its role, its pieces (the label line first) and the value's start
    on the label line."""

    role: str
    pieces: list[Piece]
    first: str

    def text(self) -> str:
        """The whole value as one line."""
        return join([replace(self.pieces[0], text=self.first)] + self.pieces[1:] if self.first else self.pieces[1:])

    def parts(self) -> tuple[list[Piece], list[list[Piece]]]:
        """(the value up to its first bullet, each bullet with its wrapped lines)."""
        head = [replace(self.pieces[0], text=self.first, phys=())] if self.first else []
        lead: list[Piece] = []
        groups: list[list[Piece]] = []
        for p in head + self.pieces[1:]:
            if p.bullet:
                groups.append([p])
            elif groups:
                groups[-1].append(p)
            else:
                lead.append(p)
        return lead, groups


def read_fields(pieces: list[Piece], i: int, roles: Roles, stop: Callable[[int], bool]) -> tuple[int, list[Field]]:
    """The fields of the block that starts at ``pieces[i]``: a known label opens a field, other
    lines go on the one before until ``stop(j)`` (a table header, a heading); returns (the
    index after the block, its fields)."""
    fields: list[Field] = []
    j = i
    while j < len(pieces):
        found = field_role(pieces[j], roles)
        if found:
            fields.append(Field(found[0], [pieces[j]], found[1]))
        elif not fields or stop(j):
            break
        else:
            fields[-1].pieces.append(pieces[j])
        j += 1
    return j, fields


def source_items(items: Items) -> list[bool]:
    """Which items are bare lines naming a data source: 'Kolada', 'HVB-uppföljning', or any
    member of a run of three or more bare lines one of which names a source ('LOKE', 'ASI')."""
    bare = [len(it) == 1 and len(it[0].text.split()) <= 3 and not re.search(r"[.!?:]$", it[0].text)
            for it in items]
    named = [b and bool(SOURCE_WORD.search(it[0].text)) for b, it in zip(bare, items)]
    run = sum(bare) >= 3 and any(named)
    return [n or (b and run) for b, n in zip(bare, named)]


def names(text: str) -> list[str]:
    """'FoU-ledare och teamchef.' -> ['FoU-ledare', 'teamchef'] (:func:`values.split_list`)."""
    return split_list(text.strip().rstrip("."))


def is_timing(text: str) -> bool:
    """A short sentence that says when or how often, not what: 'Löpande i själva modellen.',
    'En utvärdering efter mars 2018.' (a "Hur och hur ofta mäts resultaten" field holds both)."""
    return len(text.split()) <= 5 and bool(TIMING.search(text))


def sentences(text: str) -> list[str]:
    """The sentences of prose (:func:`values.sentence_spans`), stripped."""
    return [s for a, b in sentence_spans(text) if (s := text[a:b].strip())]
