"""What a running analysis writes: claims, page results in bulk, summary, final status.

The job side of the analyses repository (``storage.analyses`` is the API side). Results are
written with SQLAlchemy Core, not the ORM: one analysis of 1,000 pages writes 10^5-10^6
finding rows, and building an ORM object per row would cost more than the engine. Rows go in
by COPY on PostgreSQL and by executemany of plain tuples on SQLite.

Writes are idempotent and fenced. Storing a page first deletes whatever an earlier attempt
stored for that page, in the same transaction, so a re-run never duplicates rows. Each
transaction also checks that the analysis's ``attempt`` is still the caller's: when a job is
retried after its worker vanished, a straggling earlier attempt can no longer write.

Every text value from page content goes through ``storage.storable`` on its way in, so any
byte a page holds (NUL, lone surrogates, huge attributes) is stored on both databases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from accessibility_analyzer.engine.result import DocumentResult, Finding
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import AnalysisStatus, Base, DocumentKind
from accessibility_analyzer.storage.storable import (
    RecordMaker,
    optional_text,
    storable,
    storable_text,
)

_analyses: Table = Base.metadata.tables["analyses"]
_document_results: Table = Base.metadata.tables["document_results"]
_findings: Table = Base.metadata.tables["findings"]
_documents: Table = Base.metadata.tables["documents"]

_PATH_LENGTH = 1024  # document_results.path is VARCHAR(1024), like documents.path
# Rows per executemany call on SQLite: large enough to amortise the call, small enough to
# keep one batch's memory modest.
_INSERT_CHUNK = 2_000


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class PageToAnalyse:
    """One page of a session, as the job needs it."""

    document_id: str
    path: str
    storage_key: str


@dataclass(frozen=True, slots=True)
class SiteFile:
    """Any stored file of a session (page or asset): where the engine may read it from."""

    path: str
    storage_key: str


@dataclass(frozen=True, slots=True)
class Claim:
    """An analysis a job has taken on: which attempt it is and what to run."""

    analysis_id: str
    session_id: str
    attempt: int
    options: dict[str, Any]


class StaleAttemptError(RuntimeError):
    """A newer attempt of the same analysis has taken over; this one must stop writing."""


async def claim_analysis(db: Database, analysis_id: str) -> Claim | None:
    """Start (or restart) an analysis: status running, attempt + 1.

    Returns:
        The claim, or ``None`` when there is nothing to do: the analysis is unknown (its
        session was deleted meanwhile) or already finished (a duplicate delivery).
    """
    async with db.engine.begin() as connection:
        row = (
            await connection.execute(
                select(
                    _analyses.c.session_id,
                    _analyses.c.status,
                    _analyses.c.attempt,
                    _analyses.c.options,
                    _analyses.c.started_at,
                ).where(_analyses.c.id == analysis_id)
            )
        ).one_or_none()
        if row is None or row.status in {AnalysisStatus.COMPLETED, AnalysisStatus.FAILED}:
            return None
        attempt = int(row.attempt) + 1
        await connection.execute(
            update(_analyses)
            .where(_analyses.c.id == analysis_id)
            .values(
                status=AnalysisStatus.RUNNING.value,
                attempt=attempt,
                started_at=row.started_at or _now(),
                error=None,
                waiting_reason=None,
            )
        )
    return Claim(
        analysis_id=analysis_id,
        session_id=str(row.session_id),
        attempt=attempt,
        options=dict(row.options or {}),
    )


async def session_files(
    db: Database, session_id: str
) -> tuple[list[PageToAnalyse], list[SiteFile]]:
    """The pages to analyse (ordered by path) and every file of the session."""
    async with db.engine.connect() as connection:
        result = await connection.execute(
            select(_documents.c.id, _documents.c.path, _documents.c.kind, _documents.c.storage_key)
            .where(_documents.c.session_id == session_id)
            .order_by(_documents.c.path)
        )
        pages: list[PageToAnalyse] = []
        files: list[SiteFile] = []
        for row in result:
            files.append(SiteFile(path=row.path, storage_key=row.storage_key))
            if row.kind == DocumentKind.PAGE:
                pages.append(
                    PageToAnalyse(document_id=row.id, path=row.path, storage_key=row.storage_key)
                )
    return pages, files


async def stored_document_ids(db: Database, analysis_id: str) -> set[str]:
    """Pages an earlier attempt already stored (a retried job continues after them)."""
    async with db.engine.connect() as connection:
        result = await connection.execute(
            select(_document_results.c.document_id).where(
                _document_results.c.analysis_id == analysis_id
            )
        )
        return {str(document_id) for document_id in result.scalars()}


async def _fence(
    connection: AsyncConnection, analysis_id: str, attempt: int, **values: Any
) -> None:
    """Update the analysis only if ``attempt`` still owns it, else raise StaleAttemptError.

    Being the first statement of the transaction, the UPDATE also takes the row lock on
    PostgreSQL, so two attempts' batches serialise and the stale one sees it lost.
    """
    result = await connection.execute(
        update(_analyses)
        .where(_analyses.c.id == analysis_id, _analyses.c.attempt == attempt)
        .values(attempt=attempt, **values)  # attempt=attempt: an UPDATE needs a SET clause
    )
    if result.rowcount != 1:
        raise StaleAttemptError(analysis_id)


def _finding_row(analysis_id: str, document_id: str, path: str, finding: Finding) -> dict[str, Any]:
    return {
        "analysis_id": analysis_id,
        "document_id": document_id,
        "path": path,
        "rule_id": finding.rule_id,
        "outcome": finding.outcome.value,
        "impact": finding.impact.value,
        "wcag": ",".join(finding.wcag),
        "selector": finding.selector,
        "xpath": finding.xpath,
        "line": finding.line,
        "column": finding.column,
        "snippet": finding.snippet,
        "message": finding.message,
        "fix_hint": finding.fix_hint,
        "reason": finding.reason,
        "mode": finding.mode.value,
        "question": finding.question,
        # JSON text: both drivers take the column's JSON as a string on the raw paths below
        "details": _json_text(finding.details) if finding.details else None,
        "fingerprint": finding.fingerprint,
    }


def _json_text(value: Any) -> str:
    """JSON text of a value from page content (storable first: UTF-8 and no NUL inside)."""
    return msgspec.json.encode(storable(value)).decode()


_COPY_COLUMNS = (
    "analysis_id",
    "document_id",
    "path",
    "rule_id",
    "outcome",
    "impact",
    "wcag",
    "selector",
    "xpath",
    "line",
    "column",
    "snippet",
    "message",
    "fix_hint",
    "reason",
    "mode",
    "question",
    "details",
    "fingerprint",
)
# Finding rows as storable tuples in the order of _COPY_COLUMNS (both backends use them).
_finding_records = RecordMaker(_findings, _COPY_COLUMNS)


async def _copy_findings(connection: AsyncConnection, rows: Iterable[dict[str, Any]]) -> None:
    """PostgreSQL: COPY the rows in (about ten times the rows per second of INSERT).

    asyncpg's ``copy_records_to_table`` runs on the connection's own transaction, which the
    fence UPDATE has already opened, so the rows commit or roll back with the batch.
    """
    records = _finding_records(rows)
    if not records:
        return
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None  # a live connection inside a transaction
    await driver.copy_records_to_table("findings", records=records, columns=list(_COPY_COLUMNS))


# Plain positional INSERT for executemany: SQLAlchemy's own executemany builds and
# processes a parameter dict per row, which cost more than SQLite's insert itself.
# Columns in the order of _COPY_COLUMNS ("column" is an SQL keyword, hence the quotes).
_INSERT_FINDING_SQL = (
    "INSERT INTO findings (analysis_id, document_id, path, rule_id, outcome, impact, wcag, "
    'selector, xpath, line, "column", snippet, message, fix_hint, reason, mode, question, '
    "details, fingerprint) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


async def _insert_findings(connection: AsyncConnection, rows: Iterable[dict[str, Any]]) -> None:
    """SQLite: executemany of plain tuples, in chunks."""
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= _INSERT_CHUNK:
            await connection.exec_driver_sql(_INSERT_FINDING_SQL, _finding_records(chunk))
            chunk = []
    if chunk:
        await connection.exec_driver_sql(_INSERT_FINDING_SQL, _finding_records(chunk))


def _counts(result: DocumentResult) -> dict[str, int]:
    counts = result.counts
    return {
        "passed": counts.passed,
        "failed": counts.failed,
        "cantTell": counts.cant_tell,
        "inapplicable": counts.inapplicable,
    }


async def store_page_results(
    db: Database,
    analysis_id: str,
    attempt: int,
    results: Sequence[tuple[str, DocumentResult]],
) -> int:
    """Store a batch of page results in one transaction; return the new ``pages_done``.

    Args:
        db: the database.
        analysis_id: the analysis.
        attempt: the caller's attempt (see :func:`claim_analysis`).
        results: ``(document_id, result)`` pairs; the result's ``path`` is the page path.

    Raises:
        StaleAttemptError: a newer attempt owns the analysis; nothing was written.
    """
    document_ids = [document_id for document_id, _ in results]
    async with db.engine.begin() as connection:
        await _fence(connection, analysis_id, attempt)
        await connection.execute(
            delete(_findings).where(
                _findings.c.analysis_id == analysis_id, _findings.c.document_id.in_(document_ids)
            )
        )
        await connection.execute(
            delete(_document_results).where(
                _document_results.c.analysis_id == analysis_id,
                _document_results.c.document_id.in_(document_ids),
            )
        )
        await connection.execute(
            insert(_document_results),
            [
                {
                    "analysis_id": analysis_id,
                    "document_id": document_id,
                    "path": storable_text(result.path, _PATH_LENGTH),
                    "title": optional_text(result.title),
                    "error": optional_text(result.error),
                    "counts": _counts(result),
                }
                for document_id, result in results
            ],
        )
        rows = (
            _finding_row(analysis_id, document_id, result.path, finding)
            for document_id, result in results
            for finding in result.findings
        )
        if connection.dialect.name == "postgresql":
            await _copy_findings(connection, rows)
        else:
            await _insert_findings(connection, rows)
        pages_done = await connection.scalar(
            select(func.count())
            .select_from(_document_results)
            .where(_document_results.c.analysis_id == analysis_id)
        )
        await _fence(connection, analysis_id, attempt, pages_done=int(pages_done or 0))
    return int(pages_done or 0)


async def finish_analysis(
    db: Database, analysis_id: str, attempt: int, summary: dict[str, Any]
) -> None:
    """Mark the analysis completed with its summary."""
    async with db.engine.begin() as connection:
        await _fence(
            connection,
            analysis_id,
            attempt,
            status=AnalysisStatus.COMPLETED.value,
            summary=summary,
            finished_at=_now(),
        )


async def fail_analysis(db: Database, analysis_id: str, attempt: int, error: str) -> None:
    """Mark the analysis failed (time limit, lost files...) with a readable reason."""
    async with db.engine.begin() as connection:
        await _fence(
            connection,
            analysis_id,
            attempt,
            status=AnalysisStatus.FAILED.value,
            error=storable_text(error),
            finished_at=_now(),
        )


__all__ = [
    "Claim",
    "PageToAnalyse",
    "SiteFile",
    "StaleAttemptError",
    "claim_analysis",
    "fail_analysis",
    "finish_analysis",
    "session_files",
    "store_page_results",
    "stored_document_ids",
]
