"""The arq worker: `a11y worker` (or `arq accessibility_analyzer.jobs.worker.WorkerSettings`).

Settings, database and process pool are built in ``on_startup``, never at import time; the
only thing read at import is ``VALKEY_URL`` (parsed, not connected), because arq's own CLI
reads ``redis_settings`` off the class. `a11y worker` passes everything from
``Settings.from_env()`` through :func:`worker_options` instead.

Crash recovery. arq keeps a job in its queue until it finishes and marks it "in progress"
with a key that expires ``job_timeout + 10`` s after the start. A worker killed with SIGKILL
mid-job therefore leaves the job queued, and another worker (or the same one restarted) runs
it again, at the latest once that key expires. To not wait for the whole time limit, a
running analysis also renews a short lease (``JOB_LEASE_SECONDS``); every worker regularly
looks for in-progress analyses whose lease lapsed and removes their in-progress key
atomically, so the job is picked up again within about two lease periods. The re-run skips
the pages already stored and continues; the analysis's ``attempt`` fences off any straggler.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import re
import time
from typing import Any, ClassVar

import valkey.asyncio
from arq import Retry, cron, func
from arq.connections import ArqRedis, RedisSettings
from arq.constants import in_progress_key_prefix, retry_key_prefix

from accessibility_analyzer.background import BackgroundLoop
from accessibility_analyzer.cache import Cache
from accessibility_analyzer.jobs.pool import EnginePool
from accessibility_analyzer.jobs.queue import (
    ANALYSE_FUNCTION,
    DEFAULT_QUEUE_NAME,
    ArqQueue,
    health_check_key,
    lease_key,
    redis_dsn,
)
from accessibility_analyzer.jobs.reconciler import QueueReconciler, repeat_quietly
from accessibility_analyzer.jobs.resilient_worker import VALKEY_ERRORS
from accessibility_analyzer.jobs.serialization import deserialize_job, serialize_job
from accessibility_analyzer.jobs.tasks import JobContext, run_analysis
from accessibility_analyzer.jobs.worker_cron import cleanup_job, cron_jobs
from accessibility_analyzer.llm.lifecycle import open_llm_client
from accessibility_analyzer.observability import metrics
from accessibility_analyzer.observability.instrumentation import instrument_database
from accessibility_analyzer.observability.names import WORKER_SERVICE
from accessibility_analyzer.observability.setup import setup_telemetry
from accessibility_analyzer.settings import Settings
from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage.database import (
    Database,
    normalise_database_url,
    upgrade_database,
)
from accessibility_analyzer.storage.files import FileStore

logger = logging.getLogger(__name__)

_ANALYSIS_ID = re.compile(r"[0-9a-f]{32}")
# arq's in-progress key outlives the job timeout by this much (arq.worker: ``+ 10``).
_IN_PROGRESS_EXTRA_SECONDS = 10.0
# The task's own time limit fires first, so the analysis is marked failed with a reason
# before arq cancels the job.
_JOB_TIMEOUT_MARGIN_SECONDS = 30.0

# Removes an orphaned job's in-progress key when, atomically: its lease is gone, the key is
# older than one lease period (a job that just started has not taken its lease yet), and the
# job is still queued. KEYS: in-progress key, lease key, queue. ARGV: max remaining TTL (ms)
# of a key old enough, job id.
_RELEASE_ORPHAN = """
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 or ttl > tonumber(ARGV[1]) then return 0 end
if not redis.call('ZSCORE', KEYS[3], ARGV[2]) then return 0 end
redis.call('DEL', KEYS[1])
return 1
"""


def job_timeout_seconds(settings: Settings) -> float:
    """arq's job timeout for an analysis: its time limit plus a margin."""
    return settings.analysis_time_limit_seconds + _JOB_TIMEOUT_MARGIN_SECONDS


@dataclasses.dataclass(slots=True)
class WorkerState:
    """What ``on_startup`` builds and the job functions use (kept in arq's ``ctx``)."""

    settings: Settings
    database: Database
    store: FileStore
    job: JobContext
    reconciler: QueueReconciler
    recovery: BackgroundLoop | None = None


