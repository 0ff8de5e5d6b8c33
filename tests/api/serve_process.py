"""Real `a11y serve` processes for tests: free ports, logs to files, stopped afterwards."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from foundation_probe import free_port


@dataclass
class Server:
    """A running `a11y serve` and the file its logs go to."""

    base: str
    port: int
    log: Path

    def log_records(self) -> list[dict[str, object]]:
        """The JSON log records written so far."""
        return [
            json.loads(line)
            for line in self.log.read_text(errors="replace").splitlines()
            if line.startswith("{")
        ]


def _start(
    directory: Path, environment: Mapping[str, str]
) -> tuple[subprocess.Popen[bytes], Server]:
    port = free_port()
    env = {**os.environ, "DATA_DIR": str(directory / "data"), "HEALTH_CHECK_TIMEOUT_SECONDS": "10"}
    for name in ("VALKEY_URL", "REDIS_URL", "DATABASE_URL", "API_KEYS"):
        env.pop(name, None)
    env.update(environment)
    directory.mkdir(parents=True, exist_ok=True)
    log = directory / f"server-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "accessibility_analyzer", "serve", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return process, Server(base=f"http://127.0.0.1:{port}", port=port, log=log)


def _wait_until_up(process: subprocess.Popen[bytes], server: Server) -> None:
    deadline = time.monotonic() + 90  # a loaded 2-core machine imports slowly
    while True:
        try:
            with urllib.request.urlopen(f"{server.base}/health", timeout=2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(server.log.read_text(errors="replace")[-3000:]) from None
            time.sleep(0.1)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@contextlib.contextmanager
def serve_many(configurations: Sequence[tuple[Path, Mapping[str, str]]]) -> Iterator[list[Server]]:
    """Start one `a11y serve` per ``(directory, environment)`` at once; stop them all after.

    Valkey, database and API-key variables of the caller's environment are dropped first, so
    only what each ``environment`` sets applies; DATA_DIR is ``directory/data``.
    """
    started = [_start(directory, environment) for directory, environment in configurations]
    try:
        for process, server in started:
            _wait_until_up(process, server)
        yield [server for _, server in started]
    finally:
        for process, _ in started:
            _stop(process)


@contextlib.contextmanager
def serve(directory: Path, environment: Mapping[str, str]) -> Iterator[Server]:
    """One `a11y serve` (see ``serve_many``)."""
    with serve_many([(directory, environment)]) as servers:
        yield servers[0]
