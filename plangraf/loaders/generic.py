"""Generic fallback for documents no template recognises.

It reads what most Swedish plans share whatever their layout (the vocabulary is in
:mod:`plangraf.loaders.cues`):

- **label lines**: ``Mål: …``, ``Långsiktigt mål``, ``Delmål 2025:``, ``Aktivitet 1.1 …``,
  ``Mål 2 – …``, ``Indikator``, ``Mått``, ``Ansvarig``, ``Målgrupp``, ``Uppföljning``, ``Datakälla``,
  ``Budget``, ``Målvärde``, ``Målbild`` — the value on the same line, or the bullets, numbered items
  or lines under a bare label until a blank line, the next label or a heading. A line ending in
  ':' that names one kind of list ("Under året genomförs följande aktiviteter:") opens a block too,
  and so does a loose list whose every item opens with an action verb ("Utbilda …", "Ta fram …").
  An ``Ansvar:``/``Tidplan:`` line between the items of a list belongs to the item above it;
- **flattened tables**: a header of column words ("Mål", "Aktivitet", "Ansvar", "Tidsplan",
  "Indikator", "Nämndmål", "Målvärde 2025"), one cell per line with rows between blank lines, or
  cells between '|'; a short row lacks its leading (merged) cells, which it shares with the row above;
- **headings**: numbered ones (``2.3 Tidiga insatser``; a number must follow the previous heading's,
  and a line next to the list item numbered before or after it is an item), area headings
  (``Insatsområde 2. …``, ``Fokusområde: …``, ``Fokusområde 1`` over its name) and short lines
  standing alone between blank lines. Tables of contents and running headers are skipped;
- **sentence cues**: ``Målet är att …`` (long/short-term when the sentence says so), ``X ansvarar
  för …``, ``riktar sig till …``, ``Som indikator används …``, amounts in kronor beside budget
  words, national data sources by name (Kolada, Öppna jämförelser, HLV, …) and registers;
- **tags** on items: ``(Ansvar: X)``, ``(X samordnar)``, a data source in parentheses after an
  indicator.

Links are made at the level the text states them. A *record* is a run of label blocks that belong
together (Mål, Aktiviteter, Ansvarig, Uppföljning …; a label kind seen again after another kind, or
a goal after anything else, starts the next record); a table row is a record. Within a record,
activities serve its goals, indicators measure them (or its activities when it has no goal),
bodies are responsible for its activities. A record with activities or indicators but no goal
takes the goals of the nearest record (or table) before it in the same section. Nothing is linked
across sections. A numbered section whose text holds goals or activities, or an area heading, is a
focus area: the plan (or the enclosing area) has it, it has the section's goals, and the section's
activities belong to it. Prose without a cue gives nothing.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders import cues
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.cues import Label, label_role, split_names
from plangraf.loaders.text import Line
from plangraf.namespace import PG

__all__ = ["GenericExtractor", "classify_label", "split_names"]

MAX_LABEL = 300
LABELLED, CUED, INHERITED = 0.6, 0.5, 0.4
Item = tuple[URIRef, Span]
# Which record items a record-level link goes from/to: first non-empty role wins.
BELONGS = {"body": ("activity", "goal"), "group": ("activity", "goal"), "budget": ("activity", "goal"),
           "assumption": ("activity",)}
PREDICATE = {"body": PG.responsibleFor, "group": PG.targetGroup, "budget": PG.budget,
             "assumption": PG.assumes}
ATTRIBUTES = ("body", "group", "budget", "time", "indicator", "source")


def classify_label(word: str) -> tuple[URIRef, str] | None:
    """('Delmål') -> (pg:ShortTermGoal, 'goal'): the class and role of a label word that names
    entities (or a target value), else None ('Bakgrund', 'Tidsplan')."""
    kind = label_role(word)
    if kind is None or kind[0] not in cues.ENTITY_ROLES + ("value", "followup"):
        return None
    role, cls = kind
    return (cls if cls is not None else PG.Goal), role


def tidy(text: str) -> str:
    return " ".join(text.split()).strip(" -–•:;,")[:MAX_LABEL]


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
class Block:
    """An open label block: what its items are, and how they have been written so far."""

    role: str
    cls: URIRef | None
    bare: bool
    bullets: bool = False        # bullet or numbered items seen
    tagged: bool = False         # items carry their own 'Ansvar:' lines
    number: int | None = None    # the last item number ('1.', 'b)')

    @property
    def kind(self) -> tuple[str, URIRef | None]:
        return self.role, self.cls

    def continues(self, number: int | None) -> bool:
        """Whether a list item numbered ``number`` (0: a dash) goes on this block's list."""
        if number is None:
            return False
        return number == 0 or (self.number is None and number == 1) or number == (self.number or 0) + 1


