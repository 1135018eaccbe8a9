"""Template: logic-model tables "Interventionslogik | Indikatorer | Datakällor | Antaganden/Hot".

The layout (SKL's "Analys, handlingsplan" attachment, one table per *satsning*):

* before each table a block: the satsning's name, the national focus areas it serves as a numbered
  list ("1. Främjande förebyggande", "2. Tidiga och tillgängliga / insatser") and a comment;
* four rows (long-term results, short-term results, activities, resources) by four columns; every
  cell opens with a fixed question prompt ("Vad förväntas satsningen uppnå på längre sikt?", "Hur kan
  det mätas?", "Vilken data kan användas för mätning?", "Vilka antaganden är en förutsättning …?").

PDF-to-text flattens the table cell by cell. Prompts are matched on a whitespace-free, lower-cased
character stream, so wrapped ("förutsätt-/ning"), merged ("målgruppennås") and interleaved prompts
(four prompt heads on two lines, then each prompt's tail followed by its text) are all found. A
cell's row comes from its own prompt where that names one (the assumption prompts, "Hur mäts
aktiviteternas …"), else from the layout: row by row (an indicator cell follows its row's logic
cell) or column by column (the k-th indicator cell belongs to the k-th row). Links are made at row
level: the text does not align the entries inside a row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.text import Line
from plangraf.namespace import PG

CELL, TITLE, ROW, CUE = 0.9, 0.8, 0.7, 0.5  # confidence: table cell, block title, row-level link, cue
LT, ST, ACT, RES = "LT", "ST", "ACT", "RES"
LOGIC, IND, DATA, ASSUMP = "logic", "ind", "data", "assump"
PROMPTS: list[tuple[str, str | None, str]] = [  # (cell kind, row or None, prompt)
    (LOGIC, LT, "Vad förväntas satsningen uppnå på längre sikt"),
    (LOGIC, LT, "Vad förväntas satsningen uppnå"),
    (LOGIC, LT, "Vilka resultat förväntas satsningen uppnå på längre sikt"),
    (LOGIC, ST, "Vilka resultat förväntas satsningen uppnå på kort sikt"),
    (LOGIC, ST, "Vad förväntas satsningen uppnå på kort sikt"),
    (LOGIC, ACT, "Vilka aktiviteter ska genomföras i satsningen"),
    (LOGIC, RES, "Vilka resurser, verktyg och strukturer behövs för att genomföra satsningens aktiviteter"),
    (IND, None, "Hur kan det mätas"),
    (IND, ACT, "Hur mäts aktiviteternas genomförande och att målgruppen nås"),
    (DATA, None, "Vilken data kan användas för mätning"), (DATA, None, "Vilka data kan användas för mätning"),
    (ASSUMP, LT, "Vilka antaganden är en förutsättning för att satsningen ska uppnå de långsiktiga utfallen"),
    (ASSUMP, ST, "Vilka antaganden är en förutsättning för att satsningens kortsiktiga utfall uppnås"),
    (ASSUMP, ACT, "Vilka antaganden är en förutsättning för att satsningens aktiviteter kan genomföras"),
    (ASSUMP, RES, "Vilka antaganden är en förutsättning för satsningens insatta resurser"),
]
PROMPT_WORD = re.compile(r"\b(vad|vilk\w*|hur)\b")  # only lines with one can open a prompt
HEADER_WORDS = ("interventionslogik", "indikatorer", "datakällor", "antaganden")
GOAL_CLASS = {LT: PG.LongTermGoal, ST: PG.ShortTermGoal}
SUPER = {PG.LongTermGoal: PG.Goal, PG.ShortTermGoal: PG.Goal, PG.Intervention: PG.Activity}
FOCUS = re.compile(r"^([1-9])\s*\.?\s+([A-ZÅÄÖ].*)$")
COMMENT = re.compile(r"^kommentar\b", re.IGNORECASE)
NUMBERED = re.compile(r"^(\d{1,2})[.)]?\s+(?=[A-ZÅÄÖ”\"])")
DASH_BULLET = re.compile(r"^-\s+")
STATUS = re.compile(r"^(19|20)\d\d\s*[-:–]")  # "2018 - Ja": a follow-up answer, not an indicator
ANSWER = re.compile(r"^((ja|nej|delvis|pågår|finns|finns ej|har|har ej)\s*/?\s*)+[.?]?$", re.IGNORECASE)
JUNK_SOURCE = re.compile(r"\bsaknas\b", re.IGNORECASE)
FUNCTION = {"och", "eller", "samt", "av", "i", "till", "med", "för", "som", "att", "om", "på", "från",
            "vid", "inom", "under", "genom", "enligt", "efter", "mot", "via", "de", "den", "det", "ett",
            "en", "är", "ska", "har", "kan", "hos", "kring", "över", "mellan", "både", "o", "&", "utifrån",
            "avseende"}
NAMED = {"föreningen", "projektet", "nätverket", "metoden", "programmet", "modellen", "verktyget",
         "organisationen", "mottagningen", "enheten", "kommunen", "regionen"}  # a name may follow
ORG_PREFIX = {"region", "regionen", "landstinget", "nationell", "nationella"}
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
          "föräldrar", "asylsökande", "nyanlända", "individen", "individer", "vårdnadshavare", "invånare",
          "länsinvånare", "familjer", "studenter"}
QUANTIFIERS = {"alla", "samtliga", "fler", "flera"}
INTRO_KIND = [(re.compile(r"aktivitet|åtgärd", re.IGNORECASE), "activity"),
              (re.compile(r"(handlings|fokus|insats|utvecklings)område", re.IGNORECASE), "area"),
              (re.compile(r"\bmål\b|\w+mål\b", re.IGNORECASE), "goal")]


def squash(text: str) -> tuple[str, list[int]]:
    """Lower-cased letters, digits and '?' of ``text``, with each kept character's index in ``text``."""
    kept = [(c, i) for i, c in enumerate(text.lower()) if c.isalnum() or c == "?"]
    return "".join(c for c, _ in kept), [i for _, i in kept]


