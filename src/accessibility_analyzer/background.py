"""Background loops (reconcilers, cleanup, orphan recovery) that stop between passes.

Cancelling a pass in the middle of a database statement is not safe with every driver:
SQLAlchemy then closes the connection, and aiosqlite may never answer that close once its
thread has gone, so the shutdown that cancelled the pass waits for ever (seen under load: a
lifespan that never ended, and "connection deleted before being closed" at teardown). A
:class:`BackgroundLoop` is asked to stop, finishes the pass it is in (up to a grace period)
and is cancelled only while it waits for the next pass, or when the grace period is over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

__all__ = ["BackgroundLoop", "pause"]


async def pause(stop: asyncio.Event | None, seconds: float) -> None:
    """Wait ``seconds``, or less when ``stop`` is set meanwhile."""
    if stop is None:
        await asyncio.sleep(seconds)
        return
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


class BackgroundLoop:
    """One loop run as a task: started with its stop event, stopped between passes.

    ``body`` receives the event and returns when it is set (see :func:`pause`).
    """

    def __init__(self, name: str, body: Callable[[asyncio.Event], Awaitable[None]]) -> None:
        self.name = name
        self.stop_requested = asyncio.Event()
        self._body = body
        self._task: asyncio.Task[None] | None = None

    def start(self) -> BackgroundLoop:
        """Start the loop in the running event loop."""
        self._task = asyncio.ensure_future(self._body(self.stop_requested))
        return self

    async def stop(self, grace_seconds: float = 10.0) -> None:
        """Ask the loop to stop; cancel it only if its pass outlasts ``grace_seconds``."""
        task = self._task
        if task is None:
            return
        self.stop_requested.set()
        await asyncio.wait({task}, timeout=grace_seconds)
        if not task.done():
            logger.warning("%s: pass still running after %g s; cancelled", self.name, grace_seconds)
            task.cancel()
            await asyncio.wait({task}, timeout=grace_seconds)
        if task.done() and not task.cancelled() and (error := task.exception()) is not None:
            logger.warning("%s: ended with %r", self.name, error)
