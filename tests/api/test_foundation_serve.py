"""`a11y serve`: a bad setting stops start-up with one line; a real server answers the probes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from foundation_probe import free_port

from accessibility_analyzer.cli import main


def test_a_bad_setting_is_one_line_on_stderr_and_exit_code_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SESSION_EXPIRY_HOURS", "abc")
    assert main(["serve"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("a11y serve: SESSION_EXPIRY_HOURS: expected a number > 0, got 'abc'\n")


def test_an_unwritable_log_file_is_one_line_and_exit_code_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("LOG_FILE", str(tmp_path / "missing-dir" / "a11y.log"))
    assert main(["serve"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("a11y serve: LOG_FILE: expected a writable file path")
    assert error.count("\n") == 1


@pytest.mark.parametrize("arguments", [["--port", "70000"], ["--workers", "0"], ["--port", "x"]])
def test_bad_arguments_exit_2(arguments: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["serve", *arguments])
    assert caught.value.code == 2


def _get(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read(), response.headers["content-type"]
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers["content-type"]


@pytest.mark.slow
def test_the_server_answers_probes_and_docs(tmp_path: Path) -> None:
    port = free_port()
    environment = {
        **os.environ,
        "DATA_DIR": str(tmp_path / "data"),
        "LOG_LEVEL": "WARNING",
        "HEALTH_CHECK_TIMEOUT_SECONDS": "10",  # readiness must not depend on machine load
    }
    environment.pop("VALKEY_URL", None)
    environment.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "accessibility_analyzer", "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _, _ = _get(f"{base}/health")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert status == 200
        for path in ("/health/ready", "/health/detailed", "/docs", "/redoc", "/openapi.json"):
            assert _get(base + path)[0] == 200, path
        status, body, content_type = _get(f"{base}/nope")
        assert status == 404
        assert content_type.startswith("application/problem+json")
        assert b"requestId" in body
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=15)
    # uvicorn shuts down gracefully, then re-raises SIGTERM so the exit status tells why.
    assert server.returncode in {0, -signal.SIGTERM}, output.decode(errors="replace")
    # The open-API warning is the one line a default local start-up prints at WARNING.
    assert b"API_KEYS is not set" in output
