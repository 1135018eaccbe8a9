"""Challenge lists: goals framed as questions, their follow-up lists, and the activities proposed
under each question with their actors tagged inline.

A layout kind many Swedish plans use for an area (an insatsområde and its sub-areas):

- a list headed by a *challenge label* ("Identifierade utmaningsfrågor", "Frågeställningar"):
  its entries, often questions ("Hur kan … stärkas?"), are the goals of the section;
- a list headed by a *follow-up label* ("Att följa upp", "Uppföljningsfrågor"): its entries,
  questions or measures, are indicators of the goals listed just before it (or, in a section
  that states the plan's overall goal, of that goal);
- a *question over a list* ("Hur skulle vi kunna stärka …?" then bullets): the question is a goal
  (the same goal as a listed challenge worded alike), the list items are activities serving it;
- an *actor tag* inside an item ("… (Aktör: Region X och kommunerna)", "(Ansvarig: …)"): the
  names are bodies responsible for the item, and the tag is no part of the item's label.

Part of the items and links stages of the general pipeline (:mod:`plangraf.loaders.general`):
:func:`challenges_in` finds these lists in the blocks, :func:`challenge_items` gives their
entries their kinds (and adds the names the cue sentences of :mod:`.challenges_cues` give), and
:func:`challenge_links` links them as the lists lay them out. The words are data: the
``challenges`` section of ``vocabulary.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from plangraf.loaders.challenges_cues import (
    cue_items,
    overall_goals,
    strategy_areas,
    strategy_links,
    survey_sources,
)
from plangraf.loaders.layout import Block
from plangraf.loaders.links import Link, items_by_block
from plangraf.loaders.vocab import alternatives, vocabulary, vocabulary_data

if TYPE_CHECKING:
    from plangraf.loaders.general import Item

_W = vocabulary_data()["challenges"]


GOAL_LABEL = re.compile(rf"^(?:{alternatives(_W['goal_labels'])})\s*:?$", re.IGNORECASE)
FOLLOW_LABEL = re.compile(rf"^(?:{alternatives(_W['follow_up_labels'])})\s*:?$", re.IGNORECASE)
QUESTION = re.compile(_W["question_openers"], re.IGNORECASE)
OVERALL_HEADING = re.compile(alternatives(_W["overall_goal_headings"]), re.IGNORECASE)
HEDGE = re.compile(rf"(?<![\wåäö])(?:{alternatives(_W['actor_hedges'])})(?![\wåäö]).*$", re.IGNORECASE | re.DOTALL)
GROUP = re.compile(_W["question_groups"], re.IGNORECASE)
Q_STOP = frozenset(_W["question_stopwords"])
# "(Aktör: A, B)" / "(Aktörer A och B)" / "(Ansvarig: X)": a parenthesis that opens with a field word
TAG = re.compile(r"\(\s*(?P<label>[A-ZÅÄÖa-zåäö]+(?: [a-zåäö]+)?)\s*(?P<colon>:?)\s*(?P<names>[^()]*(?:\([^()]*\)[^()]*)*)\)+")
# names in a tag part at commas, semicolons, "och"/"samt" (also "och till": handed on to) and a
# dash before a space ("Region- och" stays one name)
NAME_SPLIT = re.compile(r"\s*(?:,|;|(?<![-‐])\s(?:och|samt)\s+(?:till\s+)?|\still\s|(?<=\w)-\s(?!och\b))\s*")
TRAILING_REMARK = re.compile(r"(?<=[.?!])\s*\([^()]*\)\s*$")
LIST_MARKERS = frozenset({"bullet", "dash", "num", "alpha", "roman"})   # items of a list (not a form's answers)
MATCH_SAME = 85          # two wordings of one question: token-sort similarity at least this
AREA_REACH = 40          # blocks back from a list to its sub-area's heading, at most
LABEL_MAX = 400


@dataclass
class Challenges:
    """The challenge lists of a document (block indices throughout)."""

    lists: list[tuple[int, str]] = field(default_factory=list)     # (label block, "goal" | "follow"), in order
    entries: dict[int, list[int]] = field(default_factory=dict)    # label block -> its entries' blocks
    area: dict[int, int] = field(default_factory=dict)             # label block -> its sub-area's heading
    areas: set[int] = field(default_factory=set)                   # headings that are areas of such lists
    questions: dict[int, list[int]] = field(default_factory=dict)  # question block -> its answers' blocks
    whole: dict[int, Block] = field(default_factory=dict)          # an entry with its continuation lines
    overall: set[int] = field(default_factory=set)                 # follow-up labels of the overall goal's section
    section: dict[int, int] = field(default_factory=dict)          # sub-area heading -> its numbered section

    def kind_at(self) -> dict[int, str]:
        """Block index -> the kind its entry is."""
        out: dict[int, str] = {}
        for label, kind in self.lists:
            for k in self.entries[label]:
                out[k] = "Goal" if kind == "goal" else "Indicator"
        for q, answers in self.questions.items():
            out[q] = "Goal"
            out.update((k, "Activity") for k in answers)
        return out


def is_label(text: str) -> str | None:
    """"goal" for a challenge label, "follow" for a follow-up label, else None."""
    if len(text) > 60:
        return None
    return "goal" if GOAL_LABEL.match(text) else "follow" if FOLLOW_LABEL.match(text) else None


def whole_item(b: Block, blocks: list[Block]) -> Block:
    """An item with the sentences that go on with it in its paragraph (a bullet wrapped over
    lines the layout cut into sentences): one block, text joined, span widened."""
    end, parts = b.end, [b.text]
    for k in b.children:
        c = blocks[k]
        if c.kind != "sentence" or c.para != b.para:
            break
        parts.append(c.text)
        end = max(end, c.end)
    return b if len(parts) == 1 else replace(b, text=" ".join(parts), end=end)


def _entries(label: Block, blocks: list[Block]) -> list[int]:
    """The entries of a list under a label: its list items (and items nested in them), and
    questions written as sentences; a heading right under the label with the list under it
    ("Att följa upp" / "Uppföljning görs på befolkningsnivå" / bullets) is read through."""
    kids = label.children
    nxt = blocks[label.index + 1] if label.index + 1 < len(blocks) else None
    head = blocks[kids[0]] if kids and not any(blocks[k].kind == "item" for k in kids) else \
        nxt if not kids and nxt is not None and nxt.parent == label.parent else None
    if head is not None and head.kind in ("heading", "lead") and is_label(head.text) is None and head.marker == "" \
            and not QUESTION.match(head.text):
        kids = head.children
    out: list[int] = []
    for k in kids:
        c = blocks[k]
        if c.kind == "item" or (c.kind == "sentence" and c.text.endswith("?")):
            out.append(k)
            out += [g for g in c.children if blocks[g].kind == "item"]
        elif c.kind in ("heading", "lead") and out:
            break
    return out


def _sub_area(label: Block, blocks: list[Block]) -> int | None:
    """The heading a list's label stands under or beside: the nearest heading above it that is
    its parent or shares its parent, unless another list's label comes first."""
    for k in range(label.index - 1, max(-1, label.index - 1 - AREA_REACH), -1):
        b = blocks[k]
        if b.kind not in ("heading", "lead"):
            continue
        if is_label(b.text) is not None:
            return None
        if b.kind == "heading" and (k == label.parent or b.parent == label.parent) and not QUESTION.match(b.text):
            return k
        if b.kind == "heading":
            return None
    return None


