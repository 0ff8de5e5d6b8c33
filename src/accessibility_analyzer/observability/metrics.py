"""The service's metric instruments, and one-line helpers for the code that owns each event.

Callers never check whether telemetry is set up: until :func:`setup_telemetry
<accessibility_analyzer.observability.setup.setup_telemetry>` installs a meter provider, the
instruments come from OpenTelemetry's global proxy meter, which drops measurements and starts
forwarding them as soon as a real provider is installed. Tests (or a process that keeps its
provider private) rebind the instruments with :func:`bind_meter_provider`.

Attribute values are low-cardinality by design (rule ids, impacts, reasons, providers);
identifiers such as analysis ids belong on spans, never on metrics.
"""

from __future__ import annotations

import shutil
import threading
from collections import Counter as _Tally
from collections.abc import Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from typing import Literal

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Counter, Histogram, Meter, Observation
from opentelemetry.metrics import MeterProvider as MeterProviderApi

from accessibility_analyzer import __version__
from accessibility_analyzer.engine.result import DocumentResult
from accessibility_analyzer.observability.names import (
    DURATION_BUCKETS_S,
    SCOPE,
    Attr,
    Metric,
    MetricSpec,
)

BreakerState = Literal["closed", "half_open", "open"]
BREAKER_STATE_VALUES: Mapping[BreakerState, int] = {"closed": 0, "half_open": 1, "open": 2}

_Key = frozenset[tuple[str, str]]


# Gauge state lives here, not in the instrument objects: when a provider sees the same
# instrument name twice (a second app in one process rebinds the instruments), it keeps the
# first registration and its callback, which must then still read the current values.
_last_values: dict[str, dict[_Key, float]] = {}
_values_lock = threading.Lock()
_watched_disks: set[Path] = set()


def forget_gauge_values() -> None:
    """Drop every gauge's last values and watched disks (``process_state`` resets)."""
    with _values_lock:
        _last_values.clear()
        _watched_disks.clear()


class LastValueGauge:
    """A gauge that reports the last value recorded per attribute set.

    Built on an observable gauge (stable OpenTelemetry API) so it works with every meter; the
    values are kept per metric name and read by the SDK's collection thread.
    """

    def __init__(self, meter: Meter, spec: MetricSpec) -> None:
        """Create the underlying observable gauge on ``meter`` for ``spec``."""
        with _values_lock:
            self._values = _last_values.setdefault(spec.name, {})
        meter.create_observable_gauge(
            spec.name, callbacks=[self._observe], unit=spec.unit, description=spec.description
        )

    def set(self, value: float, attributes: Mapping[str, str] | None = None) -> None:
        """Record ``value`` as the current value for ``attributes``."""
        key: _Key = frozenset((attributes or {}).items())
        with _values_lock:
            self._values[key] = value

    def _observe(self, _options: CallbackOptions) -> Iterable[Observation]:
        with _values_lock:
            snapshot = list(self._values.items())
        return [Observation(value, dict(key)) for key, value in snapshot]


class DiskGauges:
    """Free and used bytes of watched directories' volumes, measured at each collection."""

    def __init__(self, meter: Meter) -> None:
        """Create the two observable gauges on ``meter``."""
        fields: tuple[tuple[MetricSpec, Literal["free", "used"]], ...] = (
            (Metric.DISK_FREE, "free"),
            (Metric.DISK_USED, "used"),
        )
        for spec, field in fields:
            meter.create_observable_gauge(
                spec.name,
                callbacks=[self._callback(field)],
                unit=spec.unit,
                description=spec.description,
            )

    def watch(self, path: Path) -> None:
        """Report the volume holding ``path`` from now on."""
        with _values_lock:
            _watched_disks.add(path)

    def _callback(
        self, field: Literal["free", "used"]
    ) -> Callable[[CallbackOptions], Iterable[Observation]]:
        def observe(_options: CallbackOptions) -> Iterable[Observation]:
            observations = []
            with _values_lock:
                paths = sorted(_watched_disks)
            for path in paths:
                try:
                    usage = shutil.disk_usage(path)
                except OSError:  # the directory is gone or not mounted yet: report nothing
                    continue
                value = usage.free if field == "free" else usage.used
                observations.append(Observation(value, {Attr.DISK_PATH: str(path)}))
            return observations

        return observe


