"""``GET /sparql?query=…`` from programs, answered without FastAPI's routing and validation.

Per request FastAPI costs ~0.3 ms of server CPU, more than the engine takes for a small query
(scripts/bench_http.py --engine). This ASGI middleware answers the plain protocol case itself:
GET, a ``query`` parameter, no ``update``, and an Accept header that does not ask for HTML. It
calls the same function as the route (:func:`plangraf.api.runner.sparql_reply`), so answers are
the same byte for byte. Everything else (POST, browsers, the OpenAPI docs) goes to FastAPI.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from plangraf.api.runner import sparql_reply


class SparqlFastPath:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != "/sparql":
            await self.app(scope, receive, send)
            return
        accept = None
        for name, value in scope["headers"]:
            if name == b"accept":
                accept = value.decode("latin-1")
        params = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
        query = params.get("query")
        if not query or "update" in params or (accept and "text/html" in accept):
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        reply = await sparql_reply(scope["app"], state.store, state.settings, query, accept, params.get("format"))
        media = reply.media if "charset" in reply.media or not reply.media.startswith("text/") \
            else reply.media + "; charset=utf-8"
        headers = [(b"content-type", media.encode()), (b"content-length", str(len(reply.body)).encode())]
        headers += [(k.lower().encode(), v.encode()) for k, v in reply.headers.items()]
        await send({"type": "http.response.start", "status": reply.status, "headers": headers})
        await send({"type": "http.response.body", "body": reply.body})
