"""Template: verksamhetsplan with area header blocks and four-column goal tables.

The layout (a Swedish verksamhetsplan whose areas each get a field block and a goal table):

* a bulleted or numbered list of the organisation's top goals under a line ending in a goal-list
  word ("… strategiska mål", "Nämndens övergripande mål");
* section headings (programmes, areas), each area opened by a block of ``Label: value`` fields
  (area, target group, purpose, how results are measured, budget, responsible, comment …);
* after each block a table whose first column repeats a top goal: "<top goal> | <goal> |
  <indicator> | <activity>" (e.g. "Övergripande mål | Delmål | Indikator | Åtgärder").

All words (header columns, goal-list lead-ins, field labels and their roles, risk words) are data:
``goal_table.yaml`` beside this module.

PDF-to-text extraction flattens each table row cell by cell: the strategic goal's lines, then the
area goal's, the indicators' and the activities'. Rows start where a strategic goal of the list is
spelled again. Cell borders inside a row are not marked: :mod:`plangraf.loaders.flattened` cuts
the rest of the row into items and lays them into the three remaining columns by wrap width and
indicator cue words ("75 % av", "Antal", "Nyckeltal:" belong in the indicator column).

Each paragraph of an area-goal cell is a goal; the row's indicators measure, and its activities
serve, each of them (the row pairs them no finer). What an area states (its sub-areas, goals,
indicators, activities, budget) is scoped to the area, so two areas "Samordning" in different
sections, or two budgets "Egen finansiering." of different areas, stay apart; top goals,
bodies, target groups and data sources are document-wide. The area's measure field measures the
area's purpose goal (pg:measuredBy takes goals, not areas).
"""
from __future__ import annotations

import re
from dataclasses import replace
from importlib import resources

import yaml
from rapidfuzz.fuzz import ratio
from rdflib import URIRef
from rdflib.namespace import RDFS

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders import fields
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.fields import (
    SOURCE_MENTION,
    Field,
    is_timing,
    money,
    names,
    sentences,
    source_items,
)
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
from plangraf.namespace import PG

CELL, BLOCK, CUE = 0.9, 0.8, 0.6  # confidence: table cell, labelled field, cue word

WORDS = yaml.safe_load(resources.files(__package__).joinpath("goal_table.yaml").read_text("utf-8"))
HEAD = WORDS["header"]


