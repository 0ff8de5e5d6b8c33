"""setup_telemetry in fresh processes: exporters follow the OTEL_* environment, and nothing
is exported (nor any exporter thread started) without an endpoint."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from accessibility_analyzer.observability.setup import ExportPlan

# Runs in a fresh interpreter (OpenTelemetry's globals are set once per process) and prints
# what setup_telemetry installed.
_PROBE = r"""
import json, logging, os, sys
from opentelemetry import _logs, metrics, trace
from opentelemetry.instrumentation.logging.handler import LoggingHandler
from accessibility_analyzer.observability.setup import setup_telemetry
from accessibility_analyzer.settings import Settings

handle = setup_telemetry(Settings.from_env({"DATA_DIR": sys.argv[1]}), "a11y-probe")
tp, mp, lp = trace.get_tracer_provider(), metrics.get_meter_provider(), _logs.get_logger_provider()
def kind(obj):
    return f"{type(obj).__module__}.{type(obj).__name__}"
processors = getattr(getattr(tp, "_active_span_processor", None), "_span_processors", ())
readers = getattr(mp, "_metric_readers", ())
multi = getattr(lp, "_multi_log_record_processor", None)
log_processors = getattr(multi, "_log_record_processors", ())
with trace.get_tracer("probe").start_as_current_span("probe") as span:
    context, recording = span.get_span_context(), span.is_recording()
report = {
    "span_has_ids": context.is_valid,
    "span_recorded": recording,
    "tracer_provider": kind(tp),
    "resource_service": getattr(tp, "resource", None) and tp.resource.attributes["service.name"],
    "span_exporters": [kind(p.span_exporter) for p in processors],
    "meter_provider": kind(mp),
    "metric_exporters": [kind(r._exporter) for r in readers],
    "logger_provider": kind(lp),
    "log_exporters": [kind(p._batch_processor._exporter) for p in log_processors],
    "otel_log_handlers": sum(isinstance(h, LoggingHandler) for h in logging.getLogger().handlers),
}
print(json.dumps(report), flush=True)
os._exit(0)  # skip the exit-time flush: nothing listens at the test endpoint
"""

_SCENARIOS: dict[str, dict[str, str]] = {
    "none": {},
    "http": {
        "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:9",
        "OTEL_SERVICE_NAME": "from-env",
    },
    "grpc": {
        "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:9",
        "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
    },
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """Run the probe once per scenario, all in parallel (each needs a fresh interpreter)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    data_dir = tmp_path_factory.mktemp("probe")
    running = {
        name: subprocess.Popen(
            [sys.executable, "-c", _PROBE, str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**base, **env},
        )
        for name, env in _SCENARIOS.items()
    }
    results: dict[str, dict[str, object]] = {}
    for name, process in running.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        results[name] = json.loads(out.strip().splitlines()[-1])
    return results


def test_no_endpoint_means_no_exporters(reports: dict[str, dict[str, object]]) -> None:
    """Without an endpoint only a processor-less tracer provider exists (for trace ids)."""
    report = reports["none"]
    assert report["tracer_provider"] == "opentelemetry.sdk.trace.TracerProvider"
    assert report["span_exporters"] == []
    assert report["span_has_ids"] is True, "logs and Sentry still get trace ids"
    assert report["span_recorded"] is False, "but nothing is recorded"
    assert not str(report["meter_provider"]).startswith("opentelemetry.sdk")
    assert not str(report["logger_provider"]).startswith("opentelemetry.sdk")
    assert report["otel_log_handlers"] == 0
    assert report["resource_service"] == "a11y-probe"


def test_endpoint_turns_on_otlp_over_http(reports: dict[str, dict[str, object]]) -> None:
    """OTEL_EXPORTER_OTLP_ENDPOINT: traces, metrics and logs go out over OTLP/HTTP."""
    report = reports["http"]
    http = "opentelemetry.exporter.otlp.proto.http"
    assert report["span_exporters"] == [f"{http}.trace_exporter.OTLPSpanExporter"]
    assert report["metric_exporters"] == [f"{http}.metric_exporter.OTLPMetricExporter"]
    assert report["log_exporters"] == [f"{http}._log_exporter.OTLPLogExporter"]
    assert report["otel_log_handlers"] == 1
    assert report["resource_service"] == "from-env"
    assert report["span_recorded"] is True


def test_grpc_protocol_selects_grpc_exporters(reports: dict[str, dict[str, object]]) -> None:
    """OTEL_EXPORTER_OTLP_PROTOCOL=grpc switches every signal to the gRPC exporters."""
    report = reports["grpc"]
    grpc = "opentelemetry.exporter.otlp.proto.grpc"
    assert report["span_exporters"] == [f"{grpc}.trace_exporter.OTLPSpanExporter"]
    assert report["metric_exporters"] == [f"{grpc}.metric_exporter.OTLPMetricExporter"]
    assert report["log_exporters"] == [f"{grpc}._log_exporter.OTLPLogExporter"]


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, {"traces": "none", "metrics": "none", "logs": "none"}),
        (
            {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"},
            {"traces": "otlp", "metrics": "none", "logs": "none"},
        ),
        (
            {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_LOGS_EXPORTER": "none"},
            {"traces": "otlp", "metrics": "otlp", "logs": "none"},
        ),
        (
            {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_SDK_DISABLED": "true"},
            {"traces": "none", "metrics": "none", "logs": "none"},
        ),
        (
            {"OTEL_METRICS_EXPORTER": "console"},
            {"traces": "none", "metrics": "console", "logs": "none"},
        ),
    ],
)
def test_export_plan_follows_standard_variables(
    environment: dict[str, str], expected: dict[str, str]
) -> None:
    """Per-signal endpoints, exporters and the SDK switch are honoured."""
    assert dict(ExportPlan.from_env(environment).exporters) == expected


def test_protocol_per_signal_and_unknown_protocol() -> None:
    """A per-signal protocol wins; an unsupported one falls back to http/protobuf."""
    plan = ExportPlan.from_env(
        {
            "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
            "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL": "http/protobuf",
            "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL": "http/json",
        }
    )
    assert dict(plan.protocols) == {
        "traces": "grpc",
        "metrics": "http/protobuf",
        "logs": "http/protobuf",
    }
