"""The reconciler's decisions, against a real Valkey and both databases (one pass at a time).

The same behaviour with real processes (Valkey restarted empty, jobs expiring, workers
killed) is in ``test_recovery_processes.py``.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from arq.constants import job_key_prefix
from jobs_helpers import CSS, page
from process_helpers import free_port

from accessibility_analyzer.api.controllers.analyses import analysis_out
from accessibility_analyzer.jobs.queue import ArqQueue, LocalQueue, arq_connection, lease_key
from accessibility_analyzer.jobs.reconciler import LocalReconciler, QueueReconciler
from accessibility_analyzer.jobs.tasks import JobContext
from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage import analysis_queue as queue_state
from accessibility_analyzer.storage import analysis_runs as runs
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import Analysis

LEASE = 0.3
HELD_LEASE = 1.5  # long enough to still hold on a loaded machine when the test checks it


@pytest.fixture
async def arq_queue(valkey_url: str) -> AsyncIterator[ArqQueue]:
    name = f"a11y-reconcile-{uuid.uuid4().hex[:12]}"
    queue = ArqQueue(arq_connection(valkey_url, timeout_seconds=2, queue_name=name), name)
    yield queue
    await queue.redis.delete(name, f"a11y:reconciler-suspects:{name}")
    await queue.close()


async def _analyses(database: Database, make_site: Any, count: int) -> list[str]:
    site = await make_site({"a.html": page("A"), "css/site.css": CSS})
    return [
        (
            await repo.create_analysis(
                database, session_id=site.session_id, owner="tester", options={}, pages_total=1
            )
        ).id
        for _ in range(count)
    ]


@pytest.mark.valkey
async def test_lost_jobs_are_queued_again_after_two_sightings_then_failed(
    database: Database, make_site: Any, arq_queue: ArqQueue
) -> None:
    lost, leased, spent = await _analyses(database, make_site, 3)
    await runs.claim_analysis(database, leased)  # running, its worker holds the lease
    await arq_queue.redis.set(lease_key(leased), b"1", px=60_000)
    await queue_state.requeue(database, spent, 0, "lost once")
    await queue_state.requeue(database, spent, 1, "lost twice")
    reconciler = QueueReconciler(arq_queue, database, max_tries=3, lease_seconds=LEASE)
    redis = arq_queue.redis
    try:
        first = await reconciler.run_once()
        assert (first.unfinished, first.requeued, first.failed) == (3, [], [])  # seen once
        await asyncio.sleep(LEASE)
        second = await reconciler.run_once()

        assert second.requeued == [lost]
        assert second.failed == [spent]
        assert await redis.exists(job_key_prefix + lost)
        assert not await redis.exists(job_key_prefix + leased)
        again = await repo.get_analysis(database, lost, "tester")
        assert again is not None
        assert (again.status, again.requeues) == ("queued", 1)
        assert again.waiting_reason is not None
        assert "lost from the queue" in again.waiting_reason
        assert "delivery 2 of 3" in again.waiting_reason
        given_up = await repo.get_analysis(database, spent, "tester")
        assert given_up is not None and given_up.status == "failed"
        assert given_up.error is not None and "giving up" in given_up.error
        running = await repo.get_analysis(database, leased, "tester")
        assert running is not None and (running.status, running.requeues) == ("running", 0)

        # The job is back: later passes leave it alone; a run clears the reason.
        await asyncio.sleep(LEASE)
        assert (await reconciler.run_once()).requeued == []
        await runs.claim_analysis(database, lost)
        claimed = await repo.get_analysis(database, lost, "tester")
        assert claimed is not None and claimed.waiting_reason is None
    finally:
        await redis.delete(*(job_key_prefix + i for i in (lost, leased, spent)), lease_key(leased))


async def test_an_analysis_whose_server_process_died_is_adopted_by_another(
    database: Database, make_site: Any, job_context: JobContext
) -> None:
    (orphan,) = await _analyses(database, make_site, 1)
    dead = LocalQueue(job_context, lease_seconds=HELD_LEASE)
    # The dead process leased it and started it, then stopped renewing.
    await queue_state.take_lease(
        database, orphan, datetime.now(UTC) + timedelta(seconds=HELD_LEASE)
    )
    await runs.claim_analysis(database, orphan)
    survivor = LocalQueue(job_context, lease_seconds=HELD_LEASE)
    reconciler = LocalReconciler(survivor, max_tries=3, lease_seconds=HELD_LEASE)

    assert (await reconciler.run_once()).requeued == []  # its lease still holds
    await asyncio.sleep(HELD_LEASE + 0.1)
    adopted = await reconciler.run_once()
    await survivor.wait_idle()

    assert adopted.requeued == [orphan]
    done = await repo.get_analysis(database, orphan, "tester")
    assert done is not None
    assert (done.status, done.attempt, done.requeues) == ("completed", 2, 1)
    assert dead.accepted() == []


async def test_an_analysis_that_keeps_killing_its_server_is_failed(
    database: Database, make_site: Any, job_context: JobContext
) -> None:
    (doomed,) = await _analyses(database, make_site, 1)
    await runs.claim_analysis(database, doomed)
    await queue_state.requeue(database, doomed, 0, "resumed")
    await queue_state.requeue(database, doomed, 1, "resumed")
    await runs.claim_analysis(database, doomed)
    reconciler = LocalReconciler(
        LocalQueue(job_context, lease_seconds=LEASE), max_tries=3, lease_seconds=LEASE
    )

    run = await reconciler.run_once()

    assert run.failed == [doomed]
    failed = await repo.get_analysis(database, doomed, "tester")
    assert failed is not None and failed.status == "failed"
    assert failed.error == (
        "the server process running it stopped 3 time(s); giving up (ANALYSIS_MAX_TRIES=3)"
    )


@pytest.mark.valkey
async def test_the_queue_says_why_analyses_wait(arq_queue: ArqQueue) -> None:
    reason = await arq_queue.waiting_reason()
    assert reason is not None and reason.startswith("no worker is taking jobs")

    stamp = datetime.now().strftime("%b-%d %H:%M:%S")
    await arq_queue.redis.set(arq_queue.health_check_key, f"{stamp} j_complete=0 queued=1")
    try:
        assert await arq_queue.waiting_reason() is None
    finally:
        await arq_queue.redis.delete(arq_queue.health_check_key)

    port = free_port()  # nothing listens there
    gone = ArqQueue(arq_connection(f"redis://127.0.0.1:{port}/0", timeout_seconds=0.5), "q")
    try:
        unreachable = await gone.waiting_reason()
    finally:
        await gone.close()
    assert unreachable is not None and "unreachable" in unreachable


def test_the_api_shows_the_reason_of_a_queued_or_stalled_analysis() -> None:
    def analysis(status: str, stored: str | None) -> Analysis:
        return Analysis(
            id="a" * 32,
            session_id="s" * 32,
            owner="tester",
            status=status,
            options={},
            pages_total=2,
            pages_done=1,
            attempt=1,
            created_at=datetime.now(UTC),
            waiting_reason=stored,
        )

    lost = "its job was lost from the queue"
    no_worker = "no worker is taking jobs"
    assert analysis_out(analysis("queued", lost), queue_reason=no_worker).waiting_reason == (
        f"{lost}; {no_worker}"
    )
    assert analysis_out(analysis("queued", None)).waiting_reason is None
    assert analysis_out(analysis("running", None), queue_reason=no_worker).waiting_reason == (
        no_worker
    )
    finished = analysis("completed", None)
    assert analysis_out(finished, queue_reason=no_worker).waiting_reason is None