@dataclass
class Section:
    """What one heading holds; ``area`` is set for area headings, decided later for numbered ones."""

    number: tuple[int, ...] | None = None
    title: str = ""
    span: Span | None = None
    area: URIRef | None = None
    parent: Section | None = None
    records: list[Record] = field(default_factory=lambda: [Record()])


def furniture(lines: list[Line]) -> set[int]:
    """Indexes of running headers left in the text: a line standing alone between blank lines,
    three or more times, that is no label (a repeated table header is kept)."""
    texts = [l.text for l in lines]
    where: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        if t:
            where.setdefault(t, []).append(i)
    out: set[int] = set()
    for text, idx in where.items():
        if len(idx) < 3 or cues.parse_label(text):
            continue
        if all((i == 0 or not texts[i - 1]) and (i + 1 == len(texts) or not texts[i + 1]) for i in idx):
            out.update(idx)
    return out


def prepare(lines: list[Line]) -> list[Line]:
    """The cleaned lines without tables of contents and running headers, one blank between paragraphs."""
    drop = furniture(lines)
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i in drop or (line.text[-1:].isdigit() and cues.TOC_LINE.search(line.text)):
            continue
        if not line.text and (not out or not out[-1].text):
            continue
        out.append(line)
    while out and not out[-1].text:
        out.pop()
    return out


class GenericExtractor(Extractor):
    name = "generic"

    def matches(self, doc: SourceDocument) -> float:
        return 0.1

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        _Walk(prepare(doc.lines), builder).run()


