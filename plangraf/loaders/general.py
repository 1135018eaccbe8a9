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

Before these, the layout readers of field records (:mod:`plangraf.loaders.records`: project
sheets, role lists, label-line blocks) and indicator catalogues (:mod:`plangraf.loaders.catalogue`)
read the cleaned lines of every document; the items join the nodes they made.

Templates (:mod:`plangraf.loaders.templates`) add to what this finds; they never replace it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.catalogue import document_references, read_catalogue
from plangraf.loaders.challenges import challenge_items, challenge_links, challenges_in
from plangraf.loaders.columns import column_items, column_links, column_tables
from plangraf.loaders.forms import FormTemplate, form_items, form_links, form_templates, forms_in
from plangraf.loaders.items import (
    Candidate,
    candidates,
    enumerated,
    goal_clause,
    numbered_inline,
    purpose_clause,
    rule_kind,
    structural,
)
from plangraf.loaders.layout import Block, document_blocks, layout
from plangraf.loaders.link_rules import (
    breakdown_links,
    follow_up_links,
    named_list_measures,
    number_references,
    paragraph_body_links,
    plan_body_links,
    prompt_links,
    stated_measures,
)
from plangraf.loaders.links import Link, items_by_block, outline_links
from plangraf.loaders.mentions import names_in
from plangraf.loaders.model import LinearModel, shipped_model
from plangraf.loaders.records import read_records
from plangraf.loaders.rows import read_rows
from plangraf.loaders.vocab import NUMBERS_ONLY, Vocabulary, vocabulary
from plangraf.namespace import PG

MIN_PROBABILITY = 0.75
MAX_LABEL = 400
SPLIT_NAMES = re.compile(r"\s*(?:,|;|/| och | samt |\s&\s)\s*")


@dataclass
class Item:
    kind: str
    label: str
    block: Block
    confidence: float
    serves: int | None = None      # a purpose: the index of the activity whose text states it
    subclass: str | None = None    # a goal's horizon (LongTermGoal, ShortTermGoal) when its section names one
    number: str = ""               # the item's number in a numbered list ("4" of "… (1. A … 4. D)")
    quote: str = ""                # the source text when the label is not a piece of it ("" : the label)


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


# "Mål som gäller barn", "Mål för äldreomsorgen": goals of one topic (not "Mål för 2024")
SCOPED_GOALS = re.compile(r"^(?:mål|målen|delmål)\s+(?:som gäller|för|inom|avseende|kring)\s+(?![\d(])[a-zåäö]",
                          re.IGNORECASE)


def area_heading(c: Candidate, by_block: dict[int, Candidate], voc: Vocabulary) -> bool:
    """A plain, short heading or lead over goals or activities is the area they belong to."""
    t = c.text
    if structural(t, voc):
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
    if SCOPED_GOALS.match(t) and any(d.kind == "Goal" for d in descendants(c.block.index, by_block, 2)):
        return True      # "Mål som gäller barn" over its goals: the area those goals belong to
    if c.section not in (None, "Goal", "FocusArea") or voc.section_kind(t) is not None or len(t.split()) > 8 \
            or t.endswith("?") or (c.block.kind != "item" and t.endswith(".")):
        return False
    if c.kind is not None and (c.block.kind != "item" or len(t.split()) > 5 or "goal" in voc.forms_of(t)):
        return False
    kids = [by_block[i] for i in c.block.children if i in by_block]
    if c.block.kind == "item":   # an item titled by a short phrase, its text under it
        return sum(1 for k in kids if k.kind in ("Goal", "Activity")) >= 1
    return any(d.kind in ("Goal", "Activity") for d in descendants(c.block.index, by_block, 2))


