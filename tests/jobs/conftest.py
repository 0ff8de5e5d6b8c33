"""Fixtures of the job tests: a migrated SQLite database, a file store, sessions with pages
stored the way uploads store them, and one process pool shared by the module."""

from __future__ import annotations

import asyncio
import hashlib
import os
import secrets
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text

from accessibility_analyzer.jobs.pool import EnginePool
from accessibility_analyzer.jobs.tasks import JobContext
from accessibility_analyzer.storage.database import (
    Database,
    normalise_database_url,
    upgrade_database,
)
from accessibility_analyzer.storage.files import FileStore, new_storage_key
from accessibility_analyzer.storage.models import Document, UploadSession

DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres"

SiteFactory = Callable[[Mapping[str, bytes]], "SiteHandle"]


class SiteHandle:
    """A stored session: its id and where each path's file is."""

    def __init__(self, session_id: str, files: dict[str, Path]) -> None:
        self.session_id = session_id
        self.files = files


@pytest.fixture(scope="module")
def engine_pool() -> Iterator[EnginePool]:
    """Two engine processes for the whole module (starting them costs about a second)."""
    pool = EnginePool(2)
    yield pool
    pool.shutdown()


def _admin_dsn() -> str:
    url = os.environ.get("TEST_DATABASE_URL") or DEFAULT_TEST_DATABASE_URL
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.startswith("postgres") else url


async def _admin(dsn: str, statement: str) -> None:
    connection = await asyncpg.connect(dsn, timeout=3)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def jobs_postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL database for this run (fails under CI=true when missing)."""
    admin = _admin_dsn()
    name = f"a11y_jobs_{secrets.token_hex(4)}"
    try:
        asyncio.run(_admin(admin, f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        message = f"PostgreSQL not available: {type(error).__name__}: {error}"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    base, _, _ = admin.rpartition("/")
    try:
        yield normalise_database_url(f"{base}/{name}", Path())
    finally:
        asyncio.run(_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each backend (results are written the same way on both)."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'jobs.sqlite3'}"
    url: str = request.getfixturevalue("jobs_postgres_url")
    return url


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """The database at ``database_url``, migrated; emptied again afterwards (PostgreSQL)."""
    url = database_url
    db = Database.from_url(url)
    await upgrade_database(db)
    try:
        yield db
    finally:
        if db.dialect == "postgresql":
            async with db.engine.begin() as connection:
                await connection.execute(text("DELETE FROM sessions"))  # cascades to the rest
        await db.dispose()


@pytest.fixture
def file_store(tmp_path: Path) -> FileStore:
    """The file store under the test's DATA_DIR."""
    return FileStore(tmp_path / "data")


@pytest.fixture
def job_context(
    database: Database, engine_pool: EnginePool, file_store: FileStore, tmp_path: Path
) -> JobContext:
    """What the job needs, with a generous time limit."""
    return JobContext(
        database=database,
        pool=engine_pool,
        locate_file=file_store.path_for,
        work_dir=tmp_path / "data" / "jobs",
        time_limit_seconds=120,
    )


@pytest.fixture
def make_site(database: Database, file_store: FileStore) -> Callable[..., object]:
    """Store a session with these files (``.html`` paths are pages, the rest assets)."""

    async def build(files: Mapping[str, bytes], owner: str = "tester") -> SiteHandle:
        stored: dict[str, Path] = {}
        async with database.transaction() as orm:
            session = UploadSession(owner=owner, expires_at=datetime.now(UTC) + timedelta(hours=1))
            orm.add(session)
            await orm.flush()
            for path, content in files.items():
                key = new_storage_key()
                target = file_store.path_for(session.id, key)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
                stored[path] = target
                orm.add(
                    Document(
                        session_id=session.id,
                        path=path,
                        kind="page" if path.endswith(".html") else "asset",
                        media_type="text/html" if path.endswith(".html") else "text/css",
                        size_bytes=len(content),
                        sha256=hashlib.sha256(content).hexdigest(),
                        storage_key=key,
                    )
                )
        return SiteHandle(session.id, stored)

    return build