SQUASHED = [(kind, row, squash(text)[0]) for kind, row, text in PROMPTS]
HEADS = {p[:3] for _, _, p in SQUASHED}


@dataclass
class Frag:
    """A cleaned line or the part of one after a prompt; ``raw``: the original (first) line of a
    whole line, whose leading space and double spaces mark PDF text boxes."""

    text: str
    line: Line
    raw: str = ""


@dataclass
class Cell:
    kind: str
    row: str | None
    frags: list[Frag] = field(default_factory=list)


@dataclass
class Table:
    pre: list[Frag] = field(default_factory=list)  # the block before the header: name, focus areas
    cells: list[Cell] = field(default_factory=list)
    wide: list[Frag] = field(default_factory=list)  # page-wide lines inside the table (a stray name)
    first: bool = False


@dataclass
class Item:
    """A cell entry: wrapped lines joined, list marker stripped."""

    text: str
    frags: list[Frag]
    marker: bool = False

    @property
    def span(self) -> Span:
        return Span.covering(f.line.span for f in self.frags)


@dataclass
class _Open:
    """A prompt whose head has been read but not yet its end (``done``: squashed text so far)."""

    done: str
    cands: list[tuple[str, str | None, str]]
    age: int = 0


def _advance(done: str, cands: list, s: str, pos: int, least: int) -> tuple[int, list, bool]:
    """How far ``s[pos:]`` continues a prompt of which ``done`` has been read.

    Returns (characters consumed, candidates still consistent, complete?). A complete match also
    consumes a following '?'; at the end of a line without one, a longer prompt may still go on.
    A partial match counts when it reaches the end of the line or another prompt head follows.
    """
    rest = s[pos:]
    if not done and rest[:3] not in HEADS:
        return 0, [], False
    live = [c for c in cands if c[2].startswith(done)]
    best: tuple[int, list, bool] = (0, [], False)
    for c in live:
        tail = c[2][len(done):]
        if tail and rest.startswith(tail) and len(tail) + 1 > best[0]:
            best = (len(tail) + (rest[len(tail):len(tail) + 1] == "?"), [c], True)
    part = [c for c in live if rest and c[2][len(done):].startswith(rest) and len(c[2]) > len(done + rest)]
    if part:  # the line ends inside a prompt ("Vad förväntas satsningen uppnå på")
        return len(rest), part + (best[1] if best[0] == len(rest) else []), False
    if best[2]:
        return best
    for c in live:  # "Vilka aktiviteter ska genomföras i Hur mäts aktiviteternas": two heads on a line
        tail = c[2][len(done):]
        cp = next((i for i, (a, b) in enumerate(zip(tail, rest)) if a != b), min(len(tail), len(rest)))
        for cut in range(cp, max(least - 1, cp - 3), -1):
            if _advance("", SQUASHED, s, pos + cut, 99)[0] >= 8:
                return cut, [x for x in live if x[2][len(done):].startswith(rest[:cut])], False
    return 0, [], False


