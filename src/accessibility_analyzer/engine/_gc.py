"""Pausing the cyclic garbage collector while the engine builds long-lived structures."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block.

    Building a page model or its styles creates many container objects that all survive,
    and the collector's passes over a growing heap made a 10x larger page ~20x slower to
    build (measured on the corpus). These builders create no garbage cycles (reference
    counting frees their temporaries), so nothing is lost by pausing. The previous state is
    restored: a collector that was already off stays off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
