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
    # /sparql runs each query in one of this many worker processes, killed at the time limit
    # (0: in the server process, where a query past its limit is answered 503 but runs on).
    sparql_workers: int = field(default_factory=lambda: int(os.environ.get("PLANGRAF_SPARQL_WORKERS",
                                                                           str(os.cpu_count() or 1))))
    sparql_queue: int = 16                   # requests that may wait for a worker; more get 503
    max_query_chars: int = 100_000           # longer queries/updates are refused (400)
    max_query_depth: int = 128               # deeper bracket nesting is refused (400)
    # Finished answers kept by request text until the store changes (0: no cache).
    cache_bytes: int = field(default_factory=lambda: int(os.environ.get("PLANGRAF_CACHE_BYTES", str(64 << 20))))
    max_body: int = 1 << 20                  # request bodies above this many bytes get 413
    warm_view: bool = False                  # compute the view's layout at start-up (plangraf serve)
