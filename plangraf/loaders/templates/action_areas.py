"""Template: Insatsområden with utmaningsfrågor, Att följa upp, (Aktör: ...) activities and målbilder."""
from __future__ import annotations

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import Extractor, SourceDocument


class ActionAreaExtractor(Extractor):
    name = "action-areas"

    def matches(self, doc: SourceDocument) -> float:
        return 0.0  # not written yet

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        return None
