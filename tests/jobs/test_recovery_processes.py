"""No analysis lost or stuck, with real processes: the API (in this process), `a11y worker`
processes and a private redis-server that the tests kill and restart empty.

Each test prints its figures (run with ``-s`` to see them): time from a Valkey restart to
the analysis being queued again, from a worker's SIGKILL to its analysis completing on
another worker, and so on.
"""

from __future__ import annotations

import asyncio
import io
import os
import signal
import time
import uuid
import zipfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from arq.constants import job_key_prefix
from jobs_helpers import CSS, page
from litestar import Litestar
from litestar.testing import AsyncTestClient
from process_helpers import RedisServer, WorkerProcess, wait_for
from redis.asyncio import Redis

from accessibility_analyzer.api.app import create_app
from accessibility_analyzer.jobs.queue import health_check_key
from accessibility_analyzer.settings import Settings

pytestmark = pytest.mark.slow

KEY = {"X-API-Key": "alice-key-123"}
Client = AsyncTestClient[Litestar]


@pytest.fixture
def own_valkey(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "valkey")
    server.start()
    yield server
    server.stop()


def _settings(settings_factory: Any, valkey: RedisServer, **extra: str) -> Settings:
    settings: Settings = settings_factory(
        API_KEYS="alice:alice-key-123",
        VALKEY_URL=valkey.url,
        JOB_QUEUE_NAME=f"a11y-recovery-{uuid.uuid4().hex[:8]}",
        JOB_LEASE_SECONDS="1",
        JOB_RECONCILE_INTERVAL_SECONDS="0.5",
        WORKER_HEALTH_CHECK_INTERVAL_SECONDS="1",
        **extra,
    )
    return settings


def _worker(settings: Settings, log: Path) -> WorkerProcess:
    return WorkerProcess(
        {
            "DATA_DIR": settings.data_dir,
            "DATABASE_URL": settings.database_url,
            "VALKEY_URL": settings.valkey_url or "",
            "JOB_QUEUE_NAME": settings.job_queue_name,
            "JOB_LEASE_SECONDS": str(settings.job_lease_seconds),
            "JOB_RECONCILE_INTERVAL_SECONDS": "1",
            "WORKER_HEALTH_CHECK_INTERVAL_SECONDS": "1",
            "ENGINE_PROCESSES": "1",
            "LOG_JSON_FORMAT": "false",
        },
        log,
    )


@pytest.fixture
async def redis(own_valkey: RedisServer) -> AsyncIterator[Redis]:
    client = Redis.from_url(own_valkey.url, socket_timeout=2)
    yield client
    await client.aclose()


