"""Names inside a block: bodies, target groups, named strategies and visions, other documents.

Part of the items stage: a block that is itself a goal or a sentence may *name* a responsible
body ("Socialnämnden ansvarar …"), a target group ("unga vuxna"), a strategy or policy ("Agenda
2030", "jämställdhetspolicy") or another document ("kommunens budget", "prop. 2003/04:1"). The
lists of names are data (``bodies`` and ``target_groups`` in ``vocabulary.yaml``); the forms of
strategy and document names are the patterns below. :func:`names_in` gives everything one block
names; the general extractor links each name to the item of its block (``links.py``).
"""
from __future__ import annotations

import re

from plangraf.loaders.items import clean_label
from plangraf.loaders.vocab import Vocabulary, vocabulary

VISION = re.compile(r"\bvision(?:en)?(?: [^.:]{0,60}?)? (?:är|lyder)[:\s]+(?:att\s+)?[\"”“']?(?P<v>[^.\"”“]{6,200})", re.IGNORECASE)
STRATEGY_NAME = re.compile(
    r"\b(?:Agenda 2030|[Nn]ollvision(?:en)?(?: om [a-zåäö]+)?|Vision(?: [A-ZÅÄÖ][a-zåäö]+)? 20\d\d"
    r"|(?:[A-ZÅÄÖ][\wåäö-]+ [a-zåäö]+s |[A-ZÅÄÖ][\wåäö-]+s |[A-ZÅÄÖ][\wåäö-]+ )?[A-ZÅÄÖa-zåäö][\wåäö-]*(?:strategi|strategin|"
    r"policy|policyn|konvention|konventionen|deklaration|deklarationen)\b(?: (?:för|om|mot) [^.,;:()]{3,60}?(?=[.,;:()]| som | i |$))?"
    r"|[Nn]ationella mål(?:en)? för [a-zåäö ,-]{3,60}?(?=[.,;:()]| som | i ))")


DOC_WORDS = (r"(?:budget|budgeten|årsredovisning|årsredovisningen|verksamhetsplan|verksamhetsplanen|verksamhetsberättelse|"
             r"verksamhetsberättelsen|överenskommelse|överenskommelsen|samverkansöverenskommelse|avtal|avtalet|"
             r"program|programmet|handlingsplan|handlingsplanen|handlingsplaner|aktivitetsplan|aktivitetsplanen|rapport|rapporten|"
             r"utvärdering|utvärderingen|bilaga|bilagan|genomförandeplan|genomförandeplanen|riktlinjer|uppföljning|lagen|lag|"
             r"lagstiftning|lagstiftningen)")
DOCUMENT = re.compile(
    r"(?:\b(?:prop|bet|rskr|SOU|Ds)\.? \d{4}(?:/\d{2})?:\s?\w+"
    r"|\b[a-zåäö]+lagen\b"
    r"|\b(?:kommunens|regionens|landstingets|nämndens|kontorets|förvaltningens|länets|[A-ZÅÄÖ][a-zåäö]+s|det|den) "
    r"(?:[a-zåäö-]+(?:a|e) )?[a-zåäö]*" + DOC_WORDS + r"\b(?: \(?(?:19|20)\d\d(?:[-–](?:19|20)?\d\d)?\)?)?)")


def documents(text: str, title: str) -> list[str]:
    """Other documents a text refers to ("kommunens budget", "skollagen", "prop. 2003/04:1"),
    not the plan itself."""
    out = []
    t = title.lower()
    for m in DOCUMENT.finditer(text):
        name = m.group(0).strip()
        if re.match(r"^(det|den) ", name):
            name = name.split(" ", 1)[1] if len(name.split()) > 2 else name
        if name.lower() in t or t in name.lower() or len(name) < 5:
            continue
        out.append(name)
    return out


def strategies(text: str, title: str = "") -> list[str]:
    """Visions and named strategies, policies and conventions a text states or refers to
    ("Visionen är …", "Agenda 2030", "Regional utvecklingsstrategi", "jämställdhetspolicy"),
    not the plan itself."""
    out = [clean_label(m.group("v")) for m in VISION.finditer(text)]
    t = title.lower()
    for m in STRATEGY_NAME.finditer(text):
        name = m.group(0).strip()
        if name.lower() in t or (t and t in name.lower()) or name.split()[0].lower() in ("den", "det", "en", "ett"):
            continue
        out.append(name)
    return out




