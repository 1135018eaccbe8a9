"""Items: what each block is — Goal, Activity, FocusArea, Indicator, … or nothing.

The second stage of the general pipeline. Each block of the layout (heading, lead, list item,
field, sentence) is a *candidate*; its kind is decided from

- its context: the nearest heading or lead above it whose words name a kind of item ("Långsiktiga
  mål", "Aktiviteter:", "Indikatorer") — see ``section_kinds`` in ``vocabulary.yaml``;
- its own form: a labelled heading ("Fokusområde 2: …"), a field label ("Ansvarig: …"), a goal's
  wording ("… ska öka", "Ökad …"), an activity's (an infinitive first), an indicator's ("Andel …");
- for a heading: what sits under it (a plain heading over a list of goals is a focus area).

These signals are features of a small linear classifier (:mod:`plangraf.loaders.model`) trained
by ``scripts/train_items.py`` on the development corpus; without the model the same signals
decide by rule (:func:`rule_kind`). Names of bodies, target groups and data sources inside a
block are found by :func:`mentions`.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from plangraf.loaders.layout import Block, is_all_caps, sentences
from plangraf.loaders.vocab import Vocabulary, vocabulary


@dataclass
class Candidate:
    block: Block
    text: str                      # the label the item would get
    section: str | None            # kind named by the nearest heading/lead above
    section_dist: int              # how many levels up that heading is
    own: str | None                # kind named by the block itself (labelled heading, field label)
    features: dict[str, float] = field(default_factory=dict)
    first_child: bool = False      # the first block under its parent (a vision under "Vision")
    run_in: bool = False           # a sentence that opens a paragraph of at least three sentences
    anchor: str = ""               # the text of the heading or lead that names the section
    kind: str | None = None
    confidence: float = 0.0


WORD = re.compile(r"[a-zåäöéü]+")


def _context(blocks: list[Block], b: Block, voc: Vocabulary) -> tuple[str | None, int, Block | None]:
    """The kind named by the nearest heading or lead above ``b``, its distance, and that block."""
    dist = 0
    p = b.parent
    while p is not None:
        dist += 1
        anc = blocks[p]
        if anc.kind in ("heading", "lead"):
            lab = voc.labelled_heading(anc.text)
            if lab is None:
                # a lead names its list in its last sentence ("… De prioriterade områdena är:"); a
                # long heading that merely mentions "insatser" names no list
                kind = voc.section_kind((sentences(anc.text) or [""])[-1]) if anc.kind == "lead" else \
                    (voc.section_kind(anc.text) if len(anc.text.split()) <= 9 else None)
                if kind is not None:
                    return kind, dist, anc
        elif anc.kind == "item":
            pass
        p = anc.parent
    return None, 0, None


FILE_WORD = re.compile(r"\b(?:pdf|docx?|xlsx?|pptx?|odt)\b", re.IGNORECASE)   # the cheap test before LINKED_FILE
LINKED_FILE = re.compile(r"^(?P<title>[^(]{5,200}?),?\s*\(?\b(?:pdf|docx?|xlsx?|pptx?|odt)\b"
                         r"(?:\s*[,)|(]|\s+öppnas|\s*\d|\s*$).*$", re.IGNORECASE)


def own_kind(b: Block, voc: Vocabulary) -> tuple[str | None, str]:
    """(kind the block names itself, its label text)."""
    linked = LINKED_FILE.match(b.text) if b.kind in ("heading", "item", "sentence") and FILE_WORD.search(b.text) \
        else None
    if linked:          # "Budget 2020 med flerårsplan, pdf, öppnas i nytt fönster": a linked document
        return "Document", linked.group("title")
    if b.kind == "field":
        kind = voc.field_kind(b.label)
        return (None if kind in (None, "Ignore") else kind), b.text
    lab = voc.labelled_heading(b.text) if b.kind in ("heading", "lead", "item", "sentence") else None
    if lab is not None and (b.kind != "sentence" or len(b.text) < 200):
        return lab[0], lab[2]
    return None, b.text


def candidates(blocks: list[Block], voc: Vocabulary | None = None, with_features: bool = True) -> list[Candidate]:
    """One candidate per block with text. ``with_features``: also the classifier's features
    (the rules need only the kinds named by what sits under a heading)."""
    voc = voc or vocabulary()
    out: list[Candidate] = []
    n = max(len(blocks), 1)
    for b in blocks:
        own, text = own_kind(b, voc)
        text = clean_label(text)
        if not text or len(text) < 3:
            continue
        section, dist, anc = _context(blocks, b, voc)
        c = Candidate(b, text, section, dist, own, anchor=anc.text if anc is not None else "")
        c.features = features(c, blocks, voc, anc, b.index / n) if with_features else kid_forms(b, blocks, voc)
        c.first_child = b.parent is not None and blocks[b.parent].children[:1] == [b.index]
        c.run_in = b.kind == "sentence" and (b.index == 0 or not same_paragraph(blocks[b.index - 1], b)) \
            and sum(1 for k in blocks[b.index:b.index + 3] if k.kind == "sentence" and same_paragraph(k, b)) == 3
        out.append(c)
    return out


def same_paragraph(a: Block, b: Block) -> bool:
    """Two blocks of one paragraph: the layout says so, or they come from one source line."""
    return a.parent == b.parent and (a.para == b.para or a.start == b.start)


LABEL_TRIM = re.compile(r"^[\s\"”“'(»«:–-]+|[\s\"”“'»«:;,–-]+$")


def clean_label(text: str) -> str:
    return LABEL_TRIM.sub("", " ".join(text.split()))


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "more"


def features(c: Candidate, blocks: list[Block], voc: Vocabulary, anc: Block | None, pos: float) -> dict[str, float]:
    b = c.block
    t = c.text
    low = t.lower()
    words = WORD.findall(low)
    f: dict[str, float] = {
        f"kind={b.kind}": 1, f"marker={b.marker or '-'}": 1, f"section={c.section}": 1,
        f"own={c.own}": 1, f"kind+section={b.kind}|{c.section}": 1, f"kind+own={b.kind}|{c.own}": 1,
        f"dist={min(c.section_dist, 3)}": 1, f"level={min(b.level, 4)}": 1,
        f"words={_bucket(len(words), (1, 2, 3, 5, 8, 12, 20, 35))}": 1,
        f"pos={int(pos * 5)}": 1,
        "ends_period": float(t.endswith(".")), "ends_q": float(t.endswith("?")), "caps": float(is_all_caps(t)),
        "lower_start": float(t[:1].islower()), "has_digit": float(any(ch.isdigit() for ch in t)),
        "has_colon": float(":" in t), "has_paren": float("(" in t),
        f"children={_bucket(len(b.children), (0, 1, 3, 8))}": 1,
    }
    for name in voc.forms_of(t):
        f[f"form={name}"] = 1
        f[f"form+kind={name}|{b.kind}"] = 1
        f[f"form+section={name}|{c.section}"] = 1
    if voc.bodies.fullmatch(t) or (len(words) <= 6 and voc.bodies.search(t)):
        f["body_name"] = 1
    if voc.target_groups.match(t):
        f["group_start"] = 1
    # what sits under a heading: kinds named by the children's form
    if b.children:
        kids = [blocks[i] for i in b.children]
        f[f"kid_kinds={_bucket(len({k.kind for k in kids}), (1, 2))}"] = 1
        for k in kids[:12]:
            f[f"kid={k.kind}"] = 1
        f.update(kid_forms(b, blocks, voc))
        if any(voc.section_kind(k.text) for k in kids if k.kind in ("heading", "lead")):
            f["kid_section"] = 1
    if b.parent is not None:
        p = blocks[b.parent]
        f[f"parent={p.kind}"] = 1
        lab = voc.labelled_heading(p.text)
        if lab:
            f[f"parent_labelled={lab[0]}"] = 1
    if anc is not None:
        for w in WORD.findall(anc.text.lower())[:6]:
            f[f"anc:{w}"] = 1
    for w in words[:3]:
        f[f"first:{w}"] = 1
    if words:
        f[f"w0:{words[0]}"] = 1
    for w in set(words):
        f[f"w:{w}"] = 0.3
    for a, b2 in itertools.pairwise(words):
        f[f"bi:{a}_{b2}"] = 0.3
    return f


def kid_forms(b: Block, blocks: list[Block], voc: Vocabulary) -> dict[str, float]:
    """The share of the blocks under ``b`` whose wording is of each form ("kidform=goal": 0.5)."""
    f: dict[str, float] = {}
    kids = [blocks[i] for i in b.children]
    for k in kids[:12]:
        for name in voc.forms_of(k.text):
            f[f"kidform={name}"] = f.get(f"kidform={name}", 0) + 1 / len(kids)
        if k.kind in ("item", "lead", "heading", "field"):
            f["kids_listed"] = f.get("kids_listed", 0) + 1 / len(kids)
    return f


# -- rules (the fallback, and what the model is compared with) -------------------------------
GOAL_SENTENCE = re.compile(r"^[A-ZÅÄÖa-zåäö][\wåäö-]+s (?:mål|syfte|målsättning)(?: med [^.]{3,80}?| för [^.]{3,80}?)? är att\b|"
                           r"^(?:det övergripande |vårt |det långsiktiga |ett )?(?:målet|syftet|målsättningen)"
                           r"(?: med [^.]{3,80}?| för [^.]{3,80}?)? (?:är|är att|ska vara)\b|\bsyftar till att\b|\bmed målet\b"
                           r"|\bför att [^.;]{6,200}? ska(?:ll)? (?:öka|minska|förbättras|halveras|upphöra)\b",
                           re.IGNORECASE)
STRONG_GOAL = re.compile(r"\bska(?:ll)? (?:öka|minska|förbättras|stärkas|utvecklas|halveras|vara|bli|nå|uppnå|ha|få)\b"
                         r"|\b(?:ökar|minskar)\b|^(?:ökad|ökat|ökade|minskad|minskat|minskade|förbättrad|stärkt|fler|färre)\b",
                         re.IGNORECASE)


GOAL_VERB_FIRST = re.compile(r"^(?:att )?(?:öka|minska|höja|sänka|halvera|förbättra|förkorta|reducera)\b", re.IGNORECASE)


ACTIVITY_FIRST = re.compile(r"^(?:erbjuda|genomföra|utbilda|ta fram|införa|anordna|arrangera|starta|utveckla|inrätta|"
                            r"etablera|kartlägga|implementera|sprida|informera|skapa)\b", re.IGNORECASE)


BODY_DOES = re.compile(r"^\S+(?: \S+){0,5}? (?:arbetar (?:förebyggande|med|för|aktivt)|tar (?:\w+ )?fram|utvecklar|"
                       r"genomför|erbjuder|samordnar|driver|ansvarar för att|anordnar|inför|bedriver|finansierar)\b")


def form_kind(text: str, voc: Vocabulary, default: str | None = None) -> str | None:
    """The kind a text's wording suggests: a målbild, a goal, an indicator or an activity."""
    forms = voc.forms_of(text)
    if "malbild" in forms:
        return "Malbild"
    if STRONG_GOAL.search(text) or GOAL_VERB_FIRST.match(text):
        return "Goal"
    if "indicator" in forms and not text.endswith("."):
        return "Indicator"
    if "activity" in forms and re.match(r"^(?:att )?[a-zåäö]+a\b", text, re.IGNORECASE) and "goal" not in forms:
        return "Activity"
    if "goal" in forms:
        return "Goal"
    if "activity" in forms:
        return "Activity"
    if "indicator" in forms:
        return "Indicator"
    return default


