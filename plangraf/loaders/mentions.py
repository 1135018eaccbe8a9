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
from dataclasses import dataclass
from functools import lru_cache

from plangraf.loaders.items import clean_label
from plangraf.loaders.source_names import find_sources
from plangraf.loaders.values import KRONOR, sentence_spans
from plangraf.loaders.vocab import Vocabulary, vocabulary, vocabulary_data

VISION = re.compile(r"\bvision(?:en)?(?: [^.:]{0,60}?)? (?:är|lyder)[:\s]+(?:att\s+)?[\"”“']?(?P<v>[^.\"”“]{6,200})", re.IGNORECASE)
STRATEGY_NAME = re.compile(
    r"\b(?:Agenda 2030|[Nn]ollvision(?:en)?(?: om [a-zåäö]+)?|Vision(?: [A-ZÅÄÖ][a-zåäö]+)? 20\d\d"
    r"|(?:[A-ZÅÄÖ][\wåäö-]+ [a-zåäö]+s |[A-ZÅÄÖ][\wåäö-]+s |[A-ZÅÄÖ][\wåäö-]*(?:al|ala|ell|ella|isk|iska|ska|na) "
    r"|[A-ZÅÄÖa-zåäö][\wåäö]*- (?:och|eller) )?[A-ZÅÄÖa-zåäö][\wåäö-]*(?:strategi|strategin|"
    r"policy|policyn|konvention|konventionen|deklaration|deklarationen)\b(?: (?:för|om|mot) [^.,;:()]{3,60}?(?=[.,;:()]| som | i |$))?"
    r"|(?:[A-ZÅÄÖ][a-zåäö]+ (?:kommuns|regions)|[Kk]ommunens|[Rr]egionens) (?:[a-zåäö]+ )?vision(?: om [^.,;:()]{3,60}?(?=[.,;:()]| som | i |$))?"
    r"|(?:Strategi|Policy) (?:för|om|mot) [^.,;:()\"”]{3,70}?(?=[.,;:()\"”]| som | och [a-zåäö]+(?:er|ar) (?!(?:i|och|för|om|mot|med|till|av|inom|på) )| ska | är | har |$)"
    r"|[Nn]ationella mål(?:en)? för [a-zåäö ,-]{3,60}?(?=[.,;:()]| som | i ))")


# a strategy named by its title in quotes after the kind ("strategin ”Det öppna länet 2030”")
QUOTED_STRATEGY = re.compile(r"\b[a-zåäö]*(?:strategi|strategin|vision|visionen|policy|policyn)\s+[”\"“]([^”\"“]{3,90})[”\"“]",
                             re.IGNORECASE)


DOC_WORDS = (r"(?:budget|budgeten|årsredovisning|årsredovisningen|verksamhetsplan|verksamhetsplanen|verksamhetsberättelse|"
             r"verksamhetsberättelsen|överenskommelse|överenskommelsen|samverkansöverenskommelse|avtal|avtalet|"
             r"program|programmet|handlingsplan|handlingsplanen|handlingsplaner|aktivitetsplan|aktivitetsplanen|rapport|rapporten|"
             r"utvärdering|utvärderingen|bilaga|bilagan|genomförandeplan|genomförandeplanen|riktlinjer|uppföljning|lagen|lag|"
             r"lagstiftning|lagstiftningen)")
DOCUMENT = re.compile(
    r"(?:\b(?:prop|bet|rskr|SOU|Ds)\.? \d{4}(?:/\d{2})?:\s?\w+"
    r"|\b[a-zåäö]+lagen\b"
    r"|\b(?:kommunens|regionens|landstingets|nämndens|kontorets|förvaltningens|länets|(?:Region |Landstinget )?[A-ZÅÄÖ][a-zåäö]+s"
    r"|det|den) (?:[a-zåäö-]+(?:a|e) )?[a-zåäö]*" + DOC_WORDS + r"(?![\wåäö-])(?: \(?(?:19|20)\d\d(?:[-–](?:19|20)?\d\d)?\)?)?"
    r"(?P<about> (?:om|av|mellan|kring) [^.,;:()”\"“]{3,90}?(?=[.,;:()”\"“]| som | i syfte| är | har | ska | och har |$))?)")
