"""/view (the network page), /view/data (its filtered graph data) and the vendored scripts."""
from __future__ import annotations

import threading
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from plangraf.api.deps import SettingsDep, StoreDep
from plangraf.api.view import Filters, base_data, page, view_data

router = APIRouter(tags=["view"])
STATIC = {"vis-network/vis-network.min.js": "application/javascript", "view.js": "application/javascript",
          "swagger-ui/swagger-ui-bundle.js": "application/javascript", "swagger-ui/swagger-ui.css": "text/css",
          "yasgui/yasgui.min.js": "application/javascript", "yasgui/yasgui.min.css": "text/css"}


@router.get("/view", response_class=HTMLResponse, summary="The interactive network view")
def view_page() -> HTMLResponse:
    return HTMLResponse(page(None, inline_js=False))


@router.get("/view/data", summary="Graph data for the view, filtered on the server")
async def view_json(request: Request, store: StoreDep, settings: SettingsDep, document: str | None = None,
                    focus_area: str | None = None, region: str | None = None, search: str | None = None,
                    cls: Annotated[list[str] | None, Query()] = None) -> dict[str, Any]:
    f = Filters(document=document, classes=cls or [], focus_area=focus_area, region=region, search=search)
    return await run_in_threadpool(cached_view, request.app.state, store, f, settings.max_view_nodes)


@router.get("/view/overview", summary="The view's overview: plans, their focus areas, the nodes they share")
async def view_overview(request: Request, store: StoreDep) -> dict[str, Any]:
    from plangraf.api.levels import overview
    return await run_in_threadpool(lambda: cached_level(request.app.state, store, "", overview))


@router.get("/view/plan", summary="One plan's logic chain for the view (plan: its document id or a start of it)")
async def view_plan(request: Request, store: StoreDep, plan: str) -> Any:
    from plangraf.api.levels import plan_level
    try:
        return await run_in_threadpool(lambda: cached_level(request.app.state, store, plan,
                                                            lambda s, b: plan_level(s, b, plan)))
    except KeyError as exc:
        return JSONResponse({"detail": str(exc.args[0])}, status_code=404)


def cached_base(state: Any, store: Any) -> Any:
    """The graph of the whole store is read once per store generation (an update through the
    endpoint starts a new one), then every view reuses it."""
    generation = getattr(state, "generation", 0)
    with LOCK:  # one computation at a time; a second request waits for the first's result
        cached = getattr(state, "view_base", None)
        if cached is None or cached[0] != generation:
            cached = (generation, base_data(store))
            state.view_base = cached
            state.view_levels = {}
    return cached[1]


def cached_level(state: Any, store: Any, key: str, build: Any) -> dict[str, Any]:
    base = cached_base(state, store)
    levels = getattr(state, "view_levels", {})
    if key not in levels:
        levels[key] = build(store, base)
        state.view_levels = levels
    return levels[key]  # type: ignore[no-any-return]


def cached_view(state: Any, store: Any, f: Filters, max_nodes: int) -> dict[str, Any]:
    return view_data(store, f, max_nodes, base=cached_base(state, store))


LOCK = threading.Lock()


@router.get("/static/{name:path}", include_in_schema=False)
def static(name: str) -> Response:
    if name not in STATIC:
        return Response("not found\n", status_code=404, media_type="text/plain")
    data = resources.files("plangraf.api").joinpath("static", name).read_bytes()
    return Response(data, media_type=STATIC[name], headers={"Cache-Control": "max-age=3600"})
