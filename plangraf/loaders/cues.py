"""Cue tables for the generic extractor: pure functions from a line to what it says.

Swedish plans that follow no known template still share a vocabulary: label words ("Mål:",
"Ansvarig:", "Målvärde 2025"), column headers of flattened tables, area words ("Fokusområde 2"),
numbered headings, list items that open with an action verb, tags on items ("(Ansvar: X)") and
question prompts ("Hur kan det mätas?"). Everything here keys on that vocabulary, never on one
document's sentences, and knows nothing about graphs: :mod:`plangraf.loaders.generic` turns what
these functions find into nodes and links. The readers of sentences (:mod:`.prose`), of data-source
names (:mod:`.source_names`), of amounts and name lists (:mod:`.values`) and of flattened tables
(:mod:`.generic_tables`) live beside this module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from plangraf.loaders.source_names import SOURCE_WORD, find_sources
from plangraf.namespace import PG


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def lines_with(text: str, low: str, keys: tuple[str, ...]) -> dict[int, str]:
    """The lines of ``text`` (``low``: lower-cased) that hold one of ``keys``, by start offset:
    a template's ``matches()`` tests its line patterns on these lines only, fast on any document."""
    found: dict[int, str] = {}
    for key in keys:
        i = low.find(key)
        while i >= 0:
            start, end = low.rfind("\n", 0, i) + 1, low.find("\n", i)
            end = len(low) if end < 0 else end
            found[start] = text[start:end]
            i = low.find(key, end)
    return found


# -- label words -------------------------------------------------------------------------------
# (pattern on the normalised label word, role, class). Roles that make nodes: goal, activity,
# indicator, source, body, group, budget, malbild, area; "followup" makes an indicator only when
# its value reads like one; "value" is a target value; baseline/time/other are known columns and
# labels that carry no entity but still end a block.
_FOR = r"( för (uppföljning|mål(et|en)?|delmål(et|en)?|området|insatsområdet|att nå (målen|målet)))?"
_ROLES: list[tuple[str, str, URIRef | None]] = [
    ((r"(övergripande|långsiktig[at]?|strategisk[at]?|kommunfullmäktiges|kf|inriktnings)[- ]?mål(en|et)?"
      r"|mål(en)?,? (på )?lång sikt|långsiktiga målet|inriktningsmål(en)?"), "goal", PG.LongTermGoal),
    (r"(del|etapp|års)mål(en|et)?|kortsiktig[at]? mål(en|et)?|mål(en)?,? (på )?kort sikt|kortsiktiga målet",
     "goal", PG.ShortTermGoal),
    ((r"mål(en|et)?|målsättning(ar|en|arna)?|(effekt|resultat|nämnd|verksamhets|förvaltnings|process)"
      r"mål(en|et)?|mål för (området|insatsen|aktiviteten|arbetet)|förväntade? (resultat|effekter?)"),
     "goal", PG.Goal),
    ((r"(planerade |prioriterade )?(aktivitet(er(na)?|en)?|åtgärd(er(na)?|en)?|insats(er(na)?|en)?)"
      + _FOR + r"|handlingar|så här gör vi"), "activity", PG.Activity),
    ((r"((resultat)?indikator(er(na)?|n)?|mätetal(en)?|nyckeltal(en)?|mått(et|en)?|uppföljningsmått)"
      + _FOR + r"|hur mäts (resultatet|målet|det)"), "indicator", PG.Indicator),
    (r"datakälla|datakällor(na)?|källa|källor(na)?|mätmetod|mätinstrument", "source", PG.DataSource),
    ((r"(huvud)?ansvarig[at]?( [a-zåäö/]+){0,2}|ansvar|ansvarsfördelning|uppföljningsansvarig|ägare"
      r"|utförare|genomförs av|aktör(er(na)?)?"), "body", PG.ResponsibleBody),
    (r"(på )?lång sikt", "goal", PG.LongTermGoal),
    (r"(på )?kort sikt", "goal", PG.ShortTermGoal),
    (r"målgrupp(er(na)?|en)?|för vem", "group", PG.TargetGroup),
    (r"budget|kostnad(er)?|beräknad kostnad|finansiering|budget och finansiering|resurser|medel",
     "budget", PG.Budget),
    (r"målbild(en)?|vision(en)?", "malbild", PG.Malbild),
    (r"antaganden?|förutsättningar|risker och antaganden", "assumption", PG.Assumption),
    ((r"(fokus|insats|utvecklings|mål|strategiska? |prioriterade? )?områden?"
      r"|(fokus|insats|utvecklings|mål)områden(a)?|tema"), "area", PG.FocusArea),
    (r"målvärde(n)?|målnivå(er)?", "value", None),
    (r"utgångsvärde(n)?|utgångsläge|nuläge(svärde)?|basvärde|utfall|referensvärde", "baseline", None),
    (r"tidsplan|tidplan|tid|tidpunkt|klart( senast)?|när|period|tidsperiod|start|slut|deadline|år",
     "time", None),
    (r"uppföljning( och utvärdering)?|hur följs (det|arbetet|målet) upp|följs upp (genom|av|i)", "followup",
     PG.Indicator),
    ((r"nr|status|kommentar(er)?|beskrivning|syfte|bakgrund|nulägesbeskrivning|motivering|risker"
      r"|samverkan|samverkanspart(ner|er)?|prioritet|kopplingar?|koppling till [a-zåäö ]+|utvecklingsbehov"),
     "other", None),
]
ROLE_TABLE = re.compile("|".join(f"(?P<r{k}>{p})" for k, (p, _r, _c) in enumerate(_ROLES)))
ENTITY_ROLES = ("goal", "activity", "indicator", "source", "body", "group", "budget", "malbild", "area",
                "assumption")
