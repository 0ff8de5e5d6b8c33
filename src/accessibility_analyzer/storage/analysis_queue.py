"""The queue state of analyses, for the reconciler that keeps the database and the job queue
in agreement (``jobs.reconciler``).

* ``requeues``: how often an analysis was queued again after its job was lost; the
  reconciler gives up (fails it with a reason) after ``ANALYSIS_MAX_TRIES`` deliveries;
* ``waiting_reason``: why a queued analysis has not started (shown by the API, cleared when
  a run claims it);
* ``lease_expires_at``: the lease of the API process running an analysis in-process;
  another process takes over an analysis whose lease lapsed.

Every change is conditional on the state the caller saw, so reconcilers in several
processes may run at once: only one of them acts on each analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Table, func, or_, select, update

from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import AnalysisStatus, Base
from accessibility_analyzer.storage.storable import storable_text

_analyses: Table = Base.metadata.tables["analyses"]
_UNFINISHED = (AnalysisStatus.QUEUED.value, AnalysisStatus.RUNNING.value)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class UnfinishedAnalysis:
    """An analysis still queued or running, as the reconciler sees it."""

    id: str
    status: str
    requeues: int
    created_at: datetime


async def unfinished_analyses(db: Database) -> list[UnfinishedAnalysis]:
    """Every analysis still queued or running, oldest first."""
    async with db.engine.connect() as connection:
        result = await connection.execute(
            select(_analyses.c.id, _analyses.c.status, _analyses.c.requeues, _analyses.c.created_at)
            .where(_analyses.c.status.in_(_UNFINISHED))
            .order_by(_analyses.c.created_at)
        )
        return [
            UnfinishedAnalysis(
                id=str(row.id),
                status=str(row.status),
                requeues=int(row.requeues),
                created_at=row.created_at,
            )
            for row in result
        ]


async def oldest_wait_seconds(db: Database) -> float:
    """Seconds the oldest analysis still queued has waited (0 when none waits)."""
    async with db.engine.connect() as connection:
        oldest = await connection.scalar(
            select(func.min(_analyses.c.created_at)).where(
                _analyses.c.status == AnalysisStatus.QUEUED.value
            )
        )
    if oldest is None:
        return 0.0
    if oldest.tzinfo is None:  # SQLite's func.min bypasses the column type
        oldest = datetime.fromisoformat(str(oldest)).replace(tzinfo=UTC)
    waited: timedelta = _now() - oldest
    return max(0.0, waited.total_seconds())


async def requeue(db: Database, analysis_id: str, seen_requeues: int, reason: str) -> bool:
    """Count one more delivery and say why it waits; ``False`` when another reconciler (or
    the analysis itself, by finishing) got there first."""
    async with db.engine.begin() as connection:
        result = await connection.execute(
            update(_analyses)
            .where(
                _analyses.c.id == analysis_id,
                _analyses.c.status.in_(_UNFINISHED),
                _analyses.c.requeues == seen_requeues,
            )
            .values(
                requeues=seen_requeues + 1,
                status=AnalysisStatus.QUEUED.value,
                waiting_reason=storable_text(reason),
            )
        )
    return bool(result.rowcount == 1)


async def give_up(db: Database, analysis_id: str, seen_requeues: int, error: str) -> bool:
    """Fail an analysis whose job was lost too often; ``False`` when its state moved on."""
    async with db.engine.begin() as connection:
        result = await connection.execute(
            update(_analyses)
            .where(
                _analyses.c.id == analysis_id,
                _analyses.c.status.in_(_UNFINISHED),
                _analyses.c.requeues == seen_requeues,
            )
            .values(
                status=AnalysisStatus.FAILED.value,
                error=storable_text(error),
                waiting_reason=None,
                finished_at=_now(),
            )
        )
    return bool(result.rowcount == 1)


async def lapsed_leases(db: Database) -> list[str]:
    """Unfinished analyses nobody holds a lease on (never taken, or its holder is gone)."""
    async with db.engine.connect() as connection:
        result = await connection.execute(
            select(_analyses.c.id)
            .where(
                _analyses.c.status.in_(_UNFINISHED),
                or_(
                    _analyses.c.lease_expires_at.is_(None),
                    _analyses.c.lease_expires_at < _now(),
                ),
            )
            .order_by(_analyses.c.created_at)
        )
        return [str(analysis_id) for analysis_id in result.scalars()]


async def take_lease(db: Database, analysis_id: str, until: datetime) -> bool:
    """Take the lease of an unfinished analysis unless a live holder has it."""
    async with db.engine.begin() as connection:
        result = await connection.execute(
            update(_analyses)
            .where(
                _analyses.c.id == analysis_id,
                _analyses.c.status.in_(_UNFINISHED),
                or_(
                    _analyses.c.lease_expires_at.is_(None),
                    _analyses.c.lease_expires_at < _now(),
                ),
            )
            .values(lease_expires_at=until)
        )
    return bool(result.rowcount == 1)


async def renew_leases(db: Database, analysis_ids: list[str], until: datetime | None) -> None:
    """Extend the leases this process holds (``until=None`` releases them)."""
    if not analysis_ids:
        return
    async with db.engine.begin() as connection:
        await connection.execute(
            update(_analyses).where(_analyses.c.id.in_(analysis_ids)).values(lease_expires_at=until)
        )


__all__ = [
    "UnfinishedAnalysis",
    "give_up",
    "lapsed_leases",
    "oldest_wait_seconds",
    "renew_leases",
    "requeue",
    "take_lease",
    "unfinished_analyses",
]
