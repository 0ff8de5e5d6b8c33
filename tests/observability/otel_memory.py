"""In-memory OpenTelemetry exporters shared by the observability tests (see conftest.py)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from opentelemetry.sdk._logs import LoggerProvider, ReadableLogRecord
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter
from opentelemetry.sdk.metrics.export import Metric as MetricData
from opentelemetry.sdk.metrics.export import MetricReader, MetricsData
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter


class AccumulatingMetricReader(MetricReader):
    """Keeps every collection until drained.

    ``InMemoryMetricReader`` keeps only the latest collection, so a provider flush (which
    collects, e.g. when an app's lifespan ends) would hide what was measured before it.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._batches: list[MetricsData] = []
        self._lock = threading.Lock()

    def _receive_metrics(
        self, metrics_data: MetricsData, timeout_millis: float = 10_000, **kwargs: Any
    ) -> None:
        if metrics_data is not None:
            with self._lock:
                self._batches.append(metrics_data)

    def drain(self) -> list[MetricsData]:
        """Collect now and return every collection since the previous drain."""
        self.collect()
        with self._lock:
            batches, self._batches = self._batches, []
        return batches

    def shutdown(self, timeout_millis: float = 30_000, **kwargs: Any) -> None:
        """Nothing to release."""


@dataclass
class Telemetry:
    """The in-memory exporters every provider of this test process writes to."""

    spans: InMemorySpanExporter
    metric_reader: AccumulatingMetricReader
    logs: InMemoryLogRecordExporter
    logger_provider: LoggerProvider

    def finished_spans(self) -> list[ReadableSpan]:
        """Spans ended since the test started."""
        return list(self.spans.get_finished_spans())

    def log_records(self) -> list[ReadableLogRecord]:
        """OpenTelemetry log records emitted since the test started."""
        return list(self.logs.get_finished_logs())

    def collect_metrics(self) -> dict[str, list[MetricData]]:
        """Metrics measured since the previous call, by name (one entry per collection)."""
        found: dict[str, list[MetricData]] = {}
        for data in self.metric_reader.drain():
            for resource_metrics in data.resource_metrics:
                for scope_metrics in resource_metrics.scope_metrics:
                    for metric in scope_metrics.metrics:
                        found.setdefault(metric.name, []).append(metric)
        return found

    def reset(self) -> None:
        """Forget everything recorded so far."""
        self.spans.clear()
        self.logs.clear()
        self.metric_reader.drain()
