"""Cleanup: expired and deleted sessions with their files and reports, orphans, stale staging.

Safe when several processes (API replicas, workers) run it at the same moment:

* a session is removed by ``DELETE ... WHERE id = :id AND (expired OR deleted)``; only the
  process whose statement removed the row counts it, and the condition is evaluated by the
  database, so a live session can never match;
* file removal tolerates files that another process removed first, and counts only what
  this process actually deleted;
* an orphan (a stored file without a document row) is removed only when its session no
  longer exists, or when it is older than ``MAX_FILE_AGE_HOURS`` (an upload in progress
  renames its files into place moments before committing their rows; the age keeps them).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, or_, select

from accessibility_analyzer.background import BackgroundLoop, pause
from accessibility_analyzer.observability import metrics
from accessibility_analyzer.observability.names import SpanName
from accessibility_analyzer.observability.tracing import traced
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.files import FileStore, RemovalStats, StoredFile
from accessibility_analyzer.storage.models import Document, UploadSession, utc_now
from accessibility_analyzer.storage.report_files import ReportFiles

logger = logging.getLogger(__name__)

_QUERY_BATCH = 500  # ids per IN (...) list, well under every driver's parameter limit


@dataclass(slots=True)
class CleanupRun:
    """What one cleanup pass removed."""

    sessions_removed: int = 0
    files_removed: int = 0
    bytes_freed: int = 0
    orphans_removed: int = 0
    duration_seconds: float = 0.0

    def add_files(self, removal: RemovalStats) -> None:
        """Count removed files and their bytes."""
        self.files_removed += removal.files
        self.bytes_freed += removal.bytes


@dataclass(slots=True)
class CleanupStats:
    """Running totals of this process's cleanup, shown in ``/health/detailed``."""

    runs: int = 0
    sessions_removed: int = 0
    files_removed: int = 0
    bytes_freed: int = 0
    orphans_removed: int = 0
    last_run_at: datetime | None = None
    last_duration_seconds: float | None = None
    last_error: str | None = None

    def record(self, run: CleanupRun, finished_at: datetime) -> None:
        """Add one pass to the totals."""
        self.runs += 1
        self.sessions_removed += run.sessions_removed
        self.files_removed += run.files_removed
        self.bytes_freed += run.bytes_freed
        self.orphans_removed += run.orphans_removed
        self.last_run_at = finished_at
        self.last_duration_seconds = run.duration_seconds
        self.last_error = None

    def describe(self) -> str:
        """One line for the health check message."""
        if self.last_run_at is None:
            return "cleanup has not run yet" + (
                f" (last error: {self.last_error})" if self.last_error else ""
            )
        text = (
            f"last run {self.last_run_at.isoformat(timespec='seconds')} in "
            f"{self.last_duration_seconds or 0:.3f} s; totals over {self.runs} runs: "
            f"{self.sessions_removed} sessions, {self.files_removed} files, "
            f"{self.bytes_freed} bytes freed ({self.orphans_removed} orphaned files)"
        )
        return text + (f"; last error: {self.last_error}" if self.last_error else "")

    def as_dict(self) -> dict[str, object]:
        """The totals as JSON-ready values (camelCase keys)."""
        return {
            "runs": self.runs,
            "sessionsRemoved": self.sessions_removed,
            "filesRemoved": self.files_removed,
            "bytesFreed": self.bytes_freed,
            "orphansRemoved": self.orphans_removed,
            "lastRunAt": self.last_run_at.isoformat() if self.last_run_at else None,
            "lastDurationSeconds": self.last_duration_seconds,
            "lastError": self.last_error,
        }


def _removable(now: datetime) -> ColumnElement[bool]:
    return or_(UploadSession.expires_at <= now, UploadSession.deleted_at.is_not(None))


async def purge_session(
    database: Database, store: FileStore, session_id: str
) -> RemovalStats | None:
    """Remove an expired or deleted session: its row (cascading to everything) and its files.

    Returns:
        The files this call removed, or ``None`` when the session was not removable (still
        live) or another process removed it first.
    """
    async with database.transaction() as orm:
        result = await orm.execute(
            delete(UploadSession).where(UploadSession.id == session_id, _removable(utc_now()))
        )
    if not getattr(result, "rowcount", 0):
        return None
    return await asyncio.to_thread(_remove_session_files, store, session_id)


def _remove_session_files(store: FileStore, session_id: str) -> RemovalStats:
    """A session's documents and its rendered reports."""
    removal = store.remove_session(session_id)
    removal.add(ReportFiles.under(store.data_dir).remove_session(session_id))
    return removal


async def _removable_session_ids(database: Database, now: datetime) -> list[str]:
    async with database.sessions() as orm:
        rows = await orm.execute(select(UploadSession.id).where(_removable(now)))
        return list(rows.scalars())


@traced(SpanName.CLEANUP)
async def run_cleanup(
    database: Database, store: FileStore, *, max_file_age: timedelta
) -> CleanupRun:
    """One pass: removable sessions, then orphaned files, then stale staging folders."""
    started = time.perf_counter()
    run = CleanupRun()
    for session_id in await _removable_session_ids(database, utc_now()):
        removal = await purge_session(database, store, session_id)
        if removal is not None:
            run.sessions_removed += 1
            run.add_files(removal)
    orphans = await remove_orphans(database, store, max_file_age=max_file_age)
    run.orphans_removed = orphans.files
    run.add_files(orphans)
    run.add_files(await asyncio.to_thread(store.remove_stale_staging, max_file_age.total_seconds()))
    run.add_files(await remove_orphan_reports(database, store, max_file_age=max_file_age))
    run.duration_seconds = time.perf_counter() - started
    metrics.record_cleanup(bytes_freed=run.bytes_freed)
    metrics.record_sessions_active(await _live_session_count(database))
    return run


