"""Is an `a11y worker` alive? Read from the heartbeat arq's workers write to Valkey.

Every worker writes ``<queue>:health-check`` every ``WORKER_HEALTH_CHECK_INTERVAL_SECONDS``
with an expiry just over that interval, so the key's absence or age tells whether any worker
takes jobs. The health checks, the analyses' ``waitingReason`` and the reconciler read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from redis.asyncio import Redis

# arq writes the heartbeat as "<Mon>-<DD> <HH:MM:SS> j_complete=... queued=N" in local time.
_HEARTBEAT_TIME_FORMAT = "%Y %b-%d %H:%M:%S"


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


@dataclass(frozen=True, slots=True)
class WorkerPulse:
    """What the heartbeat says: whether a worker is alive, and in words."""

    alive: bool
    message: str


async def read_pulse(redis: Redis, key: str, interval_seconds: float) -> WorkerPulse:
    """Read the heartbeat at ``key``; a worker is alive when it wrote within ~3 intervals.

    Raises:
        redis.exceptions.RedisError, OSError: Valkey did not answer.
    """
    raw = await redis.get(key)
    if raw is None:
        return WorkerPulse(False, "no worker heartbeat: is `a11y worker` running?")
    value = raw.decode() if isinstance(raw, bytes) else str(raw)
    age = heartbeat_age_seconds(value, datetime.now())
    if age is None:
        return WorkerPulse(False, f"unreadable worker heartbeat {value[:80]!r}")
    fields = " ".join(value.split()[2:])
    if age > 3 * interval_seconds + 5:
        return WorkerPulse(False, f"last worker heartbeat {age:.0f} s ago ({fields})")
    return WorkerPulse(True, f"worker heartbeat {age:.0f} s ago ({fields})")


__all__ = ["WorkerPulse", "heartbeat_age_seconds", "read_pulse"]