def alternation(words: list[str]) -> str:
    """A regex alternation of words, longest first, a space matching any run of white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_TOKEN = (rf"\(?(?:{alternation([w for k in ('key', 'goal', 'indicator', 'activity', 'other') for w in HEAD[k]])}"
          rf"|{'|'.join(HEAD['other_patterns'])})\)?")
HEADER_LINE = re.compile(rf"^{_TOKEN}(?:\s+{_TOKEN})*$", re.IGNORECASE)  # header words only
KEY = re.compile(rf"^(?:{alternation(HEAD['key'])})\b", re.IGNORECASE)
TABLE_HEAD = re.compile(rf"^(?=(?:{alternation(HEAD['key'])})\b){_TOKEN}(?:\s+{_TOKEN})*$", re.IGNORECASE)
COLUMN = {k: re.compile(rf"\b(?:{alternation(HEAD[k])})\b", re.IGNORECASE) for k in ("goal", "indicator", "activity")}
MENTION = re.compile(rf"\b(?:{alternation(HEAD['indicator'])})\b")  # of lower-case text: faster than IGNORECASE
GOAL_LIST_HEAD = re.compile(rf"\b(?:{alternation(WORDS['goal_list_heads'])})\s*:?$", re.IGNORECASE)
ROLES = tuple((pattern, role) for role, patterns in WORDS["roles"].items() for pattern in patterns)
# all the roles' labels in one pattern, the first role's alternative first: m.lastgroup is the role
ROLE_OF = re.compile("|".join(f"(?P<{role}>{'|'.join(ps)})" for role, ps in WORDS["roles"].items()))
READ_ROLES = frozenset(("area", "target", "purpose", "measure", "budget", "responsible"))
NUMBERED = re.compile(r"^\d{1,2}[).]\s+")
LABEL_PREFIX = re.compile(rf"^(?:{alternation(WORDS['indicator_labels'])})\s*:\s*(att\s+)?", re.IGNORECASE)
GOAL_LABEL = re.compile(rf"^(?:{alternation(WORDS['goal_labels'])})\s*:\s*", re.IGNORECASE)
GOAL_LIST_LABEL = re.compile(rf"(?:{alternation(WORDS['goal_labels'])})\s*:$", re.IGNORECASE)
RISK = re.compile(rf"\b(?:{'|'.join(WORDS['risk_words'])})\b", re.IGNORECASE)
FOCUS_LIST = re.compile(rf"(?:{alternation(WORDS['area_words'])})\w*.*:\s*$", re.IGNORECASE)
NON_WORD = re.compile(r"[^\wåäö%]+")


def table_head(text: str) -> float:
    """1 for a goal-table header line (the key column's words, then column words only, a goal
    column and an indicator or activity column among them), 0.5 for its first part, else 0."""
    if len(text) > 160 or not TABLE_HEAD.match(text):  # a header row is short
        return 0.0
    rest = KEY.sub("", text)
    if COLUMN["goal"].search(rest) and (COLUMN["indicator"].search(rest) or COLUMN["activity"].search(rest)):
        return 1.0
    return 0.5 if COLUMN["goal"].search(rest) else 0.0


def field_role(p: Piece) -> tuple[str, str] | None:
    """(role, value) for an area block's labelled line ``Målgrupp: …``; None for anything else."""
    return fields.field_role(p, ROLES)


def label_role(text: str) -> str | None:
    """The role of a line's ``Label:`` (:data:`ROLES`), or None."""
    m = fields.FIELD.match(text)
    role = ROLE_OF.fullmatch(m["label"].lower()) if m else None
    return role.lastgroup if role else None


def is_heading(pieces: list[Piece], i: int, in_table: bool) -> bool:
    """A section heading (:func:`fields.is_heading`); inside a table a bare activity line can
    precede the next block too, so there it must also start a page."""
    return fields.is_heading(pieces, i, ROLES, TABLE_HEAD, fresh_only=in_table)


def strategic_goals(pieces: list[Piece]) -> list[tuple[str, list[Piece]]]:
    """The bulleted or numbered list under a line ending 'strategiska mål' (wrapped items joined)."""
    for i, p in enumerate(pieces):
        if not (GOAL_LIST_HEAD.search(p.text) and len(p.text) < 90):
            continue
        goals: list[list[Piece]] = []
        for q in pieces[i + 1:]:
            if q.bullet or NUMBERED.match(q.text):
                goals.append([replace(q, text=NUMBERED.sub("", q.text))])
            elif goals and q.text[:1].islower():
                goals[-1].append(q)
            else:
                break
        if len(goals) >= 2:
            return [(join(g), g) for g in goals]
    return []


def _norm(text: str) -> str:
    return NON_WORD.sub(" ", text.lower()).strip()


def match_goal(body: list[Piece], k: int, goals: list[str]) -> tuple[int, int] | None:
    """(goal index, end) when pieces k..end-1 spell strategic goal ``goals[index]`` (normalised)."""
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
    """Tables share a layout when their headers read alike and their strategic-goal columns
    can have the same width."""
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


