"""Rate limiting of ``/api/*``: per API-key identity, or per client address when the API is open.

A fixed window of one minute per bucket, counted atomically: with Valkey, one round trip of
``MULTI; INCR key; EXPIRE key 60 NX; TTL key; EXEC`` both counts the request and reads the
window's state, so concurrent requests in any number of API processes can never pass more
than the limit (reading and then writing the counter, as Litestar's own limiter does, let
108-142 of 300 concurrent requests through a limit of 100). Plain commands only: no Lua, so
any Redis 7 / Valkey server will do. Without Valkey the count lives in process memory.

If Valkey stops answering, ``FailSoftCounter`` keeps limiting per process in memory instead
of failing requests, and switches back when Valkey answers again. Requests with a key that
matches nothing are counted by client address, so guessing keys does not get a fresh budget
per guess. ``FailSoftStore`` does the same for the app's other named stores.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final, Protocol

import valkey.asyncio
from litestar import Request
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.exceptions import TooManyRequestsException
from litestar.middleware import DefineMiddleware
from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from accessibility_analyzer.api.auth import ApiKeyring, presented_key

__all__ = [
    "COUNTER_STATE_KEY",
    "RATE_LIMIT_STORE",
    "FailSoftCounter",
    "FailSoftStore",
    "MemoryWindowCounter",
    "RateLimitMiddleware",
    "ValkeyWindowCounter",
    "WindowCount",
    "WindowCounter",
    "build_counter",
    "rate_limit_identifier",
    "rate_limit_middleware",
]

logger = logging.getLogger(__name__)

RATE_LIMIT_STORE: Final = "rate_limit"
COUNTER_STATE_KEY: Final = "rate_limit_counter"
WINDOW_SECONDS: Final = 60
_RETRY_PRIMARY_AFTER_SECONDS: Final = 2.0
_PRUNE_ABOVE_BUCKETS: Final = 10_000


@dataclass(frozen=True, slots=True)
class WindowCount:
    """A bucket's state right after counting one request."""

    count: int
    """Requests in the current window, this one included."""
    reset_seconds: int
    """Seconds until the window ends and the count starts again."""


class WindowCounter(Protocol):
    """Counts requests per bucket in fixed windows."""

    async def hit(self, bucket: str, window_seconds: int) -> WindowCount:
        """Count one request of ``bucket`` and return the window's state, atomically."""
        ...


class ValkeyWindowCounter:
    """Windows in Valkey, shared by every process: one atomic round trip per request."""

    def __init__(self, client: valkey.asyncio.Valkey, prefix: str) -> None:
        """Count under keys ``<prefix>:<bucket>``."""
        self._client = client
        self._prefix = prefix

    async def hit(self, bucket: str, window_seconds: int) -> WindowCount:
        """``INCR``, ``EXPIRE NX`` and ``TTL`` in one ``MULTI``/``EXEC`` transaction."""
        key = f"{self._prefix}:{bucket}"
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, window_seconds, nx=True)  # only the window's first request
            pipe.ttl(key)
            count, _, ttl = await pipe.execute()
        return WindowCount(count=int(count), reset_seconds=max(1, int(ttl)))


class MemoryWindowCounter:
    """Windows in this process (no Valkey, or while it is down)."""

    def __init__(self) -> None:
        """Start with no buckets."""
        self._windows: dict[str, tuple[int, float]] = {}

    async def hit(self, bucket: str, window_seconds: int) -> WindowCount:
        """Count in a dict: no await between read and write, so it is atomic in the loop."""
        now = time.monotonic()
        if len(self._windows) > _PRUNE_ABOVE_BUCKETS:
            self._windows = {k: v for k, v in self._windows.items() if v[1] > now}
        count, ends = self._windows.get(bucket, (0, 0.0))
        if ends <= now:
            count, ends = 0, now + window_seconds
        count += 1
        self._windows[bucket] = (count, ends)
        return WindowCount(count=count, reset_seconds=max(1, round(ends - now)))


class FailSoftCounter:
    """A counter that falls back to process memory while its primary counter is failing."""

    def __init__(
        self,
        primary: WindowCounter,
        *,
        retry_after_seconds: float = _RETRY_PRIMARY_AFTER_SECONDS,
    ) -> None:
        """Use ``primary``; on failure count in memory for a while, then try it again."""
        self._primary = primary
        self._fallback = MemoryWindowCounter()
        self._retry_after_seconds = retry_after_seconds
        self._failing_until: float | None = None

    async def hit(self, bucket: str, window_seconds: int) -> WindowCount:
        """Count with the primary counter, or in memory while it fails."""
        if self._failing_until is not None and time.monotonic() < self._failing_until:
            return await self._fallback.hit(bucket, window_seconds)
        try:
            counted = await self._primary.hit(bucket, window_seconds)
        except Exception as error:  # any backend failure falls back
            if self._failing_until is None:
                logger.warning(
                    "rate-limit store unavailable; limiting per process until it recovers",
                    extra={"error": type(error).__name__},
                )
            self._failing_until = time.monotonic() + self._retry_after_seconds
            return await self._fallback.hit(bucket, window_seconds)
        if self._failing_until is not None:
            self._failing_until = None
            logger.info("rate-limit store recovered")
        return counted


