"""The SQLite adapter: one thread hop per statement, none for commit or rollback without a
transaction, and the same results and transactions as SQLAlchemy's own aiosqlite adapter."""

from __future__ import annotations

import collections
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from accessibility_analyzer.storage.database import Database, normalise_database_url


@pytest.fixture
async def sqlite(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database.from_url(normalise_database_url(None, tmp_path))
    async with database.transaction() as orm:
        await orm.execute(text("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"))
    yield database
    await database.dispose()


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    """Calls run on aiosqlite's connection threads, by function name."""
    counted: collections.Counter[str] = collections.Counter()
    hop = aiosqlite.Connection._execute

    async def counting(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        counted[getattr(fn, "__name__", repr(fn))] += 1
        return await hop(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counting)
    return counted


async def test_a_read_is_one_hop_per_statement_and_no_rollback(
    sqlite: Database, hops: collections.Counter[str]
) -> None:
    async with sqlite.transaction() as orm:
        await orm.execute(text("INSERT INTO item (name) VALUES ('a'), ('b')"))
    hops.clear()
    async with sqlite.sessions() as orm:
        rows = (await orm.execute(text("SELECT id, name FROM item ORDER BY id"))).all()
        count = await orm.scalar(text("SELECT count(*) FROM item"))
    assert [tuple(row) for row in rows] == [(1, "a"), (2, "b")]
    assert count == 2
    assert dict(hops) == {"_run": 2}  # was 12: cursor, execute, fetch, close; 2 rollbacks


async def test_writes_report_rowcount_and_lastrowid_and_commit(
    sqlite: Database, hops: collections.Counter[str]
) -> None:
    async with sqlite.engine.begin() as connection:
        inserted = await connection.execute(text("INSERT INTO item (name) VALUES ('a')"))
        many = await connection.execute(
            text("INSERT INTO item (name) VALUES (:name)"), [{"name": "b"}, {"name": "c"}]
        )
        updated = await connection.execute(text("UPDATE item SET name = name || '!'"))
    assert inserted.lastrowid == 1
    assert many.rowcount == 2
    assert updated.rowcount == 3
    assert hops["commit"] == 1  # a transaction was open: it is committed
    async with sqlite.sessions() as orm:
        names = (await orm.scalars(text("SELECT name FROM item ORDER BY id"))).all()
    assert names == ["a!", "b!", "c!"]


async def test_a_failed_write_rolls_back_and_the_connection_is_reused(sqlite: Database) -> None:
    with pytest.raises(IntegrityError):
        async with sqlite.transaction() as orm:
            await orm.execute(text("INSERT INTO item (name) VALUES ('kept?')"))
            await orm.execute(text("INSERT INTO item (name) VALUES ('kept?')"))
    async with sqlite.transaction() as orm:
        await orm.execute(text("INSERT INTO item (name) VALUES ('after')"))
    async with sqlite.sessions() as orm:
        names = (await orm.scalars(text("SELECT name FROM item"))).all()
    assert names == ["after"]


async def test_an_explicit_rollback_undoes_the_writes(sqlite: Database) -> None:
    async with sqlite.sessions() as orm:
        await orm.execute(text("INSERT INTO item (name) VALUES ('undone')"))
        await orm.rollback()
        assert await orm.scalar(text("SELECT count(*) FROM item")) == 0


async def test_streamed_results_still_work(sqlite: Database) -> None:
    async with sqlite.transaction() as orm:
        for name in ("x", "y", "z"):
            await orm.execute(text("INSERT INTO item (name) VALUES (:n)"), {"n": name})
    async with sqlite.engine.connect() as connection:
        streamed = await connection.stream(text("SELECT name FROM item ORDER BY id"))
        names = [row.name async for row in streamed]
    assert names == ["x", "y", "z"]
