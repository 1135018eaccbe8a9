"""Template: verksamhetsplan with area header blocks and four-column goal tables.

The layout (a Swedish "verksamhetsplan med budget"):

* a bulleted list of the organisation's strategic goals under a line "… strategiska mål";
* section headings (programmes, FoU areas), each area opened by a block of ``Label: value`` fields
  (``Område:``, ``Målgrupp:``, ``Syfte:``, ``Hur mäts resultatet:``, ``Budget och finansiering:``,
  ``Uppföljningsansvarig:`` …);
* after each block a table "Strategiskt mål | Mål på områdesnivå | Mätetal | Aktivitet".

PDF-to-text extraction flattens each table row cell by cell: the strategic goal's lines, then the
area goal's, the indicators' and the activities'. Rows start where a strategic goal of the list is
spelled again. Cell borders inside a row are not marked, so the rest of the row is cut into items
(sentences, or bare noun lines) and :func:`assign_columns` picks the two cut points that fit two
observations best: each column wraps its lines at one width (measured with proportional glyph
widths), and indicator cue words ("75 % av", "Antal", "Nyckeltal:") belong in the Mätetal column.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import NamedTuple

from rapidfuzz.fuzz import ratio
from rdflib import URIRef

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.namespace import PG

CELL, BLOCK, CUE = 0.9, 0.8, 0.6  # confidence: table cell, labelled field, cue word

TABLE_HEAD = re.compile(r"^strategisk\w*\s+mål\b", re.IGNORECASE)
HEAD_REST = re.compile(r"m[åä]l\b.*(områdesnivå|mätetal)|^strategisk\w* mål mål", re.IGNORECASE)
GOAL_LIST_HEAD = re.compile(r"\bstrategiska\s+mål\s*:?$", re.IGNORECASE)
FIELD = re.compile(r"^(?P<label>[A-ZÅÄÖ][^:]{1,40}?)\s*:\s*(?P<value>.*)$")
ROLES = [  # (label pattern, role); first full match wins
    (r"område|verksamhetsområde|programområde", "area"), (r"målgrupp(er)?", "target"),
    (r"syfte|slutmål|övergripande mål", "purpose"), (r"hur ofta mäts resultat(et|en)?", "skip"),
    (r"hur (och hur ofta )?mäts resultat(et|en)?|mätning|uppföljning", "measure"),
    (r"budget( och finansiering)?|finansiering", "budget"),
    (r"(uppföljnings)?ansvarig[a]?", "responsible"), (r"kommentar|kommentarer", "comment"),
    (r"nytta|tidsperiod|deltagande kommuner|samverkan|målbild", "skip"),
]
PAGE_NO = re.compile(r"\d{1,3}")
SPACES, DOUBLE_SPACE, NON_WORD = re.compile(r"[\s\u00a0]+"), re.compile(r"\s{2,}"), re.compile(r"[^\wåäö%]+")
GLYPH_START = re.compile(r"^[\uf000-\uf8ff•·▪►●○■□✓]\s*")
SENTENCE_CUT = re.compile(r"(?<=[a-zåäö0-9)”]{2}[.!?])\s+(?=[A-ZÅÄÖ])")
LIST_MARK = re.compile(r"^([a-e]|\d{1,2})[).]\s")
NUMBERED = re.compile(r"^\d{1,2}[).]\s+")
WRAP_STOP, SENTENCE_END = re.compile(r"[-.!?:]$"), re.compile(r"[.!?][”)]?$")
GOAL_LABEL = re.compile(r"\w*mål\s*:", re.IGNORECASE)  # "Mål:", "Miljökvalitetsmål:" inside a goal cell
IND_STRONG = re.compile(r"^(nyckeltal\b|mätetal\b|\d+\s*%|\d+\s*procent|(minst|högst|antal|antalet|andel(en)?"
                        r"|närvaro(n)?|poäng)\b)|\d\s*%", re.IGNORECASE)
IND_WEAK = re.compile(r"^\d+(\s*[-–]\s*\d+)?\s+[a-zåäö]")
LABEL_PREFIX = re.compile(r"^(nyckeltal|mätetal)\s*:\s*(att\s+)?", re.IGNORECASE)
SOURCE_WORD = re.compile(r"(kolada|öppna jämförelser|register|-uppföljning$|enkät|statistik|databas|"
                         r"hälsa på lika villkor|^scb$)", re.IGNORECASE)
SOURCE_MENTION = re.compile(r"\b(SKL:s [a-zåäö]+(?: [A-ZÅÄÖ]{2,}\b)?|Kolada|[Öö]ppna jämförelser|"
                            r"Hälsa på lika villkor|Nationella kvalitetsregister|Vården i siffror)")
RISK = re.compile(r"\b(risk(en|er)?|förutsätter|under förutsättning|antagande|hot(et)?)\b", re.IGNORECASE)
FOCUS_LIST = re.compile(r"fokusområd\w*.*:\s*$", re.IGNORECASE)
MONEY = re.compile(r"(\d{1,3}(?:[  ]\d{3})+|\d+(?:,\d+)?)\s*(kr\b|kronor|miljoner|mkr|tkr)", re.IGNORECASE)
CONNECT = frozenset(("och", "eller", "samt", "av", "i", "till", "med", "för", "som", "att", "om", "på",
                     "från", "vid", "inom", "mellan", "under", "genom", "enligt", "efter", "mot", "via",
                     "de", "den", "det", "ett", "en", "sitt", "sin", "sina", "är", "ska", "har", "kan",
                     "avseende", "rörande", "kring", "gällande", "angående", "hos", "per", "utan", "än",
                     "bland", "åt", "över", "där", "vilka", "vars", "minst", "högst", "cirka", "ca",
                     "drygt", "the", "of", "and"))  # words a wrapped line can end on
class _Glyphs(dict):
    def __missing__(self, key: str) -> float:
        return 0.5


GLYPH = _Glyphs({  # advance widths (em) of a Times-like serif; the tables' wrap points fit it best
    **dict.fromkeys(" .,", 0.25), **dict.fromkeys("ijlt:;/!'|", 0.278), **dict.fromkeys("frI()-", 0.333),
    **dict.fromkeys("sJ", 0.389), **dict.fromkeys("acezåä”\"", 0.444), **dict.fromkeys("FPS", 0.556),
    **dict.fromkeys("ELTZ", 0.611), **dict.fromkeys("BCR", 0.667), **dict.fromkeys("wADGHKNOQUVXYÅÄÖ", 0.722),
    "m": 0.778, "%": 0.833, "M": 0.889, "W": 0.944})


@dataclass(frozen=True)
class Piece:
    """A non-empty cleaned line (or a part of one) with its original line span.

    ``phys``: the printed lines it touches as (line number, original text), to measure wrap
    widths even where cleaning moved a hyphenated fragment; ``fresh``: first text of a page
    (headings start pages); ``gap``: a paragraph break precedes it.
    """

    text: str
    start: int
    end: int
    page: int | None = None
    bullet: bool = False
    fresh: bool = False
    gap: bool = False
    phys: tuple[tuple[int, str], ...] = ()

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.page)


@lru_cache(maxsize=8192)
def em(text: str) -> float:
    """Printed width in em: wrap points depend on glyph widths, not on character counts."""
    return sum(map(GLYPH.__getitem__, text))


def prepare(doc: SourceDocument) -> list[Piece]:
    """Non-empty lines, page numbers and URLs dropped; raw double spaces split two table cells.

    A piece is ``fresh`` at a page start: a page change, a page number just above, or (in
    extractions that mark pages so) a leading space.
    """
    out: list[Piece] = []
    raw = doc.raw_lines
    texts = [r for r in raw if r.strip()]
    # this extraction starts each page with a space; trust that only where few lines are indented
    lead = sum(r[:1] == " " for r in texts) <= 0.05 * len(texts)
    gap, page = False, None
    for line in doc.lines:
        text = line.text
        if not text or PAGE_NO.fullmatch(text) or text.startswith("http"):
            gap = gap or not text
            continue
        new_page, page = line.page is not None and page is not None and line.page != page, line.page
        k = line.start - 2
        while k >= 0 and not raw[k].strip():
            k -= 1
        source = raw[line.start - 1] if line.start == line.end else ""
        fresh = (new_page or (lead and raw[line.start - 1][:1] == " ")
                 or (k >= 0 and bool(PAGE_NO.fullmatch(raw[k].strip()))))
        chunks = [c for c in DOUBLE_SPACE.split(source.replace("\u00a0", " ").strip()) if c]
        if len(chunks) < 2 or " ".join(chunks) != text:
            chunks = [text]
        if line.start == line.end and not line.bullet and raw[line.start - 1].strip() == text:
            phys: tuple[tuple[int, str], ...] = ((line.start, text),)
        else:
            phys = tuple((n + 1, GLYPH_START.sub("• ", SPACES.sub(" ", raw[n]).strip()))
                         for n in range(line.start - 1, line.end) if raw[n].strip())
        for n, chunk in enumerate(chunks):
            out.append(Piece(chunk, line.start, line.end, line.page, line.bullet and n == 0, fresh and n == 0,
                             gap and n == 0, phys if len(chunks) == 1 else ((line.start, chunk),)))
        gap = False
    return out


def cut_sentences(pieces: list[Piece]) -> list[Piece]:
    """Split table lines where a sentence ends mid-line: 'Antal revisioner. Samordna brukarrådet/'
    holds the end of one cell and the start of the next."""
    out = []
    for p in pieces:
        chunks = SENTENCE_CUT.split(p.text)
        if len(chunks) == 1:
            out.append(p)
            continue
        for n, chunk in enumerate(chunks):
            out.append(replace(p, text=chunk, bullet=p.bullet and n == 0, fresh=p.fresh and n == 0,
                               gap=p.gap and n == 0, phys=((p.start, chunk),)))
    return out


def printed(pieces: list[Piece]) -> list[str]:
    """The printed lines under some pieces, in order, each once."""
    seen: dict[int, str] = {}
    for p in pieces:
        for n, t in p.phys or ((p.start, p.text),):
            seen[n] = f"{seen[n]} {t}" if n in seen and t not in seen[n] else seen.get(n, t)
    return list(seen.values())


def join(pieces: list[Piece]) -> str:
    """Join wrapped pieces: 'kompetens-' + 'försörjning' -> 'kompetensförsörjning', 'FoU-' + 'ledare'."""
    text = ""
    for p in pieces:
        t = p.text
        if text.endswith("-") and t[:1].islower() and t.split()[0] not in ("och", "eller", "samt"):
            text = text + t if len(text) > 1 and text[-2].isupper() else text[:-1] + t
        else:
            text = f"{text} {t}" if text else t
    return text.strip()


def field_role(p: Piece) -> tuple[str, str] | None:
    """(role, value) for a labelled header line ``Målgrupp: …``; None for anything else."""
    m = FIELD.match(p.text)
    if not m or p.bullet:
        return None
    label = m["label"].lower()
    return next(((role, m["value"]) for pat, role in ROLES if re.fullmatch(pat, label)), None)


def is_heading(pieces: list[Piece], i: int, in_table: bool) -> bool:
    """A short unpunctuated line that opens a section: a field block follows within a few lines.

    Inside a table a bare activity line can precede the next block too, so there the heading
    must also start a page.
    """
    p = pieces[i]
    t = p.text
    words = t.split()
    if (p.bullet or len(t) > 60 or len(words) > 7 or t[-1] in ".:,;!?-" or not t[0].isalpha()
            or not any(c.isupper() for c in words[0]) or FIELD.match(t) or TABLE_HEAD.match(t)
            or (in_table and not p.fresh) or (i + 1 < len(pieces) and pieces[i + 1].text[0].islower())):
        return False
    for q in pieces[i + 1:i + 16]:
        if TABLE_HEAD.match(q.text) or q.bullet:
            return False
        if field_role(q):
            return True
    return False


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


def split_items(pieces: list[Piece]) -> list[list[Piece]]:
    """Cut a row's cell text into items: sentences, list-bearing sentences, bare noun lines."""
    items: list[list[Piece]] = []
    for p in pieces:
        if not items:
            items.append([p])
            continue
        item, prev = items[-1], items[-1][-1]
        pt, ct = prev.text, p.text
        listing = any(q.text.endswith(":") for q in item)
        last, first = pt.split()[-1], ct.split()[0]
        if LIST_MARK.match(ct) or pt.endswith(":") or (p.bullet and listing):
            new = False
        elif p.bullet:
            new = True
        elif len(items) == 1 and GOAL_LABEL.match(ct):
            new = False  # "Mål:" / "Miljökvalitetsmål:" under a goal-cell title
        elif SENTENCE_END.search(pt):
            new = not ct[0].islower()
        elif p.gap and not (pt[-1] in "-,/&" or last.lower() in CONNECT or ct[0].islower()):
            new = True
        elif (pt[-1] in "-,/&" or last.lower() in CONNECT or not ct[0].isupper() or ct[0].isdigit()
              or join(item).count("(") > join(item).count(")")):
            new = False
        elif len(item) == 1 and len(pt.split()) <= 2 and pt.split()[0].lower() not in CONNECT:
            new = True  # a bare noun line ("Chefsträffar") is an item of its own
        elif em(f"{printed([prev])[-1]} {printed([p])[0].split()[0]}") <= max(em(t) for t in printed(item)):
            new = True  # the next word would have fitted: the line ended on purpose
        else:  # an acronym, a number or a name runs on; another capital starts an item
            new = not (sum(c.isupper() for c in first) >= 2 or last[0].isupper())
        if new:
            items.append([p])
        else:
            item.append(p)
    return items


