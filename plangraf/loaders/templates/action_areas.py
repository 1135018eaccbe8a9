"""Template: Insatsområden with utmaningsfrågor, Att följa upp, (Aktör: ...) activities and målbilder.

The shape (a county plan for mental health): an overarching goal ("Det övergripande målet är …")
followed up with population surveys; numbered insatsområden ("1. Kompetensutveckling") split
into sub-areas (a short heading followed by "Detta kan uppnås …"), each with a list headed
"Identifierade utmaningsfrågor" (questions = the sub-area's goals) and "Att följa upp"
(follow-up questions = indicators of those goals). An appendix repeats the questions as prose
("Hur skulle vi kunna …?") with proposed activities as bullets, tagged "(Aktör: …)".

The extractor walks the cleaned lines once with a small state machine keyed on these label
lines and headings; a second, paragraph-level pass reads cue sentences (overarching goal,
data sources, the follow-up survey, "ansvar för … har X").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rdflib import URIRef
from rdflib.namespace import RDF

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.text import Line
from plangraf.namespace import PG

UTM = re.compile(r"(?i)^(identifierade\s+)?(utmaningsfr[åa]gor|utmaningar|frågeställningar)\s*:?$")
FOLLOW = re.compile(r"(?i)^(att\s+följa\s+upp|uppföljningsfrågor|indikatorer|uppföljning:)\s*:?$")
ACTS = re.compile(r"(?i)^(förslag\s+på\s+|planerade\s+)?aktiviteter\s*:?$")
DETTA = re.compile(r"^Detta\s+(kan\s+)?(uppnås|nås|åstadkoms)\b")
NUMBERED = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
PART = re.compile(r"^DEL\s+(\d+)\b")
APPENDIX = re.compile(r"(?i)^BILAGA\s+\d+\b")
URL = re.compile(r"(?i)^(mailto:|https?://|www\.)")
GOAL_HEAD = re.compile(r"(?i)^(långsiktig\w*\s+mål|syfte\s+och\s+mål|mål\s+och\s+syfte"
                       r"|övergripande\s+mål)")
SHORT_HEAD = re.compile(r"(?i)^(effekter\s+på\s+kort\s+sikt|kortsiktiga\s+(mål|effekter))")
MALBILD_HEAD = re.compile(r"(?i)målbild")
STRAT_DIRS = re.compile(r"(?i)strategisk\w*\s+(områden|inriktning\w*)")
AREAS_LEAD = re.compile(r"(?i)(fokus|insats)områden")
STRAT_LEAD = re.compile(r"(?:gäller|är|finns|följer|utgår från|enligt)\s+"
                        r"((?:[\wåäö-]+\s+){0,3}strategi\w*\b[^;:.]*)[;:]\s*$")
GROUP_LEAD = re.compile(r"(?i)\b(mål)?grupp(er|erna|en)?\b")
BUDGET_HEAD = re.compile(r"(?i)stimulansmedel|budget|\bmedel\b")
OVERALL = re.compile(r"\b[Öö]vergripande\s+målet(?:\s+för\s+[^.]*?)?\s+är\s+(?:att\s+)?([^.]+)\.")
LONG_LABEL = re.compile(r"(?i)^Långsiktig\w*\s+mål[^:]*:\s*(.+)$")
ACTOR = re.compile(r"(?i)\(\s*(?:Aktör(?:er)?|Ansvarig\w*)\s*:?\s*([^)]*)\)+")
QUESTION = re.compile(r"^(Hur|Vad|Vilka|Vilken|Vilket|På vilket sätt)\s")
HEDGE = re.compile(r"(?i)\b(kanske|eventuellt|även|t\.\s?ex\.?|exempelvis)\b.*$")
ACTOR_SPLIT = re.compile(r"\s*(?:,|;|\s(?:och|samt)\s+(?:till\s+)?|\s(?:ge|ger)\s+till\s|\still\s"
                         r"|(?<=\w)-\s)\s*")
NAMED_SOURCE = re.compile(r"\b[A-ZÅÄÖ][\wåäö-]*\s+[\wåäö-]*"
                          r"(?:enkät|enkäten|undersökningen|registret|databasen)\b")
NAMED_STRATEGY = re.compile(r"\b[A-ZÅÄÖ][\wåäö-]*strategin\b")
AMOUNT = re.compile(r"(?i)(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?)\s*"
                    r"(kr|kronor|tkr|mkr|mnkr|miljoner kronor)\b")
SURVEY = re.compile(r"\bgenom\s+((?:en|ett)\s+[^.]*?\w*(?:enkät|undersökning)\w*[^.]*)\.")
SOURCE_CUE = re.compile(r"\b(?:följs|följas|mäts|mätas|synas)\b[^.]*?\b(?:genom|från|via)\s+(.+?)\.(?:\s|$)")
SOURCE_SPLIT = re.compile(r",\s*|\s+samt\s+(?:när det gäller\s+([\wåäö ]+?)\s+)?(?:genom\s+)?"
                          r"|(?<=\))\s+och\s+")
RESP = [re.compile(r"\b[Aa]nsvar\w*\s+för\s+[^.]*?\s+har\s+(?:de\s+|den\s+)?"
                   r"([a-zåäöA-ZÅÄÖ][\wåäö -]*?)(?=\s+i\s|\s+inom\s|\s+på\s|[,.]|$)"),
        re.compile(r"(?:^|\.\s)([A-ZÅÄÖ][\wåäö -]{2,40}?)\s+har\s+(?:ett\s+|det\s+)?(?:\w+\s+)?"
                   r"ansvar\s+för\b")]
GROUP_HEADS = (r"personer|individer|barn|unga|ungdomar|vuxna|äldre|anhöriga|närstående|föräldrar|"
               r"vårdnadshavare|elever|patienter|brukare|nyanlända|familjer|kvinnor|män|flickor|pojkar")
TARGET = re.compile(rf"\b(?:för|till|hos|bland)\s+((?:alla\s+)?(?:{GROUP_HEADS})\b"
                    rf"(?:\s+(?:som|med|i|över|under)(?:\s+[\wåäöÅÄÖ/-]+){{1,6}}?)?)"
                    rf"(?=\s+och\s+(?:för|till)\b|\s+(?:när|för att|så att|utifrån)\b|[,.?;)]|$)")
Q_STOP = {"hur", "kan", "skulle", "kunna", "vi", "man", "det", "ett", "en"}


@dataclass
class Item:
    """One unit of the page: a bullet (joined across wrapped lines) or one text line."""

    kind: str  # "blank" | "text" | "bullet"
    text: str
    lines: list[Line]
    pagebreak: bool = False

    @property
    def span(self) -> Span:
        return Span(self.lines[0].start, self.lines[-1].end, self.lines[0].page)


def joined(run: list[Item]) -> Item:
    """Several items read as one (a wrapped question, a paragraph): text joined, lines kept."""
    return Item("text", " ".join(r.text for r in run), [ln for r in run for ln in r.lines])


@dataclass
class State:
    """Where the walker is: current area/sub-area, list mode and the goals of the current block."""

    area: URIRef | None = None
    sub: URIRef | None = None
    strategy: URIRef | None = None
    mode: str | None = None
    got: int = 0  # items collected in the current list mode
    bullets: bool = False  # the current list is a bulleted one (prose questions then end it)
    goals: list[URIRef] = field(default_factory=list)
    question: URIRef | None = None
    part: str | None = None


def heading_like(text: str) -> bool:
    """A short title line: capitalised, few words, no sentence punctuation, no list commas."""
    words = text.split()
    return (1 <= len(words) <= 8 and len(text) <= 70 and (text[0].isupper() or text[0].isdigit())
            and text[-1] not in ".,;:?!" and "," not in text and not text.lower().startswith("hur ")
            and text.count("(") == text.count(")") and not URL.match(text))


def is_label(text: str) -> bool:
    return bool(UTM.match(text) or FOLLOW.match(text) or ACTS.match(text))


def items(doc: SourceDocument) -> list[Item]:
    """Cleaned lines as items; a bullet absorbs its wrapped continuation lines."""
    out: list[Item] = []
    for line in doc.lines:
        text = line.text
        raw = doc.raw_lines[line.start - 1] if 0 < line.start <= len(doc.raw_lines) else ""
        brk = raw[:1].isspace()
        if not text:
            out.append(Item("blank", "", [line]))
            continue
        prev = out[-1] if out else None
        # a capitalised line after an original blank starts a new paragraph even where the
        # cleaner dropped the blank (double-spaced pages)
        gap = line.start >= 2 and not doc.raw_lines[line.start - 2].strip() and text[0].isupper()
        if prev and prev.kind == "bullet" and not line.bullet and not gap and _continues(prev.text, text, brk):
            prev.text = f"{prev.text} {text}"
            prev.lines.append(line)
            continue
        out.append(Item("bullet" if line.bullet else "text", text, [line], brk))
    return out


def _continues(prev: str, text: str, pagebreak: bool) -> bool:
    """A line right under a bullet continues it unless it is a label, a heading or a new section."""
    if is_label(text) or NUMBERED.match(text) or APPENDIX.match(text) or URL.match(text):
        return False
    return not (heading_like(text) and text[0].isupper() and (pagebreak or prev[-1:] in ".?!"))


def next_text(its: list[Item], i: int) -> int | None:
    """Index of the next non-blank, non-URL item after i."""
    for j in range(i + 1, min(len(its), i + 6)):
        if its[j].kind != "blank" and not URL.match(its[j].text):
            return j
    return None


def question_end(its: list[Item], i: int) -> int | None:
    """Last index of a prose question "Hur …?" (wrapped over up to 4 lines) that bullets follow."""
    if its[i].kind != "text" or not QUESTION.match(its[i].text):
        return None
    j = i
    while not its[j].text.endswith("?") and j + 1 < len(its) and j - i < 4 \
            and its[j + 1].kind == "text" and not heading_like(its[j + 1].text):
        j += 1
    k = next_text(its, j)
    return j if k is not None and its[k].kind == "bullet" else None


def is_subarea(its: list[Item], i: int) -> bool:
    """A heading followed by "Detta kan uppnås …", by appendix questions, or by an utmaningsfrågor list."""
    text = its[i].text
    if its[i].kind != "text" or not heading_like(text) or is_label(text) or NUMBERED.match(text):
        return False
    k = next_text(its, i)
    if k is None:
        return False
    if DETTA.match(its[k].text) or question_end(its, k) is not None:
        return True
    for j in range(i + 1, min(len(its), i + 30)):
        t = its[j].text
        if UTM.match(t):
            return True
        if its[j].kind != "blank" and (heading_like(t) or FOLLOW.match(t) or NUMBERED.match(t)):
            return False
    return False


def actors(text: str) -> list[str]:
    """Body names from every "(Aktör: A, B och till C)" group, as written."""
    out: list[str] = []
    for m in ACTOR.finditer(text):
        content = HEDGE.sub("", m.group(1))
        for part in ACTOR_SPLIT.split(content):
            part = re.sub(r"^[\d.]+(?=\w)", "", part).strip(" .:;")
            part = re.sub(r"\s+(mm|m\.fl|etc)\.?$", "", part).strip()
            subparts = part.split("/") if re.fullmatch(r"[\wåäöÅÄÖ]+/[\wåäöÅÄÖ]+", part) else [part]
            for p in subparts:
                if p and p.lower() not in {"alla", "till", "och"} and len(p.split()) <= 6 and p not in out:
                    out.append(p)
    return out


def activity_label(text: str) -> str:
    """The bullet without its actor groups and without a bracketed remark after its last sentence."""
    m = ACTOR.search(text)
    if m:
        text = text[:m.start()].rstrip() + re.sub(r"\([^)]*\)?", "", ACTOR.sub("", text[m.end():]))
    text = re.sub(r"(?:(?<=[.!?])\s*\([^)]*\)?|\s*\([^)]*)\s*$", "", text)
    return re.sub(r"\s+([.,;])", r"\1", re.sub(r"\s+", " ", text)).strip(" ,;")


def target_groups(text: str) -> list[str]:
    return [m.group(1) for m in TARGET.finditer(text)]


def _qnorm(text: str) -> str:
    words = re.findall(r"[\wåäö/]+", text.lower())
    return " ".join(w for w in words if w not in Q_STOP)


def paragraphs(its: list[Item]) -> list[tuple[str, list[Item]]]:
    """Runs of text items between blanks, bullets and page-top headings, joined: for cue sentences."""
    out: list[tuple[str, list[Item]]] = []
    run: list[Item] = []
    for it in its + [Item("blank", "", [])]:
        if it.kind == "text" and not (it.pagebreak and heading_like(it.text)):
            run.append(it)
            continue
        if run:
            out.append((" ".join(r.text for r in run), run))
        run = []
        if it.kind == "text":
            out.append((it.text, [it]))
    return out


class ActionAreaExtractor(Extractor):
    name = "action-areas"

    def matches(self, doc: SourceDocument) -> float:
        """Counted markers: utmaningsfrågor lists, "Att följa upp" lists, (Aktör:) tags, area cues."""
        texts = [line.text for line in doc.lines if line.text]
        n_utm = sum(1 for t in texts if UTM.match(t))
        n_follow = sum(1 for t in texts if FOLLOW.match(t))
        n_actor = sum(1 for t in texts if re.search(r"(?i)\(\s*Aktör", t))
        n_cue = sum(1 for t in texts if DETTA.match(t) or re.search(r"(?i)insatsområde", t))
        return round(0.35 * min(1, n_utm / 3) + 0.25 * min(1, n_follow / 3)
                     + 0.25 * min(1, n_actor / 3) + 0.15 * min(1, n_cue / 4), 3)

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        _Run(doc, builder).run()


class _Run:
    """One extraction: the walker's state plus what later steps need (indicators, goals, sources)."""

    def __init__(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        self.doc, self.b = doc, builder
        self.its = items(doc)
        self.st = State()
        self.overall: URIRef | None = None
        self.areas: list[tuple[str, URIRef]] = []
        self.subs: list[tuple[str, URIRef, URIRef | None]] = []
        self.challenges: list[tuple[str, str, URIRef | None]] = []  # (label, normalised, sub)
        self.indicators: list[tuple[str, URIRef, Item, bool]] = []  # (label, node, item, in_area)
        self.strategies: list[tuple[str, URIRef]] = []
        self.consumed: set[int] = set()
        self.pos: dict[int, int] = {}
        self.sources: dict[str, tuple[URIRef, str, set[str]]] = {}
        self.survey: URIRef | None = None
        self.tags: list[tuple[str, URIRef, Item, URIRef | None]] = []
        self.ctx: dict[int, tuple[URIRef | None, URIRef | None]] = {}

    # -- helpers ---------------------------------------------------------------------------
    def node(self, cls: URIRef, label: str, span: Span, conf: float, quote: str | None = None) -> URIRef:
        return self.b.node(cls, label, span, quote=quote if quote is not None else label, confidence=conf)

    def ref(self, cls: URIRef, label: str, span: Span, conf: float, quote: str | None = None) -> URIRef:
        """Like node, but a repeated mention adds no provenance (its link carries the span)."""
        return self.b.find(cls, label) or self.node(cls, label, span, conf, quote)

    def link(self, s: URIRef | None, p: URIRef, o: URIRef | None, it: Item, conf: float = 0.8) -> None:
        if s is not None and o is not None:
            self.b.link(s, p, o, it.span, quote=it.text, confidence=conf)

    def owner(self) -> URIRef | None:
        return self.st.sub or self.st.area

    # -- main walk -------------------------------------------------------------------------
    def run(self) -> None:
        self.find_overall()
        self.lead_lists()
        st = self.st
        i = 0
        while i < len(self.its):
            j = self.step(i, self.its[i], st)
            for k in range(i, j + 1):
                self.ctx[k] = (st.area or st.strategy, st.sub)
            i = j + 1
        self.tagged_sections()
        self.prose()

    def step(self, i: int, it: Item, st: State) -> int:
        """Handle item i (and any lines it absorbs); returns the last index consumed."""
        its, text = self.its, it.text
        if it.kind == "blank" or URL.match(text) or i in self.consumed:
            return i
        if it.kind == "bullet":
            if ACTOR.search(text) or st.mode == "activities":
                self.activity(it, st)
            elif st.mode in ("challenges", "followup", "shortterm", "malbild"):
                self.list_item(it, st, st.mode)
            return i
        if m := PART.match(text):
            if m.group(1) != st.part:  # a new part; a repeated "DEL n" is a page header
                st.part, st.area, st.sub, st.strategy, st.mode = m.group(1), None, None, None, None
            return i
        if APPENDIX.match(text):
            st.area = st.sub = st.strategy = st.mode = None
            return i
        if (m := NUMBERED.match(text)) and heading_like(m.group(2)):
            return self.area(i, m, st)
        for rx, mode in ((UTM, "challenges"), (FOLLOW, "followup"), (ACTS, "activities")):
            if rx.match(text):
                st.mode, st.got, st.bullets, st.question = mode, 0, False, None
                return i
        if GOAL_HEAD.match(text) and self.overall is not None:
            st.area = st.sub = st.mode = None
            st.goals, st.got = [self.overall], 0
            return self.goal_statement(i, st)
        if SHORT_HEAD.match(text):
            st.mode, st.got, st.area, st.sub = "shortterm", 0, None, None
            return i
        if heading_like(text) and MALBILD_HEAD.search(text):
            st.mode, st.got, st.goals = "malbild", 0, []
            return i
        if (j := question_end(its, i)) is not None:
            st.question, st.mode, st.got = self.question_goal(joined(its[i:j + 1]), st), "activities", 0
            return j
        if is_subarea(its, i):
            return self.subarea(i, st)
        if st.mode in ("challenges", "followup") and "?" in text and not st.bullets:
            j = i
            while not its[j].text.endswith("?") and j + 1 < len(its) and its[j + 1].kind == "text" and j - i < 4:
                j += 1
            if its[j].text.endswith("?"):
                self.list_item(joined(its[i:j + 1]), st, st.mode)
                return j
        if heading_like(text):
            if st.area is not None and BUDGET_HEAD.search(text) and i and its[i - 1].kind == "blank":
                budget = self.node(PG.Budget, text, it.span, 0.6)
                self.link(st.area, PG.budget, budget, it, 0.6)
            if strat := next((n for t, n in self.strategies if fuzz.ratio(t.lower(), text.lower()) >= 90), None):
                st.strategy, st.area, st.sub = strat, None, None
            if st.got:
                st.mode = None
        elif (text.endswith(".") and st.mode in ("challenges", "followup", "activities")) \
                or (st.got and text[-1] in ".:"):
            st.mode = None  # prose ends a list; an unfinished intro line does not
        return i

    def focus(self, title: str, lines: list[Line], known: list[tuple[str, URIRef]], conf: float) -> URIRef:
        """A focus area node; a heading repeated in other words (the appendix) reuses the first."""
        span = Span(lines[0].start, lines[-1].end, lines[0].page)
        label = next((t for t, _n in known if similar(t, title)), None)
        return self.ref(PG.FocusArea, label or title, span, conf, quote=title)

    def area(self, i: int, m: re.Match[str], st: State) -> int:
        """A numbered insatsområde ("6. Stimulansmedlen inom" + "överenskommelsen …" wrapped)."""
        its, title, lines, j = self.its, m.group(2), list(self.its[i].lines), i
        nxt = its[j + 1] if j + 1 < len(its) else None
        if nxt and nxt.kind == "text" and nxt.text[:1].islower() and len(nxt.text.split()) <= 6 \
                and not nxt.text.endswith("."):
            j, title, lines = j + 1, f"{title} {nxt.text}", lines + nxt.lines
        node = self.focus(title, lines, self.areas, 0.9)
        self.areas.append((title, node))
        holder = Item("text", f"{m.group(1)}. {title}", lines)
        self.link(self.b.plan, PG.hasFocusArea, node, holder, 0.9)
        self.link(st.strategy, PG.hasFocusArea, node, holder, 0.6)
        st.area, st.sub, st.mode, st.got, st.goals, st.question = node, None, None, 0, [], None
        return j

    def goal_statement(self, i: int, st: State) -> int:
        """Under "Syfte och mål": the first sentence saying what "ska" be is a goal of that block."""
        k = next_text(self.its, i)
        if k is None or self.its[k].kind != "text" or not re.search(r"\bska\b", self.its[k].text):
            return i
        j = k
        while "." not in self.its[j].text and j - k < 3 and j + 1 < len(self.its) \
                and self.its[j + 1].kind == "text":
            j += 1
        holder = joined(self.its[k:j + 1])
        if "." in holder.text:
            sentence = holder.text[:holder.text.index(".") + 1]
            goal = self.node(PG.Goal, sentence, holder.span, 0.6, quote=holder.text)
            self.link(self.b.plan, PG.hasGoal, goal, holder, 0.6)
            st.goals.append(goal)
        return i

    def tagged_sections(self) -> None:
        """Sections named in follow-up tags become focus areas measured by the tagged question."""
        heads = [it for it in self.its if it.kind == "text" and heading_like(it.text)]
        for tag, ind, it, area in self.tags:
            head = next((h for h in heads if fuzz.ratio(h.text.lower(), tag.lower()) >= 90), None)
            if head is not None:
                fa = self.node(PG.FocusArea, head.text, head.span, 0.6)
                self.link(fa, PG.partOf, area, head, 0.6)
                self.link(fa, PG.measuredBy, ind, it, 0.6)

    def subarea(self, i: int, st: State) -> int:
        it = self.its[i]
        title = re.sub(r"^\d+(\.\d+)+\.?\s+", "", it.text)  # "1.2 Signaler"
        node = self.focus(title, it.lines, [(t, n) for t, n, a in self.subs if a == st.area], 0.8)
        self.subs.append((title, node, st.area))
        if st.area is not None:
            self.link(node, PG.partOf, st.area, it, 0.8)
        else:
            self.link(self.b.plan, PG.hasFocusArea, node, it, 0.7)
        st.sub, st.mode, st.got, st.goals, st.question = node, None, 0, [], None
        return i

    def question_goal(self, it: Item, st: State) -> URIRef:
        """A prose question over activities: the same goal as a listed utmaningsfråga, or a new one."""
        q, best, score = _qnorm(it.text), it.text, 0.0
        for label, norm, sub in self.challenges:
            s = fuzz.token_sort_ratio(q, norm, score_cutoff=80) + (5 if sub is not None and sub == st.sub else 0)
            best, score = (label, s) if s > score else (best, score)
        goal = self.ref(PG.Goal, best if score >= 85 else it.text, it.span, 0.7, quote=it.text)
        self.link(self.owner(), PG.hasGoal, goal, it, 0.8)
        self.groups(goal, it)
        return goal

    def groups(self, node: URIRef, it: Item) -> None:
        for group in target_groups(it.text):
            tg = self.ref(PG.TargetGroup, group, it.span, 0.6, quote=it.text)
            self.link(node, PG.targetGroup, tg, it, 0.6)

    def list_item(self, it: Item, st: State, mode: str) -> None:
        st.got += 1
        st.bullets = it.kind == "bullet"
        text = it.text
        if mode == "challenges":
            goal = self.node(PG.Goal, text, it.span, 0.9)
            self.link(self.owner() or self.b.plan, PG.hasGoal, goal, it, 0.9)
            st.goals.append(goal)
            self.challenges.append((text, _qnorm(text), st.sub))
            self.groups(goal, it)
        elif mode == "followup":
            tag = re.search(r"(?<=[?.])\s*\(([^)]*)\)$", text)
            label = text[:tag.start()].strip() if tag else text
            ind = self.node(PG.Indicator, label, it.span, 0.9, quote=text)
            if tag:  # "(Systematisk brukarmedverkan)": the section the question follows up
                self.tags.append((tag.group(1), ind, it, st.area))
            for goal in st.goals:
                self.link(goal, PG.measuredBy, ind, it, 0.8)
            if not st.goals and self.owner() is not None:
                self.link(self.owner(), PG.measuredBy, ind, it, 0.6)
            self.indicators.append((label, ind, it, st.area is not None or st.sub is not None))
        elif mode == "shortterm":
            goal = self.node(PG.ShortTermGoal, text, it.span, 0.7)
            self.b.graph.add((goal, RDF.type, PG.Goal))
            self.link(self.b.plan, PG.hasGoal, goal, it, 0.7)
        elif mode == "malbild":
            mb = self.node(PG.Malbild, text, it.span, 0.7)
            self.link(self.b.plan, PG.hasMalbild, mb, it, 0.7)

    def activity(self, it: Item, st: State) -> None:
        label = activity_label(it.text)
        if len(label) < 4:
            return
        act = self.ref(PG.Activity, label, it.span, 0.8, quote=it.text)
        if st.question is not None and st.mode == "activities":
            self.link(act, PG.servesGoal, st.question, it, 0.8)
        elif self.owner() is not None:
            self.link(act, PG.hasFocusArea, self.owner(), it, 0.6)
        for name in actors(it.text):
            body = self.ref(PG.ResponsibleBody, name, it.span, 0.8, quote=it.text)
            self.link(body, PG.responsibleFor, act, it, 0.8)

    # -- cue sentences ---------------------------------------------------------------------
    def find_overall(self) -> None:
        """The plan's overarching goal: "Det övergripande målet är X." else "Långsiktigt mål …: X"."""
        found = [(m.group(1), text, run) for text, run in paragraphs(self.its) if (m := OVERALL.search(text))]
        found = found or [(m.group(1), it.text, [it]) for it in self.its if (m := LONG_LABEL.match(it.text))]
        if found:
            label, text, run = found[0]
            holder = joined(run)
            self.overall = self.node(PG.LongTermGoal, label.strip(), holder.span, 0.8, quote=text)
            self.b.graph.add((self.overall, RDF.type, PG.Goal))  # explicit, for readers without RDFS
            self.link(self.b.plan, PG.hasGoal, self.overall, holder, 0.8)

    def lead_lists(self) -> None:
        """Bullets after a lead ending in ':' — strategic directions, a strategy's focus areas, groups."""
        self.pos = {id(it): k for k, it in enumerate(self.its)}
        paras = paragraphs(self.its)
        for k, (text, run) in enumerate(paras):
            if not text.rstrip().endswith((":", ";")):
                continue
            bullets, j = [], self.pos[id(run[-1])] + 1
            while j < len(self.its) and self.its[j].kind in ("blank", "bullet"):
                if self.its[j].kind == "bullet":
                    bullets.append(j)
                j += 1
            if not bullets:
                continue
            lead = joined(run)
            before = paras[k - 1][0] if k else ""
            listed = [self.its[j] for j in bullets]
            if STRAT_DIRS.search(text):
                self.strategies += [(it.text, self.node(PG.Strategy, it.text, it.span, 0.7)) for it in listed]
            elif AREAS_LEAD.search(text):
                m = STRAT_LEAD.search(text)
                strat = self.node(PG.Strategy, m.group(1), lead.span, 0.6, quote=text) if m else self.b.plan
                for it in listed:
                    self.link(strat, PG.hasFocusArea, self.node(PG.FocusArea, it.text, it.span, 0.7), it, 0.7)
            elif GROUP_LEAD.search(text) or GROUP_LEAD.search(before):
                for it in listed:
                    self.node(PG.TargetGroup, it.text.rstrip(" ."), it.span, 0.5, quote=it.text)
            else:
                continue
            self.consumed.update(bullets)

    def prose(self) -> None:
        """Cue sentences: data sources, the follow-up survey, "ansvar för … har X"."""
        for text, run in paragraphs(self.its) + [(it.text, [it]) for it in self.its if it.kind == "bullet"]:
            holder = joined(run)
            for m in SOURCE_CUE.finditer(text):
                self.sources_in(m.group(1), holder)
            if re.search(r"(?i)uppföljning", text):
                for m in SURVEY.finditer(text):
                    self.survey = self.ref(PG.DataSource, m.group(1), holder.span, 0.6, quote=text)
            for m in NAMED_STRATEGY.finditer(text):
                self.ref(PG.Strategy, m.group(0), holder.span, 0.5, quote=text)
            owner = self.ctx.get(self.pos[id(run[0])], (None, None))
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if m := AMOUNT.search(sentence):  # "Stimulansmedel 2021: 3 500 000 kr"
                    budget = self.ref(PG.Budget, sentence, holder.span, 0.6, quote=text)
                    self.b.set(budget, PG.amount, m.group(0))
                    self.link(owner[1] or owner[0] or self.b.plan, PG.budget, budget, holder, 0.5)
            for rx in RESP:
                for m in rx.finditer(text):
                    body = self.ref(PG.ResponsibleBody, m.group(1).strip(), holder.span, 0.6, quote=text)
                    self.link(body, PG.responsibleFor, owner[1] or owner[0], holder, 0.5)
        self.link_sources()

    def sources_in(self, tail: str, holder: Item) -> None:
        """Named sources in "följs genom A (X) och B samt när det gäller unga genom C"."""
        pieces, qual, pos = [], None, 0
        for m in SOURCE_SPLIT.finditer(tail):
            pieces.append((tail[pos:m.start()], qual))
            qual, pos = m.group(1), m.end()
        pieces.append((tail[pos:], qual))
        for piece, qual in pieces:
            piece = re.sub(r"^(?:genom|statistik\s+från|från|som)\s+", "", piece.strip())
            piece = re.sub(r"^[a-zåäö]+(?:arna|erna|ar|er)\s+(?:som\s+)?(?=[A-ZÅÄÖ])", "", piece)
            if not re.search(r"[A-ZÅÄÖ]", piece) or len(piece.split()) > 7:
                continue
            key = _skey(piece)
            if key in self.sources:
                node, _label, quals = self.sources[key]
            else:
                node, quals = self.node(PG.DataSource, piece, holder.span, 0.7, quote=holder.text), set()
                self.sources[key] = (node, piece, quals)
            if qual:
                quals.update(w for w in qual.lower().split() if len(w) >= 3)

    def link_sources(self) -> None:
        """Indicator -> source when the indicator names it (or the source's "när det gäller" group)."""
        for label, ind, it, in_area in self.indicators:
            for m in NAMED_SOURCE.finditer(label):
                src = self.ref(PG.DataSource, m.group(0), it.span, 0.6, quote=it.text)
                self.link(ind, PG.dataSource, src, it, 0.6)
            text = " " + _skey(label) + " "
            named = False
            for key, (node, _l, _q) in self.sources.items():
                core = re.sub(r"\s*\([^)]*\)", "", key)
                core = re.sub(r"^[a-zåäö]+(?:en|et)\s+(?=\S)", "", core) if " " in core else core
                abbr = re.findall(r"\(([^)]+)\)", key)
                if f" {core} " in text or any(f" {a} " in text or f"({a})" in text for a in abbr):
                    self.link(ind, PG.dataSource, node, it, 0.8)
                    named = True
            if not named and not in_area:
                words = re.findall(r"[\wåäö]+", text)
                for node, _l, quals in self.sources.values():
                    if any(w.startswith(q) and len(w) - len(q) <= 2 for q in quals for w in words):
                        self.link(ind, PG.dataSource, node, it, 0.5)
            if in_area and self.survey is not None:
                self.link(ind, PG.dataSource, self.survey, it, 0.6)


def similar(a: str, b: str) -> bool:
    """Same heading written twice ("Samordning"/"Samordna"): near-equal or sharing a long prefix."""
    a, b = a.lower(), b.lower()
    n = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return fuzz.ratio(a, b) >= 80 or n >= max(5, 0.8 * min(len(a), len(b)))


def _skey(text: str) -> str:
    """Comparison key for source names: case-folded, '&' read as 'och'."""
    return re.sub(r"\s+", " ", text.lower().replace("&", "och")).strip(" .")