LABEL_NOISE = re.compile(r"\s*\([^()]*\)|\s+(?:för |år )?\d{4}(?:\s*[-–]\s*\d{2,4})?\b"
                         r"|\s+\d{1,2}(?:\.\d{1,2})*[a-z]?\b")  # '(1 år)', '2025', 'för 2025–2026', '1.2'


@lru_cache(maxsize=4096)
def label_role(word: str) -> tuple[str, URIRef | None] | None:
    """('Delmål 2025:') -> ('goal', ShortTermGoal); known labels and column headers, else None."""
    word = word.strip().rstrip(":?").strip().lower()
    if not word or len(word) > 60 or word[-1] in ".!":
        return None
    for text in (word, LABEL_NOISE.sub("", word).strip()):
        m = ROLE_TABLE.fullmatch(text)
        if m:
            k = next(k for k in range(len(_ROLES)) if m.group(f"r{k}") is not None)
            return _ROLES[k][1], _ROLES[k][2]
    return None


@dataclass(frozen=True)
class Label:
    """A label line: its role and class, the value after it ('' for a bare label)."""

    role: str
    cls: URIRef | None
    value: str
    bare: bool


ID_LABEL = re.compile(r"^(?P<head>[A-ZÅÄÖ][a-zåäö-]+(?: [a-zåäö-]+){0,2})\s+"
                      r"(?P<id>\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)[.:)]?(?:\s+[-–])?\s+"
                      r"(?P<value>[A-ZÅÄÖ\"”(].*)$")
DASH_LABEL = re.compile(r"^(?P<head>[A-ZÅÄÖ][a-zåäö-]+(?: [a-zåäö-]+){0,2})\s+[-–]\s+(?P<value>[A-ZÅÄÖ].*)$")


@lru_cache(maxsize=8192)
def parse_label(text: str) -> Label | None:
    """'Ansvarig: X', 'Aktivitet 1.1 Införa …', 'Mål – …' or a bare 'Aktiviteter' line, else None."""
    colon = text.find(":")
    if 0 < colon <= 60:
        head, value = text[:colon], text[colon + 1:].strip()
        if not text[colon + 1:colon + 2].isdigit():  # not a clock time or ratio: '10:30'
            kind = label_role(head)
            if kind:
                return Label(kind[0], kind[1], value, not value)
    for pattern in (ID_LABEL, DASH_LABEL):
        m = pattern.match(text)
        if m:
            kind = label_role(m.group("head"))
            if kind and kind[0] != "other":
                return Label(kind[0], kind[1], m.group("value").strip(), False)
    if len(text) <= 60 and len(text.split()) <= 6:
        kind = label_role(text)
        if kind:
            return Label(kind[0], kind[1], "", True)
    return None