GOAL_VERBS = r"(?:öka|höja|förbättra|minska|sänka|stärka|främja|motverka|förebygga|uppnå|nå|skapa|säkerställa|utjämna)"
# "Kommunen och polisen ska aktivt verka för att höja …": a subject commits to an aim — the aim is the goal
COMMITS_TO = re.compile(r"^[A-ZÅÄÖ][^.;:]{2,80}? (?:ska|skall|vill) (?:\w+ )?(?:verka|arbeta) för att (?P<goal>" + GOAL_VERBS
                        + r"\b[^.;]{6,200})")
# "För att höja kunskapsnivån om X är informationsinsatser viktiga": the aim that opens a sentence
PURPOSE_FIRST = re.compile(r"^För att (?P<goal>" + GOAL_VERBS + r"\b[^,;.]{6,200}?)(?:,|\s(?=(?:är|behövs|krävs|måste|"
                           r"ska|behöver|bör)\s))")
# "Därför ska de som behöver stöd få en god omsorg": an adverb first, so "ska" comes before the subject
INVERTED_GOAL = re.compile(r"^(?:Därför|Därmed|Härigenom|Framöver|På så sätt|I framtiden|(?:Senast )?(?:år )?20\d\d) "
                           r"ska(?:ll)? (?P<goal>(?!vi |jag )[^.;]{10,250})")
