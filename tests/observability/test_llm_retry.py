"""An LLM call that fails once and then answers shows both attempts, the retry and metrics.

The first tests drive the helpers the LLM client is built on (``llm_call_span``,
``llm_attempt_span``, the stamina retry hook) with httpx and stamina; the last one drives
the client itself. All talk to a real HTTP server on 127.0.0.1 that answers 503 once, then 200.
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

from accessibility_analyzer.llm import CircuitOpen, LLMClient, ProviderError, StructuredRequest
from accessibility_analyzer.llm.breaker import ProviderBreaker
from accessibility_analyzer.llm.providers.openai_chat import OpenAIChat
from accessibility_analyzer.observability.instrumentation import instrument_httpx
from accessibility_analyzer.observability.names import Attr, Metric, SpanEvent, SpanName
from accessibility_analyzer.observability.retry_hook import install_retry_hook
from accessibility_analyzer.observability.tracing import llm_attempt_span, llm_call_span
from accessibility_analyzer.settings import Secret


class _FlakyHandler(BaseHTTPRequestHandler):
    failures_left = 1

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if _FlakyHandler.failures_left > 0:
            _FlakyHandler.failures_left -= 1
            self.send_response(503)
            self.end_headers()
            return
        answer = json.dumps({"answer": "yes", "reason": "the logo is the site's name"})
        body = json.dumps({"choices": [{"message": {"content": answer}}]}).encode()
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


async def test_the_llm_client_emits_the_call_attempts_retry_and_breaker_state(
    telemetry: Telemetry, flaky_server: str
) -> None:
    """The real client: a call span with one child per attempt, the retry, every metric."""
    install_retry_hook()
    instrument_httpx()
    adapter = OpenAIChat(
        name="openai", model="gpt-test", base_url=f"{flaky_server}/v1", api_key=Secret("sk-x")
    )
    client = LLMClient(
        adapter, max_attempts=2, breaker=ProviderBreaker("openai", threshold=1, recovery_seconds=9)
    )
    ask = StructuredRequest(schema_name="submit_answer", system="s", user="u")
    with stamina.set_testing(True, attempts=100, cap=True):
        answer = await client.structured(ask)
        _FlakyHandler.failures_left = 10
        with pytest.raises(ProviderError):
            await client.structured(ask)
        with pytest.raises(CircuitOpen):
            await client.structured(ask)
    await client.aclose()
    assert answer.attempts == 2

    spans = telemetry.finished_spans()
    calls = [s for s in spans if s.name == SpanName.LLM_CALL]
    assert [s.attributes[Attr.LLM_STATUS] for s in calls] == ["http_200", "http_503", "CircuitOpen"]
    assert [s.attributes[Attr.LLM_ATTEMPT] for s in calls] == [2, 2, 0]
    first_attempts = [
        s
        for s in spans
        if s.name == SpanName.LLM_ATTEMPT and s.parent.span_id == calls[0].context.span_id
    ]
    assert [s.attributes[Attr.LLM_STATUS] for s in first_attempts] == ["http_503", "http_200"]
    assert all(s.attributes[Attr.LLM_MODEL] == "gpt-test" for s in first_attempts)
    assert [e.name for e in calls[0].events] == [SpanEvent.RETRY]

    collected = telemetry.collect_metrics()
    statuses = {
        point.attributes[Attr.LLM_STATUS]: point.value
        for metric in collected[Metric.LLM_CALLS.name]
        for point in metric.data.data_points
    }
    assert statuses == {"http_200": 1, "http_503": 1, "CircuitOpen": 1}
    retried = sum(
        point.value for m in collected[Metric.LLM_RETRIES.name] for point in m.data.data_points
    )
    assert retried == 2
    failed = {
        point.attributes[Attr.LLM_STATUS]
        for m in collected[Metric.LLM_FAILURES.name]
        for point in m.data.data_points
    }
    assert failed == {"http_503", "CircuitOpen"}
    breaker = [
        point
        for m in collected[Metric.LLM_BREAKER_STATE.name]
        for point in m.data.data_points
        if point.attributes[Attr.LLM_PROVIDER] == "openai"
    ]
    assert breaker[-1].value == 2  # open
