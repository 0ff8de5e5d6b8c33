"""The real flow (upload -> analysis -> report) through the app, and what telemetry it leaves.

* request -> job -> page spans form one trace;
* every series and label a Grafana dashboard queries is emitted under exactly that name.
"""

from __future__ import annotations

import asyncio
import io
import time
import zipfile
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
import stamina
from dashboards import dashboard_files, parse_promql, prometheus_queries
from litestar import Litestar
from litestar.testing import AsyncTestClient
from opentelemetry.sdk.metrics.export import Metric as MetricData
from opentelemetry.trace import SpanKind
from otel_memory import Telemetry
from test_llm_retry import _FlakyHandler

from accessibility_analyzer.api.app import create_app
from accessibility_analyzer.llm import CircuitOpen, LLMClient, ProviderError, StructuredRequest
from accessibility_analyzer.llm.breaker import ProviderBreaker
from accessibility_analyzer.llm.providers.openai_chat import OpenAIChat
from accessibility_analyzer.observability.names import (
    ALL_METRICS,
    SpanName,
    metric_for_series,
    prometheus_label,
)
from accessibility_analyzer.observability.retry_hook import install_retry_hook
from accessibility_analyzer.settings import Secret

# Labels Prometheus adds itself (`le` for buckets) or takes from the resource.
_NOT_FROM_ATTRIBUTES = frozenset({"le", "job", "instance", "service_name"})


def _page(index: int) -> bytes:
    return (
        f'<!doctype html><html lang="en"><head><title>Page {index}</title>'
        '<link rel="stylesheet" href="/site.css"></head><body><main>'
        f'<h1>Page {index}</h1><img src="a.png"><a href="#x"></a>'
        '<p class="faint">text</p><input type="text"></main></body></html>'
    ).encode()


