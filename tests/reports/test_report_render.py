"""render() and the format registry: one entry per format, media types, safe file names."""

from __future__ import annotations

import pytest

from accessibility_analyzer.engine.result import AnalysisResult
from accessibility_analyzer.reports import (
    FORMAT_NAMES,
    FORMATS,
    PassedFindings,
    ReportContext,
    ReportFormat,
    ReportWriter,
    open_writer,
    render,
    report_filename,
)

MEDIA_TYPES = {
    ReportFormat.TEXT: "text/plain; charset=utf-8",
    ReportFormat.JSON: "application/json",
    ReportFormat.JSONL: "application/jsonl",
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


@pytest.mark.parametrize("fmt", [fmt for fmt in ReportFormat if fmt is not ReportFormat.JSONL])
def test_every_format_renders_an_empty_result(
    fmt: ReportFormat, empty_result: AnalysisResult, context: ReportContext
) -> None:
    """No pages is a valid report too (JSON Lines of no pages is empty, as it should be)."""
    assert render(fmt, empty_result, context).body


def test_plain_strings_name_formats(edge_result: AnalysisResult, context: ReportContext) -> None:
    """A query parameter's string works as the format; an unknown one is a ValueError."""
    assert render("sarif", edge_result, context).media_type == "application/sarif+json"
    with pytest.raises(ValueError, match="pdf"):
        render("pdf", edge_result, context)
    with pytest.raises(ValueError, match="pdf"):
        open_writer("pdf")


def test_the_registry_is_complete_and_consistent() -> None:
    """Every format has one entry whose name is its key, a writer and a unique extension."""
    assert set(FORMATS) == set(ReportFormat)
    assert tuple(fmt.value for fmt in ReportFormat) == FORMAT_NAMES
    assert len({spec.extension for spec in FORMATS.values()}) == len(FORMATS)
    for fmt, spec in FORMATS.items():
        assert spec.name is fmt
        assert fmt.media_type == spec.media_type == MEDIA_TYPES[fmt]
        assert isinstance(spec.new_writer(), ReportWriter)
        assert isinstance(open_writer(fmt.value, include_passed=True), ReportWriter)


def test_what_each_format_does_with_passes() -> None:
    """JSON and JSON Lines list passes on request; EARL and CSV always; the rest never."""
    policies = {fmt: spec.passed for fmt, spec in FORMATS.items()}
    assert policies == {
        ReportFormat.TEXT: PassedFindings.COUNTED,
        ReportFormat.JSON: PassedFindings.OPTIONAL,
        ReportFormat.JSONL: PassedFindings.OPTIONAL,
        ReportFormat.HTML: PassedFindings.COUNTED,
        ReportFormat.SARIF: PassedFindings.COUNTED,
        ReportFormat.CSV: PassedFindings.LISTED,
        ReportFormat.EARL: PassedFindings.LISTED,
    }


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
