"""Template: Utvecklingsområde sections with goals-activities-responsible tables and indicators."""
from __future__ import annotations

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import Extractor, SourceDocument


class DevelopmentAreaExtractor(Extractor):
    name = "development-areas"

    def matches(self, doc: SourceDocument) -> float:
        return 0.0  # not written yet

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        return None
