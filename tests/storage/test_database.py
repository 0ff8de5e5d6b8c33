"""The database layer: URL handling, migrations matching the models, SQLite settings."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from accessibility_analyzer.storage.database import (
    Database,
    check_database,
    current_revision,
    head_revision,
    normalise_database_url,
    upgrade_database,
)
from accessibility_analyzer.storage.models import Base, Document, UploadSession, utc_now


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db:5432/a11y", "postgresql+asyncpg://u:p@db:5432/a11y"),
        ("postgresql://u@db/a11y", "postgresql+asyncpg://u@db/a11y"),
        ("postgresql+asyncpg://u@db/a11y", "postgresql+asyncpg://u@db/a11y"),
        ("sqlite:////tmp/x.db", "sqlite+aiosqlite:////tmp/x.db"),
        ("sqlite+aiosqlite:////tmp/x.db", "sqlite+aiosqlite:////tmp/x.db"),
    ],
)
def test_database_urls_are_normalised_to_async_drivers(given: str, expected: str) -> None:
    """Plain postgres:// and sqlite:// URLs get the async driver the service uses."""
    assert normalise_database_url(given, Path("/unused")) == expected


def test_missing_database_url_means_sqlite_file_in_data_dir(tmp_path: Path) -> None:
    """Without DATABASE_URL the database is a SQLite file directly inside DATA_DIR."""
    url = normalise_database_url(None, tmp_path)
    assert url == f"sqlite+aiosqlite:///{tmp_path.resolve()}/a11y.db"


@pytest.mark.parametrize("url", ["mysql://x@y/z", "not a url"])
def test_unsupported_database_urls_are_refused(url: str) -> None:
    """A database the service cannot run on is a configuration error, not a crash later."""
    with pytest.raises(ValueError, match="DATABASE_URL"):
        normalise_database_url(url, Path())


def _schema_differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrations_produce_exactly_the_models_schema(database: Database) -> None:
    """The first revision creates what the models declare: no table, column or index drifts."""
    async with database.engine.connect() as connection:
        differences = await connection.run_sync(_schema_differences)
    assert differences == []
    assert await current_revision(database) == head_revision()
    assert (await check_database(database)).endswith(f"revision {head_revision()}")


async def test_upgrading_twice_at_once_is_safe(database: Database) -> None:
    """Two processes starting together both run upgrade; the second finds nothing to do."""
    other = Database.from_url(database.engine.url.render_as_string(hide_password=False))
    try:
        await asyncio.gather(upgrade_database(database), upgrade_database(other))
    finally:
        await other.dispose()
    assert await current_revision(database) == head_revision()


async def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    """Every SQLite connection is set up for concurrent use and enforces foreign keys."""
    database = Database.from_url(normalise_database_url(None, tmp_path))
    try:
        async with database.engine.connect() as connection:
            journal = (await connection.execute(text("PRAGMA journal_mode"))).scalar_one()
            foreign_keys = (await connection.execute(text("PRAGMA foreign_keys"))).scalar_one()
            timeout = (await connection.execute(text("PRAGMA busy_timeout"))).scalar_one()
    finally:
        await database.dispose()
    assert (journal, foreign_keys) == ("wal", 1)
    assert timeout >= 1000


async def test_deleting_a_session_row_cascades_to_its_documents(database: Database) -> None:
    """ON DELETE CASCADE works on both backends (SQLite needs foreign keys switched on)."""
    now = utc_now()
    async with database.transaction() as orm:
        session = UploadSession(owner="alice", expires_at=now + timedelta(hours=1))
        orm.add(session)
        await orm.flush()
        orm.add(
            Document(
                session_id=session.id,
                path="index.html",
                kind="page",
                media_type="text/html",
                size_bytes=1,
                sha256="0" * 64,
                storage_key="a" * 32,
            )
        )
    async with database.transaction() as orm:
        await orm.execute(text("DELETE FROM sessions WHERE id = :id"), {"id": session.id})
    async with database.sessions() as orm:
        remaining = (await orm.execute(select(Document.id))).scalars().all()
    assert remaining == []


async def test_timestamps_read_back_timezone_aware(database: Database) -> None:
    """Expiry comparisons need aware datetimes; SQLite would otherwise return naive ones."""
    expires = utc_now() + timedelta(hours=2)
    async with database.transaction() as orm:
        session = UploadSession(owner="bob", expires_at=expires)
        orm.add(session)
    async with database.sessions() as orm:
        stored = (await orm.execute(select(UploadSession))).scalar_one()
    assert stored.expires_at.tzinfo is not None
    assert abs((stored.expires_at - expires).total_seconds()) < 0.001
