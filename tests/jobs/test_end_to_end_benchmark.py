"""The end-to-end benchmark runs (briefly) and reports its figures; no timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jobs_helpers import CSS, page

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "end_to_end.py"

pytestmark = [pytest.mark.valkey, pytest.mark.slow]


def test_the_end_to_end_benchmark_prints_its_figures(tmp_path: Path, valkey_url: str) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "css").mkdir(parents=True)
    (corpus / "css" / "site.css").write_bytes(CSS)
    for index in range(4):
        (corpus / f"page-{index}.html").write_bytes(page(f"Page {index}"))

    completed = subprocess.run(
        [
            sys.executable,
            str(BENCHMARK),
            "--pages",
            "10",
            "--corpus",
            str(corpus),
            "--valkey-url",
            valkey_url,
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    figures = json.loads(completed.stdout)
    assert figures["pages"] == 10
    assert figures["engineSingleProcessSeconds"] > 0
    assert [run["mode"] for run in figures["runs"]] == ["inprocess", "worker"]
    for run in figures["runs"]:
        assert run["status"] == "completed"
        assert run["wall_seconds"] > 0
        assert run["server_peak_rss_mib"] > 0
    assert figures["runs"][1]["worker_peak_rss_mib"] > 0
