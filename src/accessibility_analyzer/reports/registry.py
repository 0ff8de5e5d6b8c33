"""The one registry of report formats: name, media type, extension, writer, passes policy.

Everything that lists formats derives from :data:`FORMATS`: the API's ``format`` query
parameter (:class:`ReportFormat`), the response media types, ``a11y check --format``
choices (:data:`FORMAT_NAMES`) and download file names (:func:`report_filename`). A new
format is one :class:`ReportWriter` subclass and one entry here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from accessibility_analyzer.reports.csv_report import CsvWriter
from accessibility_analyzer.reports.earl import EarlWriter
from accessibility_analyzer.reports.html_report import HtmlWriter
from accessibility_analyzer.reports.json_report import JsonLinesWriter, JsonWriter
from accessibility_analyzer.reports.sarif import SarifWriter
from accessibility_analyzer.reports.text_report import TextWriter
from accessibility_analyzer.reports.writer import ReportWriter


class ReportFormat(StrEnum):
    """The report formats the service and ``a11y check --format`` offer (see :data:`FORMATS`)."""

    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    HTML = "html"
    SARIF = "sarif"
    CSV = "csv"
    EARL = "earl"

    @property
    def spec(self) -> FormatSpec:
        """This format's registry entry."""
        return FORMATS[self]

    @property
    def media_type(self) -> str:
        """The HTTP ``Content-Type`` of a report in this format."""
        return FORMATS[self].media_type

    @property
    def extension(self) -> str:
        """File name extension of a downloaded report (without the dot)."""
        return FORMATS[self].extension


class PassedFindings(StrEnum):
    """What a format does with passed and inapplicable findings."""

    LISTED = "listed"
    """Always listed (EARL: ACT reports need every outcome; CSV: a spreadsheet filters)."""
    OPTIONAL = "optional"
    """Counted per page and rule; listed only with ``include_passed`` (JSON, JSON Lines)."""
    COUNTED = "counted"
    """Counted, never listed (HTML, SARIF, text: every entry is something to act on)."""


WriterFactory = Callable[..., ReportWriter]
"""A writer class or function: ``factory(include_passed=...)`` gives a fresh writer."""


@dataclass(frozen=True, slots=True)
class FormatSpec:
    """One report format.

    Attributes:
        name: the format's name (``--format`` value, ``format`` query value).
        media_type: HTTP ``Content-Type`` of the report.
        extension: file name extension of a downloaded report, without the dot.
        writer: makes a fresh streaming writer, ``writer(include_passed=...)``.
        passed: what the format does with passed and inapplicable findings.
    """

    name: ReportFormat
    media_type: str
    extension: str
    writer: WriterFactory
    passed: PassedFindings

    def new_writer(self, *, include_passed: bool = False) -> ReportWriter:
        """A fresh writer of this format (``include_passed`` matters for OPTIONAL only)."""
        return self.writer(include_passed=include_passed)

    def lists_passed(self, *, include_passed: bool = False) -> bool:
        """Whether a report of this format shows passed findings one by one (with their
        locations), rather than only counting them."""
        return self.passed is PassedFindings.LISTED or (
            self.passed is PassedFindings.OPTIONAL and include_passed
        )


FORMATS: dict[ReportFormat, FormatSpec] = {
    spec.name: spec
    for spec in (
        FormatSpec(
            name=ReportFormat.TEXT,
            media_type="text/plain; charset=utf-8",
            extension="txt",
            writer=TextWriter,
            passed=PassedFindings.COUNTED,
        ),
        FormatSpec(
            name=ReportFormat.JSON,
            media_type="application/json",
            extension="json",
            writer=JsonWriter,
            passed=PassedFindings.OPTIONAL,
        ),
        FormatSpec(
            name=ReportFormat.JSONL,
            # Not registered with IANA; the name JSON Lines tools use.
            media_type="application/jsonl",
            extension="jsonl",
            writer=JsonLinesWriter,
            passed=PassedFindings.OPTIONAL,
        ),
        FormatSpec(
            name=ReportFormat.HTML,
            media_type="text/html; charset=utf-8",
            extension="html",
            writer=HtmlWriter,
            passed=PassedFindings.COUNTED,
        ),
        FormatSpec(
            name=ReportFormat.SARIF,
            # Registered with IANA for SARIF 2.1.0 logs.
            media_type="application/sarif+json",
            extension="sarif",
            writer=SarifWriter,
            passed=PassedFindings.COUNTED,
        ),
        FormatSpec(
            name=ReportFormat.CSV,
            media_type="text/csv; charset=utf-8; header=present",
            extension="csv",
            writer=CsvWriter,
            passed=PassedFindings.LISTED,
        ),
        FormatSpec(
            name=ReportFormat.EARL,
            media_type="application/ld+json",
            extension="jsonld",
            writer=EarlWriter,
            passed=PassedFindings.LISTED,
        ),
    )
}

FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)
"""Every format name, in registry order (``a11y check --format`` choices)."""


def open_writer(fmt: ReportFormat | str, *, include_passed: bool = False) -> ReportWriter:
    """A fresh streaming writer for a format named by enum or plain string.

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    return FORMATS[ReportFormat(fmt)].new_writer(include_passed=include_passed)


_UNSAFE_FILENAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def report_filename(fmt: ReportFormat, analysis_id: str) -> str:
    """A safe download file name for a report (no path separators, quotes or spaces).

    Args:
        fmt: the report format (gives the extension).
        analysis_id: the analysis id; characters outside ``[A-Za-z0-9._-]`` are replaced.

    Returns:
        ``accessibility-report-<id>.<ext>``, or ``accessibility-report.<ext>`` when the id
        has no usable characters.
    """
    safe_id = _UNSAFE_FILENAME_CHARS.sub("-", analysis_id).strip(".-")[:80]
    stem = f"accessibility-report-{safe_id}" if safe_id else "accessibility-report"
    return f"{stem}.{ReportFormat(fmt).extension}"
