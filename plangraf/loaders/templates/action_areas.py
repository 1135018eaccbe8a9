"""Template: insatsområden with challenge questions, follow-up lists and actor-tagged activities.

The shape: an overarching goal ("Det övergripande målet är …") followed up with population
surveys; numbered insatsområden ("1. Tidiga insatser") split into sub-areas (a short heading
over a challenge list or over appendix questions), each with a list headed by a challenge label
("Identifierade utmaningsfrågor", "Frågeställningar": the sub-area's goals) and a follow-up label
("Att följa upp", "Indikatorer": indicators of those goals). An appendix repeats the questions as
prose ("Hur skulle vi kunna …?") with proposed activities as bullets, tagged "(Aktör: …)".
The words of these labels and headings are data: action_areas.yaml beside this module.

The extractor walks the items of :mod:`.action_areas_text` once with a small state machine
keyed on these label lines and headings; :mod:`.action_areas_cues` reads the cue sentences
around them (overarching goal, data sources, the follow-up survey, "ansvar för … har X").
It adds to the general pipeline's result (see plangraf.loaders.registry), never replaces it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rdflib import URIRef

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.cues import lines_with
from plangraf.loaders.templates.action_areas_cues import CueReader
from plangraf.loaders.templates.action_areas_text import (
    ACTOR,
    ACTS,
    APPENDIX,
    FOLLOW,
    NUMBERED,
    URL,
    UTM,
    VOCAB,
    Item,
    activity_label,
    actors,
    alternatives,
    heading_like,
    is_subarea,
    joined,
    next_text,
    qnorm,
    question_end,
    similar,
    target_groups,
)
from plangraf.loaders.text import Line
from plangraf.namespace import PG

HEAD = VOCAB["headings"]
PART = re.compile(rf"(?i)^{HEAD['part']}\s+(\d+)\b")
GOAL_HEAD = re.compile(rf"(?i)^(?:{alternatives(HEAD['overall_goal'])})")
SHORT_HEAD = re.compile(rf"(?i)^(?:{alternatives(HEAD['short_term'])})")
MALBILD_HEAD = re.compile(rf"(?i){alternatives(HEAD['malbild'])}")
BUDGET_HEAD = re.compile(rf"(?i){alternatives(HEAD['budget'])}")
ACTOR_TAG = re.compile(rf"(?i)\(\s*(?:{alternatives(VOCAB['actor_tag'])})")
IN_PLACE = re.compile(rf"(?i)^(?:{alternatives(VOCAB['in_place'])})\b")


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


class ActionAreaExtractor(Extractor):
    name = "action-areas"

    def matches(self, doc: SourceDocument) -> float:
        """Counted markers: utmaningsfrågor lists, "Att följa upp" lists, (Aktör:) tags, area cues."""
        text = "\n".join(line.text for line in doc.lines if line.text)
        low = text.lower()  # only lines holding a marker's key word are matched (fast on any document)
        n_utm = sum(1 for t in lines_with(text, low, ("utmaning", "frågeställning")).values() if UTM.match(t))
        n_follow = sum(1 for t in lines_with(text, low, ("följa upp", "uppföljning", "indikatorer")).values()
                       if FOLLOW.match(t))
        n_actor = sum(1 for t in lines_with(text, low, ("aktör",)).values() if ACTOR_TAG.search(t))
        n_cue = len(lines_with(text, low, ("insatsområde",)))
        return round(0.35 * min(1, n_utm / 3) + 0.25 * min(1, n_follow / 3)
                     + 0.25 * min(1, n_actor / 3) + 0.15 * min(1, n_cue / 4), 3)

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        _Run(doc, builder).run()


class _Run(CueReader):
    """One extraction: the walk over the structure, on top of the document-wide cue reading."""

    def __init__(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        super().__init__(doc, builder)
        self.st = State()
        self.areas: list[tuple[str, URIRef]] = []
        self.subs: list[tuple[str, URIRef, URIRef | None]] = []
        self.challenges: list[tuple[str, str, URIRef | None]] = []  # (label, normalised, sub)
        self.tags: list[tuple[str, URIRef, Item, URIRef | None]] = []

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
            while (not its[j].text.endswith("?") and j + 1 < len(its) and its[j + 1].kind == "text"
                   and j - i < 4):
                j += 1
            if its[j].text.endswith("?"):
                self.list_item(joined(its[i:j + 1]), st, st.mode)
                return j
        if heading_like(text):
            # a heading stands after a blank line or a finished sentence, not inside a paragraph
            after_break = i and (its[i - 1].kind == "blank" or its[i - 1].text.rstrip().endswith((".", "?", "!")))
            if st.area is not None and BUDGET_HEAD.search(text) and after_break:
                budget = self.node(PG.Budget, text, it.span, 0.6)
                self.link(st.area, PG.budget, budget, it, 0.6)
            strat = next((n for t, n in self.strategies if fuzz.ratio(t.lower(), text.lower()) >= 90), None)
            if strat:
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
        """A numbered insatsområde; a title wrapped onto a short lowercase line is joined."""
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
        q, best, score = qnorm(it.text), it.text, 0.0
        for label, norm, sub in self.challenges:
            same = 5 if sub is not None and sub == st.sub else 0  # a question of the same sub-area
            s = fuzz.token_sort_ratio(q, norm, score_cutoff=80) + same
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
            self.challenges.append((text, qnorm(text), st.sub))
            self.groups(goal, it)
        elif mode == "followup":
            tag = re.search(r"(?<=[?.])\s*\(([^)]*)\)$", text)
            label = text[:tag.start()].strip() if tag else text
            ind = self.node(PG.Indicator, label, it.span, 0.9, quote=text)
            if tag:  # "(Name of a section)": the section the question follows up
                self.tags.append((tag.group(1), ind, it, st.area))
            for goal in st.goals:
                self.link(goal, PG.measuredBy, ind, it, 0.8)
            if not st.goals and self.owner() is not None:
                self.link(self.owner(), PG.measuredBy, ind, it, 0.6)
            self.indicators.append((label, ind, it, st.area is not None or st.sub is not None))
        elif mode == "shortterm":
            goal = self.node(PG.ShortTermGoal, text, it.span, 0.7)
            self.link(self.b.plan, PG.hasGoal, goal, it, 0.7)
        elif mode == "malbild":
            mb = self.node(PG.Malbild, text, it.span, 0.7)
            self.link(self.b.plan, PG.hasMalbild, mb, it, 0.7)

    def activity(self, it: Item, st: State) -> None:
        label = activity_label(it.text)
        if len(label) < 4 or IN_PLACE.match(label):  # "Finns idag: SEXIT på UM": what exists, no proposal
            return
        act = self.ref(PG.Activity, label, it.span, 0.8, quote=it.text)
        if st.question is not None and st.mode == "activities":
            self.link(act, PG.servesGoal, st.question, it, 0.8)
        elif self.owner() is not None:
            self.link(act, PG.hasFocusArea, self.owner(), it, 0.6)
        for name in actors(it.text):
            body = self.ref(PG.ResponsibleBody, name, it.span, 0.8, quote=it.text)
            self.link(body, PG.responsibleFor, act, it, 0.8)
