"""The process pool that runs the engine, shared by the arq worker and the in-process queue.

The engine is pure CPU work; run in the event loop it would stall health probes and every
other request for as long as a page takes. A :class:`~concurrent.futures.ProcessPoolExecutor`
sized to the cores keeps the loop free and uses every core (threads would not: the GIL).

Children are started with ``forkserver``, not ``fork``: the parent runs an event loop, the
SQLite driver's thread and OpenTelemetry's exporter threads, and forking a threaded process
can leave a child holding a lock no thread will ever release. The fork server preloads the
page worker module (and through it the engine and the rule registry), so a new child costs a
fork, not a fresh interpreter importing everything.

Children die with the process that owns the pool, however it ends (SIGKILL included): each
child asks the kernel for SIGKILL when its parent (the fork server) exits, and a watchdog
thread checks that the owner is still alive. The fork server exits when the owner does (its
end of a pipe closes), and the resource tracker once every process holding it is gone, so
nothing of the pool outlives its owner.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from accessibility_analyzer.jobs.orphan_guard import die_with_owner

_T = TypeVar("_T")

_PRELOAD = ["accessibility_analyzer.jobs.page_worker"]


def default_pool_size() -> int:
    """One child per core the process may run on (``sched_getaffinity`` honours cgroups/taskset)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _start_child(owner_pid: int, nice: int) -> None:
    """Pool initializer: lower this child's priority, and end it when its owner ends."""
    if nice > 0:
        os.nice(nice)
    die_with_owner(owner_pid)


class EnginePool:
    """A lazily created process pool that can be rebuilt after a child dies.

    Nothing is started until the first :meth:`submit`, so creating an app or a worker (and
    every test that never analyses anything) costs no processes.

    Args:
        size: number of child processes; ``None`` means one per available core.
        nice: niceness the children add to their own (``ENGINE_NICE``), so the API's event
            loop and probes win the CPU from analyses on a busy machine.
    """

    def __init__(self, size: int | None = None, *, nice: int = 0) -> None:
        self.size = size if size is not None and size > 0 else default_pool_size()
        self.nice = nice
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._generation = 0

    @property
    def started(self) -> bool:
        """Whether the child processes exist."""
        return self._executor is not None

    @property
    def generation(self) -> int:
        """Incremented each time the pool is (re)built; lets callers tell pools apart."""
        return self._generation

    def _ensure(self) -> tuple[int, ProcessPoolExecutor]:
        with self._lock:
            if self._executor is None:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(_PRELOAD)
                self._executor = ProcessPoolExecutor(
                    max_workers=self.size,
                    mp_context=context,
                    initializer=_start_child,
                    initargs=(os.getpid(), self.nice),
                )
                self._generation += 1
            return self._generation, self._executor

    def submit(self, fn: Callable[..., _T], /, *args: object) -> Future[_T]:
        """Run ``fn(*args)`` in a child; rebuilds the pool once if it is found broken.

        The returned future carries the pool generation it was submitted to
        (``future.pool_generation``), so a caller that sees it fail with
        ``BrokenProcessPool`` can :meth:`reset` exactly that pool.
        """
        generation, executor = self._ensure()
        try:
            future = executor.submit(fn, *args)
        except BrokenProcessPool:
            self.reset(generation)
            generation, executor = self._ensure()
            future = executor.submit(fn, *args)
        future.pool_generation = generation  # type: ignore[attr-defined]
        return future

    async def run(self, fn: Callable[..., _T], /, *args: object) -> _T:
        """Await ``fn(*args)`` run in a child without blocking the event loop."""
        return await asyncio.wrap_future(self.submit(fn, *args))

    async def warm_up(self) -> None:
        """Start the fork server and every child now, so the first page does not wait.

        For a dedicated worker process: it exists to analyse, so it pays the start-up
        (about a second: the fork server imports the engine and the rules) before taking jobs.
        """
        await asyncio.gather(*(self.run(os.getpid) for _ in range(self.size)))

    def reset(self, generation: int) -> None:
        """Drop a broken pool so the next submit builds a new one.

        Args:
            generation: the generation the caller saw fail; when the pool was already
                rebuilt since (another page saw the same failure first), nothing happens,
                so one crash costs one rebuild.
        """
        with self._lock:
            executor = self._executor
            if executor is None or generation != self._generation:
                return
            self._executor = None
        executor.shutdown(wait=False, cancel_futures=True)

    def child_pids(self) -> list[int]:
        """Process ids of the running children (for diagnostics and tests)."""
        executor = self._executor
        processes = getattr(executor, "_processes", None) or {}
        return [int(pid) for pid in processes]

    def shutdown(self) -> None:
        """Stop the children (waits for running pages; queued ones are cancelled)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
