"""Server CPU per API read, by route: what ``benchmarks/load.py``'s clients ask for, one at a time.

Usage::

    uv run python benchmarks/api_reads.py                  # 1,000 requests per route
    uv run python benchmarks/api_reads.py --requests 300

Starts ``a11y serve`` as ``benchmarks/load.py`` does (SQLite, analyses in the server's own
engine pool, loopback only), stores six finished 20-page analyses, then sends ``--requests``
requests of each kind, one after the other, from one client: ``GET /health``, an analysis,
the sessions list (``limit=20``) and findings pages walked by cursor (``limit=100``).
Printed per route: the server process's CPU time per request (from ``/proc``, so the
client's own CPU is not counted) and the wall time per request.

On a shared machine the load benchmark's latencies move with everyone else's work; CPU per
request barely does, so compare code with this, back to back (for example the old code on
``PYTHONPATH``). Linux only (``/proc``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import analysed_session, server  # a script beside this one

_WARM_UP = 50


def server_pid(base: str) -> int:
    """The ``a11y serve`` process ``load.server`` started for ``base`` (a child of this one)."""
    port = base.rsplit(":", 1)[1]
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:  # the process ended meanwhile
            continue
        if parent == os.getpid() and b"serve" in arguments and port.encode() in arguments:
            found.append(int(entry.name))
    if len(found) != 1:
        raise RuntimeError(f"expected one server process on port {port}, found {found}")
    return found[0]


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU time of process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(base: str, pid: int, requests: int) -> dict[str, tuple[float, float]]:
    """``{route: (server CPU ms, wall ms)}`` per request."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        _, finished = await analysed_session(client, 20, wait=True)
        for _ in range(5):  # sessions to list, with documents to count
            await analysed_session(client, 20, wait=True)
        cursor: str | None = None

        async def findings_page() -> httpx.Response:
            nonlocal cursor
            query = f"&cursor={cursor}" if cursor else ""
            response = await client.get(f"/api/v1/analyses/{finished}/findings?limit=100{query}")
            cursor = response.json().get("nextCursor")
            return response

        routes: dict[str, Callable[[], Awaitable[httpx.Response]]] = {
            "GET /health": lambda: client.get("/health"),
            "GET /api/v1/analyses/{id}": lambda: client.get(f"/api/v1/analyses/{finished}"),
            "GET /api/v1/sessions?limit=20": lambda: client.get("/api/v1/sessions?limit=20"),
            "GET .../findings?limit=100&cursor": findings_page,
        }
        figures: dict[str, tuple[float, float]] = {}
        for name, send in routes.items():
            for _ in range(_WARM_UP):
                (await send()).raise_for_status()
            cpu, began = process_cpu_seconds(pid), time.perf_counter()
            for _ in range(requests):
                (await send()).raise_for_status()
            wall = time.perf_counter() - began
            figures[name] = (
                1000 * (process_cpu_seconds(pid) - cpu) / requests,
                1000 * wall / requests,
            )
    return figures


def main(argv: list[str] | None = None) -> dict[str, tuple[float, float]]:
    """Parse the arguments, run the server and the client, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests per route")
    args = parser.parse_args(argv)
    with server(engine_processes=1) as base:
        figures = asyncio.run(measure(base, server_pid(base), args.requests))
    for name, (cpu_ms, wall_ms) in figures.items():
        print(f"{name:>36}: server CPU {cpu_ms:.2f} ms/request, wall {wall_ms:.2f} ms/request")
    return figures


if __name__ == "__main__":
    main()