# a document named by its title in quotes after the kind of document ("rapporten ”Hur går det?”")
QUOTED_DOCUMENT = re.compile(r"\b[a-zåäö]*" + DOC_WORDS + r"\s+[”\"“]([^”\"“]{3,90})[”\"“]")


# Necessary words, checked once per block before the long patterns above run (they are slow on
# every block of a corpus; these are fast and every match of the patterns contains one of them).
HAS_STRATEGY = re.compile(r"(?i)strategi|policy|konvention|deklaration|agenda 2030|vision|nationella mål")
QUOTES = frozenset("”\"“")


def documents(text: str, title: str) -> list[str]:
    """Other documents a text refers to ("kommunens budget", "skollagen", "prop. 2003/04:1"),
    not the plan itself."""
    out = []
    t = title.lower()
    quoted_docs = list(QUOTED_DOCUMENT.finditer(text)) if QUOTES.intersection(text) else []
    quoted = [(m.start(), m.end()) for m in quoted_docs]
    out += [m.group(1).strip() for m in quoted_docs]
    for m in DOCUMENT.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in quoted):
            continue
        name = m.group(0).strip()
        if re.match(r"^(det|den) ", name):
            name = name.split(" ", 1)[1] if len(name.split()) > 2 else name
        if name.lower() in t or t in name.lower() or len(name) < 5:
            continue
        if not m.group("about") and re.match(r"(?:kommunens|regionens|landstingets|nämndens) ", name) \
                and is_the_plan(name.split(" ", 1)[1], t):
            continue    # "kommunens handlingsplan" in a text titled "Handlingsplan …": the plan itself
        out.append(name)
    return out


def strategies(text: str, title: str = "") -> list[str]:
    """Visions and named strategies, policies and conventions a text states or refers to
    ("Visionen är …", "Agenda 2030", "Regional utvecklingsstrategi", "jämställdhetspolicy"),
    not the plan itself."""
    if not HAS_STRATEGY.search(text):
        return []
    out = [clean_label(m.group("v")) for m in VISION.finditer(text)]
    t = title.lower()
    if QUOTES.intersection(text):
        out += [m.group(1).strip() for m in QUOTED_STRATEGY.finditer(text) if m.group(1).strip().lower() not in t]
    text = re.sub(r"\b([A-ZÅÄÖ]{2,})- (?=[a-zåäö])", r"\1-", text)     # "FN- konventionen": a broken line
    for m in STRATEGY_NAME.finditer(text):
        name = m.group(0).strip()
        if name.lower() in t or (t and t in name.lower()) or name.split()[0].lower() in ("den", "det", "en", "ett") \
                or is_the_plan(name, t):
            continue
        out.append(name)
    return out


def is_the_plan(name: str, title: str) -> bool:
    """A bare definite name whose word the title has is the plan itself ("folkhälsostrategin" in
    a text titled "Kommunens folkhälsostrategi 2024"); a name with more words names another."""
    if not re.fullmatch(r"(?:\S+- (?:och|eller) )?\S+", name) or not title:
        return False
    stems = (name.lower(), re.sub(r"(?:en|et|n)$", "", name.lower()))
    return any(len(stem) >= 6 and stem in title.lower() for stem in stems)




ACRONYMS = re.compile(r"\(((?:[A-ZÅÄÖ]{2,5})(?:\s*(?:,|och|/|&)\s*[A-ZÅÄÖ]{2,5})+|[A-ZÅÄÖ]{2,5})\)")
NOT_BODIES = frozenset(["regionen", "kommunen", "vår kommun", "kommunerna", "skolan", "regeringen", "riksdagen"])
GENERIC_GROUPS = frozenset(["invånare", "invånarna", "medborgare", "medborgarna", "personal", "personer", "individer", "grupper",
                            "medarbetare", "vuxna"])


