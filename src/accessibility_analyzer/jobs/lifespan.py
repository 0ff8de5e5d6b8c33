"""Wiring of background analyses into the API process (a Litestar lifespan).

``create_app`` lists :func:`analysis_jobs` after the storage lifespan (it needs
``app.state.database``). It chooses the queue: arq when ``VALKEY_URL`` is set (the API then
never runs the engine itself), else in-process jobs on a process pool owned by this process.
The queue is on ``app.state.job_queue``; its health checks are registered with
``app.state.health``.

In-process, analyses left queued or running by a previous run of the server are resumed at
start-up. With `a11y serve --workers N` and no Valkey, every server process has its own pool
and resumes them too: the analysis's attempt fence lets only the latest run write, so the
result is right but the work is repeated; use Valkey and `a11y worker` to scale out.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar

from accessibility_analyzer.api.health import HealthCheck, HealthRegistry
from accessibility_analyzer.cache import Cache
from accessibility_analyzer.jobs.health import (
    local_queue_check,
    queue_check,
    worker_heartbeat_check,
)
from accessibility_analyzer.jobs.pool import EnginePool
from accessibility_analyzer.jobs.queue import ArqQueue, JobQueue, LocalQueue, arq_connection
from accessibility_analyzer.jobs.tasks import JobContext
from accessibility_analyzer.llm.client import LLMClient
from accessibility_analyzer.settings import Settings
from accessibility_analyzer.storage.analyses import unfinished_analysis_ids
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
    """Create the job queue (and, in-process, the pool); close them at shutdown."""
    settings: Settings = app.state.settings
    database: Database = app.state.database
    health: HealthRegistry = app.state.health
    pool: EnginePool | None = None
    queue: JobQueue
    if settings.valkey_url:
        connection = arq_connection(
            settings.valkey_url,
            timeout_seconds=settings.valkey_timeout_seconds,
            queue_name=settings.job_queue_name,
        )
        arq_queue = ArqQueue(connection, settings.job_queue_name)
        health.register(HealthCheck(name="job-queue", check=queue_check(arq_queue)))
        health.register(
            HealthCheck(
                name="job-worker",
                check=worker_heartbeat_check(
                    arq_queue, settings.worker_health_check_interval_seconds
                ),
                critical=False,
            )
        )
        queue = arq_queue
    else:
        pool = EnginePool(settings.engine_processes or None)
        local_queue = LocalQueue(
            local_job_context(
                settings,
                database,
                pool,
                llm=getattr(app.state, "llm", None),
                cache=getattr(app.state, "cache", None),
            )
        )
        health.register(
            HealthCheck(name="job-queue", check=local_queue_check(local_queue), critical=False)
        )
        unfinished = await unfinished_analysis_ids(database)
        if unfinished:
            logger.info("resuming %d unfinished analysis(es)", len(unfinished))
        await local_queue.resume(unfinished)
        queue = local_queue
    app.state.job_queue = queue
    try:
        yield
    finally:
        await queue.close()
        if pool is not None:
            await asyncio.to_thread(pool.shutdown)
