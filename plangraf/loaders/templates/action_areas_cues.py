"""Action-areas template, paragraph level: the cue sentences around the structure.

:class:`CueReader` holds what one extraction knows about the document as a whole and reads the
sentences that name things outside the lists: the overarching goal ("Det övergripande målet är
…"), lists led by a line ending in ':' (strategic directions, a strategy's focus areas, target
groups), data sources ("följs genom befolkningsundersökningarna A och B"), the follow-up survey,
amounts ("Stimulansmedel 2021: 3 500 000 kr") and responsibility ("Ansvar för … har X").
:class:`.action_areas._Run` adds the walk over the structure.
"""
from __future__ import annotations

import re

from rdflib import URIRef

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.templates.action_areas_text import VOCAB, Item, alternatives, items, joined, paragraphs
from plangraf.loaders.values import KRONOR, sentence_spans
from plangraf.namespace import PG

LEADS = VOCAB["lead_lists"]
STRAT_DIRS = re.compile(rf"(?i){LEADS['strategies']}")
AREAS_LEAD = re.compile(rf"(?i){LEADS['focus_areas']}")
STRAT_LEAD = re.compile(r"(?:gäller|är|finns|följer|utgår från|enligt)\s+"
                        r"((?:[\wåäö-]+\s+){0,3}strategi\w*\b[^;:.]*)[;:]\s*$")
GROUP_LEAD = re.compile(rf"(?i){LEADS['target_groups']}")
OVERALL = re.compile(r"\b[Öö]vergripande\s+målet(?:\s+för\s+[^.]*?)?\s+är\s+(?:att\s+)?([^.]+)\.")
LONG_LABEL = re.compile(r"(?i)^Långsiktig\w*\s+mål[^:]*:\s*(.+)$")
NAMED_SOURCE = re.compile(r"\b[A-ZÅÄÖ][\wåäö-]*\s+[\wåäö-]*"
                          rf"(?:{alternatives(VOCAB['source_nouns'])})\b")
NAMED_STRATEGY = re.compile(r"\b[A-ZÅÄÖ][\wåäö-]*strategin\b")
SURVEY = re.compile(rf"\bgenom\s+((?:en|ett)\s+[^.]*?\w*(?:{alternatives(VOCAB['survey_nouns'])})\w*[^.]*)\.")
SOURCE_CUE = re.compile(rf"\b(?:{alternatives(VOCAB['source_verbs'])})\b[^.]*?\b(?:genom|från|via)\s+(.+?)\.(?:\s|$)")
SOURCE_SPLIT = re.compile(r",\s*|\s+samt\s+(?:när det gäller\s+([\wåäö ]+?)\s+)?(?:genom\s+)?"
                          r"|(?<=\))\s+och\s+")
RESP = [re.compile(r"\b[Aa]nsvar\w*\s+för\s+[^.]*?\s+har\s+(?:de\s+|den\s+)?"
                   r"([a-zåäöA-ZÅÄÖ][\wåäö -]*?)(?=\s+i\s|\s+inom\s|\s+på\s|[,.]|$)"),
        re.compile(r"(?:^|\.\s)([A-ZÅÄÖ][\wåäö -]{2,40}?)\s+har\s+(?:ett\s+|det\s+)?(?:\w+\s+)?"
                   r"ansvar\s+för\b")]


class CueReader:
    """One extraction's document-wide state and the cue-sentence pass (run after the walk)."""

    def __init__(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        self.doc, self.b = doc, builder
        self.its = items(doc)
        self.overall: URIRef | None = None
        self.indicators: list[tuple[str, URIRef, Item, bool]] = []  # (label, node, item, in_area)
        self.strategies: list[tuple[str, URIRef]] = []
        self.consumed: set[int] = set()  # items read by lead_lists: the walk skips them
        self.pos: dict[int, int] = {}  # id(item) -> index
        self.sources: dict[str, tuple[URIRef, str, set[str]]] = {}
        self.survey: URIRef | None = None
        self.ctx: dict[int, tuple[URIRef | None, URIRef | None]] = {}  # index -> (area, sub-area) of the walk

    # -- helpers ---------------------------------------------------------------------------
    def node(self, cls: URIRef, label: str, span: Span, conf: float, quote: str | None = None) -> URIRef:
        return self.b.node(cls, label, span, quote=quote if quote is not None else label, confidence=conf)

    def ref(self, cls: URIRef, label: str, span: Span, conf: float, quote: str | None = None) -> URIRef:
        """Like node, but a repeated mention adds no provenance (its link carries the span)."""
        return self.b.find(cls, label) or self.node(cls, label, span, conf, quote)

    def link(self, s: URIRef | None, p: URIRef, o: URIRef | None, it: Item, conf: float = 0.8) -> None:
        if s is not None and o is not None:
            self.b.link(s, p, o, it.span, quote=it.text, confidence=conf)

    # -- cue sentences ---------------------------------------------------------------------
    def find_overall(self) -> None:
        """The plan's overarching goal: "Det övergripande målet är X." else "Långsiktigt mål …: X"."""
        found = [(m.group(1), text, run) for text, run in paragraphs(self.its) if (m := OVERALL.search(text))]
        found = found or [(m.group(1), it.text, [it]) for it in self.its if (m := LONG_LABEL.match(it.text))]
        if found:
            label, text, run = found[0]
            holder = joined(run)
            self.overall = self.node(PG.LongTermGoal, label.strip(), holder.span, 0.8, quote=text)
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
            for sentence in (text[a:e] for a, e in sentence_spans(text)):
                if km := KRONOR.search(sentence):  # "Stimulansmedel 2021: 3 500 000 kr"
                    budget = self.ref(PG.Budget, sentence, holder.span, 0.6, quote=text)
                    self.b.set(budget, PG.amount, km.group(0))
                    self.link(owner[1] or owner[0] or self.b.plan, PG.budget, budget, holder, 0.5)
            for rx in RESP:
                for m in rx.finditer(text):
                    body = self.ref(PG.ResponsibleBody, m.group(1).strip(), holder.span, 0.6, quote=text)
                    self.link(body, PG.responsibleFor, owner[1] or owner[0], holder, 0.5)
        self.link_sources()

    def sources_in(self, tail: str, holder: Item) -> None:
        """Named sources in "följs genom A (X) och B samt när det gäller unga genom C"."""
        pieces: list[tuple[str, str | None]] = []
        qual: str | None = None
        pos = 0
        for m in SOURCE_SPLIT.finditer(tail):
            pieces.append((tail[pos:m.start()], qual))
            qual, pos = m.group(1), m.end()
        pieces.append((tail[pos:], qual))
        for piece, qual in pieces:
            piece = re.sub(r"^(?:genom|statistik\s+från|från|som)\s+", "", piece.strip())
            piece = re.sub(r"^[a-zåäö]+(?:arna|erna|ar|er)\s+(?:som\s+)?(?=[A-ZÅÄÖ])", "", piece)
            if not re.search(r"[A-ZÅÄÖ]", piece) or len(piece.split()) > 7:
                continue
            key = skey(piece)
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
            text = " " + skey(label) + " "
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


def skey(text: str) -> str:
    """Comparison key for source names: case-folded, '&' read as 'och'."""
    return re.sub(r"\s+", " ", text.lower().replace("&", "och")).strip(" .")
