"""Cue tables for the generic extractor: pure functions from a line or a paragraph to what it says.

Swedish plans that follow no known template still share a vocabulary: label words ("Mål:",
"Ansvarig:", "Målvärde 2025"), column headers of flattened tables, area words ("Fokusområde 2"),
cue sentences ("Målet är att …", "X ansvarar för …", "riktar sig till …", "följs upp genom
Kolada") and the names of national data sources. Everything here keys on that vocabulary, never
on one document's sentences, and knows nothing about graphs: :mod:`plangraf.loaders.generic`
turns what these functions find into nodes and links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rdflib import URIRef

from plangraf.graph.model import Span
from plangraf.loaders.text import Line
from plangraf.namespace import PG


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


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


# -- names and parentheses ---------------------------------------------------------------------
SPLIT_LIST = re.compile(r"\s*[,;]\s*|\s+/\s+")
SPLIT_AND = re.compile(r"(?<!-) (?:och|samt) (?=[A-ZÅÄÖ])"
                       r"|\s+(?:i samverkan med|i samarbete med|tillsammans med)\s+")
ORG_END = re.compile(r"(?:förvaltning(?:en|ar(?:na)?)?|nämnd(?:en|er(?:na)?)?|enhet(?:en|er(?:na)?)?"
                     r"|avdelning(?:en|ar(?:na)?)?|kommun(?:en|er(?:na)?)?|region(?:en)?"
                     r"|verksamhet(?:en|er(?:na)?)?|styrelse(?:n|r(?:na)?)?|kontor(?:et)?"
                     r"|central(?:en)?|rådet"
                     r"|ledning(?:en)?|chef(?:en|er(?:na)?)?|samordnar(?:en|na)?|grupp(?:en|er(?:na)?)?)$")


def split_names(value: str, and_too: bool) -> list[str]:
    """'A, B och C' -> [A, B, C]; 'Barn- och utbildningsförvaltningen' and 'Liv och hälsa' stay whole.

    With ``and_too`` (bodies) also 'X i samverkan med Y', and 'X-förvaltningen och y-nämnden' when
    both sides end like an organisation.
    """
    parts = [p for p in SPLIT_LIST.split(value) if p]
    if and_too:
        parts = [q for p in parts for q in SPLIT_AND.split(p)]
        parts = [q for p in parts for q in split_org_and(p)]
    return [p for p in parts if p]


def split_org_and(text: str) -> list[str]:
    """'A-förvaltningen och b-nämnden' -> two names, where both sides end like an organisation
    (a hyphen before 'och' is a compound ellipsis, never a split)."""
    for m in re.finditer(r"(?<!-) och ", text):
        left, right = text[:m.start()], text[m.end():]
        if re.search(r"\b(?:i|inom|för|på|vid|med|av|hos|till|mellan) \S+$", left):
            continue  # 'chefer i region och kommuner' coordinates inside the phrase
        if ORG_END.search(left) and ORG_END.search(right.split(" (")[0]):
            return [left] + split_org_and(right)
    return [text]


TAG = re.compile(r"\s*[(\[](?P<key>ansvar(?:ig[a]?)?|aktör(?:er)?|målgrupp|tidsplan|tidplan|tid|klart"
                 r"|indikator|mått|källa|datakälla|budget|kostnad)\s*:\s*(?P<value>[^()\[\]]{2,120})[)\]]",
                 re.IGNORECASE)
TRAIL_TAG = re.compile(r"\s+[-–]\s+(?P<key>ansvar(?:ig[a]?)?|målgrupp|tidsplan|klart)\s*:\s*"
                       r"(?P<value>.{2,120})$", re.IGNORECASE)
PAREN_BODY = re.compile(r"\s*\((?P<value>[^()]{3,60}?) (?:samordnar|ansvarar|leder|är ansvarig)\)")
TRAIL_PAREN = re.compile(r"\s*\((?P<value>[^()]{2,120})\)\s*\.?$")
SOURCE_WORD = re.compile(r"register|enkät|undersökning|databas|statistik|system|journal|mätning|rapport"
                         r"|uppföljning|öppna jämförelser|kolada", re.IGNORECASE)


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


# -- national data sources ---------------------------------------------------------------------
_SOURCES = [
    r"Kolada", r"Öppna jämförelser(?: (?:socialtjänst|psykiatri|äldreomsorg|folkhälsa|[a-zåäö]+vård))?",
    r"Hälsa på lika villkor", r"HLV", r"Liv (?:och|&) hälsa(?: ung)?", r"ELSA",
    r"(?:[Ee]lev)?[Hh]älsodatabasen ELSA",
    r"Nationell(?:a)? [Pp]atientenkät(?:en)?", r"SCB:s statistikdatabas", r"Statistiska centralbyrån", r"SCB",
    r"Socialstyrelsens (?:statistikdatabas|statistik|register|[a-zåäö]+register)",
    r"[Nn]ationella kvalitetsregister",
    r"[Kk]valitetsregister(?:et|en)?(?: [A-ZÅÄÖ][\wåäö-]+)?", r"LUPP(?:-enkäten)?", r"Skolenkäten",
    r"Stockholmsenkäten", r"Folkhälsodata", r"Folkhälsomyndighetens (?:statistik|databas|statistikdatabas)",
    r"Vården i siffror", r"Väntetider i vården", r"Dödsorsaksregistret", r"Patientregistret",
    r"Läkemedelsregistret", r"Senior [Aa]lert", r"PsykosR", r"BUP-registret", r"BipoläR", r"RiksÄt",
    r"Svedem", r"Palliativregistret", r"Försäkringskassans statistik",
    r"Skolverkets (?:statistik|databaser|statistikdatabas)",
    r"SIRIS", r"SALSA", r"NTU", r"Nationella trygghetsundersökningen", r"Skolbarns hälsovanor(?: i Sverige)?",
    r"CAN:s (?:skolundersökning|drogvaneundersökning)", r"CAN-undersökningen", r"PrimärvårdsKvalitet",
    r"Vad tycker de äldre om äldreomsorgen\??", r"Brukarundersökningen inom äldreomsorgen",
    r"Nationella brukarenkäter(?:na)?", r"Elevhälsoenkäten", r"Kommunens kvalitet i korthet", r"KKiK",
    r"Ungdomsbarometern",
]
SOURCE_NAMES = re.compile(r"(?<![\wåäöÅÄÖ])(?:" + "|".join(sorted(_SOURCES, key=len, reverse=True))
                          + r")(?![\wåäöÅÄÖ])")
REGISTER = re.compile(r"(?<![\wåäöÅÄÖ])(?:(?:[A-ZÅÄÖ][\wåäö]+s|[a-zåäö]+ns|[A-ZÅÄÖ]{2,}:s) )?"
                      r"[a-zåäöA-ZÅÄÖ][a-zåäö-]{4,}(?:registret|registren|register)(?![\wåäö])")
# One of these stands (lower case) in every text a name above matches: a cheap test before the regex.
SOURCE_HINTS = tuple(words(
    "kolada jämförelser villkor hlv hälsa elsa patientenkät scb statisti socialstyrelsens kvalitetsregist "
    "lupp enkät folkhälso siffror väntetider regist senior psykosr bipolär riksät svedem försäkringskassans "
    "skolverkets siris salsa ntu trygghet hälsovanor can primärvård äldreomsorgen kkik korthet "
    "ungdomsbarometern"))
SOURCE_HINT = re.compile("|".join(SOURCE_HINTS))


def find_sources(text: str, lower: str | None = None) -> list[tuple[int, int, str]]:
    """National data sources and registers named in ``text``: (start, end, name), in order."""
    lower = text.lower() if lower is None else lower
    if not SOURCE_HINT.search(lower):
        return []
    found = [(m.start(), m.end(), m.group(0).rstrip("?")) for m in SOURCE_NAMES.finditer(text)]
    if "regist" in lower:
        for m in REGISTER.finditer(text):
            if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e, _ in found):
                found.append((m.start(), m.end(), m.group(0)))
    return sorted(found)


# -- sentence cues -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Cue:
    """Something a sentence states: role, class, where its label stands in the text, the label."""

    role: str
    cls: URIRef
    start: int
    end: int
    label: str


CLAUSE = r"(?P<text>[^.;!?]{8,300}?)(?=[.;!?]|$)"
GOAL_CUE = re.compile(
    r"(?:(?P<adj>[Öö]vergripande|[Ll]ångsiktiga|[Kk]ortsiktiga|[Ss]trategiska)\s+)?"
    r"(?:(?<![\wåäö])[Mm]ål(?:et|en)?|[Mm]ålsättningen|[Vv]årt mål|[Ee]tt (?:av )?mål(?:en)?|[Hh]uvudmålet"
    r"|[Ss]yftet)(?:\s+(?P<when>på (?:lång|kort) sikt|för [\wåäö ]{3,40}?|med [\wåäö ]{3,40}?|till år \d{4}"
    r"|fram till \d{4}))?"
    r"\s+är att\s+" + CLAUSE)
BODY_CUE = re.compile(r"(?P<text>(?:Den |Det |De )?[A-ZÅÄÖ][\wåäö-]*(?: [\wåäö-]+){0,5}?)\s+"
                      r"(?:ansvarar|har (?:det )?(?:huvud|övergripande |samordnings)?ansvar(?:et)?"
                      r"|är ansvarig[a]?"
                      r"|har i uppdrag att)\b")
HOLDER_CUE = re.compile(r"\b[Aa]nsvaret\b[^.;]{0,80}? (?:ligger|vilar) (?:hos|på) "
                        r"(?P<text>[\wåäöÅÄÖ -]{3,60}?)(?=[.,;]|$| och )")
GROUP_CUE = re.compile(r"\briktar sig (?:främst |i första hand |särskilt |framför allt |både )?till\s+"
                       + CLAUSE)
INDICATOR_CUE = re.compile(r"\b(?:[Ss]om (?:indikator(?:er)?|mått|nyckeltal|mätetal) (?:används|följs upp)"
                           r"|[Ii]ndikator(?:n|erna)? (?:är|blir)|mäts (?:genom|med|som|utifrån))\s+"
                           + CLAUSE)
MONEY = re.compile(r"(?P<num>\d{1,3}(?:[  ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*"
                   r"(?P<unit>miljoner kronor|miljoner kr|miljoner|miljon kronor|miljon|mnkr|mkr|msek|tkr"
                   r"|tusen kronor|kronor|kr|sek)\b", re.IGNORECASE)
BUDGET_WORD = re.compile(r"budget|avsätt|avsatt|finansi|kostnad|medel|statsbidrag|bidrag|anslag|ram\b"
                         r"|tilldela|beräknas|uppgår|satsa", re.IGNORECASE)
NOT_A_BODY = words("vi man alla varje var detta denna dessa som hon han ingen planen handlingsplanen arbetet "
                   "vem här där du ni jag en ett är har ska kommer inte också att vilken vilka")
SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)|[.!?]+")
MULTIPLIER = {"miljoner": 10**6, "miljon": 10**6, "mnkr": 10**6, "mkr": 10**6, "msek": 10**6, "tkr": 1000,
              "tusen": 1000}


def body_subject(text: str) -> str | None:
    """The organisation or role a sentence opens with ('Den regionala samordnaren' -> 'regionala
    samordnaren'), or None for pronouns and clauses ('Det är kommunen som …')."""
    words = text.split()
    if words[0] in ("Den", "Det", "De") and len(words) > 1:
        words = words[1:]
    if any(w.lower() in NOT_A_BODY for w in words) or not words:
        return None
    if any(w == "och" and not words[k - 1].endswith("-") for k, w in enumerate(words)):
        return None  # 'X och Y ansvarar' is two bodies or a clause; 'Barn- och …förvaltningen' is one
    return " ".join(words)


INTRO_ROLES = [(re.compile(p, re.IGNORECASE), role, cls) for p, role, cls in (
    (r"\b(?:fokus|insats|utvecklings|mål|strategiska |prioriterade )områden(?:a)?\b", "area", PG.FocusArea),
    (r"\b(?:aktiviteter(?:na)?|åtgärder(?:na)?|insatser(?:na)?)\b", "activity", PG.Activity),
    (r"\b(?:indikatorer(?:na)?|mått(?:en)?|nyckeltal(?:en)?|mätetal(?:en)?)\b", "indicator", PG.Indicator),
    (r"\b(?:mål(?:en)?|målsättningar(?:na)?|delmål(?:en)?)\b", "goal", PG.Goal),
    (r"\bmålgrupp(?:er(?:na)?)?\b", "group", PG.TargetGroup),
    (r"\bdatakällor(?:na)?\b", "source", PG.DataSource),
)]


QUESTION_START = re.compile(r"^(?:Hur|Vad|Vilka|Vilken|Vilket|Vem|När)\b")
QUESTION = re.compile(r"^(?:Hur|Vad|Vilka|Vilken|Vilket|Vem|När)\b.{3,160}\?$")
QUESTION_ROLES = [(re.compile(p, re.IGNORECASE), role, cls) for p, role, cls in (
    (r"\b(?:data|datakällor?|källor?)\b", "source", PG.DataSource),
    (r"\bmät", "indicator", PG.Indicator),
    (r"\bmålgrupp|\bför vem\b|\bvilka riktar\b", "group", PG.TargetGroup),
    (r"\bansvar|^vem\b", "body", PG.ResponsibleBody),
    (r"\bkostnad|\bbudget|\bfinansier|\bresurser\b", "budget", PG.Budget),
    (r"\bantagande|\bförutsättning", "assumption", PG.Assumption),
    (r"\baktivitet|\bgenomför|\binsatser\b|\bgöra\b", "activity", PG.Activity),
    (r"\buppnå|\bmål\b|\bmålet\b|\beffekt|\bresultat", "goal", PG.Goal),
)]


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


def amount(text: str) -> Decimal | None:
    """The one amount in kronor a text states ('412,3 miljoner kronor' -> 412300000), else None."""
    found = MONEY.findall(text)
    if len(found) != 1:
        return None
    number, unit = found[0]
    try:
        value = Decimal(re.sub(r"\s", "", number).replace(",", "."))
    except InvalidOperation:
        return None
    value *= MULTIPLIER.get(unit.lower().split()[0], 1)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def sentence_cues(text: str) -> list[Cue]:
    """What the sentences of a paragraph state: goals, responsible bodies, target groups,
    indicators, budgets and data sources, with their offsets in ``text``.

    Each pattern runs only on sentences holding its key word (found with plain substring search):
    scanning whole documents with these patterns would cost ~10 ms per pattern and 100 KB.
    """
    cues: list[Cue] = []
    lower = text.lower()
    for s in SENTENCE.finditer(text):
        lead = len(s.group(0)) - len(s.group(0).lstrip())
        a, e = s.start() + lead, s.end()
        if e - a > 2:
            cues += _sentence(text[a:e], lower[a:e], a)
    for start, end, name in find_sources(text, lower):
        cues.append(Cue("source", PG.DataSource, start, end, name))
    return sorted(cues, key=lambda c: c.start)


def _sentence(text: str, lower: str, at: int) -> list[Cue]:
    cues: list[Cue] = []
    if "är att" in lower:
        for m in GOAL_CUE.finditer(text):
            cues.append(Cue("goal", goal_class(m.group("adj"), m.group("when")), at + m.start("text"),
                            at + m.end("text"), m.group("text")))
    if "ansvar" in lower or "i uppdrag" in lower:
        m = BODY_CUE.match(text)
        name = body_subject(m.group("text")) if m else None
        if m and name:
            end = at + m.end("text")
            cues.append(Cue("body", PG.ResponsibleBody, end - len(name), end, name))
        for m in HOLDER_CUE.finditer(text):
            cues.append(Cue("body", PG.ResponsibleBody, at + m.start("text"), at + m.end("text"),
                            m.group("text")))
    if "riktar sig" in lower:
        for m in GROUP_CUE.finditer(text):
            start = at + m.start("text")
            for part in re.split(r"(,? (?:och|samt) till |, till )", m.group("text")):
                if not part.startswith((",", " ")) and len(part) >= 3:
                    cues.append(Cue("group", PG.TargetGroup, start, start + len(part), part))
                start += len(part)
    if "indikator" in lower or "mäts" in lower or "som m" in lower or "nyckeltal" in lower:
        for m in INDICATOR_CUE.finditer(text):
            label = m.group("text")
            if not find_sources(label) or len(label) > 40:
                cues.append(Cue("indicator", PG.Indicator, at + m.start("text"), at + m.end("text"), label))
    if ("kr" in lower or "miljon" in lower or "sek" in lower) and MONEY.search(text) \
            and BUDGET_WORD.search(text):
        cues.append(Cue("budget", PG.Budget, at, at + len(text.rstrip()), text.strip()))
    return cues


# -- flattened tables --------------------------------------------------------------------------
Column = tuple[str, "URIRef | None"]
Cell = tuple[str, Span]
TABLE_ROLES = ("goal", "activity", "indicator", "source", "body", "group", "budget", "followup")
MAX_CELL = 220


def header_role(text: str) -> tuple[str, URIRef | None] | None:
    """The column a header cell names ('Ansvar', 'Målvärde 2025', 'Mål 2025' = a target value)."""
    text = text.strip()
    if not text or len(text) > 40 or len(text.split()) > 5 or text.endswith(".") \
            or ":" in text.rstrip(":"):
        return None
    if re.fullmatch(r"(?i)mål\s+\d{4}", text):
        return "value", None
    return label_role(text)


def _is_header(columns: list[Column], least: int = 3) -> bool:
    return len(columns) >= least and len({r for r, _c in columns if r in TABLE_ROLES}) >= 2


def _cells(lines: list[Line], idx: list[int]) -> list[Cell]:
    """One cell per line; a line starting in lower case continues the cell above (a wrapped cell)."""
    cells: list[list[Line]] = []
    for k in idx:
        line = lines[k]
        if cells and line.text[:1].islower() and not cells[-1][-1].text.endswith("."):
            cells[-1].append(line)
        else:
            cells.append([line])
    return [(" ".join(l.text for l in c), Span(c[0].start, c[-1].end, c[0].page)) for c in cells]


def _ends_table(lines: list[Line], idx: list[int]) -> bool:
    for k in idx:
        text = lines[k].text
        if lines[k].bullet or text.endswith(":") or area_heading(text) or numbered_heading(text):
            return True
        label = parse_label(text)
        if label is not None and not label.bare:
            return True
    return False


def read_table(lines: list[Line], i: int) -> tuple[list[Column], list[list[Cell]], int] | None:
    """A table flattened from a PDF starting at line i: (columns, rows of cells, index after it).

    Vertical: the header cells one per line, then rows one cell per line, rows between blank lines
    (or, with no blank lines, every N cells). A row with fewer cells than columns lacks its leading
    ones (merged with the row above). Piped: 'Mål | Aktivitet | Ansvar' and rows likewise.
    None when line i opens no table.
    """
    first = lines[i].text
    if "|" not in first and header_role(first) is None:
        return None
    if "|" in first:
        columns = [header_role(c) for c in first.strip("| ").split("|")]
        if any(c is None for c in columns) or not _is_header(columns, 2):  # type: ignore[arg-type]
            return None
        rows: list[list[Cell]] = []
        j = i + 1
        while j < len(lines) and "|" in lines[j].text:
            parts = [p.strip() for p in lines[j].text.strip("| ").split("|")]
            if len(parts) > len(columns):
                break
            rows.append([(p, lines[j].span) for p in parts if p] if len(parts) < len(columns)
                        else [(p, lines[j].span) for p in parts])
            j += 1
        return (columns, rows, j) if rows else None  # type: ignore[return-value]
    columns: list[Column] = []
    j = i
    while j < len(lines) and lines[j].text and not lines[j].bullet:
        role = header_role(lines[j].text)
        if role is None:
            break
        columns.append(role)
        j += 1
    if not _is_header(columns):
        return None
    n, rows, end, separated = len(columns), [], j, False
    while True:
        k = end
        while k < len(lines) and not lines[k].text:
            k += 1
        separated = separated or k > end
        idx = []
        while k < len(lines) and lines[k].text:
            idx.append(k)
            k += 1
        if idx and [header_role(lines[x].text) for x in idx[:n]] == columns:
            idx = idx[n:]  # the header repeated on the next page
        if not idx or _ends_table(lines, idx):
            break
        cells = _cells(lines, idx)
        if sum(len(t) for t, _s in cells) / len(cells) > MAX_CELL:
            break
        if len(cells) == n or (rows and 2 <= len(cells) < n):
            rows.append(cells)
        elif len(cells) > n and len(cells) % n == 0 and not separated:
            rows += [cells[s:s + n] for s in range(0, len(cells), n)]
        else:
            break
        end = k
    return (columns, rows, end) if rows else None