async def _live_session_count(database: Database) -> int:
    """Sessions neither expired nor deleted (the ``a11y.sessions.active`` gauge)."""
    async with database.sessions() as orm:
        count = await orm.scalar(
            select(func.count()).select_from(UploadSession).where(~_removable(utc_now()))
        )
        return int(count or 0)


async def remove_orphans(
    database: Database, store: FileStore, *, max_file_age: timedelta
) -> RemovalStats:
    """Delete stored files no document row refers to (see the module docstring for when)."""
    # Files are listed before the database is asked: a row committed in between is seen.
    files = await asyncio.to_thread(lambda: list(store.iter_files()))
    by_session: dict[str, list[StoredFile]] = {}
    for stored in files:
        by_session.setdefault(stored.session_id, []).append(stored)
    known_sessions, known_keys = await _known(database, by_session)
    cutoff = time.time() - max_file_age.total_seconds()
    doomed = [
        stored
        for session_id, stored_files in by_session.items()
        for stored in stored_files
        if session_id not in known_sessions
        or (stored.storage_key not in known_keys and stored.modified_at < cutoff)
    ]
    return await asyncio.to_thread(_remove_files, store, doomed)


async def remove_orphan_reports(
    database: Database, store: FileStore, *, max_file_age: timedelta
) -> RemovalStats:
    """Report folders of sessions that no longer exist, and ``.part`` files of downloads
    that never finished (older than ``max_file_age``)."""
    reports = ReportFiles.under(store.data_dir)
    # Folders are listed before the database is asked: a session created in between is seen.
    session_ids = await asyncio.to_thread(reports.session_ids)
    known = await _existing_sessions(database, session_ids)
    removal = RemovalStats()
    for session_id in session_ids:
        if session_id not in known:
            removal.add(await asyncio.to_thread(reports.remove_session, session_id))
    removal.add(await asyncio.to_thread(reports.remove_stale_parts, max_file_age.total_seconds()))
    return removal


async def _existing_sessions(database: Database, session_ids: list[str]) -> set[str]:
    found: set[str] = set()
    async with database.sessions() as orm:
        for start in range(0, len(session_ids), _QUERY_BATCH):
            batch = session_ids[start : start + _QUERY_BATCH]
            rows = await orm.execute(select(UploadSession.id).where(UploadSession.id.in_(batch)))
            found.update(rows.scalars())
    return found


def _remove_files(store: FileStore, doomed: Iterable[StoredFile]) -> RemovalStats:
    stats = RemovalStats()
    touched: set[str] = set()
    for stored in doomed:
        stats.add(store.remove(stored.session_id, stored.storage_key))
        touched.add(stored.session_id)
    for session_id in touched:
        store.remove_empty_session_dir(session_id)
    return stats


async def _known(
    database: Database, by_session: dict[str, list[StoredFile]]
) -> tuple[set[str], set[str]]:
    session_ids = list(by_session)
    sessions: set[str] = set()
    keys: set[str] = set()
    async with database.sessions() as orm:
        for start in range(0, len(session_ids), _QUERY_BATCH):
            batch = session_ids[start : start + _QUERY_BATCH]
            found = await orm.execute(select(UploadSession.id).where(UploadSession.id.in_(batch)))
            sessions.update(found.scalars())
            stored = await orm.execute(
                select(Document.storage_key).where(Document.session_id.in_(batch))
            )
            keys.update(stored.scalars())
    return sessions, keys


@dataclass
class CleanupService:
    """Runs cleanup at start-up and then every ``interval``, and keeps the statistics."""

    database: Database
    store: FileStore
    interval: timedelta
    max_file_age: timedelta
    stats: CleanupStats = field(default_factory=CleanupStats)

    async def run_once(self) -> CleanupRun:
        """Run one pass now and record it; errors are recorded and re-raised."""
        try:
            run = await run_cleanup(self.database, self.store, max_file_age=self.max_file_age)
        except Exception as error:
            self.stats.last_error = f"{type(error).__name__}: {error}"
            metrics.record_cleanup(bytes_freed=0, result="error")
            raise
        self.stats.record(run, utc_now())
        if run.sessions_removed or run.files_removed:
            logger.info(
                "cleanup removed %d sessions and %d files (%d bytes) in %.3f s",
                run.sessions_removed,
                run.files_removed,
                run.bytes_freed,
                run.duration_seconds,
            )
        return run

    async def run_forever(self, stop: asyncio.Event | None = None) -> None:
        """Run a pass at once and then every ``interval`` until ``stop``; a failed pass does
        not stop it."""
        while stop is None or not stop.is_set():
            try:
                await self.run_once()
            except Exception:
                logger.exception("cleanup pass failed; retrying in %s", self.interval)
            await pause(stop, self.interval.total_seconds())

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[CleanupService]:
        """Keep `run_forever` going in the background while the context is open."""
        loop = BackgroundLoop("cleanup", self.run_forever).start()
        try:
            yield self
        finally:
            await loop.stop()  # between passes: a pass cancelled mid-query can hang


__all__ = [
    "CleanupRun",
    "CleanupService",
    "CleanupStats",
    "purge_session",
    "remove_orphan_reports",
    "remove_orphans",
    "run_cleanup",
]
