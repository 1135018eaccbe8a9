"""Per-document corrections files (YAML) that a person edits; applied on every load.

(First version: none applied yet.)
"""
from __future__ import annotations

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import SourceDocument


def apply_corrections(doc: SourceDocument, builder: GraphBuilder) -> None:
    return None
