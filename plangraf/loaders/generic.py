"""Generic fallback for documents no template recognises: label lines, headings, bullets, cues."""
from __future__ import annotations

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import Extractor, SourceDocument


class GenericExtractor(Extractor):
    name = "generic"

    def matches(self, doc: SourceDocument) -> float:
        return 0.1

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        return None