def items_of(blocks: list[Block], model: LinearModel | None, title: str = "", names: frozenset[str] = frozenset()
             ) -> list[Item]:
    """Every item of a document: decided blocks, field values split into names, and the bodies
    and target groups named inside goals, activities and focus areas."""
    voc = vocabulary()
    out: list[Item] = []
    for c in decide(candidates(blocks, voc, with_features=model is not None), model):
        if c.block.kind == "heading" and (c.text == title or c.text in names):
            continue    # the plan's own title, or another name the text gives the plan
        if c.kind == "TargetGroup" and c.block.kind == "item" and c.section == "TargetGroup" and len(c.text) <= 150:
            # a list item under "Målgrupper": the group, without what it is offered after a comma
            out.append(Item(c.kind, c.text.split(", ", 1)[0].strip(" ."), c.block, c.confidence))
            continue
        if c.kind in ("ResponsibleBody", "TargetGroup") and c.block.kind != "field":
            continue    # names inside text: found as mentions below
        if c.kind is None or len(c.text) > MAX_LABEL or NUMBERS_ONLY.fullmatch(c.text):
            continue    # ("Fokusområde: 4,5" refers to areas by number: see link_rules.number_references)
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
        out.append(Item(c.kind, label, c.block, c.confidence,
                        subclass=voc.horizon(c.anchor) if c.kind == "Goal" and c.anchor else None))
        if purpose:
            out.append(Item("Goal", purpose[1], c.block, 0.5, serves=len(out) - 1))
    # bodies named anywhere in the text; target groups inside items and where the text says "målgrupp"
    itemised = {it.block.index for it in out if it.kind in ("Goal", "Activity", "FocusArea", "Indicator", "Malbild")}
    named: dict[tuple[str, bool, bool, bool], list[tuple[str, str, float]]] = {}   # this document's texts
    for b in blocks:
        if b.kind in ("sentence", "lead", "item", "heading"):
            listed = enumerated(b.text)
            for name in listed[1] if listed else []:
                out.append(Item(listed[0], name, b, 0.5))  # type: ignore[index]
            numbered = numbered_inline(b.text) if not listed else None
            if numbered is not None:
                out += [Item(numbered[0], name, b, 0.5, number=number) for number, name in numbered[1]]
        prose = b.kind in ("sentence", "lead", "item", "heading")
        key = (b.text, b.index in itemised, prose, b.kind == "heading")
        found = named.get(key)
        if found is None:       # a form's questions, a table's header row: the same text many times
            found = named[key] = names_in(b.text, title, voc, key[1], prose, heading=key[3])
        out += [Item(kind, name, b, conf) for kind, name, conf in found]
    return out


FORM_THRESHOLD = 0.5     # a form template applies from this match score (see plangraf.loaders.forms)


class GeneralExtractor(Extractor):
    """The general reader every document goes through (see the module docstring)."""

    name = "general"

    def __init__(self, model: LinearModel | None | bool = True, forms: tuple[FormTemplate, ...] | None = None) -> None:
        self.model = shipped_model() if model is True else (model or None)
        self.forms = forms      # the form templates to apply; None: those the document matches

    def matches(self, doc: SourceDocument) -> float:
        return 1.0

    def blocks(self, doc: SourceDocument) -> list[Block]:
        return document_blocks(doc)

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        read_rows(doc, builder)     # row-wise goal tables and their areas' field blocks, where there are any
        # field records and indicator catalogues: the items below join the nodes they made (and the
        # records join the areas the rows stage made)
        read_records(doc.lines, builder)
        read_catalogue(doc.lines, builder)
        document_references(doc.lines, builder)
        blocks = self.blocks(doc)
        title = str(builder.graph.value(builder.plan, RDFS.label) or "") if builder.plan is not None else ""
        names = frozenset(str(n) for n in builder.graph.objects(builder.plan, SKOS.altLabel)) \
            if builder.plan is not None else frozenset()
        items = items_of(blocks, self.model, title, names)
        tables = column_tables(blocks)
        items = column_items(items, blocks, tables)
        challenges = challenges_in(blocks)
        items = challenge_items(items, blocks, challenges)
        templates = list(self.forms) if self.forms is not None else \
            [t for t in form_templates() if t.matches(blocks) >= FORM_THRESHOLD]
        forms = [(t, forms_in(blocks, t)) for t in templates]
        for template, found in forms:
            items = form_items(items, blocks, template, found)
        nodes: list[URIRef] = []
        for it in items:
            b = it.block
            span = Span(b.start, b.end, b.page)
            known = builder.find(PG[it.kind], it.label) if it.subclass is None else \
                builder.find(PG[it.subclass], it.label) or builder.find(PG[it.kind], it.label)
            # (a template's node for the same thing: one node)
            if known is not None:
                builder.provenance(known, span, it.quote or it.label, confidence=it.confidence)
                nodes.append(known)
            else:
                nodes.append(builder.node(PG[it.subclass or it.kind], it.label, span, quote=it.quote or it.label,
                                          confidence=it.confidence))
        items_at = items_by_block(items)
        parents = [b.parent for b in blocks]
        links = outline_links([it.kind for it in items], [it.block.index for it in items], parents, items_at)
        links += plan_body_links(items, blocks) + paragraph_body_links(items, blocks)
        links += [Link(it.serves, "servesGoal", i, i) for i, it in enumerate(items) if it.serves is not None]
        links += follow_up_links(items, blocks, links) + breakdown_links(items, blocks) + stated_measures(items, blocks)
        links += prompt_links(items, blocks) + named_list_measures(items, blocks)
        for template, found in forms:
            links += form_links(items, blocks, template, found)
        links += column_links(items, blocks, tables) + number_references(items, blocks)
        links += challenge_links(items, blocks, challenges)
        for link in links:
            s = builder.plan if link.subject == -1 else nodes[link.subject]
            o = builder.plan if link.object == -1 else nodes[link.object]
            if s is None or o is None:
                continue
            child = items[link.child]
            via = child.block
            builder.link(s, PG[link.predicate], o, Span(via.start, via.end, via.page),
                         quote=child.quote or child.label, confidence=0.6)


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
