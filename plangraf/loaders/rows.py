"""Row-wise goal tables: rows whose first cell repeats one of the plan's top goals.

A layout kind any plan may have. The plan lists its top goals (bulleted or numbered, under a
line ending in a goal-list word: "… strategiska mål", "Nämndens övergripande mål"); later, per
area, a table repeats one of them in its first column and breaks it down::

    Strategiskt mål | Mål på områdesnivå | Mätetal | Aktivitet
    <a top goal>    | <area goals>       | <indicators> | <activities>

The header row is made of column words only (vocabulary.yaml ``rows: header``): the key
column's words first (a top goal), then a goal column and an indicator or activity column.
Text taken from a PDF often writes such a row cell by cell (the top goal's lines, then the area
goal's, the indicators', the activities'), with no mark where a cell ends; a row starts where a
top goal is spelled again, whatever the line breaks. The rest of the row is cut into items and
laid into the three remaining columns by :mod:`plangraf.loaders.flattened` (wrap widths and
indicator cue words). A plan without a goal list still gets its rows: the first row's key cell
names a top goal, and later rows repeat it.

Each paragraph of an area-goal cell is a goal, partOf the row's top goal; the row's indicators
measure, and its activities serve, each of them (the row pairs them no finer). Sections and the
field blocks that open areas (:mod:`plangraf.loaders.rows_fields`) are read in the same walk: a
table belongs to the area whose block stands above it. The stage runs on every document and
does nothing where no such header row stands (:func:`read_rows`).
"""
from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz.fuzz import ratio
from rdflib import URIRef
from rdflib.namespace import RDFS

from plangraf.graph.model import GraphBuilder
from plangraf.loaders import fields
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.fields import sentences, source_items
from plangraf.loaders.flattened import (
    SENTENCE_END,
    Columns,
    Items,
    Piece,
    Width,
    bounds,
    cut_sentences,
    join,
    layout_tables,
    node_span,
    paragraphs,
    prepare,
    split_items,
)
from plangraf.loaders.rows_fields import (
    BLOCK,
    CELL,
    CUE,
    ROLES,
    AreaRecords,
    add_sources,
    field_role,
)
from plangraf.loaders.vocab import vocabulary_data
from plangraf.loaders.vocab import word_alternation as alternation
from plangraf.namespace import PG

WORDS = vocabulary_data()["rows"]
HEAD = WORDS["header"]
_TOKEN = (rf"\(?(?:{alternation([w for k in ('key', 'goal', 'indicator', 'activity', 'other') for w in HEAD[k]])}"
          rf"|{'|'.join(HEAD['other_patterns'])})\)?")
HEADER_LINE = re.compile(rf"^{_TOKEN}(?:\s+{_TOKEN})*$", re.IGNORECASE)  # header words only
KEY = re.compile(rf"^(?:{alternation(HEAD['key'])})\b", re.IGNORECASE)
TABLE_HEAD = re.compile(rf"^(?=(?:{alternation(HEAD['key'])})\b){_TOKEN}(?:\s+{_TOKEN})*$", re.IGNORECASE)
COLUMN = {k: re.compile(rf"\b(?:{alternation(HEAD[k])})\b", re.IGNORECASE) for k in ("goal", "indicator", "activity")}
GOAL_LIST_HEAD = re.compile(rf"\b(?:{alternation(WORDS['goal_list_heads'])})\s*:?$", re.IGNORECASE)
NUMBERED = re.compile(r"^\d{1,2}[).]\s+")
LABEL_PREFIX = re.compile(rf"^(?:{alternation(WORDS['indicator_labels'])})\s*:\s*(att\s+)?", re.IGNORECASE)
GOAL_LABEL = re.compile(rf"^(?:{alternation(WORDS['goal_labels'])})\s*:\s*", re.IGNORECASE)
GOAL_LIST_LABEL = re.compile(rf"(?:{alternation(WORDS['goal_labels'])})\s*:$", re.IGNORECASE)
NON_WORD = re.compile(r"[^\wåäö%]+")
PIPE = re.compile(r"\s*\|\s*")        # the cell border of a row written "cell | cell" (DOCX tables, piped text)
FOLLOW_ON = re.compile(r"^(?:[Dd]en|[Dd]et|[Dd]etta|[Dd]essa|[Dd]e|[Dd]är|[Vv]ilket)\b|^[a-zåäö]")   # a sentence that goes on the one before
MAX_GOAL_WORDS = 25       # words of a top goal in a list without glyphs, at most
MAX_HEADER = 200          # characters of a header row, wrapped over lines, at most

