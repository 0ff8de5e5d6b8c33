"""Analyses as the API sees them: create, read (owner-checked), findings, failure marks.

The job side (claiming an analysis, writing page results in bulk, the summary) is in
``storage.analysis_runs``. Reads are owner-checked: an analysis of another identity, or of
an expired or deleted session, reads as absent, so the API answers 404 alike.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import RowMapping, Table, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import (
    Analysis,
    AnalysisStatus,
    Base,
    DocumentKind,
    new_id,
)
from accessibility_analyzer.storage.sessions import is_valid_id

_analyses: Table = Base.metadata.tables["analyses"]
_document_results: Table = Base.metadata.tables["document_results"]
_findings: Table = Base.metadata.tables["findings"]
_documents: Table = Base.metadata.tables["documents"]
_sessions: Table = Base.metadata.tables["sessions"]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class FindingFilters:
    """Filters of the findings listing; ``None`` means no filter on that column."""

    rule_id: str | None = None
    impact: str | None = None
    outcome: str | None = None
    document: str | None = None  # a document id or a page path
    wcag: str | None = None  # one success criterion, e.g. "1.1.1"


async def live_session_exists(db: Database, session_id: str, owner: str) -> bool:
    """Whether ``owner`` has a session with this id that is neither deleted nor expired."""
    if not is_valid_id(session_id):
        return False
    async with db.engine.connect() as connection:
        found = await connection.scalar(
            select(_sessions.c.id).where(
                _sessions.c.id == session_id,
                _sessions.c.owner == owner,
                _sessions.c.deleted_at.is_(None),
                _sessions.c.expires_at > _now(),
            )
        )
    return found is not None


async def count_pages(db: Database, session_id: str) -> int:
    """Number of pages (not assets) stored in a session."""
    async with db.engine.connect() as connection:
        count = await connection.scalar(
            select(func.count())
            .select_from(_documents)
            .where(_documents.c.session_id == session_id, _documents.c.kind == DocumentKind.PAGE)
        )
    return int(count or 0)


async def create_analysis(
    db: Database, *, session_id: str, owner: str, options: dict[str, Any], pages_total: int
) -> Analysis:
    """Insert a queued analysis and return it."""
    analysis = Analysis(
        id=new_id(),
        session_id=session_id,
        owner=owner,
        status=AnalysisStatus.QUEUED.value,
        options=options,
        pages_total=pages_total,
        pages_done=0,
        attempt=0,
        created_at=_now(),
    )
    async with db.transaction() as session:
        session.add(analysis)
    return analysis


# Built once: a statement's cache key is memoized on the statement object, so reusing it
# skips building the query and hashing its structure on every read of an analysis.
_VISIBLE_ANALYSIS = (
    select(_analyses)
    .join(_sessions, _sessions.c.id == _analyses.c.session_id)
    .where(
        _analyses.c.id == bindparam("analysis_id"),
        _analyses.c.owner == bindparam("owner"),
        _sessions.c.owner == bindparam("owner"),
        _sessions.c.deleted_at.is_(None),
        _sessions.c.expires_at > bindparam("now"),
    )
)


class AnalysisReads:
    """Reads of analyses and their findings on one connection, for one request.

    Every connection costs a pool checkout, a rollback when it is returned and, on SQLite,
    thread hops besides its statements' own; a findings page reads the analysis and then
    the page (and, while it runs, the count), so it opens :func:`reads` once for all.
    """

    def __init__(self, connection: AsyncConnection) -> None:
        """Read through ``connection``."""
        self._connection = connection

    async def analysis(self, analysis_id: str, owner: str) -> Analysis | None:
        """See :func:`get_analysis`."""
        if not is_valid_id(analysis_id):
            return None
        parameters = {"analysis_id": analysis_id, "owner": owner, "now": _now()}
        result = await self._connection.execute(_VISIBLE_ANALYSIS, parameters)
        row = result.mappings().first()
        return None if row is None else Analysis(**row)

    async def findings_page(
        self,
        analysis_id: str,
        filters: FindingFilters,
        *,
        limit: int,
        offset: int = 0,
        after_id: int | None = None,
    ) -> tuple[list[RowMapping], bool]:
        """See :func:`page_findings`."""
        conditions = _finding_conditions(analysis_id, filters)
        if after_id is not None:
            conditions.append(_findings.c.id > after_id)
        result = await self._connection.execute(
            select(_findings)
            .where(*conditions)
            .order_by(_findings.c.id)
            .limit(limit + 1)
            .offset(offset)
        )
        rows = result.mappings().all()  # read-only mappings: no dict copied per row
        return list(rows[:limit]), len(rows) > limit

    async def count_findings(self, analysis_id: str, filters: FindingFilters) -> int:
        """See :func:`count_findings`."""
        total = await self._connection.scalar(
            select(func.count())
            .select_from(_findings)
            .where(*_finding_conditions(analysis_id, filters))
        )
        return int(total or 0)


@asynccontextmanager
async def reads(db: Database) -> AsyncIterator[AnalysisReads]:
    """One connection for several reads (see :class:`AnalysisReads`)."""
    async with db.engine.connect() as connection:
        yield AnalysisReads(connection)


async def get_analysis(db: Database, analysis_id: str, owner: str) -> Analysis | None:
    """The analysis when ``owner`` may see it: theirs, and its session neither deleted nor expired.

    Anything else (unknown id, another identity, an expired session) is ``None``, so the
    API answers 404 alike and never reveals that someone else's analysis exists. Read with
    a Core statement (no ORM session: one statement, one rollback, no identity map); the
    row becomes a detached :class:`Analysis` like the ORM would give.
    """
    if not is_valid_id(analysis_id):
        return None
    async with reads(db) as reader:
        return await reader.analysis(analysis_id, owner)


async def mark_failed(db: Database, analysis_id: str, error: str) -> None:
    """Fail an analysis that is still queued or running, whoever runs it.

    For the cases no attempt can record itself: the queue was unreachable when it was
    created, or the job crashed on something other than a page.
    """
    async with db.engine.begin() as connection:
        await connection.execute(
            update(_analyses)
            .where(
                _analyses.c.id == analysis_id,
                _analyses.c.status.in_([AnalysisStatus.QUEUED, AnalysisStatus.RUNNING]),
            )
            .values(status=AnalysisStatus.FAILED.value, error=error, finished_at=_now())
        )


async def unfinished_analysis_ids(db: Database) -> list[str]:
    """Analyses still queued or running, oldest first (resumed when the API restarts)."""
    async with db.engine.connect() as connection:
        result = await connection.execute(
            select(_analyses.c.id)
            .where(_analyses.c.status.in_([AnalysisStatus.QUEUED, AnalysisStatus.RUNNING]))
            .order_by(_analyses.c.created_at)
        )
        return [str(analysis_id) for analysis_id in result.scalars()]


def _finding_conditions(analysis_id: str, filters: FindingFilters) -> list[Any]:
    conditions: list[Any] = [_findings.c.analysis_id == analysis_id]
    if filters.rule_id is not None:
        conditions.append(_findings.c.rule_id == filters.rule_id)
    if filters.impact is not None:
        conditions.append(_findings.c.impact == filters.impact)
    if filters.outcome is not None:
        conditions.append(_findings.c.outcome == filters.outcome)
    if filters.document is not None:
        conditions.append(
            or_(_findings.c.document_id == filters.document, _findings.c.path == filters.document)
        )
    if filters.wcag is not None:
        # wcag is stored comma-joined ("1.1.1,4.1.2"); match whole items only.
        joined = "," + _findings.c.wcag + ","
        conditions.append(joined.contains(f",{filters.wcag},", autoescape=True))
    return conditions


async def list_findings(
    db: Database, analysis_id: str, filters: FindingFilters, *, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of findings (in storage order) and the total number matching the filters."""
    conditions = _finding_conditions(analysis_id, filters)
    async with db.engine.connect() as connection:
        total = await connection.scalar(
            select(func.count()).select_from(_findings).where(*conditions)
        )
        result = await connection.execute(
            select(_findings)
            .where(*conditions)
            .order_by(_findings.c.id)
            .limit(limit)
            .offset(offset)
        )
        rows = [dict(row) for row in result.mappings()]
    return rows, int(total or 0)


