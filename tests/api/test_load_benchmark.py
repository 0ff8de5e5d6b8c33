"""The load benchmark, briefly: it drives a real server and reports its figures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_load_benchmark_runs_briefly() -> None:
    """Three clients for two seconds during a five-page analysis: figures, no errors."""
    spec = importlib.util.spec_from_file_location("load_benchmark", ROOT / "benchmarks" / "load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    figures = module.main(
        ["--clients", "3", "--duration", "2", "--pages", "5", "--engine-processes", "1"]
    )
    assert figures["errors"] == 0, figures["error_examples"]
    assert figures["requests"] > 0
    assert figures["health_p99_ms"] > 0
    assert figures["reads_p99_ms"] > 0
