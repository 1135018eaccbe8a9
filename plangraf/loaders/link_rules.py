"""Links the text states beyond the outline: who owns the plan, what a paragraph's subject does,
which follow-up section measures which goal, how a goal is broken down.

Part of the links stage (:mod:`plangraf.loaders.links` makes the outline's links). Each rule
here reads a pattern a reader sees in many plans — a deciding body in the opening, a paragraph
that opens with a body as its subject, a "Måluppfyllelse" section right after "Mål 1", a lead
saying "Målet är nedbrutet i fem delmål" — and links only the items that pattern joins.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from plangraf.loaders.items import same_paragraph
from plangraf.loaders.layout import QUESTION_WORD, Block
from plangraf.loaders.links import Link, items_by_block
from plangraf.loaders.vocab import vocabulary

if TYPE_CHECKING:
    from plangraf.loaders.general import Item

EARLY_BLOCKS = 4      # a body named in the opening blocks may own the plan even when a goal comes first


DECIDES = re.compile(r"\b(antog|antogs|antagit|antagen|antagna|beslut\w*|fastställ\w*|godkän\w*|satt upp|sätter upp|sammanträde|"
                     r"tagit fram|tar fram|\w*ansvar\w*|har (?:\w+ )?(?:övergripande |långsiktiga )?mål|äger|står bakom|har i uppdrag|uppdrag\w*)\b",
                     re.IGNORECASE)


def plan_body_links(items: list[Item], blocks: list[Block]) -> list[Link]:
    """The body that adopted or owns the plan ("Kommunfullmäktige antog programmet …", named in
    a heading or in a sentence with such a verb in the opening, else the body the opening names
    most) answers for the plan's focus areas and goals — beside any body a goal names itself,
    which carries it out."""
    first = min((it.block.index for it in items if it.kind in ("Goal", "FocusArea", "Malbild")),
                default=len(blocks))
    early = [i for i, it in enumerate(items) if it.kind == "ResponsibleBody"
             and it.block.index < max(first, EARLY_BLOCKS)]
    owners = [i for i in early if items[i].block.kind == "heading" or DECIDES.search(items[i].block.text)]
    if not owners and early:
        # no body says it decided: the one the text names most before its goals, at least twice
        count: dict[str, int] = {}
        for i in early:
            count[items[i].label.lower()] = count.get(items[i].label.lower(), 0) + 1
        name, n = max(count.items(), key=lambda kv: kv[1])
        owners = [next(i for i in early if items[i].label.lower() == name)] if n >= 2 else []
    if not owners:
        return []
    targets = [i for i, it in enumerate(items) if it.kind in ("Goal", "FocusArea")]
    return [Link(o, "responsibleFor", t, t) for o in owners for t in targets]


SUBJECT_START = re.compile(r"^(?:inom|hos|för|på|i|även|också)?\s*", re.IGNORECASE)


def paragraph_body_links(items: list[Item], blocks: list[Block]) -> list[Link]:
    """A paragraph that opens with a body as its subject ("Vård- och omsorgsförvaltningen har …",
    "Inom Barn- och utbildningsförvaltningen har …") tells what that body does: the body answers
    for the activities and goals its paragraph states."""
    by_block = items_by_block(items)
    out: list[Link] = []
    body: int | None = None
    prev: Block | None = None
    for b in blocks:
        if b.kind != "sentence":
            body, prev = None, None
            continue
        if prev is None or not same_paragraph(prev, b):   # a new paragraph: does it open with a body?
            lead = SUBJECT_START.sub("", b.text, count=1)
            body = next((i for i in by_block.get(b.index, []) if items[i].kind == "ResponsibleBody"
                         and lead.lower().startswith(items[i].label.lower())), None)
        prev = b
        if body is None:
            continue
        out += [Link(body, "responsibleFor", i, i) for i in by_block.get(b.index, [])
                if items[i].kind in ("Activity", "Goal")]
    return out


def _subtree(b: Block, blocks: list[Block]) -> list[int]:
    out = [b.index]
    for k in b.children:
        out += _subtree(blocks[k], blocks)
    return out


def follow_up_links(items: list[Item], blocks: list[Block], links: list[Link]) -> list[Link]:
    """A follow-up section right after a goal's section, at the same level ("Mål 1" … then
    "Måluppfyllelse" with its measures), measures that goal: its indicators that no goal owns in
    the outline are the measures of the goals of the section before."""
    voc = vocabulary()
    by_block = items_by_block(items)
    measured = {lk.object for lk in links if lk.predicate == "measuredBy"}
    siblings: dict[int | None, list[int]] = {}
    place: dict[int, int] = {}
    for b in blocks:
        row = siblings.setdefault(b.parent, [])
        place[b.index] = len(row)
        row.append(b.index)
    out: list[Link] = []
    for b in blocks:
        if b.kind not in ("heading", "lead") or voc.section_kind(b.text) != "Indicator":
            continue
        row, k = siblings[b.parent], place[b.index]
        if k == 0 or blocks[row[k - 1]].kind != "heading":
            continue
        goals = [i for x in _subtree(blocks[row[k - 1]], blocks) for i in by_block.get(x, []) if items[i].kind == "Goal"]
        measures = [i for x in _subtree(b, blocks) for i in by_block.get(x, [])
                    if items[i].kind == "Indicator" and i not in measured]
        if 1 <= len(goals) <= 3:
            out += [Link(g, "measuredBy", m, m) for g in goals for m in measures]
    return out


BREAKDOWN = re.compile(r"\b(?:målet|målen|målsättningen)\b.{0,60}?\b(?:nedbrut\w*|bryts (?:ned|ner)|brutits ned|"
                       r"delas in|konkretiseras|preciseras)\b", re.IGNORECASE)


def breakdown_links(items: list[Item], blocks: list[Block]) -> list[Link]:
    """"Det övergripande målet är nedbrutet i fem delmål: …": the goals listed under such a lead
    are parts of the goal the text stated just before it."""
    by_block = items_by_block(items)
    out: list[Link] = []
    for b in blocks:
        if b.kind != "lead" or not BREAKDOWN.search(b.text):
            continue
        before = [i for x in range(max(0, b.index - 3), b.index) for i in by_block.get(x, []) if items[i].kind == "Goal"]
        if not before:
            continue
        whole = before[-1]
        out += [Link(i, "partOf", whole, i) for x in _subtree(b, blocks)[1:] for i in by_block.get(x, [])
                if items[i].kind == "Goal"]
    return out


MEASURES_GOAL = re.compile(r"\b(?:målet|målen|målsättningen)\b.{0,80}?\b(?:följs upp|följas upp|mäts|mätas|mätts)\b"
                           r"|\b(?:följs upp|mäts)\b.{0,40}?\b(?:målet|målen)\b", re.IGNORECASE)


def stated_measures(items: list[Item], blocks: list[Block]) -> list[Link]:
    """"Hur länet utvecklas mot det övergripande målet följs upp utifrån tre huvudindikatorer; A, B
    och C": indicators a sentence says follow up *the goal* measure the goal the text stated last."""
    out: list[Link] = []
    last_goal: int | None = None
    by_block = items_by_block(items)
    for b in blocks:
        here = by_block.get(b.index, [])
        if last_goal is not None and MEASURES_GOAL.search(b.text):
            out += [Link(last_goal, "measuredBy", i, i) for i in here if items[i].kind == "Indicator"]
        goals = [i for i in here if items[i].kind == "Goal"]
        if goals:
            last_goal = goals[-1]
    return out


