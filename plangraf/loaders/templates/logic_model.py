"""Template: Logic-model tables: Interventionslogik / Indikatorer / Datakällor / Antaganden/Hot."""
from __future__ import annotations

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import Extractor, SourceDocument


class LogicModelExtractor(Extractor):
    name = "logic-model"

    def matches(self, doc: SourceDocument) -> float:
        return 0.0  # not written yet

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        return None