@dataclass(frozen=True, eq=False)
class NameForms:
    """The ``names`` section of ``vocabulary.yaml``, compiled: where names in running text start and end."""
    body_noun: re.Pattern[str]          # a word that ends in a kind of body ("folkhälsoråd")
    bare_body: re.Pattern[str]          # a kind of body alone ("nämnden")
    generic_body: re.Pattern[str]       # "kommunen", "regeringen": a body only where it acts
    body_acts: re.Pattern[str]
    body_cue: re.Pattern[str]           # "på uppdrag av <Name>"
    described: re.Pattern[str]          # "Brottsförebyggande rådet", "Enheten" (before "för …")
    task: re.Pattern[str]               # " för folkhälsa och social hållbarhet"
    task_stop: re.Pattern[str]
    not_part: re.Pattern[str]           # a capitalised word after a name that is no part of it
    owned: re.Pattern[str]              # what a possessive body owns rather than does ("… kommuns budget")
    compound_half: re.Pattern[str]      # "ungdomsverksamhet" after "barn och"
    not_acronyms: frozenset[str]
    specific: re.Pattern[str]           # the target-group words that stand alone
    group_words: re.Pattern[str]        # any target-group head word
    qualifier: re.Pattern[str]
    general_qualifier: re.Pattern[str]
    more_general: re.Pattern[str]       # "människor", "anställda": more general words for people
    verb: re.Pattern[str]               # a word that is a verb by its ending ("bildades")
    group_cut: re.Pattern[str]
    group_cue: re.Pattern[str]
    budget_cue: re.Pattern[str]
    grant: re.Pattern[str]
    grant_cue: re.Pattern[str]
    assumption_clause: re.Pattern[str]
    assumption_sentence: re.Pattern[str]
    group_for: re.Pattern[str]          # "stöd till äldre": a sentence says whom the work is for
    survey: re.Pattern[str]             # "polisens trygghetsmätning"


@lru_cache(maxsize=1)
def name_forms() -> NameForms:
    data = vocabulary_data()
    n, tg = data["names"], data["target_groups"]
    general_head = tg["general"].split("(?: ")[0]
    return NameForms(
        body_noun=re.compile(rf"[a-zåäö-]*{n['body_nouns']}"),
        bare_body=re.compile(n["body_nouns"]),
        generic_body=re.compile(rf"(?<![\wåäöÅÄÖ-])(?:{n['generic_bodies']})(?![\wåäöÅÄÖ-])", re.IGNORECASE),
        body_acts=re.compile(n["body_acts"]),
        body_cue=re.compile(n["body_cues"] + r" (?P<name>[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?: [A-ZÅÄÖ][\wåäöÅÄÖ-]*){0,3}"
                            r"(?: \([A-ZÅÄÖ][^()]{2,60}\))?)"),
        described=re.compile(r"(?<![\wåäöÅÄÖ-])(?:" + "|".join(n["described_bodies"]) + r")(?![\wåäöÅÄÖ])"),
        task=re.compile(rf" för ((?:{n['task_words']})(?: (?:{n['task_words']})){{0,5}})(?: i [A-ZÅÄÖ][\wåäö]+)?"),
        task_stop=re.compile(rf"{n['task_stops']}"),
        not_part=re.compile(rf"{n['not_name_parts']}"),
        owned=re.compile(n["owned_things"], re.IGNORECASE),
        compound_half=re.compile(n["compound_halves"], re.IGNORECASE),
        not_acronyms=frozenset(n["not_body_acronyms"]),
        specific=re.compile(rf"{tg['specific']}", re.IGNORECASE),
        group_words=re.compile(rf"(?:{tg['specific']}|{general_head}|{n['more_general_groups']})", re.IGNORECASE),
        qualifier=re.compile(" " + n["group_qualifier"].replace("{verbs}", n["group_verbs"]) + r" [^.,;:()\n]{2,90}"),
        general_qualifier=re.compile(" " + n["general_qualifier"].replace("{verbs}", n["group_verbs"]) + r" [^.,;:()\n]{2,90}"),
        more_general=re.compile(rf"(?<![\wåäöÅÄÖ-]){n['more_general_groups']}(?![\wåäöÅÄÖ-])", re.IGNORECASE),
        verb=re.compile(n["verb_forms"]),
        group_cut=re.compile(n["group_cut"]),
        group_cue=re.compile(rf"(?:{n['group_cues']}):?\s+"),
        budget_cue=re.compile(n["budget_cues"], re.IGNORECASE),
        grant=re.compile(rf"(?<![\wåäöÅÄÖ-]){n['grant_nouns']}(?![\wåäöÅÄÖ-])"),
        grant_cue=re.compile(n["grant_cues"], re.IGNORECASE),
        assumption_clause=re.compile(n["assumption_clauses"] + r"\s+(?P<a>[^.;:!?]{10,200})", re.IGNORECASE),
        assumption_sentence=re.compile(n["assumption_sentences"], re.IGNORECASE),
        group_for=re.compile(rf"\b(?:{n['group_prepositions']}) (?:alla |samtliga )?(?:{tg['specific']}|{general_head}|människor|anställda)\b",
                             re.IGNORECASE),
        survey=re.compile(r"(?<![\wåäöÅÄÖ-])(?:" + n["surveys"] + r")(?![\wåäöÅÄÖ-])"),
    )


