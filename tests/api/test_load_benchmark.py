"""The load benchmarks, briefly: they drive a real server and report their figures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_load_benchmark_runs_briefly() -> None:
    """Three clients for two seconds during a five-page analysis: figures, no errors."""
    figures = _benchmark("load").main(
        ["--clients", "3", "--duration", "2", "--pages", "5", "--engine-processes", "1"]
    )
    assert figures["errors"] == 0, figures["error_examples"]
    assert figures["requests"] > 0
    assert figures["health_p99_ms"] > 0
    assert figures["reads_p99_ms"] > 0


@pytest.mark.slow
def test_the_api_reads_benchmark_measures_every_route() -> None:
    """A few requests per route: the server's CPU and the wall time of each, all answered."""
    figures = _benchmark("api_reads").main(["--requests", "5"])
    assert len(figures) == 4
    for cpu_ms, wall_ms in figures.values():
        assert cpu_ms >= 0
        assert wall_ms > 0
