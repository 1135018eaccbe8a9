"""Field records: project sheets, role lists and the prose parts around them (a general stage).

A layout kind any document may have: a record is a title followed by labelled fields, each field a
short line naming a section ("Syfte", "Målgrupp", "Ansvarig") with its value below it, or a label
line "Målgrupp: …". :func:`read_records` reads every such record in a document's lines; the words
are data (vocabulary.yaml, section ``records:``). Role descriptions, role lists, label-line blocks
and challenge tables are read by :mod:`plangraf.loaders.records_roles`.

A project sheet is a title followed by the sections Bakgrund / Syfte / Tidplan / Metod / Resultat
(also Mål, Målgrupp, Aktiviteter, Ansvarig, Budget): the satsning is a pg:Activity serving the
goals its Syfte and Resultat state, with its bodies, target groups, sub-activities and budget.
A heading naming prerequisites ("Vad behöver vi? (förutsättningar ...)") is followed by
"Term – explanation" paragraphs (pg:Assumption); a sheet's "… fokusområdet: X" and a plan's
"… N fokusområden:" with a list name focus areas.
"""
from __future__ import annotations

import re

from rdflib import Literal, URIRef

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.records_roles import (
    ROLE_HEADING,
    challenge_tables,
    course_blocks,
    role_description,
    role_lists,
)
from plangraf.loaders.records_text import (
    ACTIVITY_LISTS,
    BODY_SECTIONS,
    BUDGET_SECTIONS,
    FUNC_END,
    GOAL_LISTS,
    GOAL_SECTIONS,
    RESULT_SECTIONS,
    TARGET_SECTIONS,
    VOCAB,
    blocks,
    bullet_items,
    clean_label,
    cut,
    joined,
    line_index,
    link,
    next_nonblank,
    put,
    section,
    skippable,
    span_of,
    titlelike,
)
from plangraf.loaders.text import Line
from plangraf.loaders.values import MONEY, sentence_spans, split_list
from plangraf.loaders.vocab import alternatives
from plangraf.namespace import PG

PURPOSE = re.compile(r"^(?:.{0,80}?\b(?:syfte[tn]?|mål(?:et|en|sättningen)?)\b.{0,90}?\b(?:är|var)\s+"
                     r"(?:därför\s+|också\s+|även\s+|vidare\s+)?att\s+|(?:vidare\s+)?(?:är|var)\s+syftet\s+"
                     r"(?:också\s+)?att\s+)", re.IGNORECASE)
# "Förväntat resultat är att ...", "Det förväntade resultatet är att ...", "Förhoppningen är att ..."
CUES = VOCAB["sheet_cues"]
EXPECTED = re.compile(rf"^(?:det\s+)?(?:{alternatives(CUES['expected'])})\s+är\s+att\s+", re.IGNORECASE)
MALBILD = re.compile(r"\bmålbild\w*\b[^:.]{0,40}:\s*", re.IGNORECASE)
GOAL_INTRO = re.compile(rf"\b(?:{alternatives(CUES['goal_intro'])})\b[^.]*:$", re.IGNORECASE)
# "Planerat arbete under 2023:", "Aktiviteterna är följande:": the bullets below are steps of the satsning
ACTIVITY_INTRO = re.compile(rf"\b(?:{alternatives(CUES['activity_intro'])})\b[^.]*:$", re.IGNORECASE)
FOCUS_ONE = re.compile(r"\bfokusområde(?:t)?\s*:\s*(?P<v>[^.]+)", re.IGNORECASE)
NUMBERED = re.compile(r"^\s*\d[\d\s,.&–-]*(?:och\s+\d+)?(?:\s|$)")
FOCUS_LIST = re.compile(r"\bfokusområden\b[^.]*:$", re.IGNORECASE)
BODY_NAMES = alternatives(CUES["body_names"])
PREREQUISITES = re.compile(alternatives(CUES["prerequisite_headings"]), re.IGNORECASE)
PLAN_PHRASE = re.compile(r"\b(?:en|ett|vår|den|sin)\s+((?:\S+\s+){0,3}?\S*plan)\b")
BODY_AFTER, BODY_BEFORE = alternatives(CUES["body_after"]), alternatives(CUES["body_before"])
BODY_IN_BRACKETS = alternatives(CUES["body_in_brackets"])
RESP_CUE = re.compile(rf"\b(?:{BODY_AFTER}|{BODY_BEFORE}|{BODY_IN_BRACKETS})", re.IGNORECASE)
NAME = r"[A-ZÅÄÖ][\w&-]*(?:\s(?:i\s)?(?!(?:och|som|att|för|samt|med|under|där|vid|är|har|kommer|ska)\b)[\w&-]+){0,3}"
RESP_AFTER = re.compile(rf"(?i:\b(?:{BODY_AFTER}))\s+(?P<b>{NAME})|(?i:\b(?:{BODY_IN_BRACKETS})) \((?P<b2>{NAME})\)")


