"""Logic-model tables, step 2: tables, cells, rows and the entries of a cell.

:func:`build_tables` groups the prompt events of :func:`.logic_model_prompts.scan` into one
:class:`Table` per satsning (the block before its header gives the name and focus areas);
:func:`cell_items` cuts a cell's lines into entries; :func:`assign_rows` gives each cell its row.
A cell's row comes from its own prompt where that names one (the assumption prompts, "Hur mäts
aktiviteternas …"), else from the layout: row by row (an indicator cell follows its row's logic
cell) or column by column (the k-th indicator cell belongs to the k-th row).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from plangraf.graph.model import Span
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.templates.logic_model_prompts import ASSUMP, DATA, IND, LOGIC, LT, Frag, scan
from plangraf.loaders.text import Line

FOCUS = re.compile(r"^([1-9])\s*\.?\s+([A-ZÅÄÖ].*)$")
COMMENT = re.compile(r"^kommentar\b", re.IGNORECASE)
NUMBERED = re.compile(r"^(\d{1,2})[.)]?\s+(?=[A-ZÅÄÖ”\"])")
DASH_BULLET = re.compile(r"^-\s+")
STATUS = re.compile(r"^(19|20)\d\d\s*[-:–]")  # "2018 - Ja": a follow-up answer, not an indicator
ANSWER = re.compile(r"^((ja|nej|delvis|pågår|finns|finns ej|har|har ej)\s*/?\s*)+[.?]?$", re.IGNORECASE)
SKIP = re.compile(r"\d{1,3}$|https?://|www\.")  # page numbers and URLs are no cell text
CLOSED = re.compile(r"[.!?;)]$")
DOTS = re.compile(r"(\s*\.)+$")
LETTERS = re.compile(r"[^\W\d_][\s\S]*?[^\W\d_]")  # two letters: an entry, not a mark
SUB_PROMPT = re.compile(r"^Stöd och uppföljning genom\s+(?=[A-ZÅÄÖ])")  # a template hint, not text
OPEN_END = re.compile(r"(,|\s(och|eller|samt))$")  # a fragment: its entry goes on elsewhere
ELSEWHERE = re.compile(r"^(mäts|följs)\b", re.IGNORECASE)  # "Mäts och följs upp i respektive projekt"
NOW = re.compile(r"\b(för närvarande|i nuläget)\b", re.IGNORECASE)  # a status report
YES_NO = re.compile(r"\b(ja\s*/\s*nej|nej\s*/\s*ja|har\s*/\s*har ej)\b", re.IGNORECASE)
YEAR = re.compile(r"\b(19|20)\d\d\b")
MEASURES = re.compile(r"(?<=[.?])\s+(?=(?:Antal|Antalet|Andel|Andelen)\b)")
SOURCE_LEAD = re.compile(r"^[\wåäöÅÄÖ ]*?\b(?:från|som|såsom)\s+(?:exempelvis|t\.\s?ex\.?)\s+")
META = re.compile(r"^(?:ca\.?|cirka|drygt|knappt|totalt)?\s*\d+\s+(?:av\s+\d+\s+)?aktiviteter\b",
                  re.IGNORECASE)  # "Ca 30 aktiviteter av 69 har …": about the activities, not one
EXAMPLES = re.compile(r"^(?:exempel på|bland annat|till exempel)\s+(?:aktiviteter|insatser|åtgärder)"
                      r"\s*(?:är|:)\s*(.+)$", re.IGNORECASE)
FUNCTION = {"och", "eller", "samt", "av", "i", "till", "med", "för", "som", "att", "om", "på", "från",
            "vid", "inom", "under", "genom", "enligt", "efter", "mot", "via", "de", "den", "det", "ett",
            "en", "är", "ska", "har", "kan", "hos", "kring", "över", "mellan", "både", "o", "&", "utifrån",
            "avseende"}
NAMED = {"föreningen", "projektet", "nätverket", "metoden", "programmet", "modellen", "verktyget",
         "organisationen", "mottagningen", "enheten", "kommunen", "regionen"}  # a name may follow
ORG_PREFIX = {"region", "regionen", "landstinget", "nationell", "nationella"}


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

    @cached_property  # read once the entry is complete; every node and link of it needs it
    def span(self) -> Span:
        return Span.covering(f.line.span for f in self.frags)


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
    for t in tables:
        t.cells = [c for cell in t.cells for c in continued_row(cell, doc.raw_lines)]
    widths = sorted(len(f.raw.strip()) for t in tables for c in t.cells for f in c.frags if f.raw)
    wide = max(52, int(1.25 * widths[int(0.95 * (len(widths) - 1))])) if widths else 60
    for t in tables:  # a line much wider than the columns spans the page: a heading or a footer
        for c in t.cells:
            t.wide += [f for f in c.frags if len(f.raw.strip()) > wide and not footer(f, doc.raw_lines)]
            c.frags = [f for f in c.frags if f.text and not skip_line(f) and len(f.raw.strip()) <= wide]
    return tables


def footer(f: Frag, raw: list[str]) -> bool:
    """A page-wide line next to a bare page number ("Kommunal utveckling … län" / "14") is a footer."""
    near = raw[max(0, f.line.start - 4):f.line.start - 1] + raw[f.line.end:f.line.end + 3]
    return any(re.fullmatch(r"\s*\d{1,3}\s*", r) for r in near)


def continued_row(cell: Cell, raw: list[str]) -> list[Cell]:
    """A row broken by a page repeats without prompts: the last (assumption) cell then runs on into
    the row's four columns in order. In these PDFs an empty line (no spaces) ends a cell, a
    whitespace-only line separates entries inside one, and a line opening with one space starts a
    new text box. When the assumption cell's text, from such a text box on, falls into exactly four
    cell groups, they are the row's logic, indicator, data and assumption cells."""
    if cell.kind != ASSUMP or cell.row is None:
        return [cell]
    text = [f for f in cell.frags if f.text and not skip_line(f)]
    groups: list[list[Frag]] = []
    for i, f in enumerate(text):
        if not groups or "" in raw[text[i - 1].line.end:f.line.start - 1]:
            groups.append([])
        groups[-1].append(f)
    for k, g in enumerate(groups):
        if len(groups) - k == 4 and k and re.match(r" [^ ]", g[0].raw):
            own = [f for f in cell.frags if f.line.start < g[0].line.start]
            return [Cell(cell.kind, cell.row, own)] + [Cell(kind, cell.row, frags) for kind, frags in
                                                        zip((LOGIC, IND, DATA, ASSUMP), groups[k:])]
    return [cell]


