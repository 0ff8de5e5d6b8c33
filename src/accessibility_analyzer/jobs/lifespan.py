"""Wiring of background analyses into the API process (a Litestar lifespan).

``create_app`` lists :func:`analysis_jobs` after the storage lifespan (it needs
``app.state.database``). It chooses the queue: arq when ``VALKEY_URL`` is set (the API then
never runs the engine itself), else in-process jobs on a process pool owned by this process.
The queue is on ``app.state.job_queue``; its health checks are registered with
``app.state.health``.

A reconciler keeps the database and the queue in agreement (``jobs.reconciler``): with arq,
it queues again (or fails) analyses whose job was lost, at start-up and every
``JOB_RECONCILE_INTERVAL_SECONDS``; in-process, it resumes at start-up what a previous run
left unfinished, and every third of ``JOB_LEASE_SECONDS`` renews this process's leases and
adopts analyses whose lease lapsed (their server process died). With `a11y serve --workers N`
and no Valkey, each process runs the analyses it accepted; use Valkey and `a11y worker` to
scale out.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar

from accessibility_analyzer.background import BackgroundLoop
from accessibility_analyzer.cache import Cache
from accessibility_analyzer.jobs.health import (
    local_queue_check,
    queue_check,
    worker_heartbeat_check,
)
from accessibility_analyzer.jobs.pool import EnginePool
from accessibility_analyzer.jobs.queue import ArqQueue, JobQueue, LocalQueue, arq_connection
from accessibility_analyzer.jobs.reconciler import LocalReconciler, QueueReconciler
from accessibility_analyzer.jobs.tasks import JobContext
from accessibility_analyzer.llm.client import LLMClient
from accessibility_analyzer.observability.health import HealthCheck, HealthRegistry
from accessibility_analyzer.settings import Settings
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore

logger = logging.getLogger(__name__)


def local_job_context(
    settings: Settings,
    database: Database,
    pool: EnginePool,
    *,
    llm: LLMClient | None = None,
    cache: Cache | None = None,
) -> JobContext:
    """The job's resources when analyses run inside this process."""
    return JobContext(
        database=database,
        pool=pool,
        locate_file=FileStore(settings.data_path).path_for,
        work_dir=settings.data_path / "jobs",
        time_limit_seconds=settings.analysis_time_limit_seconds,
        llm=llm,
        cache=cache,
    )


@asynccontextmanager
async def analysis_jobs(app: Litestar) -> AsyncIterator[None]:
    """Create the job queue (and, in-process, the pool) and its reconciler; stop them at
    shutdown."""
    settings: Settings = app.state.settings
    database: Database = app.state.database
    health: HealthRegistry = app.state.health
    pool: EnginePool | None = None
    local_reconciler: LocalReconciler | None = None
    queue: JobQueue
    if settings.valkey_url:
        arq_queue = ArqQueue(
            arq_connection(
                settings.valkey_url,
                timeout_seconds=settings.valkey_timeout_seconds,
                queue_name=settings.job_queue_name,
            ),
            settings.job_queue_name,
            expires_seconds=settings.job_expiry_seconds,
            heartbeat_interval_seconds=settings.worker_health_check_interval_seconds,
        )
        health.register(HealthCheck(name="job-queue", check=queue_check(arq_queue)))
        health.register(
            HealthCheck(name="job-worker", check=worker_heartbeat_check(arq_queue), critical=False)
        )
        reconciler = QueueReconciler(
            arq_queue,
            database,
            max_tries=settings.analysis_max_tries,
            lease_seconds=settings.job_lease_seconds,
        )
        interval = settings.job_reconcile_interval_seconds
        maintenance = BackgroundLoop(
            "reconciler", lambda stop: reconciler.run_forever(interval, stop)
        ).start()
        queue = arq_queue
    else:
        pool = EnginePool(settings.engine_processes or None, nice=settings.engine_nice)
        local_queue = LocalQueue(
            local_job_context(
                settings,
                database,
                pool,
                llm=getattr(app.state, "llm", None),
                cache=getattr(app.state, "cache", None),
            ),
            lease_seconds=settings.job_lease_seconds,
        )
        health.register(
            HealthCheck(name="job-queue", check=local_queue_check(local_queue), critical=False)
        )
        local_reconciler = LocalReconciler(
            local_queue,
            max_tries=settings.analysis_max_tries,
            lease_seconds=settings.job_lease_seconds,
        )
        await local_reconciler.run_once()  # resume what a previous run left unfinished
        maintenance = BackgroundLoop("in-process reconciler", local_reconciler.run_forever).start()
        queue = local_queue
    app.state.job_queue = queue
    try:
        yield
    finally:
        await maintenance.stop()  # between passes: a pass cancelled mid-query can hang
        if local_reconciler is not None:
            with contextlib.suppress(Exception):  # a lost database: the leases lapse anyway
                await local_reconciler.release()
        await queue.close()
        if pool is not None:
            await asyncio.to_thread(pool.shutdown)
