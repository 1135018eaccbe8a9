"""Cue sentences around challenge lists: the overall goal, the follow-up survey, who is
responsible, and the money an area names.

Plans laid out in challenge lists (:mod:`plangraf.loaders.challenges`) say in prose what the lists
hang on: "Det övergripande målet är …" (the goal a section's follow-up list measures), "Svaren samlas
in genom en enkät till verksamheterna" in a paragraph on follow-up (the data source of the
follow-up questions), a lead naming a strategy over the list of its areas ("Arbetet följer den
nationella strategin med fyra målområden:"), "Ansvar för uppföljningen har X" (a
body), and a heading that names granted money inside an area ("Länets stimulansmedel": the area's
budget). Each reader here is a regular expression of the ``challenges`` section of ``vocabulary.yaml``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from plangraf.loaders.layout import Block
from plangraf.loaders.links import Link, items_by_block
from plangraf.loaders.vocab import vocabulary, vocabulary_data

if TYPE_CHECKING:
    from plangraf.loaders.challenges import Challenges
    from plangraf.loaders.general import Item

_W = vocabulary_data()["challenges"]
OVERALL = re.compile(_W["overall_goal"], re.IGNORECASE)
SURVEY = re.compile(_W["survey"], re.IGNORECASE)
FOLLOW_UP = re.compile(_W["follow_up_words"], re.IGNORECASE)
RESPONSIBLE = re.compile(_W["responsibility"], re.IGNORECASE)
MONEY = re.compile(_W["money_headings"], re.IGNORECASE)
STRATEGY_LEAD = re.compile(_W["strategy_lead"], re.IGNORECASE)
PARAGRAPH_REACH = 3     # sentences before a survey's sentence that may say it is about follow-up


def _survey(b: Block, blocks: list[Block]) -> str | None:
    """The survey a sentence names, when it or a sentence just before it in its paragraph is
    about follow-up ("Planen följs upp varje år. Svaren samlas in genom en enkät …")."""
    if b.kind != "sentence":
        return None
    m = SURVEY.search(b.text)
    if m is None:
        return None
    around = [blocks[k] for k in range(max(0, b.index - PARAGRAPH_REACH), b.index + 1)
              if blocks[k].para == b.para and blocks[k].parent == b.parent]
    if not any(FOLLOW_UP.search(x.text) for x in around):
        return None
    return m.group("source").strip(" .,")


def cue_items(blocks: list[Block], ch: Challenges) -> list[Item]:
    """Items of the cue sentences: the follow-up survey (only where the document has follow-up
    lists), bodies an "ansvar för … har X" sentence names, money headings inside an area."""
    from plangraf.loaders.general import Item
    out: list[Item] = []
    follow_lists = any(kind == "follow" for _, kind in ch.lists)
    for b in blocks:
        if b.kind in ("sentence", "lead") and b.text.endswith((";", ":")) and (m := STRATEGY_LEAD.search(b.text)) \
                and listed(b, blocks):
            out.append(Item("Strategy", m.group("strategy"), b, 0.5))
        if b.kind == "sentence":
            source = _survey(b, blocks) if follow_lists else None
            if source:
                out.append(Item("DataSource", source, b, 0.6))
            for m in RESPONSIBLE.finditer(b.text) if "nsvar" in b.text else ():
                out.append(Item("ResponsibleBody", m.group("body").strip(), b, 0.5))
        elif b.kind == "heading" and MONEY.match(b.text) and _in_area(b, blocks):
            out.append(Item("Budget", b.text, b, 0.5))
    return out


def listed(b: Block, blocks: list[Block]) -> list[int]:
    """The list items a lead line introduces: under it, or right after it beside it."""
    kids = [k for k in b.children if blocks[k].kind == "item"]
    if kids:
        return kids
    out: list[int] = []
    for k in range(b.index + 1, len(blocks)):
        if blocks[k].kind != "item" or blocks[k].parent != b.parent:
            break
        out.append(k)
    return out


def strategy_areas(items: list[Item], blocks: list[Block]) -> list[Item]:
    """The items listed under a strategy's lead that names them as areas ("… med tre
    målområden:") are focus areas, whatever their wording ("Trygg uppväxt" reads like a goal)."""
    from plangraf.loaders.general import Item
    voc = vocabulary()
    areas = {k for it in items if it.kind == "Strategy" and STRATEGY_LEAD.search(it.block.text)
             and voc.section_kind(it.block.text) == "FocusArea" for k in listed(it.block, blocks)}
    if not areas:
        return items
    out = [it for it in items if not (it.block.index in areas and it.kind in ("Goal", "Activity"))]
    have = {it.block.index for it in out if it.kind == "FocusArea"}
    return out + [Item("FocusArea", blocks[k].text, blocks[k], 0.5) for k in sorted(areas - have)]


def strategy_links(items: list[Item], blocks: list[Block]) -> list[Link]:
    """The areas listed under a lead that names a strategy are that strategy's."""
    by_block = items_by_block(items)
    out: list[Link] = []
    for i, it in enumerate(items):
        if it.kind == "Strategy" and STRATEGY_LEAD.search(it.block.text):
            for k in listed(it.block, blocks):
                out += [Link(a, "partOf", i, a) for a in by_block.get(k, []) if items[a].kind == "FocusArea"]
    return out


def _in_area(b: Block, blocks: list[Block]) -> bool:
    """A heading inside a numbered section (an area of the plan)."""
    p = b.parent
    while p is not None:
        if blocks[p].kind == "heading" and blocks[p].marker in ("num", "roman"):
            return True
        p = blocks[p].parent
    return False


def overall_goals(items: list[Item], blocks: list[Block]) -> list[int]:
    """The goal items a sentence states as the plan's overall goal ("Det övergripande målet är X")."""
    found = [i for i, it in enumerate(items) if it.kind == "Goal" and it.block.kind == "sentence" and OVERALL.search(it.block.text)]
    return found[:1]


def survey_sources(items: list[Item], blocks: list[Block]) -> list[int]:
    """The data-source items that are follow-up surveys."""
    return [i for i, it in enumerate(items) if it.kind == "DataSource" and _survey(it.block, blocks) == it.label]