def body_name(name: str) -> str:
    """"kommunfullmäktiges" -> "kommunfullmäktige", "Region Kronobergs" -> "Region Kronoberg"."""
    name = name.strip(" ,.")
    if name.endswith("fullmäktiges"):
        return name[:-1]
    if re.match(r"^(Region|Landstinget) [A-ZÅÄÖ][a-zåäö]+s$", name) and not name.endswith(("ss", "us")):
        return name[:-1]
    if re.search(r"(?:[a-zåäö]|\s)(nämndens|styrelsens|kontorets|rådets|förvaltningens|myndighetens|tjänstens|polisens|nätverkets"
                 r"|förbundets|institutets|departementets|regionens|landstingets)$", name) or name.lower() == "polisens":
        return name[:-1]
    if re.search(r" kommuns$", name):
        return name[:-1]
    return name


def body_extent(text: str, start: int, end: int, forms: NameForms | None = None) -> tuple[str, int] | None:
    """Where a body's name found at ``text[start:end]`` really ends, and its name: capitalised
    words after it that are no place name go ("Socialnämnden Uppföljning"), a task runs on
    ("Enheten för folkhälsa"), and a possessive names the owner of something else ("kommunens
    budget": None) unless a kind of body follows ("Region Kronobergs folkhälsoråd")."""
    f = forms or name_forms()
    words = text[start:end].split(" ")
    while len(words) > 1 and f.not_part.fullmatch(words[-1]):
        words.pop()
    raw = " ".join(words)
    end = start + len(raw)
    name = body_name(raw)
    rest = text[end:]
    if name != raw.strip(" ,."):                     # a possessive: whose is the thing named next?
        nxt = re.match(r" ([\wåäöÅÄÖ-]+)", rest)
        if nxt and f.body_noun.fullmatch(nxt.group(1)):
            return raw + nxt.group(0), end + len(nxt.group(0))
        if nxt is not None and f.owned.fullmatch(nxt.group(1)):
            return None
        return name, end
    # a task runs on a name ("Enheten för …"), not a verb's object ("ansvarar nämnden för insyn")
    named = raw[:1].isupper() or f.described.match(text, start) is not None
    task = f.task.match(rest) if named and (f.body_noun.fullmatch(words[-1].lower()) or f.described.match(text, start)) \
        and not re.search(r"\bansvar\w*\s*$", text[max(0, start - 20):start]) else None
    if task:
        kept: list[str] = []
        for w in task.group(1).split(" "):
            if (f.task_stop.fullmatch(w) and not (w == "och" and kept)) or (kept and f.verb.fullmatch(w)):
                break
            kept.append(w)
        while kept and f.task_stop.fullmatch(kept[-1]):
            kept.pop()
        if kept:
            ext = " för " + " ".join(kept)
            place = task.group(0)[len(" för " + task.group(1)):]
            if place and len(kept) == len(task.group(1).split(" ")):
                ext += place
            return name + ext, end + len(ext)
    return name, end


