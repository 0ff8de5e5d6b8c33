"""Metric names: declared once, unique, and translated to Prometheus as Prometheus does."""

from __future__ import annotations

import pytest

from accessibility_analyzer.observability.names import (
    ALL_METRICS,
    HTTP_METRICS,
    SERVICE_METRICS,
    Kind,
    MetricSpec,
    metric_for_series,
    prometheus_label,
    prometheus_name,
    prometheus_series,
)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        # Examples from prometheus/otlptranslator and stack.md §7.1.
        (
            MetricSpec("http.server.request.duration", Kind.HISTOGRAM, "s", ""),
            "http_server_request_duration_seconds",
        ),
        (
            MetricSpec("a11y.analyses.started", Kind.COUNTER, "{analysis}", ""),
            "a11y_analyses_started_total",
        ),
        (MetricSpec("memory.usage", Kind.GAUGE, "By", ""), "memory_usage_bytes"),
        (MetricSpec("requests.count", Kind.COUNTER, "1", ""), "requests_count_total"),
        (MetricSpec("cpu.utilization", Kind.GAUGE, "1", ""), "cpu_utilization_ratio"),
        (
            MetricSpec("http.server.active_requests", Kind.UP_DOWN_COUNTER, "{request}", ""),
            "http_server_active_requests",
        ),
        # The unit word is not repeated when a name token already is it.
        (MetricSpec("a11y.upload.bytes", Kind.COUNTER, "By", ""), "a11y_upload_bytes_total"),
        (
            MetricSpec("a11y.cleanup.bytes_freed", Kind.COUNTER, "By", ""),
            "a11y_cleanup_bytes_freed_total",
        ),
        (MetricSpec("jobs.total", Kind.COUNTER, "{job}", ""), "jobs_total"),
        (MetricSpec("net.io", Kind.COUNTER, "By/s", ""), "net_io_bytes_per_second_total"),
    ],
)
def test_prometheus_translation(spec: MetricSpec, expected: str) -> None:
    """The translated family name matches what Prometheus' OTLP receiver stores."""
    assert prometheus_name(spec) == expected


def test_histograms_have_three_series() -> None:
    """A histogram is queried through its _bucket, _sum and _count series."""
    spec = HTTP_METRICS[0]
    assert prometheus_series(spec) == (
        "http_server_request_duration_seconds_bucket",
        "http_server_request_duration_seconds_sum",
        "http_server_request_duration_seconds_count",
    )
    assert metric_for_series("http_server_request_duration_seconds_count") is spec
    assert metric_for_series("http_server_request_duration_seconds") is None


def test_names_are_unique_and_namespaced() -> None:
    """Every metric name is unique in OTel and in Prometheus; ours live under a11y."""
    names = [spec.name for spec in ALL_METRICS]
    assert len(set(names)) == len(names)
    series = [s for spec in ALL_METRICS for s in prometheus_series(spec)]
    assert len(set(series)) == len(series)
    assert all(spec.name.startswith("a11y.") for spec in SERVICE_METRICS)
    assert all(spec.description for spec in ALL_METRICS)


def test_label_translation() -> None:
    """Attribute keys become Prometheus labels with underscores."""
    assert prometheus_label("http.response.status_code") == "http_response_status_code"
    assert prometheus_label("a11y.rule.id") == "a11y_rule_id"
    assert prometheus_label("1st.key") == "key_1st_key"