def skip_line(f: Frag) -> bool:
    """Page numbers and URLs are not cell text."""
    return bool(SKIP.match(f.text))


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
            if mode != "comment" and (fm := FOCUS.match(p)):
                mode = "focus"
                focus.append([Frag(fm.group(2), f.line)])
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


def new_item(prev: str, cur: Frag, data: bool, dashed: bool = False) -> bool:
    """Does line ``cur`` start a new entry after line ``prev`` of the same cell?

    A marker or a lower-case start decides; a capital after a line that ends open ("…, till",
    "Region", "Psykiatrisk slutenvård: Resultat") continues; so does a name or an acronym that
    wraps a long line ("föreningen" / "Hjärnkoll med …", "… med socialtjänst och BHV" / "HoS").
    A dash opens an entry only in a dash list (``dashed``: the current entry opened with one) or
    after a closed line; mid-sentence it is a dash ("Studiebesök på Region X" / "- Y i Z."). In
    data-source cells, where bare names are listed one a line, a capital starts a new entry.
    """
    t = cur.text
    closed = bool(CLOSED.search(prev))
    if dash(cur):
        return dashed or closed or prev.endswith(":")
    if cur.line.bullet or NUMBERED.match(t) or prev.endswith(":") or ANSWER.match(t):
        return True
    words = prev.split()
    if t[:1] in "”\"":
        return closed or len(words) <= 2
    if not t[:1].isupper():
        return False
    last = words[-1].lower() if words else ""
    if prev.endswith(("-", "–")) or last in FUNCTION | ORG_PREFIX or (prev.endswith(",") and len(words) >= 3):
        return False
    if ":" in prev and not closed and len(prev.rsplit(":", 1)[1].split()) <= 2:
        return False  # "Psykiatrisk slutenvård: Resultat" / "Nationell patientenkät"
    if data or closed or len(words) < 3:
        return True
    if sum(c.isupper() for c in re.sub(r"\W", "", t.split()[0])) >= 2:  # an acronym
        return len(t.split()) > 2
    return last not in NAMED


