"""The general pipeline every document goes through: layout -> items -> links -> graph.

1. :func:`plangraf.loaders.layout.layout` turns the cleaned lines into blocks (headings, leads,
   list items, fields, sentences) with their spans and their parent in the outline;
2. :func:`plangraf.loaders.items.candidates` makes each block a candidate with features, and the
   classifier (:mod:`plangraf.loaders.model`, trained by ``scripts/train_items.py``) or, without
   it, :func:`plangraf.loaders.items.rule_kind` decides its kind; names of bodies and target
   groups inside items, and the values of fields, become items of their own;
3. :func:`plangraf.loaders.links.outline_links` links the items as the outline states it;
4. this module writes nodes and links to the :class:`GraphBuilder`, each with the span and quote
   of the block it came from.

Templates (:mod:`plangraf.loaders.templates`) add to what this finds; they never replace it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDFS

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.items import (
    Candidate,
    candidates,
    enumerated,
    goal_clause,
    purpose_clause,
    rule_kind,
    same_paragraph,
)
from plangraf.loaders.layout import Block, document_blocks, layout
from plangraf.loaders.links import Link, outline_links
from plangraf.loaders.mentions import names_in
from plangraf.loaders.model import LinearModel, shipped_model
from plangraf.loaders.vocab import Vocabulary, vocabulary
from plangraf.namespace import PG

MIN_PROBABILITY = 0.75
MAX_LABEL = 400
EARLY_BLOCKS = 4      # a body named in the opening blocks may own the plan even when a goal comes first
SPLIT_NAMES = re.compile(r"\s*(?:,|;|/| och | samt |\s&\s)\s*")


@dataclass
class Item:
    kind: str
    label: str
    block: Block
    confidence: float
    serves: int | None = None      # a purpose: the index of the activity whose text states it


def decide(cands: list[Candidate], model: LinearModel | None) -> list[Candidate]:
    """Set each candidate's kind (None: not an item) and confidence."""
    voc = vocabulary()
    for c in cands:
        rule = rule_kind(c, voc)
        c.features[f"rule={rule}"] = 1
        if model is None:
            c.kind, c.confidence = rule, 0.6
            continue
        if rule is not None:
            c.kind, c.confidence = rule, 0.6
            continue
        # the model speaks where the rules are silent, and only when it is sure
        best, p, _ = model.predict(c.features)
        c.kind, c.confidence = (None, p) if best == "None" or p < MIN_PROBABILITY else (best, p)
    by_block = {c.block.index: c for c in cands}
    for c in cands:
        if c.block.kind in ("heading", "lead", "item") and c.kind in (None, "Activity", "Goal") \
                and area_heading(c, by_block, voc):
            c.kind, c.confidence = "FocusArea", 0.5
    return cands


def descendants(index: int, by_block: dict[int, Candidate], depth: int) -> list[Candidate]:
    """The candidates under a block, down to ``depth`` levels."""
    if depth == 0 or index not in by_block:
        return []
    out = []
    for i in by_block[index].block.children:
        if i in by_block:
            out.append(by_block[i])
            out += descendants(i, by_block, depth - 1)
    return out


def area_heading(c: Candidate, by_block: dict[int, Candidate], voc: Vocabulary) -> bool:
    """A plain, short heading or lead over goals or activities is the area they belong to."""
    t = c.text
    if t.lower().strip(" :") in voc.structural:
        return False
    kids = [by_block[i] for i in c.block.children if i in by_block]
    if c.block.kind in ("item", "lead") and any(k.block.kind in ("lead", "heading") for k in kids) \
            and len(t.split()) <= 10 and not t.endswith("?"):
        # an item or label over a sub-outline (labels, then goals) is the area of those goals
        return any(d.kind in ("Goal", "Activity") for d in descendants(c.block.index, by_block, 3))
    if c.block.kind == "item" and c.block.children and len(t.split()) <= 5 and not t.endswith("?"):
        kids = [by_block[i] for i in c.block.children if i in by_block]
        return sum(1 for k in kids if k.kind in ("Goal", "Activity")) >= 1 and "goal" not in voc.forms_of(t)
    if c.block.kind == "heading" and c.kind is None and c.section in (None, "Malbild", "FocusArea") \
            and voc.section_kind(t) in (None, "Malbild") and 2 <= len(t.split()) <= 8 and not t.endswith(("?", ".")) \
            and "malbild" not in voc.forms_of(t) and not re.search(r"målbild", t, re.IGNORECASE) \
            and sum(1 for k in kids if k.kind == "Malbild") >= 2:
        return True      # "Värden för invånarna" over a list of målbild statements: their area
    if c.section not in (None, "Goal", "FocusArea") or voc.section_kind(t) is not None or len(t.split()) > 8 \
            or t.endswith("?") or (c.block.kind != "item" and t.endswith(".")):
        return False
    if c.kind is not None and (c.block.kind != "item" or len(t.split()) > 5 or "goal" in voc.forms_of(t)):
        return False
    kids = [by_block[i] for i in c.block.children if i in by_block]
    if c.block.kind == "item":   # an item titled by a short phrase, its text under it
        return sum(1 for k in kids if k.kind in ("Goal", "Activity")) >= 1
    return any(d.kind in ("Goal", "Activity") for d in descendants(c.block.index, by_block, 2))


