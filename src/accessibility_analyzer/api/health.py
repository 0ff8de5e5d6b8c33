"""Liveness, readiness and detailed health, built on a registry other parts add checks to.

A check is an async callable returning ``(status, message)``; it runs under the configured
timeout (``HEALTH_CHECK_TIMEOUT_SECONDS``) and all checks run concurrently, so a hung dependency
makes a probe answer "unhealthy" after about that long instead of hanging. Register a check
from a lifespan hook::

    app.state.health.register(HealthCheck(name="database", critical=True, check=ping_database))

Critical checks decide readiness (``/health/ready``); every check appears in
``/health/detailed``. The probes are open (no API key), not rate limited and not cached.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
from litestar import Controller, MediaType, Request, Response, get, head
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec

from accessibility_analyzer import __version__
from accessibility_analyzer.api.errors import PROBLEM_MEDIA_TYPE, problem_response
from accessibility_analyzer.api.schemas import (
    DetailedHealth,
    Liveness,
    ProblemDetails,
    Readiness,
)
from accessibility_analyzer.cache import Cache
from accessibility_analyzer.observability.health import (
    CheckResult,
    HealthCheck,
    HealthRegistry,
    overall_state,
)
from accessibility_analyzer.settings import Settings

__all__ = [
    "CheckResult",
    "HealthCheck",
    "HealthController",
    "HealthRegistry",
    "cache_check",
    "disk_space_check",
    "llm_providers_check",
    "overall_state",
]

# --- the foundation's own checks --------------------------------------------------------------


def valkey_check(ping: Callable[[], Awaitable[Any]]) -> Callable[[], Awaitable[CheckResult]]:
    """A check that succeeds when ``ping()`` (Valkey ``PING``) answers."""

    async def check() -> CheckResult:
        await ping()
        return "healthy", "PING answered"

    return check


def cache_check(cache: Cache) -> Callable[[], Awaitable[CheckResult]]:
    """Reports the cache's back end, whether it is reachable, and its hit and miss counts."""

    async def check() -> CheckResult:
        counts = f"hits={cache.hits} misses={cache.misses} errors={cache.errors}"
        if not cache.enabled:
            return "healthy", "disabled by CACHE_ENABLED=false"
        if not cache.available:
            return "degraded", f"{cache.backend} unreachable; serving without cache ({counts})"
        return "healthy", f"{cache.backend} ({counts})"

    return check


def disk_space_check(directory: Path, min_free_bytes: int) -> Callable[[], Awaitable[CheckResult]]:
    """Free bytes on the file system of ``directory`` against ``min_free_bytes``."""

    def measure() -> CheckResult:
        existing = directory
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent  # DATA_DIR may not exist before the first upload
        free = shutil.disk_usage(existing).free
        summary = f"{free} bytes free in {existing} (minimum {min_free_bytes})"
        return ("healthy" if free >= min_free_bytes else "unhealthy"), summary

    async def check() -> CheckResult:
        # statvfs can block on network file systems: keep it off the event loop.
        return await asyncio.to_thread(measure)

    return check


def llm_providers_check(settings: Settings) -> Callable[[], Awaitable[CheckResult]]:
    """Names the configured LLM providers (never their credentials); no network call."""

    async def check() -> CheckResult:
        configured = settings.configured_llm_providers()
        if settings.llm_provider is None:
            names = ", ".join(configured) or "none"
            return "healthy", f"suggestions off (LLM_PROVIDER unset); configured: {names}"
        provider = settings.llm_provider
        model = settings.llm_model or "provider default model"
        if provider in {"ollama", "vllm"} and settings.openai_base_url is None:
            return "degraded", f"{provider} selected but OPENAI_BASE_URL is not set"
        needs_key = {
            "openai": settings.openai_api_key,
            "anthropic": settings.anthropic_api_key,
            "deepseek": settings.deepseek_api_key,
            "replicate": settings.replicate_api_token,
        }
        if provider in needs_key and needs_key[provider] is None:
            return "degraded", f"{provider} selected but its credentials are not set"
        return "healthy", f"{provider} ({model}); configured: {', '.join(configured)}"

    return check


# --- the probes ---------------------------------------------------------------------------------

_NOT_READY = ResponseSpec(
    data_container=ProblemDetails,
    media_type=PROBLEM_MEDIA_TYPE,
    description="A critical dependency does not answer; the body names it.",
)


class HealthController(Controller):
    """``/health``, ``/health/ready``, ``/health/detailed``."""

    path = "/health"
    tags = ("health",)

    @get(
        "/",
        operation_id="getLiveness",
        summary="Liveness: the process is running",
        cache=False,
        sync_to_thread=False,
    )
    def liveness(self) -> Liveness:
        """Answer 200 while the process runs; touches no dependency."""
        return Liveness(version=__version__)

    @head(
        "/",
        operation_id="headLiveness",
        summary="Liveness without a body, for load balancers that probe with HEAD",
        sync_to_thread=False,
    )
    def liveness_head(self) -> None:
        """Answer 200 with no body while the process runs."""

    @get(
        "/ready",
        operation_id="getReadiness",
        summary="Readiness: every critical dependency answers",
        responses={503: _NOT_READY},
    )
    async def readiness(
        self, request: Request[Any, Any, Any], health: NamedDependency[HealthRegistry]
    ) -> Response[Any]:
        """Answer 200 when every critical dependency answers, 503 problem+json otherwise."""
        reports = await health.run(critical_only=True)
        down = [r for r in reports if r.status == "unhealthy"]
        if not down:
            return Response(Readiness(dependencies=reports), media_type=MediaType.JSON)
        names = ", ".join(f"{r.name} ({r.message})" for r in down)
        return problem_response(
            request,
            status_code=503,
            title="Service Not Ready",
            detail=f"Not ready: {names}",
            reason="dependency_unavailable",
            members={"dependencies": msgspec.to_builtins(reports)},
        )

    @get(
        "/detailed",
        operation_id="getDetailedHealth",
        summary="Every dependency with its state, timing and message",
    )
    async def detailed(
        self, request: Request[Any, Any, Any], health: NamedDependency[HealthRegistry]
    ) -> DetailedHealth:
        """Run every registered check; the overall state is healthy, degraded or unhealthy."""
        reports = await health.run()
        started: float = request.app.state.started_monotonic
        return DetailedHealth(
            status=overall_state(reports),
            timestamp=datetime.now(UTC).isoformat(timespec="milliseconds"),
            version=__version__,
            uptime_seconds=round(time.monotonic() - started, 3),
            dependencies=reports,
        )
