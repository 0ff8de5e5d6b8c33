"""Tracer accessor, trace context through jobs, and spans for jobs, pages and LLM calls.

Like the metrics, everything here works before (or without) telemetry setup: the global proxy
tracer hands out non-recording spans until a tracer provider is installed.

Job propagation: the code that enqueues a job calls :func:`inject_context` and passes the
returned ``dict[str, str]`` with the job (it is plain data, so it survives msgpack); the job
wraps its work in :func:`job_span`, which makes the job span a child of the request span
that enqueued it, in the same trace.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, Tracer, TracerProvider
from opentelemetry.util.types import AttributeValue

from accessibility_analyzer import __version__
from accessibility_analyzer.observability import metrics
from accessibility_analyzer.observability.names import SCOPE, Attr, SpanName

P = ParamSpec("P")
R = TypeVar("R")

_tracer_provider: TracerProvider | None = None


def bind_tracer_provider(provider: TracerProvider | None) -> None:
    """Make :func:`tracer` use ``provider`` (``None``: the global one again)."""
    global _tracer_provider  # noqa: PLW0603 - one binding per process, set by setup_telemetry
    _tracer_provider = provider


def tracer() -> Tracer:
    """Return the service's tracer (from the bound provider, else the global one)."""
    if _tracer_provider is not None:
        return _tracer_provider.get_tracer(SCOPE, __version__)
    return trace.get_tracer(SCOPE, __version__)


def current_trace_id() -> str | None:
    """Return the active span's trace id as 32 hex digits, or ``None`` outside a trace."""
    span_context = trace.get_current_span().get_span_context()
    return trace.format_trace_id(span_context.trace_id) if span_context.is_valid else None