def rate_limit_identifier(request: Request[Any, Any, Any]) -> str:
    """The bucket a request counts against: ``id:<identity>`` or ``addr:<client address>``."""
    keyring: ApiKeyring = request.app.state.keyring
    if not keyring.open:
        identity = keyring.identify(presented_key(request))
        if identity is not None:
            return f"id:{identity}"
    client = request.client
    return f"addr:{client.host if client else 'unknown'}"


class RateLimitMiddleware:
    """ASGI middleware: count each request, answer 429 past the limit, add RateLimit headers."""

    def __init__(self, app: ASGIApp, *, requests_per_minute: int) -> None:
        """Limit ``app`` to ``requests_per_minute`` per bucket.

        The counter is the app's (``app.state.rate_limit_counter``, see ``build_counter``),
        looked up per request: Litestar copies middleware arguments per route, and a copied
        Valkey client would open (and leak) a connection pool of its own.
        """
        self.app = app
        self.limit = requests_per_minute

    def _headers(self, counted: WindowCount) -> dict[str, str]:
        # The IETF RateLimit header fields draft, as Litestar's own limiter sends them.
        return {
            "RateLimit-Policy": f"{self.limit}; w={WINDOW_SECONDS}",
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(max(0, self.limit - counted.count)),
            "RateLimit-Reset": str(counted.reset_seconds),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Count the request, then serve it or refuse it."""
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        request: Request[Any, Any, Any] = Request(scope)
        counter: WindowCounter = request.app.state[COUNTER_STATE_KEY]
        counted = await counter.hit(rate_limit_identifier(request), WINDOW_SECONDS)
        headers = self._headers(counted)
        if counted.count > self.limit:
            # errors.py turns it into problem+json with Retry-After = RateLimit-Reset.
            raise TooManyRequestsException(headers=headers)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableScopeHeaders.from_message(message)
                for name, value in headers.items():
                    response_headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def build_counter(client: valkey.asyncio.Valkey | None, namespace: str) -> WindowCounter:
    """The app's counter: in Valkey (fail-soft) when configured, else in memory."""
    if client is None:
        return MemoryWindowCounter()
    return FailSoftCounter(ValkeyWindowCounter(client, f"{namespace}_{RATE_LIMIT_STORE}"))


def rate_limit_middleware(requests_per_minute: int) -> DefineMiddleware:
    """The limiter of the /api router (counting with ``app.state.rate_limit_counter``)."""
    return DefineMiddleware(RateLimitMiddleware, requests_per_minute=requests_per_minute)


class FailSoftStore(Store):
    """A store that falls back to process memory while its primary store is failing."""

    def __init__(
        self, primary: Store, *, retry_after_seconds: float = _RETRY_PRIMARY_AFTER_SECONDS
    ) -> None:
        """Use ``primary``; on failure use a local ``MemoryStore`` for a while."""
        self._primary = primary
        self._fallback = MemoryStore()
        self._retry_after_seconds = retry_after_seconds
        self._failing_until: float | None = None

    def _active(self) -> Store:
        if self._failing_until is not None and time.monotonic() < self._failing_until:
            return self._fallback
        return self._primary

    def _failed(self, error: Exception) -> None:
        if self._failing_until is None:
            logger.warning(
                "store unavailable; using process memory until it recovers",
                extra={"error": type(error).__name__},
            )
        self._failing_until = time.monotonic() + self._retry_after_seconds

    def _succeeded(self, store: Store) -> None:
        if store is self._primary and self._failing_until is not None:
            self._failing_until = None
            logger.info("store recovered")

    async def set(
        self, key: str, value: str | bytes, expires_in: int | timedelta | None = None
    ) -> None:
        """Store ``value`` under ``key``."""
        store = self._active()
        try:
            await store.set(key, value, expires_in)
        except Exception as error:  # any backend failure falls back
            self._failed(error)
            await self._fallback.set(key, value, expires_in)
        else:
            self._succeeded(store)

    async def get(self, key: str, renew_for: int | timedelta | None = None) -> bytes | None:
        """Return the value under ``key``."""
        store = self._active()
        try:
            value = await store.get(key, renew_for)
        except Exception as error:
            self._failed(error)
            return await self._fallback.get(key, renew_for)
        self._succeeded(store)
        return value

    async def delete(self, key: str) -> None:
        """Remove ``key``."""
        store = self._active()
        try:
            await store.delete(key)
        except Exception as error:
            self._failed(error)
            await self._fallback.delete(key)

    async def delete_all(self) -> None:
        """Remove every key of both stores."""
        await self._fallback.delete_all()
        try:
            await self._primary.delete_all()
        except Exception as error:
            self._failed(error)

    async def exists(self, key: str) -> bool:
        """Whether ``key`` is present."""
        return await self.get(key) is not None

    async def expires_in(self, key: str) -> int | None:
        """Seconds until ``key`` expires."""
        store = self._active()
        try:
            return await store.expires_in(key)
        except Exception as error:
            self._failed(error)
            return await self._fallback.expires_in(key)
