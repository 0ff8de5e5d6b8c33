"""API-key authentication for ``/api/*``.

A key comes in ``X-API-Key`` or ``Authorization: Bearer <key>`` and is compared in constant time
with every configured key. What the rest of the service sees is the key's *identity* (its name,
or a hash prefix), never the key: handlers ask for it as ``identity: NamedDependency[str]``, and
it is recorded in ``request.state`` for the access log. With no keys configured the API is open
and every caller is ``"anonymous"``.
"""

from __future__ import annotations

import hmac
from typing import Any, Final

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler

from accessibility_analyzer.observability.sentry import set_sentry_user
from accessibility_analyzer.settings import ApiKeyEntry

__all__ = [
    "ANONYMOUS",
    "ApiKeyring",
    "presented_key",
    "provide_identity",
    "require_api_key",
]

ANONYMOUS: Final = "anonymous"
_STATE_IDENTITY: Final = "identity"
_CHALLENGE: Final = {"WWW-Authenticate": 'Bearer realm="api", charset="UTF-8"'}


class ApiKeyring:
    """The configured keys, looked up in constant time."""

    def __init__(self, entries: tuple[ApiKeyEntry, ...]) -> None:
        """Hold ``entries``; an empty keyring means the API is open."""
        self._entries = tuple((entry.key.reveal().encode(), entry.identity) for entry in entries)

    @property
    def open(self) -> bool:
        """True when no keys are configured."""
        return not self._entries

    def identify(self, key: str | None) -> str | None:
        """Return the identity of ``key``, or ``None`` when it matches no configured key.

        Every configured key is compared, whatever matched, so the time taken does not reveal
        which key (or how much of one) was right.
        """
        if not key:
            return None
        presented = key.encode("utf-8", "surrogateescape")
        found: str | None = None
        for candidate, identity in self._entries:
            if hmac.compare_digest(presented, candidate) and found is None:
                found = identity
        return found


def presented_key(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    """The key the caller sent, from ``X-API-Key`` or an ``Authorization: Bearer`` header."""
    key = connection.headers.get("x-api-key")
    if key:
        return key.strip()
    scheme, _, credentials = connection.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return None


async def require_api_key(
    connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler
) -> None:
    """Guard for ``/api/*``: record the caller's identity or answer 401.

    A coroutine although it never awaits: Litestar runs a plain function guard on a worker
    thread, one thread hop on every API request for a few microseconds of work.

    Raises:
        NotAuthorizedException: no key, or a key that matches none of the configured keys.
    """
    keyring: ApiKeyring = connection.app.state.keyring
    if keyring.open:
        connection.state[_STATE_IDENTITY] = ANONYMOUS
        return
    key = presented_key(connection)
    identity = keyring.identify(key)
    if identity is None:
        detail = (
            "The API key is not valid."
            if key
            else "An API key is required: send it in X-API-Key or as Authorization: Bearer."
        )
        raise NotAuthorizedException(detail=detail, headers=_CHALLENGE)
    connection.state[_STATE_IDENTITY] = identity
    set_sentry_user(identity)  # the key's name on this request's error events, never the key


def provide_identity(request: Request[Any, Any, Any]) -> str:
    """Dependency ``identity``: who is calling (set by the guard; ``anonymous`` when open)."""
    identity = request.state.get(_STATE_IDENTITY)
    if isinstance(identity, str):
        return identity
    keyring: ApiKeyring = request.app.state.keyring
    if keyring.open:
        return ANONYMOUS
    # Only reachable from a route outside /api, which has no caller identity to offer.
    raise NotAuthorizedException(detail="This route does not identify its caller.")