async def startup(ctx: dict[str, Any]) -> None:
    """arq ``on_startup``: settings, database (migrated), process pool, orphan recovery.

    Runs once: the supervisor (``jobs.resilient_worker``) enters arq's ``main`` again after
    a Valkey outage, which calls this again.
    """
    if "state" in ctx:
        return
    settings = Settings.from_env()
    database = Database.from_url(_async_database_url(settings))
    await upgrade_database(database)
    store = FileStore(settings.data_path)
    ctx["telemetry"] = setup_telemetry(settings, WORKER_SERVICE)
    instrument_database(database.engine)
    # The LLM client (suggestions, judgement answers); its breaker is shared through Valkey.
    ctx["llm_scope"] = contextlib.AsyncExitStack()
    ctx["llm"] = await ctx["llm_scope"].enter_async_context(open_llm_client(settings))
    # The cache of suggestions and answers, shared with the API through Valkey on a client
    # of the worker's own (arq's connection is for the queue).
    services = (
        valkey.asyncio.Valkey.from_url(
            settings.valkey_url,
            socket_timeout=settings.valkey_timeout_seconds,
            socket_connect_timeout=settings.valkey_timeout_seconds,
        )
        if settings.valkey_url
        else None
    )
    ctx["services_valkey"] = services
    job = JobContext(
        database=database,
        pool=EnginePool(settings.engine_processes or None, nice=settings.engine_nice),
        locate_file=store.path_for,
        work_dir=settings.data_path / "jobs",
        time_limit_seconds=settings.analysis_time_limit_seconds,
        llm=ctx["llm"],
        cache=Cache.from_settings(settings, services),
    )
    await job.pool.warm_up()
    queue = ArqQueue(
        ctx["redis"],
        settings.job_queue_name,
        expires_seconds=settings.job_expiry_seconds,
        heartbeat_interval_seconds=settings.worker_health_check_interval_seconds,
    )
    reconciler = QueueReconciler(
        queue,
        database,
        max_tries=settings.analysis_max_tries,
        lease_seconds=settings.job_lease_seconds,
    )
    state = WorkerState(
        settings=settings, database=database, store=store, job=job, reconciler=reconciler
    )
    state.recovery = BackgroundLoop(
        "orphaned-job check",
        lambda stop: repeat_quietly(
            lambda: _recover_orphans(ctx["redis"], database, settings),
            settings.job_lease_seconds / 2,
            "orphaned-job check",
            expected=VALKEY_ERRORS,  # the supervisor logs the outage
            stop=stop,
        ),
    ).start()
    ctx["state"] = state
    logger.info(
        "worker ready: %d engine processes, time limit %g s",
        job.pool.size,
        settings.analysis_time_limit_seconds,
    )


async def shutdown(ctx: dict[str, Any]) -> None:
    """arq ``on_shutdown``: stop recovery, the pool, the database and LLM connections."""
    if (llm_scope := ctx.pop("llm_scope", None)) is not None:
        await llm_scope.aclose()
    state: WorkerState | None = ctx.get("state")
    if state is None:
        return
    if state.recovery is not None:
        await state.recovery.stop()
    await asyncio.to_thread(state.job.pool.shutdown)
    if (services := ctx.get("services_valkey")) is not None:
        await services.aclose()
    await state.database.dispose()
    if (telemetry := ctx.get("telemetry")) is not None:
        await asyncio.to_thread(telemetry.shutdown)  # flush spans, metrics and logs


def _async_database_url(settings: Settings) -> str:
    return normalise_database_url(settings.database_url, settings.data_path)


async def analyse(
    ctx: dict[str, Any], analysis_id: str, trace_context: dict[str, str] | None = None
) -> dict[str, Any]:
    """The arq job: run one analysis (see ``jobs.tasks.run_analysis``) under a lease.

    An unexpected error (database gone, a bug) is retried with a growing delay; on the
    last try the analysis is marked failed so nobody waits for it forever.
    """
    state: WorkerState = ctx["state"]
    redis: ArqRedis = ctx["redis"]
    if (enqueued := ctx.get("enqueue_time")) is not None:  # arq sets it; test contexts may not
        metrics.record_job_wait(time.time() - enqueued.timestamp())
    queue_name = state.settings.job_queue_name
    await metrics.sample_queue_depth(lambda: redis.zcard(queue_name))
    lease = asyncio.create_task(_hold_lease(redis, analysis_id, state.settings.job_lease_seconds))
    try:
        outcome = await run_analysis(state.job, analysis_id, trace_context)
    except Exception as error:
        job_try = int(ctx.get("job_try", 1))
        if job_try < state.settings.analysis_max_tries:
            logger.warning("analysis %s: try %d failed (%r), retrying", analysis_id, job_try, error)
            raise Retry(defer=2 * job_try) from error
        logger.exception("analysis %s failed on its last try", analysis_id)
        metrics.record_analysis_failed(type(error).__name__)
        await repo.mark_failed(
            state.database, analysis_id, f"internal error: {type(error).__name__}"
        )
        raise
    finally:
        lease.cancel()
        await asyncio.gather(lease, return_exceptions=True)
        with contextlib.suppress(Exception):
            await redis.delete(lease_key(analysis_id))
        await metrics.sample_queue_depth(lambda: redis.zcard(queue_name))
    return dataclasses.asdict(outcome)


async def _hold_lease(redis: ArqRedis, analysis_id: str, lease_seconds: float) -> None:
    key = lease_key(analysis_id)
    renewed = True
    while True:
        try:
            await redis.set(key, b"1", px=int(lease_seconds * 1000))
        except Exception as error:  # Valkey hiccup: keep working; the fence protects results
            if renewed:  # once per outage; a Valkey outage is logged by the supervisor
                level = logging.DEBUG if isinstance(error, VALKEY_ERRORS) else logging.WARNING
                logger.log(level, "could not renew the lease of analysis %s", analysis_id)
            renewed = False
        else:
            renewed = True
        await asyncio.sleep(lease_seconds / 3)