def dash(f: Frag) -> bool:
    """A line opening with a dash (the cleaner may have read it as a bullet already)."""
    return bool(DASH_BULLET.match(f.text) or (f.line.bullet and f.raw.lstrip().startswith(("-", "–"))))


def cell_items(frags: list[Frag], kind: str) -> list[Item]:
    """Cut a cell's lines into entries, then tidy them for the cell's kind (:func:`tidy`)."""
    items: list[Item] = []
    prev, dashed = "", False
    for f in frags:
        t = f.text.strip()
        if not t or (kind == IND and STATUS.match(t)):
            continue
        if not items or new_item(prev, f, kind == DATA, dashed):
            dashed = dash(f)
            items.append(Item("", [], bool(f.line.bullet or NUMBERED.match(t) or dashed)))
            t = DASH_BULLET.sub("", NUMBERED.sub("", t))
        elif dash(f) and not DASH_BULLET.match(t):
            t = f"- {t}"  # a dash inside an entry, which the cleaner took for a bullet
        items[-1].frags.append(Frag(t, f.line))
        prev = t
    for it in items:
        it.text = SUB_PROMPT.sub("", join(it.frags))
    return tidy(items, kind)


def tidy(items: list[Item], kind: str) -> list[Item]:
    """Entries as entities of the cell's kind.

    A fragment that ends open ("Hushållningssällskapet, lantbrevbärare, mjölktransport och", the
    rest of the previous entry after a blank) rejoins that entry. In indicator cells a short
    "Kommunal psykiatri:" qualifies the next entry, two measures in one entry ("Antal träffar ….
    Antal genomförda …") are split, and follow-up answers ("Rutin är framtagen, implementeras under
    2018" after a yes/no question, "… är för närvarande vilande") are no indicators. Data-source
    lines "ÖJ, Kolada, X databas" (also after "Datakällor från exempelvis") are cut into names.
    Logic cells drop statements about the activities ("Ca 30 aktiviteter av 69 har …") and split
    "Exempel på aktiviteter är A, B samt C." into its examples.
    """
    out: list[Item] = []
    for it in items:
        if out and not it.marker and OPEN_END.search(it.text):
            out[-1] = Item(f"{out[-1].text} {it.text}", out[-1].frags + it.frags, out[-1].marker)
        else:
            out.append(it)
    kept: list[Item] = []
    for it in out:
        it.text = DOTS.sub(".", it.text.rstrip(" ,;"))
        if not LETTERS.search(it.text) or ANSWER.match(it.text) or (kind in (IND, DATA) and
                                                                              ELSEWHERE.match(it.text)):
            continue
        if kind == IND and kept and kept[-1].text.endswith(":") and not it.marker:
            kept[-1] = Item(f"{kept[-1].text} {it.text}", kept[-1].frags + it.frags, kept[-1].marker)
            continue
        answer = kept and YES_NO.search(kept[-1].text) and YEAR.search(it.text)
        if kind == IND and (NOW.search(it.text) or answer):
            continue
        kept.append(it)
    final: list[Item] = []
    for it in kept:
        if kind == IND:
            parts = [p for p in MEASURES.split(it.text) if p]
            if it.text.endswith(":") and len(it.text.split()) <= 6:
                parts = []  # a qualifier with nothing to qualify
        elif kind == DATA:
            parts = source_names(it.text)
        elif kind == LOGIC and META.match(it.text):
            parts = []
        elif kind == LOGIC and (m := EXAMPLES.match(it.text)):
            parts = [p.strip(" .") for p in re.split(r",\s+|\s+samt\s+", m.group(1)) if p.strip(" .")]
        else:
            parts = [it.text.rstrip(":") if kind == ASSUMP else it.text]
        final += [Item(p, it.frags, it.marker) for p in parts]
    return final


def source_names(text: str) -> list[str]:
    """'ÖJ, Kolada, Folkhälsomyndighetens databas' -> three names; a lead 'Datakällor från
    exempelvis' is dropped and so are the lower-case measures listed among the names."""
    body = SOURCE_LEAD.sub("", text)
    parts = [p.strip() for p in re.sub(r"\s+etc\.?$", "", body.rstrip(".")).split(",")]
    names = [p for p in parts if p[:1].isupper() and len(p.split()) <= 4]
    if body != text and len(names) >= 2:
        return names
    if len(parts) > 1 and len(names) == len([p for p in parts if p]):
        return names
    return [text]


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

