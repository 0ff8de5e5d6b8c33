"""render(): one entry point for every format, with media types and safe file names."""

from __future__ import annotations

import pytest

from accessibility_analyzer.engine.result import AnalysisResult
from accessibility_analyzer.reports import (
    RENDERERS,
    ReportContext,
    ReportFormat,
    render,
    report_filename,
)

MEDIA_TYPES = {
    ReportFormat.JSON: "application/json",
    ReportFormat.HTML: "text/html; charset=utf-8",
    ReportFormat.SARIF: "application/sarif+json",
    ReportFormat.CSV: "text/csv; charset=utf-8; header=present",
    ReportFormat.EARL: "application/ld+json",
}


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_every_format_renders(
    fmt: ReportFormat, edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Each format gives non-empty UTF-8 bytes, its media type and a matching file name."""
    report = render(fmt, edge_result, context)
    assert report.media_type == MEDIA_TYPES[fmt]
    assert report.filename == f"accessibility-report-an_0123456789.{fmt.extension}"
    assert report.body.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_every_format_renders_an_empty_result(
    fmt: ReportFormat, empty_result: AnalysisResult, context: ReportContext
) -> None:
    """No pages is a valid report too."""
    assert render(fmt, empty_result, context).body


def test_plain_strings_name_formats(edge_result: AnalysisResult, context: ReportContext) -> None:
    """A query parameter's string works as the format; an unknown one is a ValueError."""
    assert render("sarif", edge_result, context).media_type == "application/sarif+json"  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="pdf"):
        render("pdf", edge_result, context)  # type: ignore[arg-type]


def test_every_format_has_a_renderer() -> None:
    """The dispatch table is complete."""
    assert set(RENDERERS) == set(ReportFormat)


@pytest.mark.parametrize(
    ("analysis_id", "expected"),
    [
        ("an_123", "accessibility-report-an_123.csv"),
        ('../../etc/"passwd"\r\n', "accessibility-report-etc-passwd.csv"),
        ("...", "accessibility-report.csv"),
        ("ünï côdé", "accessibility-report-n-c-d.csv"),
    ],
)
def test_filenames_are_safe(analysis_id: str, expected: str) -> None:
    """Download names never carry path separators, quotes, spaces or control characters."""
    assert report_filename(ReportFormat.CSV, analysis_id) == expected
