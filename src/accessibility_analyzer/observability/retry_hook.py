"""A stamina on-retry hook that records retries in traces and metrics.

stamina ships logging and Prometheus hooks but none for OpenTelemetry. This one adds a
``retry`` event to the active span (for an LLM request that is its ``a11y.llm.call`` span,
since the failed attempt's own span has ended by the time stamina schedules the retry) and
counts the retry: in ``a11y.llm.retries`` by provider and model inside an LLM request, in
``a11y.retries`` by callable elsewhere.
"""

from __future__ import annotations

from opentelemetry import trace
from stamina.instrumentation import (
    RetryDetails,
    get_on_retry_hooks,
    set_on_retry_hooks,
)

from accessibility_analyzer.observability import metrics, tracing
from accessibility_analyzer.observability.names import Attr, SpanEvent


def otel_on_retry(details: RetryDetails) -> None:
    """Record one scheduled retry as a span event and a counter increment."""
    error_type = type(details.caused_by).__name__
    trace.get_current_span().add_event(
        SpanEvent.RETRY,
        {
            Attr.RETRY_CALLABLE: details.name,
            Attr.RETRY_NUM: details.retry_num,
            Attr.RETRY_WAIT: details.wait_for,
            Attr.ERROR_TYPE: error_type,
        },
    )
    ins = metrics.instruments()
    llm_call = tracing.current_llm_call()
    if llm_call is not None:
        ins.llm_retries.add(
            1,
            {
                Attr.LLM_PROVIDER: llm_call.provider,
                Attr.LLM_MODEL: llm_call.model,
                Attr.ERROR_TYPE: error_type,
            },
        )
    else:
        ins.retries.add(1, {Attr.RETRY_CALLABLE: details.name, Attr.ERROR_TYPE: error_type})


def install_retry_hook() -> None:
    """Add :func:`otel_on_retry` to stamina's hooks, keeping the others (idempotent)."""
    hooks = [hook for hook in get_on_retry_hooks() if hook is not otel_on_retry]
    set_on_retry_hooks([*hooks, otel_on_retry])