# "… Syftet är att identifiera …" after the first sentence of an item: the purpose the item serves
PURPOSE = re.compile(r"[.!?]\s+(?:Syftet|Målet|Avsikten)(?: med [^.]{3,60}?)? är att (?P<goal>[^.;]{6,250})")
GOAL_CLAUSE = re.compile(r"(?:\b(?:målet|syftet|målsättningen|(?<=s )mål|(?<=s )syfte)(?: med [^.]{3,80}?| för [^.]{3,80}?)? (?:är|är att|ska vara)"
                         r"|\bsyftar till att)\s+(?:att\s+)?(?P<goal>[^.;]{6,250})"
                         r"|\bför att (?P<aim>[^.;]{6,200}? ska(?:ll)? (?:öka|minska|förbättras|halveras|upphöra))\b",
                         re.IGNORECASE)


EXAMPLES = re.compile(r"\bexempel på (?:satsningar|aktiviteter|insatser|åtgärder)[^:.]{0,40}? (?:är|:)\s*(?P<list>[^:]{4,400})$",
                      re.IGNORECASE)
LIST_WORDS = (r"perspektiv|perspektiven|fokusområden|fokusområdena|målområden|målområdena|områden|"
              r"områdena|insatsområden|utvecklingsområden|huvudspår|inriktningar|teman|[a-zåäö]*indikatorer|"
              r"nyckeltal|mått|målgrupper|målgrupperna")
