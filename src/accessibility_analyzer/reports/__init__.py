"""Report renderers: an engine result as JSON, HTML, SARIF 2.1.0, CSV or EARL.

Pure functions of an :class:`~accessibility_analyzer.engine.result.AnalysisResult` and a
:class:`ReportContext`; no I/O, no framework. The API's report endpoint and
``a11y check --format`` both call :func:`render`.

Example:
    >>> report = render(ReportFormat.SARIF, result, context)  # doctest: +SKIP
    >>> report.media_type, report.filename  # doctest: +SKIP
    ('application/sarif+json', 'accessibility-report-<id>.sarif')
"""

from __future__ import annotations

from collections.abc import Callable

from accessibility_analyzer.engine.result import AnalysisResult
from accessibility_analyzer.reports.csv_report import render_csv
from accessibility_analyzer.reports.earl import render_earl
from accessibility_analyzer.reports.html_report import render_html
from accessibility_analyzer.reports.json_report import JsonReport, render_json
from accessibility_analyzer.reports.model import (
    RenderedReport,
    ReportContext,
    ReportFormat,
    report_filename,
)
from accessibility_analyzer.reports.sarif import render_sarif
from accessibility_analyzer.reports.summary import ReportSummary, summarize

Renderer = Callable[[AnalysisResult, ReportContext], bytes]

RENDERERS: dict[ReportFormat, Renderer] = {
    ReportFormat.JSON: render_json,
    ReportFormat.HTML: render_html,
    ReportFormat.SARIF: render_sarif,
    ReportFormat.CSV: render_csv,
    ReportFormat.EARL: render_earl,
}


def render(fmt: ReportFormat, result: AnalysisResult, context: ReportContext) -> RenderedReport:
    """Render an analysis result in one format.

    Args:
        fmt: the format (a plain string such as ``"sarif"`` is accepted too).
        result: the engine's result.
        context: analysis metadata the report states.

    Returns:
        The report's bytes, media type and download file name.

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    report_format = ReportFormat(fmt)
    body = RENDERERS[report_format](result, context)
    return RenderedReport(
        body=body,
        media_type=report_format.media_type,
        filename=report_filename(report_format, context.analysis_id),
    )


__all__ = [
    "RENDERERS",
    "JsonReport",
    "RenderedReport",
    "ReportContext",
    "ReportFormat",
    "ReportSummary",
    "render",
    "report_filename",
    "summarize",
]