def _site_zip(pages: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(pages):
            archive.writestr(f"page-{index}.html", _page(index))
        archive.writestr("site.css", b".faint { color: #ccc; background: #fff }")
    return buffer.getvalue()


async def _analyse(client: AsyncTestClient[Litestar], pages: int = 3) -> dict[str, Any]:
    """Create a session, upload a small site, analyse it and wait for the end."""
    created = await client.post("/api/v1/sessions", json={"name": "telemetry"})
    assert created.status_code == 201, created.text
    session_id = created.json()["id"]
    uploaded = await client.post(
        f"/api/v1/sessions/{session_id}/documents",
        files={"files": ("site.zip", _site_zip(pages), "application/zip")},
    )
    assert uploaded.status_code == 201, uploaded.text
    started = await client.post(f"/api/v1/sessions/{session_id}/analyses")
    assert started.status_code == 202, started.text
    analysis_id = started.json()["id"]
    deadline = time.monotonic() + 90
    while True:
        status = await client.get(f"/api/v1/analyses/{analysis_id}")
        assert status.status_code == 200, status.text
        analysis: dict[str, Any] = status.json()
        if analysis["status"] in {"completed", "failed"}:
            return analysis
        assert time.monotonic() < deadline, analysis
        await asyncio.sleep(0.05)


@pytest.fixture
def flow_settings(settings_factory):  # type: ignore[no-untyped-def]
    def build(**environment: str):  # type: ignore[no-untyped-def]
        return settings_factory(ENGINE_PROCESSES="1", **environment)

    return build


async def test_an_analysis_is_one_trace_from_request_to_pages(
    telemetry: Telemetry, flow_settings: Any
) -> None:
    """The request that starts an analysis is the parent of the job span, pages its children."""
    async with AsyncTestClient(app=create_app(flow_settings())) as client:
        analysis = await _analyse(client, pages=3)
    assert analysis["status"] == "completed"

    spans = telemetry.finished_spans()
    (request,) = [
        s
        for s in spans
        if s.kind is SpanKind.SERVER
        and s.name.startswith("POST /api/v1/sessions/{")
        and s.name.endswith("/analyses")
    ]
    (job,) = [s for s in spans if s.name == SpanName.ANALYSIS_JOB]
    pages = [s for s in spans if s.name == SpanName.PAGE]
    assert job.context.trace_id == request.context.trace_id
    assert job.parent is not None and job.parent.span_id == request.context.span_id
    assert job.kind is SpanKind.CONSUMER
    assert job.attributes["a11y.analysis.id"] == analysis["id"]
    assert len(pages) == 3
    assert {p.context.trace_id for p in pages} == {request.context.trace_id}
    assert {p.parent.span_id for p in pages if p.parent} == {job.context.span_id}
    assert all(p.attributes["a11y.findings.count"] > 0 for p in pages)
    assert "{" in request.name and analysis["sessionId"] not in request.name


def _emitted(collected: Mapping[str, list[MetricData]]) -> dict[str, set[str]]:
    """Metric name -> Prometheus label names seen on its data points."""
    labels: dict[str, set[str]] = {}
    for name, metrics in collected.items():
        seen = labels.setdefault(name, set())
        for metric in metrics:
            for point in metric.data.data_points:
                seen.update(prometheus_label(key) for key in (point.attributes or {}))
    return labels


async def _llm_call_with_a_retry(base_url: str) -> None:
    """The real LLM client: one call retried once, one failing on every attempt (which opens
    a breaker with threshold 1), and one failing fast on the open breaker."""
    adapter = OpenAIChat(
        name="openai", model="gpt-4o-mini", base_url=f"{base_url}/v1", api_key=Secret("sk-test")
    )
    breaker = ProviderBreaker("openai", threshold=1, recovery_seconds=60)
    client = LLMClient(adapter, max_attempts=2, breaker=breaker)
    ask = StructuredRequest(schema_name="submit_answer", system="Judge.", user="Is it?")
    try:
        with stamina.set_testing(True, attempts=100, cap=True):  # no sleeps, 2 attempts
            _FlakyHandler.failures_left = 1
            assert (await client.structured(ask)).attempts == 2
            _FlakyHandler.failures_left = 10
            with pytest.raises(ProviderError):
                await client.structured(ask)
            with pytest.raises(CircuitOpen):
                await client.structured(ask)
    finally:
        await client.aclose()


@pytest.fixture
def llm_server() -> Iterator[str]:
    import threading
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), _FlakyHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def test_every_dashboard_query_is_fed_by_the_service(
    telemetry: Telemetry, flow_settings: Any, llm_server: str
) -> None:
    """Run the flow, a failing analysis, a rejected upload, cleanup and an LLM call; then
    every series each dashboard panel queries, with its labels, must have been emitted."""
    install_retry_hook()
    app = create_app(flow_settings())
    async with AsyncTestClient(app=app) as client:
        analysis = await _analyse(client, pages=3)
        assert analysis["status"] == "completed"
        for _ in range(2):  # the second read is served from the cache
            report = await client.get(f"/api/v1/analyses/{analysis['id']}/report?format=json")
            assert report.status_code == 200
        session = (await client.post("/api/v1/sessions", json={"name": "bad"})).json()["id"]
        refused = await client.post(
            f"/api/v1/sessions/{session}/documents",
            files={"files": ("tool.exe", b"MZ\x90\x00", "application/octet-stream")},
        )
        assert 400 <= refused.status_code < 500
        await _llm_call_with_a_retry(llm_server)
    # An analysis past its time limit fails (the failure counters get their series), and its
    # session expires within a second, so cleanup has files to remove.
    short_lived = create_app(
        flow_settings(ANALYSIS_TIME_LIMIT_SECONDS="0.001", SESSION_EXPIRY_HOURS="0.0003")
    )
    async with AsyncTestClient(app=short_lived) as client:
        assert (await _analyse(client, pages=1))["status"] == "failed"
        await asyncio.sleep(1.2)
        run = await short_lived.state.cleanup.run_once()
        assert run.bytes_freed > 0

    emitted = _emitted(telemetry.collect_metrics())
    queries = prometheus_queries()
    assert len(dashboard_files()) >= 4 and queries
    problems = []
    for query in queries:
        specs = []
        for series in sorted(query.series):
            spec = metric_for_series(series)
            if spec is None:
                problems.append(f"{query.dashboard} / {query.panel}: {series} is not declared")
            elif spec.name not in emitted:
                problems.append(f"{query.dashboard} / {query.panel}: {spec.name} never emitted")
            else:
                specs.append(spec)
        available = set().union(*(emitted[spec.name] for spec in specs)) if specs else set()
        missing = query.labels - _NOT_FROM_ATTRIBUTES - available
        if specs and missing:
            problems.append(f"{query.dashboard} / {query.panel}: no labels {sorted(missing)}")
    assert not problems, "\n".join(problems)


def test_the_promql_reader_finds_series_and_labels() -> None:
    """The dashboard test's PromQL reader sees through functions, ranges and matchers."""
    series, labels = parse_promql(
        "histogram_quantile(0.95, sum by (le, http_route) (rate("
        'http_server_request_duration_seconds_bucket{http_response_status_code=~"5.."}'
        "[$__rate_interval]))) / sum(rate(a11y_findings_total[5m])) * 60"
    )
    assert series == {"http_server_request_duration_seconds_bucket", "a11y_findings_total"}
    assert labels == {"le", "http_route", "http_response_status_code"}


def test_every_declared_metric_is_on_a_dashboard_or_known_unused() -> None:
    """New metrics get a panel: only these are deliberately left off the dashboards."""
    on_dashboards = {
        spec.name
        for query in prometheus_queries()
        for series in query.series
        if (spec := metric_for_series(series)) is not None
    }
    unused = {spec.name for spec in ALL_METRICS} - on_dashboards
    assert unused == {
        "a11y.retries",  # retries outside LLM calls: none exist yet
        "http.server.request.body.size",
        "http.server.response.body.size",
    }
