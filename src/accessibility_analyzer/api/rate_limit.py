"""Rate limiting of ``/api/*``: per API-key identity, or per client address when the API is open.

Litestar's ``RateLimitMiddleware`` does the counting in the ``"rate_limit"`` store, which lives in
Valkey when one is configured, so every API process shares the same budget. If Valkey stops
answering, ``FailSoftStore`` keeps limiting per process in memory instead of failing requests,
and switches back when Valkey answers again.

Requests with a key that matches nothing are counted by client address, so guessing keys does
not get a fresh budget per guess.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any, Final

from litestar import Request
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore

from accessibility_analyzer.api.auth import ApiKeyring, presented_key

__all__ = ["RATE_LIMIT_STORE", "FailSoftStore", "rate_limit_config", "rate_limit_identifier"]

logger = logging.getLogger(__name__)

RATE_LIMIT_STORE: Final = "rate_limit"
_RETRY_PRIMARY_AFTER_SECONDS: Final = 2.0


def rate_limit_identifier(request: Request[Any, Any, Any]) -> str:
    """The bucket a request counts against: ``id:<identity>`` or ``addr:<client address>``."""
    keyring: ApiKeyring = request.app.state.keyring
    if not keyring.open:
        identity = keyring.identify(presented_key(request))
        if identity is not None:
            return f"id:{identity}"
    client = request.client
    return f"addr:{client.host if client else 'unknown'}"


def rate_limit_config(requests_per_minute: int) -> RateLimitConfig:
    """The limiter for the /api router."""
    return RateLimitConfig(
        rate_limit=("minute", requests_per_minute),
        identifier_for_request=rate_limit_identifier,
        store=RATE_LIMIT_STORE,
        set_rate_limit_headers=True,
    )


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
                "rate-limit store unavailable; limiting per process until it recovers",
                extra={"error": type(error).__name__},
            )
        self._failing_until = time.monotonic() + self._retry_after_seconds

    def _succeeded(self, store: Store) -> None:
        if store is self._primary and self._failing_until is not None:
            self._failing_until = None
            logger.info("rate-limit store recovered")

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
