"""What the service foundation costs per request, and what the cache costs per operation.

Usage::

    uv run python benchmarks/service_overhead.py [--requests 2000] [--valkey redis://127.0.0.1:6379/0]

Runs the real app in process (no network, no server) and times, per request:

* ``GET /health`` (request id, access log line, routing, serialisation);
* ``GET /health/ready`` (the critical checks: the database, and Valkey when given);
* a minimal handler under ``/api`` (the same plus API-key guard and rate limit, the limiter's
  store in memory or in Valkey), mounted for this measurement only;

and the cache's ``get``/``set`` on memory and on Valkey. Figures are printed (p50, p95, mean and
operations per second), never asserted. Logging goes to a null stream so the figures include
formatting the lines but not a terminal's speed.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import redirect_stdout

import valkey.asyncio
from litestar import get
from litestar.stores.valkey import ValkeyStore
from litestar.testing import AsyncTestClient

from accessibility_analyzer.api import app as app_module
from accessibility_analyzer.cache import Cache
from accessibility_analyzer.settings import Settings

KEY = "bench-key-000001"


@get("/v1/bench/ping", operation_id="benchPing", summary="Benchmark handler", sync_to_thread=False)
def ping() -> dict[str, bool]:
    """The cheapest possible /api handler."""
    return {"ok": True}


def report(name: str, seconds: list[float]) -> str:
    """One line: p50, p95, mean in microseconds and operations per second."""
    ordered = sorted(seconds)
    p50 = ordered[len(ordered) // 2] * 1e6
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1e6
    mean = statistics.fmean(seconds)
    return (
        f"{name:<42} p50 {p50:8.0f} µs  p95 {p95:8.0f} µs  mean {mean * 1e6:8.0f} µs  "
        f"{1 / mean:8.0f} ops/s"
    )


async def time_calls(call: Callable[[], Awaitable[object]], count: int) -> list[float]:
    """Time ``count`` sequential calls after a short warm-up."""
    for _ in range(min(20, count)):
        await call()
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        await call()
        timings.append(time.perf_counter() - started)
    return timings


async def measure_requests(count: int, valkey_url: str | None) -> list[str]:
    """Per-request figures for the probes and a guarded, rate-limited /api handler."""
    lines = []
    backends = [("memory", None)] + ([("valkey", valkey_url)] if valkey_url else [])
    for label, url in backends:
        with tempfile.TemporaryDirectory() as data_dir:
            environment = {
                "DATA_DIR": data_dir,
                "API_KEYS": f"bench:{KEY}",
                "RATE_LIMIT_PER_MINUTE": str(count + 100),  # the limiter keeps this much history
                "VALKEY_NAMESPACE": f"a11y_bench_{uuid.uuid4().hex[:8]}",
            }
            if url:
                environment["VALKEY_URL"] = url
            original_routes = app_module.API_ROUTES
            app_module.API_ROUTES = (*original_routes, ping)  # for this measurement only
            try:
                app = app_module.create_app(Settings.from_env(environment))
            finally:
                app_module.API_ROUTES = original_routes
            async with AsyncTestClient(app) as client:
                headers = {"X-API-Key": KEY}
                for name, path, extra in (
                    ("GET /health", "/health", {}),
                    ("GET /health/ready", "/health/ready", {}),
                    ("GET /api (guard + rate limit)", "/api/v1/bench/ping", headers),
                ):

                    async def call(path: str = path, extra: dict[str, str] = extra) -> object:
                        return await client.get(path, headers=extra)

                    lines.append(report(f"{name} [{label}]", await time_calls(call, count)))
    return lines


async def measure_cache(count: int, valkey_url: str | None) -> list[str]:
    """Per-operation figures for the cache on each back end."""
    lines = []
    value = b"x" * 2048
    caches: list[tuple[str, Cache]] = [("memory", Cache.in_memory(default_ttl=60))]
    client = None
    if valkey_url:
        client = valkey.asyncio.Valkey.from_url(valkey_url, socket_timeout=1)
        namespace = f"a11y_bench_{uuid.uuid4().hex[:8]}"
        caches.append(
            (
                "valkey",
                Cache(ValkeyStore(client, namespace=namespace), default_ttl=60, backend="valkey"),
            )
        )
    try:
        for label, cache in caches:
            lines.append(
                report(
                    f"cache.set 2 KiB [{label}]",
                    await time_calls(lambda c=cache: c.set("k", value), count),
                )
            )
            lines.append(
                report(
                    f"cache.get hit [{label}]", await time_calls(lambda c=cache: c.get("k"), count)
                )
            )
    finally:
        if client is not None:
            async for key in client.scan_iter(match="a11y_bench_*"):
                await client.unlink(key)
            await client.aclose()
    return lines


async def run(count: int, valkey_url: str | None) -> list[str]:
    """All figures, logging silenced to a null stream."""
    with redirect_stdout(io.StringIO()):
        lines = await measure_requests(count, valkey_url)
    lines += await measure_cache(count, valkey_url)
    return lines


def main() -> None:
    """Parse arguments, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="timed calls per figure")
    parser.add_argument("--valkey", default=None, help="also measure against this Valkey URL")
    args = parser.parse_args()
    for line in asyncio.run(run(args.requests, args.valkey)):
        print(line)


if __name__ == "__main__":
    main()
