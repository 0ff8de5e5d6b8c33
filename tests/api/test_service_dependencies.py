"""Handlers reach services through typed dependencies, never through ``app.state``.

The providers of ``api/dependencies.py`` check each service's type, the job queue (a
runtime-checkable Protocol) included, so a lifespan that left the wrong thing on
``app.state`` fails in one place, by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar, Request
from litestar.testing import AsyncTestClient

import accessibility_analyzer.api.controllers as controllers
from accessibility_analyzer.api.dependencies import provide_job_queue, provide_llm_client
from accessibility_analyzer.jobs.queue import JobQueue, LocalQueue


def _request(app: Litestar) -> Request[Any, Any, Any]:
    return Request({"type": "http", "litestar_app": app, "app": app, "headers": []})  # type: ignore[typeddict-item]


async def test_the_job_queue_of_the_running_app_is_provided_typed(
    app: Litestar, client: AsyncTestClient[Litestar]
) -> None:
    queue = provide_job_queue(_request(app))
    assert isinstance(queue, LocalQueue)
    assert isinstance(queue, JobQueue)
    assert provide_llm_client(_request(app)) is app.state.llm


async def test_a_wrong_object_on_app_state_fails_by_name(
    app: Litestar, client: AsyncTestClient[Litestar]
) -> None:
    app.state.job_queue = "not a queue"
    with pytest.raises(RuntimeError, match=r"app\.state\.job_queue is not a JobQueue"):
        provide_job_queue(_request(app))
    app.state.llm = object()
    with pytest.raises(RuntimeError, match=r"app\.state\.llm is not a LLMClient"):
        provide_llm_client(_request(app))


def test_no_controller_reads_app_state() -> None:
    folder = Path(controllers.__file__).parent
    readers = [path.name for path in folder.glob("*.py") if "app.state" in path.read_text()]
    assert readers == []
