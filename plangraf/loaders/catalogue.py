"""Indicator catalogues and indicator cards, with their data sources (a general stage).

A layout kind any document may have, read from its cleaned lines by :func:`read_catalogue`; the
words are data (vocabulary.yaml, section ``catalogue:``).

* the catalogue ("Indikator Mått Datakälla" under "Målområde X"): the Indikator cell is a goal
  measured by each Mått (pg:Indicator) with pg:dataSource links to the Datakälla cell;
* indicator cards ("<grupp> N", "Titel", "Mått", "Mätenhet", "Datakälla"): merged into the
  catalogue's indicator when the titles agree;
* "(se <dokument>)" asides: documents the text refers to.

PDF text runs the table's cells together, so a line is split where its Datakälla cell begins: at a
known source name (the national catalogue plus the names the cards give) or a dash.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from plangraf.graph.model import GraphBuilder, norm_label
from plangraf.loaders.records_text import (
    FUNC_END,
    clean_label,
    clean_quote,
    cut,
    joined,
    link,
    next_nonblank,
    put,
    span_of,
    titlelike,
)
from plangraf.loaders.text import Line
from plangraf.loaders.values import split_list
from plangraf.loaders.vocab import alternatives, vocabulary_data
from plangraf.namespace import PG

IND: dict[str, Any] = vocabulary_data()["catalogue"]
CAT_HEADER = re.compile(rf"^{IND['catalogue_header']}", re.IGNORECASE)
MALOMRADE = re.compile(rf"^{IND['area_label']}\s+(?P<v>\S.*)$")
CARD_TITLE, CARD_UNIT, CARD_SOURCE, CARD_TARGET = (IND[k] for k in ("card_title", "card_unit", "card_source",
                                                                     "card_target"))
CARD_FIELD = re.compile(rf"^(?:{alternatives(IND['card_fields'])})\b")
CARD_GROUP = re.compile(r"^(?P<g>[A-ZÅÄÖ][\wåäö/ -]{2,40}?)(?:\s+(?P<n>\d{1,2}))?$")
NO_VALUE = re.compile(rf"^(?:{alternatives(IND['no_value'])})", re.IGNORECASE)
PENDING = re.compile(rf"\s(?i:{alternatives(IND['pending'])})\b")
REGION_END = re.compile(rf"(?:{IND['card_title']}|{IND['appendix']})\b")
PUBLISHER = re.compile(rf"\b(?:{alternatives(IND['publishers'])})\b\.?")
SEE_DOC = re.compile(r"\(se\s+(?P<t>[A-ZÅÄÖ][^()]{8,80}?)\)")
INTERNAL = re.compile(rf"(?:{alternatives(IND['internal_references'])})", re.IGNORECASE)


@lru_cache(maxsize=1)
def catalogue_names() -> frozenset[str]:
    """Swedish names (prefLabel, altLabel) of the national data-source catalogue, data-sources.ttl.

    Read once per process; only that file is parsed (~25 ms cold), not the whole reference graph
    (organisations.ttl makes ``reference_graph()`` ~90 ms). ``plangraf.loaders.reference`` parses
    the same file for its matcher but keeps only folded keys, which cannot be found in raw text.
    """
    from plangraf.ontology import read_text
    g = Graph().parse(data=read_text("data-sources.ttl"), format="turtle")
    return frozenset(str(o) for s in g.subjects(RDF.type, PG.DataSource) for p in (SKOS.prefLabel, SKOS.altLabel)
                     for o in g.objects(s, p) if getattr(o, "language", None) == "sv")


def source_names(seg: str) -> list[str]:
    """'Journal, PrimärvårdsKvalitet' -> both; publishers and '(SKR)' asides dropped."""
    t = re.sub(r"\s+", " ", seg).strip(" -–•")
    t = re.sub(r"\.\s*Källa:.*$", "", t)
    t = re.sub(r"\s*\([^)]*\)?", "", t)
    t = re.sub(r"\?\s+", "?, ", t)
    stripped = PUBLISHER.sub("", t)
    if re.sub(r"[\W_]+", "", stripped):
        t = stripped
    parts = [q for p in split_list(t) for q in re.split(r"(?<=\w)/(?=[A-ZÅÄÖ])", p)]
    return [p.strip(" .,") for p in parts if len(p.strip(" .,")) > 2 and not NO_VALUE.match(p.strip())]


def _source_items(parts: list[tuple[str, Line]]) -> list[tuple[str, list[Line]]]:
    items: list[list] = []
    for t, ln in parts:
        if items and not re.match(r"^[-–•]", t) and not (ln.bullet and t == ln.text) \
                and not _new_item(items[-1][0], t):
            items[-1][0] += "\n" + t
            if items[-1][1][-1] is not ln:
                items[-1][1].append(ln)
        else:
            items.append([t, [ln]])
    return [(t, ls) for t, ls in items]


def _new_item(prev: str, t: str) -> bool:
    """A capitalised line after a cell that ended (')', '?', '.' or a publisher's name) starts the next."""
    prev = prev.rstrip()
    ended = prev[-1:] in (")", "?", ".") or any(m.end() == len(prev) for m in PUBLISHER.finditer(prev))
    return t[0].isupper() and ended and not PUBLISHER.match(t)


@lru_cache(maxsize=64)
def _name_patterns(names: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(starts with a name, starts with a whole name, a whole name after a space) for a lexicon;
    one regex instead of a loop over ~70 names per line. Longest names first."""
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!)"
    return (re.compile(f"(?i:{alts})"), re.compile(rf"(?i:{alts})(?!\w)"), re.compile(rf" (?:{alts})(?!\w)"))


def starts_with_source(t: str, lexicon: set[str]) -> bool:
    """Whether a line begins with a known source name (it continues a Datakälla cell)."""
    return bool(_name_patterns(frozenset(lexicon))[0].match(t))


def split_source(t: str, lexicon: set[str]) -> tuple[str, str | None]:
    """Split a catalogue line where its Datakälla cell begins (PDF text runs cells together):
    at a pending cell ('Ej klar'), at ' – ' before a capital, or at a known source name."""
    if re.match(r"^[-–•]\s", t) or NO_VALUE.match(t):
        return "", t
    _, whole, inner = _name_patterns(frozenset(lexicon))
    if whole.match(t):
        return "", t
    cuts = [m.start() for m in (PENDING.search(t),
                                re.search(r"\s[–-]\s(?=[A-ZÅÄÖ])", t), inner.search(t)) if m]
    if not cuts:
        return t, None
    c = min(cuts)
    return t[:c].strip(), t[c:].strip(" –-")


def _add_sources(b: GraphBuilder, ind: URIRef, parts: list[tuple[str, Line]], lexicon: set[str],
                 conf: float) -> None:
    for seg, lines in _source_items(parts):
        flat = clean_quote(seg)
        for name in source_names(seg):
            q = name if name.lower() in flat.lower() else flat
            src = b.node(PG.DataSource, name, span_of(lines), quote=q, confidence=conf)
            lexicon.add(name)
            link(b, ind, PG.dataSource, src, lines, conf)


def read_catalogue(L: list[Line], b: GraphBuilder) -> None:
    """Every catalogue table (its header row "Indikator Mått Datakälla") and indicator card of a document."""
    heads = [i for i, ln in enumerate(L) if CAT_HEADER.match(ln.text)]
    if not heads and not any(ln.text.startswith(CARD_TITLE + " ") for ln in L):
        return
    lexicon = set(catalogue_names())
    cards = [i for i, ln in enumerate(L) if ln.text.startswith(CARD_SOURCE + " ")]
    for i in cards:
        lexicon.update(source_names(L[i].text[len(CARD_SOURCE) + 1:]))
    lexicon = {x for x in lexicon if len(x) > 3}
    area = None
    by_goal: dict[URIRef, list[tuple[str, URIRef]]] = {}
    for n, h in enumerate(heads):
        for j in range(h - 1, max(-1, h - 6), -1):
            if (m := MALOMRADE.match(L[j].text)):
                area = put(b, PG.FocusArea, m.group("v"), [L[j]], 0.85)
                link(b, b.plan, PG.hasFocusArea, area, [L[j]], 0.8)
                break
        k = next_nonblank(L, h + 1)
        if k is None:
            continue
        cell = []  # the Indikator cell: 'Name – description.' up to its full stop or a blank line
        while k < len(L) and L[k].text and not CAT_HEADER.match(L[k].text):
            cell.append(L[k])
            k += 1
            if cell[-1].text.endswith("."):
                break
        text = joined(cell)
        head = re.split(r"\s[–-]\s", text, maxsplit=1)[0]
        if len(head.split()) > 8:
            continue
        goal = put(b, PG.Goal, head, cell[:head.count("\n") + 1], 0.85)
        if goal is None:
            continue
        if head != text:
            b.set(goal, SKOS.altLabel, Literal(clean_label(text), lang="sv"))
        link(b, area, PG.hasGoal, goal, cell, 0.8)
        if area is not None:
            mb = b.find(PG.Malbild, str(b.graph.value(area, RDFS.label)))
            link(b, goal, PG.contributesTo, mb, cell, 0.6)
        stop = heads[n + 1] if n + 1 < len(heads) else len(L)
        region = _catalogue_region(L, k, stop)
        for matt, src in _rows(region, lexicon):
            seg = "\n".join(t for t, _ in matt)
            mlines = list(dict.fromkeys(ln for _, ln in matt))
            if NO_VALUE.match(seg):
                continue
            ind = put(b, PG.Indicator, seg, mlines, 0.85)
            if ind is None:
                continue
            by_goal.setdefault(goal, []).append((clean_label(seg), ind))
            link(b, goal, PG.measuredBy, ind, mlines, 0.85)
            _add_sources(b, ind, src, lexicon, 0.85)
    _cards(L, b, by_goal, lexicon)


def _catalogue_region(L: list[Line], k: int, stop: int) -> list[Line]:
    """Lines of one catalogue group: up to the next Målområde line or a block of full-width prose."""
    out: list[Line] = []
    block: list[Line] = []
    for n, ln in enumerate(L[k:stop], start=k):
        nxt = next_nonblank(L, n + 1, stop)
        if MALOMRADE.match(ln.text) or REGION_END.match(ln.text) or \
                (nxt is not None and L[nxt].text.startswith(CARD_TITLE + " ")):
            break
        if not ln.text:
            out += block + [ln]
            block = []
            continue
        block.append(ln)
        if len(ln.text) > 60:
            return out
    return out + block


def _rows(region: list[Line], lexicon: set[str]) -> list[tuple[list, list]]:
    """(Mått parts, Datakälla parts) per row; parts are (text, line) since one line may hold both.
    Blank lines end cells where the text has them; without them, a cell ends where the next opens
    (a capitalised line after a line that does not run on, a known source name, a dash)."""
    rows: list[tuple[list, list]] = []
    cur_m: list[tuple[str, Line]] = []
    cur_s: list[tuple[str, Line]] = []
    mode = "M"
    flat = all(ln.text for ln in region)   # text without blank lines (as a PDF reader gives it)

    def flush() -> None:
        if cur_m:
            rows.append((cur_m[:], cur_s[:]))
        cur_m.clear()
        cur_s.clear()

    for ln in region:
        t = ln.text
        if not t:
            if mode == "M" and cur_m:
                mode = "S"
            elif mode == "S" and (cur_s or not cur_m):
                flush()
                mode = "M"
            continue
        if mode == "S" and cur_s and _new_item(cur_s[-1][0], t) and \
                not starts_with_source(t, lexicon):
            flush()
            mode = "M"
        if mode == "M" and flat and cur_m and t[0].isupper() and not FUNC_END.search(cur_m[-1][0]):
            mode = "S"   # no blank lines: a capitalised line after a whole Mått cell opens the Datakälla cell
        if mode == "M":
            left, right = ("", t) if ln.bullet and cur_m else split_source(t, lexicon)
            if left:
                cur_m.append((left, ln))
            if right is not None:
                mode = "S"
                if right and not NO_VALUE.match(right):
                    cur_s.append((right, ln))
        else:
            cur_s.append((t, ln))
    flush()
    return rows


def _similar(a: str, b: str) -> bool:
    a, b = norm_label(a), norm_label(b)
    short, long_ = sorted((a, b), key=len)
    if short and short in long_ and len(short) >= 0.5 * len(long_):
        return True
    from rapidfuzz.fuzz import ratio
    return ratio(a, b) >= 85


def _field_value(L: list[Line], i: int, field: str) -> list[tuple[str, Line]]:
    """A card field's value: the rest of its line plus continuation lines up to the next field."""
    parts = [(L[i].text[len(field):].strip(), L[i])]
    k = i + 1
    while k < len(L) and L[k].text and not CARD_FIELD.match(L[k].text) and len(parts) < 4:
        parts.append((L[k].text, L[k]))
        k += 1
    return [(t, ln) for t, ln in parts if t]


def _cards(L: list[Line], b: GraphBuilder, by_goal: dict[URIRef, list[tuple[str, URIRef]]],
           lexicon: set[str]) -> None:
    """Indicator cards: '<indikator> N' then 'Titel ...', 'Målnivå ...', 'Datakälla ...'. A title
    line is a card's only where the card's unit or source field follows before the next title."""
    titles = [i for i, ln in enumerate(L) if ln.text.startswith(CARD_TITLE + " ")]
    for n, i in enumerate(titles):
        end = titles[n + 1] if n + 1 < len(titles) else min(len(L), i + 80)
        parts = _field_value(L, i, CARD_TITLE)
        seg = "\n".join(t for t, _ in parts)
        if not parts or NO_VALUE.match(seg) or not any(
                L[j].text.startswith((CARD_UNIT, CARD_SOURCE)) for j in range(i + 1, end)):
            continue
        lines = [x for _, x in parts]
        card_goal: URIRef | None = None
        for j in range(i - 1, max(-1, i - 5), -1):
            if L[j].text and (g := CARD_GROUP.match(L[j].text)) and not CARD_FIELD.match(L[j].text):
                name = g.group("g").strip()
                card_goal = b.find(PG.Goal, name) or b.node(PG.Goal, name, L[j].span, confidence=0.7)
                break
        ind = next((node for lab, node in by_goal.get(card_goal, []) if _similar(lab, clean_label(seg))), None) \
            if card_goal is not None else None
        if ind is None:
            ind = put(b, PG.Indicator, seg, lines, 0.85)
        else:
            b.provenance(ind, span_of(lines), clean_quote(seg), confidence=0.8)
            if norm_label(clean_label(seg)) != norm_label(str(b.graph.value(ind, RDFS.label))):
                b.set(ind, SKOS.altLabel, Literal(clean_label(seg), lang="sv"))
        link(b, card_goal, PG.measuredBy, ind, lines, 0.8)
        for j in range(i + 1, end):
            t = L[j].text
            if re.match(rf"{CARD_SOURCE}\b", t) and ind is not None:
                _add_sources(b, ind, _field_value(L, j, CARD_SOURCE), lexicon, 0.8)
            elif t.startswith(CARD_TARGET + " ") and ind is not None and not NO_VALUE.match(t[len(CARD_TARGET) + 1:]):
                b.set(ind, PG.targetValue, Literal(t[len(CARD_TARGET) + 1:].strip()))


def document_references(L: list[Line], b: GraphBuilder) -> None:
    """'(se <dokument>)' asides name a document, unless they point inside this one (a heading,
    an appendix, a figure, a table or a page). An aside may wrap onto the next two lines."""
    headings: set[str] | None = None     # made once, where an aside is found
    for i, ln in enumerate(L):
        if "(se" not in ln.text:
            continue
        lines = [ln] + [x for x in L[i + 1:i + 5] if x.text][:2]
        text = joined(lines)
        for m in SEE_DOC.finditer(text):
            if m.start() >= len(ln.text):
                break    # an aside that opens on a later line is read from that line
            title = m.group("t")
            if INTERNAL.match(title):
                continue
            if headings is None:
                headings = {clean_label(x.text).lower() for x in L if titlelike(x)}
            if clean_label(title).lower() not in headings:
                seg, ls = cut(lines, text, m.start("t"), m.end("t"))
                put(b, PG.Document, seg, ls, 0.5)
