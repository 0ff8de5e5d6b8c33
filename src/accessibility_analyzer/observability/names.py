"""Every span name, metric and attribute key the service emits, defined once.

Dashboards, alerts and tests refer to these names; code never spells them inline. Metric
names follow the OpenTelemetry conventions (dotted, unit in ``unit`` not in the name).
Prometheus sees them translated (see :func:`prometheus_name`): dots become underscores, the
unit is appended when the name does not already contain it, counters get ``_total``, and
histograms are stored as ``_bucket``/``_sum``/``_count`` series. The dashboards under
``otel/grafana/dashboards`` query the translated names, and a test checks that every one of
them maps back to a metric declared here and actually emitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

# --- instrumentation scope and services --------------------------------------------------

SCOPE: Final = "accessibility_analyzer"
API_SERVICE: Final = "a11y-api"
WORKER_SERVICE: Final = "a11y-worker"


# --- span names ----------------------------------------------------------------------------


class SpanName(StrEnum):
    """Names of the spans the service creates itself (HTTP server spans come from the plugin)."""

    ANALYSIS_JOB = "a11y.analysis.job"  # one per background analysis run (arq or in-process)
    PAGE = "a11y.page"  # one per page analysed
    LLM_CALL = "a11y.llm.call"  # one per logical LLM request; retries are events on it
    LLM_ATTEMPT = "a11y.llm.attempt"  # one per HTTP attempt of that request
    CLEANUP = "a11y.cleanup"  # one per housekeeping run


class SpanEvent(StrEnum):
    """Names of span events."""

    RETRY = "retry"


# --- attribute keys ------------------------------------------------------------------------


class Attr(StrEnum):
    """Span and metric attribute keys. Metric attributes stay low-cardinality on purpose."""

    ANALYSIS_ID = "a11y.analysis.id"  # spans only
    DOCUMENT_ID = "a11y.document.id"  # spans only
    PAGE_PATH = "a11y.page.path"  # spans only
    FINDINGS_COUNT = "a11y.findings.count"  # spans only
    RULE_ID = "a11y.rule.id"
    IMPACT = "a11y.impact"
    OUTCOME = "a11y.outcome"
    RESULT = "a11y.result"  # ok / error / ...: what happened to a unit of work
    REASON = "a11y.reason"  # why something was rejected or failed
    CACHE = "a11y.cache.name"
    QUEUE = "a11y.queue.name"
    CLEANUP_TRIGGER = "a11y.cleanup.trigger"
    LLM_PROVIDER = "a11y.llm.provider"
    LLM_MODEL = "a11y.llm.model"
    LLM_ATTEMPT = "a11y.llm.attempt"
    LLM_STATUS = "a11y.llm.status"  # ok / http_<code> / <exception type>
    DISK_PATH = "a11y.disk.path"  # which directory the disk gauges describe
    RETRY_CALLABLE = "retry.callable"
    RETRY_NUM = "retry.num"
    RETRY_WAIT = "retry.wait_s"
    ERROR_TYPE = "error.type"  # OpenTelemetry semantic convention
    HTTP_STATUS = "http.response.status_code"  # OpenTelemetry semantic convention
    MESSAGING_SYSTEM = "messaging.system"  # OpenTelemetry semantic convention
    MESSAGING_MESSAGE_ID = "messaging.message.id"  # OpenTelemetry semantic convention
    MESSAGING_DESTINATION = "messaging.destination.name"  # OpenTelemetry semantic convention
    GEN_AI_SYSTEM = "gen_ai.system"  # OpenTelemetry semantic convention
    GEN_AI_MODEL = "gen_ai.request.model"  # OpenTelemetry semantic convention
    GEN_AI_OPERATION = "gen_ai.operation.name"  # OpenTelemetry semantic convention


# --- metrics -------------------------------------------------------------------------------


class Kind(StrEnum):
    """OpenTelemetry instrument kinds, as far as the Prometheus translation cares."""

    COUNTER = "counter"  # monotonic sum: Prometheus counter, `_total`
    UP_DOWN_COUNTER = "up_down_counter"  # non-monotonic sum: Prometheus gauge
    GAUGE = "gauge"  # last value (synchronous or observable)
    HISTOGRAM = "histogram"


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """One metric: its OpenTelemetry name, instrument kind, UCUM unit and description."""

    name: str
    kind: Kind
    unit: str
    description: str


# Bucket boundaries for durations in seconds: pages take milliseconds, analyses minutes.
DURATION_BUCKETS_S: Final = (
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    30.0,
    60.0,
    120.0,
    300.0,
    600.0,
    1800.0,
)


class Metric:
    """The service's own metrics (the HTTP ones are listed in :data:`HTTP_METRICS`)."""

    ANALYSES_STARTED = MetricSpec(
        "a11y.analyses.started", Kind.COUNTER, "{analysis}", "Analyses a job started running."
    )
    ANALYSES_COMPLETED = MetricSpec(
        "a11y.analyses.completed", Kind.COUNTER, "{analysis}", "Analyses that finished."
    )
    ANALYSES_FAILED = MetricSpec(
        "a11y.analyses.failed", Kind.COUNTER, "{analysis}", "Analyses that failed, by reason."
    )
    ANALYSIS_DURATION = MetricSpec(
        "a11y.analysis.duration", Kind.HISTOGRAM, "s", "Wall time of one analysis run."
    )
    PAGES_ANALYSED = MetricSpec(
        "a11y.pages.analysed", Kind.COUNTER, "{page}", "Pages analysed, by result (ok/error)."
    )
    PAGE_DURATION = MetricSpec(
        "a11y.page.duration", Kind.HISTOGRAM, "s", "Time from submitting a page to its result."
    )
    FINDINGS = MetricSpec(
        "a11y.findings", Kind.COUNTER, "{finding}", "Findings by rule, impact and outcome."
    )
    UPLOAD_BYTES = MetricSpec(
        "a11y.upload.bytes", Kind.COUNTER, "By", "Bytes of accepted uploaded files."
    )
    UPLOAD_REJECTIONS = MetricSpec(
        "a11y.upload.rejections", Kind.COUNTER, "{upload}", "Rejected uploads, by reason."
    )
    QUEUE_DEPTH = MetricSpec(
        "a11y.queue.depth", Kind.GAUGE, "{job}", "Jobs waiting in the analysis queue."
    )
    JOB_WAIT_TIME = MetricSpec(
        "a11y.job.wait_time", Kind.HISTOGRAM, "s", "Time a job waited between enqueue and start."
    )
    QUEUE_OLDEST_WAIT = MetricSpec(
        "a11y.queue.oldest_wait",
        Kind.GAUGE,
        "s",
        "How long the oldest analysis still queued has waited (grows while no worker runs).",
    )
    LLM_CALLS = MetricSpec(
        "a11y.llm.calls", Kind.COUNTER, "{call}", "LLM requests, by provider, model and status."
    )
    LLM_RETRIES = MetricSpec(
        "a11y.llm.retries", Kind.COUNTER, "{retry}", "Retried LLM attempts, by provider."
    )
    LLM_FAILURES = MetricSpec(
        "a11y.llm.failures", Kind.COUNTER, "{call}", "LLM requests that failed after retries."
    )
    LLM_DURATION = MetricSpec(
        "a11y.llm.duration", Kind.HISTOGRAM, "s", "Latency of an LLM request, retries included."
    )
    LLM_BREAKER_STATE = MetricSpec(
        "a11y.llm.breaker.state",
        Kind.GAUGE,
        "{state}",
        "Circuit breaker state per provider: 0 closed, 1 half-open, 2 open.",
    )
    RETRIES = MetricSpec(
        "a11y.retries", Kind.COUNTER, "{retry}", "Retries outside LLM calls, by callable."
    )
    CACHE_HITS = MetricSpec("a11y.cache.hits", Kind.COUNTER, "{hit}", "Cache hits, by cache.")
    CACHE_MISSES = MetricSpec(
        "a11y.cache.misses", Kind.COUNTER, "{miss}", "Cache misses, by cache."
    )
    CLEANUP_RUNS = MetricSpec(
        "a11y.cleanup.runs", Kind.COUNTER, "{run}", "Housekeeping runs, by result."
    )
    CLEANUP_BYTES_FREED = MetricSpec(
        "a11y.cleanup.bytes_freed", Kind.COUNTER, "By", "Bytes of files removed by cleanup."
    )
    SESSIONS_ACTIVE = MetricSpec(
        "a11y.sessions.active", Kind.GAUGE, "{session}", "Sessions that have not expired."
    )
    DISK_FREE = MetricSpec(
        "a11y.disk.free", Kind.GAUGE, "By", "Free bytes on the volume holding DATA_DIR."
    )
    DISK_USED = MetricSpec(
        "a11y.disk.used", Kind.GAUGE, "By", "Used bytes on the volume holding DATA_DIR."
    )


