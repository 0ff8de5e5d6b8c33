"""CSV report: one row per finding, for spreadsheets and quick filtering.

RFC 4180 quoting (CRLF rows, fields with commas, quotes or line breaks quoted), UTF-8 with a
byte order mark so spreadsheet programs pick the right encoding. Cells that a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) get a
leading ``'`` (OWASP's advice against CSV injection): page content reaches these cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from accessibility_analyzer.engine.result import DocumentResult, Finding
from accessibility_analyzer.reports._text import describe_values, scrub
from accessibility_analyzer.reports.writer import ReportHeader, ReportWriter, Suggestions

CSV_COLUMNS = (
    "path",
    "rule_id",
    "outcome",
    "impact",
    "wcag",
    "line",
    "column",
    "selector",
    "xpath",
    "message",
    "fix_hint",
    "reason",
    "snippet",
    "mode",
    "question",
    "details",
    "fingerprint",
)
"""The header row, in column order. ``wcag`` lists the criteria separated by spaces;
``details`` the measured values as ``name=value`` pairs separated by ``; ``
(``contrastRatio=2.51; expectedRatio=4.5``)."""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a cell as a formula."""


def neutralise_formula(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would evaluate; other cells pass unchanged."""
    return f"'{cell}" if cell.startswith(FORMULA_TRIGGERS) else cell


def finding_row(path: str, finding: Finding) -> list[str]:
    """The CSV cells of one finding (before formula neutralising), in ``CSV_COLUMNS`` order."""
    return [
        path,
        finding.rule_id,
        str(finding.outcome),
        str(finding.impact),
        " ".join(finding.wcag),
        "" if finding.line is None else str(finding.line),
        "" if finding.column is None else str(finding.column),
        finding.selector or "",
        finding.xpath or "",
        finding.message,
        finding.fix_hint or "",
        finding.reason or "",
        finding.snippet or "",
        str(finding.mode),
        finding.question or "",
        describe_values(finding.details) if finding.details else "",
        finding.fingerprint or "",
    ]


class CsvWriter(ReportWriter):
    """Every finding of every page as a CSV row under a header row, a page at a time.

    The CSV is a flat finding list: analysis metadata has no column, and every outcome has
    its rows (a spreadsheet filters them), whatever ``include_passed`` says.
    """

    def start(self, header: ReportHeader) -> bytes:
        """The byte order mark and the header row."""
        del header
        return _rows([list(CSV_COLUMNS)]).encode("utf-8-sig")

    def document(self, document: DocumentResult, suggestions: Suggestions | None = None) -> bytes:
        """The page's rows (suggestions have no column)."""
        del suggestions
        rows = (
            [neutralise_formula(scrub(cell)) for cell in finding_row(document.path, finding)]
            for finding in document.findings
        )
        return _rows(rows).encode("utf-8")

    def finish(self) -> bytes:
        """Nothing: the rows are the report."""
        return b""


def _rows(rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()
