"""Plan identity: the plan's title from the document's blocks.

A title is a short heading or line near the start that names a kind of plan ("…plan",
"…program", "…strategi", "budget", "styrkort", "medborgarlöfte", "Kommunfullmäktiges mål"; the
list is ``plan_words`` in ``vocabulary.yaml``). Headings beat sentences, early beats late, a
line that repeats (a running header) or carries a year scores higher; web furniture was already
dropped by the layout stage. Without any such line the first heading is the title.
"""
from __future__ import annotations

import re

from plangraf.graph.model import Span
from plangraf.loaders.items import LINKED_FILE
from plangraf.loaders.layout import Block
from plangraf.loaders.text import Line
from plangraf.loaders.vocab import vocabulary

DANGLING = frozenset(["med", "för", "och", "i", "av", "till", "om", "på", "inom", "samt", "eller", "att", "som"])
SENTENCE_START = frozenset(["enligt", "när", "då", "genom", "den", "det", "de", "detta", "denna", "dessa", "vi", "i", "på", "under", "efter", "för", "som"])
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
FINITE = re.compile(r"\b(?:är|var|ska|skall|har|hade|kan|blir|gäller|finns)\b", re.IGNORECASE)
STRUCTURAL_FIRST = frozenset(["syfte", "bakgrund", "inledning", "sammanfattning", "uppföljning", "uppdraget", "förord"])
SEARCH_BLOCKS = 60
MENTION_SPAN = 2000      # characters of a block searched for the plan's name
MAX_TITLE = 200          # a fallback title longer than this (a whole paragraph) is cut at a word


def _score(b: Block, k: int, repeats: int) -> float:
    voc = vocabulary()
    text = b.text
    words = len(text.split())
    if words > 14 or len(text) > 140 or words < 1 or text.endswith("?"):
        return -1.0
    m = voc.plan_words.search(text)
    if not m:
        return -1.0
    if text.split()[-1].lower() in DANGLING:
        return -1.0        # a line cut in the middle of a phrase ("Handlingsplan med")
    if text.split()[0].lower() in SENTENCE_START or (words > 6 and len(text[:m.start()].split()) > 3):
        return -1.0        # a long line that mentions a plan somewhere is a sentence, not its title
    if words > 6 and FINITE.search(text):
        return -1.0        # "Samtliga mål i uppdragsplanen är kopplade till …": a statement
    if text.split()[0].lower().strip(":") in voc.structural or text.lower().split(" ", 1)[0] in STRUCTURAL_FIRST:
        return -1.0        # "Syfte med programmet", "Bakgrund till planen": a section, not the title
    score = 3.0
    if b.kind == "item":
        return -1.0
    score += {"heading": 2.0, "lead": 0.5, "field": -1.0}.get(b.kind, 0.0)
    if b.kind == "sentence" and (text.endswith(".") or k >= 3 or words > 8):
        return -1.0
    score += 1.5 if k < 4 else (0.5 if k < 15 else 0.0)
    score += 0.5 if YEAR.search(text) else 0.0
    score += 1.0 if repeats >= 2 else 0.0
    if b.label:          # "Fokusområde 2: …" names an area, not the plan
        score -= 2.0
    if LINKED_FILE.match(text):     # "Policy för X, pdf, öppnas i nytt fönster": another document
        return -1.0
    return score


RUNNING_HEAD = re.compile(r"^[-–]\s*\S.{2,80}?\s[-–]\s+")     # "- alkohol- och drogpolitiskt program - …"
DECISION = re.compile(r"^(?:antagen|antaget|antagna|fastställd|fastställt|beslutad|beslutat|reviderad|reviderat|"
                      r"dnr|diarienummer)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?]\s+(?=\S)")


def declared_title(lines: list[Line]) -> tuple[str, Span] | None:
    """The title a line states outright ('Download "Handlingsplan 2019 …"' on a document-sharing
    site; ``title_lines`` in ``vocabulary.yaml``): its first sentence, without a running header
    before it. None when there is no such line or it only records a decision ("Antagen av …")."""
    voc = vocabulary()
    for line in lines[:60]:
        for pattern in voc.title_lines:
            m = pattern.fullmatch(line.text.strip())
            if not m:
                continue
            title = m.group("title").strip()
            head = RUNNING_HEAD.match(title)
            if head and len(title) > head.end() + 5:
                title = title[head.end():]
            title = SENTENCE_END.split(title, maxsplit=1)[0].strip(" .,;:")
            if len(title) < 5 or DECISION.match(title) or not title[:1].isupper():
                continue
            return title, line.span
    return None


LINE_TITLE = re.compile(r"\b(handlingsplan(en)?|verksamhetsplan(en)?|folkhälsoplan(en)?|strategi(n)?|plan för|"
                        r"program(met)?|bilaga|analys|överenskommelse(n)?|åtgärdsplan(en)?|aktivitetsplan(en)?)\b",
                        re.IGNORECASE)


