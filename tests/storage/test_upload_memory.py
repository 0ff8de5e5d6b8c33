"""The upload benchmark, briefly: memory does not grow with the upload's size."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from accessibility_analyzer.storage.limits import MIB

ROOT = Path(__file__).resolve().parents[2]


def _load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "upload_intake", ROOT / "benchmarks" / "upload_intake.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def test_a_bigger_upload_does_not_take_more_memory(tmp_path: Path) -> None:
    """Eight times the upload size: the peak of Python allocations stays about the same."""
    benchmark = _load_benchmark()
    small = await benchmark.measure(1, 20, tmp_path / "small")
    large = await benchmark.measure(8, 20, tmp_path / "large")
    assert small.documents == large.documents == 21
    assert large.peak_traced_bytes < small.peak_traced_bytes + MIB
    assert large.peak_traced_bytes < large.size_bytes / 4