ENUMERATION = re.compile(r"\b(?P<word>" + LIST_WORDS + r")\b[^:;.]{0,40}[:;]\s*(?P<list>[^:]{4,400})$", re.IGNORECASE)


# "Fokus i handlingsplanen ligger därför på en minskad tillgång, uppskjuten debut och …": the areas in focus
FOCUS_LIST = re.compile(r"\bfokus(?:et)?\b[^:;.]{0,60}? (?:ligger|läggs|är|riktas) (?:därför |främst |särskilt |i första hand )?"
                        r"på (?:en |ett )?(?P<list>[^:;]{4,400}?)\.?$", re.IGNORECASE)


def split_list(text: str) -> list[str]:
    """"A, B och C" -> [A, B, C]. Commas and semicolons part the items; "och"/"samt" parts only
    the last pair ("utbildningar för personal i kommun och region samt föreläsningar" is two items,
    not three), and never "både … och"."""
    pieces = [p for p in re.split(r"\s*[,;]\s*", text) if p.strip()]
    if not pieces:
        return []
    last = pieces.pop()
    if " samt " in last:
        pair = re.split(r"\s+samt\s+", last, maxsplit=1)
    elif re.search(r"\bbåde\b", last):
        pair = [last]
    else:   # the first "och" that joins two items: not "hälso- och sjukvård"
        pair = re.split(r"(?<!-)\s+och\s+", last, maxsplit=1)
    return [q for q in (clean_label(p) for p in pieces + pair) if q]


# "… fem fokusområden (1. Förebyggande arbete 2. Tidiga insatser 3. …)": a numbered list inside a sentence
NUMBERED_INLINE = re.compile(r"\b(?P<word>" + LIST_WORDS + r")\s*\(\s*1[.)]\s+(?P<list>[^()]{4,600}?\s2[.)]\s+[^()]{2,600}?)\)", re.IGNORECASE)
INLINE_NUMBER = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s+")