def prompt_links(items: list[Item], blocks: list[Block]) -> list[Link]:
    """A form's answers, linked question by question as the form lays them out: the answers to
    "Hur kan det mätas?" measure the goals answered just before it, the answers to "Vilka data
    kan användas för mätning?" are those indicators' sources, the activities serve the goals
    before them. Each answer links to the answers of the nearest question before it, in the same
    form (no heading between), whose kind it can belong to (:data:`~plangraf.loaders.links.PAIRS`);
    the form does not align answers inside a row, so all of one answer go with all of the other."""
    from plangraf.loaders.links import PAIRS, orient
    by_block = items_by_block(items)
    sections: list[tuple[str, list[int]]] = []      # the form's questions so far: (kind, its answers)
    out: list[Link] = []
    for b in blocks:
        if b.kind == "heading" and not QUESTION_WORD.match(b.text):
            sections = []       # a new part of the document (a question the layout saw as a heading is the form's)
            continue
        if b.kind == "lead" and b.marker == "prompt":
            sections.append(("", []))
            continue
        if b.kind != "item" or b.marker != "answer" or not sections:
            continue
        answers = [i for i in by_block.get(b.index, []) if items[i].block is b and
                   items[i].kind not in ("ResponsibleBody", "TargetGroup")]
        if not answers:
            continue
        kind, own = sections[-1]
        kind = kind or items[answers[0]].kind
        sections[-1] = (kind, own + [i for i in answers if items[i].kind == kind])
        for i in answers:
            for owner_kind, owners in reversed(sections[-FORM_REACH:-1]):
                rule = PAIRS.get((items[i].kind, owner_kind))
                if rule is not None and owners:
                    out += [orient(i, o, rule) for o in owners]
                    if (items[i].kind, owner_kind) not in WHOLE_FORM:
                        break
    return out