def find_titles(L: list[Line]) -> list[tuple[int, int]]:
    """Title blocks (first, last line index): a title-like line that starts a paragraph, plus
    lowercase or dash continuation lines; rejected when a lowercase sentence follows it."""
    out: list[tuple[int, int]] = []
    prev: Line | None = None
    gap = in_bullet = False
    for i, ln in enumerate(L):
        if not ln.text or skippable(ln.text):
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
        if starts and titlelike(ln) and ln.text[0].isupper() and not (prev and section(prev.text)):
            j, k, n = i, next_nonblank(L, i + 1), 0
            while k is not None and n < 3 and titlelike(L[k]) and not L[k].text[0].isupper():
                j, k, n = k, next_nonblank(L, k + 1), n + 1
            if k is None or not L[k].text[0].islower():
                out.append((i, j))
        prev = ln
    return out


def find_sheets(L: list[Line], titles: list[tuple[int, int]]) -> list[tuple[tuple[int, int], list[tuple[str, int]], int]]:
    """(title, [(section, line index)], end) for each title followed by form sections."""
    out: list[tuple[tuple[int, int], list[tuple[str, int]], int]] = []
    for n, (s, e) in enumerate(titles):
        end = titles[n + 1][0] if n + 1 < len(titles) else len(L)
        secs = [(name, i) for i in range(e + 1, end) if not L[i].bullet and (name := section(L[i].text))]
        if len({name for name, _ in secs}) < 2:
            continue
        before = sum(1 for i in range(e + 1, secs[0][1]) if L[i].text)
        if before <= 15:
            out.append(((s, e), secs, end))
    return out


def read_sheet(L: list[Line], secs: list[tuple[str, int]], end: int, act: URIRef, b: GraphBuilder,
               bodies: list[str]) -> None:
    for n, (name, i) in enumerate(secs):
        stop = secs[n + 1][1] if n + 1 < len(secs) else end
        items = blocks(L[i + 1:stop])
        for idx, (kind, lines) in enumerate(items):
            text = joined(lines)
            if name in TARGET_SECTIONS:
                link(b, act, PG.targetGroup, put(b, PG.TargetGroup, text, lines, 0.7), lines, 0.7)
                continue
            if name in GOAL_LISTS and kind == "bullet":
                link(b, act, PG.servesGoal, put(b, PG.Goal, text, lines, 0.75), lines, 0.75)
                continue
            if name in ACTIVITY_LISTS and kind == "bullet":
                link(b, put(b, PG.Activity, text, lines, 0.7), PG.partOf, act, lines, 0.7)
                continue
            if name in BODY_SECTIONS and idx == 0:
                for part in split_list(clean_label(text)):
                    if part in text.replace("\n", " "):
                        body = b.node(PG.ResponsibleBody, part, span_of(lines), quote=part, confidence=0.75)
                        link(b, body, PG.responsibleFor, act, lines, 0.75)
                continue
            if name in BUDGET_SECTIONS and idx == 0 and re.search(r"\d", text):
                s0, e0 = sentence_spans(text)[0]
                budget = put(b, PG.Budget, text[s0:e0], cut(lines, text, s0, e0)[1], 0.6)
                flat = text.replace("\n", " ")
                if budget is not None and (am := MONEY.search(flat)):  # as written, to the unit's first word
                    b.set(budget, PG.amount, Literal(flat[am.start():am.start("unit") + len(am["unit"].split()[0])]))
                link(b, act, PG.budget, budget, lines, 0.6)
                continue
            if name in GOAL_SECTIONS | RESULT_SECTIONS and GOAL_INTRO.search(text):
                for ls in _bullets_after(items, idx):
                    link(b, act, PG.servesGoal, put(b, PG.Goal, joined(ls), ls, 0.75), ls, 0.75)
            elif kind == "prose" and ACTIVITY_INTRO.search(text):
                for ls in _bullets_after(items, idx):
                    link(b, put(b, PG.Activity, joined(ls), ls, 0.65), PG.partOf, act, ls, 0.65)
            if kind != "prose":
                continue
            for si, (s, e) in enumerate(sentence_spans(text)):
                _sentence_goal(b, act, name, lines, text, s, e, first=(idx == 0 and si == 0))
                sent = text[s:e]
                if RESP_CUE.search(sent):
                    _responsible(b, act, sent, cut(lines, text, s, e)[1], bodies)


