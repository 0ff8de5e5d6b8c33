"""``Allow`` lists every method of a route, on OPTIONS answers and on 405s.

Litestar builds the automatic OPTIONS handler of a path from the first handler registered
for it, so ``OPTIONS /api/v1/sessions/{id}`` answered ``Allow: GET, OPTIONS`` although the
path also serves DELETE. This middleware rewrites ``Allow`` from the routed path's full
method set (``HTTPRoute.methods``), which is what RFC 9110 asks for.
"""

from __future__ import annotations

from typing import Any, Final

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.routes import HTTPRoute
from litestar.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["AllowHeaderMiddleware"]

_METHOD_NOT_ALLOWED: Final = 405


class AllowHeaderMiddleware:
    """Pure ASGI middleware: a complete ``Allow`` on OPTIONS and 405 responses."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap ``app``; the route table is read on first use (routes are final by then)."""
        self.app = app
        self._methods: dict[str, str] | None = None

    def _allowed(self, scope: Scope) -> str | None:
        if self._methods is None:
            litestar_app: Any = scope.get("litestar_app") or scope.get("app")
            if litestar_app is None:
                return None
            self._methods = {
                route.path_format: ", ".join(sorted(route.methods))
                for route in litestar_app.routes
                if isinstance(route, HTTPRoute)
            }
        template = scope.get("path_template")
        return self._methods.get(template) if isinstance(template, str) else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request; fix ``Allow`` in its response start when it carries one."""
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return

        async def send_with_allow(message: Message) -> None:
            if message["type"] == "http.response.start" and (
                scope.get("method") == "OPTIONS" or message["status"] == _METHOD_NOT_ALLOWED
            ):
                allowed = self._allowed(scope)
                if allowed is not None:
                    MutableScopeHeaders.from_message(message)["Allow"] = allowed
            await send(message)

        await self.app(scope, receive, send_with_allow)
