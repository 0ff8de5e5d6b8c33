"""SQLite through aiosqlite with one thread hop per statement, and none for an idle rollback.

aiosqlite runs each SQLite connection on a thread of its own; every call is a hop there and
back through the event loop. SQLAlchemy's aiosqlite adapter awaits one hop per DBAPI call:
the cursor, the execute, the fetch, the close, then a rollback when the session ends and
another when the connection returns to the pool, so one SELECT cost six hops. Under load
every hop also waits for the GIL (up to the interpreter's 5 ms switch interval) while the
event loop serves other requests, so reads spent most of their time hopping:
``benchmarks/load.py`` showed ``/health`` at a few milliseconds and the reads at hundreds.

This adapter runs cursor, execute, fetch and close as one function on the connection's
thread, and skips commit and rollback when the connection holds no transaction (SQLite's
autocommit flag, read without a hop): with Python's sqlite3 a SELECT starts none, so there
is nothing to end. Writes still commit and roll back as before. ``create_engine`` in
``storage.database`` passes it as the DBAPI module of every SQLite engine.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Sequence
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT

__all__ = ["one_hop_dbapi"]

_Outcome = tuple[Any, int, int | None, list[Any]]


def _run(
    connection: sqlite3.Connection, operation: str, parameters: Any, *, many: bool
) -> _Outcome:
    """On the connection's thread: the whole statement, from cursor to closed cursor."""
    cursor = connection.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


class _OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    """A buffered cursor whose statement runs in one hop; its results are kept here."""

    __slots__ = ("_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:
        # No call to the base __init__: it opens an aiosqlite cursor (a hop) up front.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]  # nothing to close on the thread
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        """The result's columns (DBAPI), or ``None`` for a statement without rows."""
        return self._description

    @property
    def rowcount(self) -> int:
        """Rows changed by the statement (DBAPI)."""
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        """Row id of the last inserted row (DBAPI)."""
        return self._lastrowid  # type: ignore[return-value]  # sqlite3 says None before any

    @property
    def arraysize(self) -> int:
        """Rows per ``fetchmany()`` by default (DBAPI)."""
        return 1

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        raise NotImplementedError("fetchmany() takes its size as an argument here")

    async def _run(self, operation: Any, parameters: Any, *, many: bool) -> None:
        async with self._adapt_connection._execute_mutex:
            connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]
            outcome: _Outcome = await connection._execute(  # type: ignore[no-untyped-call]
                _run, connection._conn, operation, parameters, many=many
            )
        self._description, self._rowcount, self._lastrowid, rows = outcome
        self._rows = collections.deque(rows)

    async def _execute_async(self, operation: Any, parameters: Any) -> None:
        await self._run(operation, parameters, many=False)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Sequence[Any]) -> None:
        await self._run(operation, seq_of_parameters, many=True)

    async def _async_soft_close(self) -> None:
        """Nothing to close: the statement's cursor closed on the thread."""


class _OneHopConnection(AsyncAdapt_aiosqlite_connection):
    """Statements in one hop; commit and rollback only inside a transaction."""

    __slots__ = ()
    _cursor_cls = _OneHopCursor  # type: ignore[assignment]  # a subclass, as it must be

    def _in_transaction(self) -> bool:
        connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]
        return connection._connection is not None and connection.in_transaction

    def rollback(self) -> None:
        """Roll back the open transaction; with none, there is nothing to do (no hop)."""
        if self._in_transaction():
            super().rollback()

    def commit(self) -> None:
        """Commit the open transaction; with none, there is nothing to do (no hop)."""
        if self._in_transaction():
            super().commit()


class _OneHopDBAPI(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> _OneHopConnection:
        adapted = super().connect(*arg, **kw)
        return _OneHopConnection(self, adapted._connection)


def one_hop_dbapi() -> AsyncAdapt_aiosqlite_dbapi:
    """The DBAPI module for ``create_async_engine(..., module=...)`` on SQLite."""
    return _OneHopDBAPI(aiosqlite, sqlite3)
