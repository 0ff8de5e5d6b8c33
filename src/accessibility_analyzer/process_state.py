"""The process-wide state of the service, and the one function that resets it.

Almost everything lives on objects a process builds (the app, a worker's context, the engine
pool), but a few things are per process by design: the OpenTelemetry providers the
instruments and the tracer are bound to, the last values of gauges, and the engine workers'
result caches and rule selections. (The engine's pure memoisation, such as parsed CSS
selectors, changes no answer and is left alone.) Tests that build many apps in one process
call :func:`reset_process_state` to start from a clean slate; the service never needs it.
"""

from __future__ import annotations

from accessibility_analyzer.jobs import page_worker
from accessibility_analyzer.observability import metrics, tracing

__all__ = ["reset_process_state"]


def reset_process_state() -> None:
    """Forget every process-wide binding, cache and gauge value (as a fresh process would)."""
    tracing.bind_tracer_provider(None)
    metrics.bind_meter_provider(None)
    metrics.forget_gauge_values()
    page_worker.forget_caches()
