"""CSV report: one row per finding, for spreadsheets and quick filtering.

RFC 4180 quoting (CRLF rows, fields with commas, quotes or line breaks quoted), UTF-8 with a
byte order mark so spreadsheet programs pick the right encoding. Cells that a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) get a
leading ``'`` (OWASP's advice against CSV injection): page content reaches these cells.
"""

from __future__ import annotations

import csv
import io

from accessibility_analyzer.engine.result import AnalysisResult, Finding
from accessibility_analyzer.reports._text import scrub
from accessibility_analyzer.reports.model import ReportContext

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
)
"""The header row, in column order. ``wcag`` lists the criteria separated by spaces."""

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
    ]


def render_csv(result: AnalysisResult, context: ReportContext) -> bytes:
    """Render every finding of every page as a CSV row under a header row.

    Args:
        result: the engine's result.
        context: unused beyond the common renderer signature; the CSV holds findings only.

    Returns:
        UTF-8 bytes with a byte order mark.
    """
    del context  # the CSV is a flat finding list; analysis metadata has no column
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for document in result.documents:
        for finding in document.findings:
            row = finding_row(document.path, finding)
            writer.writerow([neutralise_formula(scrub(cell)) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")
