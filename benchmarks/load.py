"""API latency under load while a large analysis runs (loopback only, bounded).

Usage::

    uv run python benchmarks/load.py                          # 30 clients, 60 s, 300 pages
    uv run python benchmarks/load.py --clients 10 --duration 10 --pages 50
    uv run python benchmarks/load.py --workers 2          # two server processes

Starts ``a11y serve`` (SQLite, analyses in the server's own engine pool, rate limit off) on
127.0.0.1 with a fresh ``DATA_DIR``, stores a finished analysis to read, then starts an
analysis of ``--pages`` generated pages and runs ``--clients`` concurrent clients for
``--duration`` seconds. Each client loops over ``GET /health`` and the API reads a user makes
while waiting: the running analysis's status, the sessions list, and findings pages of the
finished analysis walked by cursor. Printed: requests, p50/p95/p99 of ``/health`` and of
the API reads, errors (non-2xx or transport failures), and how far the analysis got.

Targets on the 2-core machine: 0 errors, ``/health`` p99 under 50 ms, API reads p99 under
250 ms. Figures are printed, never asserted. Only loopback addresses are ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HOST = "127.0.0.1"


def page(index: int, sections: int = 6) -> bytes:
    """A page with ordinary content and a few failures per section."""
    body = "".join(
        f'<section><h2>Section {n}</h2><p>Text {n}</p><img src="/img/{n}.png">'
        f'<a href="#s{n}"></a><form><input type=text><button></button></form></section>'
        for n in range(sections)
    )
    return (
        f'<!doctype html><html lang="en"><head><title>Page {index}</title></head>'
        f"<body><main><h1>Page {index}</h1>{body}</main></body></html>"
    ).encode()


def site_zip(pages: int) -> bytes:
    """A ZIP of ``pages`` generated pages."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(pages):
            archive.writestr(f"p{number:04d}.html", page(number))
    return buffer.getvalue()


def free_port() -> int:
    """A free TCP port on loopback."""
    import socket  # noqa: PLC0415

    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def server(engine_processes: int, workers: int = 1) -> Iterator[str]:
    """``a11y serve`` on a free loopback port; yields its base URL."""
    port = free_port()
    with tempfile.TemporaryDirectory() as directory:
        environment = {
            **os.environ,
            "DATA_DIR": str(Path(directory) / "data"),
            "RATE_LIMIT_PER_MINUTE": "0",
            "LOG_LEVEL": "WARNING",
            "ENGINE_PROCESSES": str(engine_processes),
        }
        for name in ("VALKEY_URL", "REDIS_URL", "DATABASE_URL", "API_KEYS"):
            environment.pop(name, None)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "accessibility_analyzer",
                "serve",
                "--host",
                HOST,
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://{HOST}:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    httpx.get(f"{base}/health", timeout=2).raise_for_status()
                    break
                except httpx.HTTPError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


async def analysed_session(client: httpx.AsyncClient, pages: int, wait: bool) -> tuple[str, str]:
    """Upload ``pages`` pages and start an analysis; with ``wait``, until it completed."""
    session = (await client.post("/api/v1/sessions")).json()["id"]
    files = {"files": ("site.zip", site_zip(pages), "application/zip")}
    (await client.post(f"/api/v1/sessions/{session}/documents", files=files)).raise_for_status()
    analysis = (await client.post(f"/api/v1/sessions/{session}/analyses")).json()["id"]
    while wait:
        status = (await client.get(f"/api/v1/analyses/{analysis}")).json()["status"]
        if status in {"completed", "failed"}:
            break
        await asyncio.sleep(0.2)
    return session, analysis


@dataclass
class Figures:
    """Latencies (seconds) by kind, and the failures seen."""

    health: list[float] = field(default_factory=list)
    reads: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def one_client(
    client: httpx.AsyncClient, running: str, finished: str, until: float, figures: Figures
) -> None:
    """Loop over /health and the API reads until ``until`` (monotonic)."""
    cursor: str | None = None
    step = 0
    while time.monotonic() < until:
        step += 1
        if step % 2:
            url, kind = "/health", figures.health
        elif step % 6 == 2:
            url, kind = f"/api/v1/analyses/{running}", figures.reads
        elif step % 6 == 4:
            url, kind = "/api/v1/sessions?limit=20", figures.reads
        else:
            query = f"&cursor={cursor}" if cursor else ""
            url, kind = f"/api/v1/analyses/{finished}/findings?limit=100{query}", figures.reads
        began = time.perf_counter()
        try:
            response = await client.get(url)
        except httpx.HTTPError as error:
            figures.errors.append(f"{url}: {type(error).__name__}")
            continue
        kind.append(time.perf_counter() - began)
        if response.status_code >= 300:
            figures.errors.append(f"{url}: {response.status_code}")
        elif "/findings" in url:
            cursor = response.json().get("nextCursor")


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``values`` in milliseconds (0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def run(base: str, clients: int, duration: float, pages: int) -> dict[str, object]:
    """Measure; returns the printed figures as a dict."""
    limits = httpx.Limits(max_connections=clients + 5)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        _, finished = await analysed_session(client, min(pages, 20), wait=True)
        _, running = await analysed_session(client, pages, wait=False)
        figures = Figures()
        until = time.monotonic() + duration
        await asyncio.gather(
            *(one_client(client, running, finished, until, figures) for _ in range(clients))
        )
        status = (await client.get(f"/api/v1/analyses/{running}")).json()
    return {
        "clients": clients,
        "seconds": duration,
        "requests": len(figures.health) + len(figures.reads) + len(figures.errors),
        "health_p50_ms": percentile(figures.health, 0.50),
        "health_p99_ms": percentile(figures.health, 0.99),
        "reads_p50_ms": percentile(figures.reads, 0.50),
        "reads_p95_ms": percentile(figures.reads, 0.95),
        "reads_p99_ms": percentile(figures.reads, 0.99),
        "reads_mean_ms": 1000 * statistics.fmean(figures.reads) if figures.reads else 0.0,
        "errors": len(figures.errors),
        "error_examples": sorted(set(figures.errors))[:5],
        "analysis_status": status["status"],
        "analysis_pages_done": status["progress"]["pagesDone"],
        "analysis_pages_total": status["progress"]["pagesTotal"],
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Parse the arguments, run the server and the clients, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--pages", type=int, default=300, help="pages of the running analysis")
    parser.add_argument("--engine-processes", type=int, default=0, help="0: one per core")
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes (each runs its own analyses)"
    )
    args = parser.parse_args(argv)
    with server(args.engine_processes, args.workers) as base:
        figures = asyncio.run(run(base, args.clients, args.duration, args.pages))
    for name, value in figures.items():
        shown = f"{value:.1f}" if isinstance(value, float) else value
        print(f"{name:>22}: {shown}")
    return figures


if __name__ == "__main__":
    main()
