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
a goal after anything else, starts the next record); a table row is a record. Prose without a cue
gives nothing. The walk over the lines is here; beside it are the line-level helpers
(:mod:`.generic_lines`), the table reader (:mod:`.generic_tables`) and the records, sections and
the links made from them once the walk is done (:mod:`.generic_records`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rdflib import Literal, URIRef

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders import cues
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.cues import Label, label_role
from plangraf.loaders.generic_lines import MAX_LABEL, action_list, in_list, joined, mark, prepare, tidy
from plangraf.loaders.generic_records import CUED, LABELLED, Item, Record, Section, link_sections, link_tags
from plangraf.loaders.generic_tables import read_table
from plangraf.loaders.prose import sentence_cues
from plangraf.loaders.source_names import find_sources
from plangraf.loaders.text import Line
from plangraf.loaders.values import amount, split_names
from plangraf.namespace import PG

__all__ = ["GenericExtractor", "classify_label"]

ATTRIBUTES = ("body", "group", "budget", "time", "indicator", "source")


def classify_label(word: str) -> tuple[URIRef, str] | None:
    """('Delmål') -> (pg:ShortTermGoal, 'goal'): the class and role of a label word that names
    entities (or a target value), else None ('Bakgrund', 'Tidsplan')."""
    kind = label_role(word)
    if kind is None or kind[0] not in cues.ENTITY_ROLES + ("value", "followup"):
        return None
    role, cls = kind
    return (cls if cls is not None else PG.Goal), role


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
        link_sections(self.b, self.sections)

    def line(self, i: int) -> int:
        """Handle a line that is no heading or table; returns the index of the next line."""
        line = self.L[i]
        label = cues.parse_label(line.text)
        if label is not None and not label.bare and self.sandwiched(i, label):
            text, j = joined(self.L, i)
            node, role, _span = self.last_item  # type: ignore[misc]
            link_tags(self.b, node, role, [(label.role, label.value + text[len(line.text):])],
                      Span(line.start, self.L[j].end, line.page))
            return j + 1
        if label is not None and label.role not in ("other", "time", "baseline"):
            self.flush()
            return self.label(i, label)
        if not line.bullet and cues.QUESTION_START.match(line.text):
            question, j = joined(self.L, i)
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
        text, j = joined(self.L, i)
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
            if any(k == "body" for k, _ in tags) or action_list(self.L, i):
                self.flush()
                self.start("activity")
                self.item(("activity", PG.Activity), item_text, span)
                return j + 1
        self.paragraph.extend(self.L[i:j + 1])
        return j + 1

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
            return cues.indicator_like(text) or bool(find_sources(text))
        return role in ("goal", "activity", "indicator", "malbild") or len(text.split()) <= 12

    # -- headings ----------------------------------------------------------------------------
    def heading(self, i: int) -> int:
        """Open a section when line i is a heading; returns the number of lines it takes (0: none)."""
        line, L = self.L[i], self.L
        text = line.text
        area = cues.area_heading(text)
        num = cues.numbered_heading(text)
        if num and self.block and self.block.continues(cues.item_mark(text)[1]):
            num = None  # the next item of a numbered list
        if num and (not cues.is_successor(self.last_num, num[0]) or in_list(self.L, i, num[0])):
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
        text, j = joined(self.L, i)
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
            names = [src] if src else [n for _s, _e, n in find_sources(text)]
            for name in names:
                source = b.node(PG.DataSource, tidy(name), span, confidence=LABELLED)
                b.link(node, PG.dataSource, source, span, quote=name, confidence=LABELLED)
        elif role in ("body", "source"):
            names = split_names(text, and_too=role == "body")
            if cls is None:  # an 'Uppföljning' line that names sources
                names = [n for _s, _e, n in find_sources(text)]
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
                money = amount(text)
                if money is not None:
                    b.set(node, PG.amount, Literal(money))
        if node is not None:
            link_tags(self.b, node, role, tags, span)
            self.last_item = (node, role, span)

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
        for cue in sentence_cues(text):
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
                money = amount(cue.label)
                if money is not None:
                    b.set(node, PG.amount, Literal(money))
                if b.plan is not None:
                    b.link(b.plan, PG.budget, node, span, quote=cue.label, confidence=CUED)

    # -- tables --------------------------------------------------------------------------------
    def table(self, i: int) -> int | None:
        """Read a flattened table starting at line i; returns the index after it, or None."""
        found = read_table(self.L, i)
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
