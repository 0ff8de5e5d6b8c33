"""What a streamed report reads: pages, each page's findings in keyset batches, counts.

A report is read a page at a time so the server never holds an analysis's findings: one
query per batch of a page's findings (``id > last`` in id order, the engine's order), each
on a connection taken from the pool only for that query, so a slow download holds no
connection while it waits for the client.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from sqlalchemy import RowMapping, Table, func, select

from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import Base

_document_results: Table = Base.metadata.tables["document_results"]
_findings: Table = Base.metadata.tables["findings"]

FINDINGS_BATCH = 2_000
"""Findings per query: a typical page in one round trip, a huge page in a few."""


async def report_pages(db: Database, analysis_id: str) -> list[dict[str, Any]]:
    """Every stored page result of an analysis (no findings), ordered by path."""
    async with db.engine.connect() as connection:
        result = await connection.execute(
            select(_document_results)
            .where(_document_results.c.analysis_id == analysis_id)
            .order_by(_document_results.c.path, _document_results.c.document_id)
        )
        return [dict(row) for row in result.mappings()]


async def page_findings(
    db: Database, analysis_id: str, document_id: str, *, batch: int = FINDINGS_BATCH
) -> AsyncIterator[Sequence[RowMapping]]:
    """One page's findings in id order, ``batch`` rows per query (keyset: ``id > last``)."""
    last_id = 0
    while True:
        async with db.engine.connect() as connection:
            result = await connection.execute(
                select(_findings)
                .where(
                    _findings.c.analysis_id == analysis_id,
                    _findings.c.document_id == document_id,
                    _findings.c.id > last_id,
                )
                .order_by(_findings.c.id)
                .limit(batch)
            )
            rows = result.mappings().all()
        if rows:
            yield rows
        if len(rows) < batch:
            return
        last_id = int(rows[-1]["id"])


async def finding_groups(db: Database, analysis_id: str) -> list[tuple[str, str, str, str, int]]:
    """Findings counted by (rule, outcome, impact, criteria), in SQL: a report's summary."""
    async with db.engine.connect() as connection:
        result = await connection.execute(
            select(
                _findings.c.rule_id,
                _findings.c.outcome,
                _findings.c.impact,
                _findings.c.wcag,
                func.count(),
            )
            .where(_findings.c.analysis_id == analysis_id)
            .group_by(
                _findings.c.rule_id, _findings.c.outcome, _findings.c.impact, _findings.c.wcag
            )
        )
        return [
            (str(rule_id), str(outcome), str(impact), str(wcag or ""), int(count))
            for rule_id, outcome, impact, wcag, count in result
        ]


__all__ = ["FINDINGS_BATCH", "finding_groups", "page_findings", "report_pages"]
