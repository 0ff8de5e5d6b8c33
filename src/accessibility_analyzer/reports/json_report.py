"""JSON report: the engine's result shape plus the session, the analysis and a summary.

``documents`` and ``rules`` are exactly :class:`~accessibility_analyzer.engine.result.
AnalysisResult`'s, so a consumer of ``a11y check --format json`` reads this report too.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from accessibility_analyzer.engine.result import AnalysisResult, DocumentResult, RuleInfo
from accessibility_analyzer.reports._text import encode_json
from accessibility_analyzer.reports.model import ReportContext
from accessibility_analyzer.reports.summary import ReportSummary, summarize

JSON_REPORT_VERSION = 1
"""Bumped when a field changes meaning or goes away (new fields do not bump it)."""


class ToolInfo(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """The analyzer that produced the findings."""

    name: str
    version: str


class SessionInfo(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """The session the pages were uploaded into."""

    id: str


class AnalysisInfo(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    """The analysis this report is about."""

    id: str
    created_at: datetime
    finished_at: datetime | None


class JsonReport(msgspec.Struct, kw_only=True, rename="camel"):
    """The whole JSON report; ``msgspec.json.decode(body, type=JsonReport)`` reads one back."""

    report_version: int
    tool: ToolInfo
    session: SessionInfo
    analysis: AnalysisInfo
    summary: ReportSummary
    documents: list[DocumentResult]
    rules: list[RuleInfo]


def build_json_report(result: AnalysisResult, context: ReportContext) -> JsonReport:
    """Assemble the report structure (summary computed unless the context carries one)."""
    return JsonReport(
        report_version=JSON_REPORT_VERSION,
        tool=ToolInfo(name=context.tool_name, version=context.tool_version),
        session=SessionInfo(id=context.session_id),
        analysis=AnalysisInfo(
            id=context.analysis_id,
            created_at=context.created_at,
            finished_at=context.finished_at,
        ),
        summary=context.summary or summarize(result),
        documents=result.documents,
        rules=result.rules,
    )


def render_json(result: AnalysisResult, context: ReportContext) -> bytes:
    """Render the JSON report as UTF-8 bytes."""
    return encode_json(build_json_report(result, context))