Row = tuple[tuple[str, list[Piece]], list[Piece]]   # ((top goal, its key-cell pieces), the rest of the row)


def table_head(text: str) -> float:
    """1 for a goal-table header line (the key column's words, then column words only, a goal
    column and an indicator or activity column among them), 0.5 for its first part, else 0."""
    if len(text) > 160 or not TABLE_HEAD.match(text):  # a header row is short
        return 0.0
    rest = KEY.sub("", text)
    if COLUMN["goal"].search(rest) and (COLUMN["indicator"].search(rest) or COLUMN["activity"].search(rest)):
        return 1.0
    return 0.5 if COLUMN["goal"].search(rest) else 0.0


def header_columns(text: str) -> list[str] | None:
    """The columns of a header row written with cell borders ("Strategiskt mål | Mål på
    områdesnivå | Mätetal | Aktivitet"): "key" first, then "goal", "indicator", "activity" or ""
    (a column the stage does not read); None for any other line."""
    cells = PIPE.split(text.strip(" |"))
    if len(cells) < 3 or not KEY.match(cells[0]) or table_head(" ".join(cells)) != 1.0:
        return None
    return ["key"] + [next((k for k in ("indicator", "activity", "goal") if COLUMN[k].search(c)), "") for c in cells[1:]]


def is_header(text: str) -> bool:
    """A goal table's header row (or its first line), with or without cell borders."""
    return bool(TABLE_HEAD.match(text)) or ("|" in text and header_columns(text) is not None)


def cell_items(cell: str, p: Piece) -> Items:
    """A bordered cell's items: its sentences, a sentence that goes on the one before ("Den …")
    joined to it; each a piece on the row's line."""
    items: list[str] = []
    for s in sentences(cell):
        if items and FOLLOW_ON.match(s):
            items[-1] = f"{items[-1]} {s}"
        else:
            items.append(s)
    return [[replace(p, text=t, bullet=False, phys=((p.start, t),), cut=False)] for t in items]


def has_row_tables(doc: SourceDocument) -> bool:
    """Whether a document has a whole header row of a row-wise goal table, on one line or
    wrapped over a few ("Strategiska mål Mål (på" / "områdesnivå)" / "Mätetal Aktiviteter")."""
    lines = [PIPE.sub(" ", line.text).strip() for line in doc.lines if line.text]
    for n, text in enumerate(lines):
        if not text[:1].isupper() or not table_head(text):
            continue
        head = text
        for more in lines[n + 1:n + 4]:
            if table_head(head) == 1.0 or not HEADER_LINE.match(more) or len(head) > MAX_HEADER:
                break
            head = f"{head} {more}"
        if table_head(head) == 1.0:
            return True
    return False


def is_heading(pieces: list[Piece], i: int, in_table: bool) -> bool:
    """A section heading (:func:`fields.is_heading`). Inside a table a bare activity line can
    precede the next block too, so there it must also start a page, or stand between a cell's
    full stop and a field line ("… från FIFA." / "Barn och unga" / "Område: …"): text without
    page marks (blank lines dropped, spaces single) keeps its sections that way."""
    if not fields.is_heading(pieces, i, ROLES, TABLE_HEAD):
        return False
    return not in_table or pieces[i].fresh or (
        i > 0 and bool(SENTENCE_END.search(pieces[i - 1].text)) and i + 1 < len(pieces)
        and field_role(pieces[i + 1]) is not None)


def top_goals(pieces: list[Piece]) -> list[tuple[str, list[Piece]]]:
    """The list under a line ending in a goal-list word (wrapped items joined): bulleted or
    numbered, or, where a PDF reader lost the glyphs, short sentences a line each (every item
    ends a sentence, at most MAX_GOAL_WORDS words; a paragraph break ends the list)."""
    for i, p in enumerate(pieces):
        if not (GOAL_LIST_HEAD.search(p.text) and len(p.text) < 90):
            continue
        goals: list[list[Piece]] = []
        marked: bool | None = None      # whether the list has glyphs or numbers
        for q in pieces[i + 1:]:
            mark = q.bullet or bool(NUMBERED.match(q.text))
            if marked is None:
                marked = mark
            if mark and marked:
                goals.append([replace(q, text=NUMBERED.sub("", q.text))])
            elif goals and q.text[:1].islower():
                goals[-1].append(q)
            elif not marked and not mark and q.text[:1].isupper() and not (goals and q.gap) \
                    and (not goals or SENTENCE_END.search(goals[-1][-1].text)):
                goals.append([q])
            else:
                break
        if not marked:      # a list without glyphs: up to its first item that is no short sentence
            ends = [bool(SENTENCE_END.search(g[-1].text)) and len(join(g).split()) <= MAX_GOAL_WORDS for g in goals]
            goals = goals[:ends.index(False)] if False in ends else goals
        if len(goals) >= 2:
            return [(join(g), g) for g in goals]
    return []