def _site(pages: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(pages):
            archive.writestr(f"page-{index}.html", page(f"Page {index}"))
        archive.writestr("css/site.css", CSS)
    return buffer.getvalue()


async def _start_analysis(client: Client, pages: int) -> dict[str, Any]:
    session = await client.post("/api/v1/sessions", json={"name": "recovery"}, headers=KEY)
    assert session.status_code == 201, session.text
    session_id = session.json()["id"]
    upload = await client.post(
        f"/api/v1/sessions/{session_id}/documents",
        files={"files": ("site.zip", _site(pages), "application/zip")},
        headers=KEY,
    )
    assert upload.status_code == 201, upload.text
    started = await client.post(f"/api/v1/sessions/{session_id}/analyses", headers=KEY)
    assert started.status_code == 202, started.text
    analysis: dict[str, Any] = started.json()
    return analysis


async def _analysis(client: Client, analysis_id: str) -> dict[str, Any]:
    response = await client.get(f"/api/v1/analyses/{analysis_id}", headers=KEY)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _until(client: Client, analysis_id: str, within: float, done: Any) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        analysis = await _analysis(client, analysis_id)
        if done(analysis):
            return analysis
        assert time.monotonic() < deadline, analysis
        await asyncio.sleep(0.05)


def _finished(analysis: dict[str, Any]) -> bool:
    return analysis["status"] in {"completed", "failed"}


async def test_valkey_restarted_empty_with_a_job_queued_and_no_worker(
    settings_factory: Any, own_valkey: RedisServer, redis: Redis, tmp_path: Path
) -> None:
    settings = _settings(settings_factory, own_valkey)
    async with AsyncTestClient(app=create_app(settings)) as client:
        started = await _start_analysis(client, pages=3)
        # No worker: accepted (202), and the analysis says why it waits.
        assert started["status"] == "queued"
        assert "no worker" in started["waitingReason"]
        ready = await client.get("/health/ready")
        assert ready.status_code == 503, ready.text
        queue = next(d for d in ready.json()["dependencies"] if d["name"] == "job-queue")
        assert "no worker is alive" in queue["message"]

        own_valkey.stop()
        own_valkey.start()  # empty: the job is gone
        restarted = time.monotonic()
        assert not await redis.exists(job_key_prefix + started["id"])
        requeued = await _until(
            client, started["id"], 20, lambda a: "lost from the queue" in (a["waitingReason"] or "")
        )
        requeue_seconds = time.monotonic() - restarted
        assert await redis.exists(job_key_prefix + started["id"])
        assert requeued["status"] == "queued"
        assert "delivery 2 of 3" in requeued["waitingReason"]

        worker = _worker(settings, tmp_path / "worker.log")
        try:
            done = await _until(client, started["id"], 60, _finished)
        finally:
            worker.stop()
        total_seconds = time.monotonic() - restarted
    assert done["status"] == "completed", worker.logs()
    assert done["progress"]["pagesDone"] == 3
    assert done["waitingReason"] is None
    print(
        f"\nValkey restart -> analysis queued again: {requeue_seconds:.2f} s; "
        f"-> completed by a worker started then: {total_seconds:.2f} s"
    )


async def test_a_job_that_expires_without_a_worker_is_queued_again_then_failed(
    settings_factory: Any, own_valkey: RedisServer
) -> None:
    settings = _settings(
        settings_factory, own_valkey, JOB_EXPIRY_SECONDS="1", ANALYSIS_MAX_TRIES="2"
    )
    async with AsyncTestClient(app=create_app(settings)) as client:
        started = await _start_analysis(client, pages=1)
        began = time.monotonic()
        requeued = await _until(
            client, started["id"], 20, lambda a: "expired" in (a["waitingReason"] or "")
        )
        requeue_seconds = time.monotonic() - began
        assert requeued["status"] == "queued"
        assert "delivery 2 of 2" in requeued["waitingReason"]

        failed = await _until(client, started["id"], 20, _finished)
        fail_seconds = time.monotonic() - began
    assert failed["status"] == "failed"
    assert "expired before a worker took it" in failed["error"]
    assert "giving up" in failed["error"]
    print(
        f"\njob expiry 1 s, no worker: queued again after {requeue_seconds:.2f} s, "
        f"failed with a reason after {fail_seconds:.2f} s"
    )


async def test_a_worker_killed_mid_job_hands_it_to_another_worker(
    settings_factory: Any, own_valkey: RedisServer, tmp_path: Path
) -> None:
    settings = _settings(settings_factory, own_valkey)
    pages = 100
    workers = [_worker(settings, tmp_path / f"worker-{n}.log") for n in range(2)]
    try:
        for worker in workers:
            wait_for(lambda w=worker: "worker ready" in w.logs(), 60, "the workers start")
        async with AsyncTestClient(app=create_app(settings)) as client:
            started = await _start_analysis(client, pages=pages)
            running = await _until(
                client, started["id"], 60, lambda a: a["progress"]["pagesDone"] > 0
            )
            assert running["status"] == "running"
            busy = next(w for w in workers if started["id"] in w.logs())
            os.kill(busy.pid, signal.SIGKILL)
            killed = time.monotonic()
            done = await _until(client, started["id"], 120, _finished)
            seconds = time.monotonic() - killed
    finally:
        for worker in workers:
            worker.stop()
    assert done["status"] == "completed", "".join(w.logs() for w in workers)
    assert done["progress"]["pagesDone"] == pages
    assert done["attempt"] == 2  # the second worker took over (and skipped stored pages)
    print(
        f"\nworker SIGKILLed mid-job ({running['progress']['pagesDone']}/{pages} pages): "
        f"completed on the other worker {seconds:.2f} s later"
    )


async def test_the_worker_survives_valkey_outages_and_stops_only_on_a_signal(
    settings_factory: Any, own_valkey: RedisServer, redis: Redis, tmp_path: Path
) -> None:
    settings = _settings(settings_factory, own_valkey)
    heartbeat = health_check_key(settings.job_queue_name)
    own_valkey.stop()  # the worker starts while Valkey is down
    worker = _worker(settings, tmp_path / "worker.log")
    try:
        wait_for(lambda: "Valkey unreachable" in worker.logs(), 60, "the worker tries Valkey")
        await asyncio.sleep(1)
        assert worker.process.poll() is None, worker.logs()
        own_valkey.start()
        startup_seconds = wait_for(lambda: "worker ready" in worker.logs(), 60, "worker ready")

        async def beating() -> bool:
            return bool(await redis.exists(heartbeat))

        for _ in range(100):
            if await beating():
                break
            await asyncio.sleep(0.1)
        assert await beating(), worker.logs()

        own_valkey.stop()
        await asyncio.sleep(3)  # an outage longer than the heartbeat's life
        assert worker.process.poll() is None, worker.logs()
        own_valkey.start()  # empty: no heartbeat until the worker writes it again
        restarted = time.monotonic()
        while not await beating():
            assert time.monotonic() - restarted < 20, worker.logs()
            await asyncio.sleep(0.05)
        heartbeat_seconds = time.monotonic() - restarted

        async with AsyncTestClient(app=create_app(settings)) as client:
            started = await _start_analysis(client, pages=2)
            done = await _until(client, started["id"], 60, _finished)
        assert done["status"] == "completed", worker.logs()

        os.kill(worker.pid, signal.SIGTERM)
        assert worker.process.wait(timeout=30) == 0
    finally:
        worker.stop()
    logs = worker.logs()
    assert logs.count("Valkey unreachable") == 2, logs  # once per outage (start-up, restart)
    assert logs.count("Valkey reachable again") == 2, logs
    print(
        f"\nworker: ready {startup_seconds:.2f} s after Valkey appeared; heartbeat back "
        f"{heartbeat_seconds:.2f} s after a Valkey restart; runs jobs; exit 0 on SIGTERM"
    )
