"""The health registry: checks of this process' dependencies, run concurrently with a timeout.

It sits below every part that registers checks (the API's storage and LLM lifespans, the
job queue in ``jobs``) and below the API's probes that run them (``api.health``), so no
part has to import the API to report its health. A check is an async callable returning
``(status, message)``; it runs under ``HEALTH_CHECK_TIMEOUT_SECONDS`` and all checks run
concurrently, so a hung dependency answers "unhealthy" after about that long. Critical
checks decide readiness; every check appears in the detailed report.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Final, Literal

import msgspec

__all__ = [
    "CheckResult",
    "DependencyHealth",
    "HealthCheck",
    "HealthRegistry",
    "HealthState",
    "overall_state",
]

HealthState = Literal["healthy", "degraded", "unhealthy"]


class DependencyHealth(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """The state of one dependency, as measured by its health check."""

    name: str
    status: HealthState
    message: str
    response_time_ms: Annotated[float, msgspec.Meta(ge=0)]
    critical: bool
    """A critical dependency being unhealthy makes the service not ready."""


CheckResult = tuple[HealthState, str]
_MAX_MESSAGE_LENGTH: Final = 300


@dataclass(frozen=True, slots=True)
class HealthCheck:
    """One dependency check.

    Attributes:
        name: the dependency's name in reports (``valkey``, ``database``, ``job-queue``, ...).
        check: async callable returning ``(status, message)``; raising counts as unhealthy.
        critical: when True, the service is not ready while this check is unhealthy.
    """

    name: str
    check: Callable[[], Awaitable[CheckResult]]
    critical: bool = True


class HealthRegistry:
    """The checks of this process, run concurrently, each under a timeout."""

    def __init__(self, timeout_seconds: float) -> None:
        """Create an empty registry whose checks time out after ``timeout_seconds``."""
        self.timeout_seconds = timeout_seconds
        self._checks: dict[str, HealthCheck] = {}

    def register(self, check: HealthCheck) -> None:
        """Add ``check``; a later check with the same name replaces the earlier one."""
        self._checks[check.name] = check

    def unregister(self, name: str) -> None:
        """Remove the check called ``name``, if there is one."""
        self._checks.pop(name, None)

    @property
    def names(self) -> tuple[str, ...]:
        """Names of the registered checks, in registration order."""
        return tuple(self._checks)

    async def run(self, *, critical_only: bool = False) -> tuple[DependencyHealth, ...]:
        """Run the (critical) checks concurrently and report each."""
        checks = [c for c in self._checks.values() if c.critical or not critical_only]
        return tuple(await asyncio.gather(*(self._run_one(check) for check in checks)))

    async def _run_one(self, check: HealthCheck) -> DependencyHealth:
        started = time.perf_counter()
        status: HealthState
        try:
            async with asyncio.timeout(self.timeout_seconds):
                status, message = await check.check()
        except TimeoutError:
            status, message = "unhealthy", f"no answer within {self.timeout_seconds:g} s"
        except Exception as error:
            status, message = "unhealthy", f"{type(error).__name__}: {error}"
        elapsed_ms = (time.perf_counter() - started) * 1000
        return DependencyHealth(
            name=check.name,
            status=status,
            message=message[:_MAX_MESSAGE_LENGTH],
            response_time_ms=round(elapsed_ms, 2),
            critical=check.critical,
        )


def overall_state(reports: tuple[DependencyHealth, ...]) -> HealthState:
    """Unhealthy if a critical dependency is; degraded if anything else is not healthy."""
    if any(r.critical and r.status == "unhealthy" for r in reports):
        return "unhealthy"
    if any(r.status != "healthy" for r in reports):
        return "degraded"
    return "healthy"
