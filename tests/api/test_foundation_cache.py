"""The cache on both back ends: get/set/expiry, get_or_set, key hashing, disabled, outages."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import valkey.asyncio
from foundation_probe import AppBuilder, ThrowawayValkey
from litestar.stores.valkey import ValkeyStore
from litestar.testing import AsyncTestClient

from accessibility_analyzer.cache import MAX_PLAIN_KEY_LENGTH, Cache, cache_key

CacheFactory = Callable[[], Cache]


@pytest.fixture
async def valkey_cache(valkey_url: str) -> AsyncIterator[Cache]:
    client = valkey.asyncio.Valkey.from_url(valkey_url, socket_timeout=1)
    namespace = f"a11y_test_{uuid.uuid4().hex[:12]}"
    try:
        yield Cache(ValkeyStore(client, namespace=namespace), default_ttl=60, backend="valkey")
    finally:
        # Not ValkeyStore.delete_all: its Lua calls server.call, which Redis 7 lacks.
        async for key in client.scan_iter(match=f"{namespace}:*"):
            await client.unlink(key)
        await client.aclose()


@pytest.fixture(params=["memory", "valkey"])
def any_cache(request: pytest.FixtureRequest) -> Cache:
    if request.param == "memory":
        return Cache.in_memory(default_ttl=60)
    cache: Cache = request.getfixturevalue("valkey_cache")
    return cache


async def test_get_set_and_counters(any_cache: Cache) -> None:
    assert await any_cache.get("report:1") is None
    await any_cache.set("report:1", b"<html>")
    assert await any_cache.get("report:1") == b"<html>"
    assert (any_cache.hits, any_cache.misses, any_cache.errors) == (1, 1, 0)
    await any_cache.delete("report:1")
    assert await any_cache.get("report:1") is None


async def test_values_expire_after_their_ttl(any_cache: Cache) -> None:
    await any_cache.set("short", b"soon gone", ttl=1)
    await any_cache.set("long", b"still here")
    assert await any_cache.get("short") == b"soon gone"
    await asyncio.sleep(1.1)
    assert await any_cache.get("short") is None
    assert await any_cache.get("long") == b"still here"


async def test_get_or_set_computes_once(any_cache: Cache) -> None:
    calls = 0

    async def compute() -> bytes:
        nonlocal calls
        calls += 1
        return b"expensive"

    assert await any_cache.get_or_set("k", compute) == b"expensive"
    assert await any_cache.get_or_set("k", compute) == b"expensive"
    assert calls == 1


async def test_disabled_cache_stores_nothing() -> None:
    cache = Cache.disabled()
    await cache.set("k", b"v")
    assert await cache.get("k") is None
    assert not cache.enabled
    assert cache.backend == "disabled"


def test_cache_key_hashes_long_keys_and_keeps_short_ones() -> None:
    assert cache_key("report", "abc", 3) == "report:abc:3"
    long_key = cache_key("llm-answer", "x" * 1000)
    assert len(long_key) < MAX_PLAIN_KEY_LENGTH
    assert long_key.startswith("llm-answer:sha256:")
    assert long_key == cache_key("llm-answer", "x" * 1000)
    assert long_key != cache_key("llm-answer", "x" * 999 + "y")
    with pytest.raises(ValueError, match="at least one part"):
        cache_key()


async def test_an_outage_means_misses_logged_once_and_recovery_logged_once(
    throwaway_valkey: ThrowawayValkey, caplog: pytest.LogCaptureFixture
) -> None:
    client = valkey.asyncio.Valkey.from_url(throwaway_valkey.url, socket_timeout=1)
    cache = Cache(
        ValkeyStore(client, namespace="a11y_test"),
        default_ttl=60,
        backend="valkey",
        cool_down_seconds=0,  # try the server on every call, to count log lines per call
    )
    try:
        await cache.set("k", b"v")
        assert await cache.get("k") == b"v"
        throwaway_valkey.stop()
        with caplog.at_level(logging.INFO, logger="accessibility_analyzer.cache"):
            for _ in range(5):
                assert await cache.get("k") is None
                await cache.set("k", b"v2")
            assert not cache.available
            assert cache.errors == 10
            throwaway_valkey.start()
            await cache.set("k", b"v3")
            assert await cache.get("k") == b"v3"
        assert cache.available
        messages = [r.getMessage() for r in caplog.records]
        assert (
            messages.count("cache backend unavailable; serving without cache until it recovers")
            == 1
        )
        assert messages.count("cache backend recovered") == 1
    finally:
        await client.aclose()


async def test_requests_succeed_and_readiness_reports_when_valkey_goes_away(
    build_app: AppBuilder, throwaway_valkey: ThrowawayValkey
) -> None:
    app = build_app(VALKEY_URL=throwaway_valkey.url)
    async with AsyncTestClient(app) as client:
        first = await client.get("/api/v1/probe/cached/a")
        assert first.json() == {"value": "value-of-a"}
        assert app.state.cache.misses == 1
        await client.get("/api/v1/probe/cached/a")
        assert app.state.cache.hits == 1
        assert (await client.get("/health/ready")).status_code == 200

        throwaway_valkey.stop()
        for _ in range(3):
            response = await client.get("/api/v1/probe/cached/a")
            assert response.status_code == 200
            assert response.json() == {"value": "value-of-a"}
        ready = await client.get("/health/ready")
        detailed: dict[str, Any] = (await client.get("/health/detailed")).json()
    assert ready.status_code == 503
    assert "valkey" in ready.json()["detail"]
    states = {d["name"]: d["status"] for d in detailed["dependencies"]}
    assert states["valkey"] == "unhealthy"
    assert states["cache"] == "degraded"


async def test_cache_disabled_by_settings(build_app: AppBuilder) -> None:
    app = build_app(CACHE_ENABLED="false")
    async with AsyncTestClient(app) as client:
        for _ in range(2):
            assert (await client.get("/api/v1/probe/cached/b")).status_code == 200
        detailed = (await client.get("/health/detailed")).json()
    assert app.state.cache.hits == 0
    cache_report = next(d for d in detailed["dependencies"] if d["name"] == "cache")
    assert "disabled" in cache_report["message"]