def bodies(text: str, voc: Vocabulary | None = None) -> list[tuple[str, int, int]]:
    """The bodies a text names, (name, start, end): names from the ``bodies`` list and described
    bodies ("Brottsförebyggande rådet"), with their true extent (:func:`body_extent`), and
    acronyms in a list in parentheses ("(VON, BUN)")."""
    voc = voc or vocabulary()
    f = name_forms()
    found: list[tuple[str, int, int]] = []
    spans = [(m.start(), m.end()) for m in f.described.finditer(text)]
    spans += [(m.start(), m.end()) for m in voc.bodies.finditer(text)
              if not any(s <= m.start() < e for s, e in spans)]
    for s, e in sorted(spans):
        got = body_extent(text, s, e, f)
        if got is None:
            continue
        name, end = got
        if len(name) < 4 or name.lower() in NOT_BODIES or name.lower().endswith(("området", "områdets")) \
                or f.bare_body.fullmatch(name.lower()):      # a bare kind of body ("nämnden") names none
            continue
        found.append((name, s, end))
    for m in f.body_cue.finditer(text):
        if not any(s <= m.start("name") < e for _n, s, e in found) and not f.not_part.fullmatch(m.group("name").split()[0]):
            found.append((m.group("name"), m.start("name"), m.end("name")))
    for m in f.generic_body.finditer(text):
        if f.body_acts.match(text, m.end()) and not any(s <= m.start() < e for _n, s, e in found) \
                and not re.search(r"\b(?:i|med|av|hela|inom|för|till|från|på|om|vad|hur|där|att)\s+$", text[max(0, m.start() - 8):m.start()],
                                  re.IGNORECASE):    # the place or an object ("i kommunen ska …"), no actor
            found.append((m.group(0), m.start(), m.end()))
    for m in ACRONYMS.finditer(text):
        names = re.split(r"\s*(?:,|och|/|&)\s*", m.group(1))
        if len(names) < 2:
            continue    # one acronym after a phrase abbreviates that phrase (a method, a plan, or a body named already)
        found += [(n, m.start(1), m.end(1)) for n in names if len(n) >= 2 and n not in f.not_acronyms]
    # a name inside a longer one ("socialtjänst" in "Nämnden för socialtjänst och vård") is part of it
    return [b for b in found if not any(s <= b[1] and b[2] <= e and (s, e) != (b[1], b[2]) for _n, s, e in found)]


