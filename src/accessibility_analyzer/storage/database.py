"""Database connection: engine and session factory, migrations, health check.

The same code serves SQLite (``sqlite+aiosqlite:///...``, the embedded default, a file under
``DATA_DIR``) and PostgreSQL (``postgresql+asyncpg://...``). ``DATABASE_URL`` may use the
plain ``postgresql://`` or ``postgres://`` forms most tools print; they are normalised here.

SQLite connections are set up for a server with several writers: WAL journal (readers never
block the writer), foreign keys ON (SQLite ignores ``ON DELETE CASCADE`` without it) and a
busy timeout (a second writer waits instead of failing at once).
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_FILE_NAME = "a11y.db"
SQLITE_BUSY_TIMEOUT_MS = 10_000

# Any fixed 64-bit number: PostgreSQL advisory lock held while migrating, so that an API
# process and a worker starting together do not both try to create the tables.
_MIGRATION_LOCK_ID = int.from_bytes(hashlib.sha256(b"a11y-migrations").digest()[:7], "big")


def normalise_database_url(url: str | None, data_dir: Path) -> str:
    """Turn ``DATABASE_URL`` (or its absence) into an async SQLAlchemy URL.

    Args:
        url: The configured URL; empty or ``None`` selects the SQLite default.
        data_dir: ``DATA_DIR``; the default SQLite file lives directly inside it.

    Returns:
        A URL with an async driver: ``sqlite+aiosqlite://`` or ``postgresql+asyncpg://``.

    Raises:
        ValueError: The URL names a database this service does not support.
    """
    if not url:
        return f"sqlite+aiosqlite:///{(data_dir / SQLITE_FILE_NAME).resolve()}"
    scheme, separator, rest = url.partition("://")
    if not separator:
        raise ValueError(f"DATABASE_URL is not a URL: {url!r}")
    scheme = scheme.lower()
    if scheme in {"postgres", "postgresql", "postgresql+asyncpg", "postgresql+psycopg"}:
        return f"postgresql+asyncpg://{rest}"
    if scheme in {"sqlite", "sqlite+aiosqlite"}:
        return f"sqlite+aiosqlite://{rest}"
    raise ValueError(f"unsupported DATABASE_URL scheme {scheme!r}: use postgresql:// or sqlite://")


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; fsync at checkpoints only
    cursor.close()


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """Create the async engine for a normalised URL (see `normalise_database_url`).

    For a SQLite file the parent folder is created first.
    """
    parsed = make_url(url)
    # JSON columns (an analysis's summary and options, a finding's details) are decoded on
    # every read of them; msgspec decodes the same JSON several times faster than json.loads.
    options: dict[str, Any] = {"echo": echo, "json_deserializer": msgspec.json.decode}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        options["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    else:
        options["pool_pre_ping"] = True
    engine = create_async_engine(url, **options)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", _configure_sqlite_connection)
    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Return the factory of ORM sessions (objects stay usable after commit)."""
    return async_sessionmaker(engine, expire_on_commit=False)


@dataclass(slots=True)
class Database:
    """The engine plus its session factory: what the app keeps on ``app.state.database``."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]

    @classmethod
    def from_url(cls, url: str, *, echo: bool = False) -> Database:
        """Connect lazily to a normalised URL (nothing is opened until first use)."""
        engine = create_engine(url, echo=echo)
        return cls(engine=engine, sessions=create_session_factory(engine))

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """Open an ORM session inside a transaction: commit on success, roll back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


async def check_database(database: Database) -> str:
    """Health check: run a trivial query and report the schema revision.

    Returns:
        A short message naming the backend and the current revision.

    Raises:
        Exception: Whatever the driver raises when the database does not answer.
    """
    async with database.engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
        revision = await connection.run_sync(_current_revision)
    return f"{database.dialect} at revision {revision or 'none'}"


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    if connection.dialect.name == "postgresql":
        # Transaction-scoped: released when the migration transaction ends.
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
    command.upgrade(_alembic_config(connection), revision)


def _current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision shipped with this code."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


async def upgrade_database(database: Database, revision: str = "head") -> None:
    """Bring the schema up to ``revision``; safe when several processes start together.

    PostgreSQL serialises concurrent upgrades with an advisory lock; SQLite with an
    exclusive ``flock`` on a lock file beside the database file.
    """
    async with _sqlite_migration_lock(database), database.engine.begin() as connection:
        await connection.run_sync(_upgrade, revision)


async def current_revision(database: Database) -> str | None:
    """The revision the database is at, or ``None`` before the first migration."""
    async with database.engine.connect() as connection:
        return await connection.run_sync(_current_revision)


@asynccontextmanager
async def _sqlite_migration_lock(database: Database) -> AsyncIterator[None]:
    path = database.engine.url.database
    if database.dialect != "sqlite" or not path or path == ":memory:":
        yield
        return
    lock_path = Path(f"{path}.migrate.lock")
    handle = await asyncio.to_thread(lock_path.open, "a+b")
    with handle:
        # flock blocks; waiting in a thread keeps the event loop (and probes) answering.
        await asyncio.to_thread(fcntl.flock, handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


__all__ = [
    "Database",
    "check_database",
    "create_engine",
    "create_session_factory",
    "current_revision",
    "head_revision",
    "normalise_database_url",
    "upgrade_database",
]
