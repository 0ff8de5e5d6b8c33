"""Session and document repository: the queries the sessions and documents API needs.

A session is *live* while it is not deleted and not expired. Every lookup here takes the
owner and answers only live sessions of that owner, so an expired session or someone
else's reads exactly like one that never existed (the API turns all three into 404).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Table, case, func, select, update

from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import (
    Base,
    Document,
    DocumentKind,
    UploadSession,
    utc_now,
)

_ID_PATTERN = re.compile(r"[0-9a-f]{32}")
_sessions: Table = Base.metadata.tables["sessions"]
_documents: Table = Base.metadata.tables["documents"]


def is_valid_id(value: str) -> bool:
    """True when ``value`` has the shape of our ids (so it is worth a query)."""
    return bool(_ID_PATTERN.fullmatch(value))


@dataclass(frozen=True, slots=True)
class SessionStats:
    """Totals over a session's documents."""

    documents: int = 0
    pages: int = 0
    total_bytes: int = 0


def _live(owner: str, now: datetime) -> list[ColumnElement[bool]]:
    return [
        UploadSession.owner == owner,
        UploadSession.deleted_at.is_(None),
        UploadSession.expires_at > now,
    ]


async def create_session(
    database: Database, *, owner: str, name: str | None, lifetime: timedelta
) -> UploadSession:
    """Create a session for ``owner`` that expires ``lifetime`` from now."""
    now = utc_now()
    session = UploadSession(owner=owner, name=name, created_at=now, expires_at=now + lifetime)
    async with database.transaction() as orm:
        orm.add(session)
    return session


async def get_live_session(
    database: Database, session_id: str, *, owner: str, now: datetime | None = None
) -> UploadSession | None:
    """Return the session if it exists, belongs to ``owner`` and is live; else ``None``."""
    if not is_valid_id(session_id):
        return None
    statement = select(UploadSession).where(
        UploadSession.id == session_id, *_live(owner, now or utc_now())
    )
    async with database.sessions() as orm:
        return (await orm.execute(statement)).scalar_one_or_none()


@dataclass(frozen=True, slots=True)
class SessionPage:
    """One page of an owner's live sessions with their document totals, and how many in all."""

    sessions: list[UploadSession]
    stats: dict[str, SessionStats]
    total: int


def _live_columns(owner: str, now: datetime) -> list[ColumnElement[bool]]:
    return [
        _sessions.c.owner == owner,
        _sessions.c.deleted_at.is_(None),
        _sessions.c.expires_at > now,
    ]


async def list_sessions(database: Database, *, owner: str, limit: int, offset: int) -> SessionPage:
    """One page of ``owner``'s live sessions (newest first), their totals and the count.

    One statement: the page (with the count of all live sessions as a window over them)
    joined to its documents' totals. Every statement costs several thread hops on SQLite
    and a round trip on PostgreSQL, and this listing is what clients poll; it used three.
    Only a page past the end, which has no row to carry the count, counts separately.
    """
    conditions = _live_columns(owner, utc_now())
    page = (
        select(
            _sessions.c.id,
            _sessions.c.name,
            _sessions.c.created_at,
            _sessions.c.expires_at,
            func.count().over().label("total"),
        )
        .where(*conditions)
        .order_by(_sessions.c.created_at.desc(), _sessions.c.id)
        .limit(limit)
        .offset(offset)
        .cte("page")
    )
    is_page = case((_documents.c.kind == DocumentKind.PAGE.value, 1), else_=0)
    statement = (
        select(
            page.c.id,
            page.c.name,
            page.c.created_at,
            page.c.expires_at,
            page.c.total,
            func.count(_documents.c.id),
            func.coalesce(func.sum(is_page), 0),
            func.coalesce(func.sum(_documents.c.size_bytes), 0),
        )
        .select_from(page.outerjoin(_documents, _documents.c.session_id == page.c.id))
        .group_by(page.c.id, page.c.name, page.c.created_at, page.c.expires_at, page.c.total)
        .order_by(page.c.created_at.desc(), page.c.id)
    )
    async with database.engine.connect() as connection:
        rows = (await connection.execute(statement)).all()
        if rows:
            total = int(rows[0].total)
        elif offset == 0:
            total = 0
        else:
            count = select(func.count()).select_from(_sessions).where(*conditions)
            total = int(await connection.scalar(count) or 0)
    sessions: list[UploadSession] = []
    stats: dict[str, SessionStats] = {}
    for session_id, name, created_at, expires_at, _, documents, pages, total_bytes in rows:
        sessions.append(
            UploadSession(
                id=session_id,
                owner=owner,
                name=name,
                created_at=created_at,
                expires_at=expires_at,
                deleted_at=None,
            )
        )
        stats[session_id] = SessionStats(int(documents), int(pages), int(total_bytes))
    return SessionPage(sessions=sessions, stats=stats, total=total)


async def session_stats(database: Database, session_ids: Sequence[str]) -> dict[str, SessionStats]:
    """Document totals for each of ``session_ids`` (sessions without documents get zeros)."""
    if not session_ids:
        return {}
    is_page = case((Document.kind == DocumentKind.PAGE.value, 1), else_=0)
    statement = (
        select(
            Document.session_id,
            func.count(Document.id),
            func.coalesce(func.sum(is_page), 0),
            func.coalesce(func.sum(Document.size_bytes), 0),
        )
        .where(Document.session_id.in_(session_ids))
        .group_by(Document.session_id)
    )
    stats = {session_id: SessionStats() for session_id in session_ids}
    async with database.sessions() as orm:
        for session_id, documents, pages, total_bytes in await orm.execute(statement):
            stats[session_id] = SessionStats(int(documents), int(pages), int(total_bytes))
    return stats


async def mark_deleted(database: Database, session_id: str, *, owner: str) -> bool:
    """Hide a live session of ``owner`` at once; return False if there was none.

    Only the mark is set here; `cleanup.purge_session` removes rows and files (the API calls
    it right after, and the cleanup job finishes the work if the process dies in between).
    """
    if not is_valid_id(session_id):
        return False
    now = utc_now()
    statement = (
        update(UploadSession)
        .where(UploadSession.id == session_id, *_live(owner, now))
        .values(deleted_at=now)
    )
    async with database.transaction() as orm:
        result = await orm.execute(statement)
    return bool(getattr(result, "rowcount", 0))


async def list_documents(
    database: Database, session_id: str, *, limit: int | None = None, offset: int = 0
) -> tuple[list[Document], int]:
    """Return a session's documents ordered by path, and how many there are in all."""
    page = (
        select(Document)
        .where(Document.session_id == session_id)
        .order_by(Document.path)
        .offset(offset)
    )
    if limit is not None:
        page = page.limit(limit)
    total = select(func.count()).select_from(Document).where(Document.session_id == session_id)
    async with database.sessions() as orm:
        documents = list((await orm.execute(page)).scalars())
        count = (await orm.execute(total)).scalar_one()
    return documents, int(count)


__all__ = [
    "SessionPage",
    "SessionStats",
    "create_session",
    "get_live_session",
    "is_valid_id",
    "list_documents",
    "list_sessions",
    "mark_deleted",
    "session_stats",
]
