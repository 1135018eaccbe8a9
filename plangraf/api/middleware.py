"""ASGI middleware: a request-body size limit, and a Content-Security-Policy on every HTML page.

Pure ASGI (no BaseHTTPMiddleware): nothing is buffered except HTML responses, which the CSP
middleware reads whole to hash their inline scripts.
"""
from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]

# For HTML pages that do not send their own policy: scripts only from this server and the page's
# own inline scripts by hash (computed per response), nothing from elsewhere, no plugins, no
# framing, no <base>. 'unsafe-eval' stays allowed: vendored editors and the browser tests
# (Playwright's wait_for_function evaluates a string in the page) need it, and it runs nothing an
# attacker could not already run; injected <script> elements and event-handler attributes stay blocked.
BASE_CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def page_csp(html: bytes) -> str:
    """The policy for one HTML page: BASE_CSP with a sha256 source for each inline script."""
    hashes = "".join(f" 'sha256-{base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode()}'"
                     for m in _INLINE_SCRIPT.finditer(html))
    return BASE_CSP.format(hashes=hashes)


async def _plain(send: Any, status: int, text: str) -> None:
    body = (text + "\n").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413: at once when Content-Length says so,
    otherwise as soon as the streamed body passes the limit."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"the request body is larger than this endpoint takes ({self.max_bytes:,} bytes)"
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = True
                if too_big:
                    await _plain(send, 413, message)
                    return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooBig()
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooBig:
            if not started:
                await _plain(send, 413, message)


class _TooBig(Exception):
    pass


class HtmlCsp:
    """Add a Content-Security-Policy to every text/html response that has none."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def csp_send(msg: Message) -> None:
            nonlocal start
            if msg["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in msg.get("headers", [])}
                html = headers.get(b"content-type", b"").lower().startswith(b"text/html")
                if html and b"content-security-policy" not in headers:
                    start = msg  # hold it until the whole page is here
                    return
                await send(msg)
                return
            if start is None or msg["type"] != "http.response.body":
                await send(msg)
                return
            chunks.append(msg.get("body", b""))
            if msg.get("more_body"):
                return
            body = b"".join(chunks)
            csp_headers = [*start.get("headers", []), (b"content-security-policy", page_csp(body).encode())]
            await send({**start, "headers": csp_headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, csp_send)