SERVICE_METRICS: Final[tuple[MetricSpec, ...]] = tuple(
    value for value in vars(Metric).values() if isinstance(value, MetricSpec)
)

# Emitted by the ASGI instrumentation behind Litestar's OpenTelemetry plugin, with the stable
# HTTP semantic conventions (OTEL_SEMCONV_STABILITY_OPT_IN=http, see otel_plugin.py).
HTTP_METRICS: Final[tuple[MetricSpec, ...]] = (
    MetricSpec(
        "http.server.request.duration", Kind.HISTOGRAM, "s", "Duration of HTTP server requests."
    ),
    MetricSpec(
        "http.server.active_requests", Kind.UP_DOWN_COUNTER, "{request}", "In-flight requests."
    ),
    MetricSpec("http.server.response.body.size", Kind.HISTOGRAM, "By", "Response body size."),
    MetricSpec("http.server.request.body.size", Kind.HISTOGRAM, "By", "Request body size."),
)

ALL_METRICS: Final[tuple[MetricSpec, ...]] = SERVICE_METRICS + HTTP_METRICS


# --- Prometheus translation ----------------------------------------------------------------

# UCUM unit -> Prometheus suffix, as in prometheus/otlptranslator (the translator behind
# Prometheus' OTLP receiver, strategy UnderscoreEscapingWithSuffixes, its default).
_UNIT_SUFFIXES: Final = {
    "d": "days",
    "h": "hours",
    "min": "minutes",
    "s": "seconds",
    "ms": "milliseconds",
    "us": "microseconds",
    "ns": "nanoseconds",
    "By": "bytes",
    "KiBy": "kibibytes",
    "MiBy": "mebibytes",
    "GiBy": "gibibytes",
    "1": "",
    "%": "percent",
}
_PER_UNIT_SUFFIXES: Final = {
    "s": "second",
    "m": "minute",
    "h": "hour",
    "d": "day",
    "w": "week",
    "mo": "month",
    "y": "year",
}
_INVALID_CHARS: Final = re.compile(r"[^a-zA-Z0-9:]+")