def scan(lines: list[Line], raw: list[str]) -> list[tuple]:
    """Events in reading order: ('header',), ('cell', kind, row, Frag|None), ('text', Frag), ('blank',)."""
    events: list[tuple] = []
    opened: list[_Open] = []

    def close_complete() -> None:  # a prompt whole without '?' ends where something else starts
        for o in list(opened):
            whole = next((c for c in o.cands if c[2] == o.done), None)
            if whole is not None:
                opened.remove(o)
                events.append(("cell", whole[0], whole[1], None))

    for line in lines:
        text = line.text
        if not text:
            events.append(("blank",))
            continue
        if sum(w in text.lower() for w in HEADER_WORDS) >= 3:  # the table header
            opened.clear()
            events.append(("header",))
            continue
        low = text.lower()
        s, where = squash(text) if opened or PROMPT_WORD.search(low) else ("", [])
        pos, prompted = 0, False
        while pos < len(s):
            best = None
            for o in opened:  # the tail of an open prompt (interleaved heads close in order)
                k, cands, complete = _advance(o.done, o.cands, s, pos, 3)
                if k and (best is None or k > best[0]):
                    best = (k, o, cands, complete)
            k, cands, complete = _advance("", SQUASHED, s, pos, 8)
            if k >= 8 and (best is None or k > best[0]):
                close_complete()
                best = (k, _Open("", cands), cands, complete)
                opened.append(best[1])
            if best is None:
                break
            k, o, o.cands, complete = best
            o.done, o.age, pos, prompted = o.done + s[pos:pos + k].rstrip("?"), 0, pos + k, True
            if complete:
                opened.remove(o)
                rest = text[where[pos - 1] + 1:].strip(" ?") if pos < len(s) else ""
                heads = rest and (_advance("", SQUASHED, s, pos, 8)[0] >= 8
                                  or any(_advance(x.done, x.cands, s, pos, 3)[0] for x in opened))
                first = Frag(rest, line) if rest and not heads else None
                events.append(("cell", o.cands[0][0], o.cands[0][1], first))
                if rest and not heads:
                    break
        if prompted:
            continue
        close_complete()
        for o in list(opened):
            o.age += 1
            if o.age > 40:
                opened.remove(o)
        events.append(("text", Frag(text, line, raw[line.start - 1])))
    return events


def build_tables(doc: SourceDocument) -> list[Table]:
    """Group the scan events into tables: a header, or a second long-term prompt, opens the next one."""
    tables: list[Table] = []
    cur = Table(first=True)
    blank = Frag("", Line("", 0, 0))
    for ev in scan(doc.lines, doc.raw_lines):
        if cur.cells and (ev[0] == "header" or (ev[0] == "cell" and ev[1] == LOGIC and ev[2] == LT and any(
                c.kind == LOGIC and c.row == LT for c in cur.cells))):
            tables.append(cur)
            cur.cells[-1].frags, pre = split_tail(cur.cells[-1].frags)
            cur = Table(pre=pre)
        if ev[0] == "cell":
            cur.cells.append(Cell(ev[1], ev[2], [ev[3]] if ev[3] else []))
        elif ev[0] in ("text", "blank"):
            (cur.cells[-1].frags if cur.cells else cur.pre).append(ev[1] if ev[0] == "text" else blank)
    if cur.cells:
        tables.append(cur)
    widths = sorted(len(f.raw.strip()) for t in tables for c in t.cells for f in c.frags if f.raw)
    wide = max(52, int(1.25 * widths[int(0.95 * (len(widths) - 1))])) if widths else 60
    for t in tables:  # a line much wider than the columns spans the page: a heading or a footer
        for c in t.cells:
            t.wide += [f for f in c.frags if len(f.raw.strip()) > wide]
            c.frags = [f for f in c.frags if f.text and not skip_line(f) and len(f.raw.strip()) <= wide]
    return tables


