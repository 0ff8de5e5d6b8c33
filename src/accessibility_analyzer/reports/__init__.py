"""Report writers: an analysis as text, JSON, JSON Lines, HTML, SARIF 2.1.0, CSV or EARL.

Every format is a streaming :class:`ReportWriter` (``start`` with a :class:`ReportHeader`,
``document`` per page, ``finish``), so a report of any size is written with one page in
memory at a time. The formats, their media types and extensions are in one registry
(:data:`FORMATS`). No I/O, no framework: the API's report endpoint and ``a11y check
--format`` both drive these writers.

Example, streaming pages as they finish::

    writer = open_writer("json", include_passed=False)
    out.write(writer.start(ReportHeader(context=context, rules=rules)))
    for page in pages:
        out.write(writer.document(page))
    out.write(writer.finish())

or, the same in one call: ``write_report("json", header, pages, out)``. :func:`render`
builds a whole report in memory from an :class:`AnalysisResult` (small results, tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO

import msgspec

from accessibility_analyzer.engine.result import AnalysisResult, DocumentResult
from accessibility_analyzer.reports.json_report import JsonDocument, JsonReport
from accessibility_analyzer.reports.model import RenderedReport, ReportContext
from accessibility_analyzer.reports.registry import (
    FORMAT_NAMES,
    FORMATS,
    FormatSpec,
    PassedFindings,
    ReportFormat,
    open_writer,
    report_filename,
)
from accessibility_analyzer.reports.summary import (
    ImpactCounts,
    ReportSummary,
    SummaryCounter,
    summarize,
)
from accessibility_analyzer.reports.writer import (
    ReportHeader,
    ReportWriter,
    Suggestion,
    Suggestions,
)


def iter_report(
    fmt: ReportFormat | str,
    header: ReportHeader,
    documents: Iterable[DocumentResult],
    *,
    include_passed: bool = False,
    suggestions: Mapping[int, Suggestions] | None = None,
) -> Iterator[bytes]:
    """The report's bytes, chunk by chunk, pulling one page from ``documents`` at a time.

    Args:
        fmt: the format (enum or plain name).
        header: metadata and rules (and the page paths, when known up front).
        documents: the pages in report order; consumed lazily.
        include_passed: list passed and inapplicable findings where that is optional.
        suggestions: fix suggestions by page position (then by finding index, see
            :mod:`reports.writer`), shown next to their findings where a format can.

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    writer = open_writer(fmt, include_passed=include_passed)
    yield writer.start(header)
    for position, document in enumerate(documents):
        chunk = writer.document(document, (suggestions or {}).get(position))
        if chunk:
            yield chunk
    yield writer.finish()


def write_report(
    fmt: ReportFormat | str,
    header: ReportHeader,
    documents: Iterable[DocumentResult],
    out: BinaryIO,
    *,
    include_passed: bool = False,
) -> None:
    """Write a whole report to a binary stream (a file, ``sys.stdout.buffer``) as it goes."""
    for chunk in iter_report(fmt, header, documents, include_passed=include_passed):
        out.write(chunk)


def render(
    fmt: ReportFormat | str,
    result: AnalysisResult,
    context: ReportContext,
    *,
    include_passed: bool = False,
    suggestions: Mapping[int, Suggestions] | None = None,
) -> RenderedReport:
    """Render a whole in-memory result in one format (the HTML summary and contents first).

    Args:
        fmt: the format (a plain string such as ``"sarif"`` is accepted too).
        result: the engine's result.
        context: analysis metadata the report states.
        include_passed: list passed and inapplicable findings where that is optional.
        suggestions: fix suggestions by page position and finding index.

    Returns:
        The report's bytes, media type and download file name.

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    report_format = ReportFormat(fmt)
    if report_format is ReportFormat.HTML and context.summary is None:
        context = msgspec.structs.replace(context, summary=summarize(result))
    header = ReportHeader(
        context=context,
        rules=result.rules,
        pages=[document.path for document in result.documents],
    )
    chunks = iter_report(
        report_format,
        header,
        result.documents,
        include_passed=include_passed,
        suggestions=suggestions,
    )
    return RenderedReport(
        body=b"".join(chunks),
        media_type=report_format.media_type,
        filename=report_filename(report_format, context.analysis_id),
    )


__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "FormatSpec",
    "ImpactCounts",
    "JsonDocument",
    "JsonReport",
    "PassedFindings",
    "RenderedReport",
    "ReportContext",
    "ReportFormat",
    "ReportHeader",
    "ReportSummary",
    "ReportWriter",
    "Suggestion",
    "Suggestions",
    "SummaryCounter",
    "iter_report",
    "open_writer",
    "render",
    "report_filename",
    "summarize",
    "write_report",
]