def traced(name: str) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Awaitable[R]]]:
    """Decorate an async function so each call runs in a span called ``name``."""

    def decorate(function: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
        @functools.wraps(function)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with tracer().start_as_current_span(name):
                return await function(*args, **kwargs)

        return wrapper

    return decorate


# --- propagation through jobs -----------------------------------------------------------------


def inject_context() -> dict[str, str]:
    """Serialise the active trace context (W3C ``traceparent``/``tracestate``) for a job."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


@contextmanager
def extracted_context(carrier: Mapping[str, str] | None) -> Iterator[None]:
    """Run the block inside the trace context carried by ``carrier`` (``None``: as is)."""
    if not carrier:
        yield
        return
    token = otel_context.attach(propagate.extract(dict(carrier)))
    try:
        yield
    finally:
        otel_context.detach(token)


@contextmanager
def job_span(
    analysis_id: str,
    *,
    trace_context: Mapping[str, str] | None = None,
    job_id: str | None = None,
    attempt: int | None = None,
    enqueued_at: float | None = None,
    queue: str = "analyses",
    system: str | None = None,
) -> Iterator[Span]:
    """Span one background analysis run, continuing the trace of the request that enqueued it.

    Args:
        analysis_id: The analysis the job works on.
        trace_context: What :func:`inject_context` returned at enqueue time.
        job_id: The queue's job id, when it differs from the analysis id.
        attempt: Which try this is (arq's ``job_try``), 1-based.
        enqueued_at: Enqueue time as a UNIX timestamp in seconds; when given, the wait is
            recorded in the ``a11y.job.wait_time`` histogram.
        queue: Queue name, for the wait-time metric and the span.
        system: ``arq`` or ``local``, when the caller knows.

    The span records an exception escaping the block and is marked as an error.
    """
    if enqueued_at is not None:
        metrics.record_job_wait(time.time() - enqueued_at, queue)
    attributes: dict[str, AttributeValue] = {
        Attr.ANALYSIS_ID: analysis_id,
        Attr.MESSAGING_DESTINATION: queue,
        Attr.MESSAGING_MESSAGE_ID: job_id or analysis_id,
    }
    if system is not None:
        attributes[Attr.MESSAGING_SYSTEM] = system
    if attempt is not None:
        attributes["messaging.message.delivery_attempt"] = attempt
    with (
        extracted_context(trace_context),
        tracer().start_as_current_span(
            SpanName.ANALYSIS_JOB, kind=SpanKind.CONSUMER, attributes=attributes
        ) as span,
    ):
        yield span


@contextmanager
def page_span(path: str, *, document_id: str | None = None) -> Iterator[Span]:
    """Span the analysis of one page inside the current job span."""
    attributes: dict[str, AttributeValue] = {Attr.PAGE_PATH: path}
    if document_id is not None:
        attributes[Attr.DOCUMENT_ID] = document_id
    with tracer().start_as_current_span(SpanName.PAGE, attributes=attributes) as span:
        yield span


def record_page_span(
    path: str,
    *,
    start_ns: int,
    end_ns: int,
    document_id: str | None = None,
    error: str | None = None,
    findings: int | None = None,
) -> None:
    """Record a finished page as a child span of the current span, after the fact.

    For pages analysed in a worker process: the parent notes ``time.time_ns()`` when it submits
    the page and when the result arrives, then calls this, so the page still shows up in the
    trace (child processes have no telemetry of their own).
    """
    attributes: dict[str, AttributeValue] = {Attr.PAGE_PATH: path}
    if document_id is not None:
        attributes[Attr.DOCUMENT_ID] = document_id
    if findings is not None:
        attributes[Attr.FINDINGS_COUNT] = findings
    span = tracer().start_span(SpanName.PAGE, attributes=attributes, start_time=start_ns)
    if error is not None:
        span.set_status(Status(StatusCode.ERROR, error))
        span.set_attribute(Attr.ERROR_TYPE, "page_error")
    span.end(end_time=end_ns)


# --- LLM calls ----------------------------------------------------------------------------------


@dataclass
class LlmCallScope:
    """The logical LLM request in progress: what the retry hook and attempt spans read."""

    provider: str
    model: str
    attempts: int = 0
    status: str = "ok"


_llm_scope: ContextVar[LlmCallScope | None] = ContextVar("a11y_llm_scope", default=None)


def current_llm_call() -> LlmCallScope | None:
    """Return the LLM request in progress in this context, if any (used by the retry hook)."""
    return _llm_scope.get()


@contextmanager
def llm_call_span(provider: str, model: str, *, operation: str = "chat") -> Iterator[LlmCallScope]:
    """Span one logical LLM request and count it, retries included.

    Put the retry loop inside; each HTTP attempt goes in :func:`llm_attempt_span`::

        with llm_call_span("openai", "gpt-4o-mini"):
            async for attempt in stamina.retry_context(on=is_retryable, attempts=3):
                with attempt, llm_attempt_span() as call:
                    response = await client.post(...)
                    call.status = f"http_{response.status_code}"
                    response.raise_for_status()

    Records ``a11y.llm.calls`` (by provider, model, final status), ``a11y.llm.duration``, and
    ``a11y.llm.failures`` when an exception escapes. Retries show up as ``retry`` events on
    this span and in ``a11y.llm.retries`` (see :mod:`.retry_hook`).
    """
    scope = LlmCallScope(provider=provider, model=model)
    attributes: dict[str, AttributeValue] = {
        Attr.LLM_PROVIDER: provider,
        Attr.LLM_MODEL: model,
        Attr.GEN_AI_SYSTEM: provider,
        Attr.GEN_AI_MODEL: model,
        Attr.GEN_AI_OPERATION: operation,
    }
    token = _llm_scope.set(scope)
    started = time.perf_counter()
    failed = False
    try:
        with tracer().start_as_current_span(
            SpanName.LLM_CALL, kind=SpanKind.INTERNAL, attributes=attributes
        ) as span:
            try:
                yield scope
            except BaseException as error:
                failed = True
                if scope.status == "ok":
                    scope.status = type(error).__name__
                raise
            finally:
                span.set_attribute(Attr.LLM_STATUS, scope.status)
                span.set_attribute(Attr.LLM_ATTEMPT, scope.attempts)
    finally:
        _llm_scope.reset(token)
        metric_attributes: dict[str, str] = {
            Attr.LLM_PROVIDER: provider,
            Attr.LLM_MODEL: model,
            Attr.LLM_STATUS: scope.status,
        }
        ins = metrics.instruments()
        ins.llm_calls.add(1, metric_attributes)
        ins.llm_duration.record(time.perf_counter() - started, metric_attributes)
        if failed:
            ins.llm_failures.add(1, metric_attributes)


@contextmanager
def llm_attempt_span() -> Iterator[LlmCallScope]:
    """Span one HTTP attempt of the LLM request opened by :func:`llm_call_span`.

    The attempt number is counted here (1, 2, ...), so it is right with the retry decorator as
    with ``retry_context``. Set ``scope.status`` (e.g. ``http_503``) inside the block; an
    exception marks the attempt as an error and becomes the status if none was set.

    Raises:
        RuntimeError: called outside :func:`llm_call_span`.
    """
    scope = _llm_scope.get()
    if scope is None:
        raise RuntimeError("llm_attempt_span() must run inside llm_call_span()")
    scope.attempts += 1
    scope.status = "ok"
    attributes: dict[str, AttributeValue] = {
        Attr.LLM_PROVIDER: scope.provider,
        Attr.LLM_MODEL: scope.model,
        Attr.LLM_ATTEMPT: scope.attempts,
    }
    with tracer().start_as_current_span(
        SpanName.LLM_ATTEMPT, kind=SpanKind.CLIENT, attributes=attributes
    ) as span:
        try:
            yield scope
        except BaseException as error:
            if scope.status == "ok":
                scope.status = type(error).__name__
            span.set_attribute(Attr.ERROR_TYPE, scope.status)
            raise
        finally:
            span.set_attribute(Attr.LLM_STATUS, scope.status)
            code = scope.status.removeprefix("http_")
            if code != scope.status and code.isdigit():
                span.set_attribute(Attr.HTTP_STATUS, int(code))
