"""Link extracted nodes to reference data (regions, municipalities, data sources, focus areas).

(First version: no linking yet.)
"""
from __future__ import annotations

from plangraf.graph.model import GraphBuilder


def link_reference(builder: GraphBuilder) -> None:
    return None