def bounds(item: list[Piece]) -> tuple[float, float]:
    """(widest line, narrowest wrap) of an item: its column is at least as wide as the first
    and narrower than the second (a wrapped line plus the next word did not fit)."""
    lines = printed(item)
    wraps = [em(f"{a} {b.split()[0]}") for a, b in pairwise(lines)
             if not WRAP_STOP.search(a) and not b.startswith("•")]
    return max(em(t) for t in lines), min(wraps, default=99.0)


Width = tuple[float, float]
Items = list[list[Piece]]
NO_TABLE: tuple[float | None, ...] = (None, None, None)


def cue(item: list[Piece]) -> float:
    """How strongly an item's opening reads as an indicator ('75 % av', 'Antal', 'Nyckeltal:')."""
    text = item[0].text
    return 1.5 if IND_STRONG.search(text) else 0.5 if IND_WEAK.match(text) else 0.0


def assign_columns(widths: list[Width], cues: list[float], first: bool = True,
                   table: tuple[float | None, ...] = NO_TABLE) -> tuple[int, int]:
    """Cut points (i, j): items [:i] area goal, [i:j] Mätetal, [j:] Aktivitet.

    Items are given by their :func:`bounds` and :func:`cue` scores. A column whose items cannot
    share one wrap width is penalised, as is an item far from the width ``table`` estimated for
    its column (:func:`column_width`); indicator cues pull items into Mätetal. ``first`` is False
    for the part of a row continued on the next page, where any column may be empty.
    """
    n = len(widths)
    unfit = [[0.0] * (n + 1) for _ in range(n + 1)]  # unfit[a][b]: items a..b-1 share no width
    for a in range(n):
        lo, hi = 0.0, 99.0
        for b in range(a + 1, n + 1):
            lo, hi = max(lo, widths[b - 1][0]), min(hi, widths[b - 1][1])
            unfit[a][b] = max(0.0, lo - hi - 0.15)
    off = [list(accumulate((0.0 if w is None else max(0.0, lo - w - 0.1) + max(0.0, w - hi - 0.1)
                            for lo, hi in widths), initial=0.0)) for w in table]  # distance to column widths
    pull = list(accumulate(cues, initial=0.0))
    plain = list(accumulate((c == 0 for c in cues), initial=0))
    empty = 2.0 if first else 0.5
    best, cut = -1e9, (n, n)
    for i in range(1 if first else 0, n + 1):
        for j in range(i, n + 1):
            score = (-0.8 * (i - 1 if first else i) - empty * (j == i) - (empty + 0.2) * (j == n)
                     - 3 * (unfit[0][i] + unfit[i][j] + unfit[j][n])
                     - 2 * (off[0][i] + off[1][j] - off[1][i] + off[2][n] - off[2][j])
                     + (pull[j] - pull[i]) - 0.4 * (plain[j] - plain[i])
                     - 1.2 * pull[i] - 0.8 * (pull[n] - pull[j]))
            if score > best + 1e-9:
                best, cut = score, (i, j)
    return cut


