"""The app factory. ``create_app(Settings(...))`` opens the store once and mounts the routers."""
from __future__ import annotations

import asyncio
import importlib
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, RedirectResponse

from plangraf import __version__
from plangraf.api.fastpath import PlangrafApp
from plangraf.api.middleware import BodyLimit, HtmlCsp
from plangraf.api.settings import Settings
from plangraf.graph.store import Store, open_store

__all__ = ["Settings", "create_app"]

# Routers by module name; each module defines `router`. A module that does not exist yet is skipped.
ROUTERS = ["sparql", "queries", "entities", "audit", "ontology", "view"]
log = logging.getLogger("plangraf.api")


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the app. Pass ``store`` to serve an already open store (tests); otherwise the
    store named by ``settings.store`` is opened at start-up and closed at shutdown."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = app.state.store is None
        if own:
            t = time.perf_counter()
            app.state.store = open_store(settings.store, memory=settings.memory)
            copied = getattr(app.state.store, "mirror_quads", None)
            if copied is not None:
                log.info("copied %s quads into memory in %.1f s", f"{copied:,}", time.perf_counter() - t)
        if settings.warm_view:
            # Lay out the network view in the background so the first /view is quick.
            from plangraf.api.routers.view import cached_view
            from plangraf.api.view import Filters
            asyncio.get_running_loop().run_in_executor(
                None, cached_view, app.state, app.state.store, Filters(), settings.max_view_nodes)
        try:
            yield
        finally:
            pool = getattr(app.state, "sandbox", None)
            if pool is not None:
                pool.close()
                app.state.sandbox = None
            if own:
                app.state.store.close()
                app.state.store = None

    app = PlangrafApp(title="plangraf", version=__version__, lifespan=lifespan,
                  description="Swedish plans as a knowledge graph: which activities serve which goal, "
                              "and how are they measured? SPARQL endpoint, named queries, audit, network view.",
                  docs_url=None, redoc_url=None)  # /docs below serves Swagger UI from vendored files
    app.state.settings = settings
    app.state.store = store
    for name in ROUTERS:
        try:
            module = importlib.import_module(f"plangraf.api.routers.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"plangraf.api.routers.{name}":
                raise
            continue
        app.include_router(module.router)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        from plangraf.api.pages import docs_page
        return docs_page()

    app.add_middleware(HtmlCsp)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/view")

    return app
