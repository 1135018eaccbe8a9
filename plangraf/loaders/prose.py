"""Sentence cues: what the sentences of a paragraph state when no label or table says it.

"Målet är att …" (a goal, long- or short-term when the sentence says so), "X ansvarar för …" /
"Ansvaret ligger hos X" (a body), "riktar sig till …" (a target group), "Som indikator används …"
(an indicator), an amount in kronor beside a budget word (a budget), and national data sources by
name. :func:`sentence_cues` returns them with their offsets in the paragraph; it knows nothing
about graphs (:mod:`plangraf.loaders.generic` makes the nodes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from plangraf.loaders.cues import goal_class, words
from plangraf.loaders.source_names import find_sources
from plangraf.loaders.values import MONEY, sentence_spans
from plangraf.namespace import PG


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
BUDGET_WORD = re.compile(r"budget|avsätt|avsatt|finansi|kostnad|medel|statsbidrag|bidrag|anslag|ram\b"
                         r"|tilldela|beräknas|uppgår|satsa", re.IGNORECASE)
NOT_A_BODY = words("vi man alla varje var detta denna dessa som hon han ingen planen handlingsplanen arbetet "
                   "vem här där du ni jag en ett är har ska kommer inte också att vilken vilka")


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


def sentence_cues(text: str) -> list[Cue]:
    """What the sentences of a paragraph state: goals, responsible bodies, target groups,
    indicators, budgets and data sources, with their offsets in ``text``.

    Each pattern runs only on sentences holding its key word (found with plain substring search):
    scanning whole documents with these patterns would cost ~10 ms per pattern and 100 KB.
    """
    cues: list[Cue] = []
    lower = text.lower()
    for a, e in sentence_spans(text):
        a += len(text[a:e]) - len(text[a:e].lstrip())
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