class GoalTableExtractor(Extractor):
    name = "goal-table"

    def matches(self, doc: SourceDocument) -> float:
        """Count the template's markers: goal-table headers, area field labels, indicator-column words."""
        heads = sum(table_head(line.text) for line in doc.lines)  # a header's first part counts half
        labels = sum(1 for line in doc.lines if label_role(line.text) in READ_ROLES)
        mentions = sum(1 for line in doc.lines if MENTION.search(line.text.lower()))
        return min(1.0, 0.2 * min(heads, 3) + 0.1 * min(labels, 3) + 0.05 * min(mentions, 2))

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        """Walk the document once: headings open sections (a heading right above another is
        their parent), field blocks open areas, tables are collected; then lay the tables out
        together (:func:`layout_tables`), add each row's goals, indicators and activities, and
        hang each area's "Hur mäts resultatet" indicators on the goals they measure."""
        pieces = prepare(doc)
        plan = self.plan = builder.plan
        goal_list = strategic_goals(pieces)
        title = str(builder.graph.value(plan, RDFS.label)) if plan is not None else None
        self.goals = [label for label, _ in goal_list]
        self.tables: list[tuple[tuple[str, Width], URIRef | None, list]] = []
        self.purposes: dict[URIRef, list[URIRef]] = {}  # area -> its Syfte/Slutmål goals
        self.row_goals: dict[URIRef, dict[URIRef, None]] = {}  # area -> its table goals, in order
        self.pending: list[tuple[URIRef, URIRef, URIRef, Span, str]] = []  # (area, pred, object, span, quote)
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
            elif field_role(p):
                i, area = self._block(pieces, i, builder, section or (parent[0] if parent else plan))
            elif p.text == title or GOAL_LIST_HEAD.search(p.text):
                i += 1  # the document's title and the goal list's lead-in open no section
            elif is_heading(pieces, i, in_table=False):
                top = i + 1 < len(pieces) and is_heading(pieces, i + 1, in_table=False)
                if not top and parent and p.text.split()[0].lower() == parent[1].split()[0].lower():
                    parent = None  # "Forum skola" after "Forum vård och omsorg": headings opening alike are siblings
                owner = plan if top or parent is None else parent[0]
                node = builder.node(PG.FocusArea, p.text, p.span, confidence=BLOCK, scope=self._scope(owner))
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
        self._emit_tables(builder)
        self._link_area_goals(builder)

    def _scope(self, owner: URIRef | None) -> str | None:
        """What keeps an area's own statements apart from same-worded ones of other areas:
        the owning node (None for the plan itself, whose statements are document-wide)."""
        return None if owner is None or owner == self.plan else str(owner)

    # -- header blocks --------------------------------------------------------------------------
    def _block(self, pieces: list[Piece], i: int, builder: GraphBuilder,
               owner: URIRef | None) -> tuple[int, URIRef | None]:
        """Read ``Label: value`` fields up to the table; returns (next index, the block's area)."""
        j, block = fields.read_fields(pieces, i, ROLES, lambda k: bool(
            TABLE_HEAD.match(pieces[k].text) or (pieces[k].fresh and not pieces[k].bullet)
            or is_heading(pieces, k, in_table=False)))
        area = owner
        for f in block:
            label = f.text().rstrip(".")
            if f.role == "area" and label:
                span = node_span(f.pieces)
                area = builder.node(PG.FocusArea, label, span, confidence=BLOCK, scope=self._scope(owner))
                if owner is not None:
                    builder.link(owner, PG.hasFocusArea, area, span, quote=label, confidence=BLOCK)
        for f in block:
            if area is not None:
                self._field(builder, area, f)
        return j, area

    def _field(self, builder: GraphBuilder, area: URIRef, f: Field) -> None:
        ps, (lead, groups) = f.pieces, f.parts()
        text, span, scope = join(lead), node_span(ps), self._scope(area)
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
                self._sources(builder, [ind], s, span)
        elif f.role == "budget" and text:
            node = builder.node(PG.Budget, text, span, confidence=BLOCK, scope=scope)
            amount = money(text)
            if amount is not None:
                builder.set(node, PG.amount, amount)
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

    def _link_area_goals(self, builder: GraphBuilder) -> None:
        """An area's "Hur mäts resultatet" measures, and its "Kommentar" risks concern, what the
        area sets out to do: its Syfte or Slutmål goals (pg:measuredBy and pg:assumes take goals,
        not areas, as subjects); an area without one lends its table goals, with less confidence."""
        for area, pred, node, span, quote in self.pending:
            goals, conf = (self.purposes[area], BLOCK) if self.purposes.get(area) else \
                (list(self.row_goals.get(area, {})), CUE)
            for goal in goals:  # a risk is read off a cue word: never more sure than that
                builder.link(goal, pred, node, span, quote=quote, confidence=conf if pred == PG.measuredBy else CUE)

    def _sources(self, builder: GraphBuilder, subjects: list[URIRef], text: str, span: Span) -> None:
        for m in SOURCE_MENTION.finditer(text):
            src = builder.node(PG.DataSource, m.group(1), span, confidence=CUE)
            for s in subjects:
                builder.link(s, PG.dataSource, src, span, quote=m.group(1), confidence=CUE)

    # -- tables ---------------------------------------------------------------------------------
    def _table(self, pieces: list[Piece], i: int, area: URIRef | None) -> int:
        """Read one goal table from its header; returns the index after its last row."""
        head = ""
        while i < len(pieces) and (not head or HEADER_LINE.match(pieces[i].text)) and len(head) < 200:
            head += " " + pieces[i].text
            i += 1
        j = i
        while j < len(pieces):
            p = pieces[j]
            if (TABLE_HEAD.match(p.text) or field_role(p) or GOAL_LIST_HEAD.search(p.text)
                    or is_heading(pieces, j, in_table=True)):
                break
            j += 1
        rows = self._rows(cut_sentences(pieces[i:j]))
        if rows:
            cells = [bounds(cell) for (_, cell), _ in rows]
            layout = (head, (max(lo for lo, _ in cells), min(hi for _, hi in cells)))
            self.tables.append((layout, area, rows))
        return j

    def _emit_tables(self, builder: GraphBuilder) -> None:
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
                for (strategic, _), row in zip(table, rows):
                    self._row(builder, area, strategic, row)

    def _rows(self, body: list[Piece]) -> list[tuple[tuple[str, list[Piece]], list[Piece]]]:
        """Split a table body where a strategic goal starts; without a goal list, learn them."""
        rows: list[tuple[tuple[str, list[Piece]], list[Piece]]] = []
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

    def _row(self, builder: GraphBuilder, area: URIRef | None, strategic: tuple[str, list[Piece]],
             laid: Columns) -> None:
        """One row: its area goals (each partOf the strategic goal), measured by each of the
        row's indicators and served by each of its activities (the row states no finer pairing)."""
        label, first = strategic
        sg = builder.node(PG.Goal, label, node_span(first), quote=join(first), confidence=CELL)
        scope = self._scope(area)
        goals = self._area_goals(builder, sg, laid[0], scope) or [(sg, [])]
        for goal, ps in goals:
            if area is not None and goal != sg:
                builder.link(area, PG.hasGoal, goal, node_span(ps), quote=join(ps), confidence=CELL)
                self.row_goals.setdefault(area, {})[goal] = None
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
                self._sources(builder, [node] if kind == PG.Indicator else indicators, text, span)
        for it, text in sources:
            src = builder.node(PG.DataSource, text, node_span(it), confidence=CUE)
            for ind in indicators:
                builder.link(ind, PG.dataSource, src, node_span(it), quote=text, confidence=CUE)
        for goal, ps in goals:
            if ps:
                text = join(ps)
                self._sources(builder, indicators + ([goal] if goal != sg else []), text, node_span(ps))

    def _area_goals(self, builder: GraphBuilder, sg: URIRef, cell: Items,
                    scope: str | None) -> list[tuple[URIRef, list[Piece]]]:
        """The area-goal cell's goals, each partOf the row's strategic goal: one per paragraph
        ("Ett gemensamt råd finns." / "Rutiner är framtagna." are two goals;
        a second sentence on the same printed line goes on the first).

        A cell may instead hold a title, a ``Mål:`` line and a bulleted ``…mål:`` list of goals it
        serves (national environmental goals): then the ``Mål:`` text is the goal and the bullets
        its parents.
        """
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