def group_extent(text: str, start: int, end: int, forms: NameForms | None = None) -> str | None:
    """The target group whose head word is ``text[start:end]``: a specific word ("barn") with the
    qualifier that follows it ("barn i ekonomiskt utsatta hushåll", "unga som riskerar …"), a
    general word only with one ("personer med psykisk ohälsa"); None where the word is the first
    half of a compound ("barn- och ungdomsverksamhet" written "barn och ungdomsverksamhet")."""
    f = forms or name_forms()
    head = text[start:end]
    rest = text[end:]
    coord = re.match(r" (?:och|samt) ([\wåäö-]+)", rest)
    if coord and f.compound_half.fullmatch(coord.group(1)) and not f.group_words.fullmatch(coord.group(1)):
        return None
    specific = bool(f.specific.fullmatch(head))
    q = (f.qualifier if specific else f.general_qualifier).match(rest)
    if q and re.search(r"\b(?:andel(?:en)?|antal(?:et)?|procent|del)(?: av)?(?: [a-zåäö]+s)?\s+$",
                       text[max(0, start - 30):start], re.IGNORECASE) \
            and not q.group(0).startswith(" i "):
        q = None        # "andelen unga med god hälsa": what is counted among them, not who they are
    name = head + (q.group(0) if q else "")
    name = f.group_cut.split(name, maxsplit=1)[0]
    name = re.split(r" (?=[A-ZÅÄÖ][a-zåäö])(?<! i (?=[A-ZÅÄÖ]))", name)[0]   # a capitalised word starts the next line
    words = name.split()[:12]
    lead = len(head.split()) + 2                     # the qualifier's own verb ("som drabbas") stays
    cut = next((i for i in range(lead, len(words)) if f.verb.fullmatch(words[i]) and words[i - 1] != "att"), len(words))
    words = words[:cut]
    while len(words) > 1 and re.fullmatch(r"och|samt|i|som|med|att|för|av|till|en|ett|de|den|det|inom|på|från|under|över|mellan|utan", words[-1]):
        words.pop()
    name = " ".join(words).strip(" ,-")
    if not q and not specific:
        return None
    return name


def cued_groups(text: str, forms: NameForms | None = None) -> list[tuple[str, int, int]]:
    """A list of people a text says it is for ("Målgruppen är barn, unga och deras föräldrar",
    "riktar sig främst till …"), as one name: (name, start, end)."""
    f = forms or name_forms()
    out = []
    for m in f.group_cue.finditer(text):
        value = re.split(r"[.;:!?()\n]", text[m.end():], maxsplit=1)[0]
        value = f.group_cut.split(value, maxsplit=1)[0]
        value = re.split(r" (?=[A-ZÅÄÖ][a-zåäö])", value)[0].strip(" ,")
        if 3 <= len(value) and len(value.split()) <= 14 and f.group_words.search(value):
            out.append((value, m.end(), m.end() + len(value)))
    return out


def target_groups(text: str, voc: Vocabulary | None = None, taken: list[tuple[int, int]] | None = None
                  ) -> list[tuple[str, int, int]]:
    """The target groups a text names, (name, start, end): a cued list as one name
    (:func:`cued_groups`), else each group word with its extent (:func:`group_extent`)."""
    voc = voc or vocabulary()
    f = name_forms()
    out = cued_groups(text, f)
    taken = list(taken or []) + [(s, e) for _n, s, e in out]
    heads = sorted([*voc.target_groups.finditer(text), *f.more_general.finditer(text)], key=lambda m: m.start())
    for m in heads:
        if any(s <= m.start() < e for s, e in taken) or text[m.end():m.end() + 1] == "-":
            continue
        head = re.match(r"[\wåäöÅÄÖ]+(?: (?:och|samt) [\wåäöÅÄÖ]+)?", m.group(0))
        if head is None:
            continue
        if not f.specific.fullmatch(head.group(0)):
            head = re.match(r"[\wåäöÅÄÖ]+", m.group(0))
            assert head is not None
        name = group_extent(text, m.start(), m.start() + len(head.group(0)), f)
        if not name or name.lower() in GENERIC_GROUPS or name == text.strip(" .:"):
            continue    # a block that is nothing but a group's name is a heading or a label, no mention
        out.append((name, m.start(), m.start() + len(name)))
        taken.append((m.start(), m.start() + len(name)))
    return out


def mentions(text: str, voc: Vocabulary | None = None, groups: bool = True) -> list[tuple[str, str, int, int]]:
    """Names of bodies and target groups in a text: (kind, name, start, end); only bodies when
    ``groups`` is false."""
    voc = voc or vocabulary()
    out = [("ResponsibleBody", n, s, e) for n, s, e in bodies(text, voc)]
    if not groups:
        return out
    taken = [(s, e) for _k, _n, s, e in out]
    out += [("TargetGroup", n, s, e) for n, s, e in target_groups(text, voc, taken)]
    return out


