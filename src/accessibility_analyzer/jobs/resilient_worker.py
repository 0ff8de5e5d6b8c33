"""Run arq's worker so that it rides out Valkey restarts and outages; it stops only on a signal.

arq's ``Worker.main`` ends on the first ``ConnectionError`` of its poll loop (after a Valkey
restart, say), and a worker cannot start while Valkey is down. :func:`run_resilient_worker`
supervises it instead:

* a Valkey error ends ``main`` as before, and the supervisor pauses with a growing delay
  (0.5 s doubling to ``max_backoff_seconds``), pinging Valkey until it answers, then enters
  ``main`` again (the worker's ``on_startup`` runs once: ``jobs.worker.startup`` is
  idempotent); jobs in progress go on meanwhile (their results go to the database);
* an outage is logged once when it starts and once when it ends, with its length;
* the heartbeat is written at once when Valkey is back (a restarted Valkey has none), and
  none is written while Valkey is unreachable, so ``/health`` never shows a worker that
  takes no jobs;
* closing works without Valkey too (a SIGTERM during an outage still stops the engine).

The worker itself is built by arq's ``create_worker``, so integrations that hook it (Sentry
wraps the job functions there) keep working.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

from arq.connections import create_pool
from arq.worker import Worker, create_worker
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

VALKEY_ERRORS = (RedisError, OSError, asyncio.TimeoutError)
"""What an unreachable or restarting Valkey raises through redis-py."""


class Supervisor:
    """Keeps one arq ``Worker`` running across Valkey outages.

    Args:
        worker: the worker (not started).
        max_backoff_seconds: the longest pause between two attempts to reach Valkey.
    """

    def __init__(self, worker: Worker, *, max_backoff_seconds: float = 10.0) -> None:
        self.worker = worker
        self.max_backoff_seconds = max_backoff_seconds
        self.outage_started: float | None = None
        self.outages = 0

    async def run(self) -> None:
        """Run the worker until it returns (burst mode) or this task is cancelled (a signal)."""
        backoff = 0.5
        while True:
            try:
                await self._connect()
                backoff = 0.5
                await self.worker.main()
                return
            except VALKEY_ERRORS as error:
                if self.outage_started is None:
                    self.outage_started = time.monotonic()
                    self.outages += 1
                    logger.warning(
                        "Valkey unreachable (%r); retrying with backoff, jobs in progress go on",
                        error,
                    )
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self.max_backoff_seconds)

    async def _connect(self) -> None:
        """Raise while Valkey is unreachable; after an outage, set the worker right."""
        worker = self.worker
        if worker._pool is None:
            worker._pool = await create_pool(
                worker.redis_settings,
                job_deserializer=worker.job_deserializer,
                job_serializer=worker.job_serializer,
                default_queue_name=worker.queue_name,
                expires_extra_ms=worker.expires_extra_ms,
            )
        if self.outage_started is None:
            return
        await worker.pool.ping()
        self._recovered(self.outage_started)
        self.outage_started = None

    def _recovered(self, outage_started: float) -> None:
        logger.warning("Valkey reachable again after %.1f s", time.monotonic() - outage_started)
        worker = self.worker
        worker._last_health_check = 0.0  # heartbeat at once: a restarted Valkey has none
        # A poll cut off by the outage may have taken a job slot without starting the job:
        # count the slots from the jobs that really run.
        running = sum(not task.done() for task in worker.tasks.values())
        worker.job_counter = running
        worker.sem = asyncio.BoundedSemaphore(worker.max_jobs + 1)
        for _ in range(running):
            worker.sem._value -= 1  # held by a running job, released by its done callback

    async def close(self) -> None:
        """arq's ``close``, tolerating a Valkey that is gone (the engine still stops)."""
        worker = self.worker
        if worker._pool is None:
            return
        await asyncio.gather(*worker.tasks.values(), return_exceptions=True)
        with contextlib.suppress(*VALKEY_ERRORS):
            await worker.pool.delete(worker.health_check_key)
        if worker.on_shutdown:
            await worker.on_shutdown(worker.ctx)
        with contextlib.suppress(*VALKEY_ERRORS):
            await worker.pool.aclose(close_connection_pool=True)
        worker._pool = None


def run_resilient_worker(options: dict[str, Any], *, burst: bool = False) -> Worker:
    """Build the worker from arq options and run it until a signal (or, with ``burst``, until
    the queue is empty). Signals cancel the supervisor's task, as they cancel arq's own."""
    worker = create_worker(options, burst=burst)
    supervisor = Supervisor(worker)
    worker.main_task = worker.loop.create_task(supervisor.run())
    try:
        worker.loop.run_until_complete(worker.main_task)
    except asyncio.CancelledError:  # a signal: shut down
        pass
    finally:
        worker.loop.run_until_complete(supervisor.close())
    return worker


__all__ = ["VALKEY_ERRORS", "Supervisor", "run_resilient_worker"]