def column_width(intervals: list[Width]) -> float | None:
    """The wrap width most of a column's items agree on, or None when they do not agree."""
    if len(intervals) < 3:
        return None
    los, his = sorted(lo for lo, _ in intervals), sorted(hi + 0.1 for _, hi in intervals)
    count, width = max((bisect_right(los, x + 0.1) - bisect_left(his, x), -x) for x in los)
    return -width if count >= 0.6 * len(intervals) else None


class Part(NamedTuple):
    """The part of a table row on one page, cut into items and measured once."""
    items: Items
    widths: list[Width]
    cues: list[float]


def row_parts(rest: list[Piece]) -> list[Part]:
    """A row's pieces after its strategic goal, split at page breaks (each restarts every column)."""
    chunks: list[list[Piece]] = []
    for p in rest:
        if p.fresh or not chunks:
            chunks.append([])
        chunks[-1].append(p)
    parts = []
    for chunk in chunks:
        items = split_items(chunk)
        parts.append(Part(items, [bounds(it) for it in items], [cue(it) for it in items]))
    return parts


def layout_row(parts: list[Part], table: tuple[float | None, ...] = NO_TABLE) -> tuple[Items, Items, Items]:
    """-> (area-goal items, indicator items, activity items) of one row."""
    goal: Items = []
    inds: Items = []
    acts: Items = []
    for n, part in enumerate(parts):
        i, j = assign_columns(part.widths, part.cues, n == 0, table)
        goal += part.items[:i]
        inds += part.items[i:j]
        acts += part.items[j:]
    return goal, inds, acts


