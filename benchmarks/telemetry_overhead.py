"""What telemetry costs: per span, per metric call, and per HTTP request through the plugin.

Usage::

    uv run python benchmarks/telemetry_overhead.py [--iterations 20000] [--requests 2000]

Each figure is measured three ways:

* ``off``: OpenTelemetry's no-op API (no SDK provider installed);
* ``no endpoint``: what ``setup_telemetry`` installs when no OTLP endpoint is set (a tracer
  provider that records nothing but hands out trace ids for logs; metrics stay no-op);
* ``exporting``: SDK providers with a batch span processor and a metric reader, as with an
  endpoint (the exporter itself discards, so the network is not measured).

Providers are passed explicitly, so the three setups can run in one process.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable, Sequence

from litestar import get
from litestar.params import FromPath
from litestar.testing import AsyncTestClient, create_async_test_client
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF

from accessibility_analyzer.observability.metrics import Instruments
from accessibility_analyzer.observability.names import Attr
from accessibility_analyzer.observability.otel_plugin import build_otel_plugin


class _DiscardingExporter(SpanExporter):
    def export(self, spans: Sequence[object]) -> SpanExportResult:  # type: ignore[override]
        return SpanExportResult.SUCCESS


def _setups() -> dict[str, tuple[trace.TracerProvider, metrics.MeterProvider]]:
    exporting_tp = TracerProvider()
    exporting_tp.add_span_processor(BatchSpanProcessor(_DiscardingExporter()))
    return {
        "off": (trace.NoOpTracerProvider(), metrics.NoOpMeterProvider()),
        "no endpoint": (TracerProvider(sampler=ALWAYS_OFF), metrics.NoOpMeterProvider()),
        "exporting": (exporting_tp, MeterProvider(metric_readers=[InMemoryMetricReader()])),
    }


def _per_call_ns(action: Callable[[], object], iterations: int) -> float:
    started = time.perf_counter_ns()
    for _ in range(iterations):
        action()
    return (time.perf_counter_ns() - started) / iterations


@get("/items/{item_id:int}", sync_to_thread=False)
def _item(item_id: FromPath[int]) -> dict[str, int]:
    return {"id": item_id}


async def _request_latency_us(
    tracer_provider: trace.TracerProvider | None,
    meter_provider: metrics.MeterProvider | None,
    requests: int,
) -> float:
    plugins = (
        []
        if tracer_provider is None
        else [build_otel_plugin(tracer_provider=tracer_provider, meter_provider=meter_provider)]
    )
    client: AsyncTestClient  # type: ignore[type-arg]
    async with create_async_test_client([_item], plugins=plugins, logging_config=None) as client:
        for _ in range(50):  # warm up the router cache and the client
            await client.get("/items/1")
        samples = []
        for index in range(requests):
            started = time.perf_counter_ns()
            await client.get(f"/items/{index}")
            samples.append(time.perf_counter_ns() - started)
    return statistics.median(samples) / 1000


def _actions(
    tracer: trace.Tracer, ins: Instruments
) -> tuple[Callable[[], None], Callable[[], None], Callable[[], None]]:
    def span() -> None:
        with tracer.start_as_current_span("bench", attributes={Attr.PAGE_PATH: "a.html"}):
            pass

    def counter() -> None:
        ins.pages_analysed.add(1, {Attr.RESULT: "ok"})

    def histogram() -> None:
        ins.page_duration.record(0.012, {Attr.RESULT: "ok"})

    return span, counter, histogram


async def run(iterations: int, requests: int) -> list[str]:
    """Measure every figure and return one printable line per figure."""
    lines = []
    for name, (tracer_provider, meter_provider) in _setups().items():
        tracer = tracer_provider.get_tracer("bench")
        ins = Instruments(meter_provider.get_meter("bench"))
        span, counter, histogram = _actions(tracer, ins)
        lines.append(f"span [{name}]: {_per_call_ns(span, iterations):9.0f} ns per span")
        lines.append(f"counter.add [{name}]: {_per_call_ns(counter, iterations):9.0f} ns per call")
        lines.append(
            f"histogram.record [{name}]: {_per_call_ns(histogram, iterations):9.0f} ns per call"
        )
    plain = await _request_latency_us(None, None, requests)
    lines.append(f"GET /items/{{id}} without plugin: {plain:9.1f} us median")
    for name, (tracer_provider, meter_provider) in _setups().items():
        latency = await _request_latency_us(tracer_provider, meter_provider, requests)
        lines.append(
            f"GET /items/{{id}} with plugin [{name}]: {latency:9.1f} us median "
            f"(+{latency - plain:.1f} us)"
        )
    return lines


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=2_000)
    args = parser.parse_args()
    for line in asyncio.run(run(args.iterations, args.requests)):
        print(line)


if __name__ == "__main__":
    main()