async def page_findings(
    db: Database,
    analysis_id: str,
    filters: FindingFilters,
    *,
    limit: int,
    offset: int = 0,
    after_id: int | None = None,
) -> tuple[list[RowMapping], bool]:
    """One page of findings in storage order, and whether more follow.

    With ``after_id`` (keyset pagination) the page starts right after that finding, read in
    order from the ``(analysis_id, id)`` index: page N costs what page 1 costs. ``offset``
    skips rows instead, which grows with N. One extra row is read to tell whether more
    follow, so no count is needed.
    """
    async with reads(db) as reader:
        return await reader.findings_page(
            analysis_id, filters, limit=limit, offset=offset, after_id=after_id
        )


async def count_findings(db: Database, analysis_id: str, filters: FindingFilters) -> int:
    """How many findings of an analysis match the filters."""
    async with reads(db) as reader:
        return await reader.count_findings(analysis_id, filters)


async def load_document_results(db: Database, analysis_id: str) -> list[dict[str, Any]]:
    """Every stored page result of an analysis, ordered by path."""
    async with db.engine.connect() as connection:
        result = await connection.execute(
            select(_document_results)
            .where(_document_results.c.analysis_id == analysis_id)
            .order_by(_document_results.c.path)
        )
        return [dict(row) for row in result.mappings()]


async def stream_findings(db: Database, analysis_id: str) -> AsyncIterator[RowMapping]:
    """Every finding of an analysis, by document in storage order, fetched in chunks.

    Rows are streamed (server-side cursor on PostgreSQL) so a report of 10^5 findings never
    holds them as rows and as structs at the same time.
    """
    async with db.engine.connect() as connection:
        result = await connection.stream(
            select(_findings)
            .where(_findings.c.analysis_id == analysis_id)
            .order_by(_findings.c.document_id, _findings.c.id)
            .execution_options(yield_per=5_000)
        )
        async for row in result.mappings():
            yield row


__all__ = [
    "AnalysisReads",
    "FindingFilters",
    "count_findings",
    "count_pages",
    "create_analysis",
    "get_analysis",
    "list_findings",
    "live_session_exists",
    "load_document_results",
    "mark_failed",
    "page_findings",
    "reads",
    "stream_findings",
    "unfinished_analysis_ids",
]
