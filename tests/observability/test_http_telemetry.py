"""HTTP requests through the real app: span names, metric labels, log correlation."""

from __future__ import annotations

import json
import logging

import pytest
from litestar import Litestar, get
from litestar.params import FromPath
from litestar.testing import AsyncTestClient, create_async_test_client
from opentelemetry.trace import SpanKind, format_trace_id
from otel_memory import Telemetry

from accessibility_analyzer.api.app import create_app
from accessibility_analyzer.observability.otel_plugin import build_otel_plugin
from accessibility_analyzer.observability.setup import setup_telemetry
from accessibility_analyzer.settings import Settings

API_KEY = "observability-test-key-0001"


def _server_spans(telemetry: Telemetry) -> list:
    return [s for s in telemetry.finished_spans() if s.kind is SpanKind.SERVER]


@get("/items/{item_id:int}", sync_to_thread=False)
def read_item(item_id: FromPath[int]) -> dict[str, int]:
    return {"id": item_id}


async def test_server_span_is_named_after_the_route_template(telemetry: Telemetry) -> None:
    """The span name and http.route carry the template, never the id from the raw path."""
    async with create_async_test_client(
        [read_item], plugins=[build_otel_plugin()], logging_config=None
    ) as client:
        assert (await client.get("/items/42")).status_code == 200
        assert (await client.get("/items/43")).status_code == 200

    spans = _server_spans(telemetry)
    assert [span.name for span in spans] == ["GET /items/{item_id}"] * 2
    assert {span.attributes["http.route"] for span in spans} == {"/items/{item_id}"}
    assert all("42" not in span.name for span in spans)


async def test_unknown_path_gets_a_bounded_span_name_and_no_route(telemetry: Telemetry) -> None:
    """A 404 span is named by the method alone, so random paths cannot create new names."""
    async with create_async_test_client(
        [read_item], plugins=[build_otel_plugin()], logging_config=None
    ) as client:
        assert (await client.get("/no/such/path/123")).status_code == 404

    (span,) = _server_spans(telemetry)
    assert span.name == "GET"
    assert "http.route" not in span.attributes


async def test_real_app_traces_requests_but_not_probes(
    telemetry: Telemetry, settings: Settings
) -> None:
    """The app's OTel plugin spans /openapi.json and leaves /health probes out entirely."""
    async with AsyncTestClient(app=create_app(settings)) as client:
        assert (await client.get("/health")).status_code == 200
        assert (await client.get("/health/ready")).status_code in {200, 503}
        assert (await client.get("/openapi.json")).status_code == 200

    names = [span.name for span in _server_spans(telemetry)]
    assert names == ["GET /openapi.json"]
    durations = telemetry.collect_metrics()["http.server.request.duration"]
    routes = {
        point.attributes.get("http.route")
        for metric in durations
        for point in metric.data.data_points
    }
    assert routes == {"/openapi.json"}  # stable semconv: seconds, labelled by template
    (metric,) = durations
    assert metric.unit == "s"


async def test_logs_inside_a_request_carry_its_trace_id(
    telemetry: Telemetry, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """A log line written by a handler has the request's trace id in stdout JSON and in OTLP."""
    marker = "handler says hello"

    @get("/_test/log", sync_to_thread=False)
    def log_something() -> dict[str, bool]:
        logging.getLogger("accessibility_analyzer.test").warning(marker)
        return {"ok": True}

    app = create_app(settings)
    app.register(log_something)
    async with AsyncTestClient(app=app) as client:
        assert (await client.get("/_test/log")).status_code == 200

    (span,) = [s for s in _server_spans(telemetry) if s.name == "GET /_test/log"]
    trace_id = format_trace_id(span.context.trace_id)

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if "{" in line]
    (json_line,) = [line for line in lines if line.get("message") == marker]
    assert json_line["trace_id"] == trace_id
    assert json_line["span_id"]

    otel_records = [r for r in telemetry.log_records() if r.log_record.body == marker]
    assert len(otel_records) == 1, "exactly one OTel record: one handler, no duplicates"
    assert format_trace_id(otel_records[0].log_record.trace_id) == trace_id


async def test_exported_logs_mask_api_keys(
    telemetry: Telemetry, settings_factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key that slips into a log message never reaches the OTLP log pipeline."""
    settings = settings_factory(API_KEYS=f"ci:{API_KEY}")
    handle = setup_telemetry(settings, "a11y-test")
    try:
        logging.getLogger("accessibility_analyzer.test").warning("oops %s", API_KEY)
    finally:
        handle.shutdown()
    bodies = [str(r.log_record.body) for r in telemetry.log_records()]
    assert any("oops [REDACTED]" in body for body in bodies)
    assert not any(API_KEY in body for body in bodies)


def test_setup_twice_keeps_one_log_handler(settings: Settings) -> None:
    """Building a second app in the same process does not duplicate exported log lines."""
    from opentelemetry.instrumentation.logging.handler import LoggingHandler

    first = setup_telemetry(settings, "a11y-test")
    second = setup_telemetry(settings, "a11y-test")
    try:
        handlers = [h for h in logging.getLogger().handlers if isinstance(h, LoggingHandler)]
        assert handlers == [second.log_handler]
    finally:
        second.shutdown()
        first.shutdown()
    assert not [h for h in logging.getLogger().handlers if isinstance(h, LoggingHandler)]


def test_probe_paths_are_excluded(settings: Settings) -> None:
    """The plugin's exclusion list covers every probe path the app serves."""
    app: Litestar = create_app(settings)
    probes = [route.path for route in app.routes if route.path.startswith("/health")]
    assert probes, "the app serves health probes"
    plugin = build_otel_plugin()
    patterns = plugin.config.exclude
    assert isinstance(patterns, list)
    import re

    assert all(any(re.match(p, path) for p in patterns) for path in probes)