# -- headings ----------------------------------------------------------------------------------
NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<title>[A-ZÅÄÖ\"”].{1,100})$")
AREA_HEAD = re.compile(r"^(?P<cue>(?:fokus|insats|utvecklings|mål|strategiskt |prioriterat |prioriterade )?"
                       r"område|tema)\s*(?P<num>\d{1,2}(?:\.\d{1,2})?)?\s*[.:–-]?\s+"
                       r"(?P<title>[A-ZÅÄÖ\"”].{2,100})$",
                       re.IGNORECASE)
TOC_LINE = re.compile(r"(?:\.{3,}|…+|(?:\. ){3,}|_{3,})\s*\d{1,3}$")
CONTAINER = re.compile(r"^(?:\w+ )?(?:fokus|insats|utvecklings|mål|prioriterade |strategiska )?"
                       r"områden(?:a)?$",
                       re.IGNORECASE)  # 'Fokusområden', '3 Prioriterade områden': a heading over areas
NON_AREA = re.compile(
    r"^(inledning|bakgrund|syfte|sammanfattning|förord|uppföljning|utvärdering|uppdrag|organisation|ansvar"
    r"|ekonomi|budget|finansiering|bilag|referenser|källor|ordlista|definitioner|begrepp|läsanvisning"
    r"|innehåll|nuläge|analys|utgångspunkter|förutsättningar|styrdokument|genomförande|implementering"
    r"|tidplan|tidsplan|vision|målbild|mål och|övergripande|handlingsplan|verksamhetsplan|plan|planens"
    r"|kommunikation|internkontroll|intern kontroll|revidering|beslut|kontakt|om planen|lagar|nationell"
    r"|regional|statistik|omvärld|process|metod|struktur|samverkan|delaktighet i arbetet)", re.IGNORECASE)


def numbered_heading(text: str) -> tuple[tuple[int, ...], str] | None:
    """'2.3 Tidiga insatser' -> ((2, 3), 'Tidiga insatser'); lines that read like a heading only."""
    m = NUMBERED.match(text)
    if not m or text.endswith((".", ",", ";", ":")) or TOC_LINE.search(text):
        return None
    title = m.group("title").strip()
    if len(title.split()) > 12:
        return None
    return tuple(int(n) for n in m.group("num").split(".")), title


def area_heading(text: str) -> tuple[tuple[int, ...] | None, str] | None:
    """'Insatsområde 2. Trygg uppväxt' / 'Fokusområde: X' -> (number or None, title)."""
    m = AREA_HEAD.match(text)
    if not m or text.endswith((".", ";")) or TOC_LINE.search(text) or len(m.group("title").split()) > 14:

        return None
    num = tuple(int(n) for n in m.group("num").split(".")) if m.group("num") else None
    return num, m.group("title").strip()


def is_successor(prev: tuple[int, ...] | None, new: tuple[int, ...]) -> bool:
    """Whether heading number ``new`` can follow ``prev``: 2 -> 2.1 or 3, 3.1 -> 3.2 or 4, or 1 (restart)."""
    if prev is None or new == (1,):
        return True
    for depth in range(1, len(prev) + 1):
        if len(new) == depth and new[:-1] == prev[:depth - 1] and 0 < new[-1] - prev[depth - 1] <= 2:
            return True
    return len(new) == len(prev) + 1 and new[:-1] == prev and new[-1] in (1, 2)


# -- items -------------------------------------------------------------------------------------
ITEM_MARK = re.compile(r"^(?:(?P<n>\d{1,2})[.)]|(?P<a>[a-h])[.)]|\((?P<p>\d{1,2})\)|[-–]"
                       r"|(?P<b>\d{1,2})(?= [A-ZÅÄÖ]))\s+(?=\S)")