def _answers(q: Block, blocks: list[Block]) -> list[int]:
    """The list items right after a question, beside it or under it."""
    out: list[int] = []
    j = q.index + 1
    while j < len(blocks):
        b = blocks[j]
        if b.kind == "item" and b.marker in LIST_MARKERS and b.parent in (q.parent, q.index):
            out.append(j)
        elif not (b.parent is not None and out and _under(b, out[-1], blocks)):
            break
        j += 1
    return out


def _under(b: Block, top: int, blocks: list[Block]) -> bool:
    p = b.parent
    while p is not None:
        if p == top:
            return True
        p = blocks[p].parent
    return False


def _numbered_section(b: Block, blocks: list[Block]) -> int | None:
    """The numbered heading a sub-area's heading stands in: an ancestor, or the nearest numbered
    heading before it at its level (the outline may not nest an unnumbered heading under it)."""
    p = b.parent
    while p is not None:
        if blocks[p].kind == "heading" and blocks[p].marker in ("num", "roman"):
            return p
        p = blocks[p].parent
    for k in range(b.index - 1, max(-1, b.index - 1 - 3 * AREA_REACH), -1):
        h = blocks[k]
        if h.kind == "heading" and h.parent == b.parent and h.marker in ("num", "roman"):
            return k
    return None


