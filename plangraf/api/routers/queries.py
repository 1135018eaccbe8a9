"""/queries (the catalogue) and /queries/{name} (run one query with query-string parameters).

Parameters are whatever the query's header declares, so they cannot be fixed in the OpenAPI
signature; they are read from the query string and handed to :func:`plangraf.queries.run`, which
converts each to a typed RDF term and binds it with a VALUES block (user text never becomes query
text). An unknown query is a 404, an unknown, repeated or unreadable parameter a 400.
"""
from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import APIRouter, HTTPException, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from plangraf import queries as catalogue
from plangraf.api import conneg
from plangraf.api.deps import SettingsDep, StoreDep
from plangraf.api.runner import job_for, run_job
from plangraf.api.sandbox import Busy
from plangraf.graph.results import QueryError

router = APIRouter(tags=["queries"])

# Query-string keys the route itself reads; a catalogue parameter may not use them.
RESERVED = {"format"}
RESULT_MEDIA = ("application/sparql-results+json", "text/csv", "text/tab-separated-values",
                "application/sparql-results+xml")


class ParamOut(BaseModel):
    name: str
    type: str
    required: bool = False
    example: str = ""
    description: str = ""


class QueryOut(BaseModel):
    name: str
    summary: str
    description: str
    params: list[ParamOut]
    tags: list[str]
    one_of: list[str] = []          # at least one of these parameters must be given
    href: str


def describe(q: catalogue.NamedQuery) -> QueryOut:
    head = q.header()
    return QueryOut(name=q.name, summary=q.summary, description=q.description,
                    params=[ParamOut(**p) for p in cast(list[dict[str, Any]], head["params"])],
                    tags=list(q.tags), one_of=list(q.one_of), href=f"/queries/{q.name}")


@router.get("/queries", response_model=list[QueryOut], summary="The query catalogue",
            description="Every named query with its summary, description, parameters (type, example) "
                        "and tags. Run one with `GET /queries/{name}?param=value`.")
def list_all(request: Request) -> Any:
    entries = [describe(q) for q in catalogue.list_queries()]
    from plangraf.api.pages import queries_page, wants_html
    if wants_html(request):  # a browser: the catalogue as a page with a form per query
        return queries_page([e.model_dump() for e in entries])
    return entries


def catalogue_parameters() -> list[dict[str, Any]]:
    """Every parameter some catalogue query declares, for the OpenAPI page (a query that does not
    declare one refuses it with 400): clients and fuzzers see the real names and examples."""
    seen: dict[str, dict[str, Any]] = {}
    for q in catalogue.list_queries():
        for p in q.params.values():
            entry = seen.setdefault(p.name, {"name": p.name, "in": "query", "required": False,
                                             "schema": {"type": "string"}, "users": []})
            entry["users"].append(q.name)
            if p.example and "example" not in entry:
                entry["example"] = p.example
            entry.setdefault("type", p.type)
    out = []
    for name, e in sorted(seen.items()):
        users = e.pop("users")
        ptype = e.pop("type")
        e["description"] = f"({ptype}) parameter of {', '.join(users)}"
        if name not in RESERVED:
            out.append(e)
    return out


QUERY_NAMES = [q.name for q in catalogue.list_queries()]


def choose_format(accept: str | None, fmt: str | None) -> str | None:
    """conneg's choice, except that a browser (Accept: text/html, …, application/xml) gets JSON,
    which it can show, rather than the XML results format its Accept header happens to list."""
    if not fmt and accept and "text/html" in accept.lower():
        return "json"
    return conneg.choose("select", accept, fmt)


def query_params(request: Request) -> dict[str, str]:
    params: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in RESERVED:
            continue
        if key in params:
            raise HTTPException(400, f"parameter {key!r} is given more than once")
        params[key] = value
    return params


@router.get("/queries/{name}", summary="Run a named query",
            description="Parameters of the query (see `GET /queries`) go in the query string, e.g. "
                        "`/queries/activities-for-goal?plan=003`; a parameter left out means 'all'. "
                        "Results as SPARQL results JSON (default), CSV, TSV or XML by Accept header "
                        "or `?format=json|csv|tsv|xml`; `?format=rq` returns the query text.",
            responses={200: {"content": {m: {} for m in (*RESULT_MEDIA, "application/sparql-query")}},
                       400: {"description": "unknown, repeated or malformed parameter"},
                       404: {"description": "no query of that name"},
                       406: {"description": "no acceptable format"},
                       503: {"description": "the query ran past the time limit"}},
            openapi_extra={"parameters": catalogue_parameters()})
async def run_named(name: Annotated[str, Path(description="a query name from `GET /queries`",
                                              json_schema_extra={"enum": QUERY_NAMES})],
                    request: Request, store: StoreDep, settings: SettingsDep,
                    format: str | None = None) -> Response:
    try:
        query = catalogue.load(name)
    except QueryError as exc:
        raise HTTPException(exc.status, str(exc)) from exc
    if format == "rq":
        return Response(query.text, media_type="application/sparql-query; charset=utf-8")
    params = query_params(request)
    chosen = choose_format(request.headers.get("accept"), format)
    if chosen is None:
        raise HTTPException(406, f"cannot write query results as {format or request.headers.get('accept')}; "
                                 "use json, csv, tsv or xml")
    try:
        text = await run_in_threadpool(catalogue.prepare, query, params, store)
        # In a killable worker like /sparql (plangraf's own text: no guard), on another core.
        reply = await run_job(request.app, store, settings, job_for(settings, text, None, chosen, trusted=True))
    except Busy as exc:
        raise HTTPException(exc.status, str(exc), headers={"Retry-After": "1"}) from exc
    except QueryError as exc:
        raise HTTPException(exc.status, str(exc)) from exc
    if reply.status != 200:
        raise HTTPException(reply.status, reply.body.decode("utf-8", "replace").strip())
    headers = {"Vary": "Accept", **reply.headers}
    if chosen == "csv":
        headers["Content-Disposition"] = f'inline; filename="{name}.csv"'
    return Response(reply.body, media_type=reply.media, headers=headers)
