"""Template: logic-model tables "Interventionslogik | Indikatorer | Datakällor | Antaganden/Hot".

The layout (SKL's "Analys, handlingsplan" attachment, one table per *satsning*):

* before each table a block: the satsning's name, the national focus areas it serves as a numbered
  list ("1. Främjande förebyggande", "2. Tidiga och tillgängliga / insatser") and a comment;
* four rows (long-term results, short-term results, activities, resources) by four columns; every
  cell opens with a fixed question prompt ("Vad förväntas satsningen uppnå på längre sikt?", "Hur kan
  det mätas?", "Vilken data kan användas för mätning?", "Vilka antaganden är en förutsättning …?").

Reading is split in three: :mod:`.logic_model_prompts` finds the prompts, :mod:`.logic_model_cells`
builds tables, rows and cell entries, and this module turns them into nodes and links. Links are
made at row level: the text does not align the entries inside a row.
"""
from __future__ import annotations

import re
from decimal import Decimal

from rdflib import URIRef
from rdflib.namespace import RDFS

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.templates.logic_model_cells import (
    Cell,
    Item,
    Table,
    assign_rows,
    build_tables,
    cell_items,
    read_block,
)
from plangraf.loaders.templates.logic_model_prompts import (
    ACT,
    ASSUMP,
    DATA,
    IND,
    LOGIC,
    LT,
    RES,
    ST,
    count_headers,
    prompt_kinds,
)
from plangraf.namespace import PG

CELL, TITLE, ROW, CUE = 0.9, 0.8, 0.7, 0.5  # confidence: table cell, block title, row-level link, cue
GOAL_CLASS = {LT: PG.LongTermGoal, ST: PG.ShortTermGoal}
JUNK_SOURCE = re.compile(r"\bsaknas\b", re.IGNORECASE)
ORG = re.compile(r"^((?:Region|Landstinget)\s+[A-ZÅÄÖ][\wåäö]+(?:\s+län)?|[A-ZÅÄÖ][\wåäö]+\s+kommun"
                 r"|Länsstyrelsen(?:\s+i\s+[A-ZÅÄÖ][\wåäö]+\s+län)?)\s+[a-zåäö]")
LABEL_PREFIX = re.compile(r"^[A-ZÅÄÖ][a-zåäö]+\s*[–:-]\s+(?=[A-ZÅÄÖ])")  # "Resurser – Region …"
MONEY = re.compile(r"(\d+(?:[,.]\d+)?)\s*(miljoner|miljon|mnkr|mkr|msek|tkr|kr|kronor)\b", re.IGNORECASE)
MULTIPLIER = {"miljoner": 10**6, "miljon": 10**6, "mnkr": 10**6, "mkr": 10**6, "msek": 10**6, "tkr": 1000}
FOLLOW_UP = re.compile(r"\bföljs\b.*\bupp\b|\buppföljning|\bföljas upp", re.IGNORECASE)
PLAN_REF = re.compile(r"\b(?:handlingsplan|verksamhetsplan|årsredovisning|verksamhetsberättelse"
                      r"|delårsrapport)\w*\s+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?", re.IGNORECASE)
GROUPS = {"personal", "personalen", "chefer", "barn", "barnen", "unga", "ungdomar", "äldre", "brukare",
          "brukarna", "anhöriga", "närstående", "patienter", "patienterna", "medarbetare", "elever",
          "föräldrar", "asylsökande", "nyanlända", "vårdnadshavare", "invånare",
          "länsinvånare", "familjer", "studenter"}  # not "individen": the person served, no group
QUALIFIER_STOP = {"och", "eller", "som", "har", "är", "får", "ska", "kan", "känner", "i"}
QUANTIFIERS = {"alla", "samtliga", "fler", "flera"}
INTRO_KIND = [(re.compile(r"aktivitet|åtgärd", re.IGNORECASE), "activity"),
              (re.compile(r"(handlings|fokus|insats|utvecklings)område", re.IGNORECASE), "area"),
              (re.compile(r"\bmål\b|\w+mål\b", re.IGNORECASE), "goal")]


def target_group(text: str) -> str | None:
    """The group a result statement opens with, with a coordinated group ("och nyanlända"), a role
    ("som anhöriga") or a short "med" qualifier ("med psykisk ohälsa") that follows it."""
    words = text.split()
    if len(words) < 4:
        return None
    k = 1 if words[0].lower() in QUANTIFIERS else 0
    head = words[k].strip("”“\"',")
    low = head.lower()
    if not (low in GROUPS or (low.endswith(("personal", "personalen")) and len(low) > 8)):
        return None
    rest = [w.strip(",.") for w in words[k + 1:k + 6]]
    if len(rest) >= 2 and rest[0] in ("och", "som") and rest[1].lower() in GROUPS:
        return " ".join([head] + rest[:2])
    if rest[:1] == ["med"]:
        tail = next((i for i, w in enumerate(rest[1:4], 1) if w in QUALIFIER_STOP), None)
        if tail and tail > 1:
            return " ".join([head] + rest[:tail])
    return head


