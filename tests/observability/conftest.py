"""In-memory telemetry for the observability tests.

OpenTelemetry's global providers can be set once per process, so they are installed here, at
import time, before any app exists: every app the tests build (and ``setup_telemetry``, which
reuses providers it finds installed) reports to these exporters. Metrics use delta temporality,
so each collection holds only what was measured since the previous one; the ``telemetry``
fixture drains everything before a test starts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry import _logs, metrics, trace
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
from opentelemetry.sdk.metrics import (
    Counter,
    Histogram,
    MeterProvider,
    ObservableCounter,
    ObservableGauge,
    ObservableUpDownCounter,
    UpDownCounter,
)
from opentelemetry.sdk.metrics.export import AggregationTemporality
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from otel_memory import AccumulatingMetricReader, Telemetry

_DELTA = {
    kind: AggregationTemporality.DELTA
    for kind in (
        Counter,
        UpDownCounter,
        Histogram,
        ObservableCounter,
        ObservableUpDownCounter,
        ObservableGauge,
    )
}


def _install() -> Telemetry:
    resource = Resource.create({"service.name": "a11y-test"})
    spans = InMemorySpanExporter()
    tracer_provider = trace.get_tracer_provider()
    if not isinstance(tracer_provider, TracerProvider):
        tracer_provider = TracerProvider(resource=resource)
        trace.set_tracer_provider(tracer_provider)
    tracer_provider.add_span_processor(SimpleSpanProcessor(spans))

    reader = AccumulatingMetricReader(preferred_temporality=_DELTA)
    assert not isinstance(metrics.get_meter_provider(), MeterProvider), (
        "a meter provider was installed before the observability conftest ran"
    )
    metrics.set_meter_provider(MeterProvider(resource=resource, metric_readers=[reader]))

    logs = InMemoryLogRecordExporter()
    logger_provider = _logs.get_logger_provider()
    if not isinstance(logger_provider, LoggerProvider):
        logger_provider = LoggerProvider(resource=resource)
        _logs.set_logger_provider(logger_provider)
    logger_provider.add_log_record_processor(SimpleLogRecordProcessor(logs))
    return Telemetry(spans, reader, logs, logger_provider)


TELEMETRY = _install()


@pytest.fixture
def telemetry() -> Iterator[Telemetry]:
    """The in-memory exporters, emptied before the test."""
    TELEMETRY.reset()
    yield TELEMETRY
    TELEMETRY.reset()