INDICATOR_START = re.compile(
    r"^(?:andel(?:en)?|antal(?:et)?|procent|genomsnittlig|medel|förändring|nöjd|nöjdhet|index|upplevd|"
    r"väntetid(?:er)?|kostnad per|sjukfrånvaro|personalomsättning|frekvens|ohälsotal|skattad|självskattad|"
    r"resultat i|resultat från|nivå på|grad av|hur många|hur stor andel)\b", re.IGNORECASE)
ACTIVITY_VERBS = words(
    "erbjuda genomföra utbilda införa ta starta utveckla kartlägga skapa inrätta sprida samordna etablera "
    "implementera upprätta anordna arrangera tillsätta anställa rekrytera pröva prova testa utreda utvärdera "
    "inventera sammanställa ordna bilda delta informera identifiera bygga anlägga upphandla revidera "
    "uppdatera formulera initiera tydliggöra fortsätta säkerställa möjliggöra stödja stötta verka arbeta "
    "organisera genomför utbildning utarbeta förbättra förstärka stärka använda följa")


def item_mark(text: str) -> tuple[str, int | None]:
    """'1. Utbilda …' -> ('Utbilda …', 1), 'b) …' -> (…, 2), '- …' -> (…, 0); no mark -> (text, None).

    A bare number ('1 Förebyggande arbete') counts too: whether it numbers a list item or a
    heading is decided by the caller, from what stands around it."""
    m = ITEM_MARK.match(text)
    if not m:
        return text, None
    number = m.group("n") or m.group("p") or m.group("b")
    letter = m.group("a")
    return text[m.end():], int(number) if number else (ord(letter) - 96 if letter else 0)


def activity_like(text: str) -> bool:
    """Whether an item opens with an action verb ('Utbilda personal …', 'Ta fram …')."""
    first = text.split(" ", 1)[0].lower().strip(",.:")
    return first in ACTIVITY_VERBS


def indicator_like(text: str) -> bool:
    return bool(INDICATOR_START.match(text.strip()))


# -- tags on items ----------------------------------------------------------------------------
TAG = re.compile(r"\s*[(\[](?P<key>ansvar(?:ig[a]?)?|aktör(?:er)?|målgrupp|tidsplan|tidplan|tid|klart"
                 r"|indikator|mått|källa|datakälla|budget|kostnad)\s*:\s*(?P<value>[^()\[\]]{2,120})[)\]]",
                 re.IGNORECASE)
TRAIL_TAG = re.compile(r"\s+[-–]\s+(?P<key>ansvar(?:ig[a]?)?|målgrupp|tidsplan|klart)\s*:\s*"
                       r"(?P<value>.{2,120})$", re.IGNORECASE)
PAREN_BODY = re.compile(r"\s*\((?P<value>[^()]{3,60}?) (?:samordnar|ansvarar|leder|är ansvarig)\)")
TRAIL_PAREN = re.compile(r"\s*\((?P<value>[^()]{2,120})\)\s*\.?$")


def split_tags(text: str) -> tuple[str, list[tuple[str, str]]]:
    """'Utbilda personal (Ansvar: Socialförvaltningen)' -> ('Utbilda personal', [('body', 'Soc…')]).

    The text before the first tag is the item; what follows a tag (a comment) is dropped, so the
    item stays a piece of the source text that a quote can point at.
    """
    tags: list[tuple[str, str]] = []
    cut = len(text)
    found: list[re.Match[str]] = []
    if ":" in text:
        if "(" in text or "[" in text:
            found += TAG.finditer(text)
        if " - " in text or " – " in text:
            found += TRAIL_TAG.finditer(text)
    if "(" in text:
        found += PAREN_BODY.finditer(text)
    for m in sorted(found, key=lambda m: m.start()):
        key = m.groupdict().get("key")
        kind = label_role(key) if key else ("body", None)
        if kind:
            tags.append((kind[0], m.group("value").strip()))
            cut = min(cut, m.start())
    return text[:cut].strip(), tags


def trailing_source(text: str) -> tuple[str, str | None]:
    """'Andel … (Liv och hälsa ung)' -> ('Andel …', 'Liv och hälsa ung') when the parenthesis names a
    data source (a national one, or a register/survey/system); otherwise the text is unchanged."""
    m = TRAIL_PAREN.search(text) if text.rstrip(" .").endswith(")") else None
    if not m:
        return text, None
    inner = m.group("value").strip()
    if find_sources(inner) or SOURCE_WORD.search(inner):
        return text[:m.start()].rstrip(" ,"), inner
    return text, None


