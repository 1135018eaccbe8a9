"""Settings of the web app; tests build their own instead of patching globals."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from plangraf.graph.store import default_spec


@dataclass
class Settings:
    store: str = field(default_factory=default_spec)
    update_token: str | None = None          # SPARQL Update allowed only with this bearer token
    query_timeout: float = float(os.environ.get("PLANGRAF_QUERY_TIMEOUT", "10"))  # seconds
    max_rows: int = int(os.environ.get("PLANGRAF_MAX_ROWS", "10000"))
    max_view_nodes: int = 3000               # the view never sends more nodes than this
    allow_service: bool = False              # SERVICE to remote endpoints (server-side requests)
    warm_view: bool = False                  # compute the view's layout at start-up (plangraf serve)