def skip_line(f: Frag) -> bool:
    """Page numbers and URLs are not cell text."""
    return bool(re.fullmatch(r"\d{1,3}", f.text) or re.match(r"(https?://|www\.)", f.text))


def split_tail(frags: list[Frag]) -> tuple[list[Frag], list[Frag]]:
    """Cut the text after a table's last prompt into (that cell's text, the next table's block).

    The next satsning's name opens the block: a line the PDF indents by one space (a new text box)
    or that shares its line with the first focus area, else the last paragraph before the areas.
    """
    stop = next((i for i, f in enumerate(frags) if f.text and any(FOCUS.match(p) or COMMENT.match(p)
                                                                   for p in pieces(f))), len(frags))
    start = None
    for i in range(min(stop + 1, len(frags))):
        r, parts = frags[i].raw, pieces(frags[i])
        if (r[:1] == " " and r[1:2] != " " and r.strip()) or (i == stop and len(parts) > 1
                                                             and not FOCUS.match(parts[0])):
            start = i
    if start is None:
        end = stop
        while end > 0 and (not frags[end - 1].text or skip_line(frags[end - 1])):
            end -= 1
        start = end
        while start > 0 and frags[start - 1].text and not skip_line(frags[start - 1]):
            start -= 1
        start = stop if start == end else start
    return frags[:start], frags[start:]


def pieces(f: Frag) -> list[str]:
    """A line cut where the PDF left two or more spaces (name, focus area and comment share a line)."""
    if f.raw:
        parts = [p.strip() for p in re.split(r"\s{2,}", f.raw.replace("\u00a0", " ").strip()) if p.strip()]
        if len(parts) > 1 and re.sub(r"\s+", "", "".join(parts)) == re.sub(r"\s+", "", f.text):
            return parts
    return [f.text] if f.text else []


def read_block(pre: list[Frag], first: bool, plan_title: str) -> tuple[Item | None, list[Item]]:
    """(satsning name, focus areas) of the block before a table header."""
    groups: list[list[Frag]] = []  # a line plus its lower-case continuations
    focus: list[list[Frag]] = []
    mode = "title"
    for f in pre:
        if not f.text or skip_line(f):
            groups += [[]] if mode == "title" else []
            continue
        for p in pieces(f):
            if mode != "comment" and FOCUS.match(p):
                mode = "focus"
                focus.append([Frag(FOCUS.match(p).group(2), f.line)])
            elif COMMENT.match(p) or (mode == "focus" and not p[:1].islower()):
                mode = "comment"
            elif mode == "focus" and focus:
                focus[-1].append(Frag(p, f.line))
            elif mode == "title" and groups and groups[-1] and p[:1].islower():
                groups[-1].append(Frag(p, f.line))
            elif mode == "title":
                groups.append([Frag(p, f.line)])
    groups = [g for g in groups if g and g[0].text.strip() != plan_title.strip()]
    # the first block may open with the document's own heading and a description: take the first
    # name-like line group; later blocks start at the name (split_tail)
    names = [g for g in groups if titlelike(join(g))] if first else groups[:1]
    title = names[0] if names and titlelike(join(names[0])) else None
    return Item(join(title), title) if title else None, [Item(join(g).rstrip(" ."), g) for g in focus]


def titlelike(text: str) -> bool:
    return bool(text) and len(text.split()) <= 14 and not re.search(r"[.!?:]$", text) and text[0].isalpha()


