"""Template: Project sheets, role lists and indicator catalogues with indicator cards."""
from __future__ import annotations

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import Extractor, SourceDocument


class ProjectSheetExtractor(Extractor):
    name = "project-sheets"

    def matches(self, doc: SourceDocument) -> float:
        return 0.0  # not written yet

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        return None
