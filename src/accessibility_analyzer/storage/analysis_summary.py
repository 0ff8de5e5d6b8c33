"""The summary of a finished analysis, counted in SQL from its stored results."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, func, select

from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import Base

_document_results: Table = Base.metadata.tables["document_results"]
_findings: Table = Base.metadata.tables["findings"]

_OUTCOMES = ("passed", "failed", "cantTell", "inapplicable")
_IMPACTS = ("critical", "serious", "moderate", "minor")


async def compute_summary(db: Database, analysis_id: str) -> dict[str, Any]:
    """Count an analysis's stored results, in SQL (the findings never come into memory).

    The names follow the reports' summary (``reports.summary.ReportSummary``): pages,
    pages with errors, findings, by outcome, failed and cantTell findings by impact, and
    findings by rule and outcome.
    """
    async with db.engine.connect() as connection:
        by_rule_outcome = await connection.execute(
            select(_findings.c.rule_id, _findings.c.outcome, func.count())
            .where(_findings.c.analysis_id == analysis_id)
            .group_by(_findings.c.rule_id, _findings.c.outcome)
        )
        by_impact = await connection.execute(
            select(_findings.c.impact, _findings.c.outcome, func.count())
            .where(
                _findings.c.analysis_id == analysis_id,
                _findings.c.outcome.in_(["failed", "cantTell"]),
            )
            .group_by(_findings.c.impact, _findings.c.outcome)
        )
        pages = (
            await connection.execute(
                select(func.count(), func.count(_document_results.c.error)).where(
                    _document_results.c.analysis_id == analysis_id
                )
            )
        ).one()
        outcomes = dict.fromkeys(_OUTCOMES, 0)
        rules: dict[str, dict[str, int]] = {}
        for rule_id, outcome, count in by_rule_outcome:
            outcomes[outcome] = outcomes.get(outcome, 0) + int(count)
            rules.setdefault(rule_id, dict.fromkeys(_OUTCOMES, 0))[outcome] = int(count)
        impacts = {impact: {"failed": 0, "cantTell": 0} for impact in _IMPACTS}
        for impact, outcome, count in by_impact:
            impacts.setdefault(impact, {"failed": 0, "cantTell": 0})[outcome] = int(count)
    return {
        "documents": int(pages[0]),
        "documentsWithErrors": int(pages[1]),
        "findings": sum(outcomes.values()),
        "byOutcome": outcomes,
        "byImpact": impacts,
        "byRule": dict(sorted(rules.items())),
    }


__all__ = ["compute_summary"]
