"""The cache: bytes by key with a time to live, in Valkey when configured, in memory otherwise.

A cache must never fail a request. When the Valkey server goes away, reads become misses and
writes are dropped; the outage is logged once when it starts and once when it ends, and the
backend is left alone for a short cool-down after each failure so a dead or hung server does not
cost every request a timeout. Readiness reports the outage through the Valkey health check.

Use ``cache_key(...)`` to build keys: it joins the parts and hashes keys that would be long.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Final

from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.stores.valkey import ValkeyStore

from accessibility_analyzer.observability.metrics import record_cache_lookup

if TYPE_CHECKING:
    import valkey.asyncio

    from accessibility_analyzer.settings import Settings

__all__ = ["MAX_PLAIN_KEY_LENGTH", "Cache", "cache_key"]

logger = logging.getLogger(__name__)

MAX_PLAIN_KEY_LENGTH: Final = 200
"""Keys up to this length are stored as they are; longer ones are hashed."""

_OUTAGE_COOL_DOWN_SECONDS: Final = 2.0


def cache_key(*parts: str | int) -> str:
    """Join ``parts`` with ``:`` into a key; long keys become ``<first part>:sha256:<hex>``.

    Hashing keeps keys bounded (snippets, URLs and option lists can be long) while the first
    part, the kind of thing cached, stays readable in the store.
    """
    if not parts:
        raise ValueError("a cache key needs at least one part")
    key = ":".join(str(part) for part in parts)
    if len(key) <= MAX_PLAIN_KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return f"{str(parts[0])[:64]}:sha256:{digest}"


class Cache:
    """Get and set bytes with a time to live, never raising for backend failures.

    Attributes:
        hits: number of reads that found a value.
        misses: number of reads that found nothing (including reads during an outage).
        errors: number of backend operations that failed.
        backend: ``"valkey"``, ``"memory"`` or ``"disabled"``.
    """

    def __init__(
        self,
        store: Store | None,
        *,
        default_ttl: int,
        backend: str,
        cool_down_seconds: float = _OUTAGE_COOL_DOWN_SECONDS,
    ) -> None:
        """Wrap ``store``; ``None`` disables the cache (every read misses, writes are dropped)."""
        self._store = store
        self.default_ttl = default_ttl
        self.backend = backend if store is not None else "disabled"
        self.hits = 0
        self.misses = 0
        self.errors = 0
        self._cool_down_seconds = cool_down_seconds
        self._unavailable_since: float | None = None
        self._retry_at = 0.0

    @classmethod
    def from_settings(cls, settings: Settings, client: valkey.asyncio.Valkey | None) -> Cache:
        """The cache ``settings`` describe: off, in memory, or in Valkey through ``client``."""
        if not settings.cache_enabled:
            return cls.disabled()
        if client is None:
            return cls.in_memory(default_ttl=settings.cache_ttl_seconds)
        store = ValkeyStore(client, namespace=f"{settings.valkey_namespace}_cache")
        return cls(store, default_ttl=settings.cache_ttl_seconds, backend="valkey")

    @classmethod
    def in_memory(cls, *, default_ttl: int) -> Cache:
        """A process-local cache."""
        return cls(MemoryStore(), default_ttl=default_ttl, backend="memory")

    @classmethod
    def disabled(cls) -> Cache:
        """A cache that stores nothing (``CACHE_ENABLED=false``)."""
        return cls(None, default_ttl=1, backend="disabled")

    @property
    def enabled(self) -> bool:
        """False when ``CACHE_ENABLED=false``."""
        return self._store is not None

    @property
    def available(self) -> bool:
        """False while the backend is failing."""
        return self._unavailable_since is None

    async def get(self, key: str) -> bytes | None:
        """Return the value under ``key``, or ``None`` when absent, expired or unreachable."""
        value: bytes | None = None
        if self._store is not None and self._backend_worth_trying():
            try:
                value = await self._store.get(key)
            except Exception as error:  # any backend failure is a miss
                self._record_failure(error)
            else:
                self._record_success()
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        record_cache_lookup(key, hit=value is not None)
        return value

    async def set(self, key: str, value: bytes, ttl: int | None = None) -> None:
        """Store ``value`` under ``key`` for ``ttl`` seconds (the configured TTL by default)."""
        if self._store is None or not self._backend_worth_trying():
            return
        try:
            await self._store.set(key, value, expires_in=ttl or self.default_ttl)
        except Exception as error:  # a failed write only costs a later miss
            self._record_failure(error)
        else:
            self._record_success()

    async def delete(self, key: str) -> None:
        """Remove ``key`` if present."""
        if self._store is None or not self._backend_worth_trying():
            return
        try:
            await self._store.delete(key)
        except Exception as error:
            self._record_failure(error)
        else:
            self._record_success()

    async def get_or_set(
        self, key: str, factory: Callable[[], Awaitable[bytes]], ttl: int | None = None
    ) -> bytes:
        """Return the cached value, or compute it with ``factory``, store it and return it.

        Concurrent misses may each call ``factory``; values are expected to be deterministic,
        so the last write wins harmlessly.
        """
        cached = await self.get(key)
        if cached is not None:
            return cached
        value = await factory()
        await self.set(key, value, ttl)
        return value

    def _backend_worth_trying(self) -> bool:
        return self._unavailable_since is None or time.monotonic() >= self._retry_at

    def _record_failure(self, error: Exception) -> None:
        self.errors += 1
        self._retry_at = time.monotonic() + self._cool_down_seconds
        if self._unavailable_since is None:
            self._unavailable_since = time.monotonic()
            logger.warning(
                "cache backend unavailable; serving without cache until it recovers",
                extra={"cache_backend": self.backend, "error": type(error).__name__},
            )

    def _record_success(self) -> None:
        if self._unavailable_since is not None:
            outage = time.monotonic() - self._unavailable_since
            self._unavailable_since = None
            logger.info(
                "cache backend recovered",
                extra={"cache_backend": self.backend, "outage_seconds": round(outage, 3)},
            )
