"""End to end: `a11y serve` exporting to a local OTLP receiver during a full flow.

With ``OTEL_EXPORTER_OTLP_ENDPOINT`` pointing at a receiver on 127.0.0.1, an upload ->
analysis -> report flow must deliver traces, metrics and logs, and the logs written while the
analysis ran must carry the trace id of the spans of that analysis.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import (
    ExportMetricsServiceRequest,
)
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

pytestmark = pytest.mark.slow


@dataclass
class Received:
    """What the receiver got, decoded."""

    spans: list[tuple[str, str, str]] = field(default_factory=list)  # service, name, trace id
    metrics: set[str] = field(default_factory=set)
    logs: list[tuple[str, str]] = field(default_factory=list)  # body, trace id
    lock: threading.Lock = field(default_factory=threading.Lock)


def _receiver_handler(received: Received) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with received.lock:
                if self.path == "/v1/traces":
                    self._traces(body)
                elif self.path == "/v1/metrics":
                    request = ExportMetricsServiceRequest.FromString(body)
                    for resource in request.resource_metrics:
                        for scope in resource.scope_metrics:
                            received.metrics.update(metric.name for metric in scope.metrics)
                elif self.path == "/v1/logs":
                    logs = ExportLogsServiceRequest.FromString(body)
                    for resource in logs.resource_logs:
                        for scope in resource.scope_logs:
                            for record in scope.log_records:
                                received.logs.append(
                                    (record.body.string_value, record.trace_id.hex())
                                )
            self.send_response(200)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _traces(self, body: bytes) -> None:
            request = ExportTraceServiceRequest.FromString(body)
            for resource in request.resource_spans:
                service = next(
                    (
                        a.value.string_value
                        for a in resource.resource.attributes
                        if a.key == "service.name"
                    ),
                    "",
                )
                for scope in resource.scope_spans:
                    for span in scope.spans:
                        received.spans.append((service, span.name, span.trace_id.hex()))

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


@pytest.fixture
def receiver() -> Iterator[tuple[str, Received]]:
    received = Received()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _receiver_handler(received))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_ready(base_url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, "a11y serve exited during start-up"
        try:
            if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("a11y serve did not start")


def test_full_flow_exports_correlated_traces_metrics_and_logs(
    receiver: tuple[str, Received], tmp_path: Path
) -> None:
    """Traces, metrics and logs arrive over OTLP/HTTP and the analysis' logs share its trace."""
    endpoint, received = receiver
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "SENTRY_"))}
    environment.update(
        DATA_DIR=str(tmp_path / "data"),
        ENGINE_PROCESSES="1",
        OTEL_EXPORTER_OTLP_ENDPOINT=endpoint,
        OTEL_METRIC_EXPORT_INTERVAL="500",
        OTEL_BSP_SCHEDULE_DELAY="200",
        OTEL_BLRP_SCHEDULE_DELAY="200",
        OTEL_SERVICE_NAME="a11y-api",
    )
    environment.pop("VALKEY_URL", None)
    environment.pop("REDIS_URL", None)
    environment.pop("API_KEYS", None)
    environment.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "accessibility_analyzer", "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base_url, process)
        with httpx.Client(base_url=base_url, timeout=30) as client:
            session = client.post("/api/v1/sessions", json={"name": "otlp"}).json()["id"]
            page = b'<!doctype html><html lang="en"><title>t</title><img src="a.png"></html>'
            uploaded = client.post(
                f"/api/v1/sessions/{session}/documents",
                files={"files": ("index.html", page, "text/html")},
            )
            assert uploaded.status_code == 201, uploaded.text
            analysis = client.post(f"/api/v1/sessions/{session}/analyses").json()["id"]
            deadline = time.monotonic() + 90
            while client.get(f"/api/v1/analyses/{analysis}").json()["status"] != "completed":
                assert time.monotonic() < deadline
                time.sleep(0.1)
            report = client.get(f"/api/v1/analyses/{analysis}/report?format=sarif")
            assert report.status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)  # graceful: the lifespan flushes all three signals
        process.wait(timeout=60)

    with received.lock:
        spans, metrics, logs = list(received.spans), set(received.metrics), list(received.logs)
    (job_trace,) = {trace for _, name, trace in spans if name == "a11y.analysis.job"}
    names_in_trace = {name for _, name, trace in spans if trace == job_trace}
    assert "a11y.page" in names_in_trace
    assert any(name.endswith("/analyses") and name.startswith("POST") for name in names_in_trace)
    assert {service for service, _, _ in spans} == {"a11y-api"}
    assert {"http.server.request.duration", "a11y.analyses.completed", "a11y.findings"} <= metrics
    analysis_logs = [body for body, trace in logs if trace == job_trace]
    assert any("completed" in body for body in analysis_logs), analysis_logs
