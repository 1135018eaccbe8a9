"""Records and sections of the generic fallback, and the links made between what they hold.

The walk (:mod:`plangraf.loaders.generic`) files every node it makes under a *record* — a run of
label blocks that belong together, or one table row — in the *section* of the heading above it.
Once the walk is done, :func:`link_sections` links at the level the text states: within a
record, activities serve its goals, indicators measure them (or its activities when it has no
goal), bodies answer for its activities; a record with activities or indicators but no goal takes
the goals of the nearest record (or table) before it in the same section. Nothing is linked across
sections. A numbered section whose text holds goals or activities, or an area heading, is a focus
area: the plan (or the enclosing area) has it, it has the section's goals, and the section's
activities belong to it. Tags on one item ("(Ansvar: X)") link to that item only
(:func:`link_tags`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders import cues
from plangraf.loaders.generic_lines import tidy
from plangraf.loaders.values import amount, split_names
from plangraf.namespace import PG

LABELLED, CUED, INHERITED = 0.6, 0.5, 0.4
Item = tuple[URIRef, Span]
# Which record items a record-level link goes from/to: first non-empty role wins.
BELONGS = {"body": ("activity", "goal"), "group": ("activity", "goal"), "budget": ("activity", "goal"),
           "assumption": ("activity",)}
PREDICATE = {"body": PG.responsibleFor, "group": PG.targetGroup, "budget": PG.budget,
             "assumption": PG.assumes}


@dataclass
class Record:
    """Label blocks (or one table row) that state things together."""

    table: int | None = None
    items: dict[str, list[Item]] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    values: list[tuple[str, Span]] = field(default_factory=list)

    def get(self, *roles: str) -> list[Item]:
        return [it for r in roles for it in self.items.get(r, [])]

    def add(self, role: str, item: Item) -> None:
        self.items.setdefault(role, []).append(item)


@dataclass
class Section:
    """What one heading holds; ``area`` is set for area headings, decided later for numbered ones."""

    number: tuple[int, ...] | None = None
    title: str = ""
    span: Span | None = None
    area: URIRef | None = None
    parent: Section | None = None
    records: list[Record] = field(default_factory=lambda: [Record()])


def link_sections(b: GraphBuilder, sections: list[Section]) -> None:
    """All links of a walked document: each section's records, then its focus area."""
    for sec in sections:
        link_records(b, sec)
    for sec in sections:
        link_area(b, sec)


def goal_group(sec: Section, k: int, role: str) -> list[Item]:
    """Items of ``role`` of the nearest record before record k (all rows of a table) in the section."""
    for j in range(k - 1, -1, -1):
        rec = sec.records[j]
        if rec.get(role):
            if rec.table is None:
                return rec.get(role)
            return [it for r in sec.records if r.table == rec.table for it in r.get(role)]
    return []


def link_records(b: GraphBuilder, sec: Section) -> None:
    """The links within each record of a section (see the module docstring)."""
    for k, rec in enumerate(sec.records):
        goals, acts, inds = rec.get("goal"), rec.get("activity"), rec.get("indicator")
        conf = LABELLED
        if not goals and (acts or inds):
            goals, conf = goal_group(sec, k, "goal"), INHERITED
        for act, span in acts:
            for goal, _ in goals:
                b.link(act, PG.servesGoal, goal, span, confidence=conf)
        for ind, span in inds:
            for src, _ in goals or acts:
                b.link(src, PG.measuredBy, ind, span, confidence=conf if goals else LABELLED)
        for src, span in rec.get("source"):
            for ind, _ in inds or rec.get("goal"):
                b.link(ind, PG.dataSource, src, span, confidence=LABELLED)
        cued_sources = rec.get("source_cue")
        targets = inds or (goal_group(sec, k + 1, "indicator") if cued_sources else [])
        for src, span in cued_sources:
            for ind, _ in targets:
                b.link(ind, PG.dataSource, src, span, confidence=CUED if inds else INHERITED)
        for role, pred in PREDICATE.items():
            owners = next((rec.get(r) for r in BELONGS[role] if rec.get(r)), [])
            for node, span in rec.get(role):
                if role == "body":
                    for target, _ in owners:
                        b.link(node, pred, target, span, confidence=LABELLED)
                elif owners:
                    for target, _ in owners:
                        b.link(target, pred, node, span, confidence=LABELLED)
                elif role in ("budget", "assumption") and b.plan is not None:
                    b.link(b.plan, pred, node, span, confidence=CUED)
        for text, span in rec.values:
            for node, _ in inds or rec.get("goal"):
                b.set(node, PG.targetValue, Literal(text))
        for node, span in rec.get("malbild"):
            if b.plan is not None:
                b.link(b.plan, PG.hasMalbild, node, span, confidence=LABELLED)
        for node, span in rec.get("area"):  # areas listed under 'Prioriterade områden:'
            area = area_of(sec)
            if area is not None and area != node:
                b.link(node, PG.partOf, area, span, confidence=LABELLED)
            elif b.plan is not None:
                b.link(b.plan, PG.hasFocusArea, node, span, confidence=LABELLED)