def _norm(text: str) -> str:
    return NON_WORD.sub(" ", text.lower()).strip()


def match_goal(body: list[Piece], k: int, goals: list[str]) -> tuple[int, int] | None:
    """(goal index, end) when pieces k..end-1 spell top goal ``goals[index]`` (normalised)."""
    first = _norm(body[k].text)
    if len(first) < 2:
        return None
    cands = [n for n, g in enumerate(goals) if g[:12] == first[:12]
             or (g[:2] == first[:2] and ratio(g[:len(first)], first) > 85)]
    if not cands:
        return None
    longest = max(len(goals[n]) for n in cands) + 6
    best: tuple[float, int, int] | None = None
    for end in range(k + 1, min(k + 9, len(body) + 1)):
        text = _norm(join(body[k:end]))
        for n in cands:
            score = ratio(text, goals[n]) if abs(len(text) - len(goals[n])) <= 6 else 0.0
            if score >= 90 and (best is None or score >= best[0]):
                best = (score, n, end)
        if len(text) > longest:
            break
    return (best[1], best[2]) if best else None


def same_layout(a: tuple[str, Width], b: tuple[str, Width]) -> bool:
    """Tables share a layout when their headers read alike and their key columns can have the
    same width."""
    return _norm(a[0]) == _norm(b[0]) and max(a[1][0], b[1][0]) <= min(a[1][1], b[1][1]) + 0.2


def statements(cell: Items) -> Items:
    """A goal cell's statements: its :func:`paragraphs`, a lead-in keeping its unpunctuated list
    lines ('Arrangera:' / 'Nätverksträffar' / 'Temadagar')."""
    out: Items = []
    for para in paragraphs(cell):
        if out and any(p.text.endswith(":") for p in out[-1]) and not SENTENCE_END.search(para[-1].text):
            out[-1] = out[-1] + para
        else:
            out.append(para)
    return out


def read_rows(doc: SourceDocument, builder: GraphBuilder) -> None:
    """The stage: where a document has a row-wise goal table, walk it once (headings open
    sections, a heading right above another is their parent; field blocks open areas; tables are
    collected), then lay the tables out together and add their rows, and hang each area's
    measures on its goals. A document without such a table is left as it is."""
    if has_row_tables(doc):
        RowReader(builder).read(prepare(doc))


