"""Action-areas template, line level: items, headings, prompts, actor tags and question goals.

Pure functions over the cleaned lines of a plan in the insatsområden shape (see
:mod:`.action_areas`): :func:`items` joins a bullet with its wrapped lines, the predicates tell
headings, list labels ("Identifierade utmaningsfrågor", "Att följa upp") and prose questions
apart, and :func:`actors` / :func:`activity_label` read an activity's "(Aktör: …)" tag.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz

from plangraf.graph.model import Span
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.text import Line
from plangraf.loaders.values import CONNECT


def _read_vocabulary() -> dict[str, Any]:
    text = resources.files("plangraf.loaders.templates").joinpath("action_areas.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


VOCAB = _read_vocabulary()


def alternatives(patterns: list[str]) -> str:
    """One regex alternation of the YAML entries, each kept whole."""
    return "|".join(f"(?:{p})" for p in patterns)


def _label(kind: str) -> re.Pattern[str]:
    return re.compile(rf"(?i)^(?:{alternatives(VOCAB['list_labels'][kind])})\s*:?$")


UTM, FOLLOW, ACTS = _label("challenges"), _label("followup"), _label("activities")
NUMBERED = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
APPENDIX = re.compile(rf"(?i)^{VOCAB['headings']['appendix']}\s+\d+\b")
URL = re.compile(r"(?i)^(mailto:|https?://|www\.)")
ACTOR = re.compile(rf"(?i)\(\s*(?:{alternatives(VOCAB['actor_tag'])})\s*:?\s*([^)]*)\)+")
QUESTION = re.compile(rf"^(?:{alternatives(VOCAB['question_words'])})\s")
HEDGE = re.compile(rf"(?i)\b(?:{alternatives(VOCAB['actor_hedges'])})(?!\w).*$")
# names in an actor tag are split at commas, 'och'/'samt' (also 'och till': handed on to), ' till '
# and a dash before a space ('Region- och' is one name)
ACTOR_SPLIT = re.compile(r"\s*(?:,|;|(?<![-‐])\s(?:och|samt)\s+(?:till\s+)?|\still\s|(?<=\w)-\s(?!och\b))\s*")
GROUP_HEADS = alternatives(VOCAB["target_group_heads"])
TARGET = re.compile(rf"\b(?:för|till|hos|bland)\s+((?:alla\s+)?(?:{GROUP_HEADS})\b"
                    rf"(?:\s+(?:som|med|i|över|under)(?:\s+[\wåäöÅÄÖ/-]+){{1,6}}?)?)"
                    rf"(?=\s+och\s+(?:för|till)\b|\s+(?:när|för att|så att|utifrån)\b|[,.?;)]|$)")
Q_STOP = frozenset(VOCAB["question_stopwords"])


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
    page: int | None = None
    for line in doc.lines:
        text = line.text
        brk = line.page is not None and page is not None and line.page != page  # the reader's pages
        page = line.page if line.page is not None else page
        if not text:
            out.append(Item("blank", "", [line]))
            continue
        prev = out[-1] if out else None
        if prev and prev.kind == "bullet" and not line.bullet and _continues(prev.text, text, brk):
            prev.text = f"{prev.text} {text}"
            prev.lines.append(line)
            continue
        out.append(Item("bullet" if line.bullet else "text", text, [line], brk))
    return out


def _continues(prev: str, text: str, pagebreak: bool) -> bool:
    """A line right under a bullet continues it unless it is a label, a heading or a new section."""
    if is_label(text) or NUMBERED.match(text) or APPENDIX.match(text) or URL.match(text) \
            or (text[0].isupper() and text.endswith(":")) \
            or (QUESTION.match(text) and prev[-1:] in ".?!"):  # a lead line or a question opens the next list
        return False
    if not (heading_like(text) and text[0].isupper()):
        return True
    # a capitalised short line goes on only where the bullet broke off mid-phrase ('... i' / 'Region X')
    last = prev.split()[-1].lower() if prev.split() else ""
    return not pagebreak and prev[-1:] not in ".?!" and (last in CONNECT or prev[-1:] in ",-–(")


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
    """A heading followed by a prose question over bullets (the appendix) or by a challenge list."""
    text = its[i].text
    if its[i].kind != "text" or not heading_like(text) or is_label(text) or NUMBERED.match(text):
        return False
    k = next_text(its, i)
    if k is None:
        return False
    if question_end(its, k) is not None:
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


def qnorm(text: str) -> str:
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


def similar(a: str, b: str) -> bool:
    """Same heading written twice ("Samordning"/"Samordna"): near-equal or sharing a long prefix."""
    a, b = a.lower(), b.lower()
    n = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return fuzz.ratio(a, b) >= 80 or n >= max(5, 0.8 * min(len(a), len(b)))