def join(frags: list[Frag]) -> str:
    """Join wrapped lines: 'multidiscipli-' + 'närt' -> 'multidisciplinärt', 'sluten-' + 'till' kept."""
    text = ""
    for t in (f.text.strip() for f in frags if f.text.strip()):
        if text.endswith("-") and t[:1].islower() and t.split()[0] not in ("och", "eller", "samt", "till"):
            text = text[:-1] + t if text[-2:-1].isalpha() and text[-2:-1].islower() else text + t
        else:
            text = f"{text} {t}" if text else t
    return text


def new_item(prev: str, cur: Frag, data: bool) -> bool:
    """Does line ``cur`` start a new entry after line ``prev`` of the same cell?

    A marker or a lower-case start decides; a capital after a line that ends open ("…, till",
    "Region") continues; so does a name or an acronym that wraps a long line ("föreningen" /
    "Hjärnkoll med …", "… med socialtjänst och BHV" / "HoS"). In data-source cells, where bare
    names are listed one a line, a capital starts a new entry.
    """
    t = cur.text
    if cur.line.bullet or NUMBERED.match(t) or DASH_BULLET.match(t) or prev.endswith(":") or ANSWER.match(t):
        return True
    words = prev.split()
    closed = bool(re.search(r"[.!?;)]$", prev))
    if t[:1] in "”\"":
        return closed or len(words) <= 2
    if not t[:1].isupper():
        return False
    last = words[-1].lower() if words else ""
    if prev.endswith(("-", "–")) or last in FUNCTION | ORG_PREFIX or (prev.endswith(",") and len(words) >= 3):
        return False
    if data or closed or len(words) < 3:
        return True
    if sum(c.isupper() for c in re.sub(r"\W", "", t.split()[0])) >= 2:  # an acronym
        return len(t.split()) > 2
    return last not in NAMED


def cell_items(frags: list[Frag], kind: str) -> list[Item]:
    """Cut a cell's lines into entries; a data-source line "ÖJ, Kolada, X databas" into names."""
    items: list[Item] = []
    prev = ""
    for f in frags:
        t = f.text.strip()
        if not t or (kind == IND and STATUS.match(t)):
            continue
        if not items or new_item(prev, f, kind == DATA):
            items.append(Item("", [], bool(f.line.bullet or NUMBERED.match(t) or DASH_BULLET.match(t))))
            t = DASH_BULLET.sub("", NUMBERED.sub("", t))
        items[-1].frags.append(Frag(t, f.line))
        prev = t
    out = []
    for it in items:
        it.text = re.sub(r"(\s*\.)+$", ".", join(it.frags).rstrip(" ,;"))
        parts = [p.strip() for p in it.text.rstrip(".").split(",")]
        names = all(p[:1].isupper() and len(p.split()) <= 4 for p in parts if p)
        if kind == DATA and len(parts) > 1 and names:
            out += [Item(p, it.frags, it.marker) for p in parts if p]
        elif sum(c.isalpha() for c in it.text) >= 2 and not ANSWER.match(it.text):
            out.append(it)
    return out


def assign_rows(cells: list[Cell]) -> dict[str, dict[str, list[Cell]]]:
    """row -> kind -> cells. Row by row when a non-logic cell comes before the last logic cell,
    else column by column; a prompt that names its row ("… kortsiktiga utfall …") wins."""
    rows: dict[str, dict[str, list[Cell]]] = {}
    order = [c.row for c in cells if c.kind == LOGIC]
    last_logic = max((i for i, c in enumerate(cells) if c.kind == LOGIC), default=-1)
    row_major = any(c.kind != LOGIC for c in cells[:last_logic])
    seen: dict[str, list[str | None]] = {}  # kind -> rows given to its cells so far
    current = None
    for c in cells:
        k = len(seen.setdefault(c.kind, []))
        if c.kind == LOGIC:
            row = current = c.row
        elif c.row is not None:
            row = c.row
        elif row_major:
            row = current
        elif c.kind == DATA and k < len(seen.get(IND, [])):  # data sources stand beside indicators
            row = seen[IND][k]
        else:
            row = order[min(k, len(order) - 1)] if order else None
        seen[c.kind].append(row)
        if row is not None:
            rows.setdefault(row, {}).setdefault(c.kind, []).append(c)
    return rows


