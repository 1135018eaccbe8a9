"""What the public endpoint refuses: updates without the token, SERVICE, LOAD, and FROM clauses
naming graphs outside plangraf (rdflib would fetch them from the web)."""
from __future__ import annotations

import re

from plangraf.graph.bind import skeleton
from plangraf.graph.results import QueryError
from plangraf.namespace import GRAPH_BASE

_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_LOAD = re.compile(r"\bLOAD\b", re.IGNORECASE)
_FROM = re.compile(r"\bFROM\s+(?:NAMED\s+)?<(\d+)>", re.IGNORECASE)


def check_query(query: str, allow_service: bool = False) -> None:
    """Raise QueryError (403) for a query that would make the server fetch something."""
    skel, iris = skeleton(query)
    if not allow_service and _SERVICE.search(skel):
        raise QueryError("SERVICE (federated queries to other endpoints) is not allowed on this endpoint", 403)
    for m in _FROM.finditer(skel):
        iri = iris[int(m.group(1))]
        if not iri.startswith(GRAPH_BASE):
            raise QueryError(f"FROM <{iri}>: only plangraf's own graphs ({GRAPH_BASE}…) can be named", 403)


def check_update(update: str) -> None:
    skel, _ = skeleton(update)
    if _LOAD.search(skel):
        raise QueryError("LOAD (fetching remote data) is not allowed on this endpoint", 403)
    if _SERVICE.search(skel):
        raise QueryError("SERVICE is not allowed on this endpoint", 403)
