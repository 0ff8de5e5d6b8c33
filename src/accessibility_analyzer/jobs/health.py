"""Health checks of the job queue, for the API's health registry.

With arq, the queue (Valkey) is critical: without it no analysis can start. The worker's
heartbeat is informational (``/health/detailed``): arq's workers write a heartbeat key every
``WORKER_HEALTH_CHECK_INTERVAL_SECONDS``, so its absence or age tells whether any
`a11y worker` is alive. In-process jobs have nothing to reach; their check reports the load.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Literal

from accessibility_analyzer.jobs.queue import ArqQueue, LocalQueue

State = Literal["healthy", "degraded", "unhealthy"]
CheckResult = tuple[State, str]
Check = Callable[[], Awaitable[CheckResult]]

# arq writes the heartbeat as "<Mon>-<DD> <HH:MM:SS> j_complete=... queued=N" in local time.
_HEARTBEAT_TIME_FORMAT = "%Y %b-%d %H:%M:%S"


def queue_check(queue: ArqQueue) -> Check:
    """Critical: Valkey answers for the queue; the message gives the queue depth."""

    async def check() -> CheckResult:
        depth = await queue.depth()
        return "healthy", f"arq on Valkey reachable; {depth} job(s) queued or running"

    return check


def heartbeat_age_seconds(value: str, now: datetime) -> float | None:
    """Age of an arq heartbeat value (``None`` when it cannot be read)."""
    stamp = " ".join(value.split()[:2])
    try:
        written = datetime.strptime(f"{now.year} {stamp}", _HEARTBEAT_TIME_FORMAT)
    except ValueError:
        return None
    if written > now:  # written last December, read in January
        written = written.replace(year=now.year - 1)
    return (now - written).total_seconds()


def worker_heartbeat_check(queue: ArqQueue, interval_seconds: float) -> Check:
    """Detailed: is a worker alive (its heartbeat recent)? Degraded when not."""

    async def check() -> CheckResult:
        raw = await queue.redis.get(queue.health_check_key)
        if raw is None:
            return "degraded", "no worker heartbeat: is `a11y worker` running?"
        value = raw.decode() if isinstance(raw, bytes) else str(raw)
        age = heartbeat_age_seconds(value, datetime.now())
        if age is None:
            return "degraded", f"unreadable worker heartbeat {value[:80]!r}"
        fields = " ".join(value.split()[2:])
        if age > 3 * interval_seconds + 5:
            return "degraded", f"last worker heartbeat {age:.0f} s ago ({fields})"
        return "healthy", f"worker heartbeat {age:.0f} s ago ({fields})"

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
