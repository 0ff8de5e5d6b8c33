"""Request ids and the access log, for every HTTP request, including ones no route matched.

``RequestContextMiddleware`` wraps the whole application (outside routing, so 404s and 405s
are covered too). It takes the caller's ``X-Request-ID`` when it is a sane token, or makes one,
exposes it to logging through a context variable, returns it as a response header, and writes
one access-log line per request when the response is complete. The line is written from the
``send`` path, inside any OpenTelemetry server span, so it carries the trace id as well.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any, Final

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from accessibility_analyzer.observability.logging import ACCESS_LOGGER, request_id_var

__all__ = ["REQUEST_ID_HEADER", "RequestContextMiddleware", "identity_of", "request_id_of"]

REQUEST_ID_HEADER: Final = "X-Request-ID"
UNMATCHED_ROUTE: Final = "<unmatched>"
"""Route template logged when no route matched, so the field's values stay a small set."""

_SANE_REQUEST_ID: Final = re.compile(rb"[A-Za-z0-9._:-]{1,128}")
_STATE_REQUEST_ID: Final = "request_id"
_STATE_IDENTITY: Final = "identity"

access_logger = logging.getLogger(ACCESS_LOGGER)


def request_id_of(scope: Any) -> str:
    """The request id of a request scope (made on the spot if the middleware did not run)."""
    state: dict[str, Any] = scope.setdefault("state", {})
    request_id = state.get(_STATE_REQUEST_ID)
    if not isinstance(request_id, str):
        request_id = uuid.uuid4().hex
        state[_STATE_REQUEST_ID] = request_id
    return request_id


def identity_of(scope: Any) -> str | None:
    """The authenticated identity recorded for a request scope, if any."""
    identity = scope.get("state", {}).get(_STATE_IDENTITY)
    return identity if isinstance(identity, str) else None


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            return value.decode("ascii") if _SANE_REQUEST_ID.fullmatch(value) else None
    return None


class RequestContextMiddleware:
    """Pure ASGI middleware: request id in, request id out, one access-log line."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap ``app``."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one connection."""
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = scope.setdefault("state", {})
        method: str = scope.get("method", "")
        request_id = _incoming_request_id(scope) or uuid.uuid4().hex
        state[_STATE_REQUEST_ID] = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        logged = False

        def log_access() -> None:
            nonlocal logged
            if logged:
                return
            logged = True
            duration_ms = (time.perf_counter() - started) * 1000
            access_logger.info(
                "%s %s %s",
                method,
                scope.get("path_template") or UNMATCHED_ROUTE,
                status,
                extra={
                    "method": method,
                    "route": scope.get("path_template") or UNMATCHED_ROUTE,
                    "status": status,
                    "duration_ms": round(duration_ms, 3),
                    "identity": identity_of(scope),
                },
            )

        async def send_with_context(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableScopeHeaders.from_message(message)[REQUEST_ID_HEADER] = request_id
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                log_access()

        try:
            await self.app(scope, receive, send_with_context)
        finally:
            log_access()  # the client went away or the app failed before finishing a response
            request_id_var.reset(token)
