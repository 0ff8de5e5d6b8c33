"""One reset brings the process-wide state back to that of a fresh process."""

from __future__ import annotations

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.trace import TracerProvider

from accessibility_analyzer.jobs import page_worker
from accessibility_analyzer.observability import metrics, tracing
from accessibility_analyzer.process_state import reset_process_state


def test_reset_unbinds_providers_and_forgets_caches() -> None:
    """Bound providers, gauge values and worker caches are all gone after the reset."""
    tracer_provider = TracerProvider()
    meter_provider = MeterProvider()
    try:
        tracing.bind_tracer_provider(tracer_provider)
        bound = metrics.bind_meter_provider(meter_provider)
        page_worker._rules_by_selection[("image-alt",)] = ()
        metrics._last_values["probe"] = {(): 1.0}

        reset_process_state()

        assert tracing._tracer_provider is None
        assert metrics._instruments_provider is None
        assert metrics.instruments() is not bound
        assert page_worker._rules_by_selection == {}
        assert page_worker._caches == {}
        assert metrics._last_values == {}
    finally:
        reset_process_state()
        meter_provider.shutdown()
        tracer_provider.shutdown()
