"""Fixtures for the storage tests: one real database per backend, and a file store.

Every database test runs twice: against a SQLite file and against PostgreSQL. PostgreSQL is
reached at ``TEST_DATABASE_URL`` (default ``postgresql://postgres@127.0.0.1:5432/postgres``);
a throwaway database ``a11y_test_<random>`` is created for the test run and dropped at the
end. When PostgreSQL does not answer, its tests skip locally and fail under ``CI=true``.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text

from accessibility_analyzer.storage.database import (
    Database,
    normalise_database_url,
    upgrade_database,
)
from accessibility_analyzer.storage.files import FileStore

DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def _admin_dsn() -> str:
    url = os.environ.get("TEST_DATABASE_URL") or DEFAULT_TEST_DATABASE_URL
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.startswith("postgres") else url


def _with_database(dsn: str, name: str) -> str:
    base, _, _ = dsn.rpartition("/")
    return f"{base}/{name}"


async def _create_database(admin_dsn: str, name: str) -> None:
    connection = await asyncpg.connect(admin_dsn, timeout=3)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def _drop_database(admin_dsn: str, name: str) -> None:
    connection = await asyncpg.connect(admin_dsn, timeout=3)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"PostgreSQL is required under CI=true: {reason}")
    pytest.skip(f"PostgreSQL not available: {reason}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a throwaway PostgreSQL database, migrated once, dropped after the run."""
    admin = _admin_dsn()
    name = f"a11y_test_{secrets.token_hex(4)}"
    try:
        asyncio.run(_create_database(admin, name))
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        _unavailable(f"{type(error).__name__}: {error}")
    url = normalise_database_url(_with_database(admin, name), Path())
    try:
        yield url
    finally:
        asyncio.run(_drop_database(admin, name))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty database of each backend (SQLite: a fresh file per test)."""
    if request.param == "sqlite":
        return normalise_database_url(None, tmp_path / "db")
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """A migrated, empty database of each backend."""
    db = Database.from_url(database_url)
    await upgrade_database(db)
    try:
        yield db
    finally:
        if db.dialect == "postgresql":
            async with db.engine.begin() as connection:
                # Every other table hangs off sessions with ON DELETE CASCADE; a DELETE of a
                # few rows is much quicker than TRUNCATE's table locks.
                await connection.execute(text("DELETE FROM sessions"))
        await db.dispose()


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    """An empty file store in a temporary DATA_DIR."""
    return FileStore(tmp_path / "data")