async def release_orphans(redis: ArqRedis, settings: Settings) -> list[str]:
    """Free analyses whose worker died so a live worker picks them up; return their ids."""
    in_progress_ms = int((job_timeout_seconds(settings) + _IN_PROGRESS_EXTRA_SECONDS) * 1000)
    max_remaining_ms = in_progress_ms - int(settings.job_lease_seconds * 1000)
    released: list[str] = []
    async for raw_key in redis.scan_iter(match=in_progress_key_prefix + "*", count=500):
        key = raw_key.decode() if isinstance(raw_key, bytes) else str(raw_key)
        job_id = key.removeprefix(in_progress_key_prefix)
        if not _ANALYSIS_ID.fullmatch(job_id):
            continue  # cron jobs and others: not ours to release
        done = await redis.eval(  # type: ignore[misc]
            _RELEASE_ORPHAN,
            3,
            key,
            lease_key(job_id),
            settings.job_queue_name,
            str(max_remaining_ms),
            job_id,
        )
        if done:
            logger.warning("analysis %s lost its worker; handing it to another one", job_id)
            released.append(job_id)
    return released


async def fail_exhausted(
    redis: ArqRedis, database: Database, settings: Settings, released: list[str]
) -> list[str]:
    """Fail released analyses that used up their tries; return their ids.

    arq refuses a job past ``max_tries`` without calling it, which would leave the analysis
    "running" forever; an analysis whose workers keep dying is failed with a reason instead.
    """
    exhausted: list[str] = []
    for analysis_id in released:
        tries = await redis.get(retry_key_prefix + analysis_id)
        if tries is not None and int(tries) >= settings.analysis_max_tries:
            await repo.mark_failed(
                database,
                analysis_id,
                f"the worker running this analysis stopped {int(tries)} times; giving up",
            )
            exhausted.append(analysis_id)
    return exhausted


async def _recover_orphans(redis: ArqRedis, database: Database, settings: Settings) -> None:
    released = await release_orphans(redis, settings)
    await fail_exhausted(redis, database, settings, released)


def _redis_settings_from_env() -> RedisSettings:
    url = os.environ.get("VALKEY_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379"
    return RedisSettings.from_dsn(redis_dsn(url))


def worker_options(settings: Settings) -> dict[str, Any]:
    """Everything `a11y worker` hands to arq, from the settings.

    Raises:
        ValueError: ``VALKEY_URL`` is not set (there is no queue to work on).
    """
    if settings.valkey_url is None:
        raise ValueError("VALKEY_URL (or REDIS_URL) is not set: the worker needs Valkey")
    # getattr, not vars(): vars() would hand arq the staticmethod wrappers.
    options = {
        key: getattr(WorkerSettings, key)
        for key in vars(WorkerSettings)
        if not key.startswith("_") and key != "redis_settings"
    }
    timeout = job_timeout_seconds(settings)
    redis_settings = RedisSettings.from_dsn(redis_dsn(settings.valkey_url))
    redis_settings.conn_retries = 0  # the supervisor retries for ever, with its own backoff
    options.update(
        redis_settings=redis_settings,
        functions=[
            func(
                analyse,
                name=ANALYSE_FUNCTION,
                timeout=timeout,
                max_tries=settings.analysis_max_tries,
            )
        ],
        job_timeout=timeout,
        max_tries=settings.analysis_max_tries,
        queue_name=settings.job_queue_name,
        health_check_key=health_check_key(settings.job_queue_name),
        health_check_interval=settings.worker_health_check_interval_seconds,
        cron_jobs=cron_jobs(settings),
    )
    return options


class WorkerSettings:
    """arq's worker settings (the defaults; `a11y worker` overrides from the environment)."""

    functions: ClassVar[list[Any]] = [func(analyse, name=ANALYSE_FUNCTION)]
    cron_jobs: ClassVar[list[Any]] = [cron(cleanup_job, name="cleanup", minute=0, unique=True)]
    redis_settings: ClassVar[RedisSettings] = _redis_settings_from_env()
    queue_name: ClassVar[str] = DEFAULT_QUEUE_NAME
    health_check_key: ClassVar[str] = health_check_key(DEFAULT_QUEUE_NAME)
    health_check_interval: ClassVar[float] = 10.0
    job_serializer = staticmethod(serialize_job)
    job_deserializer = staticmethod(deserialize_job)
    on_startup = staticmethod(startup)
    on_shutdown = staticmethod(shutdown)
    job_timeout: ClassVar[float] = 930.0
    max_tries: ClassVar[int] = 3
    keep_result: ClassVar[float] = 3600.0
    # An analysis already uses every core through the pool; the second slot is for the
    # cleanup cron, so cleanup never waits behind a long analysis.
    max_jobs: ClassVar[int] = 2
    poll_delay: ClassVar[float] = 0.2


__all__ = [
    "WorkerSettings",
    "analyse",
    "fail_exhausted",
    "lease_key",
    "release_orphans",
    "worker_options",
]
