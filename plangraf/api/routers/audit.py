"""/audit: the logic-chain audit (goals without indicators, indicators without a data source,
activities that serve no goal or have no one responsible, nodes without provenance).

JSON by default; the self-contained HTML report for a browser (Accept: text/html) or
``?format=html``; Markdown and CSV too. The HTML is sent with a Content-Security-Policy that
forbids scripts and any fetch, so even a label that slipped past escaping could not run.

The web audit runs the rules' twin queries on the store (about 2.6 s for the sample corpus) and
pySHACL only for shapes that have no twin query: a full pySHACL run copies the data out of the
store (about 19 s for the samples, minutes at a million triples), too much to offer every visitor;
``plangraf audit`` does it. Reports are cached per store generation (an update through /sparql
starts a new one), plan and language, so reloading the page or switching format is instant.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool

from plangraf.api import conneg
from plangraf.api.deps import StoreDep
from plangraf.graph.results import QueryError

router = APIRouter(tags=["audit"])

MEDIA = {"json": "application/json", "html": "text/html; charset=utf-8",
         "md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8"}
ACCEPT = {"application/json": "json", "text/html": "html", "application/xhtml+xml": "html",
          "text/markdown": "md", "text/csv": "csv", "*/*": "json", "application/*": "json", "text/*": "html"}
# The report is one file with its styles inline: it needs nothing from anywhere.
HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
Format = Literal["json", "html", "md", "csv"]


def choose(accept: str | None, fmt: str | None) -> str | None:
    if fmt:
        return fmt
    if not accept:
        return "json"
    for media, q in conneg.parse_accept(accept):
        if q > 0 and media in ACCEPT:
            return ACCEPT[media]
    return None


CACHE_SIZE = 16
_lock = threading.Lock()


def build(state: Any, store, plan: str | None, lang: str, fmt: str) -> str:  # type: ignore[no-untyped-def]
    from plangraf.audit import audit
    key = (getattr(state, "generation", 0), plan, lang)
    with _lock:
        cache: OrderedDict = getattr(state, "audit_cache", None) or OrderedDict()
        state.audit_cache = cache
        report = cache.get(key)
    if report is None:
        # twins always; pySHACL only for shapes without a twin (shacl_limit=0), see the docstring
        report = audit(store, plan=plan, lang=lang, shacl="auto", shacl_limit=0)
        with _lock:
            cache[key] = report
            while len(cache) > CACHE_SIZE:
                cache.popitem(last=False)
    return report.render(fmt)


@router.get("/audit", summary="The audit report (JSON, HTML, Markdown or CSV)",
            description="Gaps in the chain goal → activity → indicator → data source, and who is "
                        "responsible. `plan` limits it to one document (id or a prefix of it, as "
                        "`/queries/plans-overview` lists); `lang` is the language of the report's text. "
                        "JSON by default, HTML for `Accept: text/html` or `?format=html`.",
            responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA.values()}},
                       400: {"description": "unknown plan"}, 406: {"description": "no acceptable format"}})
async def get_audit(request: Request, store: StoreDep, plan: str | None = None,
                    lang: Literal["sv", "en"] = "sv", format: Format | None = None) -> Response:
    fmt = choose(request.headers.get("accept"), format)
    if fmt is None:
        raise HTTPException(406, "the audit is available as JSON, HTML, Markdown or CSV")
    try:
        body = await run_in_threadpool(build, request.app.state, store, plan or None, lang, fmt)
    except QueryError as exc:
        raise HTTPException(exc.status, str(exc)) from exc
    except (KeyError, ValueError) as exc:
        raise HTTPException(400, str(exc.args[0]) if exc.args else str(exc)) from exc
    headers = {"Vary": "Accept", "X-Content-Type-Options": "nosniff"}
    if fmt == "html":
        headers["Content-Security-Policy"] = HTML_CSP
    if fmt == "csv":
        headers["Content-Disposition"] = 'inline; filename="audit.csv"'
    return Response(body, media_type=MEDIA[fmt], headers=headers)
