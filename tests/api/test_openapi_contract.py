"""The OpenAPI document is the truth: schemathesis finds nothing against a real server.

Every phase runs (examples, coverage, fuzzing, stateful over the document's links), with
every check, an API key, deterministic generation and few examples per operation
(tests/api/schemathesis.toml), so the run is repeatable and bounded. Any finding fails.

The hooks (tests/api/schemathesis_hooks.py) give valid uploads real pages and ZIPs, let
created analyses finish, and log the stateful phase's calls; the test then proves that the
walk went the whole workflow: session → upload → analysis → its status → failed findings →
suggestion, and the report in every format, each answered 2xx. A stateful phase that stops
at sessions fails it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serve_process import Server, serve

from accessibility_analyzer.reports import ReportFormat

pytestmark = pytest.mark.slow

KEY = "contract-test-key-0001"
CONFIG = Path(__file__).with_name("schemathesis.toml")
HOOKS = Path(__file__).with_name("schemathesis_hooks.py")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`a11y serve` with an API key, no rate limit, one engine process."""
    environment = {
        "API_KEYS": f"contract:{KEY}",
        "RATE_LIMIT_PER_MINUTE": "0",
        "ENGINE_PROCESSES": "1",
        "LOG_LEVEL": "WARNING",
    }
    with serve(tmp_path_factory.mktemp("contract"), environment) as running:
        yield running


def _reached(calls: list[dict[str, Any]], operation: str, **expected: Any) -> bool:
    """Whether a 2xx answer of ``operation`` with every ``expected`` log field was logged."""
    return any(
        call["operation"] == operation
        and 200 <= call["status"] < 300
        and all(call.get(key) == value for key, value in expected.items())
        for call in calls
    )


def _missing_steps(calls: list[dict[str, Any]]) -> list[str]:
    """The steps of the workflow the stateful phase never completed with a 2xx."""
    steps: dict[str, bool] = {
        "createSession": _reached(calls, "createSession"),
        "uploadDocuments": _reached(calls, "uploadDocuments"),
        "createAnalysis": _reached(calls, "createAnalysis"),
        "getAnalysis (completed)": _reached(calls, "getAnalysis", analysisStatus="completed"),
        "listFindings (failed)": any(
            call["operation"] == "listFindings"
            and call["status"] == 200
            and call["outcome"] == "failed"
            and (call["items"] or 0) > 0
            for call in calls
        ),
        "suggestFix": _reached(calls, "suggestFix"),
    }
    for fmt in ReportFormat:
        steps[f"getReport ({fmt.value})"] = _reached(calls, "getReport", format=fmt.value)
    return [step for step, done in steps.items() if not done]


def test_schemathesis_finds_nothing(server: Server, tmp_path: Path) -> None:
    """All phases, all checks: exit code 0, no failure, the whole workflow walked."""
    st = Path(sys.executable).with_name("st")
    command = [
        str(st),
        "--config-file",
        str(CONFIG),
        "run",
        f"{server.base}/openapi.json",
        "--header",
        f"X-API-Key: {KEY}",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--generation-deterministic",
        "--workers",
        "1",
        "--no-color",
    ]
    call_log = tmp_path / "stateful-calls.jsonl"
    environment = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": str(HOOKS),
        "CONTRACT_CALL_LOG": str(call_log),
    }
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
        env=environment,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-8000:]
    calls = [json.loads(line) for line in call_log.read_text().splitlines()]
    assert not _missing_steps(calls), (_missing_steps(calls), output[-3000:])