class LogicModelExtractor(Extractor):
    name = "logic-model"

    def matches(self, doc: SourceDocument) -> float:
        """Table headers (three of the four column names on a line) and the distinct cell prompts."""
        headers = sum(1 for line in doc.lines if sum(w in line.text.lower() for w in HEADER_WORDS) >= 3)
        text = re.sub(r"[\W_]+", "", " ".join(line.text for line in doc.lines[:6000]).lower())
        kinds = {(kind, row) for kind, row, p in SQUASHED if p in text}
        return round(0.4 * min(1.0, headers / 2) + 0.6 * min(1.0, len(kinds) / 6), 2)

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        plan_title = str(builder.graph.value(builder.plan, RDFS.label) or "") if builder.plan else ""
        for table in build_tables(doc):
            self._table(builder, table, plan_title)

    # -- one table ------------------------------------------------------------------------------
    @staticmethod
    def _node(b: GraphBuilder, cls: URIRef, item: Item, conf: float) -> URIRef:
        node = b.node(cls, item.text, item.span, confidence=conf)
        if cls in SUPER:  # the superclass too, so a graph read without the ontology still says it
            b.graph.add((node, RDF.type, SUPER[cls]))
        return node

    @staticmethod
    def _link(b: GraphBuilder, s: URIRef | None, p: URIRef, o: URIRef | None, it: Item, conf: float) -> None:
        if s is not None and o is not None:
            b.link(s, p, o, it.span, quote=it.text, confidence=conf)

    def _table(self, b: GraphBuilder, table: Table, plan_title: str) -> None:
        self._acts: list[tuple[URIRef, Item]] = []
        self._goals: dict[str, list[URIRef]] = {LT: [], ST: []}
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
            for it in (it for c in cells.get(IND, []) for it in cell_items(c.frags, IND)):
                if owner is None or not self._follow_up(b, it, owner):
                    indicators.append(self._node(b, PG.Indicator, it, CELL))
                    for s in subjects or [sats]:
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

    def _listed(self, b: GraphBuilder, cell: Cell, row: str, sats: URIRef | None, owner: URIRef | None,
                kind: str = LOGIC) -> list[Item]:
        """The cell's entries. A numbered list under an intro line ("… finns aktiviteter …:",
        "Strategiska mål:", "… 9 handlingsområden:") is typed by the intro's cue word."""
        out: list[Item] = []
        listing = None
        for it in cell_items(cell.frags, kind):
            if it.text.endswith(":"):
                listing = next((k for rx, k in INTRO_KIND if rx.search(it.text)), None)
                if kind == LOGIC and len(it.text.split()) >= 6:  # "Övergripande mål att … inom:" is a goal
                    out.append(Item(it.text.rstrip(":"), it.frags))
                elif kind != LOGIC and listing is None:
                    out.append(it)
            elif listing == "activity" and it.marker:
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
        else:
            node = self._node(b, PG.Budget, it, CELL)
            self._link(b, owner, PG.budget, node, it, CELL)
        self._cues(b, it, owner, row in (ACT, RES))
        return node

    # -- cue words ------------------------------------------------------------------------------
    @staticmethod
    def _target(b: GraphBuilder, goal: URIRef, it: Item) -> None:
        """The group a goal opens with: '”Blåljuspersonal” har ökad kunskap …', 'Alla barn som …'."""
        words = it.text.split()
        if len(words) < 4:
            return
        word = words[1 if words[0].lower() in QUANTIFIERS else 0].strip("”“\"',")
        low = word.lower()
        if low in GROUPS or (low.endswith(("personal", "personalen")) and len(low) > 8):
            group = b.node(PG.TargetGroup, word, it.span, confidence=CUE)
            b.link(goal, PG.targetGroup, group, it.span, quote=word, confidence=CUE)

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
