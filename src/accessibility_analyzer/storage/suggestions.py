"""Suggested fixes: what a suggestion needs to know of a finding, and where suggestions are kept.

A suggestion is about one stored finding. The caller reads it with :func:`finding_to_fix`
(owner-checked through the analysis, so someone else's finding reads as absent), the failures
its page had (the re-check compares against them), and the files of the session (the page
and its stylesheets). Suggestions are stored one per finding (:func:`save_suggestion`
replaces an earlier one) and read back by page for the reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, insert, select, update

from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import Base, utc_now
from accessibility_analyzer.storage.storable import storable

_findings: Table = Base.metadata.tables["findings"]
_documents: Table = Base.metadata.tables["documents"]
_suggestions: Table = Base.metadata.tables["suggestions"]
_analyses: Table = Base.metadata.tables["analyses"]

__all__ = [
    "StoredFinding",
    "failed_findings",
    "failures_of_document",
    "finding_of_analysis",
    "record_progress",
    "save_suggestion",
    "suggestions_by_finding",
]


@dataclass(frozen=True, slots=True)
class StoredFinding:
    """The columns of a stored finding a suggestion uses."""

    id: int
    document_id: str
    path: str
    rule_id: str
    outcome: str
    wcag: tuple[str, ...]
    xpath: str | None
    message: str
    reason: str | None
    fix_hint: str | None
    storage_key: str | None  # the page's file in the session's folder


def _stored(row: Mapping[Any, Any]) -> StoredFinding:
    return StoredFinding(
        id=int(row["id"]),
        document_id=row["document_id"],
        path=row["path"],
        rule_id=row["rule_id"],
        outcome=row["outcome"],
        wcag=tuple(item for item in (row["wcag"] or "").split(",") if item),
        xpath=row["xpath"],
        message=row["message"],
        reason=row["reason"],
        fix_hint=row["fix_hint"],
        storage_key=row["storage_key"],
    )


def _finding_query() -> Any:
    return select(
        _findings.c.id,
        _findings.c.document_id,
        _findings.c.path,
        _findings.c.rule_id,
        _findings.c.outcome,
        _findings.c.wcag,
        _findings.c.xpath,
        _findings.c.message,
        _findings.c.reason,
        _findings.c.fix_hint,
        _documents.c.storage_key,
    ).select_from(_findings.outerjoin(_documents, _documents.c.id == _findings.c.document_id))


async def finding_of_analysis(
    db: Database, analysis_id: str, finding_id: int
) -> StoredFinding | None:
    """The finding with this id in this analysis (the caller checked the analysis's owner)."""
    async with db.engine.connect() as connection:
        row = (
            (
                await connection.execute(
                    _finding_query().where(
                        _findings.c.analysis_id == analysis_id, _findings.c.id == finding_id
                    )
                )
            )
            .mappings()
            .first()
        )
    return None if row is None else _stored(row)


async def failed_findings(db: Database, analysis_id: str) -> list[StoredFinding]:
    """Every failed finding of the analysis, by page then position."""
    async with db.engine.connect() as connection:
        rows = (
            await connection.execute(
                _finding_query()
                .where(_findings.c.analysis_id == analysis_id, _findings.c.outcome == "failed")
                .order_by(_findings.c.path, _findings.c.id)
            )
        ).mappings()
        return [_stored(row) for row in rows]


async def failures_of_document(
    db: Database, analysis_id: str, document_id: str
) -> frozenset[tuple[str, str | None]]:
    """``(rule id, xpath)`` of every failure stored for one page of the analysis."""
    async with db.engine.connect() as connection:
        rows = await connection.execute(
            select(_findings.c.rule_id, _findings.c.xpath).where(
                _findings.c.analysis_id == analysis_id,
                _findings.c.document_id == document_id,
                _findings.c.outcome == "failed",
            )
        )
        return frozenset((row.rule_id, row.xpath) for row in rows)


async def save_suggestion(
    db: Database, analysis_id: str, finding_id: int, document_id: str, payload: dict[str, Any]
) -> None:
    """Keep the suggestion of one finding (replacing an earlier one)."""
    async with db.engine.begin() as connection:
        await connection.execute(
            delete(_suggestions).where(
                _suggestions.c.analysis_id == analysis_id,
                _suggestions.c.finding_id == finding_id,
            )
        )
        await connection.execute(
            insert(_suggestions).values(
                analysis_id=analysis_id,
                finding_id=finding_id,
                document_id=document_id,
                payload=storable(payload),
                created_at=utc_now(),
            )
        )


async def suggestions_by_finding(
    db: Database, analysis_id: str, finding_ids: Iterable[int] | None = None
) -> dict[int, dict[str, Any]]:
    """Stored suggestions of the analysis by finding id (only these ids when given)."""
    query = select(_suggestions.c.finding_id, _suggestions.c.payload).where(
        _suggestions.c.analysis_id == analysis_id
    )
    if finding_ids is not None:
        wanted = list(finding_ids)
        if not wanted:
            return {}
        query = query.where(_suggestions.c.finding_id.in_(wanted))
    async with db.engine.connect() as connection:
        rows = await connection.execute(query)
        return {int(row.finding_id): dict(row.payload) for row in rows}


async def record_progress(db: Database, analysis_id: str, done: int, total: int) -> None:
    """How many of the analysis's failures have their suggestion so far."""
    async with db.engine.begin() as connection:
        await connection.execute(
            update(_analyses)
            .where(_analyses.c.id == analysis_id)
            .values(suggestions_done=done, suggestions_total=total)
        )
