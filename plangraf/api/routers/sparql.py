"""SPARQL 1.1 Protocol endpoint: GET and POST (form and direct), content negotiation,
read-only unless the server has an update token and the request carries it."""
from __future__ import annotations

import secrets
from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from plangraf.api.deps import SettingsDep, StoreDep
from plangraf.api.guard import check_update
from plangraf.api.runner import limits, refresh, sparql_reply
from plangraf.api.settings import Settings
from plangraf.graph.results import QueryError
from plangraf.graph.store import Store

router = APIRouter(tags=["sparql"])

QUERY_DOC = ("SPARQL 1.1 query. The default graph is the union of all loaded documents, the ontology "
             "and the reference data. Results as JSON, XML, CSV or TSV (SELECT/ASK) or Turtle, "
             "N-Triples, JSON-LD, RDF/XML (CONSTRUCT/DESCRIBE) by Accept header or ?format=.")


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8", headers=headers)


async def run_query(request: Request, store: Store, settings: Settings, query: str, accept: str | None,
                    fmt: str | None) -> Response:
    reply = await sparql_reply(request.app, store, settings, query, accept, fmt)
    return Response(reply.body, status_code=reply.status, media_type=reply.media, headers=reply.headers)


async def run_update(store: Store, settings: Settings, request: Request, update: str) -> Response:
    token = settings.update_token
    given = request.headers.get("authorization", "")
    if not token:
        return error(403, "this endpoint is read-only (start the server with --update-token to allow updates)")
    if not secrets.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return error(401, "updates need the header 'Authorization: Bearer <token>'")
    try:
        await run_in_threadpool(check_update, update, limits(settings))
        await run_in_threadpool(store.update, update)
    except QueryError as exc:
        return error(exc.status, str(exc))
    request.app.state.generation = getattr(request.app.state, "generation", 0) + 1
    refresh(request.app)
    return Response(status_code=204)


@router.get("/sparql", summary="SPARQL query (GET)", description=QUERY_DOC,
            responses={200: {"content": {m: {} for m in ("application/sparql-results+json", "text/csv",
                                                         "application/sparql-results+xml", "text/turtle")}},
                       400: {"description": "malformed query"}, 403: {"description": "refused feature"},
                       406: {"description": "no acceptable format"}, 503: {"description": "time limit"}})
async def sparql_get(request: Request, store: StoreDep, settings: SettingsDep, query: str | None = None,
                     format: str | None = None) -> Response:
    if "update" in request.query_params:
        return error(405, "SPARQL Update must be sent with POST")
    if not query:
        from plangraf.api.pages import sparql_editor, wants_html
        if wants_html(request):  # a browser: the query editor
            return sparql_editor()
        return error(400, "missing the 'query' parameter")
    return await run_query(request, store, settings, query, request.headers.get("accept"), format)


@router.post("/sparql", summary="SPARQL query or update (POST, form or direct body)", description=QUERY_DOC,
             responses={204: {"description": "update done"}, 400: {"description": "malformed"},
                        401: {"description": "bad token"}, 403: {"description": "refused"}})
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep,
                      format: str | None = None) -> Response:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await request.body()).decode("utf-8", errors="replace")
    accept = request.headers.get("accept")
    if ctype == "application/sparql-query":
        return await run_query(request, store, settings, body, accept, format)
    if ctype == "application/sparql-update":
        return await run_update(store, settings, request, body)
    if ctype in ("application/x-www-form-urlencoded", ""):
        form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
        if "update" in form:
            return await run_update(store, settings, request, form["update"])
        if form.get("query"):
            return await run_query(request, store, settings, form["query"], accept, format or form.get("format"))
        return error(400, "missing the 'query' (or 'update') parameter")
    return error(415, f"unsupported content type {ctype!r}: use a form, application/sparql-query "
                      "or application/sparql-update")
