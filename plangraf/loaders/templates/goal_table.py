"""Template: Four-column tables Strategiskt mål / Mål på områdesnivå / Mätetal / Aktivitet under area blocks."""
from __future__ import annotations

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import Extractor, SourceDocument


class GoalTableExtractor(Extractor):
    name = "goal-table"

    def matches(self, doc: SourceDocument) -> float:
        return 0.0  # not written yet

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        return None
