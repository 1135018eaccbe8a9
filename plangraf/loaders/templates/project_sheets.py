"""Template: appendix compilations (Nära vård) — role lists, a målbild, project sheets, indicators.

Such a compilation strings together parts that each follow a form of their own, and a document may
hold only some of them, so every part has its own recogniser keyed on its structure:

* role descriptions ("Uppdragsbeskrivning <roll>" with an "Uppdrag" section) and role lists (a body
  heading followed by bulleted tasks): the role/body is a pg:ResponsibleBody, each task a
  pg:Activity it is responsible for (a list introduced by "... ska:" holds goals instead);
* course/satsning blocks with label lines ("Syftet med X:", "Målgrupp:", "Utbildare:") and the
  challenge table under them ("Team | Utmaning | ..."): activity, goals, target groups, bodies;
* a målbild ("Hit ska vi!", "Målbild ...") with one heading per part: pg:Malbild nodes;
* project sheets: a title followed by the sections Bakgrund / Syfte / Tidplan / Metod / Resultat
  (also Mål, Målgrupp, Aktiviteter, Ansvarig, Budget): the satsning is a pg:Activity serving the
  goals its Syfte and Resultat state, with its bodies, target groups, sub-activities and budget;
* "Vad behöver vi? (förutsättningar ...)" followed by "Term – explanation" paragraphs: pg:Assumption;
* the indicator catalogue ("Indikator Mått Datakälla" under "Målområde X") and indicator cards
  ("<grupp> N", "Titel", "Mått", "Mätenhet", "Datakälla"): the Indikator cell is a goal measured
  by each Mått (pg:Indicator) with pg:dataSource links.

Segments keep "\\n" between cleaned lines so that a label maps back to the lines it came from; labels
are dehyphenated at those joins, quotes keep the line text as it stands.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from plangraf.graph.model import GraphBuilder, Span, norm_label
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.text import Line
from plangraf.namespace import PG

# -- vocabulary of the form ----------------------------------------------------------------------
GOAL_LISTS = {"mål", "effektmål", "projektmål", "delmål", "mål och delmål"}
ACTIVITY_LISTS = {"aktiviteter", "aktivitet", "genomförande", "insatser"}
BODY_SECTIONS = {"ansvarig", "ansvar", "projektägare", "ansvariga"}
BUDGET_SECTIONS = {"budget", "kostnad", "kostnader", "ekonomi", "finansiering"}
SHEET_SECTIONS = {"bakgrund", "syfte", "tidplan", "metod", "resultat", "förväntat resultat",
                  "förväntade resultat", "syfte och metod", "målgrupp", "målgrupper", "förväntade effekter",
                  "uppföljning"} | GOAL_LISTS | ACTIVITY_LISTS | BODY_SECTIONS | BUDGET_SECTIONS
CORE_SECTIONS = {"bakgrund", "syfte", "tidplan", "metod", "resultat", "förväntat resultat", "förväntade resultat",
                 "syfte och metod", "målgrupp", "målgrupper", "förväntade effekter"}
ROLE_SECTIONS = {"uppdrag", "tidsåtgång", "förutsättningar"}
GOAL_SECTIONS = {"syfte", "syfte och metod"} | GOAL_LISTS
RESULT_SECTIONS = {"resultat", "förväntat resultat", "förväntade resultat", "förväntade effekter"}
BULLET = re.compile(r"(?:[•·▪\-–]\s|\d{1,2}[.)]\s)")
URL = re.compile(r"^(?:\S+:\s*)?(?:https?://|www\.)\S*$", re.IGNORECASE)
FUNC_END = re.compile(r"(?:\b(?:och|i|med|för|av|till|på|om|att|samt|eller|som|inom|vid|från|den|det|"
                      r"de|en|ett)|[-‐,(])$", re.IGNORECASE)
DEHYPH = re.compile(r"(\w)[-‐]\n(?!(?:och|eller|samt|till|respektive|som)\b)(?=[a-zåäö])")
SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”•–])")
PURPOSE = re.compile(r"^(?:.{0,80}?\b(?:syfte[tn]?|mål(?:et|en|sättningen)?)\b.{0,60}?\b(?:är|var)\s+"
                     r"(?:därför\s+|också\s+|även\s+|vidare\s+)?att\s+|(?:vidare\s+)?(?:är|var)\s+syftet\s+"
                     r"(?:också\s+)?att\s+)", re.IGNORECASE)
EXPECTED = re.compile(r"^(?:det\s+)?förväntade?\s+resultat(?:et)?\s+är\s+att\s+", re.IGNORECASE)
MALBILD = re.compile(r"\bmålbild\w*\b[^:.]{0,40}:\s*", re.IGNORECASE)
GOAL_INTRO = re.compile(r"\b(?:mål|målen|målet|målsättning(?:en|ar|arna)?)\b[^.]*:$", re.IGNORECASE)
FOCUS_ONE = re.compile(r"\bfokusområde(?:t)?\s*:\s*(?P<v>[^.]+)", re.IGNORECASE)
FOCUS_LIST = re.compile(r"\bfokusområden\b[^.]*:$", re.IGNORECASE)
PLAN_PHRASE = re.compile(r"\b(?:en|ett|vår|den|sin)\s+((?:\S+\s+){0,3}?\S*plan)\b")
RESP_CUE = re.compile(r"\b(?:leds|drivs|samordnas|ägs) av|anställ|rekryter|projektägare|i uppdrag|ansvarar|"
                      r"\bleder\b", re.IGNORECASE)
NAME = r"[A-ZÅÄÖ][\w&-]*(?:\s(?:i\s)?(?!(?:och|som|att|för|samt|med|under|där|vid|är|har|kommer|ska)\b)[\w&-]+){0,3}"
RESP_AFTER = re.compile(rf"(?:\b(?:leds|drivs|samordnas|ägs) av|\banställ\w* (?:på|vid|hos)|\banställning "
                        rf"(?:på|vid|hos)|\brekryterad till|[Pp]rojektägare\s*[=:])\s+(?P<b>{NAME})|"
                        rf"\banställning \((?P<b2>{NAME})\)")
BODY_CUE = re.compile(r"grupp|nätverk|nämnd|styrelse|\bråd|fou|stöd\b|region|kommun|förbund|samordnare|"
                      r"ledare|enhet|förvaltning|team|kansli", re.IGNORECASE)
NOT_BODY = re.compile(r"(?:mål|syfte|aktivitet|insats|åtgärd|resultat|indikator|bakgrund|metod|tidplan|uppdrag)",
                      re.IGNORECASE)
COURSE_LABEL = re.compile(r"^(?P<k>Syfte(?:t)?(?: med [\wåäö ]{2,30})?|Målgrupp(?:er)?|Utbildare|Ansvarig|"
                          r"Projektägare|Projektledare|Arrangör|Tidsperiod|Upplägg|Målsättning)\s*:\s*(?P<v>.*)$")
ROLE_INTRO = re.compile(r"^Följande (?:punkter|uppgifter|arbetsuppgifter|ansvarsområden|åtaganden)\b.*?"
                        r"\bför (?P<b>.+?)\s*:$")
QWORD = re.compile(r"^(?:Hur|Vad|Vilka|Vilken|Vilket|Varför|När|Kan|Går|Finns)\b")
CAT_HEADER = re.compile(r"^Indikator\s+Mått\s+(?:Data)?källa\b", re.IGNORECASE)
MALOMRADE = re.compile(r"^Målområde\s+(?P<v>\S.*)$")
CARD_FIELD = re.compile(r"^(Titel|Mått|Mätenhet|Syfte|Tolkning|Riktning|Målnivå|Typ av indikator|Datakällans"
                        r"|Datakälla|Felkällor|Teknisk|Om redovisningsnivåer|Kommentar|Om\b|redovisning|"
                        r"beskrivning|status|begränsningar)\b")
CARD_GROUP = re.compile(r"^(?P<g>[A-ZÅÄÖ][\wåäö/ -]{2,40}?)(?:\s+(?P<n>\d{1,2}))?$")
NO_VALUE = re.compile(r"^(?:Ej klar|Inte klart?|Saknas|Saknar\b)", re.IGNORECASE)
PUBLISHER = re.compile(r"\b(?:Sveriges [Kk]ommuner och [Rr]egioner|Socialstyrelsen|Folkhälsomyndigheten|SKR|"
                       r"Region [A-ZÅÄÖ]\w+)\b\.?")
KNOWN_SOURCES = ("Kolada", "Patientregistret", "Hälsa på lika villkor", "Nationell patientenkät",
                 "Väntetider i vården", "Senior Alert", "PrimärvårdsKvalitet", "Vård- och omsorgskollen",
                 "Öppna jämförelser", "Liv & hälsa", "Skolbarns hälsovanor", "Verksamhetsstatistik")
NEW_MEASURE = re.compile(r"^(?P<l>.+?)\s*\((?P<k>nytt mått|ny indikator|ny datakälla)\)\s*$", re.IGNORECASE)
FOLLOW_INTRO = re.compile(r"\bfölja\b.*\b(?:till exempel|exempelvis|t ex)\s*:?$", re.IGNORECASE)
SEE_DOC = re.compile(r"\(se\s+(?P<t>[A-ZÅÄÖ][^()]{8,80}?)\)")


# -- text helpers --------------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def _section(text: str) -> str | None:
    if not text or len(text) > 50:
        return None
    head, *tail = re.split(r"\s+[–-]\s+", text.rstrip(" :"), maxsplit=1)
    if tail and (len(tail[0].split()) > 3 or tail[0].endswith(".")):
        return None
    head = head.strip().lower()
    return head if head in SHEET_SECTIONS or head in ROLE_SECTIONS else None


def _titlelike(line: Line) -> bool:
    return not line.bullet and _titlelike_text(line.text)


@lru_cache(maxsize=8192)
def _titlelike_text(t: str) -> bool:
    if not t or len(t) > 80 or len(t.split()) > 10 or t[-1] in ".,;:!":
        return False
    if URL.match(t) or t[0].isdigit() or _section(t) or re.match(r"^[•·▪]\s", t) or " = " in t:
        return False
    return sum(c.isalpha() for c in t) >= 0.6 * len(t.replace(" ", ""))


def _is_bullet(line: Line) -> bool:
    return line.bullet or bool(BULLET.match(line.text))


@lru_cache(maxsize=8192)
def _skip(text: str) -> bool:
    """URL lines and bare page numbers interrupt a paragraph without belonging to it."""
    if text.isdigit():
        return len(text) <= 3
    return ("http" in text or "www." in text) and bool(URL.match(text))


def _items(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """Bullet items and prose paragraphs, each with its wrapped lines joined back."""
    out: list[list] = []
    gap = False
    for ln in lines:
        t = ln.text
        if not t:
            gap = True
            continue
        if _skip(t):
            continue
        cur = out[-1] if out else None
        if _is_bullet(ln):
            out.append(["bullet", [ln]])
        elif cur is not None and _continues(cur[0], cur[1][-1].text, t, gap):
            cur[1].append(ln)
        else:
            out.append(["prose", [ln]])
        gap = False
    return [(k, ls) for k, ls in out]


def _continues(kind: str, prev: str, t: str, gap: bool) -> bool:
    if t[0].islower() or FUNC_END.search(prev):
        return True
    return kind == "prose" and not gap


def _mark_lost_bullets(doc: SourceDocument) -> list[Line]:
    """PDF text that lost its bullet glyphs keeps the space after it: ' Vara kontaktperson ...'.

    A page's first line starts the same way, so a line counts as a bullet only when another
    such line stands within a few lines of it (bullets come in lists; page starts do not).
    """
    def lone(ln: Line) -> bool:
        raw = doc.raw_lines[ln.start - 1] if ln.start - 1 < len(doc.raw_lines) else ""
        return bool(ln.text) and len(raw) > 1 and raw[0] == " " and not raw[1].isspace() \
            and not _section(ln.text)
    marks = [ln.start for ln in doc.lines if lone(ln)]
    near = {n for a, n in enumerate(marks) if (a > 0 and n - marks[a - 1] <= 6) or
            (a + 1 < len(marks) and marks[a + 1] - n <= 6)}
    return [replace(ln, bullet=True) if ln.start in near and not ln.bullet else ln for ln in doc.lines]


def _text(lines: list[Line]) -> str:
    return "\n".join(ln.text for ln in lines)


def _sub(lines: list[Line], text: str, s: int, e: int) -> tuple[str, list[Line]]:
    a, z = text.count("\n", 0, s), text.count("\n", 0, max(s, e - 1))
    return text[s:e], lines[a:z + 1]


def _sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in SENT_END.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _label(seg: str) -> str:
    seg = DEHYPH.sub(r"\1", seg)
    return re.sub(r"\s+", " ", seg).strip(" .;,–-•")


def _quote(seg: str) -> str:
    return re.sub(r"\s+", " ", seg).strip(" ;,–-•")


def _span(lines: list[Line]) -> Span:
    return Span(lines[0].start, max(ln.end for ln in lines), lines[0].page)


def _put(b: GraphBuilder, cls: URIRef, seg: str, lines: list[Line], conf: float,
         label: str | None = None) -> URIRef | None:
    lab = label if label is not None else _label(seg)
    if len(lab) < 2 or not lines:
        return None
    return b.node(cls, lab, _span(lines), quote=_quote(seg), confidence=conf)


def _link(b: GraphBuilder, s: URIRef | None, p: URIRef, o: URIRef | None, lines: list[Line],
          conf: float) -> None:
    if s is not None and o is not None and lines:
        lines = sorted(set(lines), key=lambda ln: ln.start)
        b.link(s, p, o, _span(lines), quote=_quote(_text(lines))[:300], confidence=conf)


def _next_nonblank(L: list[Line], i: int, end: int | None = None) -> int | None:
    end = len(L) if end is None else end
    while i < end and not L[i].text:
        i += 1
    return i if i < end else None


# -- structure: titles and sheets ----------------------------------------------------------------
def _titles(L: list[Line]) -> list[tuple[int, int]]:
    """Title blocks (first, last line index): a title-like line that starts a paragraph, plus
    lowercase or dash continuation lines; rejected when a lowercase sentence follows it."""
    out: list[tuple[int, int]] = []
    prev: Line | None = None
    gap = in_bullet = False
    for i, ln in enumerate(L):
        if not ln.text or _skip(ln.text):
            prev = prev if not ln.text else None
            gap = True
            continue
        if ln.bullet:
            prev, gap, in_bullet = ln, False, True
            continue
        cont = in_bullet and prev is not None and (ln.text[0].islower() or bool(FUNC_END.search(prev.text)))
        starts = prev is None or prev.text[-1] in ".!?:" or len(prev.text) < 40 or \
            (gap and not FUNC_END.search(prev.text)) or (in_bullet and not cont)
        gap, in_bullet = False, cont
        if starts and _titlelike(ln) and ln.text[0].isupper() and not (prev and _section(prev.text)):
            j, k, n = i, _next_nonblank(L, i + 1), 0
            while k is not None and n < 3 and _titlelike(L[k]) and not L[k].text[0].isupper():
                j, k, n = k, _next_nonblank(L, k + 1), n + 1
            if k is None or not L[k].text[0].islower():
                out.append((i, j))
        prev = ln
    return out


def _sheets(L: list[Line], titles: list[tuple[int, int]]) -> list[tuple[tuple[int, int], list[tuple[str, int]], int]]:
    """(title, [(section, line index)], end) for each title followed by form sections."""
    out = []
    for n, (s, e) in enumerate(titles):
        end = titles[n + 1][0] if n + 1 < len(titles) else len(L)
        secs = [(_section(L[i].text), i) for i in range(e + 1, end) if not L[i].bullet and _section(L[i].text)]
        if len({name for name, _ in secs}) < 2:
            continue
        before = sum(1 for i in range(e + 1, secs[0][1]) if L[i].text)
        if before <= 15:
            out.append(((s, e), secs, end))
    return out


# -- the extractor -------------------------------------------------------------------------------
class ProjectSheetExtractor(Extractor):
    """Reads role lists, målbild, project sheets and indicator catalogues of an appendix compilation."""

    name = "project-sheets"

    def matches(self, doc: SourceDocument) -> float:
        texts = [ln.text for ln in doc.lines]
        sheet = {_section(t) for t in texts} & CORE_SECTIONS
        score = 0.5 if len(sheet) >= 4 and "bakgrund" in sheet else 0.0
        catalogue = sum(1 for t in texts if CAT_HEADER.match(t))
        cards = min(sum(1 for t in texts if t.startswith("Titel ")), sum(1 for t in texts if t.startswith("Mätenhet")))
        roles = sum(1 for t in texts if t.startswith("Uppdragsbeskrivning") or ROLE_INTRO.match(t))
        score += 0.5 * min(catalogue, 1) + (0.5 if cards >= 2 else 0.0) + 0.2 * min(roles, 1)
        return min(1.0, score)

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        L = _mark_lost_bullets(doc)
        titles = _titles(L)
        sheets = _sheets(L, titles)
        sheet_titles = {t for t, _, _ in sheets}
        anchors: list[tuple[int, URIRef]] = []  # (line index, activity) for tables below them
        bodies = _role_lists(L, titles, sheet_titles, builder)
        for (s, e), secs, end in sheets:
            seg = _text(L[s:e + 1])
            if seg.startswith("Uppdragsbeskrivning"):
                bodies += _role_description(L, (s, e), secs, end, builder)
        _courses(L, builder, anchors)
        for (s, e), secs, end in sheets:
            if not _text(L[s:e + 1]).startswith("Uppdragsbeskrivning"):
                act = _put(builder, PG.Activity, _text(L[s:e + 1]), L[s:e + 1], 0.85)
                if act is not None:
                    anchors.append((s, act))
                    _sheet(L, secs, end, act, builder, bodies)
        _challenge_tables(doc, builder, sorted(anchors, key=lambda a: a[0]))
        paragraphs = _items(L)
        _focus_lists(L, paragraphs, builder, sheets, anchors)
        _malbild(L, builder)
        _prerequisites(L, titles, builder)
        _catalogue(L, builder)
        _extras(L, paragraphs, titles, builder)


# -- role descriptions and role lists ------------------------------------------------------------
def _bullet_items(L: list[Line], i: int, end: int) -> tuple[list[tuple[str, list[Line]]], int]:
    """Consecutive bullet items from line i on (blank lines allowed); returns them and the stop index."""
    items: list[tuple[str, list[Line]]] = []
    j, gap = i, False
    while j < end:
        ln = L[j]
        if not ln.text or _skip(ln.text):
            gap = gap or not ln.text
        elif _is_bullet(ln):
            items.append(("bullet", [ln]))
        elif items and _continues("bullet", items[-1][1][-1].text, ln.text, gap):
            items[-1][1].append(ln)
        else:
            break
        gap = gap and not ln.text
        j += 1
    return items, j


def _role_description(L: list[Line], title: tuple[int, int], secs: list[tuple[str, int]], end: int,
                      b: GraphBuilder) -> list[str]:
    s, e = title
    seg = _text(L[s:e + 1])
    rest = re.sub(r"^Uppdragsbeskrivning\s*(?:[–-]\s*)?(?:Reviderad\s+)?(?:för\s+)?", "", seg.replace("\n", " "))
    m = re.match(r"\w[\w-]*(?: [a-zåäö][\w-]*){0,3}", rest)  # the role: lowercase words after the first
    role = re.sub(r"(?:\s+(?:av|för|i|inom|på|vid|med|och))+$", "", m.group(0)) if m else ""
    if not role:
        return []
    body = b.node(PG.ResponsibleBody, role, _span(L[s:e + 1]), quote=role, confidence=0.8)
    for n, (name, i) in enumerate(secs):
        if name != "uppdrag":
            continue
        stop = secs[n + 1][1] if n + 1 < len(secs) else end
        for kind, lines in _items(L[i + 1:stop]):
            if kind == "bullet":
                _link(b, body, PG.responsibleFor, _put(b, PG.Activity, _text(lines), lines, 0.8), lines, 0.8)
    return [role]


def _present_tense(text: str) -> bool:
    """'Beslutar', 'Gör', 'Ansvarar' (a task list) rather than plural nouns ('Insatser', 'Flickor')."""
    w = text.split()[0].lower() if text.split() else ""
    return len(w) >= 3 and bool(re.search(r"(?:ar|ör|er)$", w)) and not re.search(r"(?:ter|ser|ner|ier|or)$", w)


def _role_lists(L: list[Line], titles: list[tuple[int, int]], sheet_titles: set, b: GraphBuilder) -> list[str]:
    """A body heading (or "Följande punkter ... för X:") directly followed by bulleted tasks."""
    names: list[str] = []
    heads = [(s, e, None) for s, e in titles if (s, e) not in sheet_titles]
    heads += [(i, i, m) for i, ln in enumerate(L) if (m := ROLE_INTRO.match(ln.text))]
    for s, e, intro in sorted(heads, key=lambda h: h[0]):
        k = _next_nonblank(L, e + 1)
        goals = False
        if k is not None and not _is_bullet(L[k]) and intro is None:
            j, n = k, 0  # a short prose intro ending "...ska:" before the bullets holds goals
            while j is not None and n < 4 and not _is_bullet(L[j]) and not L[j].text.endswith(":") \
                    and not _titlelike(L[j]):
                j, n = _next_nonblank(L, j + 1), n + 1
            if j is None or not L[j].text.endswith("ska:") or n >= 4:
                continue
            goals = True
            k = _next_nonblank(L, j + 1)
        if k is None or not _is_bullet(L[k]):
            continue
        items, _ = _bullet_items(L, k, len(L))
        head = _text(L[s:e + 1])
        if intro is None:
            tasks = sum(_present_tense(_label(_text(ls))) for _, ls in items)
            if NOT_BODY.match(head) or not (BODY_CUE.search(head) or goals or 2 * tasks >= len(items)):
                continue
        if intro is not None:
            label, hl = intro.group("b"), L[s:s + 1]
            body = b.node(PG.ResponsibleBody, label, _span(hl), quote=label, confidence=0.6)
        else:
            label = _label(head)
            body = _put(b, PG.ResponsibleBody, head, L[s:e + 1], 0.75)
        names.append(label)
        for _, lines in items:
            node = _put(b, PG.Goal if goals else PG.Activity, _text(lines), lines, 0.75)
            _link(b, body, PG.responsibleFor, node, lines, 0.75)
    return names


# -- course blocks and challenge tables ----------------------------------------------------------
def _courses(L: list[Line], b: GraphBuilder, anchors: list[tuple[int, URIRef]]) -> None:
    """Label-line blocks ("Syftet med utbildningen:", "Målgrupp:", "Utbildare:") under a heading."""
    hits = [(i, m) for i, ln in enumerate(L) if (m := COURSE_LABEL.match(ln.text))]
    used: set[int] = set()
    for n, (i, m) in enumerate(hits):
        if i in used:
            continue
        block = [(i, m)] + [(j, mm) for j, mm in hits[n + 1:] if j - i <= 25]
        if len(block) < 2:
            continue
        used.update(j for j, _ in block)
        t, seen = None, 0
        for j in range(i - 1, max(-1, i - 12), -1):
            ln = L[j]
            if not ln.text or re.match(r"^[A-ZÅÄÖ]\.\s", ln.text):
                continue
            seen += 1
            if _titlelike(ln) and ln.text[0].isupper():
                t = j
                break
            if seen > 3:
                break
        if t is None:
            continue
        act = _put(b, PG.Activity, L[t].text, [L[t]], 0.8)
        anchors.append((t, act))
        for j, mm in block:
            key, val = mm.group("k").lower(), mm.group("v").strip()
            if val:
                vals = [(val, [L[j]])]
            else:
                vals = [(_text(ls), ls) for _, ls in _bullet_items(L, j + 1, len(L))[0]]
            for seg, lines in vals:
                if key.startswith(("syfte", "målsättning")):
                    _link(b, act, PG.servesGoal, _put(b, PG.Goal, seg, lines, 0.7), lines, 0.7)
                elif key.startswith("målgrupp"):
                    _link(b, act, PG.targetGroup, _put(b, PG.TargetGroup, seg, lines, 0.75), lines, 0.75)
                elif key in ("utbildare", "ansvarig", "projektägare", "projektledare", "arrangör"):
                    name = re.split(r"\bfrån\s+", seg)[-1].strip()
                    body = b.node(PG.ResponsibleBody, name, _span(lines), quote=name, confidence=0.7)
                    _link(b, body, PG.responsibleFor, act, lines, 0.7)


def _challenge_tables(doc: SourceDocument, b: GraphBuilder, anchors: list[tuple[int, URIRef]]) -> None:
    """Tables whose header names a team/actor column and a challenge/goal column; one goal per row."""
    L = doc.lines
    raw = [doc.raw_lines[ln.start - 1].replace("\xa0", " ").strip() if ln.text else "" for ln in L]
    for h, ln in enumerate(L):
        if not re.match(r"(?:Team|Grupp|Aktör|Ansvarig)\b", ln.text):
            continue
        cells = [c.lower() for c in re.split(r"\s{2,}", raw[h]) if c]
        if len(cells) < 3 or not re.match(r"team|grupp|aktör|ansvarig", cells[0]) or \
                not any(re.match(r"utmaning|mål|frågeställning|problem", c) for c in cells[1:]):
            continue
        owner = next((a for i, a in reversed(anchors) if i < h), None)
        i = h + 1
        while i < min(len(L), h + 150):
            t = L[i].text
            if t.endswith(":") and len(t) < 60 or re.match(r"^[A-ZÅÄÖ]\.\s", t):
                break
            frags = [f for f in re.split(r"\s{2,}", raw[i]) if f]
            team: tuple[str, list[Line]] | None = None
            q_start = None
            if len(frags) >= 2 and QWORD.match(frags[1]) and len(frags[0].split()) <= 4 and t.startswith(frags[0]):
                team, q_start = (frags[0], [L[i]]), len(frags[0])
            elif QWORD.match(t) and i >= 2 and not L[i - 1].text:
                k, block = i - 2, []
                while k >= 0 and L[k].text and len(block) < 4:
                    block.insert(0, L[k])
                    k -= 1
                if block and len(block) <= 3 and all(len(x.text.split()) <= 3 and "." not in x.text for x in block):
                    team, q_start = (_text(block), block), 0
            if team is None:
                i += 1
                continue
            qlines, j = [L[i]], i
            while "?" not in _text(qlines) and j + 1 < len(L) and len(qlines) < 8:
                j += 1
                if L[j].text:
                    qlines.append(L[j])
            text = _text(qlines)
            if "?" in text:
                seg = text[q_start:text.index("?") + 1]
                goal = _put(b, PG.Goal, seg, qlines, 0.75)
                body = _put(b, PG.ResponsibleBody, team[0], team[1], 0.7)
                _link(b, body, PG.responsibleFor, goal, team[1] + qlines, 0.7)
                _link(b, goal, PG.partOf, owner, qlines, 0.6)
            i = j + 1


# -- project sheets ------------------------------------------------------------------------------
def _sheet(L: list[Line], secs: list[tuple[str, int]], end: int, act: URIRef, b: GraphBuilder,
           bodies: list[str]) -> None:
    for n, (name, i) in enumerate(secs):
        stop = secs[n + 1][1] if n + 1 < len(secs) else end
        items = _items(L[i + 1:stop])
        for idx, (kind, lines) in enumerate(items):
            text = _text(lines)
            if name in ("målgrupp", "målgrupper"):
                _link(b, act, PG.targetGroup, _put(b, PG.TargetGroup, text, lines, 0.7), lines, 0.7)
                continue
            if name in GOAL_LISTS and kind == "bullet":
                _link(b, act, PG.servesGoal, _put(b, PG.Goal, text, lines, 0.75), lines, 0.75)
                continue
            if name in ACTIVITY_LISTS and kind == "bullet":
                _link(b, _put(b, PG.Activity, text, lines, 0.7), PG.partOf, act, lines, 0.7)
                continue
            if name in BODY_SECTIONS and idx == 0:
                for part in re.split(r",\s*|\s+och\s+", _label(text)):
                    if part and part in text.replace("\n", " "):
                        body = b.node(PG.ResponsibleBody, part, _span(lines), quote=part, confidence=0.75)
                        _link(b, body, PG.responsibleFor, act, lines, 0.75)
                continue
            if name in BUDGET_SECTIONS and idx == 0 and re.search(r"\d", text):
                s0, e0 = _sentences(text)[0]
                budget = _put(b, PG.Budget, text[s0:e0], _sub(lines, text, s0, e0)[1], 0.6)
                if budget is not None and (am := re.search(r"\d[\d\s,.]*\s*(?:kr|kronor|tkr|mnkr|miljoner?|mkr)\b",
                                                           text.replace("\n", " "))):
                    b.set(budget, PG.amount, Literal(am.group(0)))
                _link(b, act, PG.budget, budget, lines, 0.6)
                continue
            if name in GOAL_SECTIONS | RESULT_SECTIONS and GOAL_INTRO.search(text):
                for _, ls in items[idx + 1:]:
                    if _ != "bullet":
                        break
                    _link(b, act, PG.servesGoal, _put(b, PG.Goal, _text(ls), ls, 0.75), ls, 0.75)
            if kind != "prose":
                continue
            for si, (s, e) in enumerate(_sentences(text)):
                _sentence_goal(b, act, name, lines, text, s, e, first=(idx == 0 and si == 0))
                sent = text[s:e]
                if RESP_CUE.search(sent):
                    _responsible(b, act, sent, _sub(lines, text, s, e)[1], bodies)


def _sentence_goal(b: GraphBuilder, act: URIRef, name: str, lines: list[Line], text: str, s: int, e: int,
                   first: bool) -> None:
    sent = text[s:e]
    if name in RESULT_SECTIONS and (m := MALBILD.search(sent)):
        seg, ls = _sub(lines, text, s + m.end(), e)
        _link(b, act, PG.hasMalbild, _put(b, PG.Malbild, seg, ls, 0.7), ls, 0.7)
        return
    if name not in GOAL_SECTIONS | RESULT_SECTIONS or sent.rstrip().endswith(":"):
        return
    flat = sent.replace("\n", " ")
    low = flat.lower()
    m = ("syfte" in low or "mål" in low) and PURPOSE.match(flat) or "förväntad" in low and EXPECTED.match(flat) \
        or None
    if m:
        off = s + len(flat[:m.end()])
    elif name in GOAL_SECTIONS and first or name in RESULT_SECTIONS and first and re.search(r"\bska\b", flat) and not re.match(r"Det(ta)? är", flat):
        off = s
    else:
        return
    seg, ls = _sub(lines, text, off, e)
    _link(b, act, PG.servesGoal, _put(b, PG.Goal, seg, ls, 0.7 if m else 0.6), ls, 0.65)


def _responsible(b: GraphBuilder, act: URIRef, sent: str, lines: list[Line], bodies: list[str]) -> None:
    """Bodies named by a responsibility cue: 'leds av X', 'anställts på X', 'X har fått i uppdrag'."""
    flat = sent.replace("\n", " ")
    found = [m.group("b") or m.group("b2") for m in RESP_AFTER.finditer(flat)]
    known = "|".join(re.escape(n) for n in sorted(bodies, key=len, reverse=True))
    before = re.compile(rf"(?P<b>{known + '|' if known else ''}(?:FoU i|Region) [A-ZÅÄÖ]\w+|[A-ZÅÄÖ]\w+ kommun)"
                        r"\s+(?:har\s+)?(?:fått i uppdrag|ansvarar|leder)\b")
    found += [m.group("b") for m in before.finditer(flat)]
    for name in dict.fromkeys(n.strip() for n in found):
        name = next((n for n in bodies if name.lower().startswith(n.lower())), name)
        pos = flat.lower().find(name.lower())
        quote = flat[pos:pos + len(name)] if pos >= 0 else name
        body = b.node(PG.ResponsibleBody, quote, _span(lines), quote=quote, confidence=0.55)
        _link(b, body, PG.responsibleFor, act, lines, 0.55)


def _focus_lists(L: list[Line], paragraphs: list[tuple[str, list[Line]]], b: GraphBuilder, sheets: list,
                 anchors: list[tuple[int, URIRef]]) -> None:
    """'... fokusområdet: X' and '... plan som innefattar N fokusområden ...:' + numbered items."""
    starts = dict(anchors)
    spans = [(s, end, starts[s]) for (s, _e), _secs, end in sheets if starts.get(s) is not None]
    for kind, lines in paragraphs:
        text = _text(lines)
        if "fokusområde" not in text.lower():
            continue
        idx = _line_index(L, lines[0])
        owner = next((a for s, end, a in spans if s <= idx < end), None) or b.plan
        for m in FOCUS_ONE.finditer(text):
            seg, ls = _sub(lines, text, m.start("v"), m.end("v"))
            _link(b, owner, PG.hasFocusArea, _put(b, PG.FocusArea, seg, ls, 0.65), ls, 0.6)
        if kind == "prose" and FOCUS_LIST.search(text):
            head = text[:text.lower().rfind("fokusområden")]
            pm = list(PLAN_PHRASE.finditer(head))
            if pm:
                seg, ls = _sub(lines, text, pm[-1].start(1), pm[-1].end(1))
                owner = _put(b, PG.Plan, seg, ls, 0.6) or owner
            items, _ = _bullet_items(L, _line_index(L, lines[-1]) + 1, len(L))
            for _, ls in items:
                seg = re.sub(r"^\d{1,2}[.)]\s*", "", _text(ls))
                _link(b, owner, PG.hasFocusArea, _put(b, PG.FocusArea, seg, ls, 0.7), ls, 0.7)


def _line_index(L: list[Line], line: Line) -> int:
    lo, hi = 0, len(L)
    while lo < hi:
        mid = (lo + hi) // 2
        if L[mid].start < line.start:
            lo = mid + 1
        else:
            hi = mid
    return lo


# -- målbild -------------------------------------------------------------------------------------
def _malbild(L: list[Line], b: GraphBuilder) -> None:
    """'Hit ska vi!' / 'Målbild ...' followed by short part headings, each with its paragraph."""
    for h, ln in enumerate(L):
        if not re.match(r"^(?:Hit ska vi\b|Vår målbild\b|Målbild(?:en)?(?: \d{4}| för .{3,40})?$)", ln.text) \
                or len(ln.text) > 60:
            continue
        i, parts = h + 1, 0
        while i < min(len(L), h + 150) and parts < 8:
            t = L[i].text
            if t.endswith("?") or t.startswith("Bilaga"):
                break
            k = _next_nonblank(L, i + 1)
            if _titlelike(L[i]) and t[0].isupper() and len(t.split()) <= 6 and k is not None \
                    and len(L[k].text) >= 50 and not _titlelike(L[k]):
                node = _put(b, PG.Malbild, t, [L[i]], 0.7)
                para = _items(L[k:min(len(L), k + 12)])[0][1]
                first = _sentences(_text(para))[0]
                b.set(node, SKOS.altLabel, Literal(_label(_text(para)[first[0]:first[1]]), lang="sv"))
                _link(b, b.plan, PG.hasMalbild, node, [L[i]], 0.65)
                parts += 1
            i += 1


def _prerequisites(L: list[Line], titles: list[tuple[int, int]], b: GraphBuilder) -> None:
    """Under a heading naming 'förutsättningar'/'framgångsfaktorer': 'Term – explanation' paragraphs."""
    for n, (s, e) in enumerate(titles):
        if _section(L[s].text) or not re.search(r"förutsättningar|framgångsfaktorer", _text(L[s:e + 1]),
                                                         re.IGNORECASE):
            continue
        stop = titles[n + 1][0] if n + 1 < len(titles) else min(len(L), e + 80)
        prev = ""
        for ln in L[e + 1:stop]:
            m = re.match(r"^(?P<t>[A-ZÅÄÖ][^–.:]{2,60}?) [–-] (?=[A-ZÅÄÖ”\"])", ln.text)
            if m and (not prev or prev[-1] in ".!?"):
                node = b.node(PG.Assumption, m.group("t"), ln.span, quote=m.group("t"), confidence=0.6)
                _link(b, b.plan, PG.assumes, node, [ln], 0.55)
            prev = ln.text or prev


# -- indicator catalogue and cards ---------------------------------------------------------------
def _source_names(seg: str) -> list[str]:
    """'Journal, PrimärvårdsKvalitet' -> both; publishers and '(SKR)' asides dropped."""
    t = re.sub(r"\s+", " ", seg).strip(" -–•")
    t = re.sub(r"\.\s*Källa:.*$", "", t)
    t = re.sub(r"\s*\([^)]*\)?", "", t)
    t = re.sub(r"\?\s+", "?, ", t)
    stripped = PUBLISHER.sub("", t)
    if re.sub(r"[\W_]+", "", stripped):
        t = stripped
    parts = re.split(r",\s*|(?<=\w)/(?=[A-ZÅÄÖ])|(?<![-‐])\s+och\s+", t)
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
    return t[0].isupper() and prev.rstrip()[-1:] in (")", "?", ".") and not PUBLISHER.match(t)


def _split_source(t: str, lexicon: set[str]) -> tuple[str, str | None]:
    """Split a catalogue line where its Datakälla cell begins (PDF text runs cells together)."""
    if re.match(r"^[-–•]\s", t) or NO_VALUE.match(t):
        return "", t
    cuts = [m.start() for m in (re.search(r"\s(?:Ej klar|Inte klart?)\b", t),
                                re.search(r"\s[–-]\s(?=[A-ZÅÄÖ])", t)) if m]
    for name in lexicon:
        if t.lower().startswith(name.lower()) and re.match(r"\W|$", t[len(name):len(name) + 1] or " "):
            return "", t
        pos = t.find(" " + name)
        if pos > 0 and re.match(r"\W|$", t[pos + 1 + len(name):pos + 2 + len(name)] or " "):
            cuts.append(pos)
    if not cuts:
        return t, None
    c = min(cuts)
    return t[:c].strip(), t[c:].strip(" –-")


def _add_sources(b: GraphBuilder, ind: URIRef, parts: list[tuple[str, Line]], lexicon: set[str],
                 conf: float) -> None:
    for seg, lines in _source_items(parts):
        flat = _quote(seg)
        for name in _source_names(seg):
            q = name if name.lower() in flat.lower() else flat
            src = b.node(PG.DataSource, name, _span(lines), quote=q, confidence=conf)
            lexicon.add(name)
            _link(b, ind, PG.dataSource, src, lines, conf)


def _catalogue(L: list[Line], b: GraphBuilder) -> None:
    lexicon = set(KNOWN_SOURCES)
    cards = [i for i, ln in enumerate(L) if ln.text.startswith("Datakälla ")]
    for i in cards:
        lexicon.update(_source_names(L[i].text[len("Datakälla "):]))
    lexicon = {x for x in lexicon if len(x) > 3}
    area = None
    by_goal: dict[URIRef, list[tuple[str, URIRef]]] = {}
    heads = [i for i, ln in enumerate(L) if CAT_HEADER.match(ln.text)]
    for n, h in enumerate(heads):
        for j in range(h - 1, max(-1, h - 6), -1):
            if (m := MALOMRADE.match(L[j].text)):
                area = _put(b, PG.FocusArea, m.group("v"), [L[j]], 0.85)
                _link(b, b.plan, PG.hasFocusArea, area, [L[j]], 0.8)
                break
        k = _next_nonblank(L, h + 1)
        if k is None:
            continue
        cell = []
        while k < len(L) and L[k].text and not CAT_HEADER.match(L[k].text):
            cell.append(L[k])
            k += 1
        text = _text(cell)
        head = re.split(r"\s[–-]\s", text, maxsplit=1)[0]
        if len(head.split()) > 8:
            continue
        goal = _put(b, PG.Goal, head, cell[:head.count("\n") + 1], 0.85)
        if goal is None:
            continue
        if head != text:
            b.set(goal, SKOS.altLabel, Literal(_label(text), lang="sv"))
        _link(b, area, PG.hasGoal, goal, cell, 0.8)
        if area is not None:
            mb = b.find(PG.Malbild, str(b.graph.value(area, RDFS.label)))
            _link(b, goal, PG.contributesTo, mb, cell, 0.6)
        stop = heads[n + 1] if n + 1 < len(heads) else len(L)
        region = _catalogue_region(L, k, stop)
        for matt, src in _rows(region, lexicon):
            seg = "\n".join(t for t, _ in matt)
            mlines = list(dict.fromkeys(ln for _, ln in matt))
            if NO_VALUE.match(seg):
                continue
            ind = _put(b, PG.Indicator, seg, mlines, 0.85)
            if ind is None:
                continue
            by_goal.setdefault(goal, []).append((_label(seg), ind))
            _link(b, goal, PG.measuredBy, ind, mlines, 0.85)
            _add_sources(b, ind, src, lexicon, 0.85)
    _cards(L, b, by_goal, lexicon)


def _catalogue_region(L: list[Line], k: int, stop: int) -> list[Line]:
    """Lines of one catalogue group: up to the next Målområde line or a block of full-width prose."""
    out: list[Line] = []
    block: list[Line] = []
    for n, ln in enumerate(L[k:stop], start=k):
        nxt = _next_nonblank(L, n + 1, stop)
        if MALOMRADE.match(ln.text) or re.match(r"(?:Titel|Bilaga)\b", ln.text) or \
                (nxt is not None and L[nxt].text.startswith("Titel ")):
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
    """(Mått parts, Datakälla parts) per row; parts are (text, line) since one line may hold both."""
    rows: list[tuple[list, list]] = []
    cur_m: list[tuple[str, Line]] = []
    cur_s: list[tuple[str, Line]] = []
    mode = "M"

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
                not any(t.lower().startswith(x.lower()) for x in lexicon):
            flush()
            mode = "M"
        if mode == "M":
            left, right = ("", t) if ln.bullet and cur_m else _split_source(t, lexicon)
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
    """Indicator cards: '<indikator> N' then 'Titel ...', 'Målnivå ...', 'Datakälla ...'."""
    titles = [i for i, ln in enumerate(L) if ln.text.startswith("Titel ")]
    for i, ln in enumerate(L):
        m = MALOMRADE.match(ln.text)
        k = _next_nonblank(L, i + 1) if m else None
        if m and k is not None and (mm := re.search(r"indikatorerna (.+?)(?: som\b|$)", L[k].text)):
            area = _put(b, PG.FocusArea, m.group("v"), [ln], 0.8)
            _link(b, b.plan, PG.hasFocusArea, area, [ln], 0.8)
            for name in re.split(r",\s*|\s+och\s+", mm.group(1)):
                goal = b.find(PG.Goal, name) or b.node(PG.Goal, name, L[k].span, confidence=0.7)
                _link(b, area, PG.hasGoal, goal, [L[k]], 0.75)
    for n, i in enumerate(titles):
        end = titles[n + 1] if n + 1 < len(titles) else min(len(L), i + 80)
        parts = _field_value(L, i, "Titel")
        seg = "\n".join(t for t, _ in parts)
        if not parts or NO_VALUE.match(seg):
            continue
        lines = [x for _, x in parts]
        goal = None
        for j in range(i - 1, max(-1, i - 5), -1):
            if L[j].text and (g := CARD_GROUP.match(L[j].text)) and not CARD_FIELD.match(L[j].text):
                name = g.group("g").strip()
                goal = b.find(PG.Goal, name) or b.node(PG.Goal, name, L[j].span, confidence=0.7)
                break
        ind = next((node for lab, node in by_goal.get(goal, []) if _similar(lab, _label(seg))), None) \
            if goal is not None else None
        if ind is None:
            ind = _put(b, PG.Indicator, seg, lines, 0.85)
        else:
            b.provenance(ind, _span(lines), _quote(seg), confidence=0.8)
            if norm_label(_label(seg)) != norm_label(str(b.graph.value(ind, RDFS.label))):
                b.set(ind, SKOS.altLabel, Literal(_label(seg), lang="sv"))
        _link(b, goal, PG.measuredBy, ind, lines, 0.8)
        for j in range(i + 1, end):
            t = L[j].text
            if t.startswith("Datakälla") and not t.startswith("Datakällans") and ind is not None:
                _add_sources(b, ind, _field_value(L, j, "Datakälla"), lexicon, 0.8)
            elif t.startswith("Målnivå ") and ind is not None and not re.match(r"Målnivå\s+Ingen", t):
                b.set(ind, PG.targetValue, Literal(t[len("Målnivå "):].strip()))


# -- smaller cue-based parts ---------------------------------------------------------------------
def _extras(L: list[Line], paragraphs: list[tuple[str, list[Line]]], titles: list[tuple[int, int]],
            b: GraphBuilder) -> None:
    """'X (nytt mått)' headings, 'följa till exempel:' measure lists, '(se <dokument>)' references."""
    headings = {_label(ln.text).lower() for ln in L if _titlelike(ln)}
    for i, ln in enumerate(L):
        if (m := NEW_MEASURE.match(ln.text)) and len(ln.text) < 80:
            cls = PG.DataSource if "datakälla" in m.group("k").lower() else PG.Indicator
            b.node(cls, m.group("l"), ln.span, quote=m.group("l"), confidence=0.6)
    for kind, lines in paragraphs:
        text = _text(lines)
        for m in SEE_DOC.finditer(text):
            title = m.group("t")
            if _label(title).lower() not in headings and not re.match(r"(?i)bilaga|figur|tabell|sid", title):
                seg, ls = _sub(lines, text, m.start("t"), m.end("t"))
                _put(b, PG.Document, seg, ls, 0.5)
        if kind != "prose" or not FOLLOW_INTRO.search(text.replace("\n", " ")):
            continue
        idx = _line_index(L, lines[-1]) + 1
        items, _ = _bullet_items(L, idx, len(L))
        head = next(((s, e) for s, e in reversed(titles) if s < idx and idx - s < 30), None)
        goal = _put(b, PG.Goal, _text(L[head[0]:head[1] + 1]), L[head[0]:head[1] + 1], 0.5) if head else None
        for _, ls in items:
            _link(b, goal, PG.measuredBy, _put(b, PG.Indicator, _text(ls), ls, 0.5), ls, 0.5)