def local_width(intervals: list[Width], shared: float | None) -> float | None:
    """A table's own width for a column where two or more of its sure items (see
    :func:`layout_tables`) agree on one that the layout's shared width contradicts (one table
    drawn with a wider column), else ``shared``."""
    if len(intervals) < 2:
        return shared
    lo, hi = max(a for a, _ in intervals), min(b for _, b in intervals)
    if lo > hi + 0.1 or (shared is not None and lo - 0.2 <= shared <= hi + 0.2):
        return shared
    return lo


def layout_tables(tables: list[list[list[Piece]]]) -> list[list[tuple[Items, Items, Items]]]:
    """Lay out the rows of tables that share one layout, twice: the second time against the
    column widths the first pass agrees on across the tables. A table whose sure items (a row's
    first item is its area goal, its last its activity, a cue-word item its indicator) agree on
    another width keeps its own."""
    parts = [[row_parts(rest) for rest in rows] for rows in tables]
    cols: list[list[Width]] = [[], [], []]
    sure: list[list[list[Width]]] = []
    for table in parts:
        sure.append([[], [], []])
        for row in table:
            for n, part in enumerate(row):
                i, j = assign_columns(part.widths, part.cues, n == 0)
                for c, (a, b) in enumerate(((0, i), (i, j), (j, len(part.items)))):
                    cols[c] += part.widths[a:b]
                sure[-1][1] += [w for w, q in zip(part.widths[i:j], part.cues[i:j]) if q]
            if row and row[0].items:
                sure[-1][0].append(row[0].widths[0])
            if sum(len(part.items) for part in row) >= 3:
                sure[-1][2].append(row[-1].widths[-1])
    shared = [column_width(c) for c in cols]
    out = []
    for table, own in zip(parts, sure):
        widths = tuple(local_width(own[c], shared[c]) for c in range(3))
        out.append([layout_row(row, widths) for row in table])
    return out


