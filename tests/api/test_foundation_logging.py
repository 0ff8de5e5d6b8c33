"""Structured logs: JSON lines with request id, trace ids and context; access lines; no keys."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from foundation_probe import AppBuilder
from litestar.testing import AsyncTestClient
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

from accessibility_analyzer.observability.logging import configure_logging

KEY = "ci-very-secret-key-0001"


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


async def test_request_logs_are_json_lines_with_request_id_and_context(
    build_app: AppBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    app = build_app(API_KEYS=f"ci:{KEY}")
    async with AsyncTestClient(app) as client:
        capsys.readouterr()
        response = await client.get(
            "/api/v1/probe/log", headers={"X-API-Key": KEY, "X-Request-ID": "req-42"}
        )
    assert response.status_code == 200
    lines = json_lines(capsys.readouterr().out)
    handled = next(line for line in lines if line["message"] == "probe handled")
    assert handled["request_id"] == "req-42"
    assert handled["probe_field"] == 42
    assert handled["level"] == "INFO"
    assert handled["logger"] == "probe"
    assert handled["timestamp"].endswith("Z")

    access = next(line for line in lines if line["logger"] == "accessibility_analyzer.access")
    assert access["method"] == "GET"
    assert access["route"] == "/api/v1/probe/log"
    assert access["status"] == 200
    assert access["duration_ms"] >= 0
    assert access["request_id"] == "req-42"
    assert access["identity"] == "ci"


async def test_one_access_line_per_request_with_route_template(
    build_app: AppBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    async with AsyncTestClient(build_app()) as client:
        capsys.readouterr()
        await client.get("/api/v1/probe/items/17")
        await client.get("/no/such/page")
        await client.get("/api/v1/probe/boom")
    access = [
        line
        for line in json_lines(capsys.readouterr().out)
        if line["logger"] == "accessibility_analyzer.access"
    ]
    assert [(a["route"], a["status"]) for a in access] == [
        ("/api/v1/probe/items/{item_id}", 200),
        ("<unmatched>", 404),
        ("/api/v1/probe/boom", 500),
    ]
    assert len({a["request_id"] for a in access}) == 3


async def test_keys_never_reach_the_logs(
    build_app: AppBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    app = build_app(API_KEYS=f"ci:{KEY}", OPENAI_API_KEY="sk-openai-secret-0002")
    async with AsyncTestClient(app) as client:
        await client.get("/api/v1/probe/whoami", headers={"X-API-Key": KEY})
        await client.get("/api/v1/probe/whoami", headers={"Authorization": f"Bearer {KEY}"})
        await client.get("/api/v1/probe/whoami", headers={"X-API-Key": "wrong-key-0003"})
        await client.get("/api/v1/probe/boom", headers={"X-API-Key": KEY})
        # Even a careless log call with a configured secret is masked.
        logging.getLogger("careless").warning("calling with %s", KEY)
        logging.getLogger("careless").warning("provider key", extra={"k": "sk-openai-secret-0002"})
    output = capsys.readouterr().out
    assert output
    assert KEY not in output
    assert "sk-openai-secret-0002" not in output
    assert "[REDACTED]" in output


def test_trace_and_span_ids_of_the_active_span_are_logged(
    settings_factory: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(settings_factory())
    context = SpanContext(
        trace_id=0x0AF7651916CD43DD8448EB211C80319C,
        span_id=0x00F067AA0BA902B7,
        is_remote=False,
        trace_flags=TraceFlags(TraceFlags.SAMPLED),
    )
    with trace.use_span(NonRecordingSpan(context)):
        logging.getLogger("traced").info("inside a span")
    logging.getLogger("traced").info("outside")
    inside, outside = [
        line for line in json_lines(capsys.readouterr().out) if line["logger"] == "traced"
    ]
    assert inside["trace_id"] == "0af7651916cd43dd8448eb211c80319c"
    assert inside["span_id"] == "00f067aa0ba902b7"
    assert "trace_id" not in outside


def test_text_format_and_log_file(
    settings_factory: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = tmp_path / "a11y.log"
    configure_logging(
        settings_factory(LOG_JSON_FORMAT="false", LOG_FILE=str(log_file), LOG_LEVEL="warning")
    )
    logging.getLogger("plain").info("not shown at WARNING")
    logging.getLogger("plain").warning("disk nearly full", extra={"free_bytes": 12})
    output = capsys.readouterr().out
    assert "not shown" not in output
    line = next(line for line in output.splitlines() if "disk nearly full" in line)
    assert not line.startswith("{")
    assert "WARNING" in line
    assert "free_bytes=12" in line
    assert "disk nearly full" in log_file.read_text()


def test_configuring_twice_does_not_duplicate_lines(
    settings_factory: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(settings_factory())
    configure_logging(settings_factory())
    logging.getLogger("once").warning("exactly once")
    assert capsys.readouterr().out.count("exactly once") == 1


async def test_readiness_probes_log_only_their_access_line(
    build_app: AppBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    """Alembic's "Context impl ..." lines came with every /health/ready (it reads the
    schema revision): two lines per probe, every few seconds, forever."""
    app = build_app()
    async with AsyncTestClient(app) as client:
        startup = json_lines(capsys.readouterr().out)
        for _ in range(3):
            assert (await client.get("/health/ready")).status_code == 200
    lines = json_lines(capsys.readouterr().out)
    assert [line["message"] for line in lines if line["logger"].startswith("alembic")] == []
    assert not [line for line in startup if line["logger"] == "alembic.runtime.plugins"]
