"""Field blocks as area records: the ``Label: value`` block that opens an area of a plan.

A layout kind of its own, read together with row-wise goal tables (:mod:`plangraf.loaders.rows`):
an area is described by a block of labelled fields, one a line, a value running on over wrapped
lines and bullets until the next label::

    Område: Mat och måltider.
    Målgrupp: Kostchefer i kommunerna.
    Syfte: Att fler äldre äter god mat.
    Hur mäts resultatet: Antal serverade måltider.
    Budget och finansiering: Grundfinansiering, 250 000 kr.
    Uppföljningsansvarig: Anna Berg.

The labels mean something by their role (vocabulary.yaml ``rows: roles``): the block's own area,
its target group, its purpose (the area's goal), how results are measured (indicators of that
goal), its budget (with the amount), who answers for it, and comments whose risk words make them
assumptions. What an area states is scoped to it (two budgets "Egen finansiering." of two areas
stay two nodes); bodies, target groups and data sources are document-wide.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders import fields
from plangraf.loaders.fields import SOURCE_MENTION, Field, is_timing, names, sentences
from plangraf.loaders.flattened import Piece, join, node_span
from plangraf.loaders.values import amount
from plangraf.loaders.vocab import vocabulary_data
from plangraf.loaders.vocab import word_alternation as alternation
from plangraf.namespace import PG

CELL, BLOCK, CUE = 0.9, 0.8, 0.6  # confidence: table cell, labelled field, cue word

WORDS = vocabulary_data()["rows"]
ROLES = tuple((pattern, role) for role, patterns in WORDS["roles"].items() for pattern in patterns)
# all the roles' labels in one pattern, the first role's alternative first: m.lastgroup is the role
ROLE_OF = re.compile("|".join(f"(?P<{role}>{'|'.join(ps)})" for role, ps in WORDS["roles"].items()))
RISK = re.compile(rf"\b(?:{'|'.join(WORDS['risk_words'])})\b", re.IGNORECASE)


FOCUS_LIST = re.compile(rf"(?:{alternation(WORDS['area_words'])})\w*.*:\s*$", re.IGNORECASE)


def field_role(p: Piece) -> tuple[str, str] | None:
    """(role, value) for an area block's labelled line ``Målgrupp: …``; None for anything else."""
    return fields.field_role(p, ROLES)


def label_role(text: str) -> str | None:
    """The role of a line's ``Label:`` (:data:`ROLES`), or None."""
    m = fields.FIELD.match(text)
    role = ROLE_OF.fullmatch(m["label"].lower()) if m else None
    return role.lastgroup if role else None


def add_sources(builder: GraphBuilder, subjects: list[URIRef], text: str, span: Span) -> None:
    """The data sources a text names (:data:`fields.SOURCE_MENTION`), linked from ``subjects``."""
    for m in SOURCE_MENTION.finditer(text):
        src = builder.node(PG.DataSource, m.group(1), span, confidence=CUE)
        for s in subjects:
            builder.link(s, PG.dataSource, src, span, quote=m.group(1), confidence=CUE)


@dataclass
class AreaRecords:
    """The areas of a document read from their field blocks, and what waits for their goals."""

    plan: URIRef | None
    purposes: dict[URIRef, list[URIRef]] = field(default_factory=dict)   # area -> its Syfte goals
    row_goals: dict[URIRef, dict[URIRef, None]] = field(default_factory=dict)  # area -> its table goals
    pending: list[tuple[URIRef, URIRef, URIRef, Span, str]] = field(default_factory=list)

    def scope(self, owner: URIRef | None) -> str | None:
        """What keeps an area's own statements apart from same-worded ones of other areas: the
        owning node (None for the plan itself, whose statements are document-wide)."""
        return None if owner is None or owner == self.plan else str(owner)

    def block(self, block: list[Field], builder: GraphBuilder, owner: URIRef | None) -> URIRef | None:
        """Add one field block under ``owner`` (a section's area or the plan); returns its area
        (its "Område:" field, else the owner)."""
        area = owner
        for f in block:
            label = f.text().rstrip(".")
            if f.role == "area" and label:
                span = node_span(f.pieces)
                area = builder.node(PG.FocusArea, label, span, confidence=BLOCK, scope=self.scope(owner))
                if owner is not None:
                    builder.link(owner, PG.hasFocusArea, area, span, quote=label, confidence=BLOCK)
        if area is not None:
            for f in block:
                self.field(builder, area, f)
        return area

    def field(self, builder: GraphBuilder, area: URIRef, f: Field) -> None:
        ps, (lead, groups) = f.pieces, f.parts()
        text, span, scope = join(lead), node_span(ps), self.scope(area)
        for k, p in enumerate(ps):  # "Våra två fokusområden är:" followed by bullets
            if FOCUS_LIST.search(p.text):
                for q in ps[k + 1:]:
                    if not q.bullet:
                        break
                    node = builder.node(PG.FocusArea, q.text, q.span, confidence=CUE, scope=scope)
                    builder.link(area, PG.hasFocusArea, node, q.span, quote=q.text, confidence=CUE)
        listed = [(join(g), node_span(g)) for g in groups]
        items = listed if listed and (not text or text.endswith(":")) else [(text, span)] if text else []
        if f.role == "target":
            for label, sp in items:
                builder.link(area, PG.targetGroup, builder.node(PG.TargetGroup, label, sp, confidence=BLOCK),
                             sp, quote=label, confidence=BLOCK)
        elif f.role == "purpose":
            for label, sp in items:
                goal = builder.node(PG.Goal, label, sp, confidence=CUE, scope=scope)
                builder.link(area, PG.hasGoal, goal, sp, quote=label, confidence=CUE)
                self.purposes.setdefault(area, []).append(goal)
        elif f.role == "measure" and text:
            for s in sentences(text):
                if is_timing(s):
                    continue  # "Löpande under året.": when, not what, is measured
                ind = builder.node(PG.Indicator, s, span, confidence=BLOCK, scope=scope)
                self.pending.append((area, PG.measuredBy, ind, span, s))
                add_sources(builder, [ind], s, span)
        elif f.role == "budget" and text:
            node = builder.node(PG.Budget, text, span, confidence=BLOCK, scope=scope)
            value = amount(text)
            if value is not None:
                builder.set(node, PG.amount, value)
            builder.link(area, PG.budget, node, span, quote=text, confidence=BLOCK)
        elif f.role == "responsible" and text:
            for name in names(text):
                body = builder.node(PG.ResponsibleBody, name, span, confidence=BLOCK)
                builder.link(body, PG.responsibleFor, area, span, quote=text, confidence=BLOCK)
        elif f.role == "comment":
            for s in sentences(join(lead + [p for g in groups for p in g if not p.bullet])):
                if RISK.search(s):
                    node = builder.node(PG.Assumption, s, span, confidence=CUE, scope=scope)
                    self.pending.append((area, PG.assumes, node, span, s))

    def link_goals(self, builder: GraphBuilder) -> None:
        """An area's measure field measures, and its comment's risks concern, what the area sets
        out to do: its purpose goals (pg:measuredBy and pg:assumes take goals, not areas, as
        subjects); an area without one lends its table goals, with less confidence."""
        for area, pred, node, span, quote in self.pending:
            goals, conf = (self.purposes[area], BLOCK) if self.purposes.get(area) else \
                (list(self.row_goals.get(area, {})), CUE)
            for goal in goals:  # a risk is read off a cue word: never more sure than that
                builder.link(goal, pred, node, span, quote=quote, confidence=conf if pred == PG.measuredBy else CUE)