# -- list intros and question prompts ----------------------------------------------------------
def _patterns(table: tuple[tuple[str, str, URIRef], ...]) -> list[tuple[re.Pattern[str], str, URIRef]]:
    return [(re.compile(p, re.IGNORECASE), role, cls) for p, role, cls in table]


INTRO_ROLES = _patterns((
    (r"\b(?:fokus|insats|utvecklings|mål|strategiska |prioriterade )områden(?:a)?\b", "area", PG.FocusArea),
    (r"\b(?:aktiviteter(?:na)?|åtgärder(?:na)?|insatser(?:na)?)\b", "activity", PG.Activity),
    (r"\b(?:indikatorer(?:na)?|mått(?:en)?|nyckeltal(?:en)?|mätetal(?:en)?)\b", "indicator", PG.Indicator),
    (r"\b(?:mål(?:en)?|målsättningar(?:na)?|delmål(?:en)?)\b", "goal", PG.Goal),
    (r"\bmålgrupp(?:er(?:na)?)?\b", "group", PG.TargetGroup),
    (r"\bdatakällor(?:na)?\b", "source", PG.DataSource),
))


QUESTION_START = re.compile(r"^(?:Hur|Vad|Vilka|Vilken|Vilket|Vem|När)\b")
QUESTION = re.compile(r"^(?:Hur|Vad|Vilka|Vilken|Vilket|Vem|När)\b.{3,160}\?$")
QUESTION_ROLES = _patterns((
    (r"\b(?:data|datakällor?|källor?)\b", "source", PG.DataSource),
    (r"\bmät", "indicator", PG.Indicator),
    (r"\bmålgrupp|\bför vem\b|\bvilka riktar\b", "group", PG.TargetGroup),
    (r"\bansvar|^vem\b", "body", PG.ResponsibleBody),
    (r"\bkostnad|\bbudget|\bfinansier|\bresurser\b", "budget", PG.Budget),
    (r"\bantagande|\bförutsättning", "assumption", PG.Assumption),
    (r"\baktivitet|\bgenomför|\binsatser\b|\bgöra\b", "activity", PG.Activity),
    (r"\buppnå|\bmål\b|\bmålet\b|\beffekt|\bresultat", "goal", PG.Goal),
))


def question_role(text: str) -> tuple[str, URIRef] | None:
    """The kind of answer a question prompt asks for ('Hur kan det mätas?' -> indicator, 'Vad förväntas
    satsningen uppnå på längre sikt?' -> a long-term goal): forms and logic models ask, then answer."""
    if not QUESTION.match(text):
        return None
    for pattern, role, cls in QUESTION_ROLES:
        if pattern.search(text):
            if role == "goal":
                low = text.lower()
                cls = PG.LongTermGoal if ("lång" in low or "längre" in low) else \
                    PG.ShortTermGoal if "kort" in low else PG.Goal
            return role, cls
    return None


def intro_role(text: str) -> tuple[str, URIRef] | None:
    """The kind of list a line ending in ':' introduces ('Under året genomförs följande aktiviteter:'),
    when it names exactly one kind (an area word first: 'insatsområden' is no 'insatser')."""
    if not text.endswith(":") or len(text) > 220:
        return None
    found: list[tuple[str, URIRef]] = []
    for pattern, role, cls in INTRO_ROLES:
        if pattern.search(text):
            found.append((role, cls))
            text = pattern.sub(" ", text)
    if len(found) != 1:
        return None
    role, cls = found[0]
    return (role, goal_class(None, text) if role == "goal" else cls)


def goal_class(adj: str | None, when: str | None) -> URIRef:
    text = f"{adj or ''} {when or ''}".lower()
    if "lång" in text or "övergripande" in text or "strategisk" in text:
        return PG.LongTermGoal
    if "kort" in text:
        return PG.ShortTermGoal
    return PG.Goal
