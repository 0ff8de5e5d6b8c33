"""Rate limiting of /api per identity (per address when open), shared through Valkey."""

from __future__ import annotations

import uuid
from typing import Any

from foundation_probe import AppBuilder, ThrowawayValkey
from litestar.testing import AsyncTestClient

WHOAMI = "/api/v1/probe/whoami"
KEYS = "ci:ci-secret-key-0001,ops:ops-secret-key-0002"
CI = {"X-API-Key": "ci-secret-key-0001"}
OPS = {"X-API-Key": "ops-secret-key-0002"}


def assert_throttled(response: Any) -> None:
    assert response.status_code == 429
    assert response.headers["content-type"].startswith("application/problem+json")
    retry_after = int(response.headers["retry-after"])
    assert 0 < retry_after <= 60
    assert response.json()["status"] == 429


async def test_over_the_limit_is_429_with_retry_after(build_app: AppBuilder) -> None:
    app = build_app(API_KEYS=KEYS, RATE_LIMIT_PER_MINUTE="3")
    async with AsyncTestClient(app) as client:
        answers = [await client.get(WHOAMI, headers=CI) for _ in range(3)]
        assert [r.status_code for r in answers] == [200, 200, 200]
        assert answers[0].headers["ratelimit-limit"] == "3"
        assert_throttled(await client.get(WHOAMI, headers=CI))
        # Another identity has its own budget; probes are never limited.
        assert (await client.get(WHOAMI, headers=OPS)).status_code == 200
        assert (await client.get("/health")).status_code == 200


async def test_open_api_is_limited_per_client_address(build_app: AppBuilder) -> None:
    async with AsyncTestClient(build_app(RATE_LIMIT_PER_MINUTE="2")) as client:
        assert (await client.get(WHOAMI)).status_code == 200
        # A made-up key does not buy a fresh budget.
        assert (await client.get(WHOAMI, headers={"X-API-Key": "made-up-key-1"})).status_code == 200
        assert_throttled(await client.get(WHOAMI, headers={"X-API-Key": "made-up-key-2"}))


async def test_the_budget_is_shared_by_processes_through_valkey(
    build_app: AppBuilder, valkey_url: str
) -> None:
    environment = {
        "API_KEYS": KEYS,
        "RATE_LIMIT_PER_MINUTE": "4",
        "VALKEY_URL": valkey_url,
        "VALKEY_NAMESPACE": f"a11y_test_{uuid.uuid4().hex[:12]}",  # both apps, this test only
    }
    async with AsyncTestClient(build_app(**environment)) as one:
        assert (await one.get(WHOAMI, headers=CI)).status_code == 200
        assert (await one.get(WHOAMI, headers=CI)).status_code == 200
    async with AsyncTestClient(build_app(**environment)) as two:
        assert (await two.get(WHOAMI, headers=CI)).status_code == 200
        assert (await two.get(WHOAMI, headers=CI)).status_code == 200
        assert_throttled(await two.get(WHOAMI, headers=CI))


async def test_limits_keep_working_in_memory_when_valkey_goes_away(
    build_app: AppBuilder, throwaway_valkey: ThrowawayValkey
) -> None:
    app = build_app(API_KEYS=KEYS, RATE_LIMIT_PER_MINUTE="2", VALKEY_URL=throwaway_valkey.url)
    async with AsyncTestClient(app) as client:
        assert (await client.get(WHOAMI, headers=CI)).status_code == 200
        throwaway_valkey.stop()
        assert (await client.get(WHOAMI, headers=CI)).status_code == 200
        assert (await client.get(WHOAMI, headers=CI)).status_code == 200
        assert_throttled(await client.get(WHOAMI, headers=CI))
