"""The `a11y worker` cron jobs: cleanup of expired sessions, and the reconciler."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from arq import cron

from accessibility_analyzer.settings import Settings
from accessibility_analyzer.storage.cleanup import run_cleanup

if TYPE_CHECKING:
    from accessibility_analyzer.jobs.worker import WorkerState


def cron_jobs(settings: Settings) -> list[Any]:
    """Cleanup as often as ``CLEANUP_INTERVAL_SECONDS`` asks, at whole minutes, and the
    reconciler every ``JOB_RECONCILE_INTERVAL_SECONDS``; both once at start-up too; ``unique``
    keeps two workers from running one slot."""
    minutes = max(1, round(settings.cleanup_interval_seconds / 60))
    hours: set[int] | None = None
    if minutes >= 60:
        every = {0}
        hours = set(range(0, 24, min(24, minutes // 60)))
    else:
        every = set(range(0, 60, minutes))
    reconcile_minutes, reconcile_seconds = _every(settings.job_reconcile_interval_seconds)
    return [
        cron(
            cleanup_job,
            name="cleanup",
            hour=hours,
            minute=every,
            run_at_startup=True,
            unique=True,
            max_tries=1,
        ),
        cron(
            reconcile_job,
            name="reconcile",
            minute=reconcile_minutes,
            second=reconcile_seconds,
            run_at_startup=True,
            unique=True,
            max_tries=1,
        ),
    ]


def _every(seconds: float) -> tuple[set[int] | None, set[int]]:
    """arq cron ``minute`` and ``second`` fields firing about every ``seconds`` (whole
    seconds below a minute, else whole minutes: what cron can express)."""
    if seconds < 60:
        return None, set(range(0, 60, max(1, round(seconds))))
    return set(range(0, 60, max(1, min(59, round(seconds / 60))))), {0}


async def reconcile_job(ctx: dict[str, Any]) -> dict[str, Any]:
    """arq cron job: queue again (or fail) analyses whose job was lost."""
    state: WorkerState = ctx["state"]
    run = await state.reconciler.run_once()
    return dataclasses.asdict(run)


async def cleanup_job(ctx: dict[str, Any]) -> dict[str, Any]:
    """arq cron job: remove expired sessions and their files, and orphaned files."""
    state: WorkerState = ctx["state"]
    run = await run_cleanup(
        state.database,
        state.store,
        max_file_age=timedelta(hours=state.settings.max_file_age_hours),
    )
    return dataclasses.asdict(run)


__all__ = ["cleanup_job", "cron_jobs", "reconcile_job"]
