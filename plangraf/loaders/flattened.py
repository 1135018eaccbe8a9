"""Flattened tables: cut the cells of a PDF-to-text table back into columns.

PDF-to-text extraction of a table often writes each row cell by cell: all lines of the first
cell, then all lines of the second, and so on, with no mark where a cell ends. This module
recovers the columns from two observations that hold for any such table:

* **wrap width** — each column wraps its lines at one printed width. A line's width is measured
  with proportional glyph widths (:data:`GLYPH`, :func:`em`); an item's :func:`bounds` say how
  wide its column is at least (its widest line) and at most (a wrapped line plus the next word
  did not fit). Items of one column must share a width; tables of one layout share widths too.
* **cue words** — an item's opening can say which column it belongs in (an indicator column's
  "75 % av", "Antal", "Nyckeltal:"). The cue is a function passed in; :func:`indicator_cue`
  is the default.

The API, from a document to laid-out rows:

1. :func:`prepare` — the document's non-empty lines as :class:`Piece` objects (original line
   span, page start, paragraph gap, printed lines); :func:`cut_sentences` splits lines where a
   sentence ends mid-line (the end of one cell and the start of the next).
2. The caller (:mod:`plangraf.loaders.rows`) finds its tables and the rows' key cells itself (a
   header line, a repeated first-column text) and hands the rest of each row, as pieces, to
3. :func:`layout_tables` — rows of all tables that share one layout, each cut into items
   (:func:`split_items`) and into three columns by :func:`assign_columns`: a *lead* column (never
   empty on a row's first page), a *cued* column that cue words pull items into, and a *tail*
   column. Items that open alike ('Bibehålla och öka …' twice) are kept in one column. A row
   continued on the next page (a ``fresh`` piece) restarts every column. An item that starts
   mid-line after a full stop goes back into the column before when the whole printed line fits
   that column (:func:`pull_back`).
4. :func:`paragraphs` — a column's items as cell paragraphs: an item that goes on the printed
   line of the one before is the same paragraph's next sentence.

:func:`join` rejoins an item's pieces into text (wrapped hyphenation undone); :func:`node_span`
gives the original lines an item covers.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import NamedTuple

from plangraf.graph.model import Span
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.values import ABBREVIATION, CONNECT

PAGE_NO = re.compile(r"\d{1,3}")
SPACES, DOUBLE_SPACE = re.compile(r"[\s\u00a0]+"), re.compile(r"\s{2,}")
GLYPH_START = re.compile(r"^[\uf000-\uf8ff•·▪►●○■□✓]\s*")
SENTENCE_CUT = re.compile(r"(?<=[a-zåäö0-9)”]{2}[.!?])(?<!\.\w\w\.)\s+(?=[A-ZÅÄÖ]|\d)")  # not after "t.ex."
LIST_MARK = re.compile(r"^([a-e]|\d{1,2})[).]\s")
WRAP_STOP, SENTENCE_END = re.compile(r"[-.!?:]$"), re.compile(r"[.!?][”)]?$")
CELL_LABEL = re.compile(r"\w*mål\s*:", re.IGNORECASE)  # "Mål:", "Miljökvalitetsmål:" under a cell's title
IND_STRONG = re.compile(r"^(nyckeltal\b|mätetal\b|\d+\s*%|\d+\s*procent|(minst|högst|antal|antalet|andel(en)?"
                        r"|närvaro(n)?|poäng)\b)|\d\s*%", re.IGNORECASE)
IND_WEAK = re.compile(r"^\d+(\s*[-–]\s*\d+)?\s+[a-zåäö]")

class _Glyphs(dict):
    def __missing__(self, key: str) -> float:
        return 0.5  # an unlisted glyph: the average lower-case width


GLYPH = _Glyphs({  # advance widths (em) of a Times-like serif; the tables' wrap points fit it best
    **dict.fromkeys(" .,", 0.25), **dict.fromkeys("ijlt:;/!'|", 0.278), **dict.fromkeys("frI()-", 0.333),
    **dict.fromkeys("sJ", 0.389), **dict.fromkeys("acezåä”\"", 0.444), **dict.fromkeys("FPS", 0.556),
    **dict.fromkeys("ELTZ", 0.611), **dict.fromkeys("BCR", 0.667), **dict.fromkeys("wADGHKNOQUVXYÅÄÖ", 0.722),
    "m": 0.778, "%": 0.833, "M": 0.889, "W": 0.944})


@dataclass(frozen=True, slots=True)
class Piece:
    """A non-empty cleaned line (or a part of one) with its original line span.

    ``phys``: the printed lines it touches as (line number, original text), to measure wrap
    widths even where cleaning moved a hyphenated fragment; ``fresh``: first text of a page
    (headings start pages); ``gap``: a paragraph break precedes it; ``cut``: it goes on the
    printed line of the piece before, after a sentence end (:func:`cut_sentences`).
    """

    text: str
    start: int
    end: int
    page: int | None = None
    bullet: bool = False
    fresh: bool = False
    gap: bool = False
    phys: tuple[tuple[int, str], ...] = ()
    cut: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.page)


Width = tuple[float, float]  # (widest line, narrowest wrap) of an item, in em
Items = list[list[Piece]]  # items, each the pieces of one cell entry
Columns = tuple[Items, Items, Items]  # (lead, cued, tail) items of one row
NO_TABLE: tuple[float | None, ...] = (None, None, None)


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
    bare = [r.strip() for r in raw]
    above = list(accumulate(range(len(raw)), lambda k, n: n if bare[n] else k, initial=-1))
    # above[n]: the last non-blank line before line n (0-based), -1 for none
    texts = [r for r, b in zip(raw, bare) if b]
    # this extraction starts each page with a space; trust that only where few lines are indented
    lead = sum(r[:1] == " " for r in texts) <= 0.05 * len(texts)
    gap, page = False, None
    for line in doc.lines:
        text = line.text
        if not text or PAGE_NO.fullmatch(text) or text.startswith("http"):
            gap = gap or not text
            continue
        new_page, page = line.page is not None and page is not None and line.page != page, line.page
        k = above[line.start - 1]
        fresh = (new_page or (lead and raw[line.start - 1][:1] == " ")
                 or (k >= 0 and bool(PAGE_NO.fullmatch(bare[k]))))
        source = bare[line.start - 1].replace("\u00a0", " ") if line.start == line.end else ""
        chunks = [c for c in DOUBLE_SPACE.split(source) if c] if "  " in source else [text]
        if len(chunks) < 2 or " ".join(chunks) != text:
            chunks = [text]
        if line.start == line.end and not line.bullet and bare[line.start - 1] == text:
            phys: tuple[tuple[int, str], ...] = ((line.start, text),)
        else:
            phys = tuple((n + 1, GLYPH_START.sub("• ", SPACES.sub(" ", bare[n])))
                         for n in range(line.start - 1, line.end) if bare[n])
        for n, chunk in enumerate(chunks):
            out.append(Piece(chunk, line.start, line.end, line.page, line.bullet and n == 0, fresh and n == 0,
                             gap and n == 0, phys if len(chunks) == 1 else ((line.start, chunk),)))
        gap = False
    return out


def cut_sentences(pieces: list[Piece]) -> list[Piece]:
    """Split table lines where a sentence ends mid-line: 'Antal revisioner. Samordna brukarrådet/'
    holds the end of one cell and the start of the next (or, 'Följa upp' after a goal's full
    stop, the next sentence of the same cell: :func:`layout_row` and :func:`paragraphs` tell)."""
    out = []
    for p in pieces:
        chunks = SENTENCE_CUT.split(p.text)
        if len(chunks) == 1:
            out.append(p)
            continue
        for k in range(len(chunks) - 1, 0, -1):  # "kl. 10", "ca. 3": no sentence end
            if ABBREVIATION.search(chunks[k - 1]):
                chunks[k - 1:k + 1] = [f"{chunks[k - 1]} {chunks[k]}"]
        for n, chunk in enumerate(chunks):
            out.append(replace(p, text=chunk, bullet=p.bullet and n == 0, fresh=p.fresh and n == 0,
                               gap=p.gap and n == 0, phys=((p.start, chunk),) if len(chunks) > 1 else p.phys,
                               cut=p.cut if n == 0 else True))
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
        elif len(items) == 1 and CELL_LABEL.match(ct):
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


Cue = Callable[[list[Piece]], float]


def indicator_cue(item: list[Piece]) -> float:
    """How strongly an item's opening reads as an indicator ('75 % av', 'Antal', 'Nyckeltal:');
    the default cue of :func:`layout_tables` (the cued column is a table's Mätetal column)."""
    text = item[0].text
    return 1.5 if IND_STRONG.search(text) else 0.5 if IND_WEAK.match(text) else 0.0


def assign_columns(widths: list[Width], cues: list[float], first: bool = True,
                   table: tuple[float | None, ...] = NO_TABLE, alike: list[bool] | None = None) -> tuple[int, int]:
    """Cut points (i, j): items [:i] lead column, [i:j] cued column, [j:] tail column
    (in a goal table: area goal, Mätetal, Aktivitet).

    Items are given by their :func:`bounds` and cue scores. A column whose items cannot share
    one wrap width is penalised, as is an item far from the width ``table`` estimated for its
    column (:func:`column_width`); cues pull items into the cued column; a cut between two
    items that open alike (``alike[k]``: item k starts as item k-1, 'Bibehålla och öka …') costs
    too. ``first`` is False for the part of a row continued on the next page, where any column
    may be empty.
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
    split = [0.0] + [1.0 if alike and alike[k] else 0.0 for k in range(1, n)] + [0.0]  # cost of a cut before k
    best, cut = -1e9, (n, n)
    for i in range(1 if first else 0, n + 1):
        for j in range(i, n + 1):
            score = (-0.8 * (i - 1 if first else i) - empty * (j == i) - (empty + 0.2) * (j == n)
                     - 3 * (unfit[0][i] + unfit[i][j] + unfit[j][n])
                     - 2 * (off[0][i] + off[1][j] - off[1][i] + off[2][n] - off[2][j])
                     + (pull[j] - pull[i]) - 0.4 * (plain[j] - plain[i])
                     - 1.2 * pull[i] - 0.8 * (pull[n] - pull[j]) - split[i] - split[j])
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
    alike: list[bool]


def opens(item: list[Piece]) -> str | None:
    """How an item opens, to see parallel items: its first two words, or '#' for a count
    ('6 chefsträffar/år.', '3 myndighetsnätverk /år.')."""
    if IND_WEAK.match(item[0].text):
        return "#"
    words = item[0].text.lower().split()[:2]
    return " ".join(words) if len(words) == 2 else None


def row_parts(rest: list[Piece], cue: Cue = indicator_cue) -> list[Part]:
    """A row's pieces after its strategic goal, split at page breaks (each restarts every column)."""
    chunks: list[list[Piece]] = []
    for p in rest:
        if p.fresh or not chunks:
            chunks.append([])
        chunks[-1].append(p)
    parts = []
    for chunk in chunks:
        items = split_items(chunk)
        opening = [opens(it) for it in items]
        alike = [k > 0 and opening[k] is not None and opening[k] == opening[k - 1] for k in range(len(items))]
        parts.append(Part(items, [bounds(it) for it in items], [cue(it) for it in items], alike))
    return parts


def layout_row(parts: list[Part], table: tuple[float | None, ...] = NO_TABLE) -> Columns:
    """-> (lead, cued, tail) items of one row, each page's part laid out on its own."""
    lead: Items = []
    cued: Items = []
    tail: Items = []
    for n, part in enumerate(parts):
        i, j = assign_columns(part.widths, part.cues, n == 0, table, part.alike)
        i, j = pull_back(part, (i, j), table)
        lead += part.items[:i]
        cued += part.items[i:j]
        tail += part.items[j:]
    return lead, cued, tail


def pull_back(part: Part, cut: tuple[int, int], table: tuple[float | None, ...] = NO_TABLE) -> tuple[int, int]:
    """Move a column's first item back into the column before when it starts mid-line after that
    column's last item and the whole printed line fits that column: 'försörjningsstöd. Följa upp'
    is one goal cell's line, 'Antal revisioner. Samordna brukarrådet/' (wider than the Mätetal
    column) the end of one cell and the start of the next."""
    bounds_ = [0, *cut, len(part.items)]
    for c in (0, 1):
        k = bounds_[c + 1]
        if not (bounds_[c] < k < bounds_[c + 2]) or not part.items[k][0].cut:
            continue
        before, first = part.items[k - 1][-1], part.items[k][0]
        known = table[c]
        width = known if known is not None else max(part.widths[m][0] for m in range(bounds_[c], k))
        if em(f"{before.text} {first.text}") <= width + 0.2:
            bounds_[c + 1] += 1
    return bounds_[1], max(bounds_[1], bounds_[2])


def paragraphs(items: Items) -> Items:
    """A column's items joined where one goes on the printed line the one before ends on (a
    second sentence of the same cell): 'Årligen bistå … på försörjningsstöd. Följa upp resultat'."""
    out: Items = []
    for it in items:
        if out and it[0].cut and (it[0].start, it[0].end) == (out[-1][-1].start, out[-1][-1].end):
            out[-1] = out[-1] + it
        else:
            out.append(list(it))
    return out


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


def layout_tables(tables: list[list[list[Piece]]], cue: Cue = indicator_cue) -> list[list[Columns]]:
    """The generic entry point: ``tables[t][r]`` is the pieces of row r of table t after the
    row's key cell; returns ``[t][r]`` -> (lead, cued, tail) items.

    All tables given must share one layout (same header, same column widths). Rows are laid out
    twice: the second time against the column widths the first pass agrees on across the
    tables. A table whose sure items (a row's first item is in the lead column, its last in the
    tail, a cued item in the cued column) agree on another width keeps its own."""
    parts = [[row_parts(rest, cue) for rest in rows] for rows in tables]
    cols: list[list[Width]] = [[], [], []]
    sure: list[list[list[Width]]] = []
    for table in parts:
        sure.append([[], [], []])
        for row in table:
            for n, part in enumerate(row):
                i, j = assign_columns(part.widths, part.cues, n == 0, alike=part.alike)
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


def node_span(pieces: list[Piece]) -> Span:
    """The original lines (and first page) some pieces cover (:meth:`Span.covering`, inlined:
    it runs for every node and link)."""
    pages = [p.page for p in pieces if p.page is not None]
    return Span(min(p.start for p in pieces), max(p.end for p in pieces), min(pages) if pages else None)