def list_cue(intro: str) -> re.Pattern[str] | None:
    """How an indicator names the goals an intro lists: "Strategiska/långsiktiga mål:" ->
    "strategiskt mål", "långsiktiga mål" (each qualifier's stem, then "mål")."""
    m = re.search(r"([a-zåäö/ -]+?)\s*mål\b", intro.lower())
    stems = [w[:len(w) - 2] for w in re.split(r"[/ -]+", m.group(1)) if len(w) >= 6] if m else []
    return re.compile(rf"(?i)\b(?:{'|'.join(stems)})\w*\s+mål\b") if stems else None


FUNDS = re.compile(r"\b(kr(onor)?|tkr|mkr|miljon(er)?|mnkr|sek|medel|budget|finansier\w*|bidrag|\d[\d ]*\s*000)\b",
                   re.IGNORECASE)


class LogicModelExtractor(Extractor):
    name = "logic-model"

    def matches(self, doc: SourceDocument) -> float:
        """Table headers (three of the four column names on a line) and the distinct cell prompts."""
        low = "\n".join(line.text for line in doc.lines[:6000]).lower()
        kinds = prompt_kinds(low)
        return round(0.4 * min(1.0, count_headers(low) / 2) + 0.6 * min(1.0, len(kinds) / 6), 2)

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        plan_title = str(builder.graph.value(builder.plan, RDFS.label) or "") if builder.plan else ""
        for table in build_tables(doc):
            self._table(builder, table, plan_title)

    # -- one table ------------------------------------------------------------------------------
    @staticmethod
    def _node(b: GraphBuilder, cls: URIRef, item: Item, conf: float) -> URIRef:
        return b.node(cls, item.text, item.span, confidence=conf)

    @staticmethod
    def _link(b: GraphBuilder, s: URIRef | None, p: URIRef, o: URIRef | None, it: Item, conf: float) -> None:
        if s is not None and o is not None:
            b.link(s, p, o, it.span, quote=it.text, confidence=conf)

    def _table(self, b: GraphBuilder, table: Table, plan_title: str) -> None:
        self._acts: list[tuple[URIRef, Item]] = []
        self._goals: dict[str, list[URIRef]] = {LT: [], ST: []}
        self._lists: list[tuple[re.Pattern[str], URIRef, list[Item]]] = []  # named goal lists
        measures: list[tuple[URIRef, Item]] = []
        title, focus = read_block(table.pre, table.first, plan_title)
        conf = TITLE
        if title is None and table.wide:  # a page-wide line inside the table names it
            title, conf = Item(table.wide[0].text, table.wide[:1]), CUE + 0.1
        sats = self._node(b, PG.Intervention, title, conf) if title else None
        owner = sats or b.plan
        for it in focus:
            area = self._node(b, PG.FocusArea, it, CELL)
            self._link(b, sats, PG.hasFocusArea, area, it, CELL)
            self._link(b, b.plan, PG.hasFocusArea, area, it, ROW)
        rows = assign_rows(table.cells)
        for row in (r for r in (LT, ST, ACT, RES) if r in rows):
            cells = rows[row]
            subjects = [self._logic(b, row, it, sats, owner)
                        for c in cells.get(LOGIC, []) for it in self._listed(b, c, row, sats, owner)]
            indicators = []
            measured = [sats] if row == RES or not subjects else subjects  # a budget is not measured
            for it in (it for c in cells.get(IND, []) for it in cell_items(c.frags, IND)):
                if owner is None or not self._follow_up(b, it, owner):
                    indicators.append(self._node(b, PG.Indicator, it, CELL))
                    measures.append((indicators[-1], it))
                    for s in measured:
                        self._link(b, s, PG.measuredBy, indicators[-1], it, ROW)
            for it in (it for c in cells.get(DATA, []) for it in self._listed(b, c, row, sats, owner, DATA)):
                if not JUNK_SOURCE.search(it.text):
                    src = self._node(b, PG.DataSource, it, CELL)
                    for ind in indicators:
                        self._link(b, ind, PG.dataSource, src, it, ROW)
            for it in (it for c in cells.get(ASSUMP, []) for it in cell_items(c.frags, ASSUMP)):
                self._link(b, owner, PG.assumes, self._node(b, PG.Assumption, it, CELL), it, CELL)
                self._cues(b, it, owner)
        for node, it in self._acts:  # activities lead to the short- and (through them) long-term results
            for row, c in ((ST, 0.6), (LT, CUE)):
                for goal in self._goals[row]:
                    self._link(b, node, PG.servesGoal, goal, it, c)
        for cue, cls, goals in self._lists:  # "… för respektive strategiskt mål" measures the listed goals
            for ind, it in measures:
                if cue.search(it.text):
                    for listed in goals:
                        self._link(b, b.find(cls, listed.text), PG.measuredBy, ind, it, CUE)

    def _listed(self, b: GraphBuilder, cell: Cell, row: str, sats: URIRef | None, owner: URIRef | None,
                kind: str = LOGIC) -> list[Item]:
        """The cell's entries. A numbered list under an intro line ("… finns aktiviteter …:",
        "Strategiska mål:", "… 9 handlingsområden:") is typed by the intro's cue word; the goals of
        a named list ("Strategiska/långsiktiga mål:") are kept for indicators that name it."""
        out: list[Item] = []
        listing: str | None = None
        named: list[Item] | None = None
        for it in cell_items(cell.frags, kind):
            if it.text.endswith(":"):
                listing = next((k for rx, k in INTRO_KIND if rx.search(it.text)), None)
                cue = list_cue(it.text) if listing == "goal" else None
                named = None
                if cue:
                    named = []
                    cls = GOAL_CLASS[row] if kind == LOGIC and row in (LT, ST) else PG.Goal
                    self._lists.append((cue, cls, named))
                if kind == LOGIC and len(it.text.split()) >= 6:  # "Övergripande mål att … inom:" is a goal
                    out.append(Item(it.text.rstrip(":"), it.frags))
                elif kind != LOGIC and listing is None:
                    out.append(it)
                continue
            if listing == "goal" and it.marker and named is not None:
                named.append(it)
            if listing == "activity" and it.marker:
                node = self._node(b, PG.Activity, it, CUE)
                self._link(b, node, PG.partOf, sats, it, CUE)
                self._acts.append((node, it))
            elif listing == "area" and it.marker:
                self._link(b, owner, PG.hasFocusArea, self._node(b, PG.FocusArea, it, CUE), it, CUE)
            elif listing == "goal" and it.marker and not (kind == LOGIC and row in (LT, ST)):
                self._link(b, owner, PG.hasGoal, self._node(b, PG.Goal, it, CUE), it, CUE)
            else:
                listing = listing if it.marker else None
                out.append(it)
        return out

    def _logic(self, b: GraphBuilder, row: str, it: Item, sats: URIRef | None,
               owner: URIRef | None) -> URIRef:
        """A long/short-term goal, an activity (a step of the satsning) or a resource."""
        if row in (LT, ST):
            node = self._node(b, GOAL_CLASS[row], it, CELL)
            self._goals[row].append(node)
            self._link(b, owner, PG.hasGoal, node, it, CELL)
            self._target(b, node, it)
        elif row == ACT:
            node = self._node(b, PG.Activity, it, CELL)
            self._link(b, node, PG.partOf, sats, it, CELL)
            self._acts.append((node, it))
        elif FUNDS.search(it.text):
            node = self._node(b, PG.Budget, it, CELL)
            self._link(b, owner, PG.budget, node, it, CELL)
        else:  # a coordinator, working time, a plan: a resource, not funds
            node = self._node(b, PG.Resource, it, CELL)
            self._link(b, owner, PG.requires, node, it, CELL)
        self._cues(b, it, owner, row in (ACT, RES))
        return node

    # -- cue words ------------------------------------------------------------------------------
    @staticmethod
    def _target(b: GraphBuilder, goal: URIRef, it: Item) -> None:
        """The group a goal opens with: '”Blåljuspersonal” har ökad kunskap …', 'Alla barn som anhöriga
        …', 'Alla asylsökande och nyanlända …', 'Äldre med psykisk ohälsa och …'."""
        group = target_group(it.text)
        if group:
            node = b.node(PG.TargetGroup, group, it.span, confidence=CUE)
            b.link(goal, PG.targetGroup, node, it.span, quote=group, confidence=CUE)

    @staticmethod
    def _cues(b: GraphBuilder, it: Item, owner: URIRef | None, responsible: bool = False) -> None:
        """An amount ('avsätter 3 miljoner') is a budget; a body opening that sentence is responsible."""
        if owner is None:
            return
        text = LABEL_PREFIX.sub("", it.text)
        money = MONEY.search(text)
        if money:
            node = b.find(PG.Budget, it.text) or b.node(PG.Budget, text, it.span, confidence=CUE)
            b.set(node, PG.amount, Decimal(money.group(1).replace(",", "."))
                  * MULTIPLIER.get(money.group(2).lower(), 1))
            b.link(owner, PG.budget, node, it.span, quote=text, confidence=CUE)
        org = ORG.match(text)
        if org and (money or responsible):
            body = b.node(PG.ResponsibleBody, org.group(1), it.span, confidence=CUE)
            b.link(body, PG.responsibleFor, owner, it.span, quote=org.group(1), confidence=CUE)

    @staticmethod
    def _follow_up(b: GraphBuilder, it: Item, owner: URIRef) -> bool:
        """'… följs upp inför nästa handlingsplan 2018-2019': the plan the satsning is followed up in."""
        ref = PLAN_REF.search(it.text)
        if not (ref and FOLLOW_UP.search(it.text)):
            return False
        plan = b.node(PG.Plan, ref.group(0), it.span, confidence=CUE)
        b.link(owner, PG.followsUpIn, plan, it.span, quote=ref.group(0), confidence=CUE)
        return True
