"""uvicorn's httptools protocol with a bound on request headers: more answers 431.

httptools (llhttp) puts no limit on the header section: a client could send a 64 MB header
and the server would buffer it whole before the app saw anything. This protocol counts the
bytes of each request until its headers are complete, and past ``max_header_bytes`` answers
``431 Request Header Fields Too Large`` (problem+json) and closes the connection without
reading further. ``a11y serve`` runs uvicorn with it (``header_limited_protocol``).
"""

from __future__ import annotations

import asyncio
import functools
from http import HTTPStatus
from typing import Any, cast

import msgspec
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

__all__ = ["HeaderLimitedHttpToolsProtocol", "header_limited_protocol"]


def _refusal(max_header_bytes: int) -> bytes:
    status = HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
    body = msgspec.json.encode(
        {
            "type": "about:blank",
            "title": status.phrase,
            "status": int(status),
            "detail": f"The request line and headers exceed {max_header_bytes} bytes.",
            "reason": "headers_too_large",
        }
    )
    head = (
        f"HTTP/1.1 {int(status)} {status.phrase}\r\n"
        "content-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\n"
        "x-content-type-options: nosniff\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class HeaderLimitedHttpToolsProtocol(HttpToolsProtocol):
    """``HttpToolsProtocol`` that refuses header sections over ``max_header_bytes``."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
        *,
        max_header_bytes: int,
    ) -> None:
        """Set up uvicorn's protocol and the header budget of the first request."""
        super().__init__(config, server_state, app_state, _loop)
        self.max_header_bytes = max_header_bytes
        self._header_bytes = 0
        self._in_headers = True
        self._refused = False

    def data_received(self, data: bytes) -> None:
        """Count header bytes before handing data to the parser; refuse past the budget.

        A client may send the headers and the start of the body in one packet (curl does
        for any upload): only what the parser takes before the headers end counts, so the
        parser is fed the budget's worth first and the rest once it says the headers ended.
        """
        if self._refused or self.transport.is_closing():
            return
        budget = self.max_header_bytes - self._header_bytes
        if not self._in_headers or len(data) <= budget:
            if self._in_headers:
                self._header_bytes += len(data)
            super().data_received(data)
            return
        head, rest = data[:budget], data[budget:]
        self._header_bytes += len(head)
        if head:
            super().data_received(head)
        if self._in_headers and self._header_bytes >= self.max_header_bytes:
            self._refused = True
            self.logger.info("request refused: headers over %d bytes", self.max_header_bytes)
            self.transport.write(_refusal(self.max_header_bytes))
            self.transport.close()
            return
        self.data_received(rest)  # the body, or the next pipelined request

    def on_headers_complete(self) -> None:
        """The headers are in: body bytes no longer count."""
        self._in_headers = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        """The next bytes on this connection start a new request's headers."""
        self._in_headers = True
        self._header_bytes = 0
        super().on_message_complete()


def header_limited_protocol(max_header_bytes: int) -> type[asyncio.Protocol]:
    """The protocol for ``uvicorn.run(http=...)`` (a picklable partial, for ``--workers``)."""
    factory = functools.partial(HeaderLimitedHttpToolsProtocol, max_header_bytes=max_header_bytes)
    return cast(type[asyncio.Protocol], factory)
