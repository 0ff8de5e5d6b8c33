"""The per-key limit is exact under concurrency, across processes, through a real Valkey."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import valkey.asyncio
from serve_process import Server, serve_many

from accessibility_analyzer.api.rate_limit import MemoryWindowCounter, ValkeyWindowCounter

LIMIT = 100
REQUESTS = 300


async def test_concurrent_hits_from_two_clients_count_every_request_once(valkey_url: str) -> None:
    """300 hits at once through two connections: counts 1..300, each exactly once."""
    prefix = f"a11y_test_{uuid.uuid4().hex[:12]}"
    clients = [valkey.asyncio.Valkey.from_url(valkey_url) for _ in range(2)]
    try:
        counters = [ValkeyWindowCounter(client, prefix) for client in clients]
        results = await asyncio.gather(*(counters[n % 2].hit("id:ci", 60) for n in range(REQUESTS)))
        assert sorted(r.count for r in results) == list(range(1, REQUESTS + 1))
        assert all(0 < r.reset_seconds <= 60 for r in results)
        await clients[0].delete(f"{prefix}:id:ci")
    finally:
        for client in clients:
            await client.aclose()


async def test_the_memory_counter_starts_a_new_window_after_the_old_one() -> None:
    """In memory: counts within a window, back to 1 once it is over."""
    counter = MemoryWindowCounter()
    assert [(await counter.hit("a", 1)).count for _ in range(3)] == [1, 2, 3]
    assert (await counter.hit("b", 1)).count == 1
    await asyncio.sleep(1.05)
    assert (await counter.hit("a", 1)).count == 1


@pytest.fixture(scope="module")
def two_servers(
    tmp_path_factory: pytest.TempPathFactory, valkey_url: str
) -> Iterator[list[Server]]:
    """Two `a11y serve` processes sharing one Valkey namespace and a limit of 100 a minute."""
    environment = {
        "VALKEY_URL": valkey_url,
        "VALKEY_NAMESPACE": f"a11y_test_{uuid.uuid4().hex[:12]}",
        "JOB_QUEUE_NAME": f"a11y_test_queue_{uuid.uuid4().hex[:12]}",
        "API_KEYS": "ci:ci-secret-key-0001",
        "RATE_LIMIT_PER_MINUTE": str(LIMIT),
        "LOG_LEVEL": "WARNING",
    }
    directory: Path = tmp_path_factory.mktemp("two-servers")
    with serve_many([(directory / "one", environment), (directory / "two", environment)]) as pair:
        yield pair


@pytest.mark.slow
async def test_exactly_the_limit_passes_across_two_processes(two_servers: list[Server]) -> None:
    """300 concurrent requests split over two API processes: exactly 100 pass, 200 get 429."""
    headers = {"X-API-Key": "ci-secret-key-0001"}
    limits = httpx.Limits(max_connections=150)
    async with httpx.AsyncClient(headers=headers, timeout=60, limits=limits) as client:
        answers = await asyncio.gather(
            *(
                client.get(f"{two_servers[n % 2].base}/api/v1/rules/image-alt")
                for n in range(REQUESTS)
            )
        )
    statuses = Counter(answer.status_code for answer in answers)
    assert statuses == {200: LIMIT, 429: REQUESTS - LIMIT}
    throttled = next(answer for answer in answers if answer.status_code == 429)
    assert throttled.headers["content-type"].startswith("application/problem+json")
    assert 0 < int(throttled.headers["retry-after"]) <= 60
    assert throttled.headers["ratelimit-remaining"] == "0"