DIGIT = re.compile(r"\d")
SURVEY_WORD = re.compile(r"undersökning|mätning|enkät|registret|statistiken")


def data_sources(text: str, forms: NameForms | None = None) -> list[str]:
    """Data sources a text names: national ones and registers ("Kolada", "Öppna jämförelser",
    "SCB", :mod:`.source_names`) and surveys named by their kind ("polisens trygghetsmätning")."""
    f = forms or name_forms()
    found = find_sources(text)
    if SURVEY_WORD.search(text):
        found += [(m.start(), m.end(), m.group(0)) for m in f.survey.finditer(text)
                  if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e, _n in found)]
    return [name for _s, _e, name in sorted(found)]


def budgets(text: str, forms: NameForms | None = None) -> list[str]:
    """Amounts of money a sentence ties to the work it funds ("… erhåller 25 miljoner kronor …"):
    each amount with its unit, where the sentence has a word of funding."""
    f = forms or name_forms()
    if "medel" in text and f.grant_cue.search(text):    # "… finansieras genom de stimulansmedel som erhålls"
        grants = [m.group(0) for m in f.grant.finditer(text)]
        if grants:
            return grants
    if not DIGIT.search(text) or not f.budget_cue.search(text):
        return []       # (an amount has a figure: the cheap test first)
    return [re.sub(r"\s+", " ", m.group(0)) + (text[m.end():m.end() + 10].split(" ")[0] if text[m.end():m.end() + 1] == "/" else "")
            for m in KRONOR.finditer(text)]


def assumptions(text: str, forms: NameForms | None = None) -> list[str]:
    """What a text says the work takes for granted: the clause after "en viktig förutsättning är
    att …", "under förutsättning att …", or a sentence that names a factor the work depends on
    ("Samverkan … är en viktig framgångsfaktor i …")."""
    f = forms or name_forms()
    low = text.lower()
    if "förutsät" not in low and "antag" not in low and "framgångsfaktor" not in low:
        return []
    out = [clean_label(m.group("a")) for m in f.assumption_clause.finditer(text)]
    if not out and f.assumption_sentence.search(text):
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if f.assumption_sentence.search(sentence):
                out.append(clean_label(sentence.strip().rstrip(".")))
    return out


def names_in(text: str, title: str, voc: Vocabulary, item: bool, prose: bool = True, heading: bool = False
             ) -> list[tuple[str, str, float]]:
    """(kind, name, confidence) of every strategy, document, data source, amount, body and
    target group a block's text names, not the plan itself (``title``). Strategies, documents,
    sources and amounts only in running text (``prose``: not in a field's value); target groups
    only where the block is an item (``item``) but no heading (``heading``: an area's heading
    names a topic, "Barn och unga"), or the text says it names a group ("målgrupp", "riktar sig
    till", "stöd till äldre")."""
    out: list[tuple[str, str, float]] = []
    if prose:
        out += [("Strategy", name, 0.5) for name in strategies(text, title)]
        out += [("Document", name, 0.4) for name in documents(text, title)]
        out += [("DataSource", name, 0.4) for name in data_sources(text)]
        out += [("Budget", name, 0.4) for name in budgets(text)]
        out += [("Assumption", name, 0.4) for name in assumptions(text)]
    groups = (item and not heading) or bool(GROUP_CUE.search(text)) or bool(name_forms().group_for.search(text))
    out += [(kind, name, 0.4) for kind, name, _s, _e in mentions(text, voc, groups)]
    return out


GROUP_CUE = re.compile(r"målgrupp|riktar sig (?:främst |särskilt )?till|\bför (?:barn|unga|äldre|personer)", re.IGNORECASE)