def _bullets_after(items: list[tuple[str, list[Line]]], idx: int) -> list[list[Line]]:
    """The bullet items directly after item ``idx`` (the list its "...:" introduces)."""
    out = []
    for kind, ls in items[idx + 1:]:
        if kind != "bullet":
            break
        out.append(ls)
    return out


def _sentence_goal(b: GraphBuilder, act: URIRef, name: str, lines: list[Line], text: str, s: int, e: int,
                   first: bool) -> None:
    sent = text[s:e]
    if name in RESULT_SECTIONS and (m := MALBILD.search(sent)):
        seg, ls = cut(lines, text, s + m.end(), e)
        link(b, act, PG.hasMalbild, put(b, PG.Malbild, seg, ls, 0.7), ls, 0.7)
        return
    if name not in GOAL_SECTIONS | RESULT_SECTIONS or sent.rstrip().endswith(":"):
        return
    flat = sent.replace("\n", " ")
    low = flat.lower()
    m = ("syfte" in low or "mål" in low) and PURPOSE.match(flat) or None
    if m is None and low.startswith(("förvänt", "det förvänt", "förhopp", "ambition")):
        m = EXPECTED.match(flat)
    if m:
        off = s + len(flat[:m.end()])
    elif name in GOAL_SECTIONS and first or name in RESULT_SECTIONS and first and re.search(r"\bska\b", flat) and not re.match(r"Det(ta)? är", flat):
        off = s
    else:
        return
    seg, ls = cut(lines, text, off, e)
    link(b, act, PG.servesGoal, put(b, PG.Goal, seg, ls, 0.7 if m else 0.6), ls, 0.65)


def _responsible(b: GraphBuilder, act: URIRef, sent: str, lines: list[Line], bodies: list[str]) -> None:
    """Bodies named by a responsibility cue: 'leds av X', 'anställts på X', 'X har fått i uppdrag'."""
    flat = sent.replace("\n", " ")
    found = [m.group("b") or m.group("b2") for m in RESP_AFTER.finditer(flat)]
    known = "|".join(re.escape(n) for n in sorted(bodies, key=len, reverse=True))
    before = re.compile(rf"(?P<b>{known + '|' if known else ''}{BODY_NAMES})"
                        rf"\s+(?:{BODY_BEFORE})\b")
    found += [m.group("b") for m in before.finditer(flat)]
    for name in dict.fromkeys(n.strip() for n in found):
        name = next((n for n in bodies if name.lower().startswith(n.lower())), name)
        pos = flat.lower().find(name.lower())
        quote = flat[pos:pos + len(name)] if pos >= 0 else name
        body = b.node(PG.ResponsibleBody, quote, span_of(lines), quote=quote, confidence=0.55)
        link(b, body, PG.responsibleFor, act, lines, 0.55)