class _Walk:
    """One pass over a document's lines; state kept here so the helpers stay small."""

    def __init__(self, lines: list[Line], builder: GraphBuilder) -> None:
        self.L, self.b = lines, builder
        self.section = Section()
        self.sections = [self.section]
        self.numbered: list[Section] = []      # open numbered sections, outermost first
        self.last_num: tuple[int, ...] | None = None
        self.block: Block | None = None
        self.paragraph: list[Line] = []
        self.tables = 0
        self.last_item: tuple[URIRef, str, Span] | None = None

    # -- the walk --------------------------------------------------------------------------
    def run(self) -> None:
        L, i = self.L, 0
        while i < len(L):
            line = L[i]
            if not line.text:
                self.flush()
                self.last_item = None
                nxt = L[i + 1] if i + 1 < len(L) else None
                if self.block and not (nxt and (nxt.bullet or self.block.continues(mark(nxt)))):
                    self.block = None  # a blank line ends a block, unless its list goes on after it
                i += 1
                continue
            j = self.table(i) if not line.bullet else None
            if j is not None:
                i = j
                continue
            used = self.heading(i) if not line.bullet else 0
            if used:
                i += used
                continue
            i = self.line(i)
        self.flush()
        self.finish()

    def line(self, i: int) -> int:
        """Handle a line that is no heading or table; returns the index of the next line."""
        line = self.L[i]
        label = cues.parse_label(line.text)
        if label is not None and not label.bare and self.sandwiched(i, label):
            text, j = self.joined(i)
            node, role, _span = self.last_item  # type: ignore[misc]
            self.tags(node, role, [(label.role, label.value + text[len(line.text):])],
                      Span(line.start, self.L[j].end, line.page))
            return j + 1
        if label is not None and label.role not in ("other", "time", "baseline"):
            self.flush()
            return self.label(i, label)
        if not line.bullet and cues.QUESTION_START.match(line.text):
            question, j = self.joined(i)
            asked = cues.question_role(question)
            if asked is not None:  # 'Hur kan det mätas?' and the answers under it
                self.flush()
                self.open_block(*asked, bare=True)
                return j + 1
        intro = cues.intro_role(line.text) if not line.bullet else None
        if intro is not None:
            self.flush()
            self.open_block(*intro, bare=True)
            return i + 1
        if label is not None:  # 'Syfte: …', 'Tidsplan: …' end a block; the text may still hold cues
            self.block = None
            self.flush()
        text, j = self.joined(i)
        span = Span(line.start, self.L[j].end, line.page)
        item_text, number = cues.item_mark(text)
        block = self.block
        if block and block.role == "goal" and not block.bare and (line.bullet or number is not None) \
                and cues.activity_like(item_text):
            self.open_block("activity", PG.Activity, bare=True)  # 'Mål: X' / '• Utbilda …'
            block = self.block
        if block and (line.bullet or block.continues(number)):
            block.bullets, block.number = True, number or block.number
            self.item(block.kind, item_text, span)
            return j + 1
        if block and number is None and self.accepts(text):
            self.item(block.kind, text, span)
            return j + 1
        self.block = None
        if line.bullet or number is not None:
            _rest, tags = cues.split_tags(item_text)
            if any(k == "body" for k, _ in tags) or self.action_list(i):
                self.flush()
                self.start("activity")
                self.item(("activity", PG.Activity), item_text, span)
                return j + 1
        self.paragraph.extend(self.L[i:j + 1])
        return j + 1

    def action_list(self, i: int) -> bool:
        """Whether the loose list line i stands in opens each item with an action verb
        ('Utbilda …', 'Ta fram …'): then its items are activities, even with no label above."""
        L, k = self.L, i

        def item(line: Line) -> str | None:
            text, number = cues.item_mark(line.text)
            return text if line.bullet or number is not None else None

        while k > 0 and L[k - 1].text and (item(L[k - 1]) is not None or L[k - 1].text[:1] in LOWER_OR_PAREN):
            k -= 1
        while k < len(L) and L[k].text and ((text := item(L[k])) is not None
                                             or L[k].text[:1] in LOWER_OR_PAREN):
            if text is not None and not cues.activity_like(cues.split_tags(text)[0]):
                return False
            k += 1
        return True

    def sandwiched(self, i: int, label: Label) -> bool:
        """Whether a label line ('Ansvar: X', 'Tidplan: 2025') belongs to the list item right above
        it: it follows an item and more items follow, or this list's items have such lines already."""
        block, L = self.block, self.L
        if block is None or not block.bullets or self.last_item is None or label.role not in ATTRIBUTES \
                or not L[i - 1].text:
            return False
        if block.tagged:
            return True
        for k in range(i + 1, min(i + 4, len(L))):
            if not L[k].text:
                return False
            if L[k].bullet or block.continues(mark(L[k])):
                block.tagged = True
                return True
        return False

    def accepts(self, text: str) -> bool:
        """Whether a plain line goes on a block opened by a bare label ('Målgrupp' / 'Barn och unga')."""
        assert self.block is not None
        role = self.block.role
        if not self.block.bare or self.block.bullets or len(text) > MAX_LABEL \
                or re.search(r"[.!?] [A-ZÅÄÖ]", text) or re.match(r"\d+\.\s?\d", text):
            return False  # items written as bullets, prose of several sentences, a stray heading
        if role == "followup":
            return cues.indicator_like(text) or bool(cues.find_sources(text))
        return role in ("goal", "activity", "indicator", "malbild") or len(text.split()) <= 12

    def joined(self, i: int) -> tuple[str, int]:
        """Line i with its continuation lines: those starting in lower case or with '(', and any line
        after one ending in ',', 'och', '-' or inside a parenthesis ('(Aktör: Region' / 'Värmland)')."""
        L, text, j = self.L, self.L[i].text, i
        while (j + 1 < len(L) and L[j + 1].text and not L[j + 1].bullet and len(text) < MAX_LABEL
               and (text.endswith(OPEN_END) or text.count("(") > text.count(")")
                    or L[j + 1].text[:1] in LOWER_OR_PAREN and not text.endswith((".", ":", "?", "!")))):
            j += 1
            text = f"{text} {L[j].text}"
        return text, j

    # -- headings ----------------------------------------------------------------------------
    def heading(self, i: int) -> int:
        """Open a section when line i is a heading; returns the number of lines it takes (0: none)."""
        line, L = self.L[i], self.L
        text = line.text
        area = cues.area_heading(text)
        num = cues.numbered_heading(text)
        if num and self.block and self.block.continues(cues.item_mark(text)[1]):
            num = None  # the next item of a numbered list
        if num and (not cues.is_successor(self.last_num, num[0]) or self.in_list(i, num[0])):
            num = None
        if num:
            self.last_num = num[0]
            title = num[1]
            label = cues.parse_label(title)
            if label is not None and label.bare and label.role in cues.ENTITY_ROLES and label.role != "area":
                self.flush()
                self.open_block(label.role, label.cls, bare=True)  # '3.2 Aktiviteter'
                return 1
            sub = cues.area_heading(title)
            self.open_section(num[0], sub[1] if sub else title, line, cued=bool(sub))
            return 1
        if area:
            self.open_section(None, area[1], line, cued=True)
            return 1
        label = cues.parse_label(text)
        nxt = L[i + 1] if i + 1 < len(L) else None
        if label is not None and label.role == "area" and label.bare and not cues.CONTAINER.match(text) \
                and nxt is not None and nxt.text and not nxt.bullet and len(nxt.text.split()) <= 10 \
                and nxt.text[-1] not in ".:;" and cues.parse_label(nxt.text) is None:
            self.open_section(None, nxt.text, nxt, cued=True)  # 'Fokusområde 2' / 'Trygg uppväxt'
            return 2
        alone = (i == 0 or not L[i - 1].text) and (i + 1 == len(L) or not L[i + 1].text)
        if not alone or len(text) > 70 or len(text.split()) > 8 or text[-1] in ".,;:!?" \
                or not text[0].isupper() or cues.item_mark(text)[1] is not None:
            return 0
        if label is not None and not label.bare:
            return 0
        after = L[i + 2] if i + 2 < len(L) else None
        if label is not None and label.role in cues.ENTITY_ROLES and after is not None \
                and (after.bullet or cues.item_mark(after.text)[1] is not None):
            return 0  # 'Aktiviteter' / blank / bullets: a label
        self.open_section(None, text, line, cued=False)
        return 1

    def in_list(self, i: int, number: tuple[int, ...]) -> bool:
        """Whether numbered line i is an item of a list ('1. Utbilda …' / '2. Ta fram …' on the
        next line): the item before or after it stands right next to it."""
        if len(number) != 1:
            return False
        L = self.L
        if i > 0 and L[i - 1].text and cues.item_mark(L[i - 1].text)[1] == number[0] - 1:
            return True
        j = i + 1
        while j < len(L) and L[j].text[:1] in LOWER_OR_PAREN and L[j].text:
            j += 1
        return j < len(L) and bool(L[j].text) and cues.item_mark(L[j].text)[1] == number[0] + 1

    def open_section(self, number: tuple[int, ...] | None, title: str, line: Line, cued: bool) -> None:
        self.flush()
        self.block = None
        if number is not None:  # close the open numbered sections this one is not inside
            while self.numbered:
                outer = self.numbered[-1].number or ()
                if len(outer) < len(number) and number[:len(outer)] == outer:
                    break
                self.numbered.pop()
        parent = self.numbered[-1] if self.numbered else None
        sec = Section(number, title, line.span, parent=parent)
        if cued and not cues.CONTAINER.match(title):
            sec.area = self.b.node(PG.FocusArea, tidy(title), line.span, confidence=LABELLED)
        if number is not None:
            self.numbered.append(sec)
        self.section = sec
        self.sections.append(sec)

    # -- records, blocks, items --------------------------------------------------------------
    @property
    def record(self) -> Record:
        return self.section.records[-1]

    def start(self, role: str) -> Record:
        """The record a new block of ``role`` belongs to (a new one when the role comes round again)."""
        rec = self.record
        again = role in rec.roles and rec.roles[-1] != role
        goal_after = role == "goal" and any(r != "goal" for r in rec.roles)
        if rec.table is not None or again or goal_after:
            rec = Record()
            self.section.records.append(rec)
        if not rec.roles or rec.roles[-1] != role:
            rec.roles.append(role)
        return rec

    def open_block(self, role: str, cls: URIRef | None, bare: bool) -> None:
        self.start(role)
        self.block = Block(role, cls, bare)
        self.last_item = None

    def label(self, i: int, label: Label) -> int:
        line = self.L[i]
        self.open_block(label.role, label.cls, bare=label.bare)
        if label.bare:
            return i + 1
        text, j = self.joined(i)
        value = label.value + text[len(line.text):]
        self.item((label.role, label.cls), value, Span(line.start, self.L[j].end, line.page))
        return j + 1

    def item(self, kind: tuple[str, URIRef | None], text: str, span: Span) -> None:
        """One item of a block, cell or list: its node(s), tags and what it says about sources."""
        role, cls = kind
        b, rec = self.b, self.record
        text, tags = cues.split_tags(text)
        text = tidy(text)
        if role == "value":
            if text:
                rec.values.append((text, span))
            return
        if not re.search(r"[^\W\d_]{2}", text):
            return  # no word: 'Fokusområde: 2,4,5' names areas by number
        if role == "followup":
            role, cls = ("indicator", PG.Indicator) if cues.indicator_like(text) else ("source", None)
        if role == "indicator":
            text, src = cues.trailing_source(text)
            node = b.node(PG.Indicator, tidy(text), span, confidence=LABELLED)
            rec.add("indicator", (node, span))
            names = [src] if src else [n for _s, _e, n in cues.find_sources(text)]
            for name in names:
                source = b.node(PG.DataSource, tidy(name), span, confidence=LABELLED)
                b.link(node, PG.dataSource, source, span, quote=name, confidence=LABELLED)
        elif role in ("body", "source"):
            names = split_names(text, and_too=role == "body")
            if cls is None:  # an 'Uppföljning' line that names sources
                names = [n for _s, _e, n in cues.find_sources(text)]
            for part in names:
                part = part.strip(" .")
                if len(part) >= 2 and len(part.split()) <= 8:
                    node_cls = PG.ResponsibleBody if role == "body" else PG.DataSource
                    node = b.node(node_cls, part, span, quote=part, confidence=LABELLED)
                    rec.add(role, (node, span))
            node = None
        else:
            node = b.node(cls or PG.Goal, text, span, confidence=LABELLED)
            rec.add(role, (node, span))
            if role == "budget":
                money = cues.amount(text)
                if money is not None:
                    b.set(node, PG.amount, Literal(money))
        if node is not None:
            self.tags(node, role, tags, span)
            self.last_item = (node, role, span)

    def tags(self, node: URIRef, role: str, tags: list[tuple[str, str]], span: Span) -> None:
        """'(Ansvar: X)' and '(Målgrupp: Y)' on one item: linked to that item only."""
        b = self.b
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
                money = cues.amount(value)
                if money is not None:
                    b.set(budget, PG.amount, Literal(money))
                b.link(node, PG.budget, budget, span, quote=value, confidence=LABELLED)

    # -- prose ---------------------------------------------------------------------------------
    def flush(self) -> None:
        """Read the sentence cues of the paragraph collected so far."""
        lines, self.paragraph = self.paragraph, []
        if not lines:
            return
        text, starts = "", []
        for line in lines:
            starts.append(len(text))
            text += line.text + " "
        b = self.b
        for cue in cues.sentence_cues(text):
            first = bisect_right(starts, cue.start) - 1
            last = bisect_right(starts, cue.end - 1) - 1
            span = Span(lines[first].start, lines[last].end, lines[first].page)
            label = tidy(cue.label)
            if len(label) < 3:
                continue
            node = b.node(cue.cls, label, span, quote=cue.label, confidence=CUED)
            if cue.role in ("goal", "indicator"):
                self.start(cue.role).add(cue.role, (node, span))
            elif cue.role == "source":
                self.record.add("source_cue", (node, span))
            elif cue.role == "budget":
                money = cues.amount(cue.label)
                if money is not None:
                    b.set(node, PG.amount, Literal(money))
                if b.plan is not None:
                    b.link(b.plan, PG.budget, node, span, quote=cue.label, confidence=CUED)

    # -- tables --------------------------------------------------------------------------------
    def table(self, i: int) -> int | None:
        """Read a flattened table starting at line i; returns the index after it, or None."""
        found = cues.read_table(self.L, i)
        if found is None:
            return None
        columns, rows, end = found
        self.flush()
        self.block = None
        self.tables += 1
        prev: dict[int, list[Item]] = {}
        for cells in rows:
            rec = Record(table=self.tables)
            self.section.records.append(rec)
            missing = len(columns) - len(cells)
            for c, (role, cls) in enumerate(columns):
                if c < missing:
                    for node, span in prev.get(c, []):
                        rec.add(role, (node, span))
                    continue
                text, span = cells[c - missing]
                if role not in cues.ENTITY_ROLES + ("value", "followup") or text in ("-", "–", "—"):
                    continue
                before = {r: len(v) for r, v in rec.items.items()}
                self.item((role, cls), text, span)
                prev[c] = [it for r, v in rec.items.items() for it in v[before.get(r, 0):]]
        self.section.records.append(Record())
        return end

    # -- links -----------------------------------------------------------------------------------
    def finish(self) -> None:
        for sec in self.sections:
            self.link_records(sec)
        for sec in self.sections:
            self.link_area(sec)

    def goal_group(self, sec: Section, k: int, role: str) -> list[Item]:
        """Items of ``role`` of the nearest record before record k (all rows of a table) in the section."""
        for j in range(k - 1, -1, -1):
            rec = sec.records[j]
            if rec.get(role):
                if rec.table is None:
                    return rec.get(role)
                return [it for r in sec.records if r.table == rec.table for it in r.get(role)]
        return []

    def link_records(self, sec: Section) -> None:
        b = self.b
        for k, rec in enumerate(sec.records):
            goals, acts, inds = rec.get("goal"), rec.get("activity"), rec.get("indicator")
            conf = LABELLED
            if not goals and (acts or inds):
                goals, conf = self.goal_group(sec, k, "goal"), INHERITED
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
            targets = inds or (self.goal_group(sec, k + 1, "indicator") if cued_sources else [])
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
                area = self.area_of(sec)
                if area is not None and area != node:
                    b.link(node, PG.partOf, area, span, confidence=LABELLED)
                elif b.plan is not None:
                    b.link(b.plan, PG.hasFocusArea, node, span, confidence=LABELLED)

    def area_of(self, sec: Section | None) -> URIRef | None:
        while sec is not None:
            if sec.area is not None:
                return sec.area
            sec = sec.parent
        return None

    def link_area(self, sec: Section) -> None:
        """A numbered section with goals or activities is a focus area; link it and its contents."""
        b = self.b
        items = {r: [it for rec in sec.records for it in rec.get(r)] for r in ("goal", "activity")}
        if sec.area is None and sec.number is not None and (items["goal"] or items["activity"]) \
                and not cues.NON_AREA.match(sec.title) and not cues.CONTAINER.match(sec.title) \
                and label_role(sec.title) is None and sec.span is not None:
            sec.area = b.node(PG.FocusArea, tidy(sec.title), sec.span, confidence=CUED)
        if sec.area is not None and sec.span is not None:
            parent = self.area_of(sec.parent)
            if parent is not None:
                b.link(sec.area, PG.partOf, parent, sec.span, confidence=CUED)
            elif b.plan is not None:
                b.link(b.plan, PG.hasFocusArea, sec.area, sec.span, confidence=CUED)
        area = self.area_of(sec)
        for goal, span in items["goal"]:
            owner = area if area is not None else b.plan
            if owner is not None:
                b.link(owner, PG.hasGoal, goal, span, confidence=CUED)
        if area is not None:
            for act, span in items["activity"]:
                b.link(act, PG.hasFocusArea, area, span, confidence=CUED)


LOWER_OR_PAREN = set("abcdefghijklmnopqrstuvwxyzåäöéü(")


def mark(line: Line) -> int | None:
    """The list-item number line starts with (0: a dash), else None."""
    return cues.item_mark(line.text)[1]
OPEN_END = (",", " och", " samt", " eller", " –", "-")
