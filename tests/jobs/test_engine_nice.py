"""Engine processes run at a lower priority than their owner (ENGINE_NICE)."""

from __future__ import annotations

import os

from accessibility_analyzer.jobs.pool import EnginePool


def test_engine_processes_add_the_configured_niceness() -> None:
    """A pool with nice=7 runs its children 7 steps nicer than this process; 0 keeps it."""
    own = os.nice(0)
    for nice, expected in ((7, min(19, own + 7)), (0, own)):
        pool = EnginePool(1, nice=nice)
        try:
            assert pool.submit(os.nice, 0).result(timeout=60) == expected
        finally:
            pool.shutdown()