def focus_lists(L: list[Line], paragraphs: list[tuple[str, list[Line]]], b: GraphBuilder, sheets: list,
                anchors: list[tuple[int, URIRef | None]]) -> None:
    """'... fokusområdet: X' and '... plan som innefattar N fokusområden ...:' + numbered items."""
    starts = dict(anchors)
    spans = [(s, end, starts[s]) for (s, _e), _secs, end in sheets if starts.get(s) is not None]
    for kind, lines in paragraphs:
        text = joined(lines)
        if "fokusområde" not in text.lower():
            continue
        idx = line_index(L, lines[0])
        owner = next((a for s, end, a in spans if s <= idx < end), None) or b.plan
        for m in FOCUS_ONE.finditer(text):
            if NUMBERED.match(m.group("v")):
                continue  # "Fokusområde: 3,5" refers to areas by number; it names none
            seg, ls = cut(lines, text, m.start("v"), m.end("v"))
            link(b, owner, PG.hasFocusArea, put(b, PG.FocusArea, seg, ls, 0.65), ls, 0.6)
        if kind == "prose" and FOCUS_LIST.search(text):
            head = text[:text.lower().rfind("fokusområden")]
            pm = list(PLAN_PHRASE.finditer(head))
            if pm:
                seg, ls = cut(lines, text, pm[-1].start(1), pm[-1].end(1))
                owner = put(b, PG.Plan, seg, ls, 0.6) or owner
            items, _ = bullet_items(L, line_index(L, lines[-1]) + 1, len(L))
            for _, ls in items:
                seg = re.sub(r"^\d{1,2}[.)]\s*", "", joined(ls))
                link(b, owner, PG.hasFocusArea, put(b, PG.FocusArea, seg, ls, 0.7), ls, 0.7)


def prerequisites(L: list[Line], titles: list[tuple[int, int]], b: GraphBuilder) -> None:
    """Under a heading naming 'förutsättningar'/'framgångsfaktorer': 'Term – explanation' paragraphs."""
    for n, (s, e) in enumerate(titles):
        if section(L[s].text) or not PREREQUISITES.search(L[s].text):   # named on the heading line itself
            continue
        stop = titles[n + 1][0] if n + 1 < len(titles) else min(len(L), e + 80)
        prev = ""
        for ln in L[e + 1:stop]:
            m = re.match(r"^(?P<t>[A-ZÅÄÖ][^–.:]{2,60}?) [–-] (?=[A-ZÅÄÖ”\"])", ln.text)
            if m and (not prev or prev[-1] in ".!?"):
                node = b.node(PG.Assumption, m.group("t"), ln.span, quote=m.group("t"), confidence=0.6)
                link(b, b.plan, PG.assumes, node, [ln], 0.55)
            prev = ln.text or prev


def read_records(L: list[Line], b: GraphBuilder) -> None:
    """Every field record of a document: role lists and descriptions, label-line blocks, project
    sheets, the challenge tables and focus-area lists under them, and prerequisites.

    Parts run in a fixed order because later ones use what earlier ones found: body names from role
    lists help read "leds av ..." sentences in sheets, and sheet/course activities anchor the
    challenge tables and focus-area lists below them."""
    titles = find_titles(L)
    sheets = find_sheets(L, titles)
    sheet_titles = {t for t, _, _ in sheets}
    anchors: list[tuple[int, URIRef | None]] = []  # (line index, activity) for tables below them
    roles = [sh for sh in sheets if ROLE_HEADING.match(L[sh[0][0]].text)]
    bodies = role_lists(L, titles, sheet_titles, b)  # names found first: sheets refer to them
    for (s, e), secs, _end in roles:
        bodies += role_description(L, (s, e), secs, b)
    course_blocks(L, b, anchors)
    for (s, e), secs, end in sheets:
        if ((s, e), secs, end) in roles:
            continue
        act = put(b, PG.Activity, joined(L[s:e + 1]), L[s:e + 1], 0.85)
        if act is not None:
            anchors.append((s, act))
            read_sheet(L, secs, end, act, b, bodies)
    challenge_tables(L, b, sorted(anchors, key=lambda a: a[0]))
    if any("okusområde" in ln.text or "OKUSOMRÅDE" in ln.text for ln in L):   # (paragraphs only where named)
        focus_lists(L, blocks(L), b, sheets, anchors)
    prerequisites(L, titles, b)
