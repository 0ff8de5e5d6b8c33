"""The OpenAPI document is the truth: schemathesis finds nothing against a real server.

Every phase runs (examples, coverage, fuzzing, stateful over the document's links: session
→ documents → analyses → findings → report, and any route that follows the naming), with
every check, an API key, deterministic generation and few examples per operation, so the
run is repeatable and stays within about a minute on a loaded machine. Any finding fails.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_process import Server, serve

pytestmark = pytest.mark.slow

KEY = "contract-test-key-0001"
CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = 10


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


def test_schemathesis_finds_nothing(server: Server, tmp_path: Path) -> None:
    """All phases, all checks: exit code 0 and no failure in the report."""
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
        "--max-examples",
        str(MAX_EXAMPLES),
        "--generation-deterministic",
        "--workers",
        "1",
        "--no-color",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=600, cwd=tmp_path, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-8000:]
    assert "Stateful" in output, output[-3000:]  # the stateful phase ran (links exist)
