"""How a route runs a query: in the app's pool of killable worker processes (see
:mod:`plangraf.api.sandbox`), or in a thread of the server when the pool is off."""
from __future__ import annotations

import asyncio
import re
from collections import OrderedDict
from functools import partial

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from plangraf.api.answer import TEXT, Job, answer
from plangraf.api.guard import Limits, check_size
from plangraf.api.inline import inline_answer
from plangraf.api.sandbox import Busy, Reply, Sandbox
from plangraf.api.settings import Settings
from plangraf.graph.results import QueryError
from plangraf.graph.store import Store


def limits(settings: Settings) -> Limits:
    return Limits(settings.max_query_chars, settings.max_query_depth)


def job_for(settings: Settings, query: str, accept: str | None, fmt: str | None, *,
            trusted: bool = False) -> Job:
    return Job(query, accept, fmt, settings.max_rows, settings.allow_service, limits(settings),
               settings.query_timeout, trusted=trusted)


def sandbox_for(app: FastAPI, store: Store, settings: Settings) -> Sandbox | None:
    """The app's pool of query workers, started on first use; None when queries run in-process
    (``sparql_workers=0``, or a remote store: its server runs the query and httpx times out)."""
    from plangraf.graph.remote import RemoteStore
    if settings.sparql_workers <= 0 or isinstance(store, RemoteStore):
        return None
    pool: Sandbox | None = getattr(app.state, "sandbox", None)
    if pool is None:
        pool = app.state.sandbox = Sandbox(partial(answer, store), settings.sparql_workers,
                                           settings.sparql_queue)
    return pool


class ResultCache:
    """Finished 200 answers by request, up to ``max_bytes`` of bodies, least recently used out.
    The store only changes through this server (SPARQL Update), which empties the cache."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.hits = self.misses = 0
        self._items: OrderedDict[tuple[object, ...], Reply] = OrderedDict()

    def get(self, key: tuple[object, ...]) -> Reply | None:
        reply = self._items.get(key)
        if reply is None:
            self.misses += 1
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return reply

    def put(self, key: tuple[object, ...], reply: Reply) -> None:
        if reply.status != 200 or len(reply.body) > self.max_bytes // 8 or key in self._items:
            return
        self._items[key] = reply
        self.size += len(reply.body)
        while self.size > self.max_bytes:
            _, old = self._items.popitem(last=False)
            self.size -= len(old.body)

    def clear(self) -> None:
        self._items.clear()
        self.size = 0


# Answers that differ from run to run are not kept (a false match only means no caching).
UNREPEATABLE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


def cache_for(app: FastAPI, store: Store, settings: Settings) -> ResultCache | None:
    """The app's answer cache; None when off or when the store can change behind the server's
    back (a remote endpoint)."""
    from plangraf.graph.remote import RemoteStore
    if settings.cache_bytes <= 0 or isinstance(store, RemoteStore):
        return None
    cache: ResultCache | None = getattr(app.state, "result_cache", None)
    if cache is None:
        cache = app.state.result_cache = ResultCache(settings.cache_bytes)
    return cache


async def run_job(app: FastAPI, store: Store, settings: Settings, job: Job) -> Reply:
    """Run one query (or answer it from the cache); raises QueryError (Busy for a full pool)."""
    cache = cache_for(app, store, settings)
    if cache is not None and UNREPEATABLE.search(job.query):
        cache = None
    key = (job.query, job.accept, job.fmt, job.max_rows, job.allow_service, job.limits, job.trusted,
           tuple(sorted((job.prefixes or {}).items())))
    if cache is not None and (hit := cache.get(key)) is not None:
        return hit
    pool = sandbox_for(app, store, settings)
    reply = inline_answer(store, job) if pool is not None else None
    if reply is not None:
        pass  # bounded by its shape: answered here (plangraf.api.inline)
    elif pool is not None:
        reply = await pool.acall(job, settings.query_timeout)
    else:
        try:
            reply = await asyncio.wait_for(run_in_threadpool(answer, store, job),
                                           timeout=settings.query_timeout + 0.5)
        except TimeoutError as exc:
            raise QueryError(f"the query ran past the time limit of {settings.query_timeout:g} s", 503) from exc
    if cache is not None:
        cache.put(key, reply)
    return reply


def refresh(app: FastAPI) -> None:
    """The store changed: the workers hold it as it was, so fork new ones; forget cached answers."""
    cache: ResultCache | None = getattr(app.state, "result_cache", None)
    if cache is not None:
        cache.clear()
    pool: Sandbox | None = getattr(app.state, "sandbox", None)
    if pool is not None:
        pool.refresh()


def predeclare_used(query: str) -> tuple[str, int]:
    """:func:`plangraf.queries.prefixes.predeclare` limited to the usual prefixes whose name and
    colon appear somewhere in the query (a superset of those it uses): the engine parses every
    declaration it is given, and all twelve cost ~16 µs of a ~100 µs LIMIT 50 query."""
    from plangraf.queries.prefixes import PREFIXES, declared
    own = declared(query)
    head = " ".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in own and f"{p}:" in query)
    return (f"{head}\n{query}", 1) if head else (query, 0)


async def sparql_reply(app: FastAPI, store: Store, settings: Settings, query: str, accept: str | None,
                       fmt: str | None) -> Reply:
    """The whole answer to one /sparql query (also the refusals and errors, as text/plain). The
    usual prefixes (pg:, rdfs:, …) work without PREFIX lines; a syntax error is one line with its
    position in the query as typed."""
    from plangraf.queries.prefixes import one_line_error
    typed, added = query, 0
    try:
        check_size(typed, limits(settings))  # before any parser, in this process
        query, added = predeclare_used(typed)
        job = job_for(settings, query, accept, fmt)
        reply = await run_job(app, store, settings, job)
        if reply.status == 400 and reply.media.startswith("text/plain"):   # the parser's message, from a worker
            message = one_line_error(reply.body.decode("utf-8", "replace"), typed, added)
            reply = Reply(reply.status, reply.media, (message + "\n").encode(), reply.headers)
        return reply
    except Busy as exc:
        return Reply(exc.status, TEXT, (str(exc) + "\n").encode(), {"Retry-After": "1"})
    except QueryError as exc:
        return Reply(exc.status, TEXT, (one_line_error(str(exc), typed, added) + "\n").encode())
