"""The LLM client benchmark runs briefly so it cannot rot; figures are not asserted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "llm_client.py"


@pytest.mark.valkey
async def test_the_benchmark_reports_every_setup(valkey_url: str) -> None:
    spec = importlib.util.spec_from_file_location("llm_client_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    lines = await module.run(calls=5, valkey_url=valkey_url)
    for prefix in ("raw httpx", "client [memory]", "client [valkey]", "open breaker [valkey]"):
        assert any(line.startswith(prefix) for line in lines), lines