def same_layout(a: tuple[str, Width], b: tuple[str, Width]) -> bool:
    """Tables share a layout when their headers read alike and their strategic-goal columns
    can have the same width."""
    return _norm(a[0]) == _norm(b[0]) and max(a[1][0], b[1][0]) <= min(a[1][1], b[1][1]) + 0.2


def source_items(items: Items) -> list[bool]:
    """Which items are bare lines naming a data source: 'Kolada', 'HVB-uppföljning', or any
    member of a run of three or more bare lines one of which names a source ('LOKE', 'ASI')."""
    bare = [len(it) == 1 and len(it[0].text.split()) <= 3 and not re.search(r"[.!?:]$", it[0].text)
            for it in items]
    named = [b and bool(SOURCE_WORD.search(it[0].text)) for b, it in zip(bare, items)]
    run = sum(bare) >= 3 and any(named)
    return [n or (b and run) for b, n in zip(bare, named)]


def money(text: str) -> Decimal | None:
    """The one amount in kronor a budget line states, else None."""
    found = MONEY.findall(text)
    if len(found) != 1:
        return None
    number, unit = found[0]
    value = Decimal(re.sub(r"\s", "", number).replace(",", "."))
    value *= {"miljoner": 1_000_000, "mkr": 1_000_000, "tkr": 1000}.get(unit.lower(), 1)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def names(text: str) -> list[str]:
    """'FoU-ledare och teamchef.' -> ['FoU-ledare', 'teamchef']."""
    return [n.strip() for n in re.split(r",\s*|\s+och\s+", text.strip().rstrip(".")) if n.strip()]