class Instruments:
    """Every instrument of the service, created from one meter."""

    def __init__(self, meter: Meter) -> None:
        """Create all instruments declared in :class:`~.names.Metric` on ``meter``."""
        self.analyses_started = _counter(meter, Metric.ANALYSES_STARTED)
        self.analyses_completed = _counter(meter, Metric.ANALYSES_COMPLETED)
        self.analyses_failed = _counter(meter, Metric.ANALYSES_FAILED)
        self.analysis_duration = _histogram(meter, Metric.ANALYSIS_DURATION)
        self.pages_analysed = _counter(meter, Metric.PAGES_ANALYSED)
        self.page_duration = _histogram(meter, Metric.PAGE_DURATION)
        self.findings = _counter(meter, Metric.FINDINGS)
        self.upload_bytes = _counter(meter, Metric.UPLOAD_BYTES)
        self.upload_rejections = _counter(meter, Metric.UPLOAD_REJECTIONS)
        self.queue_depth = LastValueGauge(meter, Metric.QUEUE_DEPTH)
        self.job_wait_time = _histogram(meter, Metric.JOB_WAIT_TIME)
        self.queue_oldest_wait = LastValueGauge(meter, Metric.QUEUE_OLDEST_WAIT)
        self.llm_calls = _counter(meter, Metric.LLM_CALLS)
        self.llm_retries = _counter(meter, Metric.LLM_RETRIES)
        self.llm_failures = _counter(meter, Metric.LLM_FAILURES)
        self.llm_duration = _histogram(meter, Metric.LLM_DURATION)
        self.llm_breaker_state = LastValueGauge(meter, Metric.LLM_BREAKER_STATE)
        self.retries = _counter(meter, Metric.RETRIES)
        self.cache_hits = _counter(meter, Metric.CACHE_HITS)
        self.cache_misses = _counter(meter, Metric.CACHE_MISSES)
        self.cleanup_runs = _counter(meter, Metric.CLEANUP_RUNS)
        self.cleanup_bytes_freed = _counter(meter, Metric.CLEANUP_BYTES_FREED)
        self.sessions_active = LastValueGauge(meter, Metric.SESSIONS_ACTIVE)
        self.disk = DiskGauges(meter)


def _counter(meter: Meter, spec: MetricSpec) -> Counter:
    return meter.create_counter(spec.name, unit=spec.unit, description=spec.description)


def _histogram(meter: Meter, spec: MetricSpec) -> Histogram:
    return meter.create_histogram(
        spec.name,
        unit=spec.unit,
        description=spec.description,
        explicit_bucket_boundaries_advisory=list(DURATION_BUCKETS_S),
    )


_instruments: Instruments | None = None
_instruments_provider: MeterProviderApi | None = None  # None: built from the global provider
_instruments_lock = threading.Lock()


def instruments() -> Instruments:
    """Return the process's instruments, creating them from the global meter on first use."""
    global _instruments  # noqa: PLW0603 - one set of instruments per process, by design
    if _instruments is None:
        with _instruments_lock:
            if _instruments is None:
                _instruments = Instruments(metrics.get_meter(SCOPE, __version__))
    return _instruments


def bind_meter_provider(provider: MeterProviderApi | None) -> Instruments:
    """Use instruments from ``provider`` (``None``: the global provider) and return them.

    Instruments from the global provider are created once: before an SDK provider is
    installed they are proxies that start forwarding when it is, so rebinding to the
    global provider again is a no-op (recreating them would register every name twice).
    """
    global _instruments, _instruments_provider  # noqa: PLW0603 - see instruments()
    if provider is None and _instruments_provider is None:
        return instruments()
    with _instruments_lock:
        if _instruments is None or provider is not _instruments_provider:
            meter = (provider or metrics.get_meter_provider()).get_meter(SCOPE, __version__)
            _instruments = Instruments(meter)
            _instruments_provider = provider
        return _instruments


# --- one-line helpers for the code that owns each event -------------------------------------


def record_analysis_started() -> None:
    """Count an analysis that a job started running (a retried job counts again)."""
    instruments().analyses_started.add(1)


def record_analysis_completed(duration_s: float) -> None:
    """Count a finished analysis and record how long the run took, in seconds."""
    ins = instruments()
    ins.analyses_completed.add(1)
    ins.analysis_duration.record(duration_s, {Attr.RESULT: "completed"})


def record_analysis_failed(reason: str, duration_s: float | None = None) -> None:
    """Count a failed analysis; ``reason`` is a short category (``timeout``, an error type)."""
    ins = instruments()
    ins.analyses_failed.add(1, {Attr.REASON: reason})
    if duration_s is not None:
        ins.analysis_duration.record(duration_s, {Attr.RESULT: "failed"})