def challenges_in(blocks: list[Block]) -> Challenges:
    """The challenge and follow-up lists and the questions over lists of a document."""
    ch = Challenges()
    overall_section = False
    for b in blocks:
        if b.kind == "heading" and is_label(b.text) is None:
            overall_section = bool(OVERALL_HEADING.search(b.text)) or (overall_section and b.marker == "")
        kind = is_label(b.text) if b.kind in ("heading", "lead") else None
        if kind is not None:
            entries = _entries(b, blocks)
            if not entries:
                continue
            ch.lists.append((b.index, kind))
            ch.entries[b.index] = entries
            area = _sub_area(b, blocks)
            if area is not None:
                ch.area[b.index] = area
            elif kind == "follow" and len(ch.lists) > 1 and ch.lists[-2][0] in ch.area:
                ch.area[b.index] = ch.area[ch.lists[-2][0]]
            if kind == "follow" and overall_section:
                ch.overall.add(b.index)
            continue
        if b.kind in ("sentence", "heading", "lead") and b.marker == "" and QUESTION.match(b.text) \
                and len(b.text.split()) >= 5 and vocabulary().prompt_kind(b.text) is None:
            # (a form's question, "Hur kan det mätas?", is read by the forms: :mod:`.forms`)
            answers = _answers(b, blocks)
            if answers:
                ch.questions[b.index] = answers
    goal_areas = {ch.area[label] for label, kind in ch.lists if kind == "goal" and label in ch.area}
    for k in goal_areas:
        ch.areas.add(k)
        section = _numbered_section(blocks[k], blocks)
        if section is not None:     # the numbered section that holds the sub-area is an area too
            ch.areas.add(section)
            ch.section[k] = section
    for k in [k for ks in ch.entries.values() for k in ks] + [k for ks in ch.questions.values() for k in ks]:
        ch.whole[k] = whole_item(blocks[k], blocks)
    return ch


def qnorm(text: str) -> str:
    return " ".join(w for w in re.findall(r"[\wåäö/]+", text.lower()) if w not in Q_STOP)


def actors(text: str) -> list[str]:
    """Body names from every actor tag "(Aktör: A, B och till C)" of a text, as written."""
    voc = vocabulary()
    out: list[str] = []
    for m in TAG.finditer(text):
        if voc.field_kind(m.group("label")) != "ResponsibleBody":
            continue
        content = HEDGE.sub("", m.group("names"))
        for part in NAME_SPLIT.split(content):
            part = re.sub(r"^[\d.]+(?=\w)", "", part).strip(" .:;")
            part = re.sub(r"\s+(?:mm|m\.\s?fl|etc)\.?$", "", part).strip()
            subparts = part.split("/") if re.fullmatch(r"[\wåäöÅÄÖ]+/[\wåäöÅÄÖ]+", part) else [part]
            for p in subparts:
                if len(p) >= 2 and p.lower() not in {"alla", "till", "och"} and len(p.split()) <= 6 and p not in out:
                    out.append(p)
    return out


def without_tags(text: str) -> str:
    """An item's label: its text without its actor tags and without a remark in parentheses
    after its last sentence."""
    voc = vocabulary()
    text = TAG.sub(lambda m: "" if voc.field_kind(m.group("label")) == "ResponsibleBody" else m.group(0), text)
    text = TRAILING_REMARK.sub("", text.strip())
    return re.sub(r"\s+([.,;?])", r"\1", re.sub(r"\s+", " ", text)).strip(" ,;")


def challenge_items(items: list[Item], blocks: list[Block], ch: Challenges) -> list[Item]:
    """The items with the entries of challenge lists, follow-up lists and questions given their
    kinds, the areas of the lists, the bodies of actor tags, and the cue sentences' names."""
    from plangraf.loaders.general import Item
    kinds = ch.kind_at()
    covered = {k: b for k, b in ch.whole.items()}
    inner = {c for k, b in covered.items() for c in blocks[k].children if blocks[c].end <= b.end
             and blocks[c].kind == "sentence"}
    goal_labels = [(label, qnorm(label)) for label in
                   (without_tags(covered[k].text) for lab, kind in ch.lists if kind == "goal" for k in ch.entries[lab])]
    tagged = _tagged(blocks, kinds)
    out: list[Item] = []
    for it in items:
        k = it.block.index
        if (k in kinds or k in inner) and it.kind in ("Goal", "Activity", "Indicator", "FocusArea", "Malbild", "Strategy"):
            continue
        if k in ch.areas and it.kind in ("Goal", "Activity"):
            continue
        if k in tagged and it.kind in ("Goal", "Activity", "Indicator") and without_tags(it.label) != it.label:
            it = replace(it, label=without_tags(it.label), quote=it.quote or it.label)   # "… (Ansvarig: X)"
        out.append(it)
    for k, b in tagged.items():
        have = {it.label for it in out if it.block.index == k and it.kind == "ResponsibleBody"}
        out += [Item("ResponsibleBody", name, blocks[k], 0.6) for name in actors(b.text) if name not in have]
    have_area = {it.block.index for it in out if it.kind == "FocusArea"}
    for k in sorted(ch.areas - have_area):
        out.append(Item("FocusArea", blocks[k].text, blocks[k], 0.6))
    for k, kind in sorted(kinds.items()):
        b = covered.get(k, blocks[k])
        label = without_tags(b.text)
        if len(label) < 3 or len(label) > LABEL_MAX:
            continue
        if k in ch.questions:
            label = _same_question(label, goal_labels)
        out.append(Item(kind, label, b, 0.6, quote="" if label in b.text else b.text))
        if kind == "Activity":
            out += [Item("ResponsibleBody", name, b, 0.6) for name in actors(b.text)]
        if kind == "Goal":
            out += [Item("TargetGroup", m.group("group"), b, 0.5) for m in GROUP.finditer(label)]
    return strategy_areas(out + cue_items(blocks, ch), blocks)


