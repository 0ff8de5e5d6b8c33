"""Where the API sends analyses: arq on Valkey when configured, else a task in the API process.

Both implementations take the same call, ``enqueue(analysis_id, trace_context)``, and end in
the same coroutine (``jobs.tasks.run_analysis``), so the embedded default (`a11y serve` alone)
and the scaled-out setup (API processes plus `a11y worker` processes) behave alike. The job id
is the analysis id: enqueueing the same analysis twice is harmless.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

from arq.connections import ArqRedis
from redis.asyncio import ConnectionPool

from accessibility_analyzer.jobs.heartbeat import WorkerPulse, read_pulse
from accessibility_analyzer.jobs.serialization import deserialize_job, serialize_job
from accessibility_analyzer.jobs.tasks import JobContext, run_analysis
from accessibility_analyzer.observability import metrics
from accessibility_analyzer.storage.analyses import mark_failed
from accessibility_analyzer.storage.analysis_queue import renew_leases

logger = logging.getLogger(__name__)

ANALYSE_FUNCTION = "analyse"
DEFAULT_QUEUE_NAME = "arq:queue"


def health_check_key(queue_name: str) -> str:
    """Where arq workers of this queue write their heartbeat (arq's own naming)."""
    return queue_name + ":health-check"


@runtime_checkable
class JobQueue(Protocol):
    """Runs analyses in the background (``runtime_checkable``: handlers get it as a typed
    dependency, whose type is checked)."""

    kind: str
    """``arq`` or ``local``: shown by the health checks."""

    async def enqueue(self, analysis_id: str, trace_context: Mapping[str, str]) -> None:
        """Schedule the analysis; returns once it is safely queued (not when it is done)."""
        ...

    async def close(self) -> None:
        """Release connections and stop local work."""
        ...

    async def waiting_reason(self) -> str | None:
        """Why queued analyses cannot start now (no worker alive...); ``None``: no reason."""
        ...


def lease_key(analysis_id: str) -> str:
    """The Valkey key a running analysis keeps alive (see ``jobs.worker``)."""
    return f"a11y:analysis-lease:{analysis_id}"


def redis_dsn(url: str) -> str:
    """arq and redis-py only know ``redis://``/``rediss://``: map the ``valkey`` schemes."""
    for valkey_scheme, redis_scheme in (("valkey://", "redis://"), ("valkeys://", "rediss://")):
        if url.startswith(valkey_scheme):
            return redis_scheme + url.removeprefix(valkey_scheme)
    return url


def arq_connection(
    url: str, *, timeout_seconds: float, queue_name: str = DEFAULT_QUEUE_NAME
) -> ArqRedis:
    """An arq client on ``url`` that connects lazily (the API starts even when Valkey is down).

    arq's own ``create_pool`` pings with retries at creation, which would hold up start-up
    for seconds while Valkey is unreachable; readiness reports that instead.
    """
    connection_pool = ConnectionPool.from_url(
        redis_dsn(url),
        socket_connect_timeout=timeout_seconds,
        socket_timeout=max(timeout_seconds, 5.0),
    )
    return ArqRedis(
        connection_pool,
        job_serializer=serialize_job,
        job_deserializer=deserialize_job,
        default_queue_name=queue_name,
    )


class ArqQueue:
    """Enqueue analyses as arq jobs on Valkey; `a11y worker` processes run them.

    Args:
        redis: the arq connection.
        queue_name: the arq queue (``JOB_QUEUE_NAME``).
        expires_seconds: a job no worker started within this long expires
            (``JOB_EXPIRY_SECONDS``; the reconciler queues its analysis again).
        heartbeat_interval_seconds: how often workers write their heartbeat.
    """

    kind = "arq"

    def __init__(
        self,
        redis: ArqRedis,
        queue_name: str = DEFAULT_QUEUE_NAME,
        *,
        expires_seconds: float | None = None,
        heartbeat_interval_seconds: float = 10.0,
    ) -> None:
        self.redis = redis
        self.queue_name = queue_name
        self.health_check_key = health_check_key(queue_name)
        self.expires_seconds = expires_seconds
        self.heartbeat_interval_seconds = heartbeat_interval_seconds

    async def enqueue(self, analysis_id: str, trace_context: Mapping[str, str]) -> None:
        """Add the job; a job with this id already queued, running or finished is kept."""
        await self.redis.enqueue_job(
            ANALYSE_FUNCTION,
            analysis_id,
            dict(trace_context),
            _job_id=analysis_id,
            _queue_name=self.queue_name,
            _expires=self.expires_seconds,
        )

    async def pulse(self) -> WorkerPulse:
        """Whether a worker is alive, from its heartbeat (raises when Valkey is unreachable)."""
        return await read_pulse(self.redis, self.health_check_key, self.heartbeat_interval_seconds)

    async def waiting_reason(self) -> str | None:
        """Why queued analyses cannot start: no worker alive, or Valkey unreachable."""
        try:
            pulse = await self.pulse()
        except Exception:  # Valkey down: the API says so rather than failing the request
            return "the job queue (Valkey) is unreachable; the analysis goes on once it is back"
        if pulse.alive:
            return None
        return f"no worker is taking jobs ({pulse.message}); the analysis goes on once one does"

    async def depth(self) -> int:
        """Jobs waiting in the queue (including ones running: arq removes them at the end)."""
        return int(await self.redis.zcard(self.queue_name))

    async def close(self) -> None:
        """Close the connection pool (ours: redis-py leaves a pool it was handed open)."""
        await self.redis.aclose(close_connection_pool=True)


class LocalQueue:
    """Run analyses as asyncio tasks of the API process, the engine in its process pool.

    At most ``concurrency`` analyses run at once (they share the pool anyway; more at once
    would only interleave them and delay every one). With ``lease_seconds``, an accepted
    analysis is leased in the database at once, so no other server process takes it over
    (``jobs.reconciler.LocalReconciler`` renews the leases and adopts lapsed ones).
    """

    kind = "local"

    def __init__(
        self, job: JobContext, *, concurrency: int = 2, lease_seconds: float | None = None
    ) -> None:
        self.job = job
        self.lease_seconds = lease_seconds
        self._slots = asyncio.Semaphore(concurrency)
        self._tasks: dict[str, asyncio.Task[None]] = {}

    async def enqueue(self, analysis_id: str, trace_context: Mapping[str, str]) -> None:
        """Start the analysis in the background unless it is already queued or running here."""
        if analysis_id in self._tasks:
            return
        if self.lease_seconds is not None:
            until = datetime.now(UTC) + timedelta(seconds=self.lease_seconds)
            await renew_leases(self.job.database, [analysis_id], until)
        self.adopt(analysis_id, trace_context)

    def adopt(self, analysis_id: str, trace_context: Mapping[str, str] | None = None) -> None:
        """Start an analysis whose lease the caller already holds (unless it runs here)."""
        if analysis_id in self._tasks:
            return
        task = asyncio.create_task(
            self._run(analysis_id, dict(trace_context or {}), time.time()),
            name=f"analysis-{analysis_id}",
        )
        self._tasks[analysis_id] = task
        task.add_done_callback(lambda _: self._finished(analysis_id))
        metrics.record_queue_depth(len(self._tasks))

    def _finished(self, analysis_id: str) -> None:
        self._tasks.pop(analysis_id, None)
        metrics.record_queue_depth(len(self._tasks))

    async def _run(
        self, analysis_id: str, trace_context: dict[str, str], enqueued_at: float
    ) -> None:
        try:
            async with self._slots:
                metrics.record_job_wait(time.time() - enqueued_at)
                await run_analysis(self.job, analysis_id, trace_context)
        except Exception as error:  # a bug or a lost database: say so on the analysis
            logger.exception("analysis %s crashed", analysis_id)
            metrics.record_analysis_failed(type(error).__name__)
            await mark_failed(
                self.job.database, analysis_id, f"internal error: {type(error).__name__}"
            )

    def depth(self) -> int:
        """Analyses accepted by this process and not finished yet."""
        return len(self._tasks)

    def accepted(self) -> list[str]:
        """Ids of the analyses this process has accepted and not finished."""
        return list(self._tasks)

    async def waiting_reason(self) -> str | None:
        """In-process analyses always have a runner: nothing to explain beyond the order."""
        return None

    async def resume(self, analysis_ids: list[str]) -> None:
        """Queue analyses a previous run of this process left queued or running."""
        for analysis_id in analysis_ids:
            await self.enqueue(analysis_id, {})

    async def wait_idle(self) -> None:
        """Wait until every accepted analysis has finished (tests and graceful shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)

    async def close(self) -> None:
        """Cancel running analyses (they resume at the next start)."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
