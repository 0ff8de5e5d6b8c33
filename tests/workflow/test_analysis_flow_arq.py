"""The analysis workflow through arq: the real app enqueues, real `a11y worker` processes run.

Also: a worker killed with SIGKILL in the middle of a job, then started again, still
completes the analysis (it continues after the pages already stored, without duplicates).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from analysis_flow_helpers import (
    all_findings,
    check_every_report,
    create_session,
    fetch_report,
    site_zip,
    start_analysis,
    upload_zip,
    wait_until_finished,
)
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text

from accessibility_analyzer.api.app import create_app
from accessibility_analyzer.cli import main
from accessibility_analyzer.settings import Settings

pytestmark = [pytest.mark.valkey, pytest.mark.slow]

ALICE = {"X-API-Key": "alice-key-123"}
Client = AsyncTestClient[Litestar]


@pytest.fixture
def queue_name() -> str:
    return f"a11y-flow-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def settings(settings_factory: Any, valkey_url: str, queue_name: str) -> Settings:
    """The API with Valkey: analyses go to arq (a queue of this test's own)."""
    return settings_factory(
        API_KEYS="alice:alice-key-123",
        VALKEY_URL=valkey_url,
        JOB_QUEUE_NAME=queue_name,
        JOB_LEASE_SECONDS="2",
        WORKER_HEALTH_CHECK_INTERVAL_SECONDS="1",
    )


class Workers:
    """`a11y worker` processes started by one test, each in its own process group."""

    def __init__(self, settings: Settings, log_dir: Path) -> None:
        self.environment = {
            **os.environ,
            "DATA_DIR": settings.data_dir,
            "DATABASE_URL": settings.database_url,
            "VALKEY_URL": settings.valkey_url or "",
            "JOB_QUEUE_NAME": settings.job_queue_name,
            "JOB_LEASE_SECONDS": str(settings.job_lease_seconds),
            "WORKER_HEALTH_CHECK_INTERVAL_SECONDS": "1",
            "ENGINE_PROCESSES": "1",
            "LOG_JSON_FORMAT": "false",
        }
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        with (self.log_dir / f"worker-{len(self.processes)}.log").open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "accessibility_analyzer", "worker"],
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its engine processes share its group: killed together
            )
        self.processes.append(process)
        return process

    @staticmethod
    def kill(process: subprocess.Popen[bytes]) -> None:
        """SIGKILL the worker and its engine processes, as a crashed machine would."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def logs(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.log_dir.glob("worker-*.log")))

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=5)


@pytest.fixture
def workers(settings: Settings, tmp_path: Path) -> Iterator[Workers]:
    started = Workers(settings, tmp_path)
    yield started
    started.stop_all()


async def wait_for_worker_heartbeat(client: Client, within: float = 30) -> dict[str, Any]:
    for _ in range(int(within / 0.1)):
        detailed = (await client.get("/health/detailed")).json()
        worker = next(d for d in detailed["dependencies"] if d["name"] == "job-worker")
        if worker["status"] == "healthy":
            return worker
        await asyncio.sleep(0.1)
    raise AssertionError(f"no worker heartbeat: {worker}")


async def test_the_flow_runs_through_arq_and_a_worker_process(
    client: Client, workers: Workers
) -> None:
    ready = (await client.get("/health/ready")).json()
    assert any(d["name"] == "job-queue" and d["status"] == "healthy" for d in ready["dependencies"])
    session_id = await create_session(client, ALICE)
    await upload_zip(client, session_id, site_zip(5), ALICE)
    started = await start_analysis(client, session_id, ALICE)
    assert started["status"] == "queued"  # no worker yet: it waits in Valkey

    workers.start()
    await wait_for_worker_heartbeat(client)
    analysis = await wait_until_finished(client, started["id"], ALICE, within=60)

    assert analysis["status"] == "completed", workers.logs()
    assert analysis["progress"]["pagesDone"] == 5
    findings = await all_findings(client, analysis["id"], ALICE)
    assert len(findings) == analysis["summary"]["findings"]
    await check_every_report(client, analysis, ALICE)


async def test_a_worker_killed_mid_job_is_replaced_and_the_analysis_completes(
    client: Client, workers: Workers
) -> None:
    pages = 80
    session_id = await create_session(client, ALICE)
    await upload_zip(client, session_id, site_zip(pages, sections=10), ALICE)
    first = workers.start()
    started = await start_analysis(client, session_id, ALICE)
    url = f"/api/v1/analyses/{started['id']}"
    for _ in range(600):
        progress = (await client.get(url, headers=ALICE)).json()["progress"]
        if progress["pagesDone"] > 0:
            break
        await asyncio.sleep(0.05)
    assert 0 < progress["pagesDone"] < pages, (progress, workers.logs())

    workers.kill(first)
    stalled = (await client.get(url, headers=ALICE)).json()
    assert stalled["status"] == "running"
    assert stalled["progress"]["pagesDone"] < pages

    workers.start()
    analysis = await wait_until_finished(client, started["id"], ALICE, within=90)

    assert analysis["status"] == "completed", workers.logs()
    assert analysis["attempt"] >= 2
    assert analysis["progress"]["pagesDone"] == pages
    body, _ = await fetch_report(client, analysis["id"], "json", ALICE)
    report = json.loads(body)
    assert len(report["documents"]) == pages
    stored = 0
    for document in report["documents"]:  # no page's findings stored twice
        counts = document["counts"]
        by_rule = sum(sum(c.values()) for c in document["ruleCounts"].values())
        assert by_rule == sum(counts.values()), document["path"]
        stored += by_rule
    assert analysis["summary"]["findings"] == stored


def test_the_worker_command_needs_valkey(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("VALKEY_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))

    assert main(["worker"]) == 2
    assert "VALKEY_URL is not set" in capsys.readouterr().err


async def test_an_unreachable_queue_answers_503_and_fails_the_analysis(
    settings_factory: Any,
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings = settings_factory(
        API_KEYS="alice:alice-key-123",
        VALKEY_URL=f"redis://127.0.0.1:{closed_port}/0",
        JOB_QUEUE_NAME="a11y-unreachable",
    )
    app = create_app(settings)
    async with AsyncTestClient(app=app) as client:
        session_id = await create_session(client, ALICE)
        await upload_zip(client, session_id, site_zip(1), ALICE)

        response = await client.post(f"/api/v1/sessions/{session_id}/analyses", headers=ALICE)
        async with app.state.database.engine.connect() as connection:
            stored = (
                await connection.execute(
                    text("SELECT status, error FROM analyses WHERE session_id = :id"),
                    {"id": session_id},
                )
            ).all()

        assert response.status_code == 503
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.headers["retry-after"] == "5"
        assert response.json()["reason"] == "queue_unavailable"
        assert [tuple(row) for row in stored] == [("failed", "the job queue was unreachable")]
        listed = await client.get("/health/ready")
        assert listed.status_code == 503
        queue = next(d for d in listed.json()["dependencies"] if d["name"] == "job-queue")
        assert queue["status"] == "unhealthy"