def record_page_analysed(*, ok: bool, duration_s: float | None = None) -> None:
    """Count one analysed page (``ok=False`` when the page yielded an error entry)."""
    ins = instruments()
    attributes: dict[str, str] = {Attr.RESULT: "ok" if ok else "error"}
    ins.pages_analysed.add(1, attributes)
    if duration_s is not None:
        ins.page_duration.record(duration_s, attributes)


def record_findings(result: DocumentResult) -> None:
    """Count a page's findings by rule, impact and outcome (one add per distinct triple)."""
    tally = _Tally((f.rule_id, f.impact.value, f.outcome.value) for f in result.findings)
    counter = instruments().findings
    for (rule_id, impact, outcome), count in tally.items():
        counter.add(count, {Attr.RULE_ID: rule_id, Attr.IMPACT: impact, Attr.OUTCOME: outcome})


def record_upload(size_bytes: int) -> None:
    """Count the bytes of one accepted uploaded file."""
    instruments().upload_bytes.add(size_bytes)


def record_upload_rejected(reason: str) -> None:
    """Count a rejected upload; ``reason`` is a short category such as ``too_large``."""
    instruments().upload_rejections.add(1, {Attr.REASON: reason})


def record_queue_depth(depth: int, queue: str = "analyses") -> None:
    """Record how many jobs wait in ``queue`` right now."""
    instruments().queue_depth.set(depth, {Attr.QUEUE: queue})


async def sample_queue_depth(count: Callable[[], Awaitable[int]], queue: str = "analyses") -> None:
    """Await ``count()`` and record it as the queue depth; a failing count records nothing.

    For queues that live elsewhere (arq on Valkey): call it where the depth is known to
    change, e.g. when a worker starts and finishes a job.
    """
    try:
        depth = await count()
    except Exception:  # the backlog gauge must never fail a job
        return
    record_queue_depth(depth, queue)


def record_job_wait(seconds: float, queue: str = "analyses") -> None:
    """Record how long a job waited between being enqueued and starting, in seconds."""
    instruments().job_wait_time.record(max(seconds, 0.0), {Attr.QUEUE: queue})


def record_oldest_wait(seconds: float, queue: str = "analyses") -> None:
    """Set how long the oldest queued analysis has waited (the reconciler measures it)."""
    instruments().queue_oldest_wait.set(max(seconds, 0.0), {Attr.QUEUE: queue})


def record_cache_lookup(key: str, *, hit: bool) -> None:
    """Count a hit or miss, named after the key's first segment (``report:...`` -> ``report``).

    Keys start with a fixed prefix by convention; anything unexpected is counted as
    ``other`` so a stray key shape cannot create unbounded label values.
    """
    prefix = key.split(":", 1)[0]
    cache = prefix if prefix.isidentifier() and len(prefix) <= 32 else "other"
    if hit:
        record_cache_hit(cache)
    else:
        record_cache_miss(cache)


def record_cache_hit(cache: str = "default") -> None:
    """Count a cache hit in the named cache."""
    instruments().cache_hits.add(1, {Attr.CACHE: cache})


def record_cache_miss(cache: str = "default") -> None:
    """Count a cache miss in the named cache."""
    instruments().cache_misses.add(1, {Attr.CACHE: cache})


def record_cleanup(*, bytes_freed: int, result: str = "ok", trigger: str = "schedule") -> None:
    """Count a housekeeping run and the bytes of files it removed."""
    ins = instruments()
    ins.cleanup_runs.add(1, {Attr.RESULT: result, Attr.CLEANUP_TRIGGER: trigger})
    if bytes_freed:
        ins.cleanup_bytes_freed.add(bytes_freed)


def record_sessions_active(count: int) -> None:
    """Record the number of sessions that have not expired (a count read from the database)."""
    instruments().sessions_active.set(count)


def record_llm_breaker_state(provider: str, state: BreakerState) -> None:
    """Record a provider's circuit-breaker state (0 closed, 1 half-open, 2 open)."""
    instruments().llm_breaker_state.set(BREAKER_STATE_VALUES[state], {Attr.LLM_PROVIDER: provider})


def watch_disk(path: Path) -> None:
    """Report free and used bytes of the volume holding ``path`` (``a11y.disk.*`` gauges)."""
    instruments().disk.watch(path)
