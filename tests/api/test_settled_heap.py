"""What start-up built is kept out of the cyclic GC's scans while the app runs, and handed
back at shutdown (pause lengths are measured by ``benchmarks/load.py``'s server, not here)."""

from __future__ import annotations

import gc

from litestar import Litestar
from litestar.testing import AsyncTestClient


async def test_start_up_objects_are_frozen_while_the_app_runs(app: Litestar) -> None:
    gc.unfreeze()
    async with AsyncTestClient(app=app) as client:
        assert (await client.get("/health")).status_code == 200
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
