"""Through arq: the job a request enqueues runs in a worker, in the request's trace."""

from __future__ import annotations

import uuid
import warnings
from pathlib import Path

import pytest
from arq.worker import create_worker
from litestar.testing import AsyncTestClient
from opentelemetry.trace import SpanKind
from otel_memory import Telemetry

from accessibility_analyzer.api.app import create_app
from accessibility_analyzer.jobs.queue import arq_connection
from accessibility_analyzer.jobs.worker import worker_options
from accessibility_analyzer.observability.names import Metric, SpanName
from accessibility_analyzer.settings import Settings

pytestmark = pytest.mark.valkey

PAGE = b'<!doctype html><html lang="en"><title>t</title><img src="a.png"></html>'


async def test_the_arq_job_continues_the_request_trace(
    telemetry: Telemetry, valkey_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """POST .../analyses -> arq job in a worker -> pages: one trace; wait and depth recorded."""
    queue_name = f"a11y-otel-{uuid.uuid4().hex[:12]}"
    environment = {
        "DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'otel.sqlite3'}",
        "VALKEY_URL": valkey_url,
        "VALKEY_NAMESPACE": f"a11y_otel_{uuid.uuid4().hex[:8]}",
        "JOB_QUEUE_NAME": queue_name,
        "ENGINE_PROCESSES": "1",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)  # the worker's start-up reads the environment

    app = create_app(Settings.from_env())
    async with AsyncTestClient(app=app) as client:
        session = (await client.post("/api/v1/sessions", json={"name": "arq"})).json()["id"]
        uploaded = await client.post(
            f"/api/v1/sessions/{session}/documents",
            files={"files": ("index.html", PAGE, "text/html")},
        )
        assert uploaded.status_code == 201, uploaded.text
        started = await client.post(f"/api/v1/sessions/{session}/analyses")
        assert started.status_code == 202, started.text

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
        status = await client.get(f"/api/v1/analyses/{started.json()['id']}")
        assert status.json()["status"] == "completed"

    redis = arq_connection(valkey_url, timeout_seconds=2, queue_name=queue_name)
    await redis.delete(queue_name, f"{queue_name}:health-check")
    await redis.aclose(close_connection_pool=True)

    spans = telemetry.finished_spans()
    (request,) = [s for s in spans if s.kind is SpanKind.SERVER and s.name.endswith("/analyses")]
    (job,) = [s for s in spans if s.name == SpanName.ANALYSIS_JOB]
    (page,) = [s for s in spans if s.name == SpanName.PAGE]
    assert job.context.trace_id == request.context.trace_id
    assert job.parent is not None and job.parent.span_id == request.context.span_id
    assert page.parent is not None and page.parent.span_id == job.context.span_id

    collected = telemetry.collect_metrics()
    assert Metric.JOB_WAIT_TIME.name in collected
    assert Metric.QUEUE_DEPTH.name in collected
    assert Metric.ANALYSES_COMPLETED.name in collected