def _tagged(blocks: list[Block], kinds: dict[int, str]) -> dict[int, Block]:
    """List items outside the challenge lists that carry an actor tag, each with its
    continuation lines: the tag's names answer for the item (linked as a field of its block)."""
    out: dict[int, Block] = {}
    for b in blocks:
        if b.kind != "item" or b.index in kinds:
            continue
        whole = whole_item(b, blocks)
        if "(" in whole.text and actors(whole.text):
            out[b.index] = whole
    return out


def _same_question(label: str, goal_labels: list[tuple[str, str]]) -> str:
    """A question over proposals asks what a listed challenge asks: that goal's wording."""
    q = qnorm(label)
    best, score = label, 0.0
    for text, norm in goal_labels:
        s = fuzz.token_sort_ratio(q, norm)
        if s > score:
            best, score = text, s
    return best if score >= MATCH_SAME else label


def challenge_links(items: list[Item], blocks: list[Block], ch: Challenges) -> list[Link]:
    """Links as the lists lay them out: an area has the goals of its challenge list; a follow-up
    list's indicators measure the goals listed before it (in the overall goal's section: that
    goal) and have the survey that collects the follow-up answers, or the source they name, as
    their data source; a question's answers serve it; a tag's bodies answer for its item."""
    by_block = items_by_block(items)

    def of(k: int, kind: str) -> list[int]:
        return [i for i in by_block.get(k, []) if items[i].kind == kind]

    out: list[Link] = []
    goals: list[int] = []
    overall = overall_goals(items, blocks)
    sources = [i for i, it in enumerate(items) if it.kind == "DataSource"]
    surveys = survey_sources(items, blocks)
    for label, kind in ch.lists:
        here = [i for k in ch.entries[label] for i in of(k, "Goal" if kind == "goal" else "Indicator")]
        area = next(iter(of(ch.area[label], "FocusArea")), None) if label in ch.area else None
        if kind == "goal":
            goals = here
            if area is not None:
                out += [Link(area, "hasGoal", g, g) for g in here]
            continue
        measured = goals or (overall if label in ch.overall else [])
        out += [Link(g, "measuredBy", i, i) for g in measured for i in here]
        for i in here:
            named = [s for s in sources if _names_source(items[i].label, items[s].label)]
            out += [Link(i, "dataSource", s, i) for s in (named or surveys)]
        goals = []
    for sub, section in ch.section.items():
        for a in of(sub, "FocusArea"):
            out += [Link(a, "partOf", s, a) for s in of(section, "FocusArea") if s != a]
    for q, answers in ch.questions.items():
        for g in of(q, "Goal"):
            for k in answers:
                acts = of(k, "Activity")
                out += [Link(a, "servesGoal", g, a) for a in acts]
    out += strategy_links(items, blocks)
    for k in [k for ks in ch.questions.values() for k in ks]:
        acts = of(k, "Activity")
        names = set(actors(ch.whole[k].text))
        bodies = [i for i in of(k, "ResponsibleBody") if items[i].label in names]
        out += [Link(b, "responsibleFor", a, b) for b in bodies for a in acts]
    return out


def _names_source(indicator: str, source: str) -> bool:
    """Whether an indicator names a data source: its name or the abbreviation in its parentheses."""
    low, name = indicator.lower(), source.lower()
    core = re.sub(r"\s*\([^)]*\)", "", name).strip()
    abbr = re.findall(r"\(([^)]{2,10})\)", source)
    return (len(core) >= 4 and core in low) or any(re.search(rf"\b{re.escape(a)}\b", indicator) for a in abbr)