FORM_REACH = 16     # questions of a form looked back over, at most (a long run without headings stays linear)
# An answer of the first kind goes with the answers of every earlier question of the second kind
# in its form, not only the nearest: a form's activities serve its short- and long-term goals alike.
WHOLE_FORM = frozenset({("Activity", "Goal")})
NAMED_GOALS = re.compile(r"(?P<qual>[a-zåäö]{6,}(?:\s*/\s*[a-zåäö]{6,})*)\s+mål(?:en)?\b", re.IGNORECASE)


LIST_REACH = 8      # goal lists an indicator may name, the latest ones


def named_list_measures(items: list[Item], blocks: list[Block]) -> list[Link]:
    """An indicator that names a list of goals by the words the list was introduced with
    ("… för respektive strategiskt mål" after "Strategiska/långsiktiga mål:" and its list) measures
    each goal of that list."""
    by_block = items_by_block(items)
    lists: list[tuple[re.Pattern[str], list[int]]] = []
    out: list[Link] = []
    for b in blocks:
        if b.kind == "lead":
            m = NAMED_GOALS.search(b.text)
            goals = [i for k in b.children for i in by_block.get(k, []) if items[i].kind == "Goal"]
            if m and len(goals) >= 2:
                stems = [w[:-2] for w in re.split(r"\s*/\s*", m.group("qual").lower())]
                lists.append((re.compile(rf"\b(?:{'|'.join(map(re.escape, stems))})\w*\s+mål", re.IGNORECASE), goals))
            continue
        for i in by_block.get(b.index, []):
            if items[i].kind != "Indicator":
                continue
            for cue, goals in reversed(lists[-LIST_REACH:]):
                if cue.search(b.text):
                    out += [Link(g, "measuredBy", i, i) for g in goals]
                    break
    return out


SECTION_REACH = 120     # blocks between a reference and its section's heading, at most
REFERENCE = re.compile(r"^(?P<label>[A-ZÅÄÖa-zåäö]+)\s*:?\s*(?P<nums>\d{1,2}(?:\s*(?:,|och|&|samt)\s*\d{1,2})*)\s*\.?$")


def number_references(items: list[Item], blocks: list[Block]) -> list[Link]:
    """"Fokusområde: 4,5" under a section: the section's item belongs to the focus areas the text
    numbered 4 and 5 ("… fem fokusområden (1. … 4. Utsatta grupper 5. Ledning …)", or a numbered list)."""
    from plangraf.loaders.links import PAIRS, orient
    from plangraf.loaders.vocab import NUMBERS_ONLY
    voc = vocabulary()
    numbered: dict[tuple[str, str], int] = {}
    for i, it in enumerate(items):
        number = it.number or (it.block.number if it.block.marker == "num" and it.label in it.block.text else "")
        first = numbered.get((it.kind, number))
        if number and "." not in number and (first is None or it.block.index < items[first].block.index):
            numbered[(it.kind, number)] = i       # the first list that numbers them is the one referred to
    by_block = items_by_block(items)
    out: list[Link] = []
    for b in blocks:
        text = f"{b.label}: {b.text}" if b.kind == "field" else b.text
        m = REFERENCE.match(text) if len(text) <= 60 else None
        kind = voc.labelled_kind.get(m.group("label").lower()) if m else None
        if m is None or kind is None or not NUMBERS_ONLY.fullmatch(m.group("nums")):
            continue
        owner = None
        for k in range(b.index - 1, max(-1, b.index - 1 - SECTION_REACH), -1):
            above = blocks[k]       # the item of the numbered or labelled section heading it stands under
            if above.kind == "heading" and (above.marker in ("num", "roman") or above.label):
                owner = next((i for i in by_block.get(k, []) if items[i].kind in ("FocusArea", "Goal", "Activity")), None)
                break
        if owner is None:
            continue
        for number in re.findall(r"\d{1,2}", m.group("nums")):
            target = numbered.get((kind, number))
            rule = PAIRS.get((items[owner].kind, kind))
            if target is not None and target != owner and rule is not None:
                out.append(orient(owner, target, rule))
    return out