def running_title(lines: list[Line]) -> tuple[str, Span] | None:
    """The title a PDF repeats (a running header: "Plan för god psykisk hälsa i Värmland 2021–2024"
    on every page) or states early with a year: a short line naming a plan that is not the start
    of a sentence. Returns it only when it is that sure (repeated, or early and dated)."""
    counts: dict[str, int] = {}
    for line in lines:
        if line.text:
            counts[line.text] = counts.get(line.text, 0) + 1
    best: tuple[float, int] | None = None
    for i, line in enumerate(lines):
        t = line.text
        if not (8 <= len(t) <= 120) or ":" in t or t.endswith((".", ",", ";")) or not t[:1].isupper():
            continue
        if len(t.split()) > 10 or not LINE_TITLE.search(t):
            continue
        nxt = next((n.text for n in lines[i + 1:i + 3] if n.text), "")
        if nxt[:1].islower():       # the start of a sentence, not a title
            continue
        score = 1.0 + (2 if counts[t] >= 2 else 0) + (1 if i < 40 else 0) + (1 if YEAR.search(t) else 0)
        if best is None or score > best[0]:
            best = (score, i)
    if best is None or (best[0] < 3 and counts[lines[best[1]].text] < 2):
        return None
    return lines[best[1]].text, lines[best[1]].span


def plan_title(blocks: list[Block]) -> tuple[str, Span] | None:
    """The plan's title and where it stands, or None for a document with no blocks."""
    if not blocks:
        return None
    counts: dict[str, int] = {}
    for b in blocks:
        counts[b.text] = counts.get(b.text, 0) + 1
    best: tuple[float, Block] | None = None
    for k, b in enumerate(blocks[:SEARCH_BLOCKS]):
        s = _score(b, k, counts[b.text])
        if s > 0 and (best is None or s > best[0]):
            best = (s, b)
    lead = opening_title(blocks)
    if lead is not None and (best is None or best[1].index > lead_index(blocks, lead)):
        return lead
    if best is None:
        named = mentioned_title(blocks)
        if named is not None:
            return named
        first = next((b for b in blocks if b.kind == "heading" and not structural_title(b.text)
                      and len(b.text.split()) <= 8 and b.text.split()[-1].lower() not in DANGLING),
                     next((b for b in blocks if b.kind == "heading"), blocks[0]))
        best = (0.0, first)
    b = best[1]
    text = b.text if len(b.text) <= MAX_TITLE else b.text[:MAX_TITLE].rsplit(" ", 1)[0]
    return text, Span(b.start, b.end, b.page)


def opening_title(blocks: list[Block]) -> tuple[str, Span] | None:
    """A document that opens with a long line starting with its plan word ("Handlingsplan 2019
    för utveckling av … - utifrån den nationella överenskommelsen …"): the part before the first
    dash or sentence end."""
    voc = vocabulary()
    for b in blocks[:3]:
        m = voc.plan_words.match(b.text)
        if not m or m.start() != 0 or len(b.text.split()) <= 14 or b.text.endswith("?"):
            continue    # (a short line naming a plan was weighed as a title already)
        head = re.split(r"\s[-–]\s|[.:;]\s", b.text, maxsplit=1)[0].strip()
        if 2 <= len(head.split()) <= 14 and head.split()[-1].lower() not in DANGLING:
            return head, Span(b.start, b.end, b.page)
    return None


def lead_index(blocks: list[Block], lead: tuple[str, Span]) -> int:
    """The index of the block an opening title was cut from."""
    return next(b.index for b in blocks if b.start == lead[1].start)


PLAN_HEAD = r"[\wåäö-]{0,30}(?:plan|planen|program|programmet|strategi|strategin|budget|budgeten|policy|policyn|målbild|målbilden)"
MENTIONED = (
    # "Region Kronobergs budget är det övergripande styrdokumentet …": the plan the text governs by
    re.compile(rf"(?<![\wåäö-])(?P<name>(?:[A-ZÅÄÖ][\wåäö-]{{1,40}} )?[\wåäö-]{{1,40}}s {PLAN_HEAD}) (?:är|utgör) "
               rf"(?:det|kommunens|regionens|vårt) "
               rf"(?:[a-zåäö]+ )?styrdokument", re.IGNORECASE),
    # "Den gemensamma målbilden för omställningen till … antogs av …": what was adopted, as the subject
    re.compile(rf"\b(?:den|det) (?:[a-zåäö]+ )?(?P<name>{PLAN_HEAD}(?: (?:för|om|mot|till) [^.,;:()]{{3,90}}?)?)"
               rf" (?:antogs|antagits|fastställdes|beslutades|togs fram|har tagits fram)\b", re.IGNORECASE),
    # "Denna jämställdhets- och mångfaldsplan ingår …": the text calling itself by name
    re.compile(rf"\b(?:denna|den här|detta|det här)\s+(?P<name>(?:[\wåäö]+-? och )?{PLAN_HEAD}(?: för [^.,;:()]{{3,60}}?)?)"
               rf"(?=[.,;:()]|\s(?:ingår|är|har|gäller|beskriver|bygger|omfattar|ska|syftar|innehåller|utgår)\b)", re.IGNORECASE),
    # "… antogs budget 2021 med investeringsplan för åren 2022–2023 och …": what was adopted
    re.compile(rf"\b(?:antogs|antog|antagit|fastställdes|fastställde|beslutade om|beslutades)\s+(?:en |ett |den |det |nya? )?"
               rf"(?P<name>{PLAN_HEAD}(?: (?:19|20)\d\d)?(?: (?:med|för|om) [^.,;:()]{{3,60}}?)?)(?=[.,;:()]|\soch\s|$)",
               re.IGNORECASE),
    # "… målen i Tillväxtstrategin": a plan's proper name inside a sentence
    re.compile(r"(?<=[a-zåäö,] )(?P<name>[A-ZÅÄÖ][a-zåäö]+(?:plan|planen|program|programmet|strategi|strategin))\b"),
)