def sentences(text: str) -> list[str]:
    """Split prose at sentence ends (a lower-case word, a full stop, a capital)."""
    return [s.strip() for s in re.split(r"(?<=[a-zåäö)]{2}\.)\s+(?=[A-ZÅÄÖ])", text) if s.strip()]


class GoalTableExtractor(Extractor):
    name = "goal-table"

    def matches(self, doc: SourceDocument) -> float:
        """Count the template's markers: goal-table headers, area field labels, 'Mätetal' mentions."""
        heads = fields = 0
        for line in doc.lines:
            t = line.text
            if TABLE_HEAD.match(t) and HEAD_REST.search(t):
                heads += 1
            elif TABLE_HEAD.match(t):
                heads += 0.5
            elif re.match(r"(Område|Målgrupp|Syfte|Uppföljningsansvarig\w*|Budget och finansiering|"
                          r"Hur mäts resultatet)\s*:", t):
                fields += 1
        mentions = sum(1 for line in doc.lines if re.search(r"\bmätetal\b", line.text, re.IGNORECASE))
        return min(1.0, 0.2 * min(heads, 3) + 0.1 * min(fields, 3) + 0.05 * min(mentions, 2))

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        """Walk the document once: headings open sections (a heading right above another is
        their parent), field blocks open areas, tables are collected; then lay the tables out
        together (:func:`layout_tables`) and add each row's goals, indicators and activities."""
        pieces = prepare(doc)
        plan = builder.plan
        goal_list = strategic_goals(pieces)
        self.goals = [label for label, _ in goal_list]
        self.tables: list[tuple[tuple[str, Width], URIRef | None, list]] = []
        for label, ps in goal_list:
            node = builder.node(PG.Goal, label, Span.covering(p.span for p in ps), confidence=BLOCK)
            if plan is not None:
                builder.link(plan, PG.hasGoal, node, node_span(ps), quote=label, confidence=BLOCK)
        parent: tuple[URIRef, str] | None = None
        section = area = None
        i = 0
        while i < len(pieces):
            p = pieces[i]
            if TABLE_HEAD.match(p.text):
                i = self._table(pieces, i, builder, area or section or plan)
            elif field_role(p):
                i, area = self._block(pieces, i, builder, section or (parent[0] if parent else plan))
            elif is_heading(pieces, i, in_table=False):
                node = builder.node(PG.FocusArea, p.text, p.span, confidence=BLOCK)
                if i + 1 < len(pieces) and is_heading(pieces, i + 1, in_table=False):
                    parent, section = (node, p.text), None
                    owner = plan
                else:
                    if parent and p.text.split()[0].lower() == parent[1].split()[0].lower():
                        parent = None  # "FoUrum utbildning" after "FoUrum social välfärd …": a new series
                    owner = parent[0] if parent else plan
                    section = node
                if owner is not None:
                    builder.link(owner, PG.hasFocusArea, node, p.span, quote=p.text, confidence=BLOCK)
                area = None
                i += 1
            else:
                i += 1
        self._emit_tables(builder)

    # -- header blocks --------------------------------------------------------------------------
    def _block(self, pieces: list[Piece], i: int, builder: GraphBuilder,
               owner: URIRef | None) -> tuple[int, URIRef | None]:
        """Read ``Label: value`` fields up to the table; returns (next index, the block's area)."""
        fields: list[tuple[str, list[Piece], str]] = []
        j = i
        while j < len(pieces):
            p = pieces[j]
            found = field_role(p)
            if found:
                fields.append((found[0], [p], found[1]))
            elif (not fields or TABLE_HEAD.match(p.text) or (p.fresh and not p.bullet)
                  or is_heading(pieces, j, in_table=False)):
                break
            else:
                fields[-1][1].append(p)
            j += 1
        area = owner
        for role, ps, first in fields:
            label = join([replace(ps[0], text=first)] + ps[1:] if first else ps[1:]).rstrip(".")
            if role == "area" and label:
                node = builder.node(PG.FocusArea, label, node_span(ps), confidence=BLOCK)
                if owner is not None:
                    builder.link(owner, PG.hasFocusArea, node, node_span(ps), quote=label, confidence=BLOCK)
                area = node
        for role, ps, first in fields:
            if area is not None:
                self._field(builder, area, role, ps, first)
        return j, area

    def _field(self, builder: GraphBuilder, area: URIRef, role: str, ps: list[Piece], first: str) -> None:
        head = [replace(ps[0], text=first, phys=())] if first else []
        lead: list[Piece] = []  # the value up to the first bullet
        groups: list[list[Piece]] = []  # each bullet with its wrapped lines
        for p in head + ps[1:]:
            if p.bullet:
                groups.append([p])
            elif groups:
                groups[-1].append(p)
            else:
                lead.append(p)
        text, span = join(lead), node_span(ps)
        for k, p in enumerate(ps):  # "De tre fokusområdena … är:" followed by bullets
            if FOCUS_LIST.search(p.text):
                for q in ps[k + 1:]:
                    if not q.bullet:
                        break
                    node = builder.node(PG.FocusArea, q.text, q.span, confidence=CUE)
                    builder.link(area, PG.hasFocusArea, node, q.span, quote=q.text, confidence=CUE)
        listed = [(join(g), node_span(g)) for g in groups]
        items = listed if listed and (not text or text.endswith(":")) else [(text, span)] if text else []
        if role == "target":
            for label, sp in items:
                builder.link(area, PG.targetGroup, builder.node(PG.TargetGroup, label, sp, confidence=BLOCK),
                             sp, quote=label, confidence=BLOCK)
        elif role == "purpose":
            for label, sp in items:
                builder.link(area, PG.hasGoal, builder.node(PG.Goal, label, sp, confidence=CUE),
                             sp, quote=label, confidence=CUE)
        elif role == "measure" and text:
            for s in sentences(text):
                ind = builder.node(PG.Indicator, s, span, confidence=BLOCK)
                builder.link(area, PG.measuredBy, ind, span, quote=s, confidence=BLOCK)
                self._sources(builder, [ind], s, span)
        elif role == "budget" and text:
            node = builder.node(PG.Budget, text, span, confidence=BLOCK)
            amount = money(text)
            if amount is not None:
                builder.set(node, PG.amount, amount)
            builder.link(area, PG.budget, node, span, quote=text, confidence=BLOCK)
        elif role == "responsible" and text:
            for name in names(text):
                body = builder.node(PG.ResponsibleBody, name, span, confidence=BLOCK)
                builder.link(body, PG.responsibleFor, area, span, quote=text, confidence=BLOCK)
        elif role == "comment":
            for s in sentences(join([p for p in head + ps[1:] if not p.bullet])):
                if RISK.search(s):
                    node = builder.node(PG.Assumption, s, span, confidence=CUE)
                    builder.link(area, PG.assumes, node, span, quote=s, confidence=CUE)

    def _sources(self, builder: GraphBuilder, subjects: list[URIRef], text: str, span: Span) -> None:
        for m in SOURCE_MENTION.finditer(text):
            src = builder.node(PG.DataSource, m.group(1), span, confidence=CUE)
            for s in subjects:
                builder.link(s, PG.dataSource, src, span, quote=m.group(1), confidence=CUE)

    # -- tables ---------------------------------------------------------------------------------
    def _table(self, pieces: list[Piece], i: int, builder: GraphBuilder, area: URIRef | None) -> int:
        """Read one goal table from its header; returns the index after its last row."""
        head = ""
        while i < len(pieces) and "aktivitet" not in head.lower() and len(head) < 120:
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
             laid: tuple[Items, Items, Items]) -> None:
        label, first = strategic
        sg = builder.node(PG.Goal, label, node_span(first), quote=join(first), confidence=CELL)
        cell, inds, acts = [p for it in laid[0] for p in it], laid[1], laid[2]
        goal = self._area_goal(builder, sg, cell)
        if area is not None and goal != sg:
            builder.link(area, PG.hasGoal, goal, node_span(cell), confidence=CELL)
        indicators: list[URIRef] = []
        sources: list[tuple[list[Piece], str]] = []
        for kind, group in ((PG.Indicator, inds), (PG.Activity, acts)):
            for it, source in zip(group, source_items(group)):
                text = join(it)
                if source:
                    sources.append((it, text))
                    continue
                label = LABEL_PREFIX.sub("", text) or text
                node = builder.node(kind, label, node_span(it), quote=text, confidence=CELL)
                if kind == PG.Indicator:
                    indicators.append(node)
                    builder.link(goal, PG.measuredBy, node, node_span(it), quote=text, confidence=CELL)
                else:
                    builder.link(node, PG.servesGoal, goal, node_span(it), quote=text, confidence=CELL)
        for it, text in sources:
            src = builder.node(PG.DataSource, text, node_span(it), confidence=CUE)
            for ind in indicators:
                builder.link(ind, PG.dataSource, src, node_span(it), quote=text, confidence=CUE)
        for it in [cell] + inds + acts:
            if it:
                self._sources(builder, indicators, join(it), node_span(it))
        if cell and goal != sg:
            self._sources(builder, [goal], join(cell), node_span(cell))

    def _area_goal(self, builder: GraphBuilder, sg: URIRef, cell: list[Piece]) -> URIRef:
        """The area-goal cell as one goal, partOf the row's strategic goal.

        A cell may hold a title, a ``Mål:`` line and a bulleted ``…mål:`` list of goals it serves
        (national environmental goals): then the ``Mål:`` text is the goal and the bullets its parents.
        """
        if not cell:
            return sg
        start = next((k for k, p in enumerate(cell) if re.match(r"mål\s*:", p.text, re.IGNORECASE)), None)
        parents: list[list[Piece]] = []
        if start is None:
            own = cell
        else:
            own, k = [], start
            while k < len(cell) and not (k > start and (cell[k].bullet or cell[k].text.endswith(":"))):
                own.append(cell[k])
                k += 1
            listing = False
            for p in cell[k:]:
                if re.search(r"mål\s*:$", p.text, re.IGNORECASE):
                    listing = True
                elif listing and p.bullet:
                    parents.append([p])
                elif listing and parents and p.text[:1].islower():
                    parents[-1].append(p)  # a wrapped bullet
                else:
                    listing = False
        quote = join(own)
        label = re.sub(r"^mål\s*:\s*", "", quote, flags=re.IGNORECASE)
        goal = builder.node(PG.Goal, label, node_span(own), quote=quote, confidence=CELL)
        builder.link(goal, PG.partOf, sg, node_span(own), quote=quote, confidence=CELL)
        for ps in parents:
            text = join(ps)
            node = builder.node(PG.Goal, text, node_span(ps), confidence=CELL)
            builder.link(goal, PG.partOf, node, node_span(ps), quote=text, confidence=CELL)
        return goal


def node_span(pieces: list[Piece]) -> Span:
    return Span.covering(p.span for p in pieces)