class RowReader:
    """One document's walk (see :func:`read_rows`)."""

    def __init__(self, builder: GraphBuilder) -> None:
        self.builder = builder
        self.plan = builder.plan
        self.areas = AreaRecords(self.plan)
        self.goals: list[str] = []
        self.tables: list[tuple[tuple[str, Width], URIRef | None, list[Row]]] = []

    def read(self, pieces: list[Piece]) -> None:
        builder, plan = self.builder, self.plan
        goal_list = top_goals(pieces)
        title = str(builder.graph.value(plan, RDFS.label)) if plan is not None else None
        self.goals = [label for label, _ in goal_list]
        for label, ps in goal_list:
            node = builder.node(PG.Goal, label, node_span(ps), confidence=BLOCK)
            if plan is not None:
                builder.link(plan, PG.hasGoal, node, node_span(ps), quote=label, confidence=BLOCK)
        parent: tuple[URIRef, str] | None = None
        section = area = None
        i = 0
        while i < len(pieces):
            p = pieces[i]
            if TABLE_HEAD.match(p.text):
                i = self._table(pieces, i, area or section or plan)
            elif "|" in p.text and (columns := header_columns(p.text)):
                i = self._bordered(pieces, i, columns, area or section or plan)
            elif field_role(p):
                owner = section or (parent[0] if parent else plan)
                i, block = fields.read_fields(pieces, i, ROLES, lambda k: bool(
                    is_header(pieces[k].text) or (pieces[k].fresh and not pieces[k].bullet)
                    or is_heading(pieces, k, in_table=False)))
                area = self.areas.block(block, builder, owner)
            elif p.text == title or GOAL_LIST_HEAD.search(p.text):
                i += 1  # the document's title and the goal list's lead-in open no section
            elif is_heading(pieces, i, in_table=False):
                top = i + 1 < len(pieces) and is_heading(pieces, i + 1, in_table=False)
                if not top and parent and p.text.split()[0].lower() == parent[1].split()[0].lower():
                    parent = None  # "Forum skola" after "Forum vård och omsorg": headings opening alike are siblings
                owner = plan if top or parent is None else parent[0]
                node = builder.node(PG.FocusArea, p.text, p.span, confidence=BLOCK, scope=self.areas.scope(owner))
                if top:
                    parent, section = (node, p.text), None
                else:
                    section = node
                if owner is not None:
                    builder.link(owner, PG.hasFocusArea, node, p.span, quote=p.text, confidence=BLOCK)
                area = None
                i += 1
            else:
                i += 1
        self._emit_tables()
        self.areas.link_goals(builder)

    # -- tables ---------------------------------------------------------------------------------
    def _table(self, pieces: list[Piece], i: int, area: URIRef | None) -> int:
        """Read one goal table from its header; returns the index after its last row."""
        head = ""
        while i < len(pieces) and (not head or HEADER_LINE.match(pieces[i].text)) and len(head) < MAX_HEADER:
            head += " " + pieces[i].text
            i += 1
        j = i
        while j < len(pieces):
            p = pieces[j]
            if (is_header(p.text) or field_role(p) or GOAL_LIST_HEAD.search(p.text)
                    or is_heading(pieces, j, in_table=True)):
                break
            j += 1
        rows = self._rows(cut_sentences(pieces[i:j]))
        if rows:
            cells = [bounds(cell) for (_, cell), _ in rows]
            layout = (head, (max(lo for lo, _ in cells), min(hi for _, hi in cells)))
            self.tables.append((layout, area, rows))
        return j

    def _bordered(self, pieces: list[Piece], i: int, columns: list[str], area: URIRef | None) -> int:
        """Read a table whose rows are lines of cells with borders ("cell | cell | …"): each row's
        cells are known, so its items go straight into their columns. A row with an empty key
        cell goes on under the row before's top goal. Returns the index after the last row."""
        normed = [_norm(g) for g in self.goals]
        top: tuple[str, list[Piece]] | None = None
        j = i + 1
        while j < len(pieces) and "|" in pieces[j].text:
            p = pieces[j]
            cells = (PIPE.split(p.text.strip()) + [""] * len(columns))[:len(columns)]   # "| x | y |": an empty key
            key = cells[0].strip()
            if key:
                scores = [ratio(_norm(key), g) for g in normed]
                best = max(range(len(scores)), key=scores.__getitem__, default=None)
                if best is None or scores[best] < 90:
                    self.goals.append(key)
                    normed.append(_norm(key))
                    best = len(self.goals) - 1
                top = (self.goals[best], [replace(p, text=key, phys=((p.start, key),))])
            if top is not None:
                by_kind: dict[str, Items] = {"goal": [], "indicator": [], "activity": []}
                for cell, kind in zip(cells, columns):
                    if kind in by_kind:
                        by_kind[kind] += cell_items(cell, p)
                self._row(area, top, (by_kind["goal"], by_kind["indicator"], by_kind["activity"]))
            j += 1
        return j

    def _emit_tables(self) -> None:
        """Group the tables by layout, lay their rows out together, then add each row's nodes."""
        groups: list[list[int]] = []
        for n, (layout, _, _) in enumerate(self.tables):
            group = next((g for g in groups if same_layout(self.tables[g[0]][0], layout)), None)
            if group is None:
                groups.append([n])
            else:
                group.append(n)
        for group in groups:
            laid = layout_tables([[rest for _, rest in self.tables[n][2]] for n in group])
            for n, rows in zip(group, laid):
                _, area, table = self.tables[n]
                for (top, _), row in zip(table, rows):
                    self._row(area, top, row)

    def _rows(self, body: list[Piece]) -> list[Row]:
        """Split a table body where a top goal starts; without a goal list, learn them."""
        rows: list[Row] = []
        k = 0
        normed = [_norm(g) for g in self.goals]
        while k < len(body):
            hit = match_goal(body, k, normed) if normed else None
            if hit is None and not rows and not self.goals:
                first = split_items(body[k:])[0]
                self.goals.append(join(first))
                normed.append(_norm(self.goals[-1]))
                hit = (len(self.goals) - 1, k + len(first))
            if hit is not None:
                n, end = hit
                rows.append(((self.goals[n], body[k:end]), []))
                k = end
                continue
            if rows:
                rows[-1][1].append(body[k])
            k += 1
        return rows

    def _row(self, area: URIRef | None, top: tuple[str, list[Piece]], laid: Columns) -> None:
        """One row: its area goals (each partOf the top goal), measured by each of the row's
        indicators and served by each of its activities (the row states no finer pairing)."""
        builder = self.builder
        label, first = top
        sg = builder.node(PG.Goal, label, node_span(first), quote=join(first), confidence=CELL)
        scope = self.areas.scope(area)
        goals = self._area_goals(sg, laid[0], scope) or [(sg, [])]
        for goal, ps in goals:
            if area is not None and goal != sg:
                builder.link(area, PG.hasGoal, goal, node_span(ps), quote=join(ps), confidence=CELL)
                self.areas.row_goals.setdefault(area, {})[goal] = None
        indicators: list[URIRef] = []
        sources: list[tuple[list[Piece], str]] = []
        for kind, group in ((PG.Indicator, laid[1]), (PG.Activity, laid[2])):
            for it, source in zip(group, source_items(group)):
                text, span = join(it), node_span(it)
                if source:
                    sources.append((it, text))
                    continue
                node = builder.node(kind, LABEL_PREFIX.sub("", text) or text, span, quote=text,
                                    confidence=CELL, scope=scope)
                if kind == PG.Indicator:
                    indicators.append(node)
                for goal, _ in goals:
                    if kind == PG.Indicator:
                        builder.link(goal, PG.measuredBy, node, span, quote=text, confidence=CELL)
                    else:
                        builder.link(node, PG.servesGoal, goal, span, quote=text, confidence=CELL)
                # a source named in an indicator is its own; one named in an activity, the row's
                add_sources(builder, [node] if kind == PG.Indicator else indicators, text, span)
        for it, text in sources:
            src = builder.node(PG.DataSource, text, node_span(it), confidence=CUE)
            for ind in indicators:
                builder.link(ind, PG.dataSource, src, node_span(it), quote=text, confidence=CUE)
        for goal, ps in goals:
            if ps:
                add_sources(builder, indicators + ([goal] if goal != sg else []), join(ps), node_span(ps))

    def _area_goals(self, sg: URIRef, cell: Items, scope: str | None) -> list[tuple[URIRef, list[Piece]]]:
        """The area-goal cell's goals, each partOf the row's top goal: one per paragraph
        ("Ett gemensamt råd finns." / "Rutiner är framtagna." are two goals; a second sentence
        on the same printed line goes on the first).

        A cell may instead hold a title, a ``Mål:`` line and a bulleted ``…mål:`` list of goals it
        serves (national environmental goals): then the ``Mål:`` text is the goal and the bullets
        its parents.
        """
        builder = self.builder
        pieces = [p for it in cell for p in it]
        if not pieces:
            return []
        start = next((k for k, p in enumerate(pieces) if GOAL_LABEL.match(p.text)), None)
        if start is None:
            out = []
            for para in statements(cell):
                text = join(para)
                goal = builder.node(PG.Goal, text, node_span(para), confidence=CELL, scope=scope)
                builder.link(goal, PG.partOf, sg, node_span(para), quote=text, confidence=CELL)
                out.append((goal, para))
            return out
        own, k = [], start
        while k < len(pieces) and not (k > start and (pieces[k].bullet or pieces[k].text.endswith(":"))):
            own.append(pieces[k])
            k += 1
        parents: list[list[Piece]] = []
        listing = False
        for p in pieces[k:]:
            if GOAL_LIST_LABEL.search(p.text):
                listing = True
            elif listing and p.bullet:
                parents.append([p])
            elif listing and parents and p.text[:1].islower():
                parents[-1].append(p)  # a wrapped bullet
            else:
                listing = False
        quote = join(own)
        label = GOAL_LABEL.sub("", quote)
        goal = builder.node(PG.Goal, label, node_span(own), quote=quote, confidence=CELL, scope=scope)
        builder.link(goal, PG.partOf, sg, node_span(own), quote=quote, confidence=CELL)
        for ps in parents:
            text = join(ps)
            node = builder.node(PG.Goal, text, node_span(ps), confidence=CELL)
            builder.link(goal, PG.partOf, node, node_span(ps), quote=text, confidence=CELL)
        return [(goal, pieces)]
