"""Keep the database and the job queue in agreement: no analysis lost or stuck.

The database says which analyses are unfinished; the queue may have lost their jobs: Valkey
restarted empty, a job expired (``JOB_EXPIRY_SECONDS``) with no worker to take it, or arq gave
up on it. :class:`QueueReconciler` (arq) finds unfinished analyses that have neither a job in
Valkey nor a live lease, and queues them again, up to ``ANALYSIS_MAX_TRIES`` deliveries in
all, after which it fails them with a reason the API shows. An analysis must look lost on two
passes at least a lease period apart before it is touched: a running job whose keys vanished
with a Valkey restart renews its lease within a third of that period, and a job being
enqueued right now has its key within milliseconds.

It runs in the API (at start-up and every ``JOB_RECONCILE_INTERVAL_SECONDS``) and as a cron
job of every `a11y worker`; several at once are fine: each change to an analysis is
conditional on the state its reconciler saw, and enqueueing is idempotent (job id =
analysis id).

:class:`LocalReconciler` does the same for analyses run inside `a11y serve`: it renews the
database leases of the analyses this process accepted and adopts unfinished analyses whose
lease lapsed (their process died).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from arq.constants import job_key_prefix, result_key_prefix, retry_key_prefix

from accessibility_analyzer.background import pause
from accessibility_analyzer.jobs.queue import ArqQueue, LocalQueue, lease_key
from accessibility_analyzer.observability import metrics
from accessibility_analyzer.storage import analysis_queue as queue_state
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import AnalysisStatus

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class ReconcileRun:
    """What one pass did (logged, returned to arq's cron, asserted on in tests)."""

    unfinished: int = 0
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    oldest_wait_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class _JobState:
    job: bool  # arq's job key: queued, deferred or running
    lease: bool  # a worker renews it while the analysis runs
    result: bool  # arq stored a result: the job ended (or a worker saw it expire)
    in_queue: bool  # still in the queue's sorted set (with ``job`` False: it expired)


class QueueReconciler:
    """Finds analyses whose arq job is gone and queues them again (or fails them).

    Args:
        queue: the arq queue the analyses belong to.
        database: the database holding them.
        max_tries: deliveries allowed per analysis (``ANALYSIS_MAX_TRIES``).
        lease_seconds: ``JOB_LEASE_SECONDS``; also how long an analysis must look lost.
    """

    def __init__(
        self, queue: ArqQueue, database: Database, *, max_tries: int, lease_seconds: float
    ) -> None:
        self.queue = queue
        self.database = database
        self.max_tries = max_tries
        self.lease_seconds = lease_seconds
        # analysis id -> when it first looked lost (ms); in Valkey, so that the passes of
        # every process (API, workers' cron jobs) count towards the same two sightings.
        self._suspects_key = f"a11y:reconciler-suspects:{queue.queue_name}"

    async def run_once(self) -> ReconcileRun:
        """One pass over the unfinished analyses."""
        analyses = await queue_state.unfinished_analyses(self.database)
        run = ReconcileRun(unfinished=len(analyses))
        run.oldest_wait_seconds = await queue_state.oldest_wait_seconds(self.database)
        metrics.record_oldest_wait(run.oldest_wait_seconds)
        states = await self._job_states([analysis.id for analysis in analyses])
        lost = [
            (analysis, state)
            for analysis, state in zip(analyses, states, strict=True)
            if not (state.job or state.lease)
        ]
        first_seen = await self._sightings([analysis.id for analysis, _ in lost])
        now_ms = time.time() * 1000
        for analysis, state in lost:
            if now_ms - first_seen[analysis.id] < self.lease_seconds * 1000:
                continue
            await self.queue.redis.hdel(self._suspects_key, analysis.id)  # type: ignore[misc]  # redis-py types hdel sync|async
            cause = _cause(expired=state.in_queue or state.result, status=analysis.status)
            await self._act(analysis, cause, run)
        if run.requeued or run.failed:
            logger.warning(
                "reconciler: %d analysis(es) queued again, %d failed (their jobs were lost)",
                len(run.requeued),
                len(run.failed),
            )
        return run

    async def _sightings(self, lost: list[str]) -> dict[str, float]:
        """Record when each lost analysis was first seen lost; forget the others."""
        redis = self.queue.redis
        now_ms = int(time.time() * 1000)
        async with redis.pipeline(transaction=False) as pipe:
            for analysis_id in lost:
                pipe.hsetnx(self._suspects_key, analysis_id, str(now_ms))
            pipe.hgetall(self._suspects_key)
            *_, recorded = await pipe.execute()
        seen = {key.decode(): float(value) for key, value in recorded.items()}
        if forgotten := set(seen) - set(lost):
            await redis.hdel(self._suspects_key, *forgotten)  # type: ignore[misc]
        return {analysis_id: seen.get(analysis_id, now_ms) for analysis_id in lost}

    async def _job_states(self, ids: list[str]) -> list[_JobState]:
        """Per analysis: job key, lease, arq result, entry in the queue's sorted set."""
        if not ids:
            return []
        redis = self.queue.redis
        async with redis.pipeline(transaction=False) as pipe:
            for analysis_id in ids:
                pipe.exists(job_key_prefix + analysis_id)
                pipe.exists(lease_key(analysis_id))
                pipe.exists(result_key_prefix + analysis_id)
                pipe.zscore(self.queue.queue_name, analysis_id)
            answers = await pipe.execute()
        return [
            _JobState(
                job=bool(answers[i]),
                lease=bool(answers[i + 1]),
                result=bool(answers[i + 2]),
                in_queue=answers[i + 3] is not None,
            )
            for i in range(0, len(answers), 4)
        ]

    async def _act(
        self, analysis: queue_state.UnfinishedAnalysis, cause: str, run: ReconcileRun
    ) -> None:
        deliveries = analysis.requeues + 1
        if deliveries >= self.max_tries:
            error = (
                f"{cause}, {deliveries} time(s); giving up (ANALYSIS_MAX_TRIES={self.max_tries})"
            )
            if await queue_state.give_up(self.database, analysis.id, analysis.requeues, error):
                metrics.record_analysis_failed("job_lost")
                run.failed.append(analysis.id)
            return
        reason = f"{cause}; queued again (delivery {deliveries + 1} of {self.max_tries})"
        if not await queue_state.requeue(self.database, analysis.id, analysis.requeues, reason):
            return
        redis = self.queue.redis
        # arq refuses a job id that still has a result (a worker saw it expire); the retry
        # counter belongs to the lost job.
        await redis.delete(result_key_prefix + analysis.id, retry_key_prefix + analysis.id)
        await self.queue.enqueue(analysis.id, {})
        run.requeued.append(analysis.id)

    async def run_forever(self, interval_seconds: float, stop: asyncio.Event | None = None) -> None:
        """A pass every ``interval_seconds`` until ``stop``; an unreachable Valkey or database
        is logged once."""
        await repeat_quietly(self.run_once, interval_seconds, "reconciler", stop=stop)


def _cause(*, expired: bool, status: str) -> str:
    if expired:
        return "its job expired before a worker took it (JOB_EXPIRY_SECONDS)"
    if status == AnalysisStatus.RUNNING.value:
        return "its job and its worker's lease were lost (Valkey restarted or the worker died)"
    return "its job was lost from the queue (was Valkey restarted or flushed?)"


class LocalReconciler:
    """In-process analyses: renew this process's leases, adopt analyses whose lease lapsed.

    An adopted analysis that was running (its process died mid-run) counts as a delivery;
    after ``max_tries`` it is failed instead of being run again (a page that kills the
    server would otherwise do so for ever).
    """

    def __init__(self, queue: LocalQueue, *, max_tries: int, lease_seconds: float) -> None:
        self.queue = queue
        self.max_tries = max_tries
        self.lease_seconds = lease_seconds

    async def run_once(self) -> ReconcileRun:
        """Renew held leases, then adopt lapsed analyses."""
        database = self.queue.job.database
        until = datetime.now(UTC) + timedelta(seconds=self.lease_seconds)
        await queue_state.renew_leases(database, self.queue.accepted(), until)
        run = ReconcileRun()
        accepted = set(self.queue.accepted())
        by_id = {a.id: a for a in await queue_state.unfinished_analyses(database)}
        run.unfinished = len(by_id)
        for analysis_id in await queue_state.lapsed_leases(database):
            analysis = by_id.get(analysis_id)
            if analysis is None or analysis_id in accepted:
                continue
            if not await queue_state.take_lease(database, analysis_id, until):
                continue  # another server process adopted it first
            if analysis.status == AnalysisStatus.RUNNING.value:
                if analysis.requeues + 1 >= self.max_tries:
                    error = (
                        f"the server process running it stopped {analysis.requeues + 1} "
                        f"time(s); giving up (ANALYSIS_MAX_TRIES={self.max_tries})"
                    )
                    await queue_state.give_up(database, analysis_id, analysis.requeues, error)
                    run.failed.append(analysis_id)
                    continue
                reason = "the server process running it stopped; resumed by another one"
                await queue_state.requeue(database, analysis_id, analysis.requeues, reason)
            self.queue.adopt(analysis_id)
            run.requeued.append(analysis_id)
        run.oldest_wait_seconds = await queue_state.oldest_wait_seconds(database)
        metrics.record_oldest_wait(run.oldest_wait_seconds)
        if run.requeued or run.failed:
            logger.info(
                "resumed %d unfinished analysis(es), failed %d", len(run.requeued), len(run.failed)
            )
        return run

    async def release(self) -> None:
        """Release this process's leases (a clean stop: another process may resume at once)."""
        await queue_state.renew_leases(self.queue.job.database, self.queue.accepted(), None)

    async def run_forever(self, stop: asyncio.Event | None = None) -> None:
        """A pass every third of a lease period until ``stop``, so leases never lapse while
        held."""
        await repeat_quietly(
            self.run_once, self.lease_seconds / 3, "in-process reconciler", stop=stop
        )


async def repeat_quietly(
    step: Callable[[], Awaitable[object]],
    interval_seconds: float,
    name: str,
    *,
    expected: tuple[type[BaseException], ...] = (),
    stop: asyncio.Event | None = None,
) -> None:
    """Call ``step`` every ``interval_seconds`` until ``stop`` is set; report a failing streak
    once, and its end.

    ``expected`` errors (an outage someone else reports) are logged at debug level only.
    """
    failing = False
    while stop is None or not stop.is_set():
        try:
            await step()
        except Exception as error:
            if not failing:
                level = logging.DEBUG if isinstance(error, expected) else logging.WARNING
                logger.log(level, "%s: pass failed (%r); retrying quietly", name, error)
            failing = True
        else:
            if failing:
                logger.debug("%s: passes succeed again", name)
            failing = False
        await pause(stop, interval_seconds)


__all__ = ["LocalReconciler", "QueueReconciler", "ReconcileRun", "repeat_quietly"]
