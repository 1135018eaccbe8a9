"""National data sources named in running text: Kolada, Öppna jämförelser, HLV, registers.

Plans name the sources their indicators are followed up in by a short list of national names
(and their common spellings) or as "<Myndighetens> <x>registret". :func:`find_sources` finds
them in a sentence, a table cell or a parenthesis, with offsets so a caller can quote them.
The list is tuned for prose: publishers alone ("Socialstyrelsen", "Skolverket") are no data
source here, unlike in the reference catalogue (ontology/data-sources.ttl), which names them.
"""
from __future__ import annotations

import re

_SOURCES = [
    r"Kolada", r"[Öö]ppna jämförelser(?: (?:socialtjänst|psykiatri|äldreomsorg|folkhälsa|[a-zåäö]+vård))?",
    r"Hälsa på lika villkor", r"HLV", r"Liv (?:och|&) hälsa(?: ung)?", r"ELSA",
    r"[Ee]levhälsodatabasen ELSA", r"[Hh]älsodatabasen ELSA",
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


def _first_letters(alternatives: list[str]) -> str:
    """The letters the names can start with (each starts with a letter or a '[Xx]' class): the
    pattern tries its ~50 names only where one of these stands, three times faster on prose."""
    out: set[str] = set()
    for alt in alternatives:
        out.update(alt[1:alt.index("]")] if alt[0] == "[" else alt[0])
    assert all(c.isalpha() for c in out), out
    return "".join(sorted(out))


def names_pattern(extra: tuple[str, ...] = (), group: bool = False) -> re.Pattern[str]:
    """The national names, and ``extra`` alternatives a template adds, as one whole-word pattern
    (``group``: the name is group 1). Longest names first, so a qualified name wins."""
    alts = sorted([*_SOURCES, *extra], key=len, reverse=True)
    body = "|".join(alts)
    return re.compile(rf"(?=[{_first_letters(alts)}])(?<![\wåäöÅÄÖ])" + (f"({body})" if group else f"(?:{body})")
                      + r"(?![\wåäöÅÄÖ])")


SOURCE_NAMES = names_pattern()
REGISTER = re.compile(r"(?<![\wåäöÅÄÖ])(?:(?:[A-ZÅÄÖ][\wåäö]+s|[a-zåäö]+ns|[A-ZÅÄÖ]{2,}:s) )?"
                      r"[a-zåäöA-ZÅÄÖ][a-zåäö-]{4,}(?:registret|registren|register)(?![\wåäö])")
# One of these stands (lower case) in every text a name above matches: a cheap test before the regex.
SOURCE_HINT = re.compile(
    "kolada|jämförelser|villkor|hlv|hälsa|elsa|patientenkät|scb|statisti|socialstyrelsens|kvalitetsregist"
    "|lupp|enkät|folkhälso|siffror|väntetider|regist|senior|psykosr|bipolär|riksät|svedem|försäkringskassans"
    "|skolverkets|siris|salsa|ntu|trygghet|hälsovanor|can|primärvård|äldreomsorgen|kkik|korthet"
    "|ungdomsbarometern")
# Words that make a parenthesis or a bare line name a source of its own kind ("(verksamhetens
# journalsystem)", "Brukarenkät"), beside the national names.
SOURCE_WORD = re.compile(r"register|enkät|undersökning|databas|statistik|system|journal|mätning|rapport"
                         r"|uppföljning|öppna jämförelser|kolada", re.IGNORECASE)


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
