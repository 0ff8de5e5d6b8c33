"""Refuse hostile request lines before routing: oversized headers, NUL bytes, broken UTF-8.

Every path and query parameter ends up in a database query or a log line. PostgreSQL refuses
NUL characters and text that is not UTF-8 (the driver raises, and the request became a 500),
and no id, path or filter value of this API contains a control character. So the raw path
and query string are percent-decoded here once and must be valid UTF-8 without control
characters; anything else answers 400 problem+json before a handler sees it. Requests whose
request line and headers exceed ``MAX_REQUEST_HEADER_BYTES`` answer 431. (Under ``a11y
serve`` the HTTP protocol stops reading such a request earlier, see ``http_protocol``; this
check covers every other ASGI server and test clients.)
"""

from __future__ import annotations

import re
import urllib.parse
from http import HTTPStatus
from typing import Final

import msgspec
from litestar.enums import ScopeType
from litestar.types import ASGIApp, HTTPResponseStartEvent, Receive, Scope, Send

from accessibility_analyzer.api.request_context import request_id_of

__all__ = ["InputGuardMiddleware", "request_line_problem"]

_PROBLEM_MEDIA_TYPE: Final = b"application/problem+json"
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f]")
# Bytes per header line besides name and value: ": " and CRLF.
_HEADER_LINE_OVERHEAD: Final = 4


def _decoded(raw: bytes, *, plus_is_space: bool) -> str | None:
    """Percent-decoded UTF-8 text without control characters, or ``None``."""
    if plus_is_space:
        raw = raw.replace(b"+", b" ")
    try:
        text = urllib.parse.unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if _CONTROL.search(text) else text


def request_line_problem(scope: Scope, max_header_bytes: int) -> tuple[int, str, str] | None:
    """``(status, reason, detail)`` when the request line or headers are refused, else None."""
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogatepass")
    raw_path = raw_path.partition(b"?")[0]  # some clients' raw_path carries the query too
    query: bytes = scope.get("query_string", b"")
    header_bytes = (
        len(raw_path)
        + len(query)
        + sum(len(name) + len(value) + _HEADER_LINE_OVERHEAD for name, value in scope["headers"])
    )
    if header_bytes > max_header_bytes:
        return (
            HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
            f"The request line and headers exceed {max_header_bytes} bytes.",
        )
    if _decoded(raw_path, plus_is_space=False) is None or _CONTROL.search(scope["path"]):
        return (
            HTTPStatus.BAD_REQUEST,
            "invalid_path",
            "The path must be UTF-8 text without control characters (such as NUL).",
        )
    if _decoded(query, plus_is_space=True) is None:
        return (
            HTTPStatus.BAD_REQUEST,
            "invalid_query",
            "Query parameters must be UTF-8 text without control characters (such as NUL).",
        )
    return None


class InputGuardMiddleware:
    """Pure ASGI middleware answering refused request lines with problem+json."""

    def __init__(self, app: ASGIApp, *, max_header_bytes: int) -> None:
        """Wrap ``app``; requests with more than ``max_header_bytes`` of headers get 431."""
        self.app = app
        self.max_header_bytes = max_header_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check an HTTP request line, then pass it on or answer the problem."""
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        problem = request_line_problem(scope, self.max_header_bytes)
        if problem is None:
            await self.app(scope, receive, send)
            return
        status, reason, detail = problem
        body = msgspec.json.encode(
            {
                "type": "about:blank",
                "title": HTTPStatus(status).phrase,
                "status": status,
                "detail": detail,
                # The path itself is what was refused: echo it only when it is clean text.
                "instance": "" if reason == "invalid_path" else scope["path"],
                "requestId": request_id_of(scope),
                "reason": reason,
            }
        )
        start: HTTPResponseStartEvent = {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", _PROBLEM_MEDIA_TYPE),
                (b"content-length", str(len(body)).encode("ascii")),
                (b"connection", b"close"),
            ],
        }
        await send(start)
        await send({"type": "http.response.body", "body": body, "more_body": False})
