"""``GET /sparql?query=…`` from programs, answered before FastAPI and its middleware.

Per request FastAPI costs ~0.3 ms of server CPU, more than the engine takes for a small query
(scripts/bench_http.py --engine); the middleware in front of it (Starlette's error handler, the
body limit, the HTML policy, FastAPI's telemetry check) ~0.1 ms more. :class:`PlangrafApp` is the
FastAPI app with one difference: its ASGI entry answers the plain protocol case itself — GET, a
``query`` parameter, no ``update``, no request body, and an Accept header that does not ask for
HTML — and passes everything else (POST, browsers, the OpenAPI docs, the lifespan) to FastAPI
unchanged. It calls the same function as the route (:func:`plangraf.api.runner.sparql_reply`), so
answers are the same byte for byte; none of them is HTML (the policy middleware would not touch
it) and none has a body to limit (a request with one goes the long way). An unexpected error gets
the 500 Starlette's error handler would give, and is raised on for the server to log.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI

from plangraf.api.runner import sparql_reply

INTERNAL_ERROR = b"Internal Server Error"


def plain_params(scope: dict[str, Any]) -> tuple[str, str | None, str | None] | None:
    """(query, Accept, format) when ``scope`` is a plain protocol query; None otherwise."""
    if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != "/sparql":
        return None
    accept = None
    for name, value in scope["headers"]:
        if name == b"accept":
            accept = value.decode("latin-1")
        elif name in (b"content-length", b"transfer-encoding"):
            return None
    params = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
    query = params.get("query")
    if not query or "update" in params or (accept and "text/html" in accept):
        return None
    return query, accept, params.get("format")


class PlangrafApp(FastAPI):
    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        plain = plain_params(scope)
        if plain is None:
            await super().__call__(scope, receive, send)
            return
        started = False
        try:
            state = self.state
            reply = await sparql_reply(self, state.store, state.settings, *plain)
            media = reply.media if "charset" in reply.media or not reply.media.startswith("text/") \
                else reply.media + "; charset=utf-8"
            headers = [(b"content-type", media.encode()), (b"content-length", str(len(reply.body)).encode())]
            headers += [(k.lower().encode(), v.encode()) for k, v in reply.headers.items()]
            started = True
            await send({"type": "http.response.start", "status": reply.status, "headers": headers})
            await send({"type": "http.response.body", "body": reply.body})
        except Exception:
            if not started:
                await send({"type": "http.response.start", "status": 500,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                        (b"content-length", str(len(INTERNAL_ERROR)).encode())]})
                await send({"type": "http.response.body", "body": INTERNAL_ERROR})
            raise
