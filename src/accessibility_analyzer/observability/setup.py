"""Per-process OpenTelemetry setup: tracer, meter and logger providers with OTLP exporters.

Call :func:`setup_telemetry` once per process that does work (each uvicorn worker from the
app's lifespan, the arq worker from its start-up hook), never at import time: providers and
exporter threads must not be created in a parent that later forks.

Configuration is the standard ``OTEL_*`` environment:

* ``OTEL_EXPORTER_OTLP_ENDPOINT`` or ``OTEL_EXPORTER_OTLP_{TRACES,METRICS,LOGS}_ENDPOINT``
  turn export on, per signal. Without any, nothing is exported, no exporter or reader thread
  exists, metrics stay OpenTelemetry's no-op API, and the tracer provider records nothing
  (sampler always-off) but still hands out trace ids for the JSON logs and Sentry.
* ``OTEL_EXPORTER_OTLP_PROTOCOL`` (or the per-signal ``..._PROTOCOL``): ``http/protobuf``
  (default, port 4318) or ``grpc`` (port 4317). The exporters read the endpoint, headers,
  timeout, compression and certificate variables themselves.
* ``OTEL_{TRACES,METRICS,LOGS}_EXPORTER``: ``otlp`` (default), ``console`` (local debugging)
  or ``none``. ``OTEL_SDK_DISABLED=true`` turns everything off.
* ``OTEL_SERVICE_NAME`` and ``OTEL_RESOURCE_ATTRIBUTES`` override the resource;
  ``OTEL_METRIC_EXPORT_INTERVAL`` (ms) and the ``OTEL_BSP_*``/``OTEL_BLRP_*`` batch settings
  are honoured by the SDK.

OpenTelemetry's global providers can be set only once per process. When they are already set
(a second app in the same process, or a test's in-memory providers), they are reused as they
are. Tests may also pass providers explicitly.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Literal

from opentelemetry import _logs, metrics, trace
from opentelemetry.instrumentation.logging.handler import LoggingHandler
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import (
    BatchLogRecordProcessor,
    ConsoleLogRecordExporter,
    LogRecordExporter,
)
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import (
    ConsoleMetricExporter,
    MetricExporter,
    MetricReader,
    PeriodicExportingMetricReader,
)
from opentelemetry.sdk.resources import SERVICE_NAME, SERVICE_VERSION, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF

from accessibility_analyzer import __version__
from accessibility_analyzer.observability import metrics as a11y_metrics
from accessibility_analyzer.observability import tracing
from accessibility_analyzer.observability.instrumentation import instrument_httpx
from accessibility_analyzer.observability.names import API_SERVICE
from accessibility_analyzer.observability.retry_hook import install_retry_hook
from accessibility_analyzer.observability.secrets import secret_values
from accessibility_analyzer.settings import Settings

logger = logging.getLogger(__name__)

Signal = Literal["traces", "metrics", "logs"]
_SIGNALS: tuple[Signal, ...] = ("traces", "metrics", "logs")
_PROTOCOLS = ("http/protobuf", "grpc")
_REDACTED = "[REDACTED]"


@dataclass(frozen=True)
class ExportPlan:
    """What to export where, read from the ``OTEL_*`` environment."""

    exporters: Mapping[Signal, Literal["otlp", "console", "none"]]
    protocols: Mapping[Signal, str]
    disabled: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ExportPlan:
        """Decide per signal: OTLP when an endpoint is set, console when asked, else none."""
        env = os.environ if environ is None else environ
        disabled = env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true"
        exporters: dict[Signal, Literal["otlp", "console", "none"]] = {}
        protocols: dict[Signal, str] = {}
        for signal in _SIGNALS:
            upper = signal.upper()
            chosen = env.get(f"OTEL_{upper}_EXPORTER", "otlp").strip().lower() or "otlp"
            has_endpoint = bool(
                env.get(f"OTEL_EXPORTER_OTLP_{upper}_ENDPOINT", "").strip()
                or env.get("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip()
            )
            if disabled or chosen == "none":
                exporters[signal] = "none"
            elif chosen == "console":
                exporters[signal] = "console"
            else:
                if chosen != "otlp":
                    logger.warning(
                        "OTEL_%s_EXPORTER=%s is not supported; using otlp", upper, chosen
                    )
                exporters[signal] = "otlp" if has_endpoint else "none"
            protocol = (
                env.get(f"OTEL_EXPORTER_OTLP_{upper}_PROTOCOL", "").strip()
                or env.get("OTEL_EXPORTER_OTLP_PROTOCOL", "").strip()
                or "http/protobuf"
            )
            if protocol not in _PROTOCOLS:
                logger.warning(
                    "OTLP protocol %r is not supported for %s; using http/protobuf",
                    protocol,
                    signal,
                )
                protocol = "http/protobuf"
            protocols[signal] = protocol
        return cls(exporters=exporters, protocols=protocols, disabled=disabled)

    @property
    def exporting(self) -> bool:
        """True when at least one signal leaves the process."""
        return any(kind != "none" for kind in self.exporters.values())


@dataclass
class Telemetry:
    """The providers one process uses, and how to flush and detach them."""

    service_name: str
    plan: ExportPlan
    tracer_provider: TracerProvider | None
    meter_provider: MeterProvider | None
    logger_provider: LoggerProvider | None
    log_handler: logging.Handler | None = None
    injected: bool = False
    _closed: bool = field(default=False, repr=False)

    def shutdown(self) -> None:
        """Flush everything buffered and detach the log handler (idempotent).

        The providers themselves stay installed (OpenTelemetry's globals cannot be replaced,
        and a process may build a second app); the SDK shuts them down at interpreter exit.
        """
        if self._closed:
            return
        self._closed = True
        global _active  # noqa: PLW0603 - the process's one Telemetry, see setup_telemetry
        with _lock:
            if _active is self:
                _active = None
        if self.log_handler is not None:
            logging.getLogger().removeHandler(self.log_handler)
        if self.injected:  # back to the global providers for whatever runs next
            tracing.bind_tracer_provider(None)
            a11y_metrics.bind_meter_provider(None)
        for provider in (self.tracer_provider, self.meter_provider, self.logger_provider):
            if provider is not None:
                provider.force_flush()


_lock = threading.Lock()
_active: Telemetry | None = None


def setup_telemetry(
    settings: Settings,
    service_name: str,
    *,
    tracer_provider: TracerProvider | None = None,
    meter_provider: MeterProvider | None = None,
    logger_provider: LoggerProvider | None = None,
    environ: Mapping[str, str] | None = None,
) -> Telemetry:
    """Install tracing, metrics and log export for this process and return the handle.

    Args:
        settings: The service settings (log level, DATA_DIR for the disk gauges, secrets to
            keep out of exported logs).
        service_name: ``service.name`` unless ``OTEL_SERVICE_NAME`` says otherwise
            (``a11y-api``, ``a11y-worker``).
        tracer_provider: Use this provider instead of building one (tests).
        meter_provider: Use this provider instead of building one (tests).
        logger_provider: Use this provider instead of building one (tests).
        environ: Environment to read instead of ``os.environ``.

    Returns:
        The :class:`Telemetry`; call ``shutdown()`` when the process stops serving.
        Calling this again while a previous handle is active detaches that handle first,
        so there is never more than one OpenTelemetry log handler.
    """
    global _active  # noqa: PLW0603 - the process's one Telemetry
    env = os.environ if environ is None else environ
    plan = ExportPlan.from_env(env)
    resource = _resource(service_name, settings, env)
    with _lock:
        previous = _active
    if previous is not None:
        previous.shutdown()

    tp = tracer_provider or _global_or_new_tracer_provider(plan, resource)
    mp = meter_provider or _global_or_new_meter_provider(plan, resource)
    lp = logger_provider or _global_or_new_logger_provider(plan, resource)
    tracing.bind_tracer_provider(tracer_provider)
    a11y_metrics.bind_meter_provider(meter_provider)
    a11y_metrics.watch_disk(settings.data_path)
    install_retry_hook()
    if tp is not None:
        instrument_httpx(tp)

    handler = None
    if lp is not None:
        handler = LoggingHandler(level=logging.NOTSET, logger_provider=lp)
        handler.addFilter(_ExportFilter(secret_values(settings)))
        logging.getLogger().addHandler(handler)

    telemetry = Telemetry(
        service_name=service_name,
        plan=plan,
        tracer_provider=tp,
        meter_provider=mp,
        logger_provider=lp,
        log_handler=handler,
        injected=any(p is not None for p in (tracer_provider, meter_provider, logger_provider)),
    )
    with _lock:
        _active = telemetry
    if plan.exporting:
        logger.info(
            "telemetry export on",
            extra={"otel_exporters": dict(plan.exporters), "otel_protocols": dict(plan.protocols)},
        )
    return telemetry


def _resource(service_name: str, settings: Settings, env: Mapping[str, str]) -> Resource:
    attributes: dict[str, str] = {SERVICE_VERSION: __version__}
    if not env.get("OTEL_SERVICE_NAME", "").strip():
        attributes[SERVICE_NAME] = service_name
    if settings.sentry_environment:
        attributes["deployment.environment.name"] = settings.sentry_environment
    return Resource.create(attributes)


def _global_or_new_tracer_provider(plan: ExportPlan, resource: Resource) -> TracerProvider | None:
    current = trace.get_tracer_provider()
    if isinstance(current, TracerProvider):
        return current
    if plan.disabled:
        return None
    exporter = _span_exporter(plan)
    if exporter is None:
        # Nothing leaves the process: spans are not recorded at all, but each still gets a
        # valid trace and span id, so logs and Sentry events stay correlated per request.
        provider = TracerProvider(resource=resource, sampler=ALWAYS_OFF)
    else:
        provider = TracerProvider(resource=resource)
        provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    return provider


def _global_or_new_meter_provider(plan: ExportPlan, resource: Resource) -> MeterProvider | None:
    current = metrics.get_meter_provider()
    if isinstance(current, MeterProvider):
        return current
    exporter = _metric_exporter(plan)
    if exporter is None:  # nothing to export: keep the no-op API, measurements cost nothing
        return None
    readers: list[MetricReader] = [PeriodicExportingMetricReader(exporter)]
    provider = MeterProvider(resource=resource, metric_readers=readers)
    metrics.set_meter_provider(provider)
    return provider


def _global_or_new_logger_provider(plan: ExportPlan, resource: Resource) -> LoggerProvider | None:
    current = _logs.get_logger_provider()
    if isinstance(current, LoggerProvider):
        return current
    exporter = _log_exporter(plan)
    if exporter is None:
        return None
    provider = LoggerProvider(resource=resource)
    provider.add_log_record_processor(BatchLogRecordProcessor(exporter))
    _logs.set_logger_provider(provider)
    return provider


# The exporter modules are imported only when used: the gRPC one pulls in grpcio.


def _span_exporter(plan: ExportPlan) -> SpanExporter | None:
    kind = plan.exporters["traces"]
    if kind == "console":
        return ConsoleSpanExporter()
    if kind == "none":
        return None
    if plan.protocols["traces"] == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import (  # noqa: PLC0415
            OTLPSpanExporter as GrpcSpanExporter,
        )

        return GrpcSpanExporter()
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: PLC0415
        OTLPSpanExporter as HttpSpanExporter,
    )

    return HttpSpanExporter()


def _metric_exporter(plan: ExportPlan) -> MetricExporter | None:
    kind = plan.exporters["metrics"]
    if kind == "console":
        return ConsoleMetricExporter()
    if kind == "none":
        return None
    if plan.protocols["metrics"] == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import (  # noqa: PLC0415
            OTLPMetricExporter as GrpcMetricExporter,
        )

        return GrpcMetricExporter()
    from opentelemetry.exporter.otlp.proto.http.metric_exporter import (  # noqa: PLC0415
        OTLPMetricExporter as HttpMetricExporter,
    )

    return HttpMetricExporter()


def _log_exporter(plan: ExportPlan) -> LogRecordExporter | None:
    kind = plan.exporters["logs"]
    if kind == "console":
        return ConsoleLogRecordExporter()
    if kind == "none":
        return None
    if plan.protocols["logs"] == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc._log_exporter import (  # noqa: PLC0415
            OTLPLogExporter as GrpcLogExporter,
        )

        return GrpcLogExporter()
    from opentelemetry.exporter.otlp.proto.http._log_exporter import (  # noqa: PLC0415
        OTLPLogExporter as HttpLogExporter,
    )

    return HttpLogExporter()


# --- what leaves the process through the log pipeline ---------------------------------------


class _ExportFilter(logging.Filter):
    """Keeps the exporter's own records out (no feedback loop) and masks known secrets.

    The JSON formatter masks secrets in the stdout line; OpenTelemetry records carry the raw
    message and ``extra`` fields, so they are masked here before the handler translates them.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = tuple(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("opentelemetry"):
            return False
        if self._secrets:
            message = record.getMessage()
            masked = self._mask(message)
            if masked != message:
                record.msg, record.args = masked, None
            for key, value in list(vars(record).items()):
                if isinstance(value, str) and key not in {"msg", "message"}:
                    masked_value = self._mask(value)
                    if masked_value != value:
                        setattr(record, key, masked_value)
        return True

    def _mask(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, _REDACTED)
        return text


def telemetry_lifespan(
    settings: Settings, service_name: str = API_SERVICE
) -> Callable[[object], AbstractAsyncContextManager[None]]:
    """Return a Litestar lifespan that sets telemetry up on start and flushes it on exit.

    Starting in the lifespan (not in ``create_app``) means each server worker process sets up
    its own providers after the fork.
    """

    @asynccontextmanager
    async def lifespan(_app: object) -> AsyncIterator[None]:
        telemetry = setup_telemetry(settings, service_name)
        try:
            yield
        finally:
            # Flushing may wait on the network (bounded by the exporters' timeouts).
            await asyncio.to_thread(telemetry.shutdown)

    return lifespan