def numbered_inline(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """"… fem fokusområden (1. A 2. B 3. C)" -> ("FocusArea", [("1", "A"), ("2", "B"), ("3", "C")])."""
    m = NUMBERED_INLINE.search(text)
    if not m:
        return None
    pieces = INLINE_NUMBER.split("1. " + m.group("list"))
    pairs = [(pieces[k], pieces[k + 1].strip(" ,;")) for k in range(1, len(pieces) - 1, 2)]
    if len(pairs) < 2 or any(len(name.split()) > 8 or not name for _, name in pairs):
        return None
    word = m.group("word").lower()
    kind = "Indicator" if ("indikator" in word or word in ("nyckeltal", "mått")) else \
        "TargetGroup" if word.startswith("målgrupp") else "FocusArea"
    return kind, pairs


def enumerated(text: str) -> tuple[str, list[str]] | None:
    """"… inom fyra perspektiv: Invånare, Medarbetare, Verksamhet och Ekonomi." -> ("FocusArea",
    the four names); "… tre huvudindikatorer; a, b och c" -> ("Indicator", …)."""
    ex = EXAMPLES.search(text)
    if ex:      # "Konkreta exempel på satsningar är A, B och C."
        parts = [p for p in split_list(ex.group("list").rstrip(". ")) if len(p.split()) <= 20]
        return ("Activity", parts) if len(parts) >= 2 else None
    m = ENUMERATION.search(text) or FOCUS_LIST.search(text)
    if not m:
        return None
    word = m.groupdict().get("word") or "fokusområden"
    word = word.lower()
    kind = "Indicator" if ("indikator" in word or word in ("nyckeltal", "mått")) else \
        "TargetGroup" if word.startswith("målgrupp") else "FocusArea"
    parts = split_list(m.group("list").rstrip(". "))
    if len(parts) < 2 or any(len(p.split()) > 7 for p in parts):
        return None
    return kind, parts


def purpose_clause(text: str) -> tuple[str, str] | None:
    """"Trygghetsvandringar görs. Syftet är att X." -> ("Trygghetsvandringar görs.", "X"): what is
    done, and the purpose an item's later sentence states."""
    m = PURPOSE.search(text)
    return (text[:m.start() + 1].strip(), clean_label(m.group("goal"))) if m else None


def goal_clause(text: str) -> str | None:
    """"Målet med arbetet är att X." -> "X": the goal a sentence states. A second clause ("… och
    syftet är att …") is cut off; a goal that is only a figure ("Det långsiktiga målet är 100 %")
    keeps the words that say what it is."""
    m = COMMITS_TO.match(text) or PURPOSE_FIRST.match(text) or INVERTED_GOAL.match(text) or GOAL_CLAUSE.search(text)
    if not m:
        return None
    group = "goal" if m.group("goal") else "aim"
    clause = re.split(r"\s+och\s+(?:syftet|målet|avsikten)\s+(?:är|med)\b", m.group(group))[0]
    if re.match(r"^[\d\s.,%]+\S*", clause):
        clause = clause.split(", ", 1)[0]       # "100 %, finansiering med externa medel"
    if len(clause.split()) < 4:
        return clean_label(text[:m.start(group) + len(clause)])
    return clean_label(clause)


# What a body will do or what is set up: "ska utbilda", "bildas", "inrättas" (an activity, never a source)
TO_DO = re.compile(r"\b(?:ska|skall|kommer att)\s+(?:\w+\s+)?[a-zåäö]+a\b|\b[a-zåäö]{3,}(?:as|ats)\s*\.?$")


# A heading that is only a goal's number ("Mål 3", "Delmål 2:"): the text under it states the goal
NUMBERED_GOAL = re.compile(r"^(?:mål|delmål|effektmål|målsättning|resultatmål)\s*#?\s*\d{1,2}[.:]?$", re.IGNORECASE)
# A short verbless sentence ("Kultur som insats inom elevhälsan."): a run-in title, not a statement
RUN_IN_TITLE = re.compile(r"^[A-ZÅÄÖ](?![^.]*\b(?:är|var|har|hade|ska|skall|kan|blir|finns|görs|gäller|behöver|måste|vill)\b)"
                          r"[^.!?:;]{2,60}\.$")


def structural(text: str, voc: Vocabulary) -> bool:
    """A heading that names a part of the document ("Inledning", "Bakgrund till uppdraget", "Syfte
    med planen"), not an area of the plan."""
    t = text.lower().strip(" :")
    return t in voc.structural or (t.split(" ", 1)[0] in voc.structural and len(t.split()) <= 5
                                   and re.match(r"^\S+ (?:till|med|för|av|om)\b", t) is not None)


def rule_kind(c: Candidate, voc: Vocabulary | None = None) -> str | None:
    """The kind by rule alone: the block's own label, else its section, else its form."""
    voc = voc or vocabulary()
    b, t = c.block, c.text
    if "not_item" in voc.forms_of(t) and c.own is None:
        return None
    if c.own is not None:
        return c.own
    if b.kind == "heading":
        kids = c.features
        if structural(t, voc):
            return None
        if STRONG_GOAL.search(t) and len(t.split()) >= 4:
            return "Goal"
        if re.match(ACTIVITY_FIRST, t) and form_kind(t, voc) == "Activity" and len(t.split()) <= 12:
            return "Activity"    # "Erbjuda föräldraträffar": a heading that says what to do
        if c.section in ("Goal", "Activity") and c.section_dist == 1 and b.marker == "num" and "." in b.number \
                and len(t.split()) <= 12 and voc.section_kind(" ".join(c.anchor.split()[:3])) == c.section:
            return c.section     # "8.1 Stärka föräldrarollen" under "8. Mål som gäller barn"
        if c.section is None and voc.section_kind(t) is None and kids.get("kids_listed", 0) > 0 \
                and not voc.plan_words.match(t) \
                and (kids.get("kidform=goal", 0) > 0.3 or kids.get("kidform=activity", 0) > 0.3):
            return "FocusArea"   # a plain heading over a list of goals or activities (not over prose)
        return None
    if b.kind == "lead":
        return None
    if b.kind in ("item", "field") and len(t) < 400:
        if c.section == "FocusArea":
            if len(t.split()) <= 8 and not STRONG_GOAL.search(t) and (not t.endswith(".") or len(t.split()) <= 5) \
                    and "malbild" not in voc.forms_of(t):
                return "FocusArea"
            return form_kind(t, voc, "Goal" if b.kind == "item" else None)
        if c.section == "Document" and len(t.split()) <= 20 and not t.endswith("?"):
            return "Document"
        if c.section in ("Goal", "Activity", "Indicator", "Malbild", "TargetGroup", "DataSource", "Assumption"):
            if c.section == "Activity" and STRONG_GOAL.search(t) and "activity" not in voc.forms_of(t):
                return "Goal"
            if c.section == "DataSource" and len(t.split()) >= 6 and TO_DO.search(t):
                return "Activity"       # "Teamet ska utbilda …" under "Vilka data …?": what is done, no source
            if c.section == "Goal" and form_kind(t, voc) == "Indicator":
                return "Indicator"
            return c.section
    if b.kind == "item":
        return form_kind(t, voc)
    if c.section == "Strategy" and c.section_dist == 1 and b.kind in ("sentence", "item") \
            and c.first_child \
            and len(t.split()) <= 40 and not t.endswith("?"):
        return "Strategy"
    if b.kind == "sentence" and len(t) < 300:
        if voc.bodies.match(t) and BODY_DOES.search(t):
            return "Activity"    # "Räddningstjänsten arbetar förebyggande …": what a body does
        if GOAL_SENTENCE.search(t) or COMMITS_TO.match(t) or PURPOSE_FIRST.match(t) or INVERTED_GOAL.match(t):
            return "Goal"
        if c.section in ("Goal",) and (re.search(r"\bska(?:ll)?\b", t) or t.lower().startswith("att ")):
            return "Goal"
        if c.section == "Goal" and c.section_dist == 1 and c.first_child and NUMBERED_GOAL.match(c.anchor):
            return "Goal"        # the first sentence under "Mål 3" states goal 3
        if re.match(r"^Att [a-zåäö]+", t) and len(t.split()) <= 30 and not re.search(r"\b(är|var)\b", t):
            return "Goal"
        if c.section == "Activity" and c.section_dist <= 2 and c.run_in and RUN_IN_TITLE.match(t):
            return "Activity"    # "Språkutvecklande arbetssätt." opening a paragraph of examples: the activity's name
        if c.section == "Activity" and not t.endswith(":") and ({"activity", "activity_sentence"} & voc.forms_of(t)
                                                                  or re.search(r"\bska(?:ll)?\b", t)):
            return "Activity"    # a sentence under "Aktiviteter" that says what is (to be) done
        if "activity_sentence" in voc.forms_of(t):
            return "Activity"
    return None
