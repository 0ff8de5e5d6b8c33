"""The arq side against a real Valkey/Redis: serialization, orphan release, heartbeat, and a
real arq worker running an analysis end to end."""

from __future__ import annotations

import pickle
import uuid
import warnings
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest
from arq.constants import in_progress_key_prefix, job_key_prefix, retry_key_prefix
from arq.worker import create_worker
from jobs_helpers import CSS, page

from accessibility_analyzer.jobs.health import heartbeat_age_seconds, worker_heartbeat_check
from accessibility_analyzer.jobs.queue import ArqQueue, arq_connection
from accessibility_analyzer.jobs.serialization import deserialize_job, serialize_job
from accessibility_analyzer.jobs.worker import (
    fail_exhausted,
    job_timeout_seconds,
    lease_key,
    release_orphans,
    worker_options,
)
from accessibility_analyzer.settings import Settings
from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage.database import Database

pytestmark = pytest.mark.valkey


@pytest.fixture
def queue_name() -> str:
    return f"a11y-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def arq_queue(valkey_url: str, queue_name: str) -> AsyncIterator[ArqQueue]:
    queue = ArqQueue(
        arq_connection(valkey_url, timeout_seconds=2, queue_name=queue_name), queue_name
    )
    yield queue
    await queue.redis.delete(queue_name, queue.health_check_key)
    await queue.close()


def make_settings(tmp_path: Path, valkey_url: str, queue_name: str, **extra: str) -> Settings:
    return Settings.from_env(
        {
            "DATA_DIR": str(tmp_path / "data"),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'jobs.sqlite3'}",
            "VALKEY_URL": valkey_url,
            "JOB_QUEUE_NAME": queue_name,
            **extra,
        }
    )


async def test_jobs_are_stored_as_msgpack_never_pickle(arq_queue: ArqQueue) -> None:
    analysis_id = uuid.uuid4().hex
    carrier = {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}

    await arq_queue.enqueue(analysis_id, carrier)
    await arq_queue.enqueue(analysis_id, carrier)  # the job id is the analysis id: kept once

    raw = await arq_queue.redis.get(job_key_prefix + analysis_id)
    try:
        assert await arq_queue.depth() == 1
        assert not raw.startswith(b"\x80")  # every pickle protocol >= 2 starts so
        with pytest.raises(pickle.UnpicklingError):
            pickle.loads(raw)
        job = msgspec.msgpack.decode(raw)
        assert (job["f"], job["a"]) == ("analyse", [analysis_id, carrier])
    finally:
        await arq_queue.redis.delete(job_key_prefix + analysis_id)


def test_the_serializer_round_trips_and_refuses_non_maps() -> None:
    data = {"t": 1, "f": "analyse", "a": ["x", {}], "k": {}, "et": 123}
    assert deserialize_job(serialize_job(data)) == data
    # A failed job's result holds an exception: stored as its repr, not pickled.
    assert deserialize_job(serialize_job({"r": ValueError("bad")}))["r"] == "ValueError('bad')"
    with pytest.raises(ValueError, match="msgpack map"):
        deserialize_job(msgspec.msgpack.encode([1, 2]))


async def test_orphaned_jobs_are_released_only_when_their_lease_lapsed(
    arq_queue: ArqQueue, tmp_path: Path, valkey_url: str, queue_name: str
) -> None:
    settings = make_settings(tmp_path, valkey_url, queue_name, JOB_LEASE_SECONDS="2")
    in_progress_ms = int((job_timeout_seconds(settings) + 10) * 1000)
    redis = arq_queue.redis
    orphan, leased, young, finished = (uuid.uuid4().hex for _ in range(4))
    old_ttl = in_progress_ms - 5_000  # started 5 s ago, more than one lease period
    for job_id, ttl in ((orphan, old_ttl), (leased, old_ttl), (young, in_progress_ms)):
        await redis.psetex(in_progress_key_prefix + job_id, ttl, b"1")
        await redis.zadd(queue_name, {job_id: 1})
    await redis.psetex(in_progress_key_prefix + finished, old_ttl, b"1")  # no longer queued
    await redis.psetex(lease_key(leased), 2_000, b"1")
    try:
        released = await release_orphans(redis, settings)

        assert orphan in released
        assert not {leased, young, finished} & set(released)
        assert not await redis.exists(in_progress_key_prefix + orphan)
        for job_id in (leased, young, finished):
            assert await redis.exists(in_progress_key_prefix + job_id)
    finally:
        for job_id in (orphan, leased, young, finished):
            await redis.delete(in_progress_key_prefix + job_id, lease_key(job_id))


def test_heartbeat_age_is_read_from_arqs_heartbeat_text() -> None:
    value = "Nov-28 18:04:51 j_complete=3 j_failed=0 j_retried=0 j_ongoing=1 queued=2"
    assert heartbeat_age_seconds(value, datetime(2026, 11, 28, 18, 5, 1)) == 10.0
    assert heartbeat_age_seconds("Dec-31 23:59:59 x", datetime(2027, 1, 1, 0, 0, 9)) == 10.0
    assert heartbeat_age_seconds("garbage", datetime(2026, 1, 1)) is None