def prometheus_name(spec: MetricSpec) -> str:
    """Return the metric family name Prometheus stores for ``spec`` after OTLP ingestion.

    Mirrors ``normalizeName`` of prometheus/otlptranslator: split on invalid characters, append
    the unit word unless a name token already is that word (annotations like ``{page}`` add
    nothing), then ``total`` for counters (``ratio`` for gauges in unit ``1``).
    """
    words = [word for word in _INVALID_CHARS.split(spec.name) if word]
    main_unit, _, per_unit = (part.strip() for part in spec.unit.partition("/"))
    main_suffix = "" if "{" in main_unit else _UNIT_SUFFIXES.get(main_unit, main_unit)
    per_suffix = ""
    if per_unit and "{" not in per_unit:
        per_suffix = "per_" + _PER_UNIT_SUFFIXES.get(per_unit, per_unit)
    for suffix in (main_suffix, per_suffix):
        if suffix and suffix not in words:
            words.append(suffix)
    if spec.kind is Kind.COUNTER:
        words = [*(word for word in words if word != "total"), "total"]
    if spec.kind is Kind.GAUGE and spec.unit == "1":
        words = [*(word for word in words if word != "ratio"), "ratio"]
    return "_".join(words)


def prometheus_series(spec: MetricSpec) -> tuple[str, ...]:
    """Return every series name a query may use for ``spec`` (histograms have three)."""
    family = prometheus_name(spec)
    if spec.kind is Kind.HISTOGRAM:
        return (f"{family}_bucket", f"{family}_sum", f"{family}_count")
    return (family,)


def prometheus_label(attribute_key: str) -> str:
    """Return the Prometheus label name for an OpenTelemetry attribute key."""
    label = re.sub(r"[^a-zA-Z0-9_]", "_", attribute_key)
    return f"key_{label}" if label[:1].isdigit() else label


def metric_for_series(series: str) -> MetricSpec | None:
    """Map a Prometheus series name back to the declared metric, or ``None`` if unknown."""
    for spec in ALL_METRICS:
        if series in prometheus_series(spec):
            return spec
    return None
