"""Engine processes die with the process that owns their pool, even when it is SIGKILLed.

Before, a SIGKILLed `a11y worker` (or `a11y serve` running analyses in-process) left its fork
server, resource tracker and engine processes running for good (~180 MB).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from process_helpers import WorkerProcess, command_line, descendants, running, wait_for

from accessibility_analyzer.jobs.orphan_guard import owner_alive

pytestmark = pytest.mark.slow

# What `a11y serve` does in embedded mode: an event loop owning an EnginePool.
_POOL_OWNER = textwrap.dedent(
    """
    import asyncio, sys, time
    from accessibility_analyzer.jobs.pool import EnginePool
    pool = EnginePool(2)
    asyncio.run(pool.warm_up())
    print("ready", flush=True)
    time.sleep(120)
    """
)


def _kill_and_check_no_child_survives(pid: int, process: subprocess.Popen[bytes]) -> float:
    tree = descendants(pid)
    names = " | ".join(command_line(child) for child in tree)
    assert "forkserver" in names, names
    assert len(tree) >= 4, names  # fork server, resource tracker, engine processes
    os.kill(pid, signal.SIGKILL)
    process.wait(timeout=10)
    try:
        return wait_for(
            lambda: not any(running(child) for child in tree), 10, "engine processes end"
        )
    finally:
        for child in tree:  # never leave them behind, even when the test fails
            if running(child):
                os.kill(child, signal.SIGKILL)


def test_a_sigkilled_pool_owner_leaves_no_process_behind() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", _POOL_OWNER], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    ) as owner:
        try:
            assert owner.stdout is not None
            line = owner.stdout.readline()
            assert line == b"ready\n", line + owner.stdout.read()
            _kill_and_check_no_child_survives(owner.pid, owner)
        finally:
            if owner.poll() is None:
                owner.kill()


def test_a_sigkilled_worker_leaves_no_process_behind(tmp_path: Path, valkey_url: str) -> None:
    environment = {
        "DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'jobs.sqlite3'}",
        "VALKEY_URL": valkey_url,
        "JOB_QUEUE_NAME": f"a11y-test-{uuid.uuid4().hex[:12]}",
        "ENGINE_PROCESSES": "2",
        "LOG_JSON_FORMAT": "false",
    }
    worker = WorkerProcess(environment, tmp_path / "worker.log")
    try:
        wait_for(lambda: "worker ready" in worker.logs(), 60, "the worker starts")
        seconds = _kill_and_check_no_child_survives(worker.pid, worker.process)
        assert seconds < 10
    finally:
        worker.stop()


def test_owner_alive_tells_a_live_process_from_a_gone_one() -> None:
    assert owner_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not owner_alive(child.pid)
