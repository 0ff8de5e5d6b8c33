"""The service-overhead benchmark runs (briefly) so it cannot rot; its figures are not asserted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "service_overhead.py"


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("service_overhead", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Litestar resolves the handler's annotations through sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def test_the_benchmark_measures_every_figure(valkey_url: str) -> None:
    lines = await load_benchmark().run(10, valkey_url)
    names = [line.split(" p50 ")[0].strip() for line in lines]
    assert "GET /health [memory]" in names
    assert "GET /api (guard + rate limit) [valkey]" in names
    assert "cache.get hit [valkey]" in names
    assert all("ops/s" in line for line in lines)
