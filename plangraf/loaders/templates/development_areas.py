"""Template: development-area sections with goals-activities-responsible tables and indicators.

A handlingsplan of this shape repeats, per development area::

    2.1 <area label>: <title>            (or a numbered heading followed by a description field)
    <description label>: ...   <need label>: ...
    <header: goal / activity / responsible column words, horizons "Lång sikt" "Kort sikt", years>
    <goal column> <activity column> <responsible column>   (PDF text flattens the columns)
    <area reference>: 1,3                (numbers or names of the plan-wide focus areas)
    <indicator label>:  - ...

e.g. "Insatsområde: X" / "Bakgrund:" / "Mål Åtgärder Ansvarig" / "L: …", "Kortsiktigt mål: …" /
"Målområde: 2" / "Mätetal:". All the words are data: ``development_areas.yaml`` beside this module.

The flattened table is read by a small state machine (:class:`.development_areas_table.TableParser`):
a table row is a run goals -> activities -> bodies. Links are made at row level — every activity of a row
serves every goal of it, every body answers for every activity of it — because the flattened
text gives no finer alignment. Development areas are local pg:FocusArea nodes, partOf the
plan-wide focus areas their area-reference line names.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDFS

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.templates.development_areas_table import (
    DASH,
    FOOTER,
    GOAL_PREFIX,
    HYPHEN_END,
    WORDS,
    Item,
    TableParser,
    alternation,
    join_parts,
    join_text,
    line_width,
    starts_lower,
)
from plangraf.loaders.text import Line
from plangraf.namespace import PG

CI = re.IGNORECASE
W = WORDS
_HEAD_WORDS = rf"(?:{alternation([w for ws in W['header'].values() for w in ws])}|\d{{4}}|\d+|[()/,.-])"
AREA_HEAD = re.compile(rf"^(?:\d+(?:\s*\.\s*\d+)*\.?\s+)?(?:{alternation(W['area_labels'])})\s*:\s*(?P<title>[^\d\s].*)$", CI)
NUM_HEAD = re.compile(r"^\d+(?:\s*\.\s*\d+)+\.?\s+(?P<title>[A-ZÅÄÖ].*)$")
SITUATION = re.compile(rf"^(?:{alternation(W['description_labels'])})\s*:", CI)
NEED = re.compile(rf"^(?:{alternation(W['need_labels'])})\s*:", CI)
FOCUS = re.compile(rf"^(?:{alternation(W['area_refs'])})\s*:\s*(?P<v>\S.*)$", CI)
LEGEND = re.compile(rf"^(?:{alternation(W['area_refs_plural'])})\s*:?\s*$", CI)
LEGEND_ITEM = re.compile(r"^(?P<n>\d)\s*[.)]?\s+(?P<name>[A-ZÅÄÖ].+)$")
INDICATORS = re.compile(rf"^(?:{'|'.join(W['indicator_labels'])})\s*(?::\s*(?P<rest>.*)|$)", CI)
FIRST_HEADER_WORDS = frozenset(w.split()[0] for ws in W["header"].values() for w in ws)
HEADER_LINE = re.compile(rf"^(?:{_HEAD_WORDS}\s*)+$", CI)
HEADER_GOAL = re.compile(rf"\b(?:{alternation(W['header']['goal'] + W['header']['activity'])})\b", CI)
HEADER_REST = re.compile(rf"\b(?:{alternation(W['header']['activity'] + W['header']['responsible'])})", CI)
STRATEGY = re.compile(rf"(?:{alternation(W['strategy_words'])})\w*\s+[”“\"]\s*(?P<t>[^”“\"]{{8,160}}?)\s*[”“\"]", CI)
BUDGET = re.compile(rf"{W['funding_cue']}(?P<b>[\wåäö]*(?:{alternation(W['funding_nouns'])}))\b", CI)
INLINE_AREAS = re.compile(rf"(?:{alternation(W['area_refs_plural'])})\s*\((?P<inner>\s*1\s*[.)]\s.+?)\)", CI | re.DOTALL)
INLINE_ITEM = re.compile(r"(\d)\s*[.)]\s+(.+?)(?=\s+\d\s*[.)]\s|$)")
DATA_SOURCE = re.compile(rf"\s(?:{alternation(W['source_prepositions'])})\s+(?P<src>[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:\s+[\wåäö-]+){{0,3}})\s*$")
CLASSES = {"G": PG.Goal, "GL": PG.LongTermGoal, "GK": PG.ShortTermGoal, "A": PG.Activity,
           "R": PG.ResponsibleBody}


# -- document structure -----------------------------------------------------------------------
@dataclass
class Section:
    title: str
    head: list[Line]
    body: list[Line]


def span_of(offsets: list[int], kept: list[Line], start: int, end: int) -> Span:
    """Original lines behind characters start..end of the running text."""
    a = max(bisect.bisect_right(offsets, start) - 1, 0)
    b = max(bisect.bisect_right(offsets, max(end - 1, start)) - 1, a)
    return Span(kept[a].start, kept[b].end, kept[a].page)


def find_sections(lines: list[Line]) -> list[Section]:
    """Cut the document at area headings: 'Utvecklingsområde: X', or a numbered heading whose
    next text line is 'Nulägesbeskrivning:' (an area without the label)."""
    starts: list[tuple[int, str, list[Line]]] = []
    for i, line in enumerate(lines):
        labelled = AREA_HEAD.match(line.text)
        m = labelled or NUM_HEAD.match(line.text)
        if not m:
            continue
        nxt = [l for l in lines[i + 1:i + 8] if l.text]
        head, title = [line], m.group("title").strip()
        if nxt and (HYPHEN_END.search(title) or starts_lower(nxt[0].text)) and len(nxt[0].text) <= 40 \
                and ":" not in nxt[0].text:
            head.append(nxt.pop(0))
            title = join_text([title, head[-1].text])
        if labelled or (nxt and SITUATION.match(nxt[0].text)):
            starts.append((i, title.rstrip(" ."), head))
    sections = []
    for i, title, head in starts:
        j = i + 1
        while j < len(lines) and not (NUM_HEAD.match(lines[j].text) or AREA_HEAD.match(lines[j].text)
                                      or LEGEND.match(lines[j].text)):
            j += 1
        sections.append(Section(title, head, [l for l in lines[i + 1:j] if l not in head]))
    return sections


def is_header(text: str) -> bool:
    """A table header line: header words, years and brackets only, with a goal or activity word."""
    first = text.split(None, 1)[0].strip("()/,.-").lower() if text else ""
    if len(text) > 160 or not (first in FIRST_HEADER_WORDS or first.isdigit()):  # a quick no for most lines
        return False
    return bool(HEADER_LINE.match(text) and HEADER_GOAL.search(text))


def table_body(body: list[Line]) -> list[Line]:
    """Lines between the table header and the area-reference or indicator line after it."""
    start = next((i for i, l in enumerate(body) if is_header(l.text)), len(body))
    while start < len(body) and (not body[start].text or HEADER_LINE.match(body[start].text)):
        start += 1
    end = next((i for i in range(start, len(body))
                if FOCUS.match(body[i].text) or INDICATORS.match(body[i].text)), len(body))
    return body[start:end]


def indicator_items(body: list[Line]) -> list[tuple[str, list[Line]]]:
    """The '- ...' items after 'Indikatorer för uppföljning:' (one per dash, joined when wrapped)."""
    at = next((i for i, l in enumerate(body) if INDICATORS.match(l.text)), None)
    if at is None:
        return []
    items: list[tuple[list[str], list[Line]]] = []
    head = INDICATORS.match(body[at].text)
    assert head is not None  # `at` is the index of a line INDICATORS matched
    rest = (head.group("rest") or "").strip()
    if rest:
        items.append(([DASH.sub("", rest)], [body[at]]))
    blank = False
    for line in body[at + 1:]:
        if not line.text or FOOTER.match(line.text):
            blank = blank or not line.text
            continue
        if line.bullet or line.text.startswith(("-", "–")):
            items.append(([line.text.lstrip("-– ")], [line]))
        elif items and not blank and starts_lower(line.text):
            items[-1][0].append(line.text)
            items[-1][1].append(line)
        else:
            break
        blank = False
    return [(join_text(t), ls) for t, ls in items if len(join_text(t)) >= 3]


class DevelopmentAreaExtractor(Extractor):
    name = "development-areas"

    def matches(self, doc: SourceDocument) -> float:
        """Several kinds of the template's label lines, each counted up to three times."""
        tests: list[Callable[[str], object]] = [
            AREA_HEAD.match, SITUATION.match, NEED.match, FOCUS.match, INDICATORS.match,
            lambda t: is_header(t) and HEADER_REST.search(t)]
        counts = [sum(1 for l in doc.lines if test(l.text)) for test in tests]
        return round(sum(min(c, 3) for c in counts) / (3 * len(tests)), 2)

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        lines = doc.lines
        kept = [line for line in lines if line.text]  # running text, for cues that span lines
        text, offsets = join_parts([line.text for line in kept])
        national = self.national_areas(lines, text, offsets, kept, builder)
        self.strategy_and_budget(text, offsets, kept, national, builder)
        sections = find_sections(lines)
        goal_width = max((line_width(l) for s in sections for l in table_body(s.body)
                          if GOAL_PREFIX.match(l.text)), default=32)  # the goal column's width
        phrases = [l.text.lower() for l in kept]
        vocab = Counter(w for p in phrases for w in re.findall(r"[\wåäö]+", p))
        for section in sections:
            self.section(section, national, TableParser(goal_width, phrases, vocab), builder)

    @staticmethod
    def national_areas(lines: list[Line], text: str, offsets: list[int], kept: list[Line],
                       builder: GraphBuilder) -> dict[str, URIRef]:
        """The numbered national focus areas: an inline '(1. ... 2. ...)' list and/or a legend."""
        found: dict[str, URIRef] = {}

        def add(num: str, name: str, span: Span) -> None:
            name = name.strip(" .,;")
            if num in found:
                builder.provenance(found[num], span, name, confidence=0.8)
            elif len(name) >= 4:
                found[num] = builder.node(PG.FocusArea, name, span, confidence=0.8)
                if builder.plan is not None:
                    builder.link(builder.plan, PG.hasFocusArea, found[num], span, confidence=0.7)

        m = INLINE_AREAS.search(text)
        if m:
            base = m.start("inner")
            for part in INLINE_ITEM.finditer(m.group("inner")):
                add(part.group(1), part.group(2),
                    span_of(offsets, kept, base + part.start(2), base + part.end(2)))
        for i, line in enumerate(lines):
            for item in (l for l in lines[i + 1:] if l.text) if LEGEND.match(line.text) else ():
                lm = LEGEND_ITEM.match(item.text)
                if not lm:
                    break
                add(lm.group("n"), lm.group("name"), item.span)
        return found

    @staticmethod
    def strategy_and_budget(text: str, offsets: list[int], kept: list[Line], national: dict[str, URIRef],
                            builder: GraphBuilder) -> None:
        """The national agreement the plan answers to (pg:Strategy) and its funding (pg:Budget)."""
        strategies: list[tuple[str, URIRef]] = []
        for m in STRATEGY.finditer(text):
            title, span = m.group("t").strip(), span_of(offsets, kept, m.start("t"), m.end("t"))
            same = next((n for t, n in strategies if t.lower().startswith(title.lower())
                         or title.lower().startswith(t.lower())), None)
            if same is not None:  # "Vägen till … hälsa" repeats "Vägen till … hälsa 2018"
                builder.provenance(same, span, title, confidence=0.6)
                continue
            node = builder.node(PG.Strategy, title, span, confidence=0.7)
            strategies.append((title, node))
            for area in national.values():
                builder.link(node, PG.hasFocusArea, area, span, confidence=0.6)
        for m in BUDGET.finditer(text):
            span = span_of(offsets, kept, m.start("b"), m.end("b"))
            budget = builder.node(PG.Budget, m.group("b"), span, confidence=0.6)
            if builder.plan is not None:
                builder.link(builder.plan, PG.budget, budget, span, confidence=0.6)

    def section(self, section: Section, national: dict[str, URIRef], parser: TableParser,
                builder: GraphBuilder) -> None:
        head_span = Span.covering(l.span for l in section.head)
        area = builder.node(PG.FocusArea, section.title, head_span, confidence=0.9)
        if builder.plan is not None:
            builder.link(builder.plan, PG.hasFocusArea, area, head_span, confidence=0.9)
        for line in (l for l in section.body if FOCUS.match(l.text)):
            self.focus_line(area, line, national, builder)
        items = parser.parse(table_body(section.body))
        nodes: list[URIRef] = []
        for item in items:
            label = item.text.rstrip(" .,") if item.col == "R" else item.text
            conf = 0.9 if item.kind or item.dash else 0.8
            others = [l.start for other in items if other is not item for _, l in other.pieces]
            (quote, span), *more = item.runs(others)
            nodes.append(builder.node(CLASSES[item.col + item.kind if item.kind != "KL" else "G"], label,
                                      span if more else item.span, quote=quote if more else None,
                                      confidence=conf))
            for quote, span in more:
                builder.provenance(nodes[-1], span, quote, confidence=conf)
            if item.col == "G":
                builder.link(area, PG.hasGoal, nodes[-1], item.span, confidence=0.9)
            elif item.col == "A" and not any(i.col == "G" for i in items):
                builder.link(nodes[-1], PG.hasFocusArea, area, item.span, confidence=0.8)
        self.link_rows(items, nodes, builder)
        targets = [n for i, n in zip(items, nodes) if i.col == "G"] or \
                  [n for i, n in zip(items, nodes) if i.col == "A"]
        for label, ind_lines in indicator_items(section.body):
            span = Span.covering(l.span for l in ind_lines)
            indicator = builder.node(PG.Indicator, label, span, confidence=0.9)
            for target in targets:
                builder.link(target, PG.measuredBy, indicator, span, confidence=0.7)
            sm = DATA_SOURCE.search(label)
            if sm:
                source = builder.node(PG.DataSource, sm.group("src"), span, confidence=0.6)
                builder.link(indicator, PG.dataSource, source, span, confidence=0.6)

    @staticmethod
    def focus_line(area: URIRef, line: Line, national: dict[str, URIRef], builder: GraphBuilder) -> None:
        """'Fokusområde: 1,3' -> the area is partOf national areas 1 and 3; a name is a node of its own."""
        fm = FOCUS.match(line.text)
        assert fm is not None  # callers pass only lines FOCUS matches
        value = fm.group("v").strip(" .,")
        nums = re.findall(r"\d+", value)
        if not nums and len(value) >= 4:
            node = next((n for n in national.values() if str(builder.graph.value(n, RDFS.label)).lower()
                         == value.lower()), None) or builder.node(PG.FocusArea, value, line.span, confidence=0.7)
            builder.link(area, PG.partOf, node, line.span, quote=line.text, confidence=0.8)
        for num in (n for n in nums if n in national):
            builder.link(area, PG.partOf, national[num], line.span, quote=line.text, confidence=0.9)

    @staticmethod
    def link_rows(items: list[Item], nodes: list[URIRef], builder: GraphBuilder) -> None:
        """Row-level links: activities serve the row's goals, bodies answer for its activities;
        dash items after an activity ending in ':' ('... får i uppdrag att:') are its parts."""
        pairs = list(zip(items, nodes))

        def pick(col: str, row: int | None) -> list[tuple[Item, URIRef]]:
            return [(it, n) for it, n in pairs if it.col == col and row in (None, it.row)]

        parent: tuple[Item, URIRef] | None = None
        for it, node in pick("A", None):
            if not it.dash:
                parent = (it, node) if it.text.endswith(":") else None
            elif parent is not None:
                builder.link(node, PG.partOf, parent[1], Span.covering([parent[0].span, it.span]),
                             confidence=0.8)
        for row in sorted({it.row for it in items}):
            goals, acts = pick("G", row) or pick("G", None), pick("A", row)
            for act, anode in acts:
                for goal, gnode in goals:
                    builder.link(anode, PG.servesGoal, gnode, Span.covering([act.span, goal.span]),
                                 confidence=0.7)
            for body, bnode in pick("R", row) or pick("R", None):
                for target, tnode in acts or goals:
                    builder.link(bnode, PG.responsibleFor, tnode, Span.covering([body.span, target.span]),
                                 confidence=0.7)
