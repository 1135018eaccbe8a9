"""Template: appendix compilations — role lists, a målbild, project sheets, indicator catalogues.

The words of every form are data: project_sheets.yaml beside this package. Such a compilation
strings together parts that each follow a form of their own, and a document may
hold only some of them, so every part has its own recogniser keyed on its structure:

* role descriptions, role lists, course blocks and challenge tables: :mod:`.roles`;
* project sheets, målbild, prerequisites and focus-area lists: :mod:`.sheets`;
* the indicator catalogue, indicator cards and "(se <dokument>)" asides: :mod:`.indicators` (data-source
  names it splits table cells at come from the national catalogue, ontology/data-sources.ttl);
* shared line and text helpers: :mod:`._text`.

Parts run in a fixed order because later ones use what earlier ones found: body names from role
lists help read "leds av ..." sentences in sheets, and sheet/course activities anchor the
challenge tables and focus-area lists below them.
"""
from __future__ import annotations

from rdflib import URIRef

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.templates.project_sheets._text import (
    CORE_SECTIONS,
    blocks,
    joined,
    put,
    section,
)
from plangraf.loaders.templates.project_sheets.indicators import (
    CARD_TITLE,
    CARD_UNIT,
    CAT_HEADER,
    document_references,
    read_catalogue,
)
from plangraf.loaders.templates.project_sheets.roles import (
    ROLE_HEADING,
    ROLE_INTRO,
    challenge_tables,
    course_blocks,
    role_description,
    role_lists,
)
from plangraf.loaders.templates.project_sheets.sheets import (
    find_sheets,
    find_titles,
    focus_lists,
    malbild_parts,
    prerequisites,
    read_sheet,
)
from plangraf.namespace import PG

__all__ = ["ProjectSheetExtractor"]


class ProjectSheetExtractor(Extractor):
    """Reads role lists, målbild, project sheets and indicator catalogues of an appendix compilation."""

    name = "project-sheets"

    def matches(self, doc: SourceDocument) -> float:
        texts = [ln.text for ln in doc.lines]
        sheet = {section(t) for t in texts} & CORE_SECTIONS
        score = 0.5 if len(sheet) >= 4 and "bakgrund" in sheet else 0.0
        catalogue = sum(1 for t in texts if CAT_HEADER.match(t))
        cards = min(sum(1 for t in texts if t.startswith(CARD_TITLE + " ")),
                    sum(1 for t in texts if t.startswith(CARD_UNIT)))
        roles = sum(1 for t in texts if ROLE_HEADING.match(t) or ROLE_INTRO.match(t))
        score += 0.5 * min(catalogue, 1) + (0.5 if cards >= 2 else 0.0) + 0.2 * min(roles, 1)
        return min(1.0, score)

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        L = doc.lines
        titles = find_titles(L)
        sheets = find_sheets(L, titles)
        sheet_titles = {t for t, _, _ in sheets}
        anchors: list[tuple[int, URIRef | None]] = []  # (line index, activity) for tables below them
        roles = [sh for sh in sheets if ROLE_HEADING.match(L[sh[0][0]].text)]
        bodies = role_lists(L, titles, sheet_titles, builder)  # names found first: sheets refer to them
        for (s, e), secs, _end in roles:
            bodies += role_description(L, (s, e), secs, builder)
        course_blocks(L, builder, anchors)
        for (s, e), secs, end in sheets:
            if ((s, e), secs, end) in roles:
                continue
            act = put(builder, PG.Activity, joined(L[s:e + 1]), L[s:e + 1], 0.85)
            if act is not None:
                anchors.append((s, act))
                read_sheet(L, secs, end, act, builder, bodies)
        challenge_tables(L, builder, sorted(anchors, key=lambda a: a[0]))
        paragraphs = blocks(L)
        focus_lists(L, paragraphs, builder, sheets, anchors)
        malbild_parts(L, builder)
        prerequisites(L, titles, builder)
        read_catalogue(L, builder)
        document_references(L, paragraphs, builder)
