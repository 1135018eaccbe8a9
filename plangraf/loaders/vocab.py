"""The general pipeline's vocabulary (``vocabulary.yaml``), compiled once.

Everything a stage knows about Swedish plans as words — boilerplate lines, heading words, field
labels, the forms of goals and activities, names of bodies and target groups — lives in the YAML
file beside this module, so a new kind of plan is a data change. This module only compiles it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


def alternatives(patterns: list[str]) -> str:
    """One regex alternation of YAML entries (regular expressions), each kept whole."""
    return "|".join(f"(?:{p})" for p in patterns)


def word_alternation(words: list[str]) -> str:
    """A regex alternation of plain words, longest first, a space matching any run of white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _any(patterns: list[str], whole: bool = False) -> re.Pattern[str]:
    body = alternatives(patterns)
    return re.compile(f"^(?:{body})$" if whole else body, re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class Vocabulary:
    boilerplate: re.Pattern[str]
    page_prefix: re.Pattern[str]
    section_kinds: tuple[tuple[str, re.Pattern[str]], ...]
    labelled: re.Pattern[str]           # "Fokusområde 2: name" -> groups label, name
    labelled_kind: dict[str, str]       # label word (lower) -> kind
    fields: dict[str, str]              # field label (lower) -> kind or "Ignore"
    forms: dict[str, re.Pattern[str]]
    bodies: re.Pattern[str]
    acronym: re.Pattern[str]            # a body's acronym ("BUN"), trusted only in lists and fields
    target_groups: re.Pattern[str]
    plan_words: re.Pattern[str]
    title_lines: tuple[re.Pattern[str], ...]   # a line that states the title outright (group 'title')
    structural: frozenset[str]
    prompts: tuple[tuple[str, re.Pattern[str]], ...] = ()   # a form's question -> the kind of its answer
    horizons: tuple[tuple[str, re.Pattern[str]], ...] = ()  # a goal section's words -> LongTermGoal / ShortTermGoal

    def prompt_kind(self, question: str) -> str | None:
        """What the answer to a form's question is ("Hur kan det mätas?" -> Indicator), if known."""
        return next((kind for kind, p in self.prompts if p.search(question)), None)

    def horizon(self, anchor: str) -> str | None:
        """The subclass of Goal the words of a goal's section name, if any."""
        return next((cls for cls, p in self.horizons if p.search(anchor)), None)

    def section_kind(self, text: str) -> str | None:
        """What the items under a heading or lead line with this text are, if its words say."""
        return _section_kind(self, text)

    def forms_of(self, text: str) -> frozenset[str]:
        """The names of the forms (goal, activity, indicator, …) whose words the text has."""
        return _forms_of(self, text)

    def field_kind(self, label: str) -> str | None:
        return self.fields.get(re.sub(r"\s+", " ", label.strip().lower()))

    def labelled_heading(self, text: str) -> tuple[str, str, str] | None:
        """("Fokusområde 1: Trygg skola") -> ("FocusArea", "Fokusområde 1", "Trygg skola")."""
        return _labelled_heading(self, text)

    def _labelled_heading(self, text: str) -> tuple[str, str, str] | None:
        m = self.labelled.match(text)
        if not m:
            return None
        kind = self.labelled_kind.get(m.group("label").lower())
        if kind is None or re.match(r"(?:i|för|inom|på|och|som|med|till|av|om)\s", m.group("name")) \
                or NUMBERS_ONLY.fullmatch(m.group("name")):   # "Fokusområde: 4,5" refers to areas 4 and 5
            return None     # "Huvudspår i kommunens arbete": a section named by its kind, not one area
        return kind, text[:m.start("name")].strip(" :–-▶►"), m.group("name").strip()


NUMBERS_ONLY = re.compile(r"\s*\d{1,2}(?:\s*(?:,|och|&|samt|[-–])\s*\d{1,2})*\s*\.?\s*")


@lru_cache(maxsize=8192)
def _section_kind(voc: Vocabulary, text: str) -> str | None:
    asked = voc.prompt_kind(text) if text.endswith("?") else None
    if asked is not None:
        return asked
    for kind, pattern in voc.section_kinds:
        if pattern.search(text):
            return kind
    return None


@lru_cache(maxsize=8192)
def _labelled_heading(voc: Vocabulary, text: str) -> tuple[str, str, str] | None:
    return voc._labelled_heading(text)


@lru_cache(maxsize=8192)
def _forms_of(voc: Vocabulary, text: str) -> frozenset[str]:
    return frozenset(name for name, p in voc.forms.items() if p.search(text))


@lru_cache(maxsize=1)
def vocabulary_data() -> dict[str, Any]:
    """``vocabulary.yaml`` as parsed YAML, read once (every stage compiles its part of it)."""
    return yaml.safe_load(resources.files("plangraf.loaders").joinpath("vocabulary.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = vocabulary_data()
    labels = {w.lower(): kind for kind, words in data["labelled_headings"].items() for w in words}
    words = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    labelled = re.compile(
        rf"^(?P<label>{words})(?:\s*(?:\d+(?:\.\d+)*|[A-Z]|[IVX]+)\b\.?|\s*#\s*\d+)?\s*(?:[:–—▶►-]|\s(?=\d))\s*"
        rf"(?:\d+(?:\.\d+)*\.?\s+)?(?P<name>\S.{{1,250}})$", re.IGNORECASE)
    # "Mål#5" and "Mål 3 Trygg skola" (a number, then the name) are labelled too.
    labelled_num = re.compile(
        rf"^(?P<label>{words})\s*#?\s*\d+(?:\.\d+)*\.?\s+(?P<name>[A-ZÅÄÖ].{{1,250}})$", re.IGNORECASE)
    # "Regionplanen, målområde: En god och jämlik hälsa": the label after a short lead-in
    labelled_inner = re.compile(
        rf"^[^:]{{2,60}}?(?:,\s*|\s)(?P<label>{words})\s*:\s*(?P<name>[A-ZÅÄÖ].{{1,250}})$", re.IGNORECASE)
    # "Politikområde Folkhälsa": an area label, a space, and a capitalised name
    area_words = "|".join(re.escape(w) for w in sorted(
        (w for w, k in labels.items() if k == "FocusArea"), key=len, reverse=True))
    labelled_space = re.compile(rf"^(?P<label>{area_words})\s+(?P<name>[A-ZÅÄÖ][^.:;!?]{{1,80}})$", re.IGNORECASE)
    fields = {w.lower(): kind for kind, ws in data["fields"].items() for w in ws}
    return Vocabulary(
        boilerplate=_any(data["boilerplate"], whole=True),
        page_prefix=re.compile(data["page_prefix"], re.IGNORECASE),
        section_kinds=tuple((k, _any(v)) for k, v in data["section_kinds"].items()),
        prompts=tuple((k, _any(v)) for k, v in data["prompts"].items()),
        horizons=tuple((k, _any(v)) for k, v in data["goal_horizons"].items()),
        labelled=_Either(labelled, labelled_num, labelled_inner, labelled_space),  # type: ignore[arg-type]
        labelled_kind=labels,
        fields=fields,
        forms={k: _any(v) for k, v in data["forms"].items()},
        bodies=re.compile(r"(?<![\wåäöÅÄÖ-])(?:" + "|".join(data["bodies"][:-1]) + r")(?![\wåäöÅÄÖ])"),
        acronym=re.compile(r"(?<![\wåäöÅÄÖ-])(?:" + data["bodies"][-1] + r")(?![\wåäöÅÄÖ])"),
        structural=frozenset(data["structural_headings"]),
        plan_words=re.compile(r"[a-zåäö]{0,30}" + data["plan_words"] + r"\b", re.IGNORECASE),   # bounded: no quadratic scan of a long token
        title_lines=tuple(re.compile(p, re.IGNORECASE) for p in data["title_lines"]),
        target_groups=re.compile(r"(?<![\wåäöÅÄÖ-])(?:" + data["target_groups"]["specific"] + r"(?![\wåäöÅÄÖ-])|"
                                 + data["target_groups"]["general"] + r")", re.IGNORECASE),
    )


class _Either:
    """Two patterns tried in order, with the ``match`` interface of one."""

    def __init__(self, *patterns: re.Pattern[str]) -> None:
        self.patterns = patterns

    def match(self, text: str) -> re.Match[str] | None:
        for p in self.patterns:
            m = p.match(text)
            if m:
                return m
        return None
