"""Settings of the web app; tests build their own instead of patching globals."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from plangraf.graph.store import default_spec


def env_flag(name: str, default: bool = False) -> bool:
    """A yes/no environment variable: 1/true/yes/on or 0/false/no/off (anything else: default)."""
    value = os.environ.get(name, "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    return default


@dataclass
class Settings:
    store: str = field(default_factory=default_spec)
    # Answer queries from an in-memory copy of an oxigraph: store (5-6x faster; costs start-up time
    # and RAM). Off by default here so tests and embedders open the disk store; `plangraf serve`
    # turns it on unless told --disk or PLANGRAF_MEMORY=0.
    memory: bool = field(default_factory=lambda: env_flag("PLANGRAF_MEMORY"))
    update_token: str | None = None          # SPARQL Update allowed only with this bearer token
    query_timeout: float = float(os.environ.get("PLANGRAF_QUERY_TIMEOUT", "10"))  # seconds
    max_rows: int = int(os.environ.get("PLANGRAF_MAX_ROWS", "10000"))
    max_view_nodes: int = 3000               # the view never sends more nodes than this
    allow_service: bool = False              # SERVICE to remote endpoints (server-side requests)
    warm_view: bool = False                  # compute the view's layout at start-up (plangraf serve)
