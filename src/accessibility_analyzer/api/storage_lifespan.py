"""Storage in the API process: database, file store, migrations, cleanup and their checks.

Listed in ``routes.LIFESPANS`` before everything that needs ``app.state.database``. At
start-up it migrates the database to the newest revision, puts the database, the file store
and the upload limits on ``app.state``, registers the ``database`` (critical) and
``cleanup`` (informational) health checks, and keeps the cleanup task running: once at
once, then every ``CLEANUP_INTERVAL_SECONDS``.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

from litestar import Litestar

from accessibility_analyzer.observability.health import CheckResult, HealthCheck, HealthRegistry
from accessibility_analyzer.observability.instrumentation import instrument_database
from accessibility_analyzer.settings import Settings
from accessibility_analyzer.storage.cleanup import CleanupService, CleanupStats
from accessibility_analyzer.storage.database import (
    Database,
    check_database,
    normalise_database_url,
    upgrade_database,
)
from accessibility_analyzer.storage.files import FileStore
from accessibility_analyzer.storage.limits import UploadLimits

__all__ = ["database_check", "storage_lifespan"]


def database_check(database: Database) -> Callable[[], Awaitable[CheckResult]]:
    """Health check: the database answers a query (raising counts as unhealthy)."""

    async def check() -> CheckResult:
        return "healthy", await check_database(database)

    return check


def cleanup_check(stats: CleanupStats) -> Callable[[], Awaitable[CheckResult]]:
    """Health check carrying the cleanup statistics; degraded when the last pass failed."""

    async def check() -> CheckResult:
        return ("degraded" if stats.last_error else "healthy"), stats.describe()

    return check


@contextlib.asynccontextmanager
async def storage_lifespan(app: Litestar) -> AsyncIterator[None]:
    """Open the database (migrated), start cleanup; stop and close them at shutdown."""
    settings: Settings = app.state.settings
    database = Database.from_url(normalise_database_url(settings.database_url, settings.data_path))
    instrument_database(database.engine)
    try:
        await upgrade_database(database)
        store = FileStore(settings.data_path)
        cleanup = CleanupService(
            database,
            store,
            interval=timedelta(seconds=settings.cleanup_interval_seconds),
            max_file_age=timedelta(hours=settings.max_file_age_hours),
        )
        app.state.database = database
        app.state.file_store = store
        app.state.upload_limits = UploadLimits.from_settings(settings)
        app.state.cleanup = cleanup
        health: HealthRegistry = app.state.health
        health.register(HealthCheck(name="database", check=database_check(database)))
        health.register(
            HealthCheck(name="cleanup", check=cleanup_check(cleanup.stats), critical=False)
        )
        async with cleanup.running():
            yield
    finally:
        await database.dispose()