async def test_worker_heartbeat_check_reports_a_missing_and_a_fresh_worker(
    arq_queue: ArqQueue,
) -> None:
    check = worker_heartbeat_check(arq_queue)
    status, message = await check()
    assert status == "degraded"
    assert "a11y worker" in message

    stamp = datetime.now().strftime("%b-%d %H:%M:%S")
    await arq_queue.redis.set(arq_queue.health_check_key, f"{stamp} j_complete=1 queued=0")
    status, message = await check()
    assert status == "healthy"
    assert "j_complete=1" in message


def test_worker_options_come_from_the_settings(
    tmp_path: Path, valkey_url: str, queue_name: str
) -> None:
    settings = make_settings(
        tmp_path,
        "valkey://127.0.0.1:6390/3",
        queue_name,
        ANALYSIS_TIME_LIMIT_SECONDS="60",
        ANALYSIS_MAX_TRIES="4",
    )
    options = worker_options(settings)
    redis_settings = options["redis_settings"]
    assert (redis_settings.host, redis_settings.port, redis_settings.database) == (
        "127.0.0.1",
        6390,
        3,
    )
    assert options["queue_name"] == queue_name
    assert options["health_check_key"] == f"{queue_name}:health-check"
    assert options["job_timeout"] == 90  # the time limit plus a margin
    assert options["max_tries"] == 4
    assert options["health_check_interval"] == 10
    assert options["job_serializer"] is serialize_job
    assert options["job_deserializer"] is deserialize_job
    (function,) = options["functions"]
    assert (function.name, function.timeout_s, function.max_tries) == ("analyse", 90, 4)
    assert [job.name for job in options["cron_jobs"]] == ["cleanup", "reconcile"]

    without_valkey = Settings.from_env({"DATA_DIR": str(tmp_path / "data")})
    with pytest.raises(ValueError, match="VALKEY_URL"):
        worker_options(without_valkey)


async def test_an_arq_worker_runs_an_analysis_to_completion(
    arq_queue: ArqQueue,
    database: Database,
    database_url: str,
    make_site: Any,
    tmp_path: Path,
    valkey_url: str,
    queue_name: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    environment = {
        "DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": database_url,
        "VALKEY_URL": valkey_url,
        "JOB_QUEUE_NAME": queue_name,
        "ENGINE_PROCESSES": "1",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    site = await make_site({"a.html": page("A"), "b.html": page("B"), "css/site.css": CSS})
    analysis = await repo.create_analysis(
        database, session_id=site.session_id, owner="tester", options={}, pages_total=2
    )
    await arq_queue.enqueue(analysis.id, {})
    worker = create_worker(
        worker_options(Settings.from_env()), burst=True, poll_delay=0.05, handle_signals=False
    )
    try:
        await worker.main()
    finally:
        with warnings.catch_warnings():
            # arq 0.28 (maintenance only) still calls redis-py's deprecated close().
            warnings.filterwarnings("ignore", "Call to deprecated close", DeprecationWarning)
            await worker.close()

    done = await repo.get_analysis(database, analysis.id, "tester")
    assert done is not None
    assert (done.status, done.pages_done, done.attempt) == ("completed", 2, 1)
    assert worker.jobs_complete >= 1
    assert worker.jobs_failed == 0
    assert not await arq_queue.redis.exists(lease_key(analysis.id))


async def test_an_analysis_whose_workers_keep_dying_is_failed_not_left_running(
    arq_queue: ArqQueue,
    database: Database,
    make_site: Any,
    tmp_path: Path,
    valkey_url: str,
    queue_name: str,
) -> None:
    settings = make_settings(tmp_path, valkey_url, queue_name, ANALYSIS_MAX_TRIES="3")
    site = await make_site({"a.html": page("A")})
    spent, fresh = [
        await repo.create_analysis(
            database, session_id=site.session_id, owner="tester", options={}, pages_total=1
        )
        for _ in range(2)
    ]
    redis = arq_queue.redis
    await redis.set(retry_key_prefix + spent.id, 3)
    await redis.set(retry_key_prefix + fresh.id, 1)
    try:
        failed = await fail_exhausted(redis, database, settings, [spent.id, fresh.id])
    finally:
        await redis.delete(retry_key_prefix + spent.id, retry_key_prefix + fresh.id)

    assert failed == [spent.id]
    gave_up = await repo.get_analysis(database, spent.id, "tester")
    assert gave_up is not None and gave_up.status == "failed"
    assert gave_up.error == "the worker running this analysis stopped 3 times; giving up"
    still = await repo.get_analysis(database, fresh.id, "tester")
    assert still is not None and still.status == "queued"
