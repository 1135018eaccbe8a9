"""Generic fallback for documents no template recognises.

It reads what most Swedish plans share whatever their layout:

- label lines: ``Mål: …``, ``Övergripande mål``, ``Delmål``, ``Aktivitet(er)``, ``Åtgärd(er)``,
  ``Insats(er)``, ``Indikator(er)``, ``Mätetal``, ``Nyckeltal``, ``Målvärde``, ``Ansvarig``,
  ``Målgrupp``, ``Uppföljning``, ``Datakälla``, ``Budget`` — the value on the same line, or the
  bullets/lines under a bare label until the next label, heading or paragraph break;
- numbered headings (``2.3 Tidiga insatser``) that open a section; goals, activities and
  indicators of one section are linked as the section states them together (lower confidence);
- sentence cues: ``Målet är att …`` (a goal), ``X ansvarar för …`` and ``(Region X samordnar)``
  (a responsible body for the item they stand in).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.text import Line
from plangraf.namespace import PG

# label word -> (class, role). Roles: goal, activity, indicator, source, body, group, budget, value.
LABELS: list[tuple[re.Pattern[str], URIRef, str]] = [
    (re.compile(r"^(övergripande|långsiktig[at]?|strategisk[at]?)\s+mål(en)?$", re.I), PG.LongTermGoal, "goal"),
    (re.compile(r"^(delmål|kortsiktig[at]?\s+mål|etappmål)(en)?$", re.I), PG.ShortTermGoal, "goal"),
    (re.compile(r"^(mål|målsättning(ar)?|målen|effektmål|resultatmål)$", re.I), PG.Goal, "goal"),
    (re.compile(r"^(aktivitet(er)?|åtgärd(er)?|insats(er)?|handlingar|genomförande)$", re.I), PG.Activity, "activity"),
    (re.compile(r"^(indikator(er)?|mätetal|nyckeltal|mått|uppföljningsmått|hur mäts (resultatet|målet))$", re.I),
     PG.Indicator, "indicator"),
    (re.compile(r"^(datakälla|datakällor|källa|källor)$", re.I), PG.DataSource, "source"),
    (re.compile(r"^(ansvarig(a)?|huvudansvarig|ansvar|uppföljningsansvarig|ägare|aktör(er)?)$", re.I),
     PG.ResponsibleBody, "body"),
    (re.compile(r"^(målgrupp(er)?)$", re.I), PG.TargetGroup, "group"),
    (re.compile(r"^(budget|kostnad|resurser|finansiering)$", re.I), PG.Budget, "budget"),
    (re.compile(r"^(målvärde|målnivå)$", re.I), PG.Goal, "value"),
]
LABEL_LINE = re.compile(r"^([A-Za-zÅÄÖåäöéü ]{3,40}?)\s*:\s*(.*)$")
HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+([A-ZÅÄÖ].{2,90})$")
GOAL_CUE = re.compile(r"\b(?:målet|målsättningen|syftet) (?:är|med \w+ är) att (.{10,300}?)(?:\.|$)", re.I)
BODY_CUE = re.compile(r"^(.{3,80}?) (?:ansvarar|har ansvar(?:et)?) för (.{5,200}?)(?:\.|$)")
PAREN_BODY = re.compile(r"\(([^()]{3,60}?) (?:samordnar|ansvarar|leder|är ansvarig)\)")
SPLIT_LIST = re.compile(r"\s*[,;]\s*")
SPLIT_AND = re.compile(r"(?<!-) (?:och|samt) (?=[A-ZÅÄÖ])")
MAX_LABEL = 300


@dataclass
class Section:
    """The items one heading (or the document start) holds, for section-level links."""

    span: Span | None = None
    items: dict[str, list[tuple[URIRef, Span]]] = field(default_factory=dict)

    def add(self, role: str, node: URIRef, span: Span) -> None:
        self.items.setdefault(role, []).append((node, span))

    def get(self, role: str) -> list[tuple[URIRef, Span]]:
        return self.items.get(role, [])


def classify_label(word: str) -> tuple[URIRef, str] | None:
    word = word.strip().rstrip(":").strip()
    for pattern, cls, role in LABELS:
        if pattern.match(word):
            return cls, role
    return None


def split_names(value: str, and_too: bool) -> list[str]:
    """'A, B och C' -> [A, B, C]; 'Barn- och utbildningsförvaltningen' and 'Liv och hälsa' stay whole."""
    parts = SPLIT_LIST.split(value)
    if and_too:
        parts = [q for p in parts for q in SPLIT_AND.split(p)]
    return [p for p in parts if p]


def join_wrapped(lines: list[Line], i: int) -> tuple[str, int]:
    """Text of line i joined with its continuation lines (a lower-case start, no bullet)."""
    text, j = lines[i].text, i
    while (j + 1 < len(lines) and lines[j + 1].text and not lines[j + 1].bullet
           and lines[j + 1].text[:1].islower() and not text.endswith((".", ":", "?", "!"))
           and len(text) < MAX_LABEL):
        j += 1
        text = f"{text} {lines[j].text}"
    return text, j


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" -–•:;,")
    return text[:MAX_LABEL]


class GenericExtractor(Extractor):
    name = "generic"

    def matches(self, doc: SourceDocument) -> float:
        return 0.1

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        lines = doc.lines
        section = Section()
        sections = [section]
        current: tuple[URIRef, str] | None = None   # the open label block: (class, role)
        last_item: tuple[URIRef, Span] | None = None
        i = 0
        while i < len(lines):
            line = lines[i]
            text = line.text
            if not text:
                if current and not (i + 1 < len(lines) and lines[i + 1].bullet):
                    current = None
                i += 1
                continue
            heading = HEADING.match(text)
            if heading and not line.bullet and len(text) < 90 and not text.endswith("."):
                section = Section(line.span)
                sections.append(section)
                current = None
                i += 1
                continue
            label = LABEL_LINE.match(text)
            kind = classify_label(label.group(1)) if label else classify_label(text)
            if kind:
                current = kind
                value = label.group(2).strip() if label else ""
                if value:
                    joined, j = join_wrapped(lines, i)
                    value = tidy(joined.split(":", 1)[1])
                    last_item = self._item(builder, section, kind, value, Span(line.start, lines[j].end, line.page))
                    i = j + 1
                    continue
                i += 1
                continue
            if current and (line.bullet or current[1] in ("body", "source", "group", "budget")):
                joined, j = join_wrapped(lines, i)
                last_item = self._item(builder, section, current, tidy(joined),
                                       Span(line.start, lines[j].end, line.page))
                i = j + 1
                continue
            if current and not line.bullet:
                current = None
            self._cues(builder, section, line, last_item)
            i += 1
        for sec in sections:
            self._link_section(builder, sec)

    # -- items and cues ----------------------------------------------------------------------
    def _item(self, b: GraphBuilder, section: Section, kind: tuple[URIRef, str], value: str,
              span: Span) -> tuple[URIRef, Span] | None:
        cls, role = kind
        if len(value) < 3 or role == "value":
            return None
        bodies = PAREN_BODY.findall(value)
        value = tidy(PAREN_BODY.sub("", value))
        if role in ("body", "source"):
            node = None
            for part in split_names(value, and_too=role == "body"):
                part = part.strip(" .")
                if len(part) >= 2:
                    node = b.node(cls, part, span, quote=part, confidence=0.6)
                    section.add(role, node, span)
            return (node, span) if node else None
        node = b.node(cls, value, span, confidence=0.6)
        section.add(role, node, span)
        for name in bodies:
            body = b.node(PG.ResponsibleBody, tidy(name), span, confidence=0.6)
            b.link(body, PG.responsibleFor, node, span, confidence=0.6)
        if role == "goal" and b.plan is not None:
            b.link(b.plan, PG.hasGoal, node, span, confidence=0.5)
        return node, span

    def _cues(self, b: GraphBuilder, section: Section, line: Line,
              last_item: tuple[URIRef, Span] | None) -> None:
        m = GOAL_CUE.search(line.text)
        if m:
            node = b.node(PG.Goal, tidy(m.group(1)), line.span, confidence=0.5)
            section.add("goal", node, line.span)
        m = BODY_CUE.match(line.text)
        if m and len(m.group(1).split()) <= 6:
            body = b.node(PG.ResponsibleBody, tidy(m.group(1)), line.span, confidence=0.5)
            act = b.node(PG.Activity, tidy(m.group(2)), line.span, confidence=0.4)
            b.link(body, PG.responsibleFor, act, line.span, quote=line.text, confidence=0.5)
        for m in PAREN_BODY.finditer(line.text):
            body = b.node(PG.ResponsibleBody, tidy(m.group(1)), line.span, confidence=0.5)
            if last_item and last_item[0] is not None:
                b.link(body, PG.responsibleFor, last_item[0], line.span, quote=line.text, confidence=0.5)

    def _link_section(self, b: GraphBuilder, sec: Section) -> None:
        """Link what one section states together: activities serve its goals, indicators measure
        them, data sources feed its indicators, bodies are responsible for its activities."""
        goals, acts, inds = sec.get("goal"), sec.get("activity"), sec.get("indicator")
        for act, span in acts:
            for goal, _ in goals:
                b.link(act, PG.servesGoal, goal, span, confidence=0.4)
        for ind, span in inds:
            for goal, _ in goals or acts:
                b.link(goal, PG.measuredBy, ind, span, confidence=0.4)
            for src, _ in sec.get("source"):
                b.link(ind, PG.dataSource, src, span, confidence=0.4)
        for body, span in sec.get("body"):
            for target, _ in acts or goals:
                b.link(body, PG.responsibleFor, target, span, confidence=0.4)
        for group, span in sec.get("group"):
            for target, _ in acts or goals:
                b.link(target, PG.targetGroup, group, span, confidence=0.4)
        for budget, span in sec.get("budget"):
            for target, _ in acts or goals:
                b.link(target, PG.budget, budget, span, confidence=0.4)
