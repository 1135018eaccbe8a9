"""Text cleaning: pure functions from a file's original lines to cleaned lines with a map back.

PDF-to-text output is noisy in ways that break rules keyed on structure: words hyphenated at line
ends ("utveckl-" / "ing"), bullets drawn with private-use glyphs (U+F0B7), no-break and doubled
spaces, pages where every line is followed by a blank line, page numbers and running headers,
footnote numbers glued to words ("strukturen1"). :func:`clean_lines` undoes these and returns one
:class:`Line` per original text line, each carrying the original 1-based line numbers it came from,
so provenance stays exact.

Choices (extractors rely on them):

* **One cleaned line per original line.** Lines are never merged wholesale. When a word is split
  across lines, the fragment *moves*: "... för utveckl-" (line 10) + "ing av insatser" (line 11)
  become ``Line("... för utveckling", 10, 11)`` and ``Line("av insatser", 11, 11)``. A line
  emptied by the move disappears (the line before now ends at it).
* **Blank lines are paragraph breaks**, kept as ``Line("", n, n)``, never two in a row, none at
  the start or end. In a double-spaced region (nearly every line followed by one blank) single
  blanks are dropped and a run of two or more becomes the break. No blank run is a break where
  the next line visibly goes on with the sentence (no end punctuation, lower-case start).
* **Dehyphenation** (:func:`hyphen_join`): joined unless a compound ellipsis ("hälso-" / "och"),
  a number range, an acronym ("SIP-mötena") or the document's own spelling says otherwise.
* **Bullets**: a leading glyph (U+F000-U+F8FF, "•", "▪", "-", ...) is stripped and
  ``Line.bullet`` set; "–" counts only when a neighbouring line starts with it too, as it also
  starts continuations ("Antal samverkanstillfällen kommuner" / "– Region").
* **Page furniture**: "Sida 3 av 20" and "- 3 -" lines go; bare numbers go only when they form an
  increasing page-number sequence, or sit at a page edge when pages are known. Running headers
  and footers (at a page edge on half the pages or more, never elsewhere) go only when pages are
  known. Lines that merely repeat are kept: in plans they are table headers and question prompts
  ("Hur kan det mätas?"), which extractors key on.
* **Footnote marks** glued to words ("strukturen1") go when a footnote line "1 ..." follows.
* Form feeds (``\\f``) are page breaks when no page list is given.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, pairwise

from plangraf.graph.model import Span


@dataclass(frozen=True)
class Line:
    """A cleaned line and the original 1-based line numbers (inclusive) it came from."""

    text: str
    start: int
    end: int
    page: int | None = None
    bullet: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.page)


# -- characters ------------------------------------------------------------------------------
SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")
CHAR_MAP = str.maketrans({"\u2010": "-", "\u2011": "-", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl",
                          "\ufb03": "ffi", "\ufb04": "ffl", "\u2212": "-"})
SUPERSCRIPT_MARK = re.compile(r"(?<=[^\W\d_]{3})[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")
PUA = re.compile(r"[\ue000-\uf8ff]")
UNUSUAL = re.compile(r"[^ -~\u00c0-\u00ff]")  # beyond printable ASCII and Latin-1 letters


def normalize_chars(text: str) -> str:
    """NFC, odd spaces and hyphens to plain ones, ligatures, no doubled spaces, stripped.

    A soft hyphen (U+00AD) vanishes inside a line but is kept at the end, where it marks a
    word split across lines that :func:`hyphen_join` undoes.
    """
    if not UNUSUAL.search(text):
        return " ".join(text.split())
    text = unicodedata.normalize("NFC", text).translate(CHAR_MAP)
    text = INVISIBLE.sub("", text.replace("\t", " "))
    text = SUPERSCRIPT_MARK.sub("", text)
    text = SPACES.sub(" ", text).strip()
    if "\u00ad" in text:
        soft_end = text.endswith("\u00ad")
        text = text.replace("\u00ad", "") + ("\u00ad" if soft_end else "")
    return text


BULLET_GLYPHS = "\uf000-\uf8ff•·▪▫►▶●○◦■□✓✔❖➢➤⁃∙"
BULLET = re.compile(rf"^(?:[{BULLET_GLYPHS}]+\s*|[-*]\s+(?=\S)|-(?=[A-ZÅÄÖ][a-zåäö]))")
EN_DASH_BULLET = re.compile(r"^[–—]\s+(?=\S)")
BULLET_STARTS = set("•·▪▫►▶●○◦■□✓✔❖➢➤⁃∙-*–—")  # cheap pre-check; private-use glyphs are searched


def split_bullet(text: str, dash_list: bool = False) -> tuple[str, bool]:
    """Strip a leading bullet glyph: ('• Mål', ...) -> ('Mål', True).

    ``dash_list`` says a neighbouring line starts with "–" too, so "–" is a bullet here.
    A line of only a glyph returns ('', True). Glyphs inside the line become spaces.
    """
    m = BULLET.match(text) or (EN_DASH_BULLET.match(text) if dash_list else None)
    if m:
        text = text[m.end():]
    elif re.fullmatch(rf"[{BULLET_GLYPHS}]", text):
        return "", True
    if PUA.search(text):
        text = SPACES.sub(" ", PUA.sub(" ", text)).strip()
    return text, bool(m)


# -- page furniture --------------------------------------------------------------------------
PAGE_MARKER = re.compile(r"(?i)(?:sida|sid\.?|page)\s*\d{1,4}(?:\s*(?:av|of|/|\()\s*\d{1,4}\)?)?"
                         r"|[-–—]\s*\d{1,3}\s*[-–—]")
BARE_NUMBER = re.compile(r"\d{1,3}")
LINES_PER_PAGE = (15, 400)
CHAIN_REACH = 40  # candidates looked back/ahead when chaining page numbers (keeps it linear)


def pages_from_form_feeds(raw_lines: list[str]) -> list[int | None] | None:
    """Page per line from form feeds (pdftotext's page breaks), or None when there are none.

    A form feed before a line's text starts a new page on that line; after it, on the next.
    """
    if not any("\f" in line for line in raw_lines):
        return None
    pages: list[int | None] = []
    page, pending = 1, 0
    for line in raw_lines:
        page += pending
        pending = 0
        lead = len(line) - len(line.lstrip("\f \t"))
        page += line[:lead].count("\f")
        pending = line[lead:].count("\f")
        pages.append(page)
    return pages


def page_number_lines(texts: list[str], pages: list[int | None] | None = None) -> set[int]:
    """Indexes of lines that are page numbers or page markers.

    A bare number counts when blank lines surround it and it belongs to a chain of at least three
    such numbers that increase at a plausible pace through the file (15-400 lines per page), or,
    when pages are known, when it is the first or last text line of its page. Table cells ("0",
    "473") fail both tests and stay.
    """
    out = {i for i, t in enumerate(texts) if t and PAGE_MARKER.fullmatch(t)}
    cands: list[tuple[int, int]] = []
    for i, t in enumerate(texts):
        if t and BARE_NUMBER.fullmatch(t):
            before = i == 0 or not texts[i - 1]
            after = i + 1 == len(texts) or not texts[i + 1]
            if before and after:
                cands.append((i, int(t)))
    if pages:
        out |= {i for i in page_edges(texts, pages, 1) if BARE_NUMBER.fullmatch(texts[i])}
    lo, hi = LINES_PER_PAGE

    def ok(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return b[1] > a[1] and lo * (b[1] - a[1]) <= b[0] - a[0] <= hi * (b[1] - a[1])

    n, reach = len(cands), CHAIN_REACH
    ending, starting = [1] * n, [1] * n
    for k in range(n):
        ending[k] = max([ending[j] + 1 for j in range(max(0, k - reach), k) if ok(cands[j], cands[k])], default=1)
    for k in reversed(range(n)):
        starting[k] = max([starting[j] + 1 for j in range(k + 1, min(n, k + reach + 1))
                           if ok(cands[k], cands[j])], default=1)
    out |= {cands[k][0] for k in range(n) if ending[k] + starting[k] - 1 >= 3}
    return out


def page_edges(texts: list[str], pages: list[int | None], depth: int = 2) -> list[int]:
    """Indexes of the first and last ``depth`` text lines of each page."""
    by_page: dict[int | None, list[int]] = {}
    for i, t in enumerate(texts):
        if t:
            by_page.setdefault(pages[i] if i < len(pages) else None, []).append(i)
    edges: list[int] = []
    for idx in by_page.values():
        edges += sorted(set(idx[:depth] + idx[-depth:]))
    return edges


def header_footer_lines(texts: list[str], pages: list[int | None] | None) -> set[int]:
    """Running headers/footers: text (digits aside) at a page edge on at least half the pages
    (three or more) and nowhere else. A repeated table header is kept: where its table starts
    it stands mid-page.
    """
    if not pages:
        return set()
    npages = len({p for p in pages if p is not None})
    if npages < 3:
        return set()
    edges = page_edges(texts, pages)
    edge_set = set(edges)
    keys = {i: re.sub(r"\d+", "#", t.lower()) for i, t in enumerate(texts) if t}
    at_edge: dict[str, set[int | None]] = {}
    for i in edges:
        at_edge.setdefault(keys[i], set()).add(pages[i])
    elsewhere = {k for i, k in keys.items() if i not in edge_set}
    common = {k for k, ps in at_edge.items() if len(ps) >= max(3, npages / 2) and k not in elsewhere}
    return {i for i in edges if keys[i] in common}


# -- footnotes -------------------------------------------------------------------------------
GLUED_MARK = re.compile(r"(?<=[a-zåäöéü]{3})(\d{1,2})(?=[\s.,;:)]|$)", re.MULTILINE)
GLUED_HINT = re.compile(r"[0-9](?<=[a-zåäöéü][0-9])")
FOOTNOTE_LINE = re.compile(r"(\d{1,2}) [A-ZÅÄÖa-zåäö]")
FOOTNOTE_REACH = 300


def strip_footnote_marks(texts: list[str]) -> list[str]:
    """Drop footnote numbers glued to words ("strukturen1" -> "strukturen").

    Only when the same number later opens a footnote line ("1 De regionala ...") within
    FOOTNOTE_REACH lines, so codes like "covid19" or "åk7" stay.
    """
    notes: dict[int, list[int]] = {}
    for i, t in enumerate(texts):
        if t[:1].isdigit():
            m = FOOTNOTE_LINE.match(t)
            if m:
                notes.setdefault(int(m.group(1)), []).append(i)
    if not notes:
        return texts
    whole = "\n".join(texts)
    starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
    hits = sorted({bisect_right(starts, m.start()) - 1 for m in GLUED_HINT.finditer(whole)})
    out = list(texts)
    for i in hits:

        def drop(m: re.Match[str], i: int = i) -> str:
            later = notes.get(int(m.group(1)), [])
            return "" if any(i < j <= i + FOOTNOTE_REACH for j in later) else m.group(0)

        out[i] = GLUED_MARK.sub(drop, texts[i])
    return out


# -- double spacing --------------------------------------------------------------------------
WINDOW = 6
DOUBLE_SHARE = 0.75


def paragraph_breaks(gaps: list[int], continues: list[bool] | None = None, window: int = WINDOW,
                     share: float = DOUBLE_SHARE) -> list[bool]:
    """For each gap (blank lines between text line k and k+1): is it a real paragraph break?

    Where at least ``share`` of the gaps around (``window`` on each side) have a blank line, the
    region is double-spaced: one blank is spacing, two or more a break. Elsewhere any blank is.
    ``continues[k]`` says line k+1 visibly continues line k's sentence (see
    :func:`continues_sentence`): then no blank run is a break, as in a page break mid-sentence.
    """
    out: list[bool] = []
    prefix = [0]
    for g in gaps:
        prefix.append(prefix[-1] + (g > 0))
    for k, g in enumerate(gaps):
        lo, hi = max(0, k - window), min(len(gaps), k + window + 1)
        double = hi - lo >= 3 and (prefix[hi] - prefix[lo]) / (hi - lo) >= share
        out.append((g >= 2 if double else g >= 1) and not (continues and continues[k]))
    return out


SENTENCE_END = re.compile(r"[.!?:;]\W*$")


def continues_sentence(line: str, next_line: str, next_bullet: bool = False) -> bool:
    """Whether ``next_line`` goes on with ``line``'s sentence: no end punctuation, lower-case start.

    ("Denna bilaga innehåller ... är en" / "reviderad version.") Bullets start items, never.
    """
    return (not next_bullet and (next_line[:1].islower() or (next_line[:1] == "(" and next_line[1:2] != "("))
            and bool(line) and not SENTENCE_END.search(line))


# -- dehyphenation ---------------------------------------------------------------------------
ELLIPSIS_WORDS = {"och", "eller", "samt", "som", "respektive", "resp", "liksom", "till", "men", "än"}
KNOWN_WORD = 1.0   # zipf: the joined word is a Swedish word
LEADING_LETTERS = re.compile(r"[^\W\d_]+")


def trailing_letters(text: str) -> str:
    """The run of letters that ends ``text`` ("utveckl" of "för utveckl"), found from the end:
    a regular expression anchored at $ is quadratic in a long run of letters that stops short."""
    i = len(text)
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return text[i:]
HYPHENATED = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:-[^\W\d_]+)+")  # starts a word: linear in long letter runs


@lru_cache(maxsize=2)
def _swedish_list(size: str) -> dict[str, float] | None:
    """wordfreq's ``size`` ("small": 30k common words; "large") Swedish list as word -> zipf.

    Read straight from wordfreq's data file: same values as ``wordfreq.zipf_frequency(w, "sv")``
    for single lower-case words, without importing wordfreq (0.1 s). None when the file is not
    where or what we expect; :func:`zipf` then asks wordfreq itself.
    """
    try:
        import gzip
        from importlib.util import find_spec
        from pathlib import Path

        import msgpack
        spec = find_spec("wordfreq")  # locates the package without importing it
        if spec is None or spec.origin is None:
            return None
        blob = (Path(spec.origin).parent / "data" / f"{size}_sv.msgpack.gz").read_bytes()
        data = msgpack.unpackb(gzip.decompress(blob), raw=False)
        if data[0] != {"format": "cB", "version": 1}:
            return None
    except Exception:  # noqa: BLE001 - any surprise means: use the public API
        return None
    table: dict[str, float] = {}
    for centibels, words in enumerate(data[1:]):
        table.update(dict.fromkeys(words, round(9 - centibels / 100, 2)))
    return table


@lru_cache(maxsize=65536)
def zipf(word: str, common_only: bool = False) -> float:
    """Swedish word frequency of one word (zipf scale, 0 = unknown), cached.

    ``common_only`` looks only in the small list (loads in 10 ms; words above zipf ~3); the
    large list (0.15 s to load) is read the first time a rarer word must be known.
    """
    word = word.lower()
    small = _swedish_list("small") if LEADING_LETTERS.fullmatch(word) else None
    if small is not None and (word in small or common_only):
        return small.get(word, 0.0)
    large = _swedish_list("large") if small is not None else None
    if large is not None:
        return large.get(word, 0.0)
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "sv", wordlist="small" if common_only else "best")


def hyphen_join(left: str, right: str, count: Callable[[str], int] | None = None, *,
                across_break: bool = False) -> str | None:
    """The token that a line-final ``left`` ("utveckl-") and a line-initial ``right`` ("ing,")
    make, or None when the line break is not inside a word.

    None for compound ellipsis ("hälso-" / "och"), unless the two make a common word ("gemen-" /
    "samt" = "gemensamt"), numbers ("2016-" / "2020"), a capitalised next word. The hyphen stays after an acronym, a
    single letter or a hyphenated name ("SIP-mötena", "e-hälsa", "Super-Cross-databasen").
    Otherwise the document decides when it spells one reading elsewhere (``count`` of a
    lower-cased form), else the word is joined: Swedish closes compounds, and a hyphen before a
    lower-case line start is a break. (Word frequencies cannot overrule that: wordfreq scores
    "process-ledarna" by its two common parts, above the unlisted "processledarna".)
    ``across_break``: a paragraph break or page furniture lies between; then join only if the
    joined word is a known Swedish word or the left fragment is no word at all ("traumabe-").
    """
    if not left or left[-1] not in "-\u00ad" or not right:
        return None
    stem = left[:-1]
    lword = trailing_letters(stem)
    rm = LEADING_LETTERS.match(right)
    if not lword or not rm:
        return None
    if left[-1] == "\u00ad":
        return stem + right
    rword = rm.group(0)
    joined, hyphenated = (lword + rword).lower(), f"{lword}-{rword}".lower()
    if rword.lower() in ELLIPSIS_WORDS and zipf(joined, common_only=True) < KNOWN_WORD:
        return None
    caps = lword.isupper() and rword.isupper() and len(lword) > 1
    if rword[0].isupper() and not caps:
        return None
    if across_break and zipf(joined, True) < KNOWN_WORD and zipf(lword, True) > 0 \
            and zipf(joined) < KNOWN_WORD:
        return None
    if len(lword) == 1 or (not caps and sum(c.isupper() for c in lword) >= 2) \
            or (lword[0].isupper() and "-" in stem and not caps):
        return f"{stem}-{right}"
    if count is not None and count(hyphenated) and count(hyphenated) > count(joined):
        return f"{stem}-{right}"
    return stem + right


def document_counter(texts: list[str]) -> Callable[[str], int]:
    """``count(form)``: how often a lower-cased word form occurs within one line of the text.

    Only hyphenated forms are tallied up front (few lines have an inner hyphen); a closed form
    is counted, by substring, only when its hyphenated rival occurs at all.
    """
    tally: dict[str, int] | None = None
    whole: str | None = None

    def count(form: str) -> int:
        nonlocal tally, whole
        if "-" not in form:
            if whole is None:
                whole = "\n".join(texts).lower()
            return whole.count(form)
        if tally is None:
            tally = {}
            for t in texts:
                if "-" in t[:-1]:
                    for tok in HYPHENATED.findall(t.lower()):
                        tally[tok] = tally.get(tok, 0) + 1
        return tally.get(form, 0)

    return count


# -- the pipeline ----------------------------------------------------------------------------
def clean_lines(raw_lines: list[str], pages: list[int | None] | None = None) -> list[Line]:
    """Cleaned lines of a document; see the module docstring for what is done and why."""
    pages = pages or pages_from_form_feeds(raw_lines)

    def page_of(i: int) -> int | None:
        return pages[i] if pages and i < len(pages) else None

    texts = [normalize_chars(raw.replace("\f", " ")) for raw in raw_lines]
    dropped = page_number_lines(texts, pages)
    dash = [t.startswith(("– ", "— ")) for t in texts]
    bullets = [False] * len(texts)
    pending = False
    for i, t in enumerate(texts):
        if not t:
            continue
        dash_list = False
        if dash[i]:
            before = next((j for j in range(i - 1, -1, -1) if texts[j]), None)
            after = next((j for j in range(i + 1, len(texts)) if texts[j]), None)
            dash_list = (before is not None and dash[before]) or (after is not None and dash[after])
        text, bullet = split_bullet(t, dash_list) if t[0] in BULLET_STARTS or PUA.search(t) else (t, False)
        texts[i], bullets[i] = text, bullet or (pending and bool(text))
        pending = bullet and not text
        if pending:
            dropped.add(i)
    dropped |= header_footer_lines(texts, pages)
    texts = strip_footnote_marks(texts)

    order = [i for i, t in enumerate(texts) if t and i not in dropped]
    blanks_before = [0]
    for j, t in enumerate(texts):
        blanks_before.append(blanks_before[-1] + (not t and j not in dropped))
    gaps = [blanks_before[b] - blanks_before[a + 1] for a, b in pairwise(order)]
    continues = [continues_sentence(texts[a], texts[b], bullets[b]) for a, b in pairwise(order)]
    breaks = paragraph_breaks(gaps, continues)

    count = document_counter(texts)
    out: list[Line] = []
    for k, i in enumerate(order):
        text = texts[i]
        line = Line(text, i + 1, i + 1, page_of(i), bullets[i])
        broken = k > 0 and breaks[k - 1]
        prev = out[-1] if out else None
        if prev is not None and prev.text[-1:] in ("-", "\u00ad") and not bullets[i]:
            head, _, rest = text.partition(" ")
            joined = hyphen_join(prev.text.rsplit(" ", 1)[-1], head, count, across_break=broken)
            if joined is not None:
                keep = prev.text.rsplit(" ", 1)[0] + " " if " " in prev.text else ""
                out[-1] = replace(prev, text=keep + joined, end=i + 1)
                if not rest:
                    continue
                line, broken = replace(line, text=rest), False
        if broken and out:
            blank = next(j for j in range(order[k - 1] + 1, i) if not texts[j] and j not in dropped)
            out.append(Line("", blank + 1, blank + 1, page_of(blank)))
        out.append(line)
    while out and not out[-1].text:
        out.pop()
    return [replace(l, text=l.text[:-1]) if l.text.endswith("\u00ad") else l for l in out]


# -- comparing quotes ------------------------------------------------------------------------
QUOTE_NOISE = re.compile(rf"[{BULLET_GLYPHS}\ue000-\uf8ff”“\"'’‘«»]")


def normalize_quote(text: str) -> str:
    """A form for comparing a quote with source text, blind to what cleaning changes.

    Case, spacing, bullets and quote marks, hyphens inside words and at line breaks
    ("utveckl- ing" = "utveckling", "SIP-mötena" = "SIPmötena"), dashes, and footnote numbers
    glued to words. Apply it to both sides and test containment.
    """
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").lower()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = QUOTE_NOISE.sub(" ", text)
    text = re.sub(r"(?<=[^\W\d_])\d{1,2}\b", "", text)
    text = re.sub(r"(?<=\w)-\s*(?=\w)", "", text)
    text = re.sub(r"(?:^|(?<=\s))-+(?=\s|$)", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .,:;-")


def quote_in_lines(quote: str, lines: list[Line], start: int, end: int) -> bool:
    """Whether ``quote`` occurs in the cleaned lines that overlap original lines start..end."""
    text = " ".join(l.text for l in lines if l.start <= end and l.end >= start)
    return normalize_quote(quote) in normalize_quote(text)
