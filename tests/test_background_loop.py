"""Background loops stop between passes: a pass is never cancelled while it can finish."""

from __future__ import annotations

import asyncio
import time

from accessibility_analyzer.background import BackgroundLoop, pause


async def test_a_running_pass_finishes_before_the_loop_stops() -> None:
    events: list[str] = []
    started = asyncio.Event()

    async def body(stop: asyncio.Event) -> None:
        while not stop.is_set():
            events.append("begin")
            started.set()
            await asyncio.sleep(0.2)  # a query in flight when the stop comes
            events.append("end")
            await pause(stop, 60)

    loop = BackgroundLoop("test", body).start()
    await started.wait()
    await loop.stop(grace_seconds=5)
    assert events == ["begin", "end"]  # finished, not cancelled mid-pass


async def test_a_loop_waiting_for_its_next_pass_stops_at_once() -> None:
    async def body(stop: asyncio.Event) -> None:
        while not stop.is_set():
            await pause(stop, 3600)

    loop = BackgroundLoop("test", body).start()
    await asyncio.sleep(0)
    began = time.monotonic()
    await loop.stop(grace_seconds=30)
    assert time.monotonic() - began < 10  # woken by the stop, not after an hour


async def test_a_pass_that_outlasts_the_grace_period_is_cancelled() -> None:
    cancelled = asyncio.Event()

    async def body(stop: asyncio.Event) -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    loop = BackgroundLoop("test", body).start()
    await asyncio.sleep(0)
    await loop.stop(grace_seconds=0.05)
    assert cancelled.is_set()
