"""The telemetry-overhead benchmark runs briefly so it cannot rot; figures are not asserted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "telemetry_overhead.py"


async def test_the_benchmark_reports_every_setup() -> None:
    """Spans, metric calls and requests are measured for off / no endpoint / exporting."""
    spec = importlib.util.spec_from_file_location("telemetry_overhead", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # Litestar resolves the handler's annotations through it
    spec.loader.exec_module(module)
    lines = await module.run(iterations=50, requests=20)
    for setup in ("off", "no endpoint", "exporting"):
        assert any(line.startswith(f"span [{setup}]") for line in lines)
        assert any(f"with plugin [{setup}]" in line for line in lines)
    assert any("without plugin" in line for line in lines)
