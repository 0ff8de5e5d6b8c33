"""An LLM call that fails once and then answers shows both attempts, the retry and metrics.

The LLM layer is not built yet, so this drives the helpers it will use (``llm_call_span``,
``llm_attempt_span``, the stamina retry hook) with httpx and stamina against a real HTTP
server on 127.0.0.1 that answers 503 once and then 200.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
import stamina
from opentelemetry.trace import SpanKind, StatusCode
from otel_memory import Telemetry

from accessibility_analyzer.observability.instrumentation import instrument_httpx
from accessibility_analyzer.observability.names import Attr, Metric, SpanEvent, SpanName
from accessibility_analyzer.observability.retry_hook import install_retry_hook
from accessibility_analyzer.observability.tracing import llm_attempt_span, llm_call_span


class _FlakyHandler(BaseHTTPRequestHandler):
    failures_left = 1

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if _FlakyHandler.failures_left > 0:
            _FlakyHandler.failures_left -= 1
            self.send_response(503)
            self.end_headers()
            return
        body = json.dumps({"choices": [{"message": {"content": "<img alt='Logo'>"}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def flaky_server() -> Iterator[str]:
    _FlakyHandler.failures_left = 1
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FlakyHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _is_retryable(error: Exception) -> bool:
    if isinstance(error, httpx.HTTPStatusError):
        return error.response.status_code >= 500 or error.response.status_code == 429
    return isinstance(error, httpx.TransportError)


async def test_llm_call_with_one_retry_shows_the_attempts(
    telemetry: Telemetry, flaky_server: str
) -> None:
    """Two attempt spans (503 then 200) under one call span with a retry event; metrics count it."""
    install_retry_hook()
    instrument_httpx()
    with stamina.set_testing(True, attempts=3):  # no backoff sleeps, same retry semantics
        async with httpx.AsyncClient(base_url=flaky_server, timeout=5) as client:
            with llm_call_span("openai", "gpt-4o-mini") as call:
                async for attempt in stamina.retry_context(on=_is_retryable, attempts=3):
                    with attempt, llm_attempt_span() as current:
                        response = await client.post("/v1/chat/completions", json={"q": 1})
                        current.status = f"http_{response.status_code}"
                        response.raise_for_status()
    assert call.attempts == 2
    assert response.json()["choices"]

    spans = telemetry.finished_spans()
    attempts = sorted(
        (s for s in spans if s.name == SpanName.LLM_ATTEMPT),
        key=lambda s: s.attributes[Attr.LLM_ATTEMPT],
    )
    (call_span,) = [s for s in spans if s.name == SpanName.LLM_CALL]
    assert [s.attributes[Attr.LLM_ATTEMPT] for s in attempts] == [1, 2]
    assert [s.attributes[Attr.HTTP_STATUS] for s in attempts] == [503, 200]
    assert attempts[0].status.status_code is StatusCode.ERROR
    assert attempts[1].status.status_code is not StatusCode.ERROR
    assert all(s.parent.span_id == call_span.context.span_id for s in attempts)
    assert all(s.kind is SpanKind.CLIENT for s in attempts)
    assert call_span.attributes[Attr.LLM_PROVIDER] == "openai"
    assert call_span.attributes[Attr.LLM_STATUS] == "http_200"
    (retry,) = [e for e in call_span.events if e.name == SpanEvent.RETRY]
    assert retry.attributes[Attr.RETRY_NUM] == 1
    assert retry.attributes[Attr.ERROR_TYPE] == "HTTPStatusError"
    # httpx's own client spans sit under each attempt: the HTTP call is visible end to end.
    http_spans = [s for s in spans if s.name == "POST" and s.kind is SpanKind.CLIENT]
    assert {s.parent.span_id for s in http_spans} == {s.context.span_id for s in attempts}

    collected = telemetry.collect_metrics()
    (retries,) = collected[Metric.LLM_RETRIES.name]
    (point,) = retries.data.data_points
    assert point.value == 1
    assert point.attributes[Attr.LLM_PROVIDER] == "openai"
    (calls,) = collected[Metric.LLM_CALLS.name]
    (point,) = calls.data.data_points
    assert point.value == 1
    assert point.attributes[Attr.LLM_STATUS] == "http_200"
    assert Metric.LLM_FAILURES.name not in collected
    assert Metric.LLM_DURATION.name in collected


async def test_llm_call_that_keeps_failing_counts_a_failure(
    telemetry: Telemetry, flaky_server: str
) -> None:
    """When every attempt fails, the call is counted as a failure with the last status."""
    _FlakyHandler.failures_left = 10
    install_retry_hook()
    with stamina.set_testing(True, attempts=2), pytest.raises(httpx.HTTPStatusError):
        async with httpx.AsyncClient(base_url=flaky_server, timeout=5) as client:
            with llm_call_span("anthropic", "claude"):
                async for attempt in stamina.retry_context(on=_is_retryable, attempts=2):
                    with attempt, llm_attempt_span() as current:
                        response = await client.post("/v1/messages", json={})
                        current.status = f"http_{response.status_code}"
                        response.raise_for_status()

    collected = telemetry.collect_metrics()
    (failures,) = collected[Metric.LLM_FAILURES.name]
    (point,) = failures.data.data_points
    assert dict(point.attributes) == {
        Attr.LLM_PROVIDER: "anthropic",
        Attr.LLM_MODEL: "claude",
        Attr.LLM_STATUS: "http_503",
    }
    (call_span,) = [s for s in telemetry.finished_spans() if s.name == SpanName.LLM_CALL]
    assert call_span.status.status_code is StatusCode.ERROR


def test_attempt_span_outside_a_call_is_a_programming_error() -> None:
    """llm_attempt_span needs the enclosing call for provider, model and attempt count."""
    with pytest.raises(RuntimeError, match="inside llm_call_span"), llm_attempt_span():
        pass
