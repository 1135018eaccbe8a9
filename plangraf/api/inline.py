"""Queries whose cost is bounded by their shape, answered in the server process.

Every other query goes to a killable worker process (:mod:`plangraf.api.sandbox`): pyoxigraph has
no timeout, so a query that might run long must run where it can be killed. That costs a round
trip to another process per request (~0.3 ms of the ~0.6 ms of server CPU a small query took;
scripts/bench_http.py --engine). A query that cannot run long does not need the wall:

    [PREFIX p: <iri>]* SELECT ?v… | * [WHERE] { s p o [.] } LIMIT n        (n <= INLINE_ROWS)

one triple pattern (variables, all different, IRIs, prefixed names, ``a``, plain or tagged or
typed string literals; no property paths, no blank nodes, no comments), no FROM, no OFFSET, no
ORDER BY, no DISTINCT, no FILTER, no GRAPH, no SERVICE, nothing else; and the store answered
from memory. Every entry of the index scan the engine does for it is a solution (up to the same
triple in several graphs), so it stops after about n entries: on the samples' in-memory store
``{ ?s ?p ?o } LIMIT 100`` takes 0.17 ms with its JSON, LIMIT 50 on rdfs:label 0.1 ms. (A repeated
variable, ``{ ?x ?x ?x }``, would scan the whole store for matches — 90 ms on the samples —, as
would OFFSET: neither is answered here.) The query cannot name a
remote endpoint or a graph. Anything the
pattern does not match exactly goes to a worker as before. The answer is written by the same
function a worker runs (:func:`plangraf.api.answer._oxigraph`), so the bytes are the same; when
the engine refuses the query (a bad prefix, an unacceptable format) it goes to a worker too, so
errors keep the worker's words.
"""
from __future__ import annotations

import re

from plangraf.api.answer import Job, _oxigraph
from plangraf.api.guard import QueryInfo
from plangraf.api.sandbox import Reply
from plangraf.graph.oxigraph import OxigraphStore
from plangraf.graph.store import Store

INLINE_ROWS = 100  # the largest LIMIT answered in the server process

_IRI = r'<[^<>"{}|^`\\\x00-\x20]*>'
_PNAME = r"(?:[A-Za-z][A-Za-z0-9_-]*)?:[A-Za-z0-9_](?:[A-Za-z0-9_-]*)"
_VAR = r"[?$][A-Za-z_][A-Za-z0-9_]*"
_LIT = (r'"(?:[^"\\\n\r]|\\["\\nrt])*"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^(?:' + _IRI + "|" + _PNAME + "))?")
_TERM = f"(?:{_VAR}|{_IRI}|{_PNAME})"
_BOUNDED = re.compile(
    rf"""\s*(?:PREFIX\s+(?:[A-Za-z][A-Za-z0-9_-]*)?:\s*{_IRI}\s*)*
         SELECT\s+(?:\*|{_VAR}(?:\s+{_VAR})*)\s*(?:WHERE\s*)?
         \{{\s*(?P<s>{_TERM})\s+(?P<p>{_TERM}|a)\s+(?P<o>{_TERM}|{_LIT})\s*\.?\s*\}}\s*
         LIMIT\s+(?P<limit>[0-9]{{1,9}})\s*""",
    re.IGNORECASE | re.VERBOSE)


def bounded_limit(query: str) -> int | None:
    """The LIMIT of a query of the bounded shape, at most INLINE_ROWS (see the module docstring);
    None otherwise."""
    m = _BOUNDED.fullmatch(query)
    if m is None:
        return None
    variables = [m.group(k)[1:] for k in "spo" if m.group(k)[0] in "?$"]
    if len(set(variables)) < len(variables):  # { ?x ?x ?x }: a scan of the whole store for matches
        return None
    limit = int(m.group("limit"))
    return limit if limit <= INLINE_ROWS else None


def inline_answer(store: Store, job: Job) -> Reply | None:
    """The answer to ``job`` made here, when its shape bounds its cost; None: send it to a worker."""
    if not isinstance(store, OxigraphStore) or job.prefixes or job.trusted:
        return None
    if store.disk is not None and store.ox is store.disk:
        return None  # answering from disk (no memory copy yet, or --disk): a scan costs ~10x more
    limit = bounded_limit(job.query)
    if limit is None or limit > job.max_rows:
        return None
    try:
        return _oxigraph(store, job, QueryInfo("select", limit))
    except Exception:  # noqa: BLE001 - a refusal or an error: the worker gives it in its own words
        return None