def area_of(sec: Section | None) -> URIRef | None:
    """The focus area a section is, or lies in (the nearest enclosing section that is one)."""
    while sec is not None:
        if sec.area is not None:
            return sec.area
        sec = sec.parent
    return None


def link_area(b: GraphBuilder, sec: Section) -> None:
    """A numbered section with goals or activities is a focus area; link it and its contents."""
    items = {r: [it for rec in sec.records for it in rec.get(r)] for r in ("goal", "activity")}
    if sec.area is None and sec.number is not None and (items["goal"] or items["activity"]) \
            and not cues.NON_AREA.match(sec.title) and not cues.CONTAINER.match(sec.title) \
            and cues.label_role(sec.title) is None and sec.span is not None:
        sec.area = b.node(PG.FocusArea, tidy(sec.title), sec.span, confidence=CUED)
    if sec.area is not None and sec.span is not None:
        parent = area_of(sec.parent)
        if parent is not None:
            b.link(sec.area, PG.partOf, parent, sec.span, confidence=CUED)
        elif b.plan is not None:
            b.link(b.plan, PG.hasFocusArea, sec.area, sec.span, confidence=CUED)
    area = area_of(sec)
    for goal, span in items["goal"]:
        owner = area if area is not None else b.plan
        if owner is not None:
            b.link(owner, PG.hasGoal, goal, span, confidence=CUED)
    if area is not None:
        for act, span in items["activity"]:
            b.link(act, PG.hasFocusArea, area, span, confidence=CUED)


def link_tags(b: GraphBuilder, node: URIRef, role: str, tags: list[tuple[str, str]], span: Span) -> None:
    """'(Ansvar: X)' and '(Målgrupp: Y)' on one item (``role`` its kind): linked to that item only."""
    for key, value in tags:
        if key == "body":
            for name in split_names(value, and_too=True):
                body = b.node(PG.ResponsibleBody, tidy(name), span, quote=name, confidence=LABELLED)
                b.link(body, PG.responsibleFor, node, span, quote=value, confidence=LABELLED)
        elif key == "group":
            group = b.node(PG.TargetGroup, tidy(value), span, confidence=LABELLED)
            b.link(node, PG.targetGroup, group, span, quote=value, confidence=LABELLED)
        elif key == "indicator" and role in ("goal", "activity"):
            ind = b.node(PG.Indicator, tidy(value), span, confidence=LABELLED)
            b.link(node, PG.measuredBy, ind, span, quote=value, confidence=LABELLED)
        elif key == "budget" and role in ("goal", "activity"):
            budget = b.node(PG.Budget, tidy(value), span, confidence=LABELLED)
            money = amount(value)
            if money is not None:
                b.set(budget, PG.amount, Literal(money))
            b.link(node, PG.budget, budget, span, quote=value, confidence=LABELLED)