def mentioned_title(blocks: list[Block]) -> tuple[str, Span] | None:
    """Where no heading names the plan: the name the opening text gives it ("Denna … plan",
    "antogs budget 2021 med …", "målen i Tillväxtstrategin"), first pattern first."""
    for pattern in MENTIONED:
        for b in blocks[:SEARCH_BLOCKS // 3]:
            m = pattern.search(b.text[:MENTION_SPAN])    # a name the opening gives: its first lines
            if m:
                name = m.group("name").strip()
                return name[:1].upper() + name[1:], Span(b.start, b.end, b.page)
    return None


NOT_FIRST = frozenset(["den", "det", "de", "en", "ett", "vår", "denna", "detta", "dessa", "av", "och", "för", "till", "i", "på", "med", "om", "från", "som", "att", "eller", "samt", "under", "över", "efter", "inom", "enligt"])
NAME_STOP = re.compile(r"[.,;:()\"”“]|\s(?:som|är|och|har|ska|skall|gäller|beslutades|antogs|innehåller|utgår|bygger|"
                       r"beskriver|finns|med|där|vilket|kan)\s", re.IGNORECASE)


def plan_names(blocks: list[Block], title: str, limit: int = 4) -> list[str]:
    """Other names the text gives the plan: fuller forms of its title's plan word
    ("Södertälje kommuns folkhälsostrategi", "handlingsplan för 2017–2019") and the runner-up title
    lines. They become the plan's skos:altLabel, so a search or a match finds the plan by any of them."""
    voc = vocabulary()
    heads = [m.group(0).lower() for m in voc.plan_words.finditer(title)]
    if not heads:
        return []
    head = re.sub(r"(en|et|n)$", "", heads[-1].split()[-1]) if len(heads[-1]) > 6 else heads[-1].split()[-1]
    pattern = re.compile(rf"(?:\b[A-ZÅÄÖ][\wåäö-]+ )?(?:\b[\wåäö-]+s )?\b[\wåäö-]*(?i:{re.escape(head)})(?:en|et|n)?\b"
                         rf"(?: (?:för|mot|om|till|inom) [^.;:()]{{3,80}})?")
    names: list[str] = []
    seen = {title.lower()}
    runner_up = sorted(((_score(b, k, 1), b.text) for k, b in enumerate(blocks[:SEARCH_BLOCKS])
                        if b.kind == "heading" and b.text != title), reverse=True)
    for score, text in runner_up[:1]:
        if score >= 5:          # another heading that names the plan just as well
            names.append(text)
            seen.add(text.lower())
    for b in blocks[:SEARCH_BLOCKS * 2]:
        for m in pattern.finditer(b.text):
            name = NAME_STOP.split(m.group(0))[0].strip()
            year = re.match(r"\s*((?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?)", b.text[m.start() + len(name):])
            if year:
                name = f"{name} {year.group(1)}"
            if len(name.split()) < 2 or name.lower() in seen or len(name) > 120:
                continue
            if name.split()[0].lower() in NOT_FIRST:
                continue
            seen.add(name.lower())
            names.append(name)
            if len(names) >= limit:
                return names
    return names


def structural_title(text: str) -> bool:
    """"Inledning", "1 Inledning", "Bakgrund": a part of the document, never its title."""
    words = re.sub(r"^[\d.\s]+", "", text).lower().strip(" :").split()
    return bool(words) and (" ".join(words) in vocabulary().structural or words[0] in STRUCTURAL_FIRST)


def fuller_title(title: str, names: list[str]) -> tuple[str, list[str]]:
    """A title that is only the plan word ("Handlingsplan") gives way to a fuller name the text
    gives the plan with that word ("handlingsplan 2017 för …"); the bare word stays an alternative."""
    if len(title.split()) != 1:
        return title, names
    for name in names:
        if name.lower().startswith(title.lower() + " "):
            return name[:1].upper() + name[1:], [title] + [n for n in names if n != name]
    return title, names