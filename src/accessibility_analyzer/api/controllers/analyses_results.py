"""Turning stored results back into what the findings and report endpoints answer.

A report is rendered from the stored rows: the engine's :class:`AnalysisResult` is rebuilt
(pages in path order, each page's findings in the order the engine produced them) and handed
to the renderers of ``accessibility_analyzer.reports``. Rendering a large analysis is CPU
work, so it runs in a thread and the event loop keeps serving other requests meanwhile.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Mapping
from typing import Any

import msgspec

from accessibility_analyzer import __version__
from accessibility_analyzer.api.controllers.analyses_schemas import FindingOut
from accessibility_analyzer.engine.result import (
    AnalysisResult,
    DetailValue,
    DocumentResult,
    Finding,
    Impact,
    Mode,
    Outcome,
    OutcomeCounts,
    RuleInfo,
)
from accessibility_analyzer.jobs.tasks import rule_ids_from_options
from accessibility_analyzer.reports import (
    ReportContext,
    ReportFormat,
    Suggestions,
    render,
    report_filename,
)
from accessibility_analyzer.rules import ALL_RULES, DEFAULT_RULES
from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage import suggestions as suggestion_store
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import Analysis


def _wcag(joined: str) -> list[str]:
    return [item for item in joined.split(",") if item]


def finding_out(row: Mapping[str, Any]) -> FindingOut:
    """The API view of a stored finding row."""
    return FindingOut(
        id=int(row["id"]),
        document_id=row["document_id"],
        path=row["path"],
        rule_id=row["rule_id"],
        outcome=row["outcome"],
        impact=row["impact"],
        wcag=_wcag(row["wcag"] or ""),
        selector=row["selector"],
        xpath=row["xpath"],
        line=row["line"],
        column=row["column"],
        snippet=row["snippet"],
        message=row["message"],
        fix_hint=row["fix_hint"],
        reason=row["reason"],
        mode=row["mode"],
        semi_auto=row["mode"] == Mode.SEMI_AUTO.value,
        question=row["question"],
        details=_details(row["details"]),
        fingerprint=row["fingerprint"],
    )


def _details(stored: Any) -> dict[str, DetailValue] | None:
    """Stored details: a JSON column (decoded by SQLAlchemy) or, from raw rows, its text."""
    if stored is None or isinstance(stored, dict):
        return stored
    decoded: dict[str, DetailValue] = msgspec.json.decode(stored)
    return decoded


def _finding(row: Mapping[Any, Any]) -> Finding:
    return Finding(
        rule_id=row["rule_id"],
        outcome=Outcome(row["outcome"]),
        impact=Impact(row["impact"]),
        wcag=tuple(_wcag(row["wcag"] or "")),
        selector=row["selector"],
        xpath=row["xpath"],
        line=row["line"],
        column=row["column"],
        snippet=row["snippet"],
        message=row["message"],
        fix_hint=row["fix_hint"],
        reason=row["reason"],
        mode=Mode(row["mode"]),
        question=row["question"],
        details=_details(row["details"]),
        fingerprint=row["fingerprint"],
    )


def _counts(stored: Mapping[str, Any]) -> OutcomeCounts:
    return OutcomeCounts(
        passed=int(stored.get("passed", 0)),
        failed=int(stored.get("failed", 0)),
        cant_tell=int(stored.get("cantTell", 0)),
        inapplicable=int(stored.get("inapplicable", 0)),
    )


def rules_run(options: Mapping[str, Any]) -> list[RuleInfo]:
    """Metadata of the rules an analysis ran (its selection, or the default rules)."""
    selected = rule_ids_from_options(options)
    if selected is None:
        return [rule.meta.info() for rule in DEFAULT_RULES]
    wanted = set(selected)
    return [rule.meta.info() for rule in ALL_RULES if rule.meta.id in wanted]


async def load_result(
    database: Database, analysis: Analysis
) -> tuple[AnalysisResult, dict[int, Suggestions]]:
    """Rebuild the engine's result of an analysis from the stored rows, with its suggestions.

    Suggestions come back by page position and finding index, as the report writers take them.
    """
    pages = await repo.load_document_results(database, analysis.id)
    kept = await suggestion_store.suggestions_by_finding(database, analysis.id)
    findings_by_document: dict[str, list[Finding]] = {}
    suggested: dict[str, dict[int, dict[str, Any]]] = {}
    async for row in repo.stream_findings(database, analysis.id):
        on_page = findings_by_document.setdefault(row["document_id"], [])
        payload = kept.get(int(row["id"]))
        if payload is not None:
            suggested.setdefault(row["document_id"], {})[len(on_page)] = payload
        on_page.append(_finding(row))
    documents = [
        DocumentResult(
            path=page["path"],
            title=page["title"],
            findings=findings_by_document.get(page["document_id"], []),
            counts=_counts(page["counts"] or {}),
            error=page["error"],
        )
        for page in pages
    ]
    by_position: dict[int, Suggestions] = {
        position: suggested[page["document_id"]]
        for position, page in enumerate(pages)
        if page["document_id"] in suggested
    }
    return AnalysisResult(documents=documents, rules=rules_run(analysis.options)), by_position


def report_format(name: str) -> ReportFormat:
    """The renderer's format enum for a validated ``format`` query value."""
    return ReportFormat(name)


def filename(fmt: ReportFormat, analysis_id: str) -> str:
    """Download file name of a report."""
    return report_filename(fmt, analysis_id)


async def render_report(database: Database, analysis: Analysis, fmt: str) -> bytes:
    """Render a completed analysis in one format (the caller caches the bytes)."""
    result, suggestions = await load_result(database, analysis)
    context = ReportContext(
        analysis_id=analysis.id,
        session_id=analysis.session_id,
        tool_version=__version__,
        created_at=analysis.created_at,
        finished_at=analysis.finished_at,
        rule_help_uri="/api/v1/rules/",
    )
    rendered = await asyncio.to_thread(
        functools.partial(render, suggestions=suggestions),
        report_format(fmt),
        result,
        context,
    )
    return rendered.body
