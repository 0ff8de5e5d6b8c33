"""The report benchmark runs (briefly) and prints its figures; no timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "report_rendering.py"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def _run(*arguments: str) -> object:
    completed = subprocess.run(
        [sys.executable, str(BENCHMARK), "--pages", "3", "--findings", "12", "--json", *arguments],
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return json.loads(completed.stdout)


def test_the_service_benchmark_downloads_from_a_real_server() -> None:
    """A stored analysis, a real server per format: first byte, size and peak RSS printed."""
    figures = _run("--formats", "json,html")
    assert isinstance(figures, dict)
    assert (figures["pages"], figures["findings"]) == (3, 36)
    assert [run["format"] for run in figures["runs"]] == ["json", "html"]
    for run in figures["runs"]:
        assert run["status"] == run["againStatus"] == 200
        assert run["firstByteSeconds"] > 0 and run["bytes"] > 0
        assert run["peakRssMegabytes"] >= run["idleRssMegabytes"] > 0


def test_the_writers_benchmark_measures_every_format_in_process() -> None:
    """Each writer over generated pages: time, size and Python peak."""
    figures = _run("--mode", "writers")
    assert isinstance(figures, list)
    assert [row["format"] for row in figures] == [
        "text",
        "json",
        "jsonl",
        "html",
        "sarif",
        "csv",
        "earl",
    ]
    assert all(row["bytes"] > 0 and row["peakMegabytes"] >= 0 for row in figures)