ACRONYMS = re.compile(r"\(((?:[A-ZÅÄÖ]{2,5})(?:\s*(?:,|och|/|&)\s*[A-ZÅÄÖ]{2,5})+|[A-ZÅÄÖ]{2,5})\)")
NOT_BODIES = frozenset(["regionen", "kommunen", "vår kommun", "kommunerna", "skolan", "regeringen", "riksdagen"])
GENERIC_GROUPS = frozenset(["invånare", "invånarna", "medborgare", "medborgarna", "personal", "personer", "individer", "grupper", "medarbetare", "vuxna"])


def body_name(name: str) -> str:
    """"kommunfullmäktiges" -> "kommunfullmäktige", "Region Kronobergs" -> "Region Kronoberg"."""
    name = name.strip(" ,.")
    if name.endswith("fullmäktiges"):
        return name[:-1]
    if re.match(r"^(Region|Landstinget) [A-ZÅÄÖ][a-zåäö]+s$", name) and not name.endswith(("ss", "us")):
        return name[:-1]
    if re.search(r"[a-zåäö](nämndens|styrelsens|kontorets|rådets|förvaltningens|myndighetens|tjänstens|polisens)$", name) \
            or name.lower() == "polisens":
        return name[:-1]
    if re.search(r" kommuns$", name):
        return name[:-1]
    return name


def mentions(text: str, voc: Vocabulary | None = None) -> list[tuple[str, str, int, int]]:
    """Names of bodies and target groups in a text: (kind, name, start, end)."""
    voc = voc or vocabulary()
    out: list[tuple[str, str, int, int]] = []
    for m in voc.bodies.finditer(text):
        name = body_name(m.group(0))
        if len(name) < 4 or name.lower() in NOT_BODIES or name.lower().endswith(("området", "områdets")):
            continue
        out.append(("ResponsibleBody", name, m.start(), m.end()))
    for m in ACRONYMS.finditer(text):
        for name in re.split(r"\s*(?:,|och|/|&)\s*", m.group(1)):
            if len(name) >= 2 and name not in ("ANDT", "EU", "FN", "SKL", "SKR", "IT", "HBTQ", "NPF"):
                out.append(("ResponsibleBody", name, m.start(1), m.end(1)))
    taken = [(s, e) for _k, _n, s, e in out]
    for m in voc.target_groups.finditer(text):
        if any(s <= m.start() < e for s, e in taken) or text[m.end():m.end() + 1] == "-":
            continue
        name = re.split(r" (?:ska|skall|är|har|kan|blir|får|anger|upplever|anser|i en|genom|och även|för att) ",
                        m.group(0).strip(" ,"))[0]
        name = " ".join(name.split()[:7])
        name = re.sub(r"(\s+(och|samt|i|som|med|att|för|av|till|en|ett|de|den|det))+$", "", name)
        if name.lower() in GENERIC_GROUPS:
            continue
        out.append(("TargetGroup", name, m.start(), m.start() + len(name)))
    return out


GROUP_CUE = re.compile(r"målgrupp|riktar sig (?:främst |särskilt )?till|\bför (?:barn|unga|äldre|personer)", re.IGNORECASE)


def names_in(text: str, title: str, voc: Vocabulary, item: bool, prose: bool = True) -> list[tuple[str, str, float]]:
    """(kind, name, confidence) of every strategy, document, body and target group a block's text
    names, not the plan itself (``title``). Strategies and documents only in running text
    (``prose``: not in a field's value); target groups only where the block is an item (``item``)
    or the text says it names a group ("målgrupp", "riktar sig till")."""
    out: list[tuple[str, str, float]] = []
    if prose:
        out += [("Strategy", name, 0.5) for name in strategies(text, title)]
        out += [("Document", name, 0.4) for name in documents(text, title)]
    groups = item or bool(GROUP_CUE.search(text))
    out += [(kind, name, 0.4) for kind, name, _s, _e in mentions(text, voc) if kind == "ResponsibleBody" or groups]
    return out
