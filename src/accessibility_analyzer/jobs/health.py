"""Health checks of the job queue, for the API's health registry.

With arq, the queue (Valkey) is critical: without it no analysis can start, and neither can
one when analyses wait and no worker is alive (arq's workers write a heartbeat key every
``WORKER_HEALTH_CHECK_INTERVAL_SECONDS``): readiness then fails with that reason. The
heartbeat alone is informational (``/health/detailed``): an idle deployment without a
worker is fine until something waits. In-process jobs have nothing to reach; their check
reports the load.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal

from accessibility_analyzer.jobs.heartbeat import heartbeat_age_seconds
from accessibility_analyzer.jobs.queue import ArqQueue, LocalQueue

State = Literal["healthy", "degraded", "unhealthy"]
CheckResult = tuple[State, str]
Check = Callable[[], Awaitable[CheckResult]]


def queue_check(queue: ArqQueue) -> Check:
    """Critical: Valkey answers, and jobs that wait have a live worker to take them."""

    async def check() -> CheckResult:
        depth = await queue.depth()
        if depth > 0:
            pulse = await queue.pulse()
            if not pulse.alive:
                return "unhealthy", f"{depth} job(s) wait and no worker is alive: {pulse.message}"
        return "healthy", f"arq on Valkey reachable; {depth} job(s) queued or running"

    return check


def worker_heartbeat_check(queue: ArqQueue) -> Check:
    """Detailed: is a worker alive (its heartbeat recent)? Degraded when not."""

    async def check() -> CheckResult:
        pulse = await queue.pulse()
        return ("healthy" if pulse.alive else "degraded"), pulse.message

    return check


def local_queue_check(queue: LocalQueue) -> Check:
    """In-process jobs: always reachable; reports analyses in progress and the pool size."""

    async def check() -> CheckResult:
        pool = queue.job.pool
        return (
            "healthy",
            f"in-process jobs: {queue.depth()} analysis(es) queued or running; "
            f"{pool.size} engine process(es){'' if pool.started else ' (not started yet)'}",
        )

    return check


__all__ = ["heartbeat_age_seconds", "local_queue_check", "queue_check", "worker_heartbeat_check"]
