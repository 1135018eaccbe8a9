"""How a route runs a query: in the app's pool of killable worker processes (see
:mod:`plangraf.api.sandbox`), or in a thread of the server when the pool is off."""
from __future__ import annotations

import asyncio
from functools import partial

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from plangraf.api.answer import Job, answer
from plangraf.api.guard import Limits
from plangraf.api.sandbox import Reply, Sandbox
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


async def run_job(app: FastAPI, store: Store, settings: Settings, job: Job) -> Reply:
    """Run one query; raises QueryError (Busy for a full pool) and nothing else for bad queries."""
    pool = sandbox_for(app, store, settings)
    if pool is not None:
        return await run_in_threadpool(pool.call, job, settings.query_timeout)
    try:
        return await asyncio.wait_for(run_in_threadpool(answer, store, job), timeout=settings.query_timeout + 0.5)
    except TimeoutError as exc:
        raise QueryError(f"the query ran past the time limit of {settings.query_timeout:g} s", 503) from exc


def refresh(app: FastAPI) -> None:
    """The store changed: the workers hold it as it was, so fork new ones."""
    pool: Sandbox | None = getattr(app.state, "sandbox", None)
    if pool is not None:
        pool.refresh()