def items_of(blocks: list[Block], model: LinearModel | None, title: str = "") -> list[Item]:
    """Every item of a document: decided blocks, field values split into names, and the bodies
    and target groups named inside goals, activities and focus areas."""
    voc = vocabulary()
    out: list[Item] = []
    for c in decide(candidates(blocks, voc, with_features=model is not None), model):
        if title and c.text == title and c.block.kind == "heading":
            continue    # the plan's own title
        if c.kind in ("ResponsibleBody", "TargetGroup") and c.block.kind != "field":
            continue    # names inside text: found as mentions below
        if c.kind is None or len(c.text) > MAX_LABEL:
            continue
        if c.kind in ("ResponsibleBody", "TargetGroup") and c.block.kind == "field":
            for name in SPLIT_NAMES.split(c.text):
                name = name.strip(" .")
                if len(name) >= 3:
                    out.append(Item(c.kind, name, c.block, c.confidence))
            continue
        label = c.text
        if c.kind == "Goal" and c.block.kind == "sentence":
            label = goal_clause(c.text) or label
        purpose = purpose_clause(c.text) if c.kind == "Activity" else None
        if purpose:     # "Trygghetsvandringar görs. Syftet är att X.": X is the goal the activity serves
            label = purpose[0]
        out.append(Item(c.kind, label, c.block, c.confidence))
        if purpose:
            out.append(Item("Goal", purpose[1], c.block, 0.5, serves=len(out) - 1))
    # bodies named anywhere in the text; target groups inside items and where the text says "målgrupp"
    itemised = {it.block.index for it in out if it.kind in ("Goal", "Activity", "FocusArea", "Indicator", "Malbild")}
    for b in blocks:
        if b.kind in ("sentence", "lead", "item", "heading"):
            listed = enumerated(b.text)
            for name in listed[1] if listed else []:
                out.append(Item(listed[0], name, b, 0.5))  # type: ignore[index]
        prose = b.kind in ("sentence", "lead", "item", "heading")
        for kind, name, conf in names_in(b.text, title, voc, b.index in itemised, prose):
            out.append(Item(kind, name, b, conf))
    return out


class GeneralExtractor(Extractor):
    """The general reader every document goes through (see the module docstring)."""

    name = "general"

    def __init__(self, model: LinearModel | None | bool = True) -> None:
        self.model = shipped_model() if model is True else (model or None)

    def matches(self, doc: SourceDocument) -> float:
        return 1.0

    def blocks(self, doc: SourceDocument) -> list[Block]:
        return document_blocks(doc)

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        blocks = self.blocks(doc)
        title = str(builder.graph.value(builder.plan, RDFS.label) or "") if builder.plan is not None else ""
        items = items_of(blocks, self.model, title)
        nodes: list[URIRef] = []
        for it in items:
            b = it.block
            span = Span(b.start, b.end, b.page)
            known = builder.find(PG[it.kind], it.label)   # a template's node for the same thing: one node
            if known is not None:
                builder.provenance(known, span, it.label, confidence=it.confidence)
                nodes.append(known)
            else:
                nodes.append(builder.node(PG[it.kind], it.label, span, quote=it.label, confidence=it.confidence))
        items_at: dict[int, list[int]] = {}
        for i, it in enumerate(items):
            items_at.setdefault(it.block.index, []).append(i)
        parents = [b.parent for b in blocks]
        links = outline_links([it.kind for it in items], [it.block.index for it in items], parents, items_at)
        links += plan_body_links(items, blocks) + paragraph_body_links(items, blocks)
        links += [Link(it.serves, "servesGoal", i, i) for i, it in enumerate(items) if it.serves is not None]
        links += follow_up_links(items, blocks, links)
        for link in links:
            s = builder.plan if link.subject == -1 else nodes[link.subject]
            o = builder.plan if link.object == -1 else nodes[link.object]
            if s is None or o is None:
                continue
            child = items[link.child]
            via = child.block
            builder.link(s, PG[link.predicate], o, Span(via.start, via.end, via.page),
                         quote=child.label, confidence=0.6)


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
    by_block: dict[int, list[int]] = {}
    for i, it in enumerate(items):
        by_block.setdefault(it.block.index, []).append(i)
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
    by_block: dict[int, list[int]] = {}
    for i, it in enumerate(items):
        by_block.setdefault(it.block.index, []).append(i)
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


def debug_blocks(doc: SourceDocument) -> str:
    """The document as the pipeline reads it: one line per block with its kind in the outline,
    and the item kind decided for it (what `plangraf extract --debug-blocks` prints)."""
    blocks = layout(doc.lines, doc.raw_lines)
    decided = {c.block.index: c for c in decide(candidates(blocks), shipped_model())}
    rows = []
    for b in blocks:
        c = decided.get(b.index)
        kind = f"{c.kind} {c.confidence:.2f}" if c is not None and c.kind else "-"
        mark = f"{b.marker}{b.number}" if b.marker else ""
        label = f"[{b.label}] " if b.label else ""
        rows.append(f"{b.start:>5} {kind:<20} {'  ' * b.level}{b.kind:<8} {mark:<6} {label}{b.text[:100]}")
    return "\n".join(rows)
