"""Security headers on every response: nosniff always, a content security policy by kind.

* Every response: ``X-Content-Type-Options: nosniff`` (a JSON body or an uploaded page is
  never sniffed into something executable) and ``Referrer-Policy: no-referrer``.
* HTML without a policy of its own, i.e. the HTML report, which embeds uploaded markup as
  text: no scripts, no fetches, no framing (``REPORT_CSP``).
* Everything else without a policy of its own (JSON, problem+json, SARIF...): nothing may be
  loaded or framed (``API_CSP``).
* The docs pages set their own policy (``docs.py``): scripts from this server only.
"""

from __future__ import annotations

from typing import Final

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["API_CSP", "REPORT_CSP", "SecurityHeadersMiddleware"]

REPORT_CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)
"""Policy of served HTML: inline styles and data: images only, never a script or a frame."""
API_CSP: Final = "default-src 'none'; frame-ancestors 'none'"
"""Policy of every other response: nothing to load, nothing to frame."""

_CSP: Final = "Content-Security-Policy"


class SecurityHeadersMiddleware:
    """Pure ASGI middleware adding the headers above to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap ``app``."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request, adding headers to its response start."""
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers.setdefault("Referrer-Policy", "no-referrer")
                if _CSP not in headers:
                    html = headers.get("content-type", "").lower().startswith("text/html")
                    headers[_CSP] = REPORT_CSP if html else API_CSP
                    if html:
                        headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_with_headers)
